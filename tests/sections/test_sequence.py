"""[sequence]: read exactly, every problem named by its key, extended key by key."""

from __future__ import annotations

from cases import CASE_TOML
from sovgame.sections.sequence import MoveOrder
from support import only_problem


def test_sequence_order_must_name_every_player_once():
    text = CASE_TOML + '\n[sequence]\norder = ["Afghanistan"]\n'
    assert only_problem(text).startswith("sequence.order: must list every player once")
    text = CASE_TOML + '\n[sequence]\norder = ["Afghanistan", "Pakistan"]\nobserved = "yes"\n'
    assert only_problem(text) == "sequence.observed: must be true or false, not 'yes'"
    assert only_problem(CASE_TOML + "\n[sequence]\nfirst = 1\norder = ['Pakistan', 'Afghanistan']\n").startswith(
        "sequence.first: unknown key"
    )


def test_extends_overrides_the_sequence_key_by_key(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text(CASE_TOML + '\n[sequence]\norder = ["Afghanistan", "Pakistan"]\n', encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('extends = "base.toml"\n[sequence]\nobserved = false\n', encoding="utf-8")
    from sovgame import load_game

    sequence = load_game(str(child)).section(MoveOrder)
    assert sequence is not None and sequence.order == (1, 0) and not sequence.observed
