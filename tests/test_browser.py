"""The projector page in a real browser: `werf display --serve`, opened in Chromium.

Chromium comes from Debian and Playwright (which drives it) from PyPI; `.ci/run` installs
both. The page must show the running session without a click, say that it is for this
computer only, and load nothing from another host: every request, the websocket included, goes
to 127.0.0.1 (a route records and refuses anything else, so a lapse cannot leak either).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .test_snapshots import seeded_db

playwright_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("textual_serve")

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="needs Chromium (CI installs Debian's chromium)",
)
WERF = Path(sys.executable).with_name("werf")
# Chromium's own background traffic (updates, sync, safe browsing) is not the page's: off
QUIET = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions"]
ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Screen:
    """What the page's terminal was sent, as text without escape sequences."""

    def __init__(self) -> None:
        self.text = ""

    def received(self, payload: bytes | str) -> bool:
        data = payload if isinstance(payload, bytes) else payload.encode()
        if not data.startswith(b"["):  # JSON frames are pings and file offers, not the screen
            self.text += ESCAPES.sub("", data.decode("utf-8", errors="replace"))
        return True


def test_the_projector_page_shows_the_session_and_talks_only_to_this_computer(
        tmp_path: Path) -> None:
    assert CHROMIUM, "Chromium is missing: .ci/run installs Debian's chromium"
    started = time.monotonic()
    db = seeded_db(tmp_path, phase=2)  # the round of clarifying questions, paused
    port = free_port()
    home = f"http://127.0.0.1:{port}"
    env = {**os.environ, "WERF_HOME": str(tmp_path / "home"), "LANG": "en_GB.UTF-8"}
    env.pop("WERF_DB", None)
    log = (tmp_path / "server.log").open("w", encoding="utf-8")  # a pipe could fill and stall it
    server = subprocess.Popen(
        [str(WERF), "--db", str(db), "--lang", "en", "display", "--serve", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp_path, start_new_session=True)
    requests: list[str] = []
    elsewhere: list[str] = []
    screen = Screen()
    try:
        with playwright_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET)
            page = browser.new_page(viewport={"width": 1280, "height": 720})

            def route(route: Any) -> None:
                url = route.request.url
                requests.append(url)
                if urlsplit(url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    elsewhere.append(url)
                    route.abort()

            page.route("**/*", route)
            sockets: list[str] = []

            def watch(socket: Any) -> None:
                sockets.append(socket.url)
                socket.on("framereceived", screen.received)

            page.on("websocket", watch)
            deadline = time.monotonic() + 30
            while True:  # the server is up when the page loads; nothing is clicked
                try:
                    page.goto(home, wait_until="load")
                    break
                except playwright_api.Error:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    page.wait_for_timeout(100)
            page.wait_for_function("document.body.classList.contains('-first-byte')",
                                   timeout=30_000)
            deadline = time.monotonic() + 30
            expected = ("Phase 3 of 6", "Clarifying questions",  # what the room view shows
                        "PAUSED", "First: Fatima", "One open question per turn")
            while not all(words in screen.text for words in expected) \
                    and time.monotonic() < deadline:
                page.wait_for_timeout(50)
            shown = screen.text
            for words in expected:  # paused, who is first, the phase's guidance too
                assert words in shown, (words, shown[-2000:])
            assert "this computer only" in page.inner_text("#here")
            assert not page.is_visible("#start") and not page.is_visible("#starting")
            assert page.evaluate(  # the terminal's font, loaded from this server
                "[...document.fonts].some(f => f.family.replaceAll('\"', '') === 'Roboto Mono'"
                " && f.status === 'loaded')")
            page.screenshot(path=os.environ.get("WERF_SCREENSHOT", str(tmp_path / "projector.png")))
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    assert elsewhere == [], elsewhere
    assert any(url.endswith(".ttf") for url in requests), requests  # the font came from here
    assert sockets and all(url.startswith(f"ws://127.0.0.1:{port}/") for url in sockets), sockets
    print(f"browser part: {time.monotonic() - started:.1f} s")
