"""DATE phrases in every form the resolver knows (issue 3), typed; the spoken transform reads them out.

A phrase comes with the introducing words it may take ("on friday", "at 6 PM", bare
"tomorrow"): the introducer stays outside the DATE span, as the guide says, while words
that change the meaning ("in two hours", "from ... to", "every", "until") are inside it.
Each family is a small function; `phrase(rng, kind)` picks one.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Phrase = tuple[str, tuple[str, ...]]  # (DATE text, possible introducers)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_SHORT = ["mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_SHORT = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty first",
    "twenty second",
    "twenty third",
    "twenty fourth",
    "twenty fifth",
    "twenty sixth",
    "twenty seventh",
    "twenty eighth",
    "twenty ninth",
    "thirtieth",
    "thirty first",
]
HOUR_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
PARTS = ["morning", "afternoon", "evening", "night"]
HOLIDAYS = [
    "christmas",
    "christmas eve",
    "new year's eve",
    "new year's day",
    "thanksgiving",
    "memorial day",
    "labor day",
    "independence day",
    "the fourth of july",
    "halloween",
    "valentine's day",
    "mother's day",
    "father's day",
    "easter",
    "new years",
    "martin luther king day",
    "veterans day",
    "boxing day",
]
# Days said with a part of the day, which often follow a clock time ("at five pm [today]").
DAY_PARTS = [
    "today",
    "tonight",
    "this morning",
    "this afternoon",
    "this evening",
    "tomorrow morning",
    "tomorrow afternoon",
    "tomorrow evening",
    "tomorrow night",
    "tomorrow",
    "{d} morning",
    "{d} evening",
]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "ten", "2", "3", "4", "5", "7", "10"]
ON = ("on ", "on ", "")
AT = ("at ", "at ", "at ", "")
BARE = ("",)


def _cap(rng: random.Random, word: str) -> str:
    """Typed text capitalises names of days and months more often than not."""
    return word.capitalize() if rng.random() < 0.6 else word


def _weekday(rng: random.Random) -> str:
    return _cap(rng, rng.choice(WEEKDAYS if rng.random() < 0.85 else WEEKDAY_SHORT))


def _month(rng: random.Random) -> str:
    return _cap(rng, rng.choice(MONTHS if rng.random() < 0.85 else MONTH_SHORT))


def relative_day(rng: random.Random) -> Phrase:
    text = rng.choice(
        [
            "today",
            "tonight",
            "tomorrow",
            "tomorrow",
            "tomorrow",
            "day after tomorrow",
            "the day after tomorrow",
            "yesterday",
            f"in {rng.choice(NUMBER_WORDS)} days",
            "a week from today",
            "a week from tomorrow",
            "two weeks from now",
            "this day next week",
            "tmrw",
            "next day",
            "two days from now",
            "in a week",
            "in a couple of days",
            "in a fortnight",
            "the next day",
            "day after",
        ]
    )
    return text, BARE


def weekday(rng: random.Random) -> Phrase:
    day = _weekday(rng)
    form = rng.choice(
        [
            "{d}",
            "{d}",
            "this {d}",
            "coming {d}",
            "this coming {d}",
            "next {d}",
            "next {d}",
            "last {d}",
            "{d} next week",
            "the {d} after next",
            "{d} this week",
            "{d} {p}",
            "this {d} {p}",
            "next {d} {p}",
            "the following {d}",
            "upcoming {d}",
        ]
    )
    text = form.format(d=day, p=rng.choice(PARTS))
    return text, (ON if not text.startswith(("next", "last", "this", "the", "coming", "upcoming")) else BARE)


def calendar_date(rng: random.Random) -> Phrase:
    month, day = _month(rng), rng.randint(1, 28 if rng.random() < 0.5 else 31)
    num = rng.randint(1, 12)
    year = rng.choice([2023, 2024, 2025, 2026, 2027, 2028])
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    forms = [
        f"{month} {day}",
        f"{month} {day}",
        f"{day} {month}",
        f"the {day}{suffix}",
        f"{num}/{day}",
        f"{year}-{num:02d}-{day:02d}",
        f"{month} {day}, {year}",
        f"{month} {day}{suffix}",
        f"{month} the {ORDINAL_WORDS[day - 1]}",
        f"the {ORDINAL_WORDS[day - 1]} of {month}",
        f"{month} {ORDINAL_WORDS[day - 1]}",
        "end of the month",
        f"last day of {month}",
        f"the {day}{suffix} of {month}",
        f"{_weekday(rng)}, {month} {day}",
        f"{_weekday(rng)[:3]}, {month[:3].capitalize()} {day}",
        f"{day}{suffix} {month}",
        f"the {ORDINAL_WORDS[day - 1]}",
        f"{month} {day} {year}",
        f"{ORDINAL_WORDS[day - 1]} {month}",
        f"{ORDINAL_WORDS[day - 1]} of {month}",
        f"{_weekday(rng)} the {ORDINAL_WORDS[day - 1]}",
        f"{month} {ORDINAL_WORDS[day - 1].replace('twelfth', 'twelveth')}",
        f"{ORDINAL_WORDS[day - 1].replace('twelfth', 'twelveth')} {month}",
    ]
    text = rng.choice(forms)
    return text, (BARE if text.startswith(("end", "last")) else ON)


def clock_time(rng: random.Random) -> Phrase:
    h, m = rng.randint(1, 12), rng.choice([0, 0, 0, 15, 30, 30, 45, 5, 10, 20, 40, 50])
    ap = rng.choice(["PM", "pm", "AM", "am", "p.m.", "a.m.", "P.M.", "A.M."])
    word = HOUR_WORDS[h - 1]
    forms = [
        f"{h} {ap}",
        f"{h}{ap.lower()}",
        f"{h}:{m:02d}",
        f"{h}:{m:02d} {ap}",
        f"{h + 12 if h < 12 else 12}:{m:02d}",
        f"{h}:{m:02d}{ap.lower()}",
        "noon",
        "midnight",
        f"half past {word}",
        f"quarter to {word}",
        f"quarter past {word}",
        f"{word} thirty am",
        f"{word} forty five a m",
        f"{word} tonight",
        f"{word} in the {rng.choice(['morning', 'afternoon', 'evening'])}",
        f"{word} o'clock",
        f"{word} p m",
        f"{word} a.m.",
        f"{word} pm",
        f"{word} am",
        f"{word}",
        f"{h}",
        f"{word} {rng.choice(['fifteen', 'thirty', 'forty five', 'twenty'])}",
        f"{word} {rng.choice(['fifteen', 'thirty', 'forty five'])} {rng.choice(['pm', 'am', 'p m'])}",
        "twenty three hundred hours",
        "lunchtime",
        "end of day",
        f"{h} o'clock",
        "mid-day",
        f"{word} thirty",
        f"{word} hundred hours",
        f"{word} {rng.choice(['oh five', 'ten', 'forty'])} {rng.choice(['am', 'pm'])}",
        f"{word} hundred and {rng.choice(['fifteen', 'thirty', 'forty five'])} {rng.choice(['am', 'pm'])}",
        "twelve noon",
        f"{word} {rng.choice(['am', 'pm'])} sharp",
        # typed: "15:15", "4:30 in the evening", "half past 6 in the evening", "2pm" and "2 pm"
        f"{rng.randint(13, 23)}:{m:02d}",
        f"{h}:{m:02d} in the {rng.choice(PARTS[:3])}",
        f"half past {h} in the {rng.choice(PARTS[:3])}",
        f"quarter past {h}",
        f"{h}{ap.lower().replace('.', '')}",
        f"{h} {ap.lower().replace('.', '')}",
        f"{h}:{m:02d}{rng.choice(['pm', 'am'])}",
    ]
    text = rng.choice(forms)
    return text, (AT if text not in ("lunchtime", "end of day") else ("at ", "by ", ""))


def part_of_day(rng: random.Random) -> Phrase:
    text = rng.choice(
        [
            "this morning",
            "this afternoon",
            "this evening",
            "tonight",
            "tomorrow morning",
            "tomorrow afternoon",
            "tomorrow evening",
            "tomorrow night",
            "in the morning",
            "at lunchtime",
            "lunchtime",
            "end of day",
            "this weekend",
            "friday night",
            f"{_weekday(rng)} {rng.choice(PARTS)}",
            f"{rng.choice(PARTS)}",
        ]
    )
    return text, BARE


def day_part(rng: random.Random) -> str:
    """A day with or without its part ("this evening", "tomorrow morning", "friday evening")."""
    return rng.choice(DAY_PARTS).format(d=_weekday(rng))


def _plain_time(rng: random.Random) -> str:
    """A clock time without am/pm or part of day, which a following "this evening" completes."""
    h, word = rng.randint(1, 12), rng.choice(HOUR_WORDS)
    return rng.choice(
        [
            word,
            word,
            f"{word} thirty",
            f"{word} o'clock",
            f"{h}:{rng.choice([0, 15, 30, 45]):02d}",
            f"half past {word}",
            f"{h}",
            f"{word} fifteen",
        ]
    )


def day_and_time(rng: random.Random) -> Phrase:
    day = rng.choice([relative_day, weekday, calendar_date, weekday])(rng)[0]
    time = clock_time(rng)[0]
    forms = [
        f"{day} at {time}",
        f"{day} at {time}",
        f"{time} {day}",
        f"{day} {time}",
        f"{time} on {day}",
        f"{day} by {time}",
        f"{day} around {time}",
        f"{rng.randint(1, 5)} tomorrow afternoon",
        f"{day} at {time} sharp",
        f"{_plain_time(rng)} {day_part(rng)}",
        f"{_plain_time(rng)} {day_part(rng)}",
        f"{day_part(rng)} at {_plain_time(rng)}",
        f"{time} {rng.choice(['today', 'tomorrow', _weekday(rng)])}",
    ]
    return rng.choice(forms), BARE


def time_range(rng: random.Random) -> Phrase:
    a, b = rng.randint(1, 11), rng.randint(1, 12)
    b = a + 1 if b <= a else b
    day = rng.choice([relative_day, weekday, calendar_date])(rng)[0]
    forms = [
        f"from {a} to {b} pm",
        f"{a}-{b}pm",
        f"from {a}:30 to noon on {day}",
        f"between {a} and {b} {day}",
        f"from {HOUR_WORDS[a - 1]} to {HOUR_WORDS[b - 1]}",
        f"{day} from {a} to {b}",
        f"{_month(rng)} {a} to {b + 3}",
        "this weekend",
        "next weekend",
        "next week",
        "this week",
        "the next three days",
        f"until {_weekday(rng)}",
        f"by {a}pm",
        f"after {a}",
        f"before {a} pm",
        f"between {HOUR_WORDS[a - 1]} and {HOUR_WORDS[b - 1]} {day}",
        f"{a} to {b} pm {day}",
        f"{day} between {a} and {b}",
        "rest of the week",
        "over the weekend",
        f"until {a} pm",
        f"between {HOUR_WORDS[a - 1]} and {HOUR_WORDS[b - 1]} {day_part(rng)}",
        f"{day_part(rng)} between {HOUR_WORDS[a - 1]} and {HOUR_WORDS[b - 1]}",
        f"from {HOUR_WORDS[a - 1]} to {HOUR_WORDS[b - 1]} {day_part(rng)}",
    ]
    return rng.choice(forms), BARE


def offset(rng: random.Random) -> Phrase:
    text = rng.choice(
        [
            f"in {rng.choice([20, 30, 45, 10, 15])} minutes",
            "in half an hour",
            "in two and a half hours",
            "a day from now",
            f"in {rng.choice(NUMBER_WORDS)} hours",
            "in an hour",
            "an hour from now",
            f"in {rng.choice(NUMBER_WORDS)} weeks",
            "in a month",
            "in ten minutes",
            "three hours from now",
            "in 90 minutes",
        ]
    )
    return text, BARE


def period(rng: random.Random) -> Phrase:
    text = rng.choice(
        [
            "this week",
            "next week",
            "next month",
            "this month",
            f"in {_month(rng)}",
            "next year",
            "the third quarter",
            "the first week of october",
            "later this week",
            f"the first week of {_month(rng)}",
            "the end of the week",
            "end of next week",
            f"early {_month(rng)}",
            f"mid {_month(rng)}",
            f"the last week of {_month(rng)}",
            "this quarter",
            "Q3",
            "the weekend",
            "this year",
            f"{_month(rng)}",
            "the rest of the week",
            "the remainder of the week",
            "rest of the month",
            "the current month",
            "last year",
            "the past hour",
            "the past week",
            "last week",
            "the coming weeks",
            "upcoming week",
            "this time next week",
        ]
    )
    return text, (("in ", "") if text[0].isupper() or text.split()[0] in MONTHS else BARE)


def recurrence(rng: random.Random) -> Phrase:
    day, time = _weekday(rng), clock_time(rng)[0]
    text = rng.choice(
        [
            f"every {day}",
            f"every other {day} at {time}",
            "every weekday",
            f"daily at {time}",
            f"every day at {time}",
            f"weekly on {day}s",
            f"every {day} at {time}",
            "every morning",
            "every two weeks",
            "every month on the 1st",
            "monthly",
            f"each {day}",
            f"every {_month(rng)} {rng.randint(1, 28)}",
            "every weekend",
            f"every {rng.choice(PARTS)}",
            f"{day}s at {time}",
            "daily",
            "weekly",
            f"every first {day} of the month",
            "biweekly",
            "every year",
            f"every weekday at {time}",
            f"{time} every day",
            f"{time} every {day}",
        ]
    )
    return text, BARE


def day_range(rng: random.Random) -> str:
    """Days from one to another, said as one DATE ("from July 3rd to July 17th", "Friday to Sunday")."""
    month = _month(rng)
    a = rng.randint(1, 20)
    b = a + rng.randint(1, 8)
    d1, d2 = rng.sample(WEEKDAYS, 2)
    return rng.choice(
        [
            f"from {d1} to {d2}",
            f"{d1} to {d2}",
            f"{month} {a} to {month} {b}",
            f"from {month} {a} to {b}",
            f"from the {a}th to the {b}th",
            f"{month} {a}-{b}",
            f"{a}-{b} {month}",
            f"from {month} {a} to {month} {b}",
            f"between {d1} and {d2}",
        ]
    )


def repetition(rng: random.Random) -> str:
    """A repetition said of an existing event ("make the standup [weekly]", "[every tuesday]")."""
    day = _weekday(rng)
    return rng.choice(
        [
            "weekly",
            "daily",
            "monthly",
            "every week",
            "every day",
            f"every {day}",
            f"every other {day}",
            "every weekday",
            "biweekly",
            "every two weeks",
            "each week",
            f"{day}s",
            "yearly",
            "annually",
            f"every {day} at {clock_time(rng)[0]}",
            "every month",
            "every morning",
        ]
    )


def holiday(rng: random.Random) -> Phrase:
    text = rng.choice(HOLIDAYS)
    if rng.random() < 0.25:
        text = f"{text} at {clock_time(rng)[0]}"
    return text, ON if rng.random() < 0.5 else BARE


def duration(rng: random.Random) -> Phrase:
    """A length said with its start: "tomorrow at 3pm for two hours" (one span: they stand together)."""
    start = rng.choice([day_and_time, clock_time, weekday])(rng)[0]
    length = rng.choice(
        [
            "for two hours",
            "for an hour",
            "for 30 minutes",
            "for half an hour",
            "for 45 minutes",
            "for the whole day",
            "for 3 hours",
            "for ninety minutes",
        ]
    )
    return f"{start} {length}", BARE


FAMILIES: dict[str, Callable[[random.Random], Phrase]] = {
    "relative_day": relative_day,
    "weekday": weekday,
    "calendar_date": calendar_date,
    "clock_time": clock_time,
    "part_of_day": part_of_day,
    "day_and_time": day_and_time,
    "range": time_range,
    "offset": offset,
    "period": period,
    "recurrence": recurrence,
    "holiday": holiday,
    "duration": duration,
}
WEIGHTS = {
    "relative_day": 4,
    "weekday": 5,
    "calendar_date": 5,
    "clock_time": 4,
    "part_of_day": 2,
    "day_and_time": 7,
    "range": 3,
    "offset": 2,
    "period": 2,
    "recurrence": 2,
    "holiday": 1,
    "duration": 1,
}
DAY_FAMILIES = ("relative_day", "weekday", "calendar_date", "holiday")
# Windows a free-time question searches ("on friday", "tomorrow afternoon", "next week").
WINDOW_FAMILIES = ("relative_day", "weekday", "calendar_date", "part_of_day", "range", "period", "day_and_time")


def phrase(rng: random.Random, families: tuple[str, ...] | None = None) -> Phrase:
    """One DATE phrase with its introducers, from the given families (default: all, weighted)."""
    names = families or tuple(FAMILIES)
    name = rng.choices(names, weights=[WEIGHTS[n] for n in names])[0]
    return FAMILIES[name](rng)
