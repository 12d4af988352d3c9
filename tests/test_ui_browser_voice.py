"""One spoken command in a real browser: Chromium's fake microphone plays a committed WAV.

Chromium reads `--use-file-for-fake-audio-capture` as its microphone, so the demo's own
`st.audio_input` records the festival recording of "schedule a dentist appointment on
friday at ten am" exactly as it would a person: Record, wait, Stop. The test then reads the
transcript in the review box, sends it, and checks the answer and the calendar. Screenshots
(laptop and phone width) go to build/screenshots/ui-voice-*.png.
"""

from __future__ import annotations

import pytest

from tests.conftest import VOICE
from tests.test_ui_browser import CHROMIUM, FLAGS, SHOTS, TIMEOUT_MS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make system-deps installs it)"
    ),
]
RECORDING = VOICE / "dentist_friday.wav"  # 3.8 s
SPOKEN = "schedule a dentist appointment on friday at ten am"
MICROPHONE = [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    f"--use-file-for-fake-audio-capture={RECORDING}%noloop",
]


def test_ui_browser_voice_spoken_command_is_transcribed_reviewed_and_scheduled(app_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS + MICROPHONE, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/Paris")
            context.grant_permissions(["microphone"])
            page = context.new_page()
            page.goto(app_url)
            recorder = page.get_by_test_id("stAudioInput")
            expect(recorder).to_be_visible(timeout=TIMEOUT_MS)
            # Given the person records the command (the fake microphone plays it once)
            recorder.get_by_role("button", name="Record").click()
            page.wait_for_timeout(5_000)
            recorder.get_by_role("button", name="Stop recording").click()
            # Then the words heard wait in the review box; nothing is sent yet
            review = page.locator(".st-key-voice input")
            expect(review).to_have_value(SPOKEN, timeout=TIMEOUT_MS)
            chat = page.locator(".st-key-chat")
            expect(chat.get_by_test_id("stChatMessage")).to_have_count(1)  # the greeting
            page.screenshot(path=str(SHOTS / "ui-voice-laptop.png"), full_page=True)
            # When they send it
            page.locator(".st-key-voice").get_by_role("button", name="Send").click()
            # Then it is answered like typed text, and the calendar holds the event on Friday
            bubbles = chat.get_by_test_id("stChatMessage")
            expect(bubbles).to_have_count(2, timeout=TIMEOUT_MS)
            expect(bubbles.last).to_contain_text('Scheduled "dentist appointment" for Friday, November 27 at 10:00 AM')
            calendar = page.locator(".st-key-calendar")
            expect(calendar.get_by_text("dentist appointment").first).to_be_visible(timeout=TIMEOUT_MS)
            expect(review).to_have_count(0)
            page.set_viewport_size({"width": 390, "height": 844})
            page.wait_for_timeout(500)
            recorder.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "ui-voice-phone.png"))
            assert page.get_by_text("Traceback").count() == 0
        finally:
            browser.close()
