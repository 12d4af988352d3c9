"""Grammar rules for clock times and parts of the day: 6 pm, 18:00, ten thirty am,
half past four, quarter to nine, noon, morning."""

from __future__ import annotations

from datetime import timedelta

from nlu.dates.lexicon import PARTS_OF_DAY, PLURAL_PARTS, UNITS, ZONE_WORDS
from nlu.dates.pieces import Day, Num, Pod, Recur, Time, Zone
from nlu.dates.scanner import MODIFIERS, Scan
from nlu.dates.tokens import Tok

# words before "1h30" that make it an amount of time, not a clock time
AMOUNT_LEADS = frozenset({"in", "for", "within", "every", "each", "next", "last", "past", "another", "extra"})
# words before a three-digit "245" that make it a clock time (2:45)
CLOCK_LEADS = frozenset(
    {
        "at",
        "around",
        "about",
        "approximately",
        "roughly",
        "circa",
        "by",
        "before",
        "after",
        "from",
        "until",
        "till",
        "til",
        "to",
        "between",
        "and",
    }
)


def _ampm(s: Scan, j: int) -> tuple[str | None, int]:
    word = s.word(j)
    if word in ("am", "pm"):
        return word, j + 1
    return None, j


def _with_ampm(hour: int, minute: int, ampm: str | None, grain: str, exact: bool = False) -> Time | None:
    """A clock time from its parts, or None when they are no time ("13 pm", "25:00")."""
    if ampm is not None and not 1 <= hour <= 12 and not (hour == 0 and ampm == "am"):
        return None if hour > 12 else Time(hour, minute, 0, ampm, grain, True)
    if not 0 <= hour <= 24 or not 0 <= minute <= 59:
        return None
    if hour == 24:
        return Time(0, minute, 0, None, grain, True, next_day=True)
    return Time(hour, minute, 0, ampm, grain, exact or hour == 0 or hour > 12)


def clock(s: Scan, i: int) -> int:
    """6 pm, 18:00, ten thirty am, eleven forty five a m, 2300 hours, seven o'clock, noon."""
    word = s.word(i)
    if word in ("this", "same") and s.word(i + 1) == "time":  # "this time tomorrow"
        s.out.append(Time(s.ctx.now.hour, s.ctx.now.minute, 0, None, "minute", exact=True))
        return i + 2
    if word in ("noon", "midday", "midnight"):
        s.out.append(Time(12, ampm="pm", exact=True) if word != "midnight" else Time(0, exact=True, next_day=True))
        return i + 1
    tok = s.toks[i] if i < len(s.toks) else None
    if tok is None:
        return i
    if tok.kind == "hm":
        return _colon_time(s, i, tok)
    if tok.kind != "n" or tok.ordinal:
        return i
    return _clock_number(s, i, tok)


def _colon_time(s: Scan, i: int, tok: Tok) -> int:
    """18:00, 6:30 pm, 6.30; and the 24-hour "14h30", "9h", "2130h" (taken as said), except
    after "in"/"for"/"every" where "1h30" is an amount (rules_amounts.duration)."""
    h, m, _seconds = tok.val
    hform = "h" in tok.text
    if hform and s.word(i - 1) in AMOUNT_LEADS:
        return i
    ampm, j = _ampm(s, i + 1)
    grain = "hour" if hform and not m else "minute"
    found = _with_ampm(h, m, ampm, grain, exact=tok.text.startswith("0") or (hform and ampm is None))
    if found is None:
        return i
    s.out.append(found)
    return s.skip(j, "oclock", "hours", "hrs", "h")


def _clock_number(s: Scan, i: int, tok: Tok) -> int:
    """A clock time that starts with a number; the forms are tried from the longest."""
    nxt = s.word(i + 1)
    if tok.val == 12 and nxt in ("noon", "midday", "midnight"):
        s.out.append(Time(0, exact=True, next_day=True) if nxt == "midnight" else Time(12, ampm="pm", exact=True))
        return i + 2
    for form in (_hour_minutes, _hundreds, _hour_marked):
        j = form(s, i, tok)
        if j > i:
            return j
    return i


def _hour_minutes(s: Scan, i: int, tok: Tok) -> int:
    """ "ten thirty", "eleven forty five a m", "nine oh five", "5 30 pm" (both typed or both spoken)."""
    minute = s.num(i + 1)
    if minute is None or minute.ordinal or tok.val > 24 or not (minute.val >= 10 or minute.digits == 2):
        return i
    same_kind = (tok.digits == 0) == (minute.digits == 0 or minute.text.startswith("0"))
    if minute.val > 59 or not same_kind:
        return i
    ampm, j = _ampm(s, i + 2)
    found = _with_ampm(tok.val, minute.val, ampm, "minute")
    if found is None:
        return i
    s.out.append(found)
    return s.skip(j, "oclock")


def _hundreds(s: Scan, i: int, tok: Tok) -> int:
    """ "2300 hours", "0900", "1530", "seventeen hundred", "four hundred am", "730pm", "at 245".

    Four digits are a 24-hour time taken as said, unless they could be a year (1900-2199)
    and nothing marks them as a time; three digits after "at"/"around" are hour and minutes
    read like a bare hour ("at 245" is 14:45)."""
    if not (0 <= tok.val < 2400 and tok.val % 100 < 60) or (tok.val < 100 and tok.digits != 4):
        return i
    nxt = s.word(i + 1)
    ampm, j = _ampm(s, i + 1)
    marked = nxt in ("hours", "hrs", "h") and s.word(i - 1) not in AMOUNT_LEADS  # "2300 hours", not "for 1000 hours"
    if nxt in UNITS and not (ampm or marked):
        return i
    military = (
        marked
        or (tok.digits == 4 and s.word(i - 1) == "at")
        or (tok.digits == 4 and not 1900 <= tok.val < 2200)
        or (tok.digits == 0 and tok.val >= 100)
    )  # spoken "seventeen hundred"
    spoken_hm = tok.digits == 3 and s.word(i - 1) in CLOCK_LEADS and 1 <= tok.val // 100 <= 12
    if not (ampm or military or spoken_hm):
        return i
    minute = tok.val % 100
    found = _with_ampm(tok.val // 100, minute, ampm, "minute" if minute else "hour", exact=military and not ampm)
    if found is None:
        return i
    s.out.append(found)
    return j if ampm else s.skip(i + 1, "hours", "hrs", "h")


def _hour_marked(s: Scan, i: int, tok: Tok) -> int:
    """ "6 pm", "six p m", "seven o'clock", "3 o'clock pm"."""
    if tok.val >= 100:
        return i
    ampm, j = _ampm(s, i + 1)
    oclock = s.word(i + 1) == "oclock"
    if oclock:
        ampm, j = _ampm(s, i + 2)
        j = j if ampm else i + 2
    if not (ampm or oclock):
        return i
    found = _with_ampm(tok.val, 0, ampm, "hour")
    if found is None:
        return i
    s.out.append(found)
    return s.skip(j, "oclock")


def past_to(s: Scan, i: int) -> int:
    """half past four, quarter to nine, ten past six, twenty minutes to five."""
    if s.word(i) == "a" and s.word(i + 1) == "quarter":
        j = _past_to(s, i + 1)  # "a quarter to nine"
        return j if j > i + 1 else i
    return _past_to(s, i)


def _past_to(s: Scan, i: int) -> int:
    word, tok = s.word(i), s.num(i)
    if word == "half":
        minutes = 30
    elif word == "quarter":
        minutes = 15
    elif tok is not None and not tok.ordinal and 1 <= tok.val <= 59:
        minutes = tok.val
    else:
        return i
    j = s.skip(i + 1, "minutes", "minute", "mins", "min")
    rel = s.word(j)
    if word == "half" and rel is None and (hour_tok := s.num(i + 1)) is not None and 1 <= hour_tok.val <= 12:
        rel, j = "past", i  # British "half four" is 4:30
    if rel not in ("past", "after", "to", "till", "til", "before", "of"):
        return i
    if (
        rel in ("to", "till", "til", "before", "of")
        and word is None  # so the minutes are the number token `tok`
        and tok is not None
        and j == i + 1
        and not _clock_to(s, i, tok)
    ):
        return i  # "10 to 5" is a range; "10 minutes to 5" and spoken "ten to five" are 4:50
    base, named = s.num(j + 1), s.word(j + 1)
    if named in ("noon", "midnight"):
        base_hour, ampm, j2, exact = (12 if named == "noon" else 24), None, j + 2, True
    elif base is not None and not base.ordinal and 0 <= base.val <= 23:
        base_hour, exact = base.val, base.val == 0 or base.val > 12
        ampm, j2 = _ampm(s, j + 2)
    else:
        return i
    total = base_hour * 60 + (minutes if rel in ("past", "after") else -minutes)
    if exact:  # a 24-hour reading: "quarter to midnight" is 23:45
        hour, minute = divmod(total % (24 * 60), 60)
        found: Time | None = Time(hour, minute, 0, None, "minute", exact=True)
    else:  # a 12-hour reading: "quarter to one" is 12:45 (am or pm decided later)
        hour, minute = divmod(total, 60)
        found = _with_ampm(hour or 12, minute, ampm, "minute")
    if found is None:
        return i
    s.out.append(found)
    return s.skip(j2, "oclock")


def _clock_to(s: Scan, i: int, tok: Tok) -> bool:
    """Whether "N to H" is a clock time (N minutes before H) rather than a range. Under the
    default policy (minutes_to="clock") it is when said the way times are said: after
    "at", or spoken ("ten to five", "twenty till six") with minutes a clock face uses
    (5, 10, 20, 25) and an hour 1-12 spoken too; never after "from" / "between", where
    "ten to five" is 10:00-17:00. minutes_to="range" reads every bare "N to H" as a range."""
    if s.ctx.policy.minutes_to == "range" or s.word(i - 1) in ("from", "between"):
        return False
    hour = s.num(i + 2)
    if hour is None or hour.ordinal or not 1 <= hour.val <= 12:
        return False
    if s.word(i - 1) == "at":
        return True
    return tok.digits == 0 and hour.digits == 0 and tok.val in (5, 10, 20, 25)


def zone_word(s: Scan, i: int) -> int:
    """ "eastern", "pst", "utc" (optionally "time") right after a clock time."""
    name = ZONE_WORDS.get(s.key(i))
    if name is None or not s.out or not isinstance(s.out[-1], (Time, Num)):
        return i
    s.out.append(Zone(name))
    return s.skip(i + 1, "time", "standard", "daylight")


def part_of_day(s: Scan, i: int) -> int:
    """morning, this afternoon, tomorrow evening (with the day), lunch, at night."""
    word = s.word(i)
    mod = MODIFIERS.get(word) if word in ("this", "last", "next") else None
    j = i + 1 if mod else i
    name = s.word(j)
    if name not in PARTS_OF_DAY:
        return i
    if mod == "this":
        s.out.append(Day(s.ctx.today, rank=2))
    elif mod == "last":
        s.out.append(Day(s.ctx.today - timedelta(days=1), rank=2))
    elif mod == "next":
        s.out.append(Day(s.ctx.today + timedelta(days=1), rank=2))
    s.out.append(Pod(name, *PARTS_OF_DAY[name]))
    if name in PLURAL_PARTS:
        s.out.append(Recur("day"))  # "mornings at 8"
    return j + 1
