"""US holidays by rule: a fixed date or the n-th weekday of a month (dateutil relativedelta)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, SU, TH, TU, relativedelta


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _nth(month: int, weekday, n: int) -> Callable[[int], date]:
    """n-th weekday of the month (n < 0 counts from the month's end)."""
    if n > 0:
        return lambda year: date(year, month, 1) + relativedelta(weekday=weekday(n))
    return lambda year: date(year, month, 1) + relativedelta(day=31, weekday=weekday(n))


_RULES: dict[str, Callable[[int], date]] = {
    "christmas": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "xmas": _fixed(12, 25),
    "xmas eve": _fixed(12, 24),
    "christmas day": _fixed(12, 25),
    "boxing day": _fixed(12, 26),
    "new year eve": _fixed(12, 31),
    "new years eve": _fixed(12, 31),
    "nye": _fixed(12, 31),
    "new year": _fixed(1, 1),
    "new years": _fixed(1, 1),
    "new year day": _fixed(1, 1),
    "new years day": _fixed(1, 1),
    "thanksgiving": _nth(11, TH, 4),
    "thanksgiving day": _nth(11, TH, 4),
    "black friday": lambda y: _nth(11, TH, 4)(y) + relativedelta(days=1),
    "memorial day": _nth(5, MO, -1),
    "labor day": _nth(9, MO, 1),
    "labour day": _nth(9, MO, 1),
    "independence day": _fixed(7, 4),
    "fourth of july": _fixed(7, 4),
    "july fourth": _fixed(7, 4),
    "halloween": _fixed(10, 31),
    "valentine day": _fixed(2, 14),
    "valentines day": _fixed(2, 14),
    "valentine": _fixed(2, 14),
    "valentines": _fixed(2, 14),
    "mother day": _nth(5, SU, 2),
    "mothers day": _nth(5, SU, 2),
    "father day": _nth(6, SU, 3),
    "fathers day": _nth(6, SU, 3),
    "martin luther king day": _nth(1, MO, 3),
    "mlk day": _nth(1, MO, 3),
    "mlk": _nth(1, MO, 3),
    "presidents day": _nth(2, MO, 3),
    "president day": _nth(2, MO, 3),
    "columbus day": _nth(10, MO, 2),
    "veterans day": _fixed(11, 11),
    "juneteenth": _fixed(6, 19),
    "st patrick day": _fixed(3, 17),
    "saint patrick day": _fixed(3, 17),
    "st patricks day": _fixed(3, 17),
    "easter": easter,
    "easter sunday": easter,
    "cinco de mayo": _fixed(5, 5),
    "groundhog day": _fixed(2, 2),
    "earth day": _fixed(4, 22),
    "good friday": lambda y: easter(y) - relativedelta(days=2),
    "easter monday": lambda y: easter(y) + relativedelta(days=1),
    "holy saturday": lambda y: easter(y) - relativedelta(days=1),
    "palm sunday": lambda y: easter(y) - relativedelta(days=7),
    "ash wednesday": lambda y: easter(y) - relativedelta(days=46),
    "mardi gras": lambda y: easter(y) - relativedelta(days=47),
    "pentecost": lambda y: easter(y) + relativedelta(days=49),
    "cyber monday": lambda y: _nth(11, TH, 4)(y) + relativedelta(days=4),
    "tax day": _fixed(4, 15),
    "election day": lambda y: date(y, 11, 2) + relativedelta(weekday=TU),
    "flag day": _fixed(6, 14),
    "patriots day": _nth(4, MO, 3),
    "indigenous peoples day": _nth(10, MO, 2),
    "inauguration day": _fixed(1, 20),
}
# the fixed-date federal holidays, observed on the friday before / monday after a weekend
FEDERAL_FIXED = frozenset({(1, 1), (6, 19), (7, 4), (11, 11), (12, 25)})
# the ides: the 15th of march, may, july and october, the 13th of the other months
IDES_15 = frozenset({3, 5, 7, 10})
# longest names first so "christmas eve" wins over "christmas"
NAMES: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(n.split()) for n in _RULES), key=len, reverse=True))
FIRST_WORDS = frozenset(n[0] for n in NAMES)


def holiday_on(name: str, year: int) -> date:
    """The date of holiday `name` (a key of the table) in `year`."""
    return _RULES[name](year)


def observed(day: date) -> date:
    """The day a fixed federal holiday is observed: a saturday's on the friday before, a
    sunday's on the monday after; any other day as it is."""
    if (day.month, day.day) not in FEDERAL_FIXED or day.weekday() < 5:
        return day
    return day + relativedelta(days=-1 if day.weekday() == 5 else 1)


def long_weekend(day: date) -> tuple[date, date]:
    """The weekend a holiday makes long, holiday included: Saturday to a Monday holiday,
    a Friday holiday to Sunday, Thanksgiving's Thursday to Sunday, Saturday to a Tuesday
    holiday; a Wednesday holiday's weekend is the one after; one on a weekend its own."""
    day = observed(day)
    weekday = day.weekday()
    first = {0: -2, 1: -3, 2: 3, 3: 0, 4: 0, 5: 0, 6: -1}[weekday]
    last = {0: 0, 1: 0, 2: 4, 3: 3, 4: 2, 5: 1, 6: 0}[weekday]
    return day + relativedelta(days=first), day + relativedelta(days=last)
