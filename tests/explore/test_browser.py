"""``sovgame explore`` in a real browser: headless Chromium driven by Selenium through the
system's chromedriver, against the command run as a user runs it.

Chromium and chromedriver come from the system's packages (Debian: ``chromium`` and
``chromium-driver``; ``.ci/run`` installs them). Where they are missing these tests are
skipped, unless ``SOVGAME_BROWSER_TESTS=required`` (as in CI), where a missing browser fails.
``SOVGAME_CHROMIUM`` and ``SOVGAME_CHROMEDRIVER`` name other binaries.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")


def _binary(variable: str, *names: str) -> str | None:
    given = os.environ.get(variable)
    if given:
        return given
    return next((found for name in names if (found := shutil.which(name))), None)


CHROMIUM = _binary("SOVGAME_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER = _binary("SOVGAME_CHROMEDRIVER", "chromedriver")
REQUIRED = os.environ.get("SOVGAME_BROWSER_TESTS") == "required"

if not (CHROMIUM and CHROMEDRIVER):
    missing = "Chromium and chromedriver (apt-get install chromium chromium-driver)"
    if REQUIRED:
        pytest.fail(f"SOVGAME_BROWSER_TESTS=required but the browser tests need {missing}", pytrace=False)
    pytest.skip(f"the browser tests need {missing}", allow_module_level=True)

selenium = pytest.importorskip("selenium")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WAIT = 60  # seconds: a busy machine is slow, a passing test does not wait that long


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("explore")


@pytest.fixture(scope="module")
def server(folder):
    """``sovgame explore pakistan_afghanistan --no-browser`` on a free port; its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sovgame", "explore", "pakistan_afghanistan", "--no-browser"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    line = process.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not found:
        process.kill()
        pytest.fail(f"the server did not start: {line}{process.stderr.read()}")
    yield found.group(0)
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1000")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def shown(driver, ident: str) -> str:
    return driver.find_element(By.ID, ident).text


def wait_for(driver, ident: str, *texts: str) -> str:
    """The text of the element ``ident`` once it holds every one of ``texts`` (the live part
    is replaced as answers come, so an element found may be gone a moment later)."""
    waiting = WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,))
    waiting.until(lambda d: all(t in shown(d, ident) for t in texts))
    return shown(driver, ident)


# The numbers below are derived by hand in tests/explore/test_server.py: at κ = 2 the case
# has three equilibria, the mixed one Pakistan (1/3, 2/3) and Afghanistan (1/2, 1/2);
# κ_NE = 4/3 with the file's payoffs, 8/3 once Pakistan's temptation is 5.


def test_moving_kappa_to_2_shows_three_equilibria_with_the_mixed_one(server, browser):
    browser.get(server)
    wait_for(browser, "equilibria", "Nash equilibria at κ = 1", "1 equilibrium")
    slider = browser.find_element(By.ID, "kappa-range")
    slider.send_keys(*[Keys.ARROW_RIGHT] * 20)  # step 0.05: from 1 to 2
    text = wait_for(browser, "equilibria", "Nash equilibria at κ = 2", "3 equilibria")
    assert "Restrain strikes 1/3 (0.3333), Strike 2/3 (0.6667)" in text
    assert "Constrain TTP 1/2 (0.5), Tolerate TTP 1/2 (0.5)" in text
    assert browser.find_element(By.ID, "kappa").get_attribute("value") == "2"
    assert "kappa=2" in browser.current_url
    stars = browser.find_elements(By.CSS_SELECTOR, "#matrix td.eq")
    assert [s.get_attribute("data-outcome") for s in stars] == ["Restrain strikes|Constrain TTP", "Strike|Tolerate TTP"]


def test_editing_a_payoff_moves_the_threshold(server, browser):
    assert "≥ 4/3 (1.333)" in shown(browser, "thresholds")
    cell = browser.find_element(By.CSS_SELECTOR, 'input.payoff[data-key="Strike|Constrain TTP"]')
    cell.clear()
    cell.send_keys("5, 1", Keys.ENTER)
    text = wait_for(browser, "thresholds", "≥ 8/3 (2.667)")
    assert "≥ 4/3" not in text.split("strict equilibrium")[0]
    assert "--set 'Strike|Constrain TTP=5, 1'" in shown(browser, "command")


def test_bad_input_is_shown_beside_its_cell(server, browser):
    cell = browser.find_element(By.CSS_SELECTOR, 'input.payoff[data-key="Restrain strikes|Tolerate TTP"]')
    cell.clear()
    cell.send_keys("one, 4", Keys.ENTER)
    selector = 'td[data-outcome="Restrain strikes|Tolerate TTP"] .error'
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, selector))
    assert "one" in browser.find_element(By.CSS_SELECTOR, selector).text
    assert "≥ 8/3 (2.667)" in shown(browser, "thresholds")  # the other change still holds
    cell = browser.find_element(By.CSS_SELECTOR, 'input.payoff[data-key="Restrain strikes|Tolerate TTP"]')
    cell.clear()
    cell.send_keys("1, 4", Keys.ENTER)
    WebDriverWait(browser, WAIT).until(lambda d: not d.find_elements(By.CSS_SELECTOR, selector))


def test_save_as_writes_a_file_the_command_line_reads(server, browser, folder):
    target = folder / "what_if.toml"
    browser.find_element(By.ID, "save-path").send_keys(str(target))
    browser.find_element(By.ID, "save").click()
    WebDriverWait(browser, WAIT).until(lambda d: "wrote" in shown(d, "save-result"))
    assert shown(browser, "save-result") == f"wrote {target}"
    command = [sys.executable, "-m", "sovgame", "thresholds", str(target), "--format", "json"]
    report = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    nash = report["thresholds"]["nash"]
    assert (nash["exact"], nash["binding"]) == ("8/3", "Pakistan")


def test_a_shared_address_shows_the_same_state(server, browser):
    address = browser.current_url
    before = {ident: shown(browser, ident) for ident in ("matrix", "equilibria", "thresholds", "claims")}
    browser.get("about:blank")
    browser.get(address)
    after = {ident: shown(browser, ident) for ident in before}
    assert after == before
    # Rendered by the server: the page as fetched, before any script runs, holds it too.
    with urllib.request.urlopen(address, timeout=WAIT) as response:
        page = response.read().decode("utf-8")
    assert "Nash equilibria at κ = 2" in page and "≥ 8/3 (2.667)" in page


def test_dragging_a_weight_moves_the_threshold_and_copy_gives_the_command(server, browser):
    # Pakistan's trade weight from 1/2 to 1 (ten steps of 0.05): its cost load at (Strike,
    # Constrain TTP) against (Restrain, Constrain) grows from 1/2 + 1/4 = 3/4 to 1 + 1/4 = 5/4,
    # so its condition (4 − 3)/(5/4) = 4/5 binds over Afghanistan's 2/3.
    browser.get(server)
    wait_for(browser, "thresholds", "≥ 4/3 (1.333)")
    slider = browser.find_element(By.CSS_SELECTOR, 'input[data-cost="trade_disruption"][data-player="0"]')
    slider.send_keys(*[Keys.ARROW_RIGHT] * 10)
    wait_for(browser, "thresholds", "≥ 4/5 (0.8)")
    assert browser.find_element(By.ID, "weight-0-0").get_attribute("value") == "1"
    assert "set=cost%3Atrade_disruption%3D1%2C1" in browser.current_url
    browser.find_element(By.ID, "copy").click()
    command = shown(browser, "command-text")
    assert command.startswith("sovgame whatif pakistan_afghanistan --set cost:trade_disruption=1,1\n")


def test_a_headless_dump_of_the_page_at_kappa_2_shows_the_mixed_equilibrium(server):
    command = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--dump-dom", f"{server}?kappa=2"]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    assert "Restrain strikes 1/3 (0.3333), Strike 2/3 (0.6667)" in dom
    assert "≥ 4/3 (1.333)" in dom and "Cost thresholds for compromise" in dom
