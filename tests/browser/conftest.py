"""End-to-end fixtures: real stores, the real ``claimtrace serve`` on 127.0.0.1, one headless Chromium.

Chromium and chromedriver come from Debian (``apt-get install chromium
chromium-driver``); nothing is downloaded. Where they are missing or cannot
start, every browser test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

from .browsing import Browser
from .hostile import HOSTILE_FEED, HOSTILE_PAGE, HOSTILE_REPORT

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# As root in a container, on a closed network: without the background-networking flags Chromium hangs.
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,900")
SERVER_START_SECONDS = 30
ServeCli = Callable[[Path], str]

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            httpx.get(url + "/static/style.css", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"'claimtrace serve' did not answer on {url}: {log.read_text(errors='replace')[-2000:]}")


@pytest.fixture(scope="session")
def serve_cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeCli]:
    """Start ``claimtrace serve --db FILE`` on a free port of 127.0.0.1: ``serve_cli(db_path)`` gives its URL."""
    processes: list[subprocess.Popen[bytes]] = []
    logs = tmp_path_factory.mktemp("serve-logs")

    def start(db_path: Path) -> str:
        port = free_port()
        log = logs / f"serve-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-c", "from claimtrace.cli import main; main()",
                 "serve", "--db", str(db_path), "--host", "127.0.0.1", "--port", str(port)],
                stdout=output, stderr=subprocess.STDOUT)
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        _wait_until_serving(url, process, log)
        return url

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def example_server(serve_cli: ServeCli, example_store: Path) -> str:
    """The URL of the real server over the bundled example corpus."""
    return serve_cli(example_store)


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, resources) -> Path:  # type: ignore[no-untyped-def]
    """A knowledge base of documents whose every field tries to run a script, ingested the real way."""
    from claimtrace.ingest import ingest
    from claimtrace.options import Options
    from claimtrace.store import open_store

    folder = tmp_path_factory.mktemp("hostile-corpus")
    (folder / "frontier-report.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    (folder / "tanks-page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (folder / "deliveries.jsonl").write_text(HOSTILE_FEED, encoding="utf-8")
    path = tmp_path_factory.mktemp("hostile-store") / "hostile.db"
    with open_store(path) as store:
        ingest([folder], store, Options(progress=False))
    return path


@pytest.fixture(scope="session")
def hostile_server(serve_cli: ServeCli, hostile_store: Path) -> str:
    return serve_cli(hostile_store)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where page screenshots go: ``$CLAIMTRACE_ARTIFACTS/screenshots`` (default ``test-artifacts/`` in the repo)."""
    folder = Path(os.environ.get("CLAIMTRACE_ARTIFACTS") or ROOT / "test-artifacts") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser(screenshots: Path) -> Iterator[Browser]:
    """One headless Chromium for the session, with a throw-away profile; skipped when it cannot start."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        pytest.skip(f"headless browser tests need {' and '.join(missing)}: apt-get install chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="claimtrace-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.set_capability("unhandledPromptBehavior", "dismiss and notify")  # a dialog fails the test, then closes
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException as error:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"headless Chromium did not start: {error.msg or error}")
    driver.set_page_load_timeout(30)
    try:
        yield Browser(driver, screenshots)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
