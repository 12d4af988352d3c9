"""US holidays by rule: a fixed date or the n-th weekday of a month (dateutil relativedelta)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, SU, TH, relativedelta


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _nth(month: int, weekday, n: int) -> Callable[[int], date]:
    """n-th weekday of the month (n < 0 counts from the month's end)."""
    if n > 0:
        return lambda year: date(year, month, 1) + relativedelta(weekday=weekday(n))
    return lambda year: date(year, month, 1) + relativedelta(day=31, weekday=weekday(n))


_RULES: dict[str, Callable[[int], date]] = {
    "christmas": _fixed(12, 25), "christmas eve": _fixed(12, 24), "xmas": _fixed(12, 25), "xmas eve": _fixed(12, 24),
    "christmas day": _fixed(12, 25), "boxing day": _fixed(12, 26),
    "new year eve": _fixed(12, 31), "new years eve": _fixed(12, 31), "nye": _fixed(12, 31),
    "new year": _fixed(1, 1), "new years": _fixed(1, 1), "new year day": _fixed(1, 1), "new years day": _fixed(1, 1),
    "thanksgiving": _nth(11, TH, 4), "thanksgiving day": _nth(11, TH, 4),
    "black friday": lambda y: _nth(11, TH, 4)(y) + relativedelta(days=1),
    "memorial day": _nth(5, MO, -1), "labor day": _nth(9, MO, 1), "labour day": _nth(9, MO, 1),
    "independence day": _fixed(7, 4), "fourth of july": _fixed(7, 4), "july fourth": _fixed(7, 4),
    "halloween": _fixed(10, 31), "valentine day": _fixed(2, 14), "valentines day": _fixed(2, 14),
    "valentine": _fixed(2, 14), "valentines": _fixed(2, 14),
    "mother day": _nth(5, SU, 2), "mothers day": _nth(5, SU, 2),
    "father day": _nth(6, SU, 3), "fathers day": _nth(6, SU, 3),
    "martin luther king day": _nth(1, MO, 3), "mlk day": _nth(1, MO, 3),
    "presidents day": _nth(2, MO, 3), "president day": _nth(2, MO, 3),
    "columbus day": _nth(10, MO, 2), "veterans day": _fixed(11, 11),
    "juneteenth": _fixed(6, 19), "st patrick day": _fixed(3, 17), "saint patrick day": _fixed(3, 17),
    "st patricks day": _fixed(3, 17), "easter": easter, "easter sunday": easter,
    "cinco de mayo": _fixed(5, 5), "groundhog day": _fixed(2, 2), "earth day": _fixed(4, 22),
}
# longest names first so "christmas eve" wins over "christmas"
NAMES: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(n.split()) for n in _RULES), key=len, reverse=True))
FIRST_WORDS = frozenset(n[0] for n in NAMES)


def holiday_on(name: str, year: int) -> date:
    """The date of holiday `name` (a key of the table) in `year`."""
    return _RULES[name](year)
