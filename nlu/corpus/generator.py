"""Fill templates from the lexicons: typed and spoken commands with exact spans.

`generate(rng, split, counts)` yields Annotated rows. For the "train" split only training
templates and training values are used; for "dev" every row uses a held-out template or
held-out values (see `nlu.corpus.split`), so the dev score measures generalisation.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from nlu.annotated import Annotated
from nlu.corpus import datephrases, lexicons, split
from nlu.corpus.segments import Piece, Pieces, plain, to_annotated
from nlu.corpus.spoken import add_fillers, speechify
from nlu.corpus.templates import FOLLOW_UP_SHARE, FOLLOW_UPS, TEMPLATES

# {SLOT} or {SLOT/role}, or [fixed words](LABEL) or [fixed words](LABEL/role)
_TOKEN = re.compile(r"\{(\w+)(?:/(\w+))?\}|\[([^\[\]]+)\]\((\w+)(?:/(\w+))?\)")
OOS_LEAD_IN = 0.35
POSSESSIVE_DAYS = [
    "today",
    "tomorrow",
    "tonight",
    "yesterday",
    "{d}",
    "{d}",
    "next {d}",
    "this {d}",
    "this evening",
    "this morning",
    "next week",
    "this week",
    "last night",
]
_QUESTION = (
    "what",
    "when",
    "do ",
    "am ",
    "is ",
    "how",
    "where",
    "who",
    "any",
    "have",
    "does",
    "can we",
    "and ",
    "did ",
    "was ",
    "which ",
    "will ",
    "has ",
)
# Words that already introduce a DATE: the slot then takes no "on"/"at" of its own.
_INTRODUCED = (
    "to ",
    "for ",
    "from ",
    "by ",
    "now ",
    "make it ",
    "about ",
    "is ",
    "and ",
    "at ",
    "on ",
    "instead ",
    "what about ",
    "how about ",
    "no, ",
    "actually ",
    "after ",
    # a DATE used as an adjective ("the [3 pm] meeting", "my [friday] call") takes no "on"/"at"
    "the ",
    "my ",
    "{my}",
    "{a}",
    "series ",
)
SHIFTS = [
    "an hour",
    "two hours",
    "30 minutes",
    "half an hour",
    "a day",
    "two days",
    "a week",
    "15 minutes",
    "a couple of hours",
    "an hour and a half",
    "one day",
    "3 days",
    "ten minutes",
]
LENGTHS = [
    "five minutes",
    "10 minutes",
    "ten minutes",
    "twenty minutes",
    "an hour",
    "half an hour",
    "2 minutes",
    "thirty seconds",
    "one minute",
    "forty five minutes",
    "an hour and a half",
    "3 hours",
    "fifteen minutes",
]
PRONOUNS = ["him", "her", "them", "us", "her", "him"]
# A length said before a kind of meeting ("a [2 hour] meeting", "a [30-minute] call").
MEETING_LENGTHS = [
    "2 hour",
    "two hour",
    "1 hour",
    "one hour",
    "30 minute",
    "thirty minute",
    "45 minute",
    "90 minute",
    "half hour",
    "3 hour",
    "15 minute",
    "20-minute",
    "two-hour",
    "1-hour",
]
ALERT_AMOUNTS = [
    "an hour",
    "1 hour",
    "two hours",
    "2 hours",
    "30 minutes",
    "thirty minutes",
    "15 minutes",
    "fifteen minutes",
    "10 minutes",
    "ten minutes",
    "5 minutes",
    "a day",
    "one day",
    "two days",
    "2 days",
    "a week",
    "one week",
    "half an hour",
    "45 minutes",
    "three days",
    "20 mins",
    "1 hr",
]
ALERT_TAILS = ["before", "before", "before", "in advance", "ahead", "ahead of time", "prior", "beforehand", "early"]


def alert_phrase(rng: random.Random, before_event: bool = False) -> str:
    """An alert offset: an amount and its "before" ("30 minutes before", "two days in advance");
    right before the event's name only "before" reads well ("an hour before the dentist")."""
    if rng.random() < 0.08:
        return "the day before"
    return f"{rng.choice(ALERT_AMOUNTS)} {'before' if before_event else rng.choice(ALERT_TAILS)}"


LATER = [
    "an hour later",
    "a day later",
    "two hours later",
    "a week later",
    "30 minutes later",
    "an hour earlier",
    "a day earlier",
    "half an hour later",
    "the following day",
    "a week from then",
]


@dataclass(frozen=True)
class Lexicon:
    """The values one split may draw from."""

    verbs: dict[str, list[str]]
    domains: list[str]
    plurals: list[str]
    names: list[str]
    locations: list[str]
    people: list[str]
    tasks: list[str]
    kinds: list[str]
    owned_events: list[str]
    pros: list[str]

    @classmethod
    def for_split(cls, which: str) -> Lexicon:
        pick = 0 if which == "train" else 1

        def part(values: list[str]) -> list[str]:
            chosen = split.partition(values)[pick]
            return chosen or list(values)

        return cls(
            verbs={intent: part(words) for intent, words in lexicons.VERBS.items()},
            domains=part(lexicons.DOMAINS),
            plurals=part(lexicons.DOMAINS_PLURAL),
            names=part(lexicons.NAMES),
            locations=part(lexicons.LOCATIONS),
            people=part(lexicons.PEOPLE),
            tasks=part(lexicons.TASKS),
            kinds=part(lexicons.KIND_NAMES),
            owned_events=part(lexicons.OWNED_EVENTS),
            pros=part(lexicons.PROFESSIONALS),
        )


class Filler:
    """Renders one template into pieces for one intent, drawing values for a split."""

    def __init__(self, rng: random.Random, which: str) -> None:
        self.rng, self.which = rng, which
        self.own = Lexicon.for_split(which)
        self.shared = Lexicon.for_split("train")
        self.mix = True  # dev: a held-out template may use known values too

    def lex(self) -> Lexicon:
        """Dev rows mix held-out values with known ones; training rows never see held-out ones."""
        if self.which == "dev" and self.mix and self.rng.random() < 0.4:
            return self.shared
        return self.own

    def date(self, families: tuple[str, ...] | None = None) -> tuple[str, tuple[str, ...]]:
        """A DATE phrase for this split (held-out long phrases only in dev)."""
        for _ in range(30):
            text, intros = datephrases.phrase(self.rng, families)
            if split.held_out_date(text) == (self.which == "dev") or len(text.split()) < split.DATE_MIN_WORDS:
                return text, intros
        return text, intros

    def render(self, template: str, intent: str) -> Pieces:
        """The template's pieces: fixed words, fixed labelled spans and drawn slot values."""
        pieces: Pieces = []
        pos = 0
        for match in _TOKEN.finditer(template):
            if match.start() > pos:
                pieces.append(plain(template[pos : match.start()]))
            if match[1] is not None:
                drawn = self.slot(match[1], intent, template[: match.start()])
                pieces.extend(Piece(p.text, p.label, match[2]) if p.label and match[2] else p for p in drawn)
            else:
                pieces.append(Piece(match[3], match[4], match[5]))
            pos = match.end()
        pieces.append(plain(template[pos:]))
        return _articles(pieces)

    def slot(self, name: str, intent: str, before: str) -> Pieces:
        rng, lex = self.rng, self.lex()
        labelled = {
            "ACTION": lambda: lex.verbs[intent if intent in lex.verbs else "create"],
            "DOMAIN": lambda: lex.domains,
            "DOMAINS": lambda: lex.plurals,
            "NAME": lambda: lex.names,
            "LOC": lambda: lex.locations,
            "PER": lambda: lex.people,
            "TASK": lambda: lex.tasks,
        }
        label = {"DOMAINS": "DOMAIN", "LOC": "LOCATION", "PER": "PERSON", "TASK": "NAME"}.get(name, name)
        if name in labelled:
            return [Piece(rng.choice(labelled[name]()), label)]
        if name in ("DATE", "DATE2", "DAY", "TIME"):
            return self.date_slot(name, intent, before)
        if name == "DAYS":
            day = self.rng.choice(POSSESSIVE_DAYS).format(d=self.rng.choice(datephrases.WEEKDAYS))
            return [Piece(day, "DATE"), plain("'s")]
        if name == "SHIFT":
            return [Piece(rng.choice(SHIFTS), "DATE")]
        if name == "LATER":
            return [Piece(rng.choice(LATER), "DATE")]
        if name == "LENGTH":
            return [Piece(rng.choice(LENGTHS), "DATE")]
        if name == "LEN":
            return [Piece(rng.choice(MEETING_LENGTHS), "DATE")]
        if name in ("ALERT", "BEFORE"):
            return [Piece(alert_phrase(rng, before_event=name == "BEFORE"), "ALERT")]
        if name == "KIND":
            return [Piece(rng.choice(lex.kinds), "NAME")]
        if name == "PRO":
            return [Piece(rng.choice(lex.pros), "NAME")]
        if name == "OWNED":
            return [Piece(f"{rng.choice(lexicons.FIRST_NAMES)}'s {rng.choice(lex.owned_events)}", "NAME")]
        if name == "RANGE":
            return [Piece(datephrases.day_range(rng), "DATE")]
        if name == "REPEAT":
            return [Piece(datephrases.repetition(rng), "DATE")]
        return [plain(self.word(name))]

    def date_slot(self, name: str, intent: str, before: str) -> Pieces:
        families = {"DAY": datephrases.DAY_FAMILIES, "TIME": ("clock_time",)}.get(name)
        if families is None and intent == "availability":
            families = datephrases.WINDOW_FAMILIES
        if families is None and intent == "reschedule" and before.endswith(("to ", "from ")):
            families = ("relative_day", "weekday", "calendar_date", "clock_time", "day_and_time", "holiday")
        text, intros = self.date(families)
        intro = "" if before.endswith(_INTRODUCED) or not before.strip() else self.rng.choice(intros)
        if name == "TIME" and before.endswith(("at ", "for ")):
            intro = ""
        return [plain(intro), Piece(text, "DATE")]

    def word(self, name: str) -> str:
        rng = self.rng
        table = {
            "lead": lexicons.LEAD_INS,
            "tail": lexicons.TAILS,
            "a": lexicons.ARTICLES,
            "my": lexicons.POSSESSIVES,
            "cal": lexicons.CALENDAR_WORDS,
            "song": lexicons.SONGS,
            "city": lexicons.CITIES,
            "item": lexicons.ITEMS,
            "list": lexicons.LISTS,
            "device": lexicons.DEVICES,
            "pron": PRONOUNS,
            "why": lexicons.REASONS,
        }
        if name == "n":
            return str(rng.choice([2, 3, 5, 10, 12, 15, 20, 25, 30, 45, 50, 75, 100]))
        return rng.choice(table[name])


def _articles(pieces: Pieces) -> Pieces:
    """ "a AI" -> "an AI", "an meeting" -> "a meeting": the article agrees with the next word."""
    out = list(pieces)
    for i in range(len(out) - 1):
        text, nxt = out[i].text, out[i + 1].text.lstrip()
        if out[i].label is None and nxt and re.search(r"(^|\s)an? $", text):
            vowel = nxt[0].lower() in "aeio" or nxt.startswith(
                ("AI", "MRI", "X-ray", "F1", "HR", "NBA", "8", "11", "18")
            )
            out[i] = plain(re.sub(r"an? $", "an " if vowel else "a ", text))
    return out


PLEASANTRY_SHARE = 0.2  # typed rows with a greeting before, and as many with thanks after
SHORTHAND_SHARE = 0.12  # typed rows written in texting shorthand ("w/", "tmrw", "pls")
TYPO_SHARE = 0.06  # typed rows with one slip of the fingers (two letters swapped, one dropped)
SHORTHAND = {
    "with": ["w/", "w"],
    "tomorrow": ["tmrw", "tmr"],
    "tonight": ["tonite"],
    "please": ["pls", "plz"],
    "you": ["u"],
    "thanks": ["thx"],
    "appointment": ["appt"],
    "thursday": ["thurs"],
    "tuesday": ["tues"],
    "friday": ["fri"],
    "and": ["&"],
}


def shorthand(pieces: Pieces, rng: random.Random) -> Pieces:
    """Texting shorthand: "with" -> "w/", "tomorrow" -> "tmrw", in any piece (labels stay on their words)."""

    def short(match: re.Match) -> str:
        return rng.choice(SHORTHAND[match[0].lower()])

    pattern = re.compile(r"\b(" + "|".join(SHORTHAND) + r")\b", re.I)
    return [Piece(pattern.sub(short, p.text), p.label, p.role) for p in pieces]


def typo(pieces: Pieces, rng: random.Random) -> Pieces:
    """One typing slip in one word of four letters or more: two neighbours swapped or one dropped."""
    spots = [(i, m) for i, p in enumerate(pieces) for m in re.finditer(r"[A-Za-z]{4,}", p.text)]
    if not spots:
        return pieces
    i, match = rng.choice(spots)
    word, at = match[0], rng.randrange(1, len(match[0]) - 1)
    slip = word[:at] + word[at + 1] + word[at] + word[at + 2 :] if rng.random() < 0.5 else word[:at] + word[at + 1 :]
    text = pieces[i].text[: match.start()] + slip + pieces[i].text[match.end() :]
    return [*pieces[:i], Piece(text, pieces[i].label, pieces[i].role), *pieces[i + 1 :]]


def courteous(pieces: Pieces, rng: random.Random) -> Pieces:
    """Sentences people type around a request ("Hi! ... Thanks!"), on every intent alike, so
    they are no sign of any one of them."""
    if rng.random() < PLEASANTRY_SHARE:
        greeting = rng.choice(lexicons.GREETINGS)
        if not greeting.endswith((".", "!")) and pieces:  # "Hey, schedule ...": the request goes on in lowercase
            head = pieces[0]
            pieces = [Piece(head.text[:1].lower() + head.text[1:], head.label, head.role), *pieces[1:]]
        pieces = [plain(greeting + " "), *pieces]
    if rng.random() < PLEASANTRY_SHARE:
        pieces = [*pieces, plain(" " + rng.choice(lexicons.THANKS))]
    return pieces


def dress_typed(pieces: Pieces, rng: random.Random, question: bool) -> Pieces:
    """Typed look: a capital first letter, a question mark or full stop, sometimes all lowercase,
    sometimes a greeting or thanks around it."""
    if rng.random() < 0.15:
        pieces = [Piece(p.text.lower(), p.label, p.role) for p in pieces]
    if rng.random() < SHORTHAND_SHARE:
        pieces = shorthand(pieces, rng)
    if rng.random() < TYPO_SHARE:
        pieces = typo(pieces, rng)
    first = next((i for i, p in enumerate(pieces) if p.text.strip()), None)
    if first is not None and rng.random() < 0.75:
        head = pieces[first]
        stripped = head.text.lstrip()
        lead = head.text[: len(head.text) - len(stripped)]
        pieces[first] = Piece(lead + stripped[:1].upper() + stripped[1:], head.label, head.role)
    mark = (
        "?"
        if question and rng.random() < 0.7
        else ("." if rng.random() < 0.25 else ("!" if rng.random() < 0.03 else ""))
    )
    last = next((p.text.rstrip() for p in reversed(pieces) if p.text.strip()), "")
    if last.endswith(".") or re.search(r"(^|\s)\w$", last):
        mark = ""  # "6 p.m." needs no second full stop; "a m." would tokenise as "m."
    return courteous([*pieces, plain(mark)], rng)


def realise(
    pieces: Pieces, rng: random.Random, intent: str, template_id: str, spoken: bool, template: str
) -> Annotated:
    """One finished row: typed as written, or its spoken twin."""
    if spoken:
        pieces = add_fillers(speechify(pieces, rng), rng)
        source = "generated-spoken"
    else:
        pieces = dress_typed(pieces, rng, template.removeprefix("{lead}").startswith(_QUESTION))
        source = "generated-typed"
    return to_annotated(pieces, intent, source, template_id)


Pool = list[tuple[str, str]]


def templates_for(which: str) -> dict[str, tuple[Pool, Pool]]:
    """(main templates, follow-up fragments) per intent, as (template id, template), for one split."""
    out: dict[str, tuple[Pool, Pool]] = {}
    for intent, templates in TEMPLATES.items():
        main = [(f"{intent}/{i:03d}", t) for i, t in enumerate(templates)]
        extra = [(f"{intent}/followup-{i:02d}", t) for i, t in enumerate(FOLLOW_UPS.get(intent, []))]
        mine = [
            [(tid, t) for tid, t in rows if split.held_out_template(t) == (which == "dev")] for rows in (main, extra)
        ]
        out[intent] = (mine[0], mine[1] or extra)
    return out


def pick_template(rng: random.Random, pools: tuple[Pool, Pool]) -> tuple[str, str]:
    """A main template, or now and then a follow-up fragment."""
    main, follow = pools
    return rng.choice(follow if follow and rng.random() < FOLLOW_UP_SHARE else main)


def generate(rng: random.Random, which: str, counts: dict[str, int]) -> Iterator[Annotated]:
    """`counts[intent]` rows per intent for the split `which` ("train" or "dev")."""
    filler = Filler(rng, which)
    own, every = templates_for(which), templates_for("train")
    for intent, n in counts.items():
        for _ in range(n):
            pools = own[intent] if which == "train" or rng.random() < 0.6 else every[intent]
            template_id, template = pick_template(rng, pools)
            if intent == "out_of_scope" and not template.startswith("{lead}") and rng.random() < OOS_LEAD_IN:
                template = "{lead}" + template  # politeness is no sign of a calendar command
            filler.mix = split.held_out_template(template)
            pieces = filler.render(template, intent)
            yield realise(pieces, rng, intent, template_id, rng.random() < 0.5, template)
