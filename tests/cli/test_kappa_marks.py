"""Every star says its cost level, and the numbers shown beside a star are the ones it marks.

The case (tests/cases.py, the bundled pakistan_afghanistan): payoffs (Restrain, Constrain) =
3, 3; (Restrain, Tolerate) = 1, 4; (Strike, Constrain) = 4, 1; (Strike, Tolerate) = 2, 2.
Costs at κ = 1: trade_disruption (any conflict) 1/2 for Pakistan, 1 for Afghanistan;
refugee_returns (any conflict) 0 and 1/2; military_operations (Pakistan's own strikes) 1/4.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction as F

import pytest

from sovgame.cli import app


def _lines_with(text: str, mark: str) -> list[str]:
    return [line for line in text.splitlines() if mark in line]


@pytest.mark.parametrize(
    "args, kappa",
    [
        (["analyze", "pakistan_afghanistan"], "κ = 0"),
        (["solve", "pakistan_afghanistan"], "κ = 0"),
        (["solve", "pakistan_afghanistan", "--kappa", "2"], "κ = 2"),
        (["whatif", "pakistan_afghanistan", "--set", "Pakistan@Strike|Constrain TTP=3"], "κ = 1"),
        (["whatif", "pakistan_afghanistan", "--set", "Pakistan@Strike|Constrain TTP=3", "--kappa", "0"], "κ = 0"),
    ],
)
def test_the_star_is_explained_with_its_kappa_on_the_same_line(runner, monkeypatch, args, kappa):
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    captions = [line for line in _lines_with(result.stdout, "★") if "marks an equilibrium" in line]
    assert captions, result.stdout
    assert all(kappa in line for line in captions), captions


def _shown_matrix(markdown: str) -> dict[tuple[int, int], tuple[tuple[F, F], bool]]:
    """The first payoff table of a Markdown output: (row, column) → (the payoffs shown after
    any change, starred or not)."""
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "\\\\" not in line]
    cells = {}
    for r, line in enumerate(rows[:2]):
        for c, cell in enumerate(line.strip("| ").split(" | ")[1:3]):
            starred = "★" in cell
            shown = cell.split("→")[-1].replace("★", "").replace("Δ", "").replace("−", "-")
            u1, u2 = (F(part.strip()) for part in shown.split(","))
            cells[(r, c)] = ((u1, u2), starred)
    return cells


@pytest.mark.parametrize("kappa", ["0", "1", "2"])
def test_whatif_stars_only_cells_the_numbers_shown_make_equilibria(runner, kappa):
    # The complaint this answers: a star at κ = 1 on raw payoffs where, by the numbers shown,
    # a player gains by deviating. Here the shown numbers are u − κ·W at the starred κ, so a
    # starred cell is a pure equilibrium of the matrix shown, and every such cell is starred.
    args = ["whatif", "pakistan_afghanistan", "--set", "Pakistan@Strike|Constrain TTP=3", "--kappa", kappa]
    result = runner.invoke(app, [*args, "-f", "markdown", "--exact-only"])
    assert result.exit_code == 0, result.output
    cells = _shown_matrix(result.stdout)
    for (r, c), ((u1, u2), starred) in cells.items():
        best_row = u1 >= cells[(1 - r, c)][0][0]
        best_column = u2 >= cells[(r, 1 - c)][0][1]
        assert starred == (best_row and best_column), (kappa, r, c, cells)


def test_whatif_shows_costed_payoffs_at_today(runner):
    # At κ = 1, (Strike, Constrain TTP): Pakistan 4 − (1/2 + 1/4) = 13/4, after the change
    # 3 − 3/4 = 9/4; Afghanistan 1 − (1 + 1/2) = −1/2. (Restrain, Tolerate): Pakistan 1 − 1/2 =
    # 1/2, Afghanistan 4 − 3/2 = 5/2. (Strike, Tolerate): 2 − 3/4 = 5/4 and 2 − 3/2 = 1/2.
    args = ["whatif", "pakistan_afghanistan", "--set", "Pakistan@Strike|Constrain TTP=3"]
    out = runner.invoke(app, [*args, "-f", "markdown", "--exact-only"]).stdout
    # (Strike, Constrain) is no equilibrium: Afghanistan gets 1/2 > −1/2 by tolerating.
    assert "| Strike | Δ 13/4, −1/2 → 9/4, −1/2 | ★ 5/4, 1/2 |" in out
    assert "| Restrain strikes | ★ 3, 3 | 1/2, 5/2 |" in out
    assert "less costs at κ = 1" in out and "u − κ·W" in out


def test_whatif_json_keeps_its_keys_and_takes_kappa(runner):
    args = ["whatif", "pakistan_afghanistan", "--set", "Pakistan@Strike|Constrain TTP=3", "-f", "json"]
    today = json.loads(runner.invoke(app, args).stdout)
    zero = json.loads(runner.invoke(app, [*args, "--kappa", "0"]).stdout)
    assert today["kappa"] == 1 and zero["kappa"] == 0
    # At κ = 0 Tolerate strictly dominates for Afghanistan (4 > 3, 2 > 1), so after the change
    # the only equilibrium is still (Strike, Tolerate TTP); at κ = 1 (Restrain, Constrain) is
    # one too: Afghanistan's 3 against 4 − 3/2 = 5/2, Pakistan's 3 against 3 − 3/4 = 9/4.
    assert [e["strategies"] for e in zero["equilibria"]["after"]] == [
        {
            "Pakistan": {"Restrain strikes": 0.0, "Strike": 1.0},
            "Afghanistan": {"Constrain TTP": 0.0, "Tolerate TTP": 1.0},
        }
    ]
    assert zero["equilibria"]["gained"] == [] and today["equilibria"]["gained"][0] == "Restrain strikes|Constrain TTP"
    assert (
        today["changed_cells"]
        == zero["changed_cells"]
        == {"Strike|Constrain TTP": {"before": ["4", "1"], "after": ["3", "1"]}}
    )


def test_thresholds_at_a_kappa(runner):
    # κ_NE = 4/3 (Pakistan binds), unique above 4, dominant never, risk-dominant above 16/9:
    # at κ = 3/2 compromise is an equilibrium and strict, not yet risk-dominant nor the only one.
    out = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--kappa", "3/2", "-f", "json"]).stdout
    at = json.loads(out)["at_kappa"]
    assert at["kappa"] == 1.5 and at["kappa_exact"] == "3/2"
    assert at["holds"] == {"nash": True, "strict": True, "dominant": False, "unique": False, "risk_dominant": False}
    assert len(at["equilibria"]) == 3  # both pure profiles and a mixed one
    exactly = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--kappa", "4/3", "-f", "json"]).stdout
    assert json.loads(exactly)["at_kappa"]["holds"]["nash"] is True  # attained: ≥ 4/3
    assert json.loads(exactly)["at_kappa"]["holds"]["strict"] is False  # > 4/3
    table = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--kappa", "3/2"]).stdout
    assert "At κ = 3/2" in table and "equilibria at κ = 3/2" in table


def test_thresholds_json_without_kappa_has_no_new_key(runner):
    data = json.loads(runner.invoke(app, ["thresholds", "pakistan_afghanistan", "-f", "json"]).stdout)
    assert "at_kappa" not in data


def test_solve_writes_minus_signs_in_tables_and_hyphens_in_json(runner):
    # At κ = 5, (Strike, Tolerate TTP): Pakistan 2 − 5·(1/2 + 1/4) = −7/4.
    table = runner.invoke(app, ["solve", "pakistan_afghanistan", "--kappa", "5", "--exact-only"]).stdout
    assert "−7/4" in table and not re.search(r"(?<![\w-])-\d", table)
    data = json.loads(runner.invoke(app, ["solve", "pakistan_afghanistan", "--kappa", "5", "-f", "json"]).stdout)
    assert data["equilibria"][0]["payoffs"] == {"Pakistan": 3.0, "Afghanistan": 3.0}


def test_a_gained_mixed_equilibrium_is_written_like_every_other(runner):
    # After the change, at κ = 1 a mixed equilibrium appears; the lines below the table write
    # it as the table does, "(Restrain strikes 2/3, Strike 1/3; ...)", never "mixed: ...".
    args = ["whatif", "pakistan_afghanistan", "--set", "Pakistan@Strike|Constrain TTP=3", "--exact-only"]
    out = runner.invoke(app, args).stdout
    assert "gained: (Restrain strikes 2/3, Strike 1/3; Constrain TTP 1/2, Tolerate TTP 1/2)" in out
    assert "mixed:" not in out


def test_analyze_shows_the_equilibria_at_a_kappa_asked_for(runner):
    # At κ = 3 Afghanistan's payoffs less costs are (R,C) 3, (R,T) 4 − 9/2 = −1/2,
    # (S,C) 1 − 9/2 = −7/2, (S,T) 2 − 9/2 = −5/2: it is indifferent when Pakistan restrains
    # with p, 3p − 7/2(1 − p) = −p/2 − 5/2(1 − p), i.e. p = 2/9.
    out = runner.invoke(app, ["analyze", "pakistan_afghanistan", "--kappa", "3", "--exact-only"]).stdout
    row = next(line for line in out.splitlines() if "3 (asked for)" in line)
    assert "(Restrain strikes, Constrain TTP)" in row and "(Restrain strikes 2/9," in row
    data = json.loads(runner.invoke(app, ["analyze", "pakistan_afghanistan", "--kappa", "3", "-f", "json"]).stdout)
    mixed = [e for e in data["equilibria_at_kappa"]["equilibria"] if not e["pure"]]
    assert mixed[0]["exact"]["Pakistan"] == {"Restrain strikes": "2/9", "Strike": "7/9"}
    plain = json.loads(runner.invoke(app, ["analyze", "pakistan_afghanistan", "-f", "json"]).stdout)
    assert "equilibria_at_kappa" not in plain
