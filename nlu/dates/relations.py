"""Relations between neighbouring pieces, rewritten before assembly.

Offsets ("in 20 minutes", "two days after christmas", "the monday after thanksgiving"),
compound durations ("an hour and 30 minutes") and ranges between two pieces of one kind
("2-3pm", "august 3 to 5", "monday to friday").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TypeGuard

from nlu.dates.calendar import GRAIN_STEP, Context, week_start
from nlu.dates.pieces import Day, DayRange, Dur, Num, Period, Piece, Time, TimeRange, Word
from nlu.result import GRAINS

SUB_DAY = ("second", "minute", "hour")


def merge_durations(pieces: list[Piece]) -> list[Piece]:
    """ "an hour and 30 minutes", "1 hr 30 min": one duration."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Dur) and out:
            k = len(out) - 1 - _is_word(out[-1], "and")
            prev = out[k] if k >= 0 else None
            if isinstance(prev, Dur) and GRAINS.index(piece.grain) < GRAINS.index(prev.grain):
                del out[k:]
                out.append(Dur(prev.delta + piece.delta, piece.grain, piece.unit, prev.count))
                continue
        out.append(piece)
    return out


def offsets(pieces: list[Piece], ctx: Context) -> list[Piece]:
    """Pieces with each relation rewritten into what it means ("in 20 minutes" -> a moment)."""
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        for rewrite in (_week_of, _weekday_beside_day, _dur_offset, _dur_beside_day):
            used = rewrite(pieces, k, out, ctx)
            if used:
                k += used
                break
        else:
            out.append(pieces[k])
            k += 1
    return out


def _at(pieces: list[Piece], k: int) -> Piece | None:
    return pieces[k] if 0 <= k < len(pieces) else None


def _is_word(piece: Piece | None, *texts: str) -> TypeGuard[Word]:
    return isinstance(piece, Word) and piece.text in texts


WEEK_OF = {"week_of": 0, "week_after": 1, "week_before": -1}
WEEKEND_OF = ("weekend_of", "weekend_after", "weekend_before")


def _week_of(pieces: list[Piece], k: int, out: list[Piece], ctx: Context) -> int:
    """ "the week of december 7th" (the calendar week holding that day), "the week after the
    4th of july" (the one after it), "the weekend of the 5th", "the weekend after easter"."""
    word, day, dated = pieces[k], _at(pieces, k + 1), _at(pieces, k + 2)
    if not (isinstance(word, Word) and isinstance(day, Day)):
        return 0
    used = 2
    if day.weekday is not None and isinstance(dated, Day) and dated.weekday is None and dated.month_known:
        # "the week starting Wednesday, January 13": the weekday said with its date
        day, used = (year_of_weekday(dated, day.weekday) if dated.year_free else dated), 3
    if word.text in WEEK_OF:
        first = week_start(day.date, ctx.policy.week_start) + timedelta(days=7 * WEEK_OF[word.text])
        out.append(Period(*ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
        return used
    if word.text in WEEKEND_OF:
        out.append(Period(*ctx.day_span(*_weekend_near(day.date, word.text)), "day"))
        return used
    return 0


def year_of_weekday(day: Day, weekday: int) -> Day:
    """ "Fri, Jun 18": the year in which that date is that weekday. The next occurrence if
    it is, else the last one (a date just past, as in a letter), else the first of the
    following years; when none is, the date as said (its weekday a slip)."""
    for years in (0, -1, *range(1, 11)):
        found = same_year(day.date, day.date.year + years)
        if found is not None and found.weekday() == weekday:
            return replace(day, date=found, year_free=False)
    return day


def _weekend_near(day: date, relation: str) -> tuple[date, date]:
    """The Saturday and Sunday of "the weekend of" a day (the one it is in, or the coming
    one; a Monday's is the one just before it), or the first one after / before it."""
    if relation == "weekend_after":
        saturday = day + timedelta(days=(5 - day.weekday()) % 7 or 7)
    elif relation == "weekend_before":
        saturday = day - timedelta(days=(day.weekday() - 5) % 7 or 7)
    else:
        saturday = day + timedelta(days={5: 0, 6: -1, 0: -2}.get(day.weekday(), 5 - day.weekday()))
    return saturday, saturday + timedelta(days=1)


def _weekday_beside_day(pieces: list[Piece], k: int, out: list[Piece], ctx: Context) -> int:
    """ "the monday after thanksgiving", "the tuesday before christmas", "the friday closest
    to june 10" (the nearest either side: never a tie, a week having seven days)."""
    day, word, anchor = pieces[k], _at(pieces, k + 1), _at(pieces, k + 2)
    if not (
        isinstance(day, Day)
        and day.weekday is not None
        and _is_word(word, "after", "before", "closest")
        and isinstance(anchor, Day)
    ):
        return 0
    if word.text == "closest":
        ahead = (day.weekday - anchor.date.weekday()) % 7
        found = anchor.date + timedelta(days=ahead if ahead <= 3 else ahead - 7)
    else:
        step = 1 if word.text == "after" else -1
        found = anchor.date + timedelta(days=step)
        while found.weekday() != day.weekday:
            found += timedelta(days=step)
    out.append(Day(found, rank=anchor.rank, month_known=anchor.month_known))
    return 3


def _dur_offset(pieces: list[Piece], k: int, out: list[Piece], ctx: Context) -> int:
    """ "in 20 minutes", "within 3 days", "two weeks ago", "5 minutes from now"."""
    dur, before, after = pieces[k], (out[-1] if out else None), _at(pieces, k + 1)
    if not isinstance(dur, Dur):
        return 0
    lead, trail = _is_word(before, "in", "within"), _is_word(after, "ago", "later")
    if not (lead or trail):
        return 0
    within = _is_word(before, "within")
    if lead:
        out.pop()
    out.append(_offset(dur, -1 if _is_word(after, "ago") else 1, ctx, within))
    return 2 if trail else 1


def _dur_beside_day(pieces: list[Piece], k: int, out: list[Piece], ctx: Context) -> int:
    """ "two days after christmas", "a week from friday", "3 days before the 18th"."""
    dur, word, anchor = pieces[k], _at(pieces, k + 1), _at(pieces, k + 2)
    if not (
        isinstance(dur, Dur)
        and dur.grain not in SUB_DAY
        and _is_word(word, "after", "before", "from")
        and isinstance(anchor, Day)
    ) or (out and _is_word(out[-1], "for") and word.text == "from"):
        return 0  # "for 3 days from tomorrow" is a length from that day
    sign = -1 if word.text == "before" else 1
    out.append(Day(anchor.date + sign * dur.delta, rank=anchor.rank, month_known=anchor.month_known))
    return 3


def _offset(dur: Dur, sign: int, ctx: Context, within: bool) -> Piece:
    if dur.grain in SUB_DAY:
        moment = ctx.shift(
            timedelta(days=dur.delta.days, hours=dur.delta.hours, minutes=dur.delta.minutes, seconds=dur.delta.seconds)
            * sign
        )
        moment = moment.replace(microsecond=0) if dur.grain == "second" else moment.replace(second=0, microsecond=0)
        if within:
            return Period(ctx.now, moment, dur.grain, open_start=True)
        return Period(moment, ctx.after(moment, GRAIN_STEP[dur.grain]), dur.grain)
    target = ctx.today + sign * dur.delta
    if within:
        return Period(ctx.now, ctx.day_span(target, target)[1], "day", open_start=True)
    return Day(target, rank=2)


def ranges(pieces: list[Piece], ctx: Context) -> list[Piece]:
    """Two pieces of one kind around to / until / (between ...) and joined into a range."""
    out: list[Piece] = []
    between = False
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        if isinstance(piece, Word) and piece.text == "between":
            between = True
        if isinstance(piece, Word) and piece.text in ("to", "until", "and") and out and k + 1 < len(pieces):
            joined = None
            if piece.text != "and" or between:
                joined = _pair(out[-1], pieces[k + 1], ctx)
            if joined is not None:
                out[-1] = joined
                k += 2
                continue
        out.append(piece)
        k += 1
    return out


def _pair(left: Piece, right: Piece, ctx: Context) -> Piece | None:
    if isinstance(left, (Time, Num)) and isinstance(right, (Time, Num)):
        first, last = as_time(left), as_time(right)
        return TimeRange(first, last) if first and last else None
    if isinstance(left, Day) and isinstance(right, Day):
        if left.month_known and not right.month_known and right.weekday is None:
            right = Day(same_month(left.date, right.date.day) or right.date)
        if left.dom_only and right.month_known:  # "from the 5th to the 9th of january"
            moved = same_month(right.date, left.date.day)
            left = Day(moved, month_known=True) if moved and moved <= right.date else left
        last_day = right.date
        while last_day < left.date and right.weekday is not None:
            last_day += timedelta(days=7)
        return DayRange(left, Day(last_day)) if last_day >= left.date else None
    if isinstance(left, Day) and isinstance(right, Num) and left.month_known and left.date.day < right.value <= 31:
        try:
            return DayRange(left, Day(left.date.replace(day=right.value)))
        except ValueError:
            return None
    if isinstance(left, Num) and isinstance(right, Day) and right.month_known and 1 <= left.value < right.date.day:
        return DayRange(Day(right.date.replace(day=left.value)), right)
    if isinstance(left, Period) and isinstance(right, Period) and right.end > left.start:
        return Period(left.start, right.end, left.grain)
    return None


def same_month(day: date, dom: int) -> date | None:
    try:
        return day.replace(day=dom)
    except ValueError:
        return None


def same_year(day: date, year: int) -> date | None:
    """The same month and day in another year (None for February 29 out of leap years)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def as_time(piece: Piece) -> Time | None:
    if isinstance(piece, Time):
        return piece
    if isinstance(piece, Num) and 0 <= piece.value <= 24:
        if piece.value == 24:
            return Time(0, exact=True, next_day=True)
        return Time(piece.value, exact=piece.value == 0 or piece.value > 12)
    if isinstance(piece, Num) and 100 <= piece.value <= 1259 and piece.value % 100 < 60:
        return Time(piece.value // 100, piece.value % 100, grain="minute")  # "830", "230ish": 8:30, 2:30
    return None


def on_or_after(piece: Piece, day: date) -> Piece:
    """A weekday piece moved to its first occurrence on or after `day` ("monday to friday")."""
    if not isinstance(piece, Day) or piece.weekday is None or piece.date >= day:
        return piece
    weeks = -(-(day - piece.date).days // 7)
    return Day(piece.date + timedelta(days=7 * weeks), weekday=piece.weekday)
