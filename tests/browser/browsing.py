"""Driving headless Chromium the way the tests need: open or click to a page, then read what the browser saw.

The browser's own logs are the witnesses: the performance log gives the
headers the page was served with, the console log gives script errors and
Content-Security-Policy violations. Both are drained before each navigation,
so a :class:`Visit` holds only what that page caused.
"""

from __future__ import annotations

import base64
import json
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SCREENSHOT_HEIGHT = 6000  # long documents are cut: the top of a page is what a reviewer looks at
PAGE_WAIT_SECONDS = 15
HEADER_BACKGROUND = "rgba(32, 48, 63, 1)"  # header.top in style.css: proves the stylesheet loaded under the CSP
PAGE_KINDS = ("overview", "story", "document", "entity", "register", "timeline", "graph", "search", "check")
# Pages a script draws on: what shows the drawing is done.
DRAWN = {"timeline": "#timeline .vis-item a", "graph": "#graph[data-stable='true']"}

# Each script a page names, and whether the browser fetched it (Resource Timing, status 200).
SCRIPTS_LOADED = """
const fetched = new Map(performance.getEntriesByType('resource')
  .filter(entry => entry.initiatorType === 'script').map(entry => [entry.name, entry.responseStatus]));
return Array.from(document.scripts).filter(script => script.src)
  .map(script => [script.src, fetched.get(script.src) ?? 0]);
"""

# Everything in the page that could run: elements with on* attributes, script-like URLs, scripts the browser
# would execute (a <script> of another type is a data block, never run: it must still parse as the JSON it is).
LIVE_CODE_SCRIPT = """
const handlers = [], urls = [], scripts = [], unparsable_data = [];
const executable = ['', 'text/javascript', 'application/javascript', 'module'];
for (const element of document.querySelectorAll('*')) {
  for (const attribute of element.attributes) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('on')) handlers.push(element.tagName + ' ' + name);
    if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)
        && attribute.value.replace(/\\s/g, '').toLowerCase().startsWith('javascript:')) urls.push(attribute.value);
  }
}
for (const script of document.scripts) {
  if (executable.includes(script.type.trim().toLowerCase())) scripts.push(script.src || '(inline)');
  else try { JSON.parse(script.text); } catch (error) { unparsable_data.push(script.type + ': ' + error.message); }
}
return {handlers, urls, scripts, unparsable_data};
"""


@dataclass(slots=True)
class Visit:
    """One page as the browser got it: address, HTTP status and headers of the document, console messages."""

    url: str
    status: int
    headers: dict[str, str]
    console: list[dict[str, Any]] = field(default_factory=list)

    def errors(self) -> list[str]:
        """Console messages at error level: failed scripts, failed loads, CSP violations."""
        return [entry["message"] for entry in self.console if entry.get("level") == "SEVERE"]


class Browser:
    """One headless Chromium for the whole session, with the checks every test repeats."""

    def __init__(self, driver: WebDriver, screenshots: Path) -> None:
        self.driver = driver
        self.screenshots = screenshots

    def open(self, url: str) -> Visit:
        """Go to ``url`` as if typed in the address bar and wait until it has loaded."""
        self._drain()
        self.driver.get(url)
        return self._visit()

    def follow(self, link: WebElement) -> Visit:
        """Click a link (or a form's button) to another page, as a reader would, and wait until it has loaded."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
        return self.navigate(link.click)

    def navigate(self, action: Callable[[], object]) -> Visit:
        """Do what leads to another page (a click on a drawing, say) and wait until that page has loaded."""
        before = self.driver.current_url
        self._drain()
        action()
        WebDriverWait(self.driver, PAGE_WAIT_SECONDS).until(
            lambda driver: driver.current_url != before
            and driver.execute_script("return document.readyState") == "complete")
        return self._visit()

    def wait_for(self, selector: str) -> list[WebElement]:
        """The elements matching a CSS selector, once a script has put at least one in the page."""
        found: list[WebElement] = WebDriverWait(self.driver, PAGE_WAIT_SECONDS).until(
            lambda driver: driver.find_elements(By.CSS_SELECTOR, selector))
        return found

    def console(self) -> list[dict[str, Any]]:
        """Console messages since the last look."""
        return list(self.driver.get_log("browser"))

    def open_dialog(self) -> str | None:
        """The text of a JavaScript dialog (alert, confirm, prompt) left open, if any."""
        try:
            return self.driver.switch_to.alert.text or "(empty dialog)"
        except NoAlertPresentException:
            return None

    def live_code(self) -> dict[str, list[str]]:
        """Event-handler attributes, ``javascript:`` URLs, executable scripts and broken data blocks, as parsed."""
        found: dict[str, list[str]] = self.driver.execute_script(LIVE_CODE_SCRIPT)
        return found

    def screenshot(self, name: str) -> Path:
        """The whole page (up to a cut-off height) as ``<screenshots>/<name>.png``."""
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], MAX_SCREENSHOT_HEIGHT),
                "scale": 1}
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot",
                                           {"format": "png", "captureBeyondViewport": True, "clip": clip})
        path = self.screenshots / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def _drain(self) -> None:
        self.driver.get_log("browser")
        self.driver.get_log("performance")

    def _visit(self) -> Visit:
        url = self.driver.current_url
        status, headers = _document_response(self.driver.get_log("performance"), url)
        return Visit(url=url, status=status, headers=headers, console=self.console())


def _document_response(performance: list[dict[str, Any]], url: str) -> tuple[int, dict[str, str]]:
    """Status and headers (names in lower case) of the last document response for ``url``, from the log."""
    address = url.split("#", 1)[0]
    found: tuple[int, dict[str, str]] = (0, {})
    for entry in performance:
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.responseReceived" or message["params"].get("type") != "Document":
            continue
        response = message["params"]["response"]
        if response["url"] == address:
            found = (int(response["status"]), {name.lower(): value for name, value in response["headers"].items()})
    return found


def page_errors(visit: Visit) -> list[str]:
    """Console errors of a page (a missing favicon counts: the app serves its own)."""
    return list(visit.errors())


def assert_sound_page(browser: Browser, visit: Visit) -> None:
    """Served with its security headers, styled, scripts loaded, nothing in the console, not an error page."""
    driver = browser.driver
    assert visit.status == 200, visit.url
    policy = visit.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, visit.headers
    assert page_errors(visit) == [], visit.url
    assert driver.title.endswith("· claimtrace") and driver.find_element(By.TAG_NAME, "h1").text.strip()
    header = driver.find_element(By.CSS_SELECTOR, "header.top")
    assert header.value_of_css_property("background-color") == HEADER_BACKGROUND
    assert [src for src, status in driver.execute_script(SCRIPTS_LOADED) if status != 200] == []


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file; ValueError when the file is not a PNG."""
    data = path.read_bytes()
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG file ({len(data)} bytes)")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)
