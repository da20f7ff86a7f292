"""The web app of ``sovgame explore`` through Starlette's test client: the state in the
address, the token, the hosts answered, the work limit, bad input beside its cell, save as
and the report. The browser tests (test_browser.py) drive the same app in Chromium."""

from __future__ import annotations

import html
import json
import re
import warnings

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # newer Starlette asks for httpx2 and still works with httpx
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from sovgame.explore.server import TOKEN_HEADER, create_app  # noqa: E402

GAME = "pakistan_afghanistan"
TOKEN = "a-fixed-token-for-the-tests"


@pytest.fixture
def client():
    return TestClient(create_app(GAME, 20_000_000, token=TOKEN), base_url="http://127.0.0.1")


def text_of(page: str) -> str:
    """The words a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def section(page: str, name: str) -> str:
    found = re.search(rf'<section class="result" id="{name}">(.*?)</section>', page, flags=re.S)
    assert found, name
    return found.group(1)


def test_the_first_load_shows_the_state_in_the_address(client):
    # Costed payoffs at κ = 2 (cost loads from the file: Pakistan 0 at (Restrain, Constrain),
    # 1/2 at (Restrain, Tolerate), 3/4 when it strikes; Afghanistan 0 at (Restrain,
    # Constrain), 3/2 elsewhere): (R,C) = (3, 3), (R,T) = (0, 1), (S,C) = (5/2, -2),
    # (S,T) = (1/2, -1). Pure equilibria (R,C) and (S,T). The mixed one: Pakistan's p on
    # Restrain makes Afghanistan indifferent, 3p − 2(1−p) = p − (1−p), so p = 1/3;
    # Afghanistan's q on Constrain makes Pakistan indifferent, 3q = 5/2·q + 1/2·(1−q), so q = 1/2.
    page = client.get("/", params={"kappa": "2"})
    assert page.status_code == 200
    equilibria = text_of(section(page.text, "equilibria"))
    assert "3 equilibria" in equilibria
    assert "Restrain strikes 1/3 (0.3333), Strike 2/3 (0.6667)" in equilibria
    assert "Constrain TTP 1/2 (0.5), Tolerate TTP 1/2 (0.5)" in equilibria
    matrix = section(page.text, "matrix")
    starred = re.findall(r'<td class="cell eq" data-outcome="([^"]+)">', matrix)
    assert starred == ["Restrain strikes|Constrain TTP", "Strike|Tolerate TTP"]
    assert "5/2, -2" in text_of(matrix) and "0, 1" in text_of(matrix)
    # κ_NE = max over players of (T − R)/Δw = max(1/(3/4), 1/(3/2)) = 4/3, Pakistan binding.
    thresholds = text_of(section(page.text, "thresholds"))
    assert "≥ 4/3 (1.333)" in thresholds and "Pakistan" in thresholds
    assert f'<meta name="sovgame-token" content="{TOKEN}">' in page.text


def test_an_edited_payoff_moves_the_threshold(client):
    # Pakistan's temptation T = 5 instead of 4: κ_NE = (5 − 3)/(3/4) = 8/3 (Afghanistan's
    # 2/3 unchanged), so Pakistan still binds, at 8/3.
    live = client.get("/live", params={"kappa": "1", "set": "Strike|Constrain TTP=5,1"})
    assert live.status_code == 200
    thresholds = text_of(section(live.text, "thresholds"))
    assert "≥ 8/3 (2.667)" in thresholds
    assert "4/3" not in thresholds.split("holds for")[1].split("strict")[0]
    assert "sovgame whatif pakistan_afghanistan --set 'Strike|Constrain TTP=5,1'" in text_of(live.text)


def test_bad_input_is_shown_next_to_its_cell_and_the_rest_still_holds(client):
    live = client.get(
        "/live", params=[("kappa", "2"), ("set", "Strike|Constrain TTP=lots,1"), ("set", "cost:trade_disruption=1,1")]
    )
    assert live.status_code == 200
    cell = re.search(r'<td class="cell[^"]*" data-outcome="Strike\|Constrain TTP">(.*?)</td>', live.text, re.S)
    assert cell and 'class="error"' in cell.group(1) and "lots" in html.unescape(cell.group(1))
    assert "Traceback" not in live.text
    errors = json.loads(live.headers["X-Sovgame-Errors"])
    assert list(errors) == ["Strike|Constrain TTP"]
    # The weight change still holds: trade_disruption weights (1, 1) at κ = 2 cost Pakistan 2
    # more at (Restrain, Tolerate), so that cell is 1 − 2·(1 + 0) = -1 for Pakistan.
    assert "-1, 1" in text_of(section(live.text, "matrix"))


def test_a_bad_cost_level_is_named_and_kappa_1_shown(client):
    live = client.get("/live", params={"kappa": "-1"})
    assert json.loads(live.headers["X-Sovgame-Errors"]) == {"kappa": "the cost level must be >= 0, not -1"}
    assert "Payoffs at κ = 1" in text_of(live.text)


def test_a_post_without_the_token_is_refused_and_writes_nothing(client, tmp_path):
    target = tmp_path / "saved.toml"
    body = {"path": str(target), "set": []}
    assert client.post("/save", json=body).status_code == 403
    assert client.post("/save", json=body, headers={TOKEN_HEADER: "wrong"}).status_code == 403
    assert client.put("/save", json=body).status_code == 403
    assert not target.exists()
    saved = client.post("/save", json=body, headers={TOKEN_HEADER: TOKEN})
    assert saved.status_code == 200 and saved.json()["ok"]
    assert target.exists()


def test_each_server_has_its_own_token():
    first, second = (create_app(GAME).state.explorer.token for _ in range(2))
    assert first != second and len(first) >= 24


def test_requests_for_another_host_are_refused(client):
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_save_as_writes_a_new_file_that_keeps_the_comments(client, tmp_path, runner):
    from sovgame.cli import app

    target = tmp_path / "what_if.toml"
    body = {"path": str(target), "set": ["Strike|Constrain TTP=5,1", "cost:trade_disruption=1,1"]}
    answer = client.post("/save", json=body, headers={TOKEN_HEADER: TOKEN}).json()
    assert answer == {"ok": True, "message": f"wrote {target}", "path": str(target)}
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Pakistan-Afghanistan after the Istanbul talks")
    shown = json.loads(runner.invoke(app, ["show", str(target), "--format", "json"]).stdout)
    assert shown["payoffs"]["Strike|Constrain TTP"] == [5, 1]
    again = client.post("/save", json=body, headers={TOKEN_HEADER: TOKEN})
    assert again.status_code == 422 and "exists; choose another name" in again.json()["message"]
    assert target.read_text(encoding="utf-8") == text


def test_the_input_is_changed_only_when_confirmed(tmp_path, case_file):
    original = case_file.read_text(encoding="utf-8")
    client = TestClient(create_app(str(case_file), token=TOKEN), base_url="http://127.0.0.1")
    cell = next(line.split("=")[0].strip().strip('"') for line in original.splitlines() if "|" in line and "=" in line)
    body = {"path": str(case_file), "set": [f"{cell}=7,7"]}
    refused = client.post("/save", json=body, headers={TOKEN_HEADER: TOKEN})
    assert refused.status_code == 422 and "is the game this page was started with" in refused.json()["message"]
    assert case_file.read_text(encoding="utf-8") == original
    confirmed = client.post("/save", json={**body, "overwrite": True}, headers={TOKEN_HEADER: TOKEN})
    assert confirmed.json()["ok"]
    assert "[7, 7]" in case_file.read_text(encoding="utf-8")


def test_save_as_refuses_a_name_that_is_no_game_file(client, tmp_path):
    answer = client.post("/save", json={"path": str(tmp_path / "x.txt"), "set": []}, headers={TOKEN_HEADER: TOKEN})
    assert answer.status_code == 422 and "ends in .toml" in answer.json()["message"]
    assert not list(tmp_path.iterdir())


def test_work_past_the_limit_is_refused_with_the_command_lines_message(runner):
    from sovgame.cli import app

    cli = runner.invoke(app, ["solve", GAME, "--kappa", "2", "--max-work", "10"])
    assert cli.exit_code == 1
    message = cli.stderr.strip().removeprefix("sovgame: ")
    client = TestClient(create_app(GAME, 10, token=TOKEN), base_url="http://127.0.0.1")
    page = client.get("/", params={"kappa": "2"})
    assert page.status_code == 200
    assert html.escape(message, quote=False) in page.text
    assert 'id="matrix"' in page.text and 'id="kappa-range"' in page.text  # the page stays usable
    assert client.get("/chart.svg").status_code == 422


def test_the_chart_and_the_report(client):
    chart = client.get("/chart.svg")
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in chart.content[:500]
    report = client.get("/report", params={"kappa": "2", "set": "Strike|Constrain TTP=5,1"})
    assert report.status_code == 200
    assert "attachment" in report.headers["content-disposition"]
    assert "Pakistan-Afghanistan: the TTP sanctuary dilemma" in report.text
    assert "8/3" in text_of(report.text)


def test_the_page_with_its_script_and_style_stays_under_300_kB(client):
    page = client.get("/", params={"kappa": "2"})
    parts = [page.content, client.get("/static/explore.js").content, client.get("/static/explore.css").content]
    parts.append(client.get("/chart.svg").content)
    assert all(parts) and sum(len(p) for p in parts) <= 300_000


def test_the_latest_change_of_each_key_wins_and_the_address_round_trips():
    from urllib.parse import parse_qs

    from sovgame.explore.state import MAX_SETTINGS, ExploreState, latest

    assert latest(["a|b=1,2", "Row@a|b=5", " ", "a|b=3,4"]) == ("Row@a|b=5", "a|b=3,4")
    state = ExploreState.from_query({"kappa": " 4/3 "}, ["x|y=1,1", "cost:c=1,2", "x|y=2,2"])
    assert state == ExploreState("4/3", ("cost:c=1,2", "x|y=2,2"))
    parsed = parse_qs(state.query())
    assert ExploreState.from_query({"kappa": parsed["kappa"][0]}, parsed["set"]) == state
    many = ExploreState.from_query({}, [f"Row@a|b={i}" for i in range(3)] + [f"c{i}|d=1,1" for i in range(200)])
    assert len(many.settings) == MAX_SETTINGS and many.settings[-1] == "c199|d=1,1" and many.kappa == "1"


def test_a_three_player_game_lists_its_outcomes_as_rows():
    client = TestClient(create_app("pakistan_afghanistan_india", token=TOKEN), base_url="http://127.0.0.1")
    page = client.get("/", params={"kappa": "1"})
    assert page.status_code == 200
    rows = re.findall(r'<td class="cell[^"]*" data-outcome="([^"]+)">', section(page.text, "matrix"))
    assert len(rows) == 8 and all(row.count("|") == 2 for row in rows)


def test_a_refused_payoff_of_one_player_and_a_refused_weight_are_shown_where_they_were_made(client):
    page = client.get(
        "/", params=[("kappa", "abc"), ("set", "Pakistan@Strike|Constrain TTP=x"), ("set", "cost:trade_disruption=1")]
    )
    assert page.status_code == 200
    cell = re.search(r'<td class="cell[^"]*" data-outcome="Strike\|Constrain TTP">(.*?)</td>', page.text, re.S)
    assert cell and 'class="error"' in cell.group(1)
    weight = re.search(r'<p class="error" data-error-for="cost:trade_disruption">([^<]+)</p>', page.text)
    assert weight and "trade_disruption" in html.unescape(weight.group(1))
    kappa = re.search(r'<p class="error" data-error-for="kappa">([^<]+)</p>', page.text)
    assert kappa and "abc" in html.unescape(kappa.group(1))
    assert "Payoffs at κ = 1" in text_of(page.text)
