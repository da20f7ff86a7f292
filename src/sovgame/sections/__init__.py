"""What a game file states beyond one simultaneous move with complete information, one module
per section: ``sequence`` (who moves first), ``capacity`` (strategies that may fail), ``types``
(hidden types with priors), ``mediator`` and ``repeated``. Each owns its table's keys, their
reader and the frozen dataclass a :class:`~sovgame.core.case.Case` keeps
(``case.section(MoveOrder)``); :mod:`sovgame.sections.registry` lists them in one place.
:mod:`sovgame.sections.checker` collects the problems of a file for every reader."""
