"""In a real browser, nothing in a hostile document runs, and the Content-Security-Policy is enforced."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from selenium.webdriver.common.by import By

from .browsing import DRAWN, PAGE_KINDS, Browser, page_errors, png_size
from .hostile import PAYLOAD

# The effects PAYLOAD would have: a flag, a new title, a new element.
EFFECTS_SCRIPT = "return [window.__pwned ?? null, document.title, !!document.getElementById('pwned-node')];"
INLINE_SCRIPT = ("const script = document.createElement('script'); script.textContent = 'window.__inline = 1';"
                 "document.head.append(script); return window.__inline ?? null;")


@pytest.fixture(scope="session")
def hostile_pages(browser: Browser, hostile_server: str) -> dict[str, list[str]]:
    """The hostile site's pages by kind, found by following its links from the overview."""
    driver = browser.driver

    def hrefs(selector: str) -> list[str]:
        return list(dict.fromkeys(str(link.get_attribute("href"))
                                  for link in driver.find_elements(By.CSS_SELECTOR, selector)))

    browser.open(hostile_server + "/")
    asked = quote(f"<script>{PAYLOAD}</script> tanks Kyrgyzstan")
    pages = {"overview": [hostile_server + "/"], "register": [hostile_server + "/register"],
             "timeline": [hostile_server + "/timeline"], "graph": [hostile_server + "/graph"],
             "search": [f"{hostile_server}/search?q={asked}", f"{hostile_server}/search?q=Kyrgyzstan"],
             "check": [f"{hostile_server}/check?claim={asked}"],
             "story": hrefs("a[href*='/story/']"), "document": hrefs("a[href*='/document/']")}
    entities: list[str] = []
    for document in pages["document"]:
        browser.open(document)
        entities += hrefs("a[href*='/entity/']")
    pages["entity"] = list(dict.fromkeys(entities))
    return pages


def test_security_hostile_corpus_reaches_every_kind_of_page(hostile_pages: dict[str, list[str]]) -> None:
    assert len(hostile_pages["document"]) == 3
    assert hostile_pages["story"] and hostile_pages["entity"]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_security_nothing_from_a_document_runs(browser: Browser, hostile_pages: dict[str, list[str]],
                                                kind: str) -> None:
    for url in hostile_pages[kind]:
        visit = browser.open(url)
        if kind in DRAWN:
            browser.wait_for(DRAWN[kind])
        assert browser.open_dialog() is None, url
        flag, title, node = browser.driver.execute_script(EFFECTS_SCRIPT)
        assert flag is None and not node and title.endswith("· claimtrace"), (url, flag, title, node)
        live = browser.live_code()
        assert live["handlers"] == [] and live["urls"] == [] and live["unparsable_data"] == [], (url, live)
        own = "{0.scheme}://{0.netloc}/static/".format(urlsplit(url))
        assert all(src.startswith(own) for src in live["scripts"]), (url, live["scripts"])
        assert page_errors(visit) == [], url  # not even a blocked attempt: escaping stopped it before the CSP


def test_security_payloads_are_shown_as_text(browser: Browser, hostile_pages: dict[str, list[str]]) -> None:
    texts = []
    for url in hostile_pages["document"]:
        browser.open(url)
        texts.append(browser.driver.find_element(By.TAG_NAME, "main").text)
    shown = "\n".join(texts)
    assert f"<script>{PAYLOAD}</script>" in shown  # the analyst sees what the document held
    assert f"javascript:{PAYLOAD}" in shown  # a javascript: address is printed, never linked
    report = next(url for url, text in zip(hostile_pages["document"], texts) if "Frontier Times" in text)
    browser.open(report)
    assert png_size(browser.screenshot("hostile-document"))[1] >= 300


def test_security_browser_enforces_the_content_security_policy(browser: Browser, hostile_server: str) -> None:
    visit = browser.open(hostile_server + "/")
    assert "script-src 'self'" in visit.headers["content-security-policy"]
    assert visit.headers["x-content-type-options"] == "nosniff"
    assert browser.driver.execute_script(INLINE_SCRIPT) is None  # an injected inline script is refused
    refused = [entry["message"] for entry in browser.console()]
    assert any("Content Security Policy" in message for message in refused), refused
