"""Our parse in the shape of Rasa's `POST /model/parse`, so Rasa-based software can use it.

Rasa answers {"text", "intent": {"name", "confidence"}, "entities": [...],
"intent_ranking": [...]}. Each slot becomes an entity with the span's text as value
(as Rasa's spaCy/DIET extractors give it). A DATE slot that we resolved also yields a
Duckling-style "time" entity (ISO value with offset, `additional_info` with grain, or an
interval for ranges), because Rasa users read times from Duckling's `time` entity.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dateutil.relativedelta import relativedelta

from nlu.result import Parse, Slot, TimeSpan

EXTRACTOR = "SpacyEntityExtractor"
TIME_EXTRACTOR = "DucklingEntityExtractor"
GRAIN_STEP = {
    "second": relativedelta(seconds=1),
    "minute": relativedelta(minutes=1),
    "hour": relativedelta(hours=1),
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}


def rasa_parse(parse: Parse) -> dict[str, Any]:
    """The Rasa `/model/parse` JSON of an nlu.result.Parse."""
    ranking = sorted(parse.scores.items(), key=lambda kv: kv[1], reverse=True)
    if not ranking:
        ranking = [(parse.intent, parse.confidence)]
    entities = [_entity(slot) for slot in parse.slots]
    entities += [_time_entity(slot, *bounds) for slot in parse.slots if (bounds := _bounds(slot)) is not None]
    return {
        "text": parse.text,
        "intent": {"name": parse.intent, "confidence": round(float(parse.confidence), 6)},
        "entities": entities,
        "intent_ranking": [{"name": name, "confidence": round(float(score), 6)} for name, score in ranking],
    }


def _entity(slot: Slot) -> dict[str, Any]:
    return {"entity": slot.label, "start": slot.start, "end": slot.end, "value": slot.text, "extractor": EXTRACTOR}


def _bounds(slot: Slot) -> tuple[datetime, datetime, str] | None:
    """A DATE slot's resolved start, end and grain; None when it names no time (or is no DATE)."""
    span = slot.value
    if slot.label != "DATE" or not isinstance(span, TimeSpan) or span.start is None or span.end is None:
        return None
    return span.start, span.end, span.grain or "second"


def _time_entity(slot: Slot, start: datetime, end: datetime, grain: str) -> dict[str, Any]:
    single = _one_grain(start, end, grain)
    if single:
        info: dict[str, Any] = {
            "type": "value",
            "value": _iso(start),
            "grain": grain,
            "values": [{"type": "value", "value": _iso(start), "grain": grain}],
        }
        value: Any = _iso(start)
    else:
        bounds = {"from": {"value": _iso(start), "grain": grain}, "to": {"value": _iso(end), "grain": grain}}
        info = {"type": "interval", **bounds, "values": [{"type": "interval", **bounds}]}
        value = {"from": _iso(start), "to": _iso(end)}
    return {
        "entity": "time",
        "start": slot.start,
        "end": slot.end,
        "text": slot.text,
        "value": value,
        "confidence": 1.0,
        "additional_info": info,
        "extractor": TIME_EXTRACTOR,
    }


def _one_grain(start: datetime, end: datetime, grain: str) -> bool:
    """Whether the span is one unit of its grain: clock grains in real time (so the hour that
    ends at the repeated 2:00 of a fall-back night counts), calendar grains on the wall clock."""
    if grain not in GRAIN_STEP:
        return False
    if grain in ("second", "minute", "hour"):
        return start.astimezone(UTC) + GRAIN_STEP[grain] == end.astimezone(UTC)
    return start + GRAIN_STEP[grain] == end


def _iso(moment: datetime) -> str:
    """Duckling's form: milliseconds and the UTC offset ("2027-07-18T00:00:00.000+02:00")."""
    return moment.isoformat(timespec="milliseconds")
