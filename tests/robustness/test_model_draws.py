"""The spoiler's and bargaining's conclusions over draws of their declared ranges: a share
derived by hand, and the float proposal agreeing with the exact decision on every draw."""

from __future__ import annotations

import pytest

from sovgame import load_game
from sovgame.robustness import model_draws
from sovgame.robustness.model_draws import draw_models


def file_with(tmp_path, body: str):
    path = tmp_path / "ranges.toml"
    path.write_text('extends = "pakistan_afghanistan_ttp"\n' + body, encoding="utf-8")
    return load_game(str(path))


def test_a_share_derived_by_hand(tmp_path):
    """Only the seeker's rate a₀ drawn, from [1/10, 1/2], a₁ = 3/5: at κ = 2 one attack ends
    compromise iff (2/5)(3/5)(1/2) > (1/2)(3/5)a₀, i.e. a₀ < 2/5: a share of
    (2/5 − 1/10)/(1/2 − 1/10) = 3/4 of the range."""
    case = file_with(
        tmp_path,
        "[spoiler]\nattack_rates_range = { security_seeker = [0.1, 0.5] }\n"
        "conflict_value_range = [2, 2]\ncompromise_value_range = [0, 0]\nattack_cost_range = [0.5, 0.5]\n"
        "[bargaining]\nprevail_range = [0.6, 0.6]\ncosts_range = {}\nshift_range = [-0.2, -0.2]\n"
        "discount_range = [0.9, 0.9]\n",
    )
    draws = draw_models(case, 20_000, seed=3)
    assert draws is not None and draws.kappa == 2
    ends = next(s for s in draws.shares if s.conclusion == "one attack ends compromise")
    assert ends.at_file and ends.interval[0] < 0.75 < ends.interval[1]
    commitment = next(s for s in draws.shares if s.conclusion == "a commitment problem")
    assert commitment.share == 1.0  # every number fixed at the file's: 5 > 37/10


def test_the_float_proposal_agrees_with_the_exact_decision(monkeypatch):
    """With every draw decided exactly (the tie band made infinite), the counts are the same."""
    case = load_game("pakistan_afghanistan_ttp")
    proposed = draw_models(case, 3000, seed=7)
    monkeypatch.setattr(model_draws, "TIE", float("inf"))
    exact = draw_models(case, 3000, seed=7)
    assert proposed is not None and exact is not None
    assert [s.hits for s in proposed.shares] == [s.hits for s in exact.shares]


def test_nothing_to_draw_without_the_sections():
    assert draw_models(load_game("pakistan_afghanistan_types"), 100) is None


@pytest.mark.parametrize("command", ["robust", "sensitivity"])
def test_robust_and_sensitivity_reach_the_declared_ranges(runner, command):
    import json

    from support import invoke

    args = [command, "pakistan_afghanistan_ttp", "-f", "json"] + (["-n", "500"] if command == "robust" else [])
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    models = json.loads(result.stdout)["models"]
    if command == "robust":
        assert {c["conclusion"] for c in models["conclusions"]} >= {
            "one attack ends compromise",
            "a commitment problem",
        }
    else:
        shift = next(m for m in models if m["number"] == "shift: commitment problem")
        assert shift["changes"] == ["-1/18"]
    plain = json.loads(
        invoke(
            runner, command, "pakistan_afghanistan", "-f", "json", *(["-n", "300"] if command == "robust" else [])
        ).stdout
    )
    assert "models" not in plain
