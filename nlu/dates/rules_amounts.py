"""Grammar rules for amounts and connectors: two hours, half an hour, every other monday,
daily, to / from / between / until / ago, and bare numbers."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta

from nlu.dates.lexicon import FREQUENCIES, MONTHS, PARTS_OF_DAY, UNITS, WEEKDAYS, WORKING_PARTS
from nlu.dates.pieces import Dur, Num, Pod, Recur, Word
from nlu.dates.rules_times import AMOUNT_LEADS
from nlu.dates.scanner import CONNECTORS, Scan
from nlu.exceptions import BadDatePhrase

# days a week is counted from without "from" ("a week today", "a week on monday")
WEEK_ANCHORS = frozenset(WEEKDAYS) | {"today", "tomorrow", "yesterday", "tonight"}
# words after a bare number that give it another meaning ("in 5 pm", "in 3 and a half hours")
BARE_NUMBER_READERS = (
    frozenset(MONTHS)
    | frozenset(UNITS)
    | frozenset(PARTS_OF_DAY)
    | {"am", "pm", "oclock", "h", "and", "to", "or", "of", "th", "st", "nd", "rd", "hundred", "thousand"}
)


# Words between a count and its unit that leave the length as it is: "two more days", "a
# whole week", and the free time asked for, "2 free hours", "a spare hour", "an open hour".
AMOUNT_WORDS = ("more", "additional", "extra", "whole", "full", "free", "spare", "clear", "open", "empty")


def _count(s: Scan, i: int) -> tuple[float | None, int]:
    word, tok = s.word(i), s.num(i)
    if i < len(s.toks) and s.toks[i].kind == "dec":  # "2.5 hours", "1/2 an hour", "3/4 of an hour"
        return s.toks[i].val, s.skip(i + 1, "of", "a", "an")
    if tok is not None and not tok.ordinal:
        if s.word(i + 1) == "and" and s.word(i + 2) == "a" and s.word(i + 3) == "half":
            return tok.val + 0.5, i + 4
        nxt = s.toks[i + 1] if i + 1 < len(s.toks) else None
        if nxt is not None and nxt.kind == "dec" and nxt.val < 1:  # "2 1/2 hours"
            return tok.val + nxt.val, i + 2
        return float(tok.val), s.skip(i + 1, *AMOUNT_WORDS)
    if word in ("a", "an"):
        return 1.0, s.skip(i + 1, *AMOUNT_WORDS)
    if word == "couple":
        return 2.0, s.skip(i + 1, "of")
    if word in ("few", "several"):
        return 3.0, s.skip(i + 1, "of")
    if word == "half":
        return 0.5, s.skip(i + 1, "a", "an")
    return None, i


def _unit(s: Scan, i: int) -> tuple[str, int] | None:
    word = s.word(i)
    if word in UNITS:
        return UNITS[word][0], UNITS[word][1]
    tok = s.num(i)
    if tok is not None and tok.text == "second":
        return "second", 1
    return None


def duration(s: Scan, i: int) -> int:
    """two hours, half an hour, an hour and a half, two and a half hours, 90 minutes, 1h30."""
    if i < len(s.toks) and s.toks[i].kind == "hm":
        return _hours_minutes(s, i)
    lead = s.num(i)
    k = i + 1 if s.word(i) == "a" or (lead is not None and lead.val <= 3) else i
    if s.word(k) in ("quarter", "quarters") and s.word(s.skip(k + 1, "of", "an", "a")) == "hour":
        minutes = 15 * (lead.val if k > i and lead is not None else 1)  # "three quarters of an hour"
        s.out.append(Dur(relativedelta(minutes=minutes), "minute", "minute", minutes))
        return s.skip(k + 1, "of", "an", "a") + 1
    count, j = _count(s, i)
    if count is None and s.word(i) in UNITS and s.word(i + 1) in ("from", "after", "before", "ago", "later"):
        count = 1.0  # "week from today", "day before christmas"
    if count is None:
        return i
    unit = _unit(s, j)
    if unit is None:
        return _bare_minutes(s, i, count, j)
    grain, mult = unit
    j += 1
    if s.word(j) == "and" and s.word(j + 1) in ("a", "an") and s.word(j + 2) in ("half", "quarter"):
        count += 0.5 if s.word(j + 2) == "half" else 0.25  # "an hour and a quarter"
        j += 3
    amount = count * mult
    delta = to_delta(grain, amount)
    if not delta:  # "0 minutes", "half a second": no length at all
        return i
    if _years(delta) > MAX_LENGTH_YEARS:
        raise BadDatePhrase(
            f"a length of {amount:g} {grain}s is longer than any event (at most {MAX_LENGTH_YEARS} years)"
        )
    s.out.append(Dur(delta, _finest(grain, amount), grain, amount))
    if grain == "week" and s.word(i - 1) != "for" and s.word(s.skip(j, "on")) in WEEK_ANCHORS:
        s.out.append(Word("from"))  # British "a week today", "a fortnight on monday"
        return s.skip(j, "on")
    return j


MAX_LENGTH_YEARS = 100  # longer lengths are no event's, and past 8,000 years no datetime's


def _years(delta: relativedelta) -> float:
    """About how many years a length is (to refuse those no calendar holds)."""
    return (
        abs(delta.years)
        + abs(delta.months) / 12
        + abs(delta.days) / 365.25
        + abs(delta.hours) / 8766
        + abs(delta.minutes) / 525960
        + abs(delta.seconds) / 31557600
    )


def _bare_minutes(s: Scan, i: int, count: float, j: int) -> int:
    """ "back in 15", "ready in 5": a bare number after "in" that nothing else reads is minutes."""
    tok = s.num(i)
    if tok is None or tok.ordinal or s.word(i - 1) != "in" or not 1 <= count <= 90 or tok.digits > 2:
        return i
    if j < len(s.toks) and (s.toks[j].kind != "w" or s.word(j) in BARE_NUMBER_READERS):
        return i  # "in 15 to 20", "in 5 pm", "in 3 weeks": read by the other rules
    s.out.append(Dur(relativedelta(minutes=int(count)), "minute", "minute", count))
    return i + 1


def _hours_minutes(s: Scan, i: int) -> int:
    """ "in 1h30", "for 2h": an amount written like a 24-hour time (clock() leaves these)."""
    tok = s.toks[i]
    if "h" not in tok.text or s.word(i - 1) not in AMOUNT_LEADS:
        return i
    hours, minutes, _ = tok.val
    if not (hours or minutes):
        return i
    s.out.append(
        Dur(relativedelta(hours=hours, minutes=minutes), "minute" if minutes else "hour", "hour", hours + minutes / 60)
    )
    return i + 1


def to_delta(grain: str, amount: float) -> relativedelta:
    """A relativedelta of `amount` units, fractions carried to the next finer unit."""
    whole = int(amount)
    frac = amount - whole
    finer = {
        "year": ("months", 12),
        "quarter": ("months", 3),
        "month": ("days", 30),
        "week": ("days", 7),
        "day": ("hours", 24),
        "hour": ("minutes", 60),
        "minute": ("seconds", 60),
        "second": ("seconds", 0),
    }
    if grain == "quarter":
        base = relativedelta(months=3 * whole)
    else:
        base = relativedelta(None, None, **{grain + "s": whole})  # (no dates to compare: `years=whole`...)
    name, factor = finer[grain]
    return base + relativedelta(None, None, **{name: round(frac * factor)}) if frac else base


def _finest(grain: str, amount: float) -> str:
    if amount == int(amount):
        return grain
    return {
        "year": "month",
        "quarter": "month",
        "month": "day",
        "week": "day",
        "day": "hour",
        "hour": "minute",
        "minute": "second",
    }.get(grain, grain)


def every(s: Scan, i: int) -> int:
    """every day, every other monday, every 3 hours, daily, weekly."""
    word = s.key(i)
    if word in FREQUENCIES:
        freq = FREQUENCIES[word]
        s.out.append(Recur("week", 2) if freq == "biweek" else Recur("day") if freq == "night" else Recur(freq))
        if freq == "night":
            s.out.append(Pod("night", *PARTS_OF_DAY["night"]))
        return i + 1
    if word == "once" and s.word(i + 1) in ("a", "an", "per", "every", "each") and s.word(i + 2) in UNITS:
        s.out.append(Recur(UNITS[s.key(i + 2)][0]))  # "once a week"
        return i + 3
    if CONNECTORS.get(word) != "every":
        return i
    s.out.append(Word("every"))
    j = s.skip(i + 1, "single")
    interval = 1
    negative = j < len(s.toks) and (s.toks[j].kind == "-" or s.word(j) in ("minus", "negative"))
    tok = s.num(j + negative)
    nth_weekday = s.word(j + 1) in WEEKDAYS and s.word(j + 2) in ("of", "in")  # "every second tuesday of the month"
    if s.word(j) in ("other", "alternate") or (tok is not None and tok.text in ("second", "2nd") and not nth_weekday):
        interval, j = 2, j + 1
    elif tok is not None and not tok.ordinal and _unit(s, j + negative + 1) is not None:  # "second" is a number token
        if negative or tok.val < 1:
            said = s.text(j + negative + 1)
            raise BadDatePhrase(
                f"'every {'-' if negative else ''}{tok.val} {said}': a repeat needs a "
                "whole number of at least 1 (every 2 weeks, every day)"
            )
        interval, j = tok.val, j + 1
    # after a count "second" is the unit ("every 5 second"); else an ordinal ("every second tuesday")
    unit = _unit(s, j) if interval != 1 or j > s.skip(i + 1, "single") else UNITS.get(s.key(j))
    if unit is not None:
        s.out.append(Recur(unit[0], interval * unit[1]))
        return j + 1
    if s.word(j) in ("weekday", "weekdays", "workday", "workdays"):
        s.out.append(Recur("week", interval, (0, 1, 2, 3, 4)))
        return j + 1
    if s.word(j) in ("weekend", "weekends"):
        s.out.append(Recur("week", interval, (5, 6)))
        return j + 1
    if interval > 1:
        s.out.append(Recur(None, interval))
    return j


def connector(s: Scan, i: int) -> int:
    """to, from, between, until, by, after, ago, from now, in, for, a dash."""
    if i < len(s.toks) and s.toks[i].kind == "-":
        s.out.append(Word("to"))
        return i + 1
    word = s.word(i)
    if word == "from" and s.word(i + 1) in ("now", "today"):
        s.out.append(Word("later"))
        return i + 2
    if word == "up" and s.word(i + 1) in ("to", "until", "till"):
        s.out.append(Word("until"))
        return i + 2
    if word == "no" and s.word(i + 1) == "later" and s.word(i + 2) == "than":
        s.out.append(Word("by"))
        return i + 3
    if word == "give" and s.word(i + 1) == "me":  # "give me 10 mins"
        s.out.append(Word("in"))
        return i + 2
    part = s.word(i + 1)
    if word in ("after", "before") and part in WORKING_PARTS:  # "after work": from 17:00
        s.out += [Word(word), Pod(part, *WORKING_PARTS[part])]
        return i + 2
    if word in CONNECTORS:
        s.out.append(Word(CONNECTORS[word]))
        return i + 1
    return i


def bare_number(s: Scan, i: int) -> int:
    """A number no other rule took: an hour or a day of the month, decided by neighbours."""
    tok = s.num(i)
    if tok is None:
        return i
    if tok.ordinal:
        return i
    s.out.append(Num(tok.val))
    return i + 1
