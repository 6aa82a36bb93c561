"""The pages scripts draw on (timeline, entity graph) and the search form, used with a mouse and keyboard."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from .browsing import DRAWN, Browser, assert_sound_page

# Where the graph's first entity is drawn, from the centre of its canvas (Selenium's offsets start there).
NODE_OFFSET_SCRIPT = """
const graph = document.getElementById('graph');
const node = JSON.parse(document.getElementById('graph-data').textContent).nodes[0];
const point = graph.network.canvasToDOM(graph.network.getPositions([node.id])[node.id]);
const canvas = graph.querySelector('canvas').getBoundingClientRect();
return [node, Math.round(point.x - canvas.width / 2), Math.round(point.y - canvas.height / 2)];
"""


def _dataset(browser: Browser, element_id: str, name: str) -> int:
    return int(browser.driver.execute_script(f"return document.getElementById('{element_id}').dataset.{name};"))


def test_views_timeline_draws_every_story_and_filters_by_type(browser: Browser, example_server: str) -> None:
    driver = browser.driver
    assert_sound_page(browser, browser.open(example_server + "/"))
    assert_sound_page(browser, browser.follow(driver.find_element(By.LINK_TEXT, "Timeline")))
    drawn = browser.wait_for(DRAWN["timeline"])
    listed = {link.get_attribute("href"): link.text
              for link in driver.find_elements(By.CSS_SELECTOR, "#timeline-list a")}
    assert _dataset(browser, "timeline", "items") == len(listed) >= 2
    assert {link.get_attribute("href") for link in drawn} <= set(listed)
    assert driver.find_elements(By.CSS_SELECTOR, "#timeline .vis-item.disputed a")

    Select(driver.find_element(By.ID, "timeline-type")).select_by_visible_text("arms transfer")
    transfers = [href for href, label in listed.items() if label.startswith("arms transfer:")]
    assert 0 < _dataset(browser, "timeline", "items") == len(transfers) < len(listed)
    shown = driver.find_elements(By.CSS_SELECTOR, "#timeline .vis-item a")
    assert [link.get_attribute("href") for link in shown] == transfers
    label = shown[0].text
    assert_sound_page(browser, browser.follow(shown[0]))
    assert driver.find_element(By.CSS_SELECTOR, "h1.event").text == label


def test_views_graph_click_on_an_entity_opens_its_dossier(browser: Browser, example_server: str) -> None:
    driver = browser.driver
    assert_sound_page(browser, browser.open(example_server + "/graph"))
    browser.wait_for(DRAWN["graph"])
    canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    assert canvas.size["width"] > 300 and canvas.size["height"] > 200
    assert _dataset(browser, "graph", "nodes") >= 2
    statements = len(driver.find_elements(By.CSS_SELECTOR, "#graph-statements tbody tr"))
    events = len(driver.find_elements(By.CSS_SELECTOR, "#graph-events tbody tr"))
    assert _dataset(browser, "graph", "edges") == statements + events
    driver.find_element(By.ID, "graph-show-event").click()
    assert _dataset(browser, "graph", "edges") == statements

    node, x, y = driver.execute_script(NODE_OFFSET_SCRIPT)
    visit = browser.navigate(ActionChains(driver).move_to_element_with_offset(canvas, x, y).click().perform)
    assert_sound_page(browser, visit)
    assert visit.url == example_server + node["url"]
    assert driver.find_element(By.TAG_NAME, "h1").text == node["label"]


def test_views_search_finds_marks_and_narrows(browser: Browser, example_server: str) -> None:
    driver = browser.driver
    assert_sound_page(browser, browser.open(example_server + "/"))
    assert_sound_page(browser, browser.follow(driver.find_element(By.LINK_TEXT, "Search")))
    driver.find_element(By.CSS_SELECTOR, "form.search input[name=q]").send_keys("armoured")
    assert_sound_page(browser, browser.follow(driver.find_element(By.CSS_SELECTOR, "form.search button")))
    hits = driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit")
    assert hits
    for hit in hits:  # every hit shows the word it matched on, stemmed or not ("armour", "armoured")
        assert [mark for mark in hit.find_elements(By.TAG_NAME, "mark") if mark.text.lower().startswith("armour")]
    assert {"positive", "negative"} <= {word for hit in hits for word in (hit.get_attribute("class") or "").split()}
    claims = driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit.claim")

    Select(driver.find_element(By.CSS_SELECTOR, "select[name=type]")).select_by_visible_text("arms transfer")
    assert_sound_page(browser, browser.follow(driver.find_element(By.CSS_SELECTOR, "form.search button")))
    narrowed = driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit.claim")
    assert narrowed and all("arms transfer" in hit.find_element(By.CSS_SELECTOR, ".how").text for hit in narrowed)
    assert len(narrowed) < len(claims)  # claims of other events that mention armour drop out
    assert_sound_page(browser, browser.follow(narrowed[0].find_element(By.CSS_SELECTOR, "a.hit-link")))
    assert "armoured" in driver.find_element(By.CSS_SELECTOR, ".text").text
