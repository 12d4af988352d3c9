"""Queries: what is on the calendar, said the way a speaker reads it aloud.

A mixin of the Dialogue (assistant/dialogue.py): it uses the turn, the session and the
reply helpers the Dialogue defines.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant import followups, phrasing, timing
from assistant.views import EventView, Reply, to_utc
from nlu.result import Parse

MAX_LISTED = 8


class Telling:
    """Answers to "what do I have tomorrow", "when is the dentist", "what's next"."""

    def query(self, parse: Parse) -> Reply:
        span = parse.when if parse.when is not None and parse.when.start is not None else None
        name = self.slot("NAME")
        if name is not None and followups.is_pronoun(name):
            name = None
        if span is None:
            return self.query_upcoming(name)
        start, end = span.start, span.end or span.start + timedelta(days=1)
        views = self.agenda(start, end, name)
        one_day = end - start <= timedelta(days=1) and span.grain not in timing.TIME_GRAINS
        where = f"on {phrasing.day_text(start, self.turn.now.year)}" if one_day else self.between(start, end)
        if not views:
            return self.say(f"You have nothing {where}." if not name else
                            f"I found no \"{name}\" {where}.", "query")
        same_day = start.date() == (end - timedelta(microseconds=1)).date()
        items = [self.item(v, same_day and v.start_dt.date() == start.date()) for v in views]
        self.remember(views)
        return self.say(f"{where[0].upper()}{where[1:]} you have {phrasing.count(len(views), 'event')}: "
                        f"{self.listing(items)}.", "query", views)

    def query_upcoming(self, name: str | None) -> Reply:
        """No range: what is left today and what comes next."""
        now = self.turn.now
        midnight = timing.at(now.date() + timedelta(days=1), datetime.min.time(), self.turn.tz)
        views = self.agenda(now, None, name)
        if name:
            if not views:
                return self.say(f"I found no upcoming \"{name}\".", "query")
            first = views[0]
            place = f" at {first.location}" if first.location else ""
            more = f" Then {self.listing([self.when(v) for v in views[1:4]])}." if len(views) > 1 else ""
            self.remember(views[:1])
            return self.say(f"\"{first.title}\"{place} is on {self.when(first)}.{more}", "query",
                            views[:MAX_LISTED])
        cut = midnight.replace(tzinfo=None)
        today = [v for v in views if v.start_dt < cut]
        later = [v for v in views if v.start_dt >= cut][:3]
        parts = [f"Today you have {phrasing.count(len(today), 'event')}: "
                 f"{self.listing([self.item(v, True) for v in today])}." if today else "Nothing else today."]
        if later:
            parts.append(f"Next: {self.listing([self.describe(v) for v in later])}.")
        elif not today:
            parts = ["Your calendar is clear from now on."]
        self.remember(today + later)
        return self.say(" ".join(parts), "query", today + later)

    def agenda(self, start: datetime, end: datetime | None, name: str | None) -> list[EventView]:
        """The events in the window (recurring ones expanded), narrowed to a title when one was said."""
        from assistant import agenda, matching

        views = agenda.window(session=self.session, owner=self.turn.user, start_utc=to_utc(start, self.turn.tz),
                              end_utc=to_utc(end, self.turn.tz) if end else None, tz=self.turn.tz)
        if name:
            views = [v for v in views if matching.score(name, v.title) >= matching.MATCH]
        return views

    def remember(self, views: list[EventView]) -> None:
        """What "it" means next turn: the one event said, or (several said) a choice among them."""
        ids = list(dict.fromkeys(v.id for v in views))
        if len(ids) == 1:
            self.last_event_id = ids[0]
        elif ids:  # "move it to five pm" right after a list: ask which of those
            self.pending = {"kind": "listed", "ids": ids[:MAX_LISTED]}

    def item(self, view: EventView, day_known: bool) -> str:
        if not day_known:
            return self.describe(view)
        place = f" at {view.location}" if view.location else ""
        return f"\"{view.title}\"{place} " + ("(all day)" if view.all_day else f"at {phrasing.clock_text(view.start_dt)}")

    def listing(self, items: list[str]) -> str:
        if len(items) > MAX_LISTED:
            items = items[:MAX_LISTED] + [f"{len(items) - MAX_LISTED} more"]
        return phrasing.join(items)

    def between(self, start: datetime, end: datetime) -> str:
        """ "from Monday, November 23 to Sunday, November 29" (whole days: the last day said
        inclusively), else "between ... at 2:00 PM and ... at 4:00 PM"."""
        midnight = datetime.min.time()
        if start.time() == midnight and end.time() == midnight:
            last = end - timedelta(days=1)
            return f"from {phrasing.day_text(start, self.turn.now.year)} to {phrasing.day_text(last, self.turn.now.year)}"
        if start.date() == end.date() or end - start <= timedelta(hours=1):
            clock = f"at {phrasing.clock_text(start)}" if end - start <= timedelta(hours=1) else \
                f"between {phrasing.clock_text(start)} and {phrasing.clock_text(end)}"
            return f"on {phrasing.day_text(start, self.turn.now.year)} {clock}"
        return f"between {self.moment(start)} and {self.moment(end)}"

    def moment(self, moment: datetime) -> str:
        text = phrasing.day_text(moment, self.turn.now.year)
        return text if moment.time() == datetime.min.time() else f"{text} at {phrasing.clock_text(moment)}"
