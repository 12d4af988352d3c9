"""Grammar rules for days: today, tomorrow, holidays, weekdays with their modifiers."""

from __future__ import annotations

from datetime import date, timedelta

from nlu.dates import holidays
from nlu.dates.calendar import Context, last_weekday, next_month_day, next_weekday, week_start
from nlu.dates.lexicon import MONTHS, NOW_PHRASES, PARTS_OF_DAY, PLURAL_PARTS, WEEKDAYS, WEEKDAYS_PLURAL
from nlu.dates.pieces import Day, Period, Pod, Recur, Word
from nlu.dates.rules_dates import read_year
from nlu.dates.scanner import MODIFIERS, Scan

# phrase -> days from today (longest patterns first, by first word)
RELATIVE_DAYS: dict[tuple[str, ...], int] = {
    ("day", "after", "tomorrow"): 2,
    ("day", "before", "yesterday"): -2,
    ("today",): 0,
    ("todays",): 0,
    ("tomorrow",): 1,
    ("tomorrows",): 1,
    ("tmrw",): 1,
    ("tmr",): 1,
    ("tomorow",): 1,
    ("tommorow",): 1,
    ("tommorrow",): 1,
    ("yesterday",): -1,
    ("next", "day"): 1,
    ("day", "after"): 2,
    ("this", "day"): 0,
    ("tonight",): 0,
    ("tonite",): 0,
    ("last", "night"): -1,
    ("yesterdays",): -1,
    ("following", "day"): 1,
    ("previous", "day"): -1,
    ("prior", "day"): -1,
}
_REL_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _pattern, _shift in sorted(RELATIVE_DAYS.items(), key=lambda kv: -len(kv[0])):
    _REL_BY_FIRST.setdefault(_pattern[0], []).append((_pattern, _shift))
RELATIVE_FIRST_WORDS = frozenset(_REL_BY_FIRST)
_NOW_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in NOW_PHRASES:  # longest first
    _NOW_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)
NOW_FIRST_WORDS = frozenset(_NOW_BY_FIRST)
_HOLIDAYS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _name in holidays.NAMES:  # longest first
    _HOLIDAYS_BY_FIRST.setdefault(_name[0], []).append(_name)
CLOSEST = frozenset({"closest", "nearest"})


def now_word(s: Scan, i: int) -> int:
    """now, right now, asap, as soon as possible, at the moment: the present second."""
    for phrase in _NOW_BY_FIRST.get(s.key(i), ()):  # token text: "second" of "this second" is a number
        if all(s.text(i + k) == w for k, w in enumerate(phrase)):
            moment = s.ctx.now.replace(microsecond=0)
            s.out.append(Period(moment, s.ctx.after(moment, timedelta(seconds=1)), "second"))
            return i + len(phrase)
    return i


def relative_day(s: Scan, i: int) -> int:
    """today, tomorrow, day after tomorrow, yesterday, tonight, last night."""
    first = s.key(i)
    if first == "next" and s.word(i + 1) in ("business", "working", "work") and s.word(i + 2) == "day":
        day = s.ctx.today + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        s.out.append(Day(day, rank=2))
        return i + 3
    for pattern, shift in _REL_BY_FIRST.get(first, ()):
        if pattern == ("day", "after") and i + 2 < len(s.toks):
            continue  # "the day after christmas": a one-day offset from what follows
        if all(s.word(i + k) == w for k, w in enumerate(pattern)):
            end = i + len(pattern)
            week_on = s.word(end) == "week" and s.word(end + 1) not in ("of", "after", "before") and shift >= 0
            s.out.append(Day(s.ctx.today + timedelta(days=shift + 7 * week_on), rank=2))  # "tomorrow week"
            if pattern[-1] in ("tonight", "tonite", "night"):
                s.out.append(Pod("tonight", *PARTS_OF_DAY["tonight"]))
            return end + week_on
    return i


def holiday(s: Scan, i: int) -> int:
    """christmas, new year's eve, thanksgiving, memorial day (optionally this/next/last),
    memorial day weekend, the ides of march."""
    mod = MODIFIERS.get(s.key(i))
    j = i + 1 if mod else i
    if s.word(j) == "ides" and s.word(j + 1) == "of" and s.word(j + 2) in MONTHS:
        return _ides(s, j + 2)
    for name in _HOLIDAYS_BY_FIRST.get(s.key(j), ()):
        if all(s.word(j + k) == w for k, w in enumerate(name)):
            end = j + len(name)
            end = end + 1 if s.word(end) == "day" and name[-1] != "day" else end
            year, end = read_year(s, end)
            day = _holiday_date(" ".join(name), s.ctx.today, mod, year)
            if s.word(end) == "weekend":  # "memorial day weekend": the long weekend
                s.out.append(Period(*s.ctx.day_span(*holidays.long_weekend(day)), "day"))
                return end + 1
            if s.word(end) == "week":  # "christmas week": the week holding it
                first = week_start(day, s.ctx.policy.week_start)
                s.out.append(Period(*s.ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
                return end + 1
            s.out.append(Day(day, month_known=True, rank=3))
            return end
    return i


def _ides(s: Scan, j: int) -> int:
    """ "the ides of march": the 15th of march, may, july and october, else the 13th."""
    month = MONTHS[s.key(j)]
    year, end = read_year(s, j + 1)
    dom = 15 if month in holidays.IDES_15 else 13
    found = date(year, month, dom) if year else next_month_day(s.ctx.today, month, dom)
    assert found is not None  # every month has a 13th and a 15th
    s.out.append(Day(found, month_known=True, rank=3))
    return end


def _holiday_date(name: str, today: date, mod: str | None, year: int | None) -> date:
    if year is not None:
        return holidays.holiday_on(name, year)
    this = holidays.holiday_on(name, today.year)
    if mod == "last":
        return this if this < today else holidays.holiday_on(name, today.year - 1)
    return this if this >= today else holidays.holiday_on(name, today.year + 1)


def weekday(s: Scan, i: int) -> int:
    """friday, this friday, coming wednesday, next tuesday, last monday, tuesday after next,
    thursday week, three fridays from now, the friday closest to june 10."""
    if s.num(i) is not None:
        return _counted_weekday(s, i)
    if s.word(i) in CLOSEST and s.word(i + 1) in WEEKDAYS:  # "the closest friday to june 10"
        s.out.append(Day(next_weekday(s.ctx.today, WEEKDAYS[s.key(i + 1)]), weekday=WEEKDAYS[s.key(i + 1)]))
        s.out.append(Word("closest"))
        return s.skip(i + 2, "to")
    mod = MODIFIERS.get(s.key(i))
    j = i + 1 if mod else i
    name = s.word(j)
    if name in ("weekday", "weekend") and s.word(j + 1) in PLURAL_PARTS:
        name += "s"  # "weekday mornings"
    if name in WEEKDAYS_PLURAL or name in ("weekdays", "weekends"):
        s.out.append(Recur("week", 1, _plural_days(name)))
        return j + 1
    if name not in WEEKDAYS:
        return i
    wd = WEEKDAYS[name]
    j += 1
    if s.word(j) == "after" and s.word(j + 1) == "next":
        mod, j = "next", j + 2
        chosen, alts = _weekday_date(s.ctx, wd, mod)
        chosen, alts = chosen + timedelta(days=7), tuple(a + timedelta(days=7) for a in alts)
    else:
        chosen, alts = _weekday_date(s.ctx, wd, mod)
    if mod is None and s.word(j) == "week" and s.word(j + 1) not in ("of", "after", "before"):
        chosen, alts, j = chosen + timedelta(days=7), (), j + 1  # British "thursday week": a week on
    s.out.append(Day(chosen, alts, weekday=wd if mod is None else None, rank=1))
    if s.word(j) in CLOSEST:  # "the friday closest to june 10": relations.py finds it
        s.out.append(Word("closest"))
        return s.skip(j + 1, "to")
    return j


def _counted_weekday(s: Scan, i: int) -> int:
    """ "three fridays from now", "2 tuesdays ago": the nth such weekday after (before) today."""
    tok, name = s.num(i), s.word(i + 1)
    if tok is None or tok.ordinal or name not in WEEKDAYS_PLURAL or not 1 <= tok.val <= 520:
        return i
    after = s.word(i + 2)
    if after == "from" and s.word(i + 3) in ("now", "today"):
        sign, end = 1, i + 4
    elif after in ("later", "hence", "out", "ahead") or s.word(i - 1) == "in":
        sign, end = 1, i + 2 + (after in ("later", "hence", "out", "ahead"))
    elif after == "ago":
        sign, end = -1, i + 3
    else:
        return i
    wd = WEEKDAYS_PLURAL[name]
    first = next_weekday(s.ctx.today, wd) if sign > 0 else last_weekday(s.ctx.today, wd)
    s.out.append(Day(first + timedelta(days=7 * sign * (tok.val - 1)), rank=2))
    return end


def _plural_days(name: str) -> tuple[int, ...]:
    if name == "weekdays":
        return (0, 1, 2, 3, 4)
    if name == "weekends":
        return (5, 6)
    return (WEEKDAYS_PLURAL[name],)


def _weekday_date(ctx: Context, wd: int, mod: str | None) -> tuple[date, tuple[date, ...]]:
    today = ctx.today
    if mod == "last":
        return last_weekday(today, wd), ()
    if mod == "next":
        nearest = next_weekday(today, wd)
        following = week_start(today, ctx.policy.week_start) + timedelta(days=7 + (wd - ctx.policy.week_start) % 7)
        chosen, other = (following, nearest) if ctx.policy.next_weekday == "following" else (nearest, following)
        return chosen, (() if other == chosen else (other,))
    if mod == "this":
        return next_weekday(today, wd, include_today=True), ()
    if not ctx.policy.future_bias and mod is None:
        return week_start(today, ctx.policy.week_start) + timedelta(days=(wd - ctx.policy.week_start) % 7), ()
    # "monday" said on a monday is next week's; today is the other reading
    return next_weekday(today, wd), ((today,) if mod is None and today.weekday() == wd else ())
