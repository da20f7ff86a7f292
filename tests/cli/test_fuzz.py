"""Fuzzing the command line: generated game files (valid, near-valid, garbage), .nfg files,
``--set`` changes and ``--kappa`` values, run through the CLI in process.

Every run either succeeds or exits 1 or 2 with a message on stderr that starts with
``sovgame:`` (problems of a file follow it, one indented line each) — never a traceback, and
never much work: the units its work account counted (about a microsecond each,
:mod:`sovgame.core.budget`) stay within a few seconds' worth, and a generous cap in wall time
catches a run that hangs outside any count. The examples are the same on every run (the
derandomized hypothesis profile of conftest.py).

Numbers inside the limits but large (past about 1e9) are given to ``show`` only: thresholds of
such games can hang in the bracketing of irrational breakpoints (tests/test_known_failures.py).
"""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounds import hang_guard, units, work_counted
from sovgame.cli import app

#: The most work units a single run may count: the games here have at most three players of
#: three strategies, and even their thresholds count well under a million units; five million
#: is a few seconds' work, a quarter of the default limit.
MAX_UNITS = 5_000_000
#: No deadline in wall time (a busy machine is no failure); hang_guard stops a hang instead.
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: Runs of the CLI made by this module (reported by the last test).
RUNS = {"count": 0, "most": 0}


def run(*args: str, input: bytes | str | None = None):
    """One CLI run, checked: exit 0, or 1/2 with a ``sovgame:`` message; never a traceback."""
    from typer.testing import CliRunner

    with hang_guard(), work_counted() as accounts:
        result = CliRunner().invoke(app, list(args), input=input)
    work = units(accounts)
    RUNS["count"] += 1
    RUNS["most"] = max(RUNS["most"], work)
    assert work <= MAX_UNITS, f"{args}: {work:,} units of work"
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output, result.output
    if result.exit_code:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
        lines = result.stderr.splitlines()
        # Warnings about a valid file (costs that cannot move compromise) may come first.
        while len(lines) > 1 and lines[0].startswith("sovgame: ") and ": warning: " in lines[0]:
            lines = lines[1:]
        assert lines, (args, result.output)
        if lines[0].startswith("Usage:"):  # the option parser's own usage error
            assert result.exit_code == 2 and "Error" in result.stderr
        else:
            assert lines[0].startswith("sovgame: ") and all(line.startswith("  - ") for line in lines[1:]), lines
            assert "\x1b" not in result.stderr and "\x00" not in result.stderr
    else:
        assert result.stdout or result.stderr
    return result


# --- strategies ------------------------------------------------------------------------------------

ODD = "éßøΩж中文日本語עבריתالعربية🙂\u0301\u200d\u202e @:=,|#\"'\\\t\x1b\x00\x7f"
names = st.text(alphabet=string.ascii_letters + string.digits + ODD, min_size=1, max_size=12)
plain_names = st.text(alphabet=string.ascii_letters + "éß中🙂 @:-", min_size=1, max_size=8).filter(
    lambda s: s == s.strip()
)
#: Numbers a game file may hold, of modest size (written as TOML numbers or as strings).
modest = st.one_of(
    st.integers(-1000, 1000),
    st.decimals(-1000, 1000, places=3, allow_nan=False, allow_infinity=False).map(str),
    st.tuples(st.integers(-50, 50), st.integers(1, 12)).map(lambda t: f'"{t[0]}/{t[1]}"'),
)
#: Number text of every kind: valid, past the limits, tiny, not a number at all.
number_text = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(
        [
            "1e999999999",
            "-1e999999999",
            "1e-999999999",
            "1e400",
            "1e-400",
            "1e-30",
            "1e99",
            "9" * 101,
            "1/0",
            "٣",
            "１",
            ".5",
            "3.",
            "+.5",
            "0005",
            "nan",
            "inf",
            "-0",
            "1_000",
            "",
            " ",
            "2/3",
            "1e",
            "--1",
        ]
    ),
    st.text(alphabet=string.digits + ".eE+-/ ", max_size=12),
)


class Raw(str):
    """Text written into the TOML as it is (a number literal, well formed or not)."""


def quoted(text: str) -> str:
    """A TOML basic string (JSON's escapes, without surrogate pairs, which TOML refuses)."""
    return json.dumps(text, ensure_ascii=False)


def toml_key(key: str) -> str:
    return quoted(key)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return value if value.startswith('"') or value.replace("-", "").replace(".", "").isdigit() else quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    return quoted(str(value))


def to_toml(data: dict) -> str:
    """A game's data as TOML: top-level tables and arrays of tables, inline values below."""
    lines = []
    for key, value in data.items():
        if not isinstance(value, (dict, list)) or (
            isinstance(value, list) and not all(isinstance(v, dict) for v in value)
        ):
            lines.insert(0, f"{toml_key(key)} = {toml_value(value)}")
        elif isinstance(value, dict):
            lines.append(f"[{toml_key(key)}]")
            lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()]
        else:
            for table in value:
                lines.append(f"[[{toml_key(key)}]]")
                lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


@st.composite
def games(draw, label=plain_names, number=modest, max_strategies=3) -> dict:
    """A valid game's data: 2 or 3 players, distinct names, every outcome, maybe costs."""
    n = draw(st.integers(2, 3))
    players = draw(st.lists(label.filter(lambda s: "|" not in s), min_size=n, max_size=n, unique=True))
    table = []
    for name in players:
        strategies = draw(
            st.lists(label.filter(lambda s: "|" not in s), min_size=1, max_size=max_strategies, unique=True)
        )
        table.append({"name": name, "strategies": strategies, "compromise": strategies[0]})
    import itertools

    payoffs = {
        "|".join(profile): [draw(number) for _ in range(n)]
        for profile in itertools.product(*(p["strategies"] for p in table))
    }
    data = {"game": {"title": draw(label)}, "players": table, "payoffs": payoffs}
    if draw(st.booleans()):
        incidence = draw(st.sampled_from(["any_conflict", "own_confront", "mutual_confront"]))
        data["costs"] = [{"name": "c", "incidence": incidence, "weights": [draw(st.integers(0, 3)) for _ in range(n)]}]
    if draw(st.booleans()):
        low = draw(st.integers(0, 3))
        data["analysis"] = {"plausible_kappa": [low, low + draw(st.integers(0, 3))]}
    return data


#: What can go wrong with a value: wrong types, numbers past the limits, odd text.
wrong_values = st.one_of(
    st.booleans(),
    st.just({}),
    st.lists(st.integers(-3, 3), max_size=4),
    names,
    number_text.map(quoted),
    st.sampled_from(["1e999999999", "-1e400", "1e-400", "0.000001", "1e-30", "nan", "inf", "+inf"]),
    st.integers(-(2**70), 2**70),
    # TOML number literals as a file may hold them: huge, tiny, long, or not TOML at all.
    st.sampled_from(
        ["1e999999999", "-1e400", "1e-400", "9" * 5000, "0.000001", "nan", "inf", "1_000", "0x1F", "1e99", "1e-99"]
    ).map(Raw),
)


@st.composite
def near_valid(draw) -> str:
    """A valid game with one or two things broken: a key removed or added, a value replaced."""
    data = draw(games())
    for _ in range(draw(st.integers(1, 2))):
        where = draw(st.sampled_from(["top", "game", "player", "payoff", "cost", "extra"]))
        if where == "top":
            key = draw(st.sampled_from(["game", "players", "payoffs", "costs", "analysis"]))
            data.pop(key, None) if draw(st.booleans()) else data.__setitem__(key, draw(wrong_values))
        elif where == "game" and isinstance(data.get("game"), dict):
            data["game"][draw(st.sampled_from(["title", "payoff_scale", "source", "titel"]))] = draw(wrong_values)
        elif where == "player" and isinstance(data.get("players"), list) and data["players"]:
            player = data["players"][draw(st.integers(0, len(data["players"]) - 1))]
            if isinstance(player, dict):
                player[draw(st.sampled_from(["name", "strategies", "compromise", "nmae"]))] = draw(wrong_values)
        elif where == "payoff" and isinstance(data.get("payoffs"), dict) and data["payoffs"]:
            key = draw(st.sampled_from(sorted(data["payoffs"])))
            if draw(st.booleans()):
                data["payoffs"][key] = draw(wrong_values)
            else:
                row = list(data["payoffs"][key])
                row[0] = draw(wrong_values)
                data["payoffs"][key] = row
        elif where == "cost":
            data["costs"] = [{"name": draw(names), "incidence": draw(names), "weights": draw(wrong_values)}]
        else:
            data[draw(names)] = draw(wrong_values)
    return to_toml(data)


garbage = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")),
    st.recursive(
        st.one_of(st.integers(), st.text(max_size=5), st.booleans()),
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
        max_leaves=10,
    ).map(lambda v: to_toml(v) if isinstance(v, dict) else f"x = {toml_value(v)}\n"),
)


# --- the fuzz tests ---------------------------------------------------------------------------------


@settings(FUZZ, max_examples=80)
@given(games())
def test_valid_game_files(data):
    text = to_toml(data)
    shown = run("show", "-", input=text)
    assert shown.exit_code == 0, shown.output  # every generated game is valid
    run("solve", "-", "--format", "json", input=text)
    run("thresholds", "-", input=text)


@settings(FUZZ, max_examples=30)
@given(games(label=names, number=st.one_of(modest, st.sampled_from(["1e50", "-1e99", '"1e-90"', "1e15"]))))
def test_odd_names_and_large_numbers_are_shown_or_refused(data):
    # Names with control characters are refused; large numbers within the limits are shown.
    run("show", "-", input=to_toml(data))


@settings(FUZZ, max_examples=80)
@given(near_valid())
def test_near_valid_game_files(text):
    if run("show", "-", input=text).exit_code == 0:
        run("solve", "-", input=text)
        run("thresholds", "-", input=text)


@settings(FUZZ, max_examples=40)
@given(garbage)
def test_garbage_game_files(text):
    run("show", "-", input=text)


NFG_HEAD = 'NFG 1 R "t" { "A" "B" } { 2 2 }\n'


@settings(FUZZ, max_examples=30)
@given(st.lists(number_text, min_size=0, max_size=9), st.text(alphabet='{}",\n NFGR12"', max_size=20))
def test_nfg_files(numbers, noise):
    folder = Path(tempfile.mkdtemp())
    source = folder / "g.nfg"
    source.write_text(NFG_HEAD + noise + " ".join(n.replace(" ", "") or "0" for n in numbers) + "\n")
    run("convert", str(source), str(folder / "g.toml"))


@st.composite
def settings_text(draw) -> str:
    outcome = draw(st.sampled_from(["Strike|Tolerate TTP", "Restrain strikes|Constrain TTP", "Strike", "X|Y", ""]))
    values = ",".join(draw(st.lists(number_text, min_size=1, max_size=3)))
    form = draw(st.sampled_from(["outcome", "payoff", "cost", "plausible", "text"]))
    if form == "outcome":
        return f"{outcome}={values}"
    if form == "payoff":
        return f"{draw(st.sampled_from(['Pakistan', 'Afghanistan', 'India', '']))}@{outcome}={values}"
    if form == "cost":
        return f"cost:{draw(st.sampled_from(['trade_disruption', 'refugee_returns', 'nope']))}={values}"
    if form == "plausible":
        return f"plausible_kappa={values}"
    return draw(st.text(max_size=30))


@settings(FUZZ, max_examples=60)
@given(settings_text())
def test_set_changes(change):
    from cases import CASE_TOML

    run("solve", "pakistan_afghanistan", f"--set={change}")
    folder = Path(tempfile.mkdtemp())
    path = folder / "case.toml"
    path.write_text(CASE_TOML, encoding="utf-8")
    edit = run("edit", str(path), f"--set={change}")
    if edit.exit_code:
        assert path.read_text(encoding="utf-8") == CASE_TOML  # a refused edit changes nothing
    assert sorted(p.name for p in folder.iterdir()) == ["case.toml"]


@settings(FUZZ, max_examples=60)
@given(number_text)
def test_kappa_values(kappa):
    result = run("solve", "stag_hunt", f"--kappa={kappa}")
    assert result.exit_code in (0, 2)  # a cost level either works or is bad usage


#: Texts a file may try to slip past the reader: escape sequences, NUL, lone carriage returns,
#: texts and names past their length limits.
hostile_texts = st.one_of(
    st.text(alphabet=string.ascii_letters + ODD + "\r\n\x07\x9b", min_size=1, max_size=20),
    st.sampled_from(["\x1b]0;title\x07", "\x1b[2J", "a\rb", "a\r\nb", "x" * 20_001, "n" * 201]),
)
#: Where ``extends`` and a claim's ``game`` may try to reach.
hostile_paths = st.sampled_from(
    ["/etc/passwd", "/etc/hostname.toml", "../../outside.toml", "sub/../../x.toml", "/dev/zero", "~/x.toml", ""]
)


@settings(FUZZ, max_examples=40)
@given(games(), st.sampled_from(["note", "cost_source", "description", "player", "claim"]), hostile_texts)
def test_hostile_texts_are_refused_or_shown_harmless(data, where, text):
    # Every text of a file, not only names: a control character is refused with its key, and
    # nothing printed on stdout carries a control byte.
    if where == "note":
        data["notes"] = {next(iter(data["payoffs"])): text}
    elif where == "cost_source":
        data["costs"] = [
            {"name": "c", "incidence": "any_conflict", "weights": [1] * len(data["players"]), "source": text}
        ]
    elif where == "description":
        data["game"]["description"] = text
    elif where == "player":
        data["players"][0]["name"] = text
    else:
        data["claims"] = [{"id": "c", "text": text, "source": text, "test": {"kind": "game_type", "expect": "other"}}]
    for command in ("show", "claims"):
        result = run(command, "-", input=to_toml(data))
        assert not any(ord(c) < 32 and c not in "\n" for c in result.stdout), repr(result.stdout[:200])


@settings(FUZZ, max_examples=20)
@given(games(), hostile_paths, st.booleans())
def test_references_to_other_files_stay_inside_the_games_folder(data, path, in_claim):
    folder = Path(tempfile.mkdtemp())
    (folder / "sub").mkdir()
    if in_claim:
        data["claims"] = [
            {"id": "c", "text": "t", "source": "s", "test": {"kind": "game_type", "game": path, "expect": "other"}}
        ]
        text = to_toml(data)
    else:
        text = f"extends = {quoted(path)}\n" + to_toml(data)
    game = folder / "sub" / "game.toml"
    game.write_text(text, encoding="utf-8")
    result = run("claims" if in_claim else "show", str(game))
    assert "root:" not in result.output  # nothing of /etc/passwd


def test_fuzz_runs_were_made(capsys):
    # Runs only after the fuzz tests above (file order); reports how many ran.
    if RUNS["count"] == 0:
        pytest.skip("run with the fuzz tests above")
    with capsys.disabled():
        print(f"\nfuzz: {RUNS['count']} CLI runs, at most {RUNS['most']:,} units of work")
    assert 0 < RUNS["most"] <= MAX_UNITS  # the runs counted their work
