"""The demo in a real browser: headless Debian Chromium driven by Playwright.

Starts `streamlit run ui/app.py` on a free port (temporary database, fixed "now"), types
the product's first command into the chat, and checks what a person would see: the
answer, the slot labels in the chat, the event in the calendar. Screenshots at laptop
and phone widths land in build/screenshots/ (git-ignored) for a human look.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
COMMAND = "Schedule event for visit to Trivandrum on July 18"
NOW = "2026-11-23T09:00:00"
TIMEOUT_MS = 90_000  # the first command loads the model

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's chromium at /usr/bin/chromium (make system-deps installs it)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Block until Streamlit answers its health check (or fail with the server's log)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not come up at {url} within {seconds}s")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo served on a free local port, on a throw-away database; stopped afterwards."""
    tmp = tmp_path_factory.mktemp("ui-browser")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'calendar.db'}", "DEMO_NOW": NOW,
           "ASSISTANT_TZ": "Europe/Paris", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = (tmp / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_ui_browser_command_shows_slots_answer_and_calendar_event(app_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Europe/Paris")
            page.goto(app_url)
            box = page.get_by_test_id("stChatInputTextArea")
            expect(box).to_be_visible(timeout=TIMEOUT_MS)
            # Given a fresh calendar, when the person types the command and sends it
            box.fill(COMMAND)
            box.press("Enter")
            chat = page.locator(".st-key-chat")
            calendar = page.locator(".st-key-calendar")
            # Then the answer comes back and names the event
            bubbles = chat.get_by_test_id("stChatMessage")
            expect(bubbles).to_have_count(2, timeout=TIMEOUT_MS)
            answer = bubbles.last
            expect(answer.get_by_test_id("stChatMessageAvatarAssistant")).to_be_visible()
            expect(answer).to_contain_text("visit to Trivandrum")
            # and the command shows its slots, label names visible
            command = bubbles.first
            for label in ("ACTION", "DOMAIN", "NAME", "DATE"):
                expect(command.locator("mark.entity", has_text=label)).to_have_count(1)
            expect(command.locator("mark.entity", has_text="NAME")).to_contain_text("visit to Trivandrum")
            expect(command.locator("mark.entity", has_text="DATE")).to_contain_text("July 18")
            # and the calendar (agenda and week) holds the new event on its date
            expect(calendar.get_by_text("visit to Trivandrum")).to_have_count(2, timeout=TIMEOUT_MS)
            expect(calendar).to_contain_text("Sun 18 Jul 2027")
            page.screenshot(path=str(SHOTS / "ui-laptop.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            expect(calendar.get_by_text("visit to Trivandrum").first).to_be_attached()
            page.wait_for_timeout(500)  # let the layout settle into one column
            page.screenshot(path=str(SHOTS / "ui-phone-calendar.png"))
            command.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "ui-phone-chat.png"))
            assert page.get_by_text("Traceback").count() == 0
            assert all((SHOTS / name).stat().st_size > 0 for name in ("ui-laptop.png", "ui-phone-chat.png"))
        finally:
            browser.close()
