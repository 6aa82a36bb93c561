"""Every page in a real browser, and the analyst's path through them: overview → story → evidence → entity."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

from .browsing import DRAWN, PAGE_KINDS, Browser, assert_sound_page, png_size

CONTESTED_CLAIM = "Mongolia sold armoured vehicles to Kyrgyzstan"
def _address(browser: Browser, site: str, kind: str) -> str:
    """Where a page of ``kind`` is, found the way a reader finds it: by its link."""
    fixed = {"overview": "/", "register": "/register", "timeline": "/timeline", "graph": "/graph",
             "search": "/search?q=armoured", "check": f"/check?claim={CONTESTED_CLAIM}"}
    if kind in fixed:
        return site + fixed[kind]
    browser.open(site + "/")
    if kind == "story":
        return _href(browser, "table.stories a")
    document = _href(browser, "table.documents a")
    if kind == "document":
        return document
    browser.open(document)
    return _href(browser, ".text a.mention")


def _href(browser: Browser, selector: str) -> str:
    return str(browser.driver.find_element(By.CSS_SELECTOR, selector).get_attribute("href"))


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_pages_open_sound_and_are_screenshotted(browser: Browser, example_server: str, kind: str) -> None:
    visit = browser.open(_address(browser, example_server, kind))
    if kind in DRAWN:
        browser.wait_for(DRAWN[kind])
    assert_sound_page(browser, visit)
    shot = browser.screenshot(f"{kind}")
    width, height = png_size(shot)
    assert width >= 1200 and height >= 300, (shot, width, height)


def _side_claims(browser: Browser, side: str) -> list[WebElement]:
    return browser.driver.find_elements(By.CSS_SELECTOR, f".side.{side} li.claim")


def test_pages_click_from_overview_to_story_to_evidence_to_entity(browser: Browser, example_server: str) -> None:
    driver = browser.driver
    assert_sound_page(browser, browser.open(example_server + "/"))
    top = driver.find_element(By.CSS_SELECTOR, "table.stories tbody tr")
    story_link = top.find_element(By.TAG_NAME, "a")
    label, rating = story_link.text, top.find_element(By.CSS_SELECTOR, ".rating").text
    assert int(top.find_element(By.CSS_SELECTOR, "td.disputed").text) > 0  # the most contested story comes first

    assert_sound_page(browser, browser.follow(story_link))
    assert driver.find_element(By.CSS_SELECTOR, "h1.event").text == label
    assert driver.find_element(By.CSS_SELECTOR, ".rating.big").text == rating
    asserting, denying = _side_claims(browser, "asserting"), _side_claims(browser, "denying")
    assert asserting and denying
    assert {claim.get_attribute("class") for claim in asserting} == {"claim positive"}
    assert {claim.get_attribute("class") for claim in denying} == {"claim negative"}
    for claim in asserting + denying:
        assert claim.find_element(By.CSS_SELECTOR, ".certainty").text in {"certain", "probable", "possible"}
        assert re.fullmatch(r"[A-F]", claim.find_element(By.CSS_SELECTOR, ".reliability").text)
    assert driver.find_elements(By.CSS_SELECTOR, "ul.contradictions li.contradiction")
    denial = next(claim for claim in denying if "denied" in claim.find_element(By.CSS_SELECTOR, ".cue-word").text)
    evidence = denial.find_element(By.TAG_NAME, "blockquote").text.rstrip("…")

    visit = browser.follow(denial.find_element(By.CSS_SELECTOR, "a.where"))
    assert_sound_page(browser, visit)
    anchor = visit.url.split("#", 1)[1]
    assert anchor.startswith("claim-")
    top_of_anchor, window_height = driver.execute_script(
        "const box = document.getElementById(arguments[0]).getBoundingClientRect(); return [box.top, innerHeight];",
        anchor)
    assert 0 <= top_of_anchor < window_height  # the browser scrolled to the evidence
    text = driver.find_element(By.CSS_SELECTOR, ".text")
    assert " ".join(evidence.split()) in " ".join(text.text.split())
    claim_row = driver.find_element(By.XPATH, f"//table[contains(@class, 'claims')]//tr[.//a[@href='#{anchor}']]")
    assert claim_row.get_attribute("class") == "negative" and "negative" in claim_row.text.split()
    for highlight in ("a.mention", "span.source", "span.cue.negative", "span.content.negative",
                      "span.evidence.negative", "span.trigger"):
        assert text.find_elements(By.CSS_SELECTOR, highlight), highlight
    assert "denied" in [cue.text for cue in text.find_elements(By.CSS_SELECTOR, "span.cue")]

    mention = next(link for link in text.find_elements(By.CSS_SELECTOR, "a.mention")
                   if (link.get_attribute("title") or "").startswith("Mongolia ("))
    spelling = mention.text
    assert_sound_page(browser, browser.follow(mention))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Mongolia"
    assert spelling in [item.text.split(" ×")[0] for item in driver.find_elements(By.CSS_SELECTOR, "ul.spellings li")]
    said_about = driver.find_elements(By.CSS_SELECTOR, "table.about tbody tr")
    assert {row.get_attribute("class") for row in said_about} >= {"positive", "negative"}


def test_pages_check_a_claim_through_the_form(browser: Browser, example_server: str) -> None:
    driver = browser.driver
    assert_sound_page(browser, browser.open(example_server + "/"))
    assert_sound_page(browser, browser.follow(driver.find_element(By.LINK_TEXT, "Check a claim")))
    assert not driver.find_elements(By.CSS_SELECTOR, "table.check-results")
    field = "form.check input[name=claim]"
    driver.find_element(By.CSS_SELECTOR, field).send_keys(CONTESTED_CLAIM)
    assert_sound_page(browser, browser.follow(driver.find_element(By.CSS_SELECTOR, "form.check button")))
    assert driver.find_element(By.CSS_SELECTOR, field).get_attribute("value") == CONTESTED_CLAIM  # kept for editing
    rows = driver.find_elements(By.CSS_SELECTOR, "table.check-results tbody tr")
    stances = {row.find_element(By.CSS_SELECTOR, ".stance").text: row for row in reversed(rows)}
    assert {"agree", "disagree"} <= set(stances) <= {"agree", "disagree", "discuss"}
    assert "denied" in stances["disagree"].text  # the ministry's denial is what disagrees
    browser.follow(stances["disagree"].find_element(By.TAG_NAME, "a"))
    assert "/document/" in driver.current_url and driver.find_element(By.CSS_SELECTOR, ".text").text
