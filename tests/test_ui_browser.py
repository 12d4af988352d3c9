"""The demo in a real browser: headless Debian Chromium driven by Playwright.

Starts `streamlit run ui/app.py` on a free port (temporary database, fixed "now"), and
checks what a person would see. At laptop width: the first command (answer, slot labels,
the event in the calendar), the week view following a question about another week, and a
zone switch with the reply and the calendar compared. At phone width (390 px): the sidebar
closes after an example, and nothing is covered (the last reply and the week table are
above the input bar, the sidebar is not over the answer, the page never scrolls sideways).
Screenshots land in build/screenshots/ (git-ignored), named for what they show.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COMMAND = "Schedule event for visit to Trivandrum on July 18"
TIMEOUT_MS = 90_000  # the first command loads the model
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make system-deps installs it)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser, url: str, viewport: dict[str, int], user: str):
    """A fresh tab on the demo, its sidebar's user set to `user` (each test has its own calendar)."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport=viewport, timezone_id="Europe/Paris")
    page.goto(url)
    expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=TIMEOUT_MS)
    if viewport["width"] < 768:
        page.get_by_test_id("stExpandSidebarButton").click()
    field = page.locator(".st-key-user input")
    field.fill(user)
    field.press("Enter")
    expect(page.locator(".st-key-chat").get_by_test_id("stChatMessage")).to_have_count(1)  # the greeting
    return page


def send(page, text: str, replies: int) -> None:
    """Type a command and wait for its answer (`replies` bubbles in the chat after it)."""
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".st-key-chat").get_by_test_id("stChatMessage")).to_have_count(replies, timeout=TIMEOUT_MS)
    idle(page)


def idle(page) -> None:
    """Wait for the run to finish (the calendar is drawn after the chat) and the page to settle."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stApp")).not_to_have_attribute("data-test-script-state", "running", timeout=TIMEOUT_MS)
    page.wait_for_timeout(400)


def week_row(page, day: str) -> str:
    """The text of the week table's row for `day` ("Tue 24 Nov")."""
    return page.locator("table.week tr", has_text=re.compile(day.replace(" ", r"\s"))).inner_text()


def clock_24h(spoken: str) -> str:
    """ "9:00 AM" -> "09:00", "3:00 PM" -> "15:00"."""
    hour, minute, half = re.fullmatch(r"(\d+):(\d\d) (AM|PM)", spoken).groups()
    return f"{int(hour) % 12 + (12 if half == 'PM' else 0):02d}:{minute}"


def eventually(check, seconds: float = 5) -> bool:
    """Whether `check()` comes true within `seconds` (the page scrolls after its run ends)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def box(locator) -> dict[str, float]:
    """Where the element is in the viewport, as the page lays it out (getBoundingClientRect)."""
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
    )


def test_ui_browser_laptop_command_week_follows_and_zone_switch(app_url: str, browser) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, app_url, LAPTOP, "laptop")
    chat, calendar = page.locator(".st-key-chat"), page.locator(".st-key-calendar")
    # Given a fresh calendar, when the person types the product's first command
    send(page, COMMAND, 2)
    bubbles = chat.get_by_test_id("stChatMessage")
    answer, command = bubbles.last, bubbles.first
    # Then the answer names the event, the command shows its slots, the calendar holds it
    expect(answer.get_by_test_id("stChatMessageAvatarAssistant")).to_be_visible()
    expect(answer).to_contain_text("visit to Trivandrum")
    for label in ("ACTION", "DOMAIN", "NAME", "DATE"):
        expect(command.locator("mark.entity", has_text=label)).to_have_count(1)
    expect(command.locator("mark.entity", has_text="DATE")).to_contain_text("July 18")
    expect(command).to_contain_text("created Sun 18 Jul 2027 · all day")
    expect(calendar).to_contain_text("Times in Europe/Paris (UTC+01:00)")
    expect(calendar.locator(".focus", has_text="visit to Trivandrum")).to_have_count(2)  # agenda and week
    expect(calendar).to_contain_text("Week of 12 Jul 2027")

    # When the person asks about another week, the week view goes there
    send(page, "what do i have on december 24th", 4)
    expect(calendar).to_contain_text("Week of 21 Dec 2026")
    assert week_row(page, "Thu 24 Dec").split("\t")[-1].strip() == "—"
    page.screenshot(path=str(SHOTS / "laptop-week-follows-question.png"))

    # Given a meeting at 3 PM Paris time, when the zone switches to New York
    send(page, "meeting with bob tomorrow at 3 pm", 6)
    expect(bubbles.last).to_contain_text("at 3:00 PM")
    assert "15:00–16:00 meeting" in week_row(page, "Tue 24 Nov")
    page.locator(".st-key-tz").click()
    page.keyboard.type("America/New_York")
    page.keyboard.press("Enter")
    expect(calendar).to_contain_text("Times in America/New_York (UTC-05:00)", timeout=TIMEOUT_MS)
    # Then a new answer and the calendar give the same time for the same event
    send(page, "what do i have tomorrow", 8)
    spoken = re.search(r'"meeting with bob" at (\d+:\d\d [AP]M)', bubbles.last.inner_text()).group(1)
    assert clock_24h(spoken) == "09:00"
    assert f"{clock_24h(spoken)}–10:00 meeting" in week_row(page, "Tue 24 Nov")
    # and the line under the earlier command now says 09:00 too; its answer names its own zone
    expect(bubbles.nth(4)).to_contain_text("created Tue 24 Nov 2026 · 09:00–10:00")
    expect(bubbles.nth(5)).to_contain_text("Times in this answer are Europe/Paris time")
    assert page.get_by_text("Traceback").count() == 0
    page.screenshot(path=str(SHOTS / "laptop-zone-switch.png"))
    page.get_by_role("link", name="NLU inspector").click()
    expect(page.get_by_test_id("stTable")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stTable")).to_contain_text("follow-up: undo")
    page.screenshot(path=str(SHOTS / "laptop-inspector.png"))
    page.close()


def test_ui_browser_phone_nothing_covered(app_url: str, browser) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, app_url, PHONE, "phone")  # the sidebar is open (open_page opened it)
    sidebar = page.get_by_test_id("stSidebar")
    # The example buttons all align the same way
    starts = page.locator(".st-key-examples button").evaluate_all(
        "buttons => buttons.map(b => getComputedStyle(b).justifyContent)"
    )
    assert len(starts) >= 10 and set(starts) == {"flex-start"}
    page.screenshot(path=str(SHOTS / "phone-sidebar-open.png"))
    # When the person taps an example
    page.get_by_role("button", name="Create event happening tomorrow on AI").click()
    bubbles = page.locator(".st-key-chat").get_by_test_id("stChatMessage")
    expect(bubbles).to_have_count(2, timeout=TIMEOUT_MS)
    expect(bubbles.last).to_contain_text("AI")
    # Then the sidebar closes and does not cover the answer
    expect(sidebar).to_have_attribute("data-collapsed", "true", timeout=10_000)
    idle(page)
    answer, bar = box(bubbles.last), box(page.get_by_test_id("stBottom"))
    assert answer["x"] >= box(sidebar)["x"] + box(sidebar)["width"] - 1

    # and the page scrolls to the answer: on screen, above the input bar
    def on_screen() -> bool:  # the command at the top (under the header), its answer below it
        command, answer = box(bubbles.first), box(bubbles.last)
        return 0 <= command["y"] <= 100 and answer["y"] + answer["height"] <= bar["y"]

    assert eventually(on_screen), (box(bubbles.last), bar)
    page.screenshot(path=str(SHOTS / "phone-answer-after-example.png"))
    # When the page is scrolled to its end, the week table is above the input bar
    week = page.locator("table.week")
    week.evaluate("t => { let e = t; while (e) { e.scrollTop = e.scrollHeight; e = e.parentElement; } }")
    page.wait_for_timeout(300)
    table = box(week)
    assert table["y"] + table["height"] <= bar["y"], (table, bar)
    # the day labels stay on one line each ("Mon 23 Nov (today)" included), and the page never
    # scrolls sideways (a wide table scrolls inside its own box)
    lines = week.locator("th[scope=row]").evaluate_all(
        "cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c); "
        "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })"
    )
    assert lines == [1] * 7, lines
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "phone-calendar-end.png"))
    # The model card's tables fit or scroll sideways inside their own box; the page does not
    page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_role("link", name="NLU inspector").click()
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    page.get_by_role("tab", name="Model card").click()
    tables = page.locator(".st-key-model_card table")
    expect(tables.first).to_be_visible(timeout=TIMEOUT_MS)
    fits = tables.evaluate_all(
        "ts => ts.map(t => t.scrollWidth <= t.clientWidth + 1 || getComputedStyle(t).overflowX === 'auto')"
    )
    assert fits and all(fits), fits
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tables.last.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "phone-model-card.png"))
    assert page.get_by_text("Traceback").count() == 0
    page.close()


def test_ui_browser_phone_scope_question_buttons_fit(app_url: str, browser) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, app_url, PHONE, "phone-scope")
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    # Given a weekly standup, when one occurrence is cancelled
    send(page, "schedule a standup every monday at 9 am", 2)
    send(page, "cancel the standup on december 7", 4)
    bubbles = page.locator(".st-key-chat").get_by_test_id("stChatMessage")
    expect(bubbles.last).to_contain_text("It repeats every Monday")
    # Then the four answers show as buttons, each whole on the screen, its label on one line
    buttons = bubbles.last.get_by_role("button")
    expect(buttons).to_have_text(["Only this one", "This and the following ones", "All of them", "Never mind"])
    for index in range(4):
        button = buttons.nth(index)
        where = box(button)
        assert where["x"] >= 0 and where["x"] + where["width"] <= PHONE["width"], (index, where)
        lines = button.evaluate(
            "b => { const t = b.querySelector('p') || b; const r = document.createRange(); "
            "r.selectNodeContents(t); "
            "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"
        )
        assert lines == 1, (index, lines)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    buttons.first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "phone-scope-question.png"))
    # When "Only this one" is tapped, it is sent as the next utterance and answered
    buttons.first.click()
    expect(bubbles).to_have_count(6, timeout=TIMEOUT_MS)
    expect(bubbles.nth(4)).to_contain_text("only this one")
    expect(bubbles.last).to_contain_text('Cancelled "standup" on Monday, December 7 at 9:00 AM.')
    page.close()
