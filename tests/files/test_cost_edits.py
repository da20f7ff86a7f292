"""Adding and removing costs with `sovgame edit`, a cost's label, and the warning for costs
that cannot move compromise.

The case (tests/cases.py): (Restrain, Constrain) = 3, 3 is the target; Pakistan gains
4 − 3 = 1 by striking, Afghanistan 4 − 3 = 1 by tolerating. Costs at κ = 1 on those
deviations: Pakistan 1/2 (trade, any conflict) + 1/4 (military operations, its own strikes)
= 3/4, Afghanistan 1 + 1/2 = 3/2 (both any conflict). So κ_NE = max(1/(3/4), 1/(3/2)) = 4/3.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from cases import CASE_TOML
from sovgame import compute_thresholds, load_game
from sovgame.cli import app
from sovgame.errors import SovgameError
from sovgame.files.cost_edits import CostEdits, NewCost
from sovgame.files.editing import edit_file
from sovgame.files.validate_costs import cost_traps

COMMENTED = "# my case\n" + CASE_TOML.replace(
    "weights = [0.5, 1.0]", "weights = [0.5, 1.0]   # trade matters more to Kabul"
)


@pytest.fixture
def commented(tmp_path):
    path = tmp_path / "case.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def _nash(path) -> F:
    return compute_thresholds(load_game(str(path))).thresholds["nash"].value


def test_adding_a_cost_keeps_every_line_and_moves_the_threshold(commented):
    # A new own_confront cost, 1 for Pakistan and 1/2 for Afghanistan: Pakistan's deviation now
    # costs 3/4 + 1 = 7/4, Afghanistan's 3/2 + 1/2 = 2, so κ_NE = max(1/(7/4), 1/2) = 4/7.
    assert _nash(commented) == F(4, 3)
    added = NewCost("diplomatic_isolation", "own_confront", ("1", "0.5"), label="diplomatic isolation")
    edit_file(commented, [], costs=CostEdits(add=(added,)))
    text = commented.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED.split("[analysis]")[0])  # everything before the new table, as it was
    assert "# trade matters more to Kabul" in text
    assert '[[costs]]\nname = "diplomatic_isolation"\nlabel = "diplomatic isolation"\n' in text
    assert _nash(commented) == F(4, 7)
    cost = load_game(str(commented)).game.costs[-1]
    assert (cost.name, cost.label, cost.weights) == ("diplomatic_isolation", "diplomatic isolation", (1, F(1, 2)))


def test_removing_a_cost(commented):
    # Without military operations Pakistan's deviation costs 1/2: κ_NE = max(1/(1/2), 2/3) = 2.
    edit_file(commented, [], costs=CostEdits(remove=("military_operations",)))
    assert "military_operations" not in commented.read_text(encoding="utf-8")
    assert _nash(commented) == 2


@pytest.mark.parametrize(
    "edits, words",
    [
        (CostEdits(add=(NewCost("trade_disruption", "own_confront", ("1", "1")),)), "exists"),
        (CostEdits(remove=("trade_disruptoin",)), "did you mean 'trade_disruption'"),
        (CostEdits(add=(NewCost("x", "own_confront", ("1", "1", "1")),)), "costs[3].weights"),
        (CostEdits(add=(NewCost("x", "own_confront", ("1", "-1")),)), "costs[3].weights"),
        (CostEdits(add=(NewCost("x", "own_confront", ("1", "one")),)), "'one' is not a number"),
        (CostEdits(add=(NewCost("x", "custom", ("1", "1")),)), "exposure table"),
        (CostEdits(add=(NewCost("x", "sometimes", ("1", "1")),)), "any_conflict, own_confront or mutual_confront"),
        (CostEdits(add=(NewCost("x", "any_conflict", ("1", "1"), between=("Pakistan", "India")),)), "between"),
    ],
)
def test_a_failed_cost_edit_leaves_the_file_byte_for_byte(commented, edits, words):
    before = commented.read_bytes()
    with pytest.raises(SovgameError) as caught:
        edit_file(commented, [], costs=edits)
    assert words in caught.value.message(lambda p: p) and str(commented) in str(caught.value)
    assert commented.read_bytes() == before


def test_edit_cost_options_on_the_command_line(runner, commented):
    before = commented.read_bytes()
    args = ["edit", str(commented), "--add-cost", "isolation", "--incidence", "own_confront"]
    missing = runner.invoke(app, args)
    assert missing.exit_code == 2 and "--weights" in missing.stderr
    stray = runner.invoke(app, ["edit", str(commented), "--weights", "1,1"])
    assert stray.exit_code == 2 and "--add-cost" in stray.stderr
    taken = runner.invoke(app, ["edit", str(commented), "--remove-cost", "nothing"])
    assert taken.exit_code == 1 and "no cost named 'nothing'" in taken.stderr
    assert commented.read_bytes() == before
    done = runner.invoke(app, [*args, "--weights", "1, 0.5", "--label", "isolation abroad", "--dry-run"])
    assert done.exit_code == 0 and '+label = "isolation abroad"' in done.stdout
    assert commented.read_bytes() == before
    done = runner.invoke(app, [*args, "--weights", "1,0.5", "--label", "isolation abroad"])
    assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["show", str(commented)]).stdout
    assert "isolation abroad (isolation)" in shown  # the label in the costs table, the name to type beside it


def test_a_label_must_be_one_line_of_text(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(CASE_TOML.replace('name = "refugee_returns"', 'name = "refugee_returns"\nlabel = 3'), "utf-8")
    with pytest.raises(SovgameError, match=r"costs\[1\]\.label"):
        load_game(str(path))


MUTUAL_ONLY = CASE_TOML.split("[[costs]]")[0] + (
    '[[costs]]\nname = "war_damage"\nincidence = "mutual_confront"\nweights = [1, 1]\n\n'
    "[analysis]\nplausible_kappa = [0, 2]\n"
)


def test_costs_that_cannot_move_compromise_are_warned_of(runner, tmp_path):
    # Only (Strike, Tolerate) is costed: at the target each side pays 0 whichever it plays,
    # so its gain of 1 by confronting stays at every κ and every threshold is "never".
    path = tmp_path / "mutual.toml"
    path.write_text(MUTUAL_ONLY, encoding="utf-8")
    warnings = cost_traps(load_game(str(path)).game)
    assert len(warnings) == 2 and all("gain of 1" in w and '"never"' in w for w in warnings)
    result = runner.invoke(app, ["thresholds", str(path), "-f", "json"])
    assert result.exit_code == 0  # a warning, not an error
    assert result.stderr.count("warning: every cost falls on") == 2 and str(path) in result.stderr
    assert '"verdict": "never"' in result.stdout
    assert cost_traps(load_game("pakistan_afghanistan").game) == []
    assert runner.invoke(app, ["thresholds", "pakistan_afghanistan"]).stderr == ""


def _india_text() -> str:
    from sovgame.files.gamefile import bundled_dir

    return (bundled_dir() / "pakistan_afghanistan_india.toml").read_text("utf-8")


def test_a_trap_the_file_acknowledges_is_a_note_not_a_warning(runner, tmp_path):
    # India carries no cost in the three-player case: it pays 0 at 'Hold back' and at 'Engage
    # Kabul' and gains 2 − 1 = 1 by engaging (India's payoffs 1 and 2 with the other two
    # compromising), so compromise by all three is never an equilibrium. The bundled file
    # says so with [analysis] untouched_by_costs = ["India"].
    quiet = runner.invoke(app, ["thresholds", "pakistan_afghanistan_india"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    shown = runner.invoke(app, ["show", "pakistan_afghanistan_india"])
    note = "Note: no cost moves India (as [analysis] untouched_by_costs states): it gains 1 from 'Engage Kabul'"
    assert shown.stderr == "" and note in " ".join(shown.stdout.replace("•", "").split())
    as_json = json.loads(runner.invoke(app, ["show", "pakistan_afghanistan_india", "-f", "json"]).stdout)
    assert as_json["untouched_by_costs"] == ["India"]
    copied = runner.invoke(app, ["new", str(tmp_path / "india.toml"), "--from", "pakistan_afghanistan_india"])
    assert copied.exit_code == 0 and "warning" not in copied.stderr


def test_new_and_edit_still_warn_of_a_trap_the_file_does_not_acknowledge(runner, tmp_path):
    quiet = runner.invoke(app, ["new", str(tmp_path / "template.toml")])
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr
    path = tmp_path / "india.toml"
    path.write_text(_india_text().replace('untouched_by_costs = ["India"]', ""), encoding="utf-8")
    edited = runner.invoke(app, ["edit", str(path), "--set", "plausible_kappa=0,3"])
    assert edited.exit_code == 0, edited.output
    assert "warning: every cost falls on India's choices alike" in edited.stderr
    assert 'untouched_by_costs = ["India"] in [analysis] says so' in edited.stderr
    shown = runner.invoke(app, ["show", str(path)])
    assert "warning: every cost falls on India" in shown.stderr and "Note: no cost moves" not in shown.stdout


def test_an_acknowledgement_names_players_that_costs_cannot_move(runner, tmp_path):
    path = tmp_path / "india.toml"
    text = _india_text()
    path.write_text(text.replace('["India"]', '["Indai"]'), encoding="utf-8")
    bad = runner.invoke(app, ["show", str(path)])
    assert bad.exit_code == 1 and "analysis.untouched_by_costs[0]: 'Indai' is not a player" in bad.stderr
    path.write_text(text.replace('["India"]', '"India"'), encoding="utf-8")
    bad = runner.invoke(app, ["show", str(path)])
    assert bad.exit_code == 1 and "analysis.untouched_by_costs: must be a list of player names" in bad.stderr
    path.write_text(text.replace('["India"]', '["Indai", 3]'), encoding="utf-8")
    both = runner.invoke(app, ["show", str(path)])  # each item named: the unknown name and the number
    assert both.exit_code == 1 and "untouched_by_costs[0]: 'Indai' is not a player" in both.stderr
    assert "untouched_by_costs[1]: must be a player's name, not the number 3" in both.stderr
    # Pakistan's costs do move it (3/4 more when it strikes): listing it is stale, and said so;
    # India, still trapped and unlisted, is warned of again.
    path.write_text(text.replace('["India"]', '["Pakistan"]'), encoding="utf-8")
    stale = runner.invoke(app, ["thresholds", str(path)])
    assert stale.exit_code == 0
    assert "untouched_by_costs lists Pakistan, but a cost level can move it" in stale.stderr
    assert "every cost falls on India's choices alike" in stale.stderr
