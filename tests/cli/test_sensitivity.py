"""``sovgame sensitivity``: the table, the documented JSON, CSV, the tornado chart, the map, and
bad usage named by its option."""

from __future__ import annotations

import csv
import io
import json

import pytest

from support import invoke

ENTRY_KEYS = [
    "subject",
    "kind",
    "parameter",
    "state",
    "threshold",
    "interval",
    "below",
    "above",
    "margin",
    "margin_exact",
    "margin_bracket",
    "margin_relative_to",
    "nearest",
    "nearest_in_range",
    "function",
    "unsettled",
    "complete",
]


def test_table_sorted_by_margin_with_top(runner):
    result = invoke(runner, "sensitivity", "pakistan_afghanistan", "--top", "5")
    assert result.exit_code == 0, result.output
    assert "What decides the verdict" in result.stdout and "The threshold along each number" in result.stdout
    rows = list(
        csv.reader(io.StringIO(invoke(runner, "sensitivity", "pakistan_afghanistan", "--top", "5", "-f", "csv").stdout))
    )
    assert rows[0][:2] == ["section", "key1"]  # the long form of the JSON
    assert {row[1] for row in rows if row[0] == "entries"} == {"1", "2", "3", "4", "5"}


def test_json_has_the_documented_keys_and_is_sorted_by_margin(runner):
    result = invoke(runner, "sensitivity", "pakistan_afghanistan", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "game",
        "target",
        "costs",
        "plausible_kappa",
        "subjects",
        "entries",
        "deciding",
        "notes",
        "verdict_scale",
        "grade_scale",
        "criteria",
    ]
    assert all(list(e) == ENTRY_KEYS for e in data["entries"])
    margins = [e["margin"] for e in data["entries"]]
    finite = [m for m in margins if m is not None]
    assert finite == sorted(finite) and margins[: len(finite)] == finite
    # First: dominance turns as soon as Afghanistan's military weight leaves 0 (Constrain then
    # beats Tolerate against Strike from κ = 1/w on: beyond, since the other conditions need κ > 4).
    first = data["entries"][0]
    assert (first["subject"], first["parameter"]["key"], first["margin_exact"]) == (
        "dominant",
        "cost:military_operations@Afghanistan",
        "0",
    )
    assert (first["state"], first["above"], first["parameter"]["range"]) == ("never", "beyond", ["0", "1/4"])


def test_one_criterion_as_json_gives_the_interval_and_the_function(runner):
    result = invoke(runner, "sensitivity", "pakistan_afghanistan", "--criterion", "unique", "-f", "json")
    data = json.loads(result.stdout)
    assert data["subjects"] == ["unique"]
    (mil,) = [e for e in data["entries"] if e["parameter"]["key"] == "cost:military_operations@Pakistan"]
    # κ_unique = 1/w (docs/models.md, "Sensitivity"): beyond on (0, 1/2], never at 0, reachable above.
    assert mil["interval"] == {
        "lo": "0",
        "lo_closed": False,
        "lo_bracket": None,
        "hi": "1/2",
        "hi_closed": True,
        "hi_bracket": None,
    }
    # 1/4 from either end; the margin is that distance over Pakistan's payoff range 4 − 1 = 3.
    assert (mil["state"], mil["below"], mil["above"], mil["margin_exact"]) == ("beyond", "never", "reachable", "1/12")
    assert mil["margin_relative_to"] == "Pakistan's payoff range (3)"
    assert [(f["formula"], f["rational"]) for f in mil["function"]] == [("1/p", True)]
    assert mil["threshold"] == {"exact": "4", "value": 4.0, "attained": False, "bracket": None}
    assert mil["nearest_in_range"] is True  # 1/2 lies in the declared [1/8, 1]


def test_claims_only(runner):
    data = json.loads(
        invoke(runner, "sensitivity", "pakistan_afghanistan", "--criterion", "claims", "-f", "json").stdout
    )
    assert data["subjects"] and all(s.startswith("claim:") for s in data["subjects"])
    assert all(e["threshold"] is None and e["function"] is None for e in data["entries"])


def test_tornado_and_map_charts(runner, tmp_path):
    pytest.importorskip("matplotlib")
    tornado = tmp_path / "tornado.png"
    result = invoke(runner, "sensitivity", "pakistan_afghanistan", "--criterion", "nash", "--plot", str(tornado))
    assert result.exit_code == 0, result.output
    assert tornado.read_bytes()[:4] == b"\x89PNG" and f"wrote {tornado}" in result.stderr
    picture = tmp_path / "map.png"
    result = invoke(
        runner,
        "sensitivity",
        "pakistan_afghanistan",
        "--map",
        "kappa,cost:military_operations@Pakistan",
        "--criterion",
        "unique",
        "--grid",
        "11",
        "--plot",
        str(picture),
    )
    assert result.exit_code == 0, result.output
    assert picture.read_bytes()[:4] == b"\x89PNG"
    assert "★" in result.stdout and "The exact boundary: the threshold" in result.stdout


def test_map_as_csv_and_json(runner):
    args = [
        "sensitivity",
        "pakistan_afghanistan",
        "--map",
        "cost:military_operations@Pakistan,cost:trade_disruption@Pakistan",
    ]
    long_form = invoke(runner, *args, "--criterion", "unique", "--grid", "5", "-f", "csv")
    assert long_form.exit_code == 0, long_form.output
    rows = list(csv.reader(io.StringIO(long_form.stdout)))
    cells = {(row[1], row[2]): row[-1] for row in rows if row[0] == "cells"}
    assert len(cells) == 25  # 5 x 5, each a verdict
    assert set(cells.values()) <= {"holds_today", "reachable", "beyond", "lapsed", "never"}
    data = json.loads(invoke(runner, *args, "--grid", "5", "-f", "json").stdout)
    assert list(data) == [
        "game",
        "criterion",
        "kappa_axis",
        "x",
        "y",
        "states",
        "cells",
        "thresholds",
        "boundary",
        "curves",
    ]
    assert data["criterion"] == "nash" and len(data["cells"]) == 5 and len(data["cells"][0]) == 5


@pytest.mark.parametrize(
    "args, option",
    [
        (["--top", "0"], "--top"),
        (["--criterion", "nashh"], "--criterion"),
        (["--map", "kappa"], "--map"),
        (["--map", "kappa,nonsense"], "--map"),
        (["--map", "kappa,kappa"], "--map"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--grid", "1"], "--grid"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--x-range", "2"], "--x-range"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--x-range", "2,1"], "--x-range"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--x-range", "0,1e999999"], "--x-range"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--y-range", "a,b"], "--y-range"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--y-range", "5,5"], "--y-range"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--x-range", "-1,1"], "--x-range"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--criterion", "nash", "--criterion", "unique"], "--map"),
        # Options the chosen mode would not read are refused, not silently ignored.
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--cost", "trade_disruption"], "--cost"),
        (["--map", "kappa,Pakistan@Strike|Tolerate TTP", "--top", "3"], "--top"),
        (["--x-range", "0,1"], "--x-range"),
        (["--y-range", "0,1"], "--y-range"),
    ],
)
def test_bad_usage_names_the_option(runner, args, option):
    result = invoke(runner, "sensitivity", "pakistan_afghanistan", *args)
    assert result.exit_code == 2, result.output
    assert option in result.stderr and "Traceback" not in result.stderr


def test_the_text_map_writes_states_with_letters_that_recall_their_words(runner):
    # A κ map says where the criterion holds: "h" holds, "." does not; the legend in words.
    args = ["sensitivity", "pakistan_afghanistan", "--map", "kappa,cost:military_operations@Pakistan", "--grid", "9"]
    out = invoke(runner, *args, "--criterion", "unique").stdout
    legend = " ".join(out.split())
    assert "h = holds" in legend and ". = does not hold" in legend
    map_part = out.split("The exact boundary")[0]
    picture = [line for line in map_part.splitlines() if "│" in line and "┃" not in line]
    cells = "".join(line.split("│")[2] for line in picture if line.count("│") >= 3)
    assert set(cells.strip()) <= {"h", ".", "★", " "} and "A" not in cells and "B" not in cells
