"""Example commands for the demo, in both styles the assistant is built for.

Typed: mixed case, punctuation, digits. Spoken: what a speech-to-text step hands over
(lowercase, no punctuation, numbers as words, fillers). Together they walk through the
acceptance conversation of the assistant (create, query, reschedule, cancel, undo).
"""

from __future__ import annotations

TYPED: tuple[str, ...] = (
    "Schedule event for visit to Trivandrum on July 18",
    "Create event happening tomorrow on AI",
    "Could you please reserve a team brainstorming session on coming Wednesday at 11 AM?",
    "Schedule a calendar event in Teak oaks HOA about competitions happening tomorrow",
    "What do I have tomorrow?",
    "Change time of team brainstorming session to 6 PM",
    "Cancel the AI event",
)

SPOKEN: tuple[str, ...] = (
    "uh can you put the dentist on december third at half past four",
    "set up a meeting with bob next friday at ten",
    "whats on my calendar on november twenty fourth",
    "move it to five pm",
    "cancel the dentist",
    "undo that",
    "play some jazz",
)

EXAMPLES: dict[str, tuple[str, ...]] = {"Typed": TYPED, "Spoken": SPOKEN}
