"""Word tables: month and weekday names, units, parts of the day, fillers, shorthand."""
from __future__ import annotations

# shorthand and texting spellings, read as the word they stand for (tokens.py)
ALIASES = {
    "nxt": "next", "prev": "previous", "qtr": "quarter", "qtrs": "quarters", "wknd": "weekend",
    "wknds": "weekends", "wkend": "weekend", "wkends": "weekends", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tmw": "tomorrow", "tmrow": "tomorrow", "tomo": "tomorrow", "tonite": "tonight", "nite": "night",
    "thx": "please", "thanks": "please", "pls": "please", "plz": "please", "approx": "approximately",
    "mtg": "meeting", "yest": "yesterday", "aft": "afternoon", "arvo": "afternoon",
    "morn": "morning", "xmas": "christmas", "fortnite": "fortnight", "summertime": "summer",
    "wintertime": "winter", "springtime": "spring", "autumntime": "autumn",
}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "weds": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
# "mondays", "on fridays": a weekly recurrence
WEEKDAYS_PLURAL = {name + "s": day for name, day in WEEKDAYS.items() if len(name) > 4}

# unit word -> (grain, count of that grain)
UNITS = {
    "second": ("second", 1), "seconds": ("second", 1), "sec": ("second", 1), "secs": ("second", 1),
    "minute": ("minute", 1), "minutes": ("minute", 1), "min": ("minute", 1), "mins": ("minute", 1),
    "hour": ("hour", 1), "hours": ("hour", 1), "hr": ("hour", 1), "hrs": ("hour", 1), "h": ("hour", 1),
    "day": ("day", 1), "days": ("day", 1), "week": ("week", 1), "weeks": ("week", 1),
    "fortnight": ("week", 2), "fortnights": ("week", 2),
    "month": ("month", 1), "months": ("month", 1), "mo": ("month", 1), "mos": ("month", 1),
    "mth": ("month", 1), "mths": ("month", 1), "mnth": ("month", 1), "mnths": ("month", 1),
    "qtr": ("quarter", 1), "qtrs": ("quarter", 1), "quarter": ("quarter", 1), "quarters": ("quarter", 1),
    "year": ("year", 1), "years": ("year", 1), "yr": ("year", 1), "yrs": ("year", 1),
    "wk": ("week", 1), "wks": ("week", 1), "decade": ("year", 10), "decades": ("year", 10),
}

# season -> first month (northern hemisphere, meteorological: three whole months)
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

# part of the day -> (start hour, end hour) on that day; 24 is the next midnight
PARTS_OF_DAY = {
    "morning": (6, 12), "mornings": (6, 12), "afternoon": (12, 18), "afternoons": (12, 18),
    "evening": (18, 22), "evenings": (18, 22), "night": (18, 24), "nights": (18, 24),
    "tonight": (18, 24), "lunch": (12, 14), "lunchtime": (12, 14), "breakfast": (7, 9),
    "dinner": (18, 20), "dinnertime": (18, 20), "brunch": (10, 13), "noon": (12, 13),
    "midday": (12, 13), "eod": (17, 18), "cob": (17, 18), "daytime": (9, 17),
}
# "mornings", "evenings": a daily recurrence
PLURAL_PARTS = frozenset({"mornings", "afternoons", "evenings", "nights"})

# zone words said after a time ("3pm eastern", "10:00 utc"): read in that zone, returned in the user's
ZONE_WORDS = {
    "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "central": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "utc": "UTC", "gmt": "UTC", "zulu": "UTC", "bst": "Europe/London", "cet": "Europe/Paris",
    "cest": "Europe/Paris", "ist": "Asia/Kolkata", "jst": "Asia/Tokyo", "aest": "Australia/Sydney",
}

# phrases that mean the present moment ("asap", "right away", "at the moment"), longest first
NOW_PHRASES = tuple(sorted((tuple(p.split()) for p in """
now|right now|rite now|rn|asap|immediately|immediatly|currently|presently|pronto|stat|forthwith|
straightaway|straight away|right away|at once|this instant|this moment|this very moment|this very minute|
this second|this minute|right this second|right this minute|right this moment|right this instant|
at the moment|at this moment|at the present moment|at the present time|at present|at the mo|without delay|
as soon as possible|as soon as poss|as soon as you can|as soon as we can|as soon as i can|as of now|
effective immediately|here and now|now now""".replace("\n", "").split("|")), key=len, reverse=True))

FREQUENCIES = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
               "annually": "year", "hourly": "hour", "nightly": "night", "biweekly": "biweek",
               "fortnightly": "biweek", "quarterly": "quarter"}

# words that carry no time meaning of their own: skipped wherever they stand
FILLERS = frozenset(["uh", "um", "umm", "uhm", "er", "erm", "ah", "hmm", "mm", "like", "please", "just", "maybe", "so", "well", "okay", "ok", "actually", "basically", "the", "a", "an", "of", "on", "at", "in", "for", "around", "about", "approximately", "roughly", "sometime", "some", "time", "o", "at", "that", "this", "day", "date", "is", "it", "be", "will", "would", "should", "could", "can", "me", "my", "our", "your", "us", "we", "i", "you", "starting", "start", "starts", "beginning", "begins", "scheduled", "schedule", "set", "due", "exactly", "sharp", "precisely", "and", "or", "then", "also", "same", "kind", "sort", "again", "either", "than", "more", "another", "additional", "extra"])
