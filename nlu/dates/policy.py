"""The reading choices a caller can change (documented in docs/dates.md)."""

from __future__ import annotations

from dataclasses import dataclass, fields

NEXT_WEEKDAY = ("following", "nearest")
COUNTED = ("whole", "from_now")
MINUTES_TO = ("clock", "range")


@dataclass(frozen=True)
class Policy:
    """How ambiguous phrases are read.

    next_weekday: "following" reads "next friday" as the friday of next week (said on a
        monday: 11 days ahead); "nearest" as the first friday after today.
    future_bias: bare weekdays, times and year-less dates mean the next one to come
        (False: the nearest one, past or future).
    day_start / day_end: the waking hours [day_start, day_end) a bare hour ("at 4") is
        read into: 4 -> 16:00, 9 -> 09:00 or 21:00, whichever comes first.
    week_start: 0 = weeks run monday..sunday (ISO), 6 = sunday..saturday.
    counted: "whole" reads "the next 3 days" / "the past 2 hours" as whole units after (before)
        the current one, at the unit's grain; "from_now" as hours from now, or days from
        tomorrow (rules_counted.py).
    minutes_to: "clock" reads "ten to five" said as a time (spoken, or after "at") as 16:50;
        "range" reads every bare "N to H" as the range N:00-H:00 ("10 minutes to 5" and
        "quarter to five" are clock times either way).
    day_first: numeric dates are day/month ("5/7" is 5 July) as in most of the world;
        False (US) reads month/day. A number over 12 settles the order either way.
    """

    next_weekday: str = "following"
    future_bias: bool = True
    day_start: int = 7
    day_end: int = 23
    week_start: int = 0
    day_first: bool = False
    counted: str = "whole"
    minutes_to: str = "clock"

    @classmethod
    def of(cls, options: dict) -> Policy:
        """A policy from keyword options, ignoring unknown keys and None values."""
        if not options:
            return DEFAULT
        names = {f.name for f in fields(cls)}
        given = {k: v for k, v in options.items() if k in names and v is not None}
        for name, allowed in (("next_weekday", NEXT_WEEKDAY), ("counted", COUNTED), ("minutes_to", MINUTES_TO)):
            if given.get(name) not in allowed:
                given.pop(name, None)
        return cls(**given)


DEFAULT = Policy()
