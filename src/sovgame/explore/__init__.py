"""``sovgame explore``: what-ifs by dragging, in a page served on this computer.

The page shows one game at one state (a cost level κ and ``--set`` changes, kept in the
page's address): the costed payoff matrix with its equilibria, the thresholds with their
verdicts, the regime chart, the claims' scorecard and the bottom line of ``sovgame analyze``,
all computed by the library as the commands compute them. Modules: :mod:`.state` (the state
and its address), :mod:`.view` (the library's answers for a state), :mod:`.page` (the HTML),
:mod:`.exports` (the chart and the report), :mod:`.saving` ("save as"), :mod:`.server` (the
Starlette app, its token) and :mod:`.serve` (uvicorn, Ctrl-C).

Needs the optional packages of ``sovgame[explore]`` (Starlette, uvicorn, matplotlib).
"""
