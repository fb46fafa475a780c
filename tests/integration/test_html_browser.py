"""The graph page in real headless Chromium: it renders offline, logs no error, fetches nothing
and runs none of the HTML/JS carried by article text.

Needs Debian ``chromium`` and ``chromium-driver``; skipped without them, failing under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.viz_graph import ACTORS, EVIL, IMG, RELATIONS, SCRIPT, viz_store

from tradegraph.graph.export.html import write_html

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# Runs before any script of the page: every way the payloads could fire records itself here.
XSS_HOOKS = """
window.__xss = [];
['alert', 'confirm', 'prompt'].forEach(function (name) {
  window[name] = function (message) { window.__xss.push(name + ':' + String(message)); };
});
"""


def _binaries() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("CI"):
            pytest.fail("chromium/chromium-driver are missing under CI: .ci/run must install them")
        pytest.skip("no chromium: apt-get install chromium chromium-driver")
    return chromium, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium, driver_path = _binaries()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # An explicit driver path keeps Selenium Manager from looking for drivers online.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": XSS_HOOKS})
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = write_html(viz_store(), tmp_path_factory.mktemp("page") / "graph.html")
    for log in ("browser", "performance"):
        browser.get_log(log)  # drop what the start page logged: the tests judge only this page
    browser.get(path.as_uri())
    deadline = time.monotonic() + 30
    while not browser.execute_script("return !!(window.tradegraph && window.tradegraph.ready)"):
        assert time.monotonic() < deadline, "the graph never finished drawing"
        time.sleep(0.1)
    return browser


def _hover(driver: Any, x: float, y: float) -> str:
    """Move the mouse to page-canvas position (x, y) and return the tooltip's text."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", "#graph canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, 0, 0).move_by_offset(1, 1).perform()
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)
    ).perform()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        text = driver.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility === 'visible' ? t.innerText : null;"
        )
        if text:
            return str(text)
        time.sleep(0.05)
    return ""


def test_html_browser_renders_every_actor_and_relation(page: Any) -> None:
    assert page.execute_script("return window.tradegraph.nodes.length") == len(ACTORS)
    assert page.execute_script("return window.tradegraph.edges.length") == len(RELATIONS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.save_screenshot(str(ARTIFACTS / "viz_page.png"))


def test_html_browser_logs_no_console_error(page: Any) -> None:
    errors = [e for e in page.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []


def test_html_browser_fetches_nothing_from_the_network(page: Any) -> None:
    resources = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    requested = [json.loads(e["message"])["message"] for e in page.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requested if m["method"] == "Network.requestWillBeSent"]
    assert urls, "the performance log recorded no request at all, not even the page itself"
    assert [u for u in resources + urls if not u.startswith(("file:", "data:"))] == []


def test_html_browser_tooltips_show_hostile_text_as_text(page: Any) -> None:
    positions = page.execute_script(
        "var n = window.tradegraph.network; var out = {};"
        "window.tradegraph.nodes.getIds().forEach(function (id) {"
        "  out[id] = n.canvasToDOM(n.getPositions([id])[id]); });"
        "window.tradegraph.edges.getIds().forEach(function (id) {"
        "  out[id] = n.canvasToDOM(n.body.edges[id].edgeType.getPoint(0.5)); });"
        "return out;"
    )
    evil_node = _hover(page, positions[EVIL.id]["x"], positions[EVIL.id]["y"])
    assert SCRIPT in evil_node and IMG in evil_node
    hostile_edge = "|".join(RELATIONS[-1].key)
    evil_edge = _hover(page, positions[hostile_edge]["x"], positions[hostile_edge]["y"])
    assert IMG in evil_edge and "href" in evil_edge
    ARTIFACTS.mkdir(exist_ok=True)
    page.save_screenshot(str(ARTIFACTS / "viz_tooltip.png"))
    for shown in positions.values():
        _hover(page, shown["x"], shown["y"])
    assert page.execute_script("return window.__xss") == []
    assert page.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0


def test_html_browser_hooks_catch_a_payload_that_runs(page: Any, tmp_path: Path) -> None:
    # Proves the check above can fail: the same payload, written raw into a page, is caught.
    raw = tmp_path / "raw.html"
    raw.write_text(f"<!DOCTYPE html><html><body>{IMG}</body></html>", encoding="utf-8")
    page.get(raw.as_uri())
    deadline = time.monotonic() + 5
    while not page.execute_script("return window.__xss.length") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert page.execute_script("return window.__xss") == ["alert:1"]
