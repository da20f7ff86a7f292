"""How fast ``sovgame explore`` answers, and how heavy its page is.

For each bundled game, in process (Starlette's test client, no network): the server time of
each update of the page's live part (``/live``: the game after the changes, its equilibria
at κ, thresholds, claims and the bottom line, rendered) over a series of states a user makes
by dragging: κ from 0 to the top of its slider, each cost weight moved, a payoff moved.
The server measures each update's wall time and its processor time (the wall time less the
waits for a busy machine's processors). Each state is timed in ``--repeats`` fresh servers and the least time counts (the machine's
other work only ever adds). Prints per game the slowest κ move, the median and the slowest
update of all (the first request, which imports the library's modules, is left out and
printed apart), the regime chart's first drawing and its
reuse, and the page's weight (HTML, script, style and chart). The targets: each update at
most 100 ms on the bundled 2x2 and 3x3 games; the page at most 300 kB.

    python benchmarks/bench_explore.py [--games NAME ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings
from fractions import Fraction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from sovgame.explore.page import kappa_top
from sovgame.explore.server import create_app
from sovgame.files.gamefile import bundled_games
from sovgame.sections.capacity import stated

UPDATE_TARGET_MS = 100.0
PAGE_TARGET_BYTES = 300_000
#: The κ positions of a drag, from 0 to the top of the slider.
KAPPA_STATES = 17


def states(app) -> list[list[tuple[str, str]]]:
    """The queries of a drag session: κ in steps of 1/4 of its span's eighth, each weight
    moved up and down, the first payoff moved."""
    case = app.state.explorer.base
    game = stated(case)
    top = kappa_top(case)
    queries = [[("kappa", str(top * k / (KAPPA_STATES - 1)))] for k in range(KAPPA_STATES)]
    for cost in game.costs:
        for i in range(game.n_players):
            for factor in (Fraction(1, 2), Fraction(3, 2)):
                weights = [w * factor if j == i else w for j, w in enumerate(cost.weights)]
                text = ",".join(str(w) for w in weights)
                queries.append([("kappa", "1"), ("set", f"cost:{cost.name}={text}")])
    first = next(iter(game.profiles()))
    key = game.outcome_key(first)
    for delta in (-1, 1, 2):
        value = Fraction(game.payoffs[first][0]) + delta
        queries.append([("kappa", "1"), ("set", f"{game.player_names[0]}@{key}={value}")])
    return queries


def server_ms(response) -> tuple[float, float]:
    """The update's wall time and processor time (ms), as the server measured them."""
    timing = dict(part.strip().split(";dur=") for part in response.headers["Server-Timing"].split(","))
    return float(timing["update"]), float(timing["cpu"])


def bench_game(name: str, repeats: int) -> dict:
    """Each state's update timed ``repeats`` times, each time in a fresh server (nothing
    remembered from the run before); the least of the times counts, as the one least
    disturbed by other work on the machine."""
    best: list[float] = []
    best_cpu: list[float] = []
    for _ in range(repeats):
        app = create_app(name, 20_000_000, token="bench")
        client = TestClient(app, base_url="http://127.0.0.1")
        started = time.perf_counter()
        page = client.get("/", params={"kappa": "2"})
        first = (time.perf_counter() - started) * 1000
        times, cpus = [], []
        for query in states(app):
            response = client.get("/live", params=query)
            assert response.status_code == 200, (name, query)
            wall, cpu = server_ms(response)
            times.append(wall)
            cpus.append(cpu)
        best = times if not best else [min(a, b) for a, b in zip(best, times)]
        best_cpu = cpus if not best_cpu else [min(a, b) for a, b in zip(best_cpu, cpus)]
    started = time.perf_counter()
    chart = client.get("/chart.svg")
    chart_first = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    client.get("/chart.svg")
    chart_again = (time.perf_counter() - started) * 1000
    assets = [client.get("/static/explore.js").content, client.get("/static/explore.css").content]
    weight = len(page.content) + sum(len(a) for a in assets) + (len(chart.content) if chart.status_code == 200 else 0)
    size = "x".join(str(len(p.strategies)) for p in app.state.explorer.base.game.players)
    kappa_moves = best[:KAPPA_STATES]
    return {
        "name": name,
        "size": size,
        "updates": len(best),
        "kappa": max(kappa_moves),
        "median": statistics.median(best),
        "max": max(best),
        "cpu_max": max(best_cpu),
        "first": first,
        "chart_first": chart_first,
        "chart_again": chart_again,
        "weight": weight,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", nargs="*", help="bundled games to time (default: all)")
    parser.add_argument("--repeats", type=int, default=3, help="fresh servers per game (default 3)")
    args = parser.parse_args()
    names = args.games or [row["name"] for row in bundled_games()]
    print(
        f"{'game':34} {'size':6} {'n':>3} {'κ max':>6} {'median ms':>9} {'max ms':>7} {'cpu max':>7} {'first ms':>8} {'chart ms':>9} {'again':>6} {'page kB':>7}"
    )
    worst_small, worst_cpu, heaviest = 0.0, 0.0, 0
    for name in names:
        row = bench_game(name, args.repeats)
        print(
            f"{row['name']:34} {row['size']:6} {row['updates']:3d} {row['kappa']:6.1f} {row['median']:9.1f} {row['max']:7.1f} {row['cpu_max']:7.1f} "
            f"{row['first']:8.0f} {row['chart_first']:9.0f} {row['chart_again']:6.0f} {row['weight'] / 1000:7.1f}"
        )
        if row["size"] in ("2x2", "3x3"):
            worst_small = max(worst_small, row["max"])
            worst_cpu = max(worst_cpu, row["cpu_max"])
        heaviest = max(heaviest, row["weight"])
    print(
        f"slowest update on a 2x2 or 3x3 game: {worst_small:.1f} ms (target {UPDATE_TARGET_MS:.0f} ms): "
        f"{'met' if worst_small <= UPDATE_TARGET_MS else 'NOT met'}"
    )
    print(
        f"  (the slowest in processor time: {worst_cpu:.1f} ms; load average now "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores)"
    )
    print(
        f"heaviest page: {heaviest / 1000:.1f} kB (target {PAGE_TARGET_BYTES / 1000:.0f} kB): "
        f"{'met' if heaviest <= PAGE_TARGET_BYTES else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
