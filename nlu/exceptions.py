"""Errors the NLU raises; the edges (CLI, API, UI) turn them into a clear message."""


class NLUError(Exception):
    """Base of every error this package raises on purpose."""


class ModelNotFound(NLUError):
    """No trained pipeline at the given path: pass --model PATH or run `python -m nlu train`."""


class BadTimeZone(NLUError):
    """The time zone is not an IANA name this machine knows (e.g. 'Europe/Paris')."""


class BadData(NLUError):
    """A data file is not in a format we read (our JSONL, tutorial JSON, spaCy pairs, DocBin, SLURP)."""


class BadDatePhrase(NLUError, ValueError):
    """A date phrase that asks for something that cannot be ("every 0 days"): nlu.dates.explain says why."""


class BadRecurrence(NLUError, ValueError):
    """A recurrence rule we refuse to store or expand (nlu/dates/rrule_limits.py says why)."""
