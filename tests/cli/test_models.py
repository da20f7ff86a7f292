"""The spoiler, bargaining and signals commands: the figures of the case in their JSON,
exit codes and errors on stderr."""

from __future__ import annotations

import json

from support import invoke


def test_spoiler_json(runner):
    """The bundled TTP file: 2/3 after one attack, 1/4 after a quiet period (docs/models.md);
    the critical prior 1/2 at κ = 2, none today."""
    result = invoke(runner, "spoiler", "pakistan_afghanistan_ttp", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["after_attack"], data["after_quiet"]) == ("2/3", "1/4")
    levels = {level["kappa"]: level for level in data["levels"]}
    assert levels["1"]["critical_prior"] is None and levels["1"]["single_attack_ends"] is None
    assert levels["2"]["critical_prior"] == "1/2" and levels["2"]["single_attack_ends"] is True
    assert levels["2"]["quiet_periods_to_restore"] == 1
    assert data["survives_one_attack"]["exact"] == "12/5"


def test_bargaining_json(runner):
    """17/4 = 7/4 + 5/2 against Pakistan's 1/4 at κ = 1; 2 at κ = 0."""
    result = invoke(runner, "bargaining", "pakistan_afghanistan", "-f", "json")
    assert result.exit_code == 0, result.output
    deal = json.loads(result.stdout)["deal"]
    assert deal["gains"] == {"Pakistan": "7/4", "Afghanistan": "5/2"} and deal["total_gain"] == "17/4"
    assert deal["temptations"]["Pakistan"] == "1/4" and deal["enforcement_failure"] is True
    free = json.loads(invoke(runner, "bargaining", "pakistan_afghanistan", "--kappa", "0", "-f", "json").stdout)
    assert free["deal"]["total_gain"] == "2" and free["bargaining"] is None


def test_signals_json_and_the_empty_range_today(runner):
    doubled = invoke(runner, "signals", "pakistan_afghanistan_types", "--kappa", "2", "-f", "json")
    assert doubled.exit_code == 0, doubled.output
    (r,) = json.loads(doubled.stdout)["ranges"]
    assert r["range"] == ["2", "4"] and r["range_formula"] == ["2", "1 + (3/2)κ"]
    table = invoke(runner, "signals", "pakistan_afghanistan_types", "--kappa", "2").stdout
    assert "no signal is needed" in table and "for priors above 1/2" in " ".join(table.split())
    today = invoke(runner, "signals", "pakistan_afghanistan_types", "--kappa", "1")
    assert today.exit_code == 0 and "none" in today.stdout and "no signal changes its move" in today.stdout


def test_missing_sections_are_clear_errors(runner):
    result = invoke(runner, "spoiler", "pakistan_afghanistan_types")
    assert result.exit_code == 1 and "no [spoiler] table" in result.stderr and "Traceback" not in result.output
    result = invoke(runner, "signals", "pakistan_afghanistan")
    assert result.exit_code == 1 and "[[types]]" in result.stderr
    result = invoke(runner, "bargaining", "matching_pennies")
    assert result.exit_code == 1 and "[bargaining]" in result.stderr


def test_bad_status_quo_is_a_usage_error(runner):
    result = invoke(runner, "bargaining", "pakistan_afghanistan", "--status-quo", "Strike|Nothing")
    assert result.exit_code in (1, 2) and "--status-quo" in result.stderr
