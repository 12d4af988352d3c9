"""Parts of weeks, months, quarters and years: the end of the month, early next week, mid
April, late June, the beginning of next year, the abbreviations EOD / COB / EOW / EOM /
BOM / EOQ / EOY / BOY, "month end"; and early / mid / late parts of the day ("late tonight").

The reading (docs/dates.md): the beginning and end of a unit are its first and last day
(the end of a week is its Friday, the end of the day 17:00); early / mid / late are its
thirds: days 1-10, 11-20 and 21-end of a month, Monday-Wednesday, Wednesday and
Thursday-Friday of a week, January-April, May-August and September-December of a year, the
first, second and third month of a quarter. A unit said without "this" / "next" / a year
("the end of the week", "BOM", "mid march") is the next one whose part is not over yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from nlu.dates.calendar import add_months, week_start
from nlu.dates.lexicon import MONTHS, PARTS_OF_DAY
from nlu.dates.pieces import Day, Period, Pod, Time, Word
from nlu.dates.rules_dates import read_year
from nlu.dates.scanner import MODIFIERS, Scan

EDGES = {
    "end": "end",
    "close": "end",
    "beginning": "start",
    "start": "start",
    "middle": "mid",
    "mid": "mid",
    "early": "early",
    "late": "late",
}
ABBREVIATIONS = {
    "eod": ("end", "day"),
    "cob": ("end", "day"),
    "eow": ("end", "week"),
    "eom": ("end", "month"),
    "bom": ("start", "month"),
    "eoq": ("end", "quarter"),
    "boq": ("start", "quarter"),
    "eoy": ("end", "year"),
    "boy": ("start", "year"),
}
UNIT_WORDS = {"week": "week", "wk": "week", "month": "month", "quarter": "quarter", "year": "year", "yr": "year"}
DAY_PARTS = frozenset(PARTS_OF_DAY) | {"tonight", "tonite"}
SHIFTS = {"next": 1, "coming": 1, "last": -1}
CLOSE_OF_DAY = 17
OPENING = 9  # the start of the working day


@dataclass(frozen=True)
class Unit:
    """A calendar unit named in the phrase: its kind, first day, and whether it was said bare
    (no "this"/"next"/year), in which case a part that is over moves to the next one."""

    kind: str
    first: date
    bare: bool
    roll: relativedelta = relativedelta(months=1)  # from this unit to the next candidate


def part_of_unit(s: Scan, i: int) -> int:
    """end of the month, beginning of next week, mid march, late next week, EOM, BOY 2028."""
    word = s.word(i)
    if word in ABBREVIATIONS:
        edge, kind = ABBREVIATIONS[word]
        j = i + 1
    elif word in UNIT_WORDS and s.word(i + 1) in ("end", "start"):  # "month end", "year-end"
        edge, kind, j = EDGES[s.key(i + 1)], UNIT_WORDS[word], i + 2
    elif word in EDGES:
        edge, kind, j = EDGES[word], None, s.skip(i + 1, "of", "the")
    else:
        return i
    if kind == "day" or (kind is None and s.word(j) in ("day", "business", "play")):
        return _close_of_day(s, i, j, edge, kind)
    if kind is None and edge in ("early", "mid", "late") and _day_part_follows(s, i + 1):
        s.out.append(Word(edge))  # "late tonight": combine narrows the part of the day
        return i + 1
    unit, end = _unit_at(s, j, kind)
    if unit is None:
        return i
    s.out.append(_part_piece(s, unit, edge))
    return end


def _close_of_day(s: Scan, i: int, j: int, edge: str, kind: str | None) -> int:
    """EOD, COB, end of (the business) day, close of play: 17:00; the start of the
    (business) day: 09:00."""
    if edge not in ("end", "start"):
        return i
    s.out.append(Time(CLOSE_OF_DAY if edge == "end" else OPENING, exact=True))
    if kind == "day":
        return j
    return j + 1 + (s.word(j + 1) == "day")


def first_thing(s: Scan, i: int) -> int:
    """ "first thing (tomorrow)": the start of the working day, 09:00; "last thing": 17:00."""
    edge = s.text(i)  # "first" is a number token (ordinal 1)
    if edge not in ("first", "last") or s.word(i + 1) != "thing":
        return i
    s.out.append(Time(OPENING if edge == "first" else CLOSE_OF_DAY, exact=True))
    return i + 2


def _day_part_follows(s: Scan, j: int) -> bool:
    """ "late tonight", "early tomorrow morning", "mid afternoon"."""
    return s.word(j) in DAY_PARTS or s.word(s.skip(j, "this", "tomorrow", "today", "in", "the")) in DAY_PARTS


def _unit_at(s: Scan, j: int, kind: str | None) -> tuple[Unit | None, int]:
    """The week, month, quarter or year named at j; with an abbreviation's own kind, the
    reference may be left out ("EOM") or name the unit ("BOM august", "BOY 2028")."""
    today, ws = s.ctx.today, s.ctx.policy.week_start
    mod = MODIFIERS.get(s.key(j))
    k = j + 1 if mod in ("this", "next", "coming", "last") else j
    shift = SHIFTS.get(mod or "", 0)
    named = UNIT_WORDS.get(s.key(k))
    if named is not None and (kind is None or named == kind) and s.num(k + 1) is None:
        return _current(named, today, ws, shift, bare=mod is None), k + 1
    if s.word(k) in MONTHS and kind in (None, "month"):
        year, end = read_year(s, k + 1)
        month = MONTHS[s.key(k)]
        if year is None:
            year = today.year + (
                1 if mod == "next" and month <= today.month else -1 if mod == "last" and month >= today.month else 0
            )
        return Unit("month", date(year, month, 1), mod is None and end == k + 1, relativedelta(years=1)), end
    number = s.num(k + 1)
    if s.word(k) == "q" and number is not None and 1 <= number.val <= 4 and kind in (None, "quarter"):
        year, end = read_year(s, k + 2)  # "end of Q1", "the start of Q3 2027"
        first = date(year or today.year, 3 * number.val - 2, 1)
        return Unit("quarter", first, year is None, relativedelta(years=1)), end
    year, end = read_year(s, k)
    if year is not None and kind in (None, "year"):
        return Unit("year", date(year, 1, 1), bare=False), end
    if kind is not None and mod is None:
        return _current(kind, today, ws, 0, bare=True), j
    return None, j


def _current(kind: str, today: date, week_start_day: int, shift: int, bare: bool) -> Unit:
    """This week / month / quarter / year, moved by `shift` units."""
    if kind == "week":
        return Unit(kind, week_start(today, week_start_day) + timedelta(days=7 * shift), bare, relativedelta(weeks=1))
    if kind == "month":
        return Unit(kind, add_months(today.replace(day=1), shift), bare)
    if kind == "quarter":
        first = add_months(date(today.year, (today.month - 1) // 3 * 3 + 1, 1), 3 * shift)
        return Unit(kind, first, bare, relativedelta(months=3))
    return Unit(kind, date(today.year + shift, 1, 1), bare, relativedelta(years=1))


def _part_piece(s: Scan, unit: Unit, edge: str) -> Day | Period:
    """The part of the unit as a day or a span of days; a bare unit whose part is over
    gives way to the next one."""
    first, last, grain = _part(unit, edge, s.ctx.policy.week_start)
    if unit.bare and last < s.ctx.today:
        first, last, grain = _part(Unit(unit.kind, unit.first + unit.roll, True), edge, s.ctx.policy.week_start)
    if first == last:
        return Day(first, month_known=True, rank=3)
    return Period(*s.ctx.day_span(first, last), grain)


def _part(unit: Unit, edge: str, week_start_day: int) -> tuple[date, date, str]:
    """(first day, last day, grain) of the part `edge` of the unit."""
    first = unit.first
    if unit.kind == "week":
        monday = first + timedelta(days=(0 - week_start_day) % 7)
        days = {
            "start": (first, first),
            "end": (monday + timedelta(days=4),) * 2,
            "mid": (monday + timedelta(days=2),) * 2,
            "early": (monday, monday + timedelta(days=2)),
            "late": (monday + timedelta(days=3), monday + timedelta(days=4)),
        }[edge]
        return (*days, "day")
    months = {"month": 1, "quarter": 3, "year": 12}[unit.kind]
    last = add_months(first, months) - timedelta(days=1)
    if edge in ("start", "end"):
        day = first if edge == "start" else last
        return day, day, "day"
    third = ("early", "mid", "late").index(edge)
    if unit.kind == "month":
        begin = first + timedelta(days=10 * third)
        return begin, (begin + timedelta(days=9)) if third < 2 else last, "day"
    step = months // 3
    begin = add_months(first, step * third)
    return begin, add_months(begin, step) - timedelta(days=1), "month"


def narrow_day_parts(pieces: list) -> list:
    """ "late tonight", "early morning": the part of the day after an early/mid/late marker
    narrowed to its first half, middle third or second half."""
    out, edge = [], None
    for piece in pieces:
        if isinstance(piece, Word) and piece.text in ("early", "mid", "late"):
            edge = piece.text
            continue
        if edge is not None and isinstance(piece, Pod):
            piece, edge = _narrowed(piece, edge), None
        out.append(piece)
    return out


def _narrowed(pod: Pod, edge: str) -> Pod:
    length = pod.end - pod.start
    if edge == "early":
        return Pod(pod.name, pod.start, pod.start + length // 2)
    if edge == "late":
        return Pod(pod.name, pod.end - length // 2, pod.end)
    return Pod(pod.name, pod.start + length // 3, pod.end - length // 3)
