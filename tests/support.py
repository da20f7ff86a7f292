"""Helpers shared by the tests: problems of a game file, comparing games, drawing samples, invoking the CLI."""

from __future__ import annotations

import importlib
import importlib.util
import os
from fractions import Fraction

import pytest

from sovgame import parse_game
from sovgame.cli import app
from sovgame.core.case import Case, as_game
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


def same_game(a: Game | Case, b: Game | Case) -> None:
    a, b = as_game(a), as_game(b)
    assert a.player_names == b.player_names
    assert [p.strategies for p in a.players] == [p.strategies for p in b.players]
    assert payoff_table(a) == payoff_table(b)
    assert all(isinstance(v, Fraction) for v in b.payoffs.reshape(-1))


def game_changed(case: Case, **changes) -> Case:
    """The case with its game's fields changed (``payoff_scale="cardinal"``, ``costs=...``)."""
    from dataclasses import replace

    return replace(case, game=replace(case.game, **changes))


def payoff_table(game: Game | Case) -> dict:
    game = as_game(game)
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


def extending(tmp_path, base: str, *tests: str):
    """A file that extends ``base`` and states one claim per test, loaded."""
    path = tmp_path / "claims.toml"
    path.write_text(f'extends = "{base}"\n' + claims_toml(*tests), encoding="utf-8")
    from sovgame import load_game

    return load_game(str(path))


def graded(game):
    """The claims of ``game`` graded, as a list of results in file order."""
    from sovgame.claims.scorecard import grade_claims

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


# --- sensitivity: the independent path ----------------------------------------------------------

#: How far "just inside" and "just outside" an end lie.
EPSILON = Fraction(1, 10**9)


def changed(source, game, parameter, value):
    """``game`` with one number at ``value``, the way a user gets it: ``--set`` on the file's
    text (``source`` is a bundled name or the text itself), or, for an exposure (which ``--set``
    cannot change), a weight outside the file's weights_range (which it refuses) or a game
    without its text (``source`` None), an edit of the loaded game."""
    from sovgame import load_game
    from sovgame.sensitivity.parameters import setting_text, with_value

    setting = None if source is None else setting_text(parameter, game, value)
    declared = parameter.declared
    if setting is None or (declared is not None and not declared[0] <= value <= declared[1]):
        # --set validates a weight against the file's weights_range; beyond it, edit the game.
        return with_value(game, parameter, value)
    if "\n" in source:
        return parse_game(source, settings=[setting])
    return load_game(source, [setting])


def states_of(game, claims: bool) -> dict:
    """Every criterion's verdict (None where not defined or not settled), or every claim's
    grade, by the library's ordinary functions."""
    if claims:
        from dataclasses import replace

        from sovgame.claims.scorecard import grade_claims

        # Sensitivity moves this file's numbers with the other files a claim names held as
        # they are; read with --set, those files would get the change too (or be refused).
        card = grade_claims(replace(game, settings=()) if isinstance(game, Case) else game)
        return {f"claim:{r.claim.id}": r.grade for r in card.results}
    from sovgame.costs.status_quo_exit import status_quo_exit
    from sovgame.costs.thresholds import compute_thresholds

    states = {name: (t.verdict if t.defined else None) for name, t in compute_thresholds(game).thresholds.items()}
    found = status_quo_exit(game)
    if found is not None:  # the status quo's exit, by its own function (not the sensitivity track)
        states["status_quo_exit"] = found.verdict
    return states


_STATES: dict = {}


def state_at(source, game, parameter, value, subject: str):
    """``states_of`` the changed game, remembered per (file, number, value): every subject of
    a number is checked at the same few points."""
    claims = subject.startswith("claim:")
    key = (source, id(game), parameter.key, value, claims)
    cached = _STATES.get(key)
    if cached is None or cached[0] is not game:  # an id is reused once its game is gone
        if len(_STATES) > 4096:
            _STATES.clear()
        cached = _STATES[key] = (game, states_of(changed(source, game, parameter, value), claims))
    return cached[1][subject]


def assert_interval_exact(source, game, entry) -> int:
    """Each end of an entry's interval is a true change: the state at the value, just inside
    each end (and at it when closed) is the entry's; just outside (or at an open end) it is the
    one reported beyond. Returns the number of checks made."""
    p = entry.parameter
    checks = [(p.value, entry.state)]
    for end, outward in ((entry.lower, -1), (entry.upper, 1)):
        if end.at is None:
            continue
        if not isinstance(end.at, Fraction):  # irrational: the bracket's sides
            inner, outer = (end.at.hi, end.at.lo) if outward < 0 else (end.at.lo, end.at.hi)
            checks.append((inner, entry.state))
            if end.change:
                checks.append((outer, end.beyond))
            continue
        checks.append((end.at - outward * EPSILON, entry.state))
        if end.closed:
            checks.append((end.at, entry.state))
        if end.change:
            checks.append((end.at + outward * EPSILON, end.beyond) if end.closed else (end.at, end.beyond))
    made = 0
    for x, wanted in checks:
        # A one-point interval has no inside: skip the points that fall outside it.
        point = entry.lower.at is not None and entry.lower.at == entry.upper.at
        if not p.allowed(x) or (point and x != entry.lower.at and wanted == entry.state):
            continue
        got = state_at(source, game, p, x, entry.subject)
        assert got == wanted, (entry.subject, p.key, x, wanted, got)
        made += 1
    return made
