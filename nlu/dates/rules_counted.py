"""Counted spans: "the next 3 days", "2 upcoming months", "the past 48 hours", "the coming
two quarters", "the last couple of weeks".

Two readings (Policy.counted, docs/dates.md):
- "whole" (default, as Duckling reads them): n whole units after the current one
  ("the next 3 days" on a Monday is Tuesday to Thursday; "the next 2 hours" at 04:30 is
  05:00-07:00; "the past 2 weeks" are the two calendar weeks before this one), at the grain
  of the unit;
- "from_now": hours and minutes run from now (or up to now); days and longer are whole days
  from tomorrow (or up to today), at grain day.
The reading not chosen is kept in the span's alternatives when it differs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from nlu.dates.calendar import GRAIN_STEP, Context, unit_start
from nlu.dates.lexicon import UNITS
from nlu.dates.pieces import Period
from nlu.dates.scanner import MODIFIERS, Scan

COUNTED_MODS = frozenset({"next", "last", "coming"})
VAGUE_COUNTS = {"few": 3, "couple": 2, "several": 3}
MAX_COUNT = 1000


def counted_span(s: Scan, i: int) -> int:
    """ "(the) next|coming|past N units", "N upcoming units", "the next few days", "the past hour"."""
    mod = MODIFIERS.get(s.key(i))
    if mod in COUNTED_MODS:
        count, j = _count_after(s, i + 1)
    elif (tok := s.num(i)) is not None and not tok.ordinal and MODIFIERS.get(s.key(i + 1)) in COUNTED_MODS:
        mod, count, j = MODIFIERS[s.key(i + 1)], tok.val, i + 2  # "2 upcoming days"
    else:
        return i
    unit = UNITS.get(s.key(j))
    if unit is None or (count is None and unit[0] not in ("hour", "minute", "second") and unit[1] == 1):
        return i  # "next week" is a calendar week (rules_periods); "the next hour" is counted
    total = (count or 1) * unit[1]
    if not 1 <= total <= MAX_COUNT:
        return i
    s.out.append(_span(s.ctx, unit[0], total, mod != "last"))
    return j + 1


def _count_after(s: Scan, j: int) -> tuple[int | None, int]:
    """The count after the modifier: a number, "few", "couple (of)"; "the coming days" is a few."""
    tok, word = s.num(j), s.word(j)
    if tok is not None and not tok.ordinal:
        return tok.val, j + 1
    if word in VAGUE_COUNTS:
        return VAGUE_COUNTS[word], s.skip(j + 1, "of")
    if word in ("days", "weeks", "months"):
        return VAGUE_COUNTS["few"], j
    return None, j


def _span(ctx: Context, grain: str, count: int, forward: bool) -> Period:
    """The counted span in the policy's reading, the other reading as an alternative."""
    whole = _whole_units(ctx, grain, count, forward)
    rolling = _from_now(ctx, grain, count, forward)
    chosen, other = (rolling, whole) if ctx.policy.counted == "from_now" else (whole, rolling)
    alts = () if other[:2] == chosen[:2] else (other,)
    return Period(*chosen, alts=alts)


def _whole_units(ctx: Context, grain: str, count: int, forward: bool) -> tuple[datetime, datetime, str]:
    """n whole units after the one holding now (or before it)."""
    if grain in GRAIN_STEP:  # elapsed units: absolute time, right across DST
        current = unit_start(ctx.now, grain)
        step = GRAIN_STEP[grain]
        first = ctx.after(current, step) if forward else ctx.after(current, -step * count)
        return first, ctx.after(first, step * count), grain
    this_unit = unit_start(ctx.wall, grain, ctx.policy.week_start).date()
    unit = _calendar_step(grain)
    first_day = this_unit + unit if forward else this_unit - unit * count
    return ctx.day_start(first_day), ctx.day_start(first_day + unit * count), grain


def _from_now(ctx: Context, grain: str, count: int, forward: bool) -> tuple[datetime, datetime, str]:
    """Hours and minutes from now (or up to now); days and longer from tomorrow (up to today)."""
    if grain in GRAIN_STEP:
        now = ctx.now.replace(microsecond=0) if grain == "second" else ctx.now.replace(second=0, microsecond=0)
        length = GRAIN_STEP[grain] * count
        return (now, ctx.after(now, length), grain) if forward else (ctx.after(now, -length), now, grain)
    today = ctx.today
    step = _calendar_step(grain) * count
    first, last = (today + timedelta(days=1), today + step) if forward else (today - step, today - timedelta(days=1))
    return (*ctx.day_span(first, last), "day")


def _calendar_step(grain: str) -> relativedelta:
    months = {"month": 1, "quarter": 3, "year": 12}.get(grain)
    return relativedelta(months=months) if months else relativedelta(days=7 if grain == "week" else 1)
