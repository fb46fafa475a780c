"""Exploring the graph page in real headless Chromium: search, kind toggles, the time and confidence
sliders, the evidence and timeline panels, keyboard access, and a first paint with labels.

Needs Debian ``chromium`` and ``chromium-driver``; skipped without them, failing under CI.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fixtures.viz_graph import CHINA, EU, EVIL, IMG, SCRIPT, SEFCOVIC, viz_store
from test_html_browser import XSS_HOOKS, _binaries

from tradegraph.graph.export.html import write_html
from tradegraph.graph.export.selection import Selection, holds_as_of, whole
from tradegraph.graph.model import Actor, ActorKind, Evidence, Relation, RelationKind

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# Valid 1-4 April, reported in March, low confidence: the sliders must treat it like --as-of.
BRIEF_PACT = Relation(
    CHINA.id,
    RelationKind.ALLIED_WITH,
    EU.id,
    valid_from=date(2025, 4, 1),
    valid_to=date(2025, 4, 4),
    evidence=(
        Evidence("article:1", "China and the EU agreed a short pact.", date=date(2025, 3, 1), confidence=0.3),
    ),
)


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
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": XSS_HOOKS})
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: Any, path: Path) -> Any:
    for log in ("browser", "performance"):
        driver.get_log(log)
    driver.get(path.as_uri())
    deadline = time.monotonic() + 30
    while not driver.execute_script("return !!(window.tradegraph && window.tradegraph.ready)"):
        assert time.monotonic() < deadline, "the graph never finished drawing"
        time.sleep(0.05)
    return driver


def _selection() -> Selection:
    sel = whole(viz_store())
    return Selection(sel.actors, sorted([*sel.relations, BRIEF_PACT], key=lambda r: r.key), sel.articles)


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Any:
    return _open(browser, write_html(_selection(), tmp_path / "graph.html"))


def _visible(page: Any) -> set[str]:
    return set(page.execute_script("return window.tradegraph.visibleEdgeIds()"))


def _all_ids() -> set[str]:
    return {"|".join(r.key) for r in _selection().relations}


def test_explore_search_finds_an_actor_by_alias_and_focuses_it(page: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    box = page.find_element("css selector", "#search")
    box.send_keys("sefcovic")  # an alias, without the accents of the name
    assert "Maroš Šefčovič" in page.find_element("css selector", "#search-results").text
    box.send_keys(Keys.ENTER)
    assert page.execute_script("return window.tradegraph.network.getSelectedNodes()") == [SEFCOVIC.id]
    assert page.find_element("css selector", "#actor h2").text == "Maroš Šefčovič"
    box.clear()
    box.send_keys("Brussels", Keys.ENTER)  # an alias of the EU
    assert page.execute_script("return window.tradegraph.network.getSelectedNodes()") == [EU.id]


def test_explore_kind_toggle_in_the_legend_hides_those_edges(page: Any) -> None:
    toggle = page.find_element("css selector", "#legend input[data-kind='NEGOTIATES_WITH']")
    toggle.find_element("xpath", "..").click()  # the legend entry itself is the control
    talks = {i for i in _all_ids() if "|NEGOTIATES_WITH|" in i}
    assert _visible(page) == _all_ids() - talks
    persons = page.find_element("css selector", "#legend input[data-kind='Person']")
    persons.click()
    hidden = page.execute_script("return window.tradegraph.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert set(hidden) == {a.id for a in _selection().actors if a.kind is ActorKind.PERSON}
    assert all(i.startswith(("country:", "org:")) and "|person:" not in i for i in _visible(page))
    persons.click()
    toggle.click()
    assert _visible(page) == _all_ids()


def _slide_to(page: Any, element_id: str, value: int) -> None:
    page.execute_script(
        "var s = document.getElementById(arguments[0]); s.value = String(arguments[1]);"
        "s.dispatchEvent(new Event('input', {bubbles: true}));",
        element_id,
        value,
    )


def test_explore_time_slider_means_the_same_as_as_of(page: Any) -> None:
    first = date(2025, 2, 26)  # the earliest date of the fixture: Greer's start
    span = int(page.execute_script("return Number(document.getElementById('time').max)")) - 1
    assert first + timedelta(days=span) == date(2025, 4, 6)
    for day in (date(2025, 3, 1), date(2025, 4, 2), date(2025, 4, 3), date(2025, 4, 4), date(2025, 4, 6)):
        _slide_to(page, "time", (day - first).days)
        assert page.find_element("css selector", "#time-label").text == day.isoformat()
        expected = {"|".join(r.key) for r in _selection().relations if holds_as_of(r, day)}
        assert _visible(page) == expected, day
    assert "|".join(BRIEF_PACT.key) in expected_on(date(2025, 4, 2))
    _slide_to(page, "time", span + 1)
    assert page.find_element("css selector", "#time-label").text == "any date"
    assert _visible(page) == _all_ids()


def expected_on(day: date) -> set[str]:
    return {"|".join(r.key) for r in _selection().relations if holds_as_of(r, day)}


def test_explore_confidence_slider_hides_less_sure_relations(page: Any) -> None:
    _slide_to(page, "confidence", 60)
    assert _visible(page) == {"|".join(r.key) for r in _selection().relations if r.confidence >= 0.6}
    assert "|".join(BRIEF_PACT.key) not in _visible(page)


def _edge_point(page: Any, edge_id: str) -> tuple[float, float]:
    point = page.execute_script(
        "var n = window.tradegraph.network;"
        "return n.canvasToDOM(n.body.edges[arguments[0]].edgeType.getPoint(0.5));",
        edge_id,
    )
    return point["x"], point["y"]


def _click(page: Any, x: float, y: float) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = page.find_element("css selector", "#graph canvas")
    ActionChains(page).move_to_element_with_offset(
        canvas, int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)
    ).click().perform()


def test_explore_clicking_an_edge_shows_its_evidence_as_text(page: Any) -> None:
    hostile = f"{EVIL.id}|NEGOTIATES_WITH|{SEFCOVIC.id}"
    page.execute_script(
        "window.tradegraph.network.focus(arguments[0], {scale: 1.5, animation: false})", EVIL.id
    )
    _click(page, *_edge_point(page, hostile))
    sentences = [e.text for e in page.find_elements("css selector", "#evidence blockquote")]
    rel = next(r for r in _selection().relations if "|".join(r.key) == hostile)
    assert sentences == [ev.sentence for ev in rel.evidence] and IMG in sentences[0]
    links = page.find_elements("css selector", "#evidence a")
    assert [a.get_attribute("href") for a in links] == ["https://news.example/6"]
    assert links[0].get_attribute("rel") == "noopener noreferrer"
    assert page.execute_script("return window.__xss") == []
    assert page.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0


def test_explore_keyboard_reaches_actor_relations_evidence_and_timeline(page: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    page.find_element("css selector", "body").send_keys("/")
    assert page.execute_script("return document.activeElement.id") == "search"
    page.switch_to.active_element.send_keys("Greer", Keys.ENTER)
    timeline = page.find_element("css selector", "#timeline").text
    assert (
        "U.S. Trade Representative" in timeline and "2025-02-26" in timeline and "Katherine Tai" in timeline
    )
    button = page.find_element("css selector", "#actor ul button")
    button.send_keys(Keys.ENTER)
    assert page.find_elements("css selector", "#evidence blockquote")
    page.find_element("css selector", "body").send_keys(Keys.ESCAPE)
    assert page.find_elements("css selector", "#evidence blockquote") == []


def test_explore_timeline_of_a_state_lists_holders_in_order(page: Any) -> None:
    page.execute_script("window.tradegraph.search('United States')")
    rows = [li.text for li in page.find_elements("css selector", "#timeline li")]
    tai = next(i for i, r in enumerate(rows) if r.startswith("Katherine Tai"))
    greer = next(i for i, r in enumerate(rows) if r.startswith("Jamieson Greer"))
    assert tai < greer and "to 2025-02-26" in rows[tai] and "before Jamieson Greer" in rows[tai]
    assert "after Katherine Tai" in rows[greer]


def test_explore_nothing_runs_from_hostile_text_and_nothing_is_fetched(page: Any) -> None:
    page.execute_script("window.tradegraph.search(arguments[0])", "Evil")
    page.execute_script("window.tradegraph.selectEdge(arguments[0])", f"{EVIL.id}|REPRESENTS|{CHINA.id}")
    assert SCRIPT in page.find_element("css selector", "#actor h2").text
    assert page.execute_script("return window.__xss") == []
    requested = [json.loads(e["message"])["message"] for e in page.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requested if m["method"] == "Network.requestWillBeSent"]
    assert urls and [u for u in urls if not u.startswith(("file:", "data:"))] == []
    assert [e for e in page.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []


def _crowd(n_states: int = 12, n_people: int = 150) -> Selection:
    states = [Actor(f"country:S{i:02d}", f"State {i}", ActorKind.COUNTRY) for i in range(n_states)]
    people = [Actor(f"person:p{i}", f"Envoy {i}", ActorKind.PERSON) for i in range(n_people)]
    ev = (Evidence("article:1", "A sentence.", date=date(2025, 4, 1)),)
    relations = [
        Relation(p.id, RelationKind.REPRESENTS, states[i % n_states].id, evidence=ev)
        for i, p in enumerate(people)
    ]
    relations += [
        Relation(people[i].id, RelationKind.NEGOTIATES_WITH, people[(i * 7 + 3) % n_people].id, evidence=ev)
        for i in range(0, n_people, 3)
        if i != (i * 7 + 3) % n_people
    ]
    relations += [
        Relation(states[i].id, RelationKind.ALLIED_WITH, states[i + 1].id, evidence=ev)
        for i in range(n_states - 1)
    ]
    unique = {r.key: r for r in relations}  # symmetric pairs come out twice
    return Selection(states + people, list(unique.values()))


@pytest.mark.parametrize("graph", ["fixture", "crowd"])
def test_explore_first_paint_shows_labelled_nodes(browser: Any, tmp_path: Path, graph: str) -> None:
    selection = _crowd() if graph == "crowd" else _selection()
    page = _open(browser, write_html(selection, tmp_path / "graph.html"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.save_screenshot(
        str(ARTIFACTS / f"viz_first_paint_{graph}.png")
    )  # taken at once: no waiting for physics
    labelled = page.execute_script(
        "var n = window.tradegraph.network, s = n.getScale(), t = n.body.nodes;"
        "var th = window.tradegraph.network.body.nodes[Object.keys(t)[0]].options.scaling.label.drawThreshold;"
        "return Object.keys(t).filter(function (id) { return t[id].options.font.size * s >= th; });"
    )
    states = {a.id for a in selection.actors if a.kind is ActorKind.COUNTRY}
    assert states <= set(labelled)  # the hubs are readable at first view
    assert page.execute_script("return window.tradegraph.network.physics.options.enabled") is False
