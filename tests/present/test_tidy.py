"""Long-form exports: every command's CSV parses with the csv module and holds every number
and every section of its JSON; the xlsx workbook opens with openpyxl, one sheet per section;
``to_frame()`` gives the same rows with a float column."""

from __future__ import annotations

import csv
import io
import json
import math
from fractions import Fraction as F

import pytest

from sovgame.cli import app
from sovgame.core.tidy import number_value, tidy_rows
from support import extra_module

#: Arguments that make each command print results quickly. A command not listed here is run
#: on the bundled case (so a new command is checked as soon as it exists).
ARGS = {
    "games": [],
    "show": ["pakistan_afghanistan_campaign"],
    "solve": ["stag_hunt"],
    "thresholds": ["pakistan_afghanistan"],
    "sweep": ["pakistan_afghanistan_escalation"],
    "analyze": ["pakistan_afghanistan"],
    "claims": ["pakistan_afghanistan"],
    "whatif": ["pakistan_afghanistan", "--set", "cost:trade_disruption=1,1"],
    "scenarios": ["scenario_status_quo", "scenario_escalation"],
    "robust": ["pakistan_afghanistan", "-n", "300"],
    "dynamics": ["stag_hunt", "--iterations", "200", "--time", "5"],
    "mediate": ["pakistan_afghanistan_mediation"],
    "repeated": ["pakistan_afghanistan_repeated", "--periods", "500"],
    "sequential": ["pakistan_afghanistan"],
    "trust": ["pakistan_afghanistan_types"],
    "spoiler": ["pakistan_afghanistan_ttp", "--kappa", "2"],
    "bargaining": ["pakistan_afghanistan_ttp"],
    "signals": ["pakistan_afghanistan_types", "--kappa", "2"],
}
EXTRA = {"thresholds --vary capacity": ["thresholds", "pakistan_afghanistan_capacity", "--vary", "capacity"]}


def printing_commands() -> list[str]:
    import typer.main

    commands = typer.main.get_command(app).commands
    return sorted(name for name, cmd in commands.items() if any(p.name == "fmt" for p in cmd.params))


def command_args() -> dict[str, list[str]]:
    out = {name: [name, *ARGS.get(name, ["pakistan_afghanistan"])] for name in printing_commands()}
    return {**out, **EXTRA}


def json_numbers(data, top=None, section=None):
    """(section, number) for every number of a command's JSON (booleans are not numbers)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if top is None:
                nested = isinstance(value, dict) or (
                    isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)
                )
                yield from json_numbers(value, key, key if nested else "summary")
            else:
                yield from json_numbers(value, top, section)
    elif isinstance(data, list):
        for item in data:
            yield from json_numbers(item, top if top is not None else "list", section)
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        yield section, data


def json_booleans(data):
    """Every boolean of a command's JSON."""
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            yield from json_booleans(item)
    elif isinstance(data, bool):
        yield data


def assert_typed(frames, data, where):
    """Long-form frames (a CSV, an Excel workbook's sheets) read back by pandas: every boolean
    of the JSON a bool in ``boolean``, ``value`` a float column (numbers as numbers), ``exact``
    and ``text`` text."""
    import pandas as pd

    flags = []
    for frame in frames:
        here = [v for v in frame["boolean"].tolist() if not pd.isna(v)]
        assert all(isinstance(v, bool) for v in here), (where, here[:5])
        flags += here
        assert str(frame["value"].dtype) == "float64", where
        for column in ("exact", "text"):
            assert all(isinstance(v, str) for v in frame[column].dropna()), (where, column)
    assert sorted(flags) == sorted(json_booleans(data)), where


@pytest.mark.parametrize("name", sorted(command_args()))
def test_every_commands_csv_holds_every_number_and_section_of_its_json(runner, name):
    args = command_args()[name]
    as_json = runner.invoke(app, [*args, "-f", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    as_csv = runner.invoke(app, [*args, "-f", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    header = list(rows[0])
    assert header[0] == "section" and header[-4:] == ["exact", "value", "boolean", "text"]
    assert all(k.startswith("key") for k in header[1:-4])
    pd = extra_module("pandas")
    # Read as docs/reference.md says: the keys, `exact` and `text` as text, `value` as float
    # (Excel gives whole numbers as int), `boolean` as pandas' nullable boolean (else a column
    # with gaps reads as 0.0/1.0 from Excel).
    text = {c: str for c in header if c.startswith("key")} | {"exact": str, "text": str}
    text |= {"value": float, "boolean": "boolean"}
    assert_typed([pd.read_csv(io.StringIO(as_csv.stdout), dtype=text)], data, (name, "csv"))
    extra_module("openpyxl", load=False)
    as_xlsx = runner.invoke(app, [*args, "-f", "xlsx"])
    assert as_xlsx.exit_code == 0, as_xlsx.output
    sheets = pd.read_excel(io.BytesIO(as_xlsx.stdout_bytes), sheet_name=None, dtype=text)
    assert_typed(list(sheets.values()), data, (name, "xlsx"))
    values: dict[str, set[float]] = {}
    for row in rows:
        if row["value"]:
            values.setdefault(row["section"], set()).add(float(row["value"]))
    everywhere = set().union(*values.values()) if values else set()
    for section, number in json_numbers(data):
        # A list JSON (games, scenarios) is one section named after the table.
        pool = everywhere if section is None else values.get(section, set())
        assert float(number) in pool, (name, section, number)
    if isinstance(data, dict):
        sections = {r["section"] for r in rows}
        summary_keys = {r["key1"] for r in rows if r["section"] == "summary"}
        for key, value in data.items():
            if value in (None, [], {}):
                continue
            assert key in sections or key in summary_keys, (name, key)


def test_a_threshold_is_one_row_with_its_exact_value_and_its_float():
    from sovgame import compute_thresholds, load_game, to_dict

    rows = tidy_rows(to_dict(compute_thresholds(load_game("pakistan_afghanistan"))))
    by_key = {(r.section, r.keys): r for r in rows}
    # The case's equilibrium threshold is 4/3 (README; Pakistan's gain 1 over its cost 3/4).
    nash = by_key[("thresholds", ("nash",))]
    assert (nash.exact, nash.value, nash.text) == ("4/3", 4 / 3, "")
    assert by_key[("thresholds", ("nash", "verdict"))].text == "reachable"
    # Dominance never holds: exact "inf", value infinity.
    dominant = by_key[("thresholds", ("dominant",))]
    assert dominant.exact == "inf" and dominant.value == math.inf
    assert by_key[("thresholds", ("nash", "per_player", "Afghanistan"))].exact == "2/3"


def test_an_equilibriums_probabilities_are_paired_with_their_exact_text():
    from sovgame import load_game, solve, to_dict

    rows = tidy_rows(to_dict(solve(load_game("stag_hunt"))))
    # The Stag Hunt's mixed equilibrium puts 2/3 on Stag (indifference: 4p = 3).
    mixed = [r for r in rows if r.keys[:4] == ("3", "strategies", "Row", "Stag")]
    assert [(r.exact, r.value) for r in mixed] == [("2/3", 2 / 3)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("4/3", 4 / 3),
        ("-2", -2.0),
        ("inf", math.inf),
        ("2/3 + √(8/45)", 2 / 3 + math.sqrt(8 / 45)),
        ("1 − 2·√3", 1 - 2 * math.sqrt(3)),
        ("-√2", -math.sqrt(2)),
        ("≈0.4142", 0.4142),
        ("reachable", None),
        ("Strike|Tolerate TTP", None),
    ],
)
def test_number_value_reads_what_sovgame_writes(text, value):
    assert number_value(text) == value


def test_xlsx_opens_with_one_sheet_per_section_and_numbers_as_numbers(runner, tmp_path):
    openpyxl = extra_module("openpyxl")
    result = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "-f", "xlsx"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    as_csv = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "-f", "csv"]).stdout
    sections = list(dict.fromkeys(r["section"] for r in csv.DictReader(io.StringIO(as_csv))))
    assert book.sheetnames == sections
    sheet = book["thresholds"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    nash = next(r for r in rows if r["key1"] == "nash" and r["key2"] is None)
    assert nash["exact"] == "4/3" and nash["value"] == pytest.approx(4 / 3)
    assert sheet.cell(row=2 + rows.index(nash), column=header.index("exact") + 1).data_type == "s"


def test_to_frame_has_the_rows_of_the_csv_with_a_float_column():
    extra_module("pandas")
    import sovgame

    report = sovgame.compute_thresholds(sovgame.load_game("pakistan_afghanistan"))
    frame = report.to_frame(long=True)
    assert str(frame["value"].dtype) == "float64"
    keys = ["key1", "key2", "key3", "key4", "key5", "key6"]
    assert list(frame.columns) == ["section", *keys, "exact", "value", "boolean", "text"]
    # Compromise is an equilibrium at some κ: `attained` is a real boolean, in its own column.
    attained = frame[(frame.section == "thresholds") & (frame.key1 == "nash") & (frame.key2 == "attained")]
    assert attained["boolean"].tolist() == [True] and attained["text"].tolist() == [""]
    nash = frame[(frame.section == "thresholds") & (frame.key1 == "nash") & (frame.key2 == "")]
    assert nash["exact"].tolist() == ["4/3"] and nash["value"].tolist() == [4 / 3]
    assert F(nash["exact"].iloc[0]) == F(4, 3)
    # The natural table: one row per criterion, numbers as floats (inf: never), real booleans.
    # Pakistan-Afghanistan: compromise is an equilibrium from κ = 4/3 and the only one from 4.
    wide = report.to_frame().set_index("criterion")
    assert str(wide["value"].dtype) == "float64" and str(wide["attained"].dtype) == "bool"
    assert wide.loc["nash", "value"] == 4 / 3 and wide.loc["nash", "exact"] == "4/3"
    assert wide.loc["unique", "exact"] == "4" and wide.loc["dominant", "value"] == float("inf")


def test_a_quantity_has_one_path_and_every_command_the_same_columns(runner):
    import csv
    import io

    from sovgame.cli import app

    def rows(*argv: str) -> list[list[str]]:
        done = runner.invoke(app, [*argv, "--format", "csv"])
        assert done.exit_code == 0, done.output
        return list(csv.reader(io.StringIO(done.stdout)))

    header = ["section", "key1", "key2", "key3", "key4", "key5", "key6", "exact", "value", "boolean", "text"]
    thresholds, analysis = rows("thresholds", "pakistan_afghanistan"), rows("analyze", "pakistan_afghanistan")
    assert thresholds[0] == analysis[0] == rows("mediate", "pakistan_afghanistan_mediation")[0] == header
    # Pakistan-Afghanistan: compromise is an equilibrium from κ = 4/3 (docs/models.md).
    nash = ["thresholds", "nash", "", "", "", "", "", "4/3", "1.3333333333333333", "", ""]
    assert nash in thresholds and nash in analysis


def test_wide_tables_have_a_row_per_item_and_typed_cells(runner):
    import csv
    import io

    from sovgame.cli import app

    done = runner.invoke(app, ["thresholds", "pakistan_afghanistan", "--format", "csv", "--wide"])
    table = {r["criterion"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert list(table) == ["nash", "strict", "dominant", "unique", "risk_dominant"]
    assert table["nash"]["exact"] == "4/3" and float(table["nash"]["value"]) == 4 / 3
    assert table["nash"]["attained"] == "true" and table["dominant"]["value"] == "inf"
    # Stag Hunt (R=4, T=3, P=2, S=0): (Stag, Stag), (Hare, Hare) and the mixed equilibrium
    # where Stag pays as much as Hare: 4p = 3p + 2(1 − p), p = 2/3.
    done = runner.invoke(app, ["solve", "stag_hunt", "--format", "csv", "--wide"])
    equilibria = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [e["pure"] for e in equilibria] == ["true", "true", "false"]
    assert F(2, 3) == F(equilibria[2]["exact"].split()[1].rstrip(","))
    refused = runner.invoke(app, ["solve", "stag_hunt", "--wide"])
    assert refused.exit_code == 2 and "--wide: is for the csv and xlsx formats" in refused.stderr
