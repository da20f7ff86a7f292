"""Helpers shared by the tests: problems of a game file, comparing games, drawing samples, invoking the CLI."""

from __future__ import annotations

import importlib
import importlib.util
import os
from fractions import Fraction

import pytest

from sovgame import parse_game
from sovgame.cli import app
from sovgame.core.model import Game
from sovgame.errors import GameFileError
from sovgame.robustness.plan import plan_sampling
from sovgame.robustness.sampling import chunk_generator, draw_samples


def problems(text: str) -> list[str]:
    with pytest.raises(GameFileError) as info:
        parse_game(text, "case.toml")
    assert str(info.value).startswith("case.toml:")
    return [str(p) for p in info.value.problems]


def only_problem(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def invoke(runner, *args, input=None):
    return runner.invoke(app, list(args), input=input)


def draw(game, count: int, seed: int = 11, **options):
    plan = plan_sampling(game, **options)
    U, W = draw_samples(plan, chunk_generator(seed, 0), count)
    return plan, U, W


def same_game(a: Game, b: Game) -> None:
    assert a.player_names == b.player_names
    assert [p.strategies for p in a.players] == [p.strategies for p in b.players]
    assert payoff_table(a) == payoff_table(b)
    assert all(isinstance(v, Fraction) for v in b.payoffs.reshape(-1))


def payoff_table(game: Game) -> dict:
    return {p: tuple(game.payoffs[p]) for p in game.profiles()}


def invoke_convert(runner, *args):
    return runner.invoke(app, ["convert", *map(str, args)])


def claims_toml(*tests: str) -> str:
    """[[claims]] tables, one claim per test (an inline TOML table, or an array of them),
    with ids t0, t1, ..."""
    return "".join(
        f'\n[[claims]]\nid = "t{k}"\ntext = "claim {k}"\nsource = "a test"\ntest = {test}\n'
        for k, test in enumerate(tests)
    )


def graded(game):
    """The claims of ``game`` graded, as a list of results in file order."""
    from sovgame.findings.claims import grade_claims

    card = grade_claims(game)
    assert card is not None
    return list(card.results)


def extra_module(module: str, load: bool = True):
    """A module the test extra installs (pygambit, openpyxl, pandas, ...): imported, or, when
    it is missing, the test skipped on a developer's machine and failed in CI (``CI`` set),
    where ``pip install ".[test]"`` must have installed it. ``load=False`` only checks it
    can be found (importing pygambit takes seconds)."""
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is missing, though the test extra installs it")
        pytest.skip(f"needs {module} (pip install '.[test]')")
    return importlib.import_module(module) if load else None
