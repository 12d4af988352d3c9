"""Speech benchmark: festival speaks our commands, pocketsphinx hears them; WER and intents.

    .venv/bin/python bench/voice_bench.py [--commands bench/voice_commands.txt] [--model DIR]

Needs Debian's festival with two voices (apt-get install festival festvox-us-slt-hts
festvox-kallpc16k); the WAVs are kept in build/voice-bench/ and reused. Each command is
spoken by one voice, alternating cmu_us_slt_arctic_hts and kal_diphone, and transcribed with
pocketsphinx's stock English model and with our calendar-biased one (models/asr-calendar),
through the same WAV reading and resampling as the API (slt speaks at 32 kHz).

Printed: word error rate per voice and pooled (lowercase words, punctuation gone, numbers
as words, "p m"/"p.m." as "pm", "okay" as "ok", apostrophes dropped); the share of commands whose transcript gets
the same `nlu parse` intent as their text; how many non-calendar commands would write to
the calendar from audio (a create, cancel, reschedule or update intent); decode time.
First it checks that no command is a sentence of the language model's text.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMANDS = ROOT / "bench" / "voice_commands.txt"
CACHE = ROOT / "build" / "voice-bench"
VOICES = ("cmu_us_slt_arctic_hts", "kal_diphone")
WRITES = {"create", "cancel", "reschedule", "update"}
_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirty|fifteen|forty five|o'clock)"


@dataclass(frozen=True)
class Command:
    kind: str  # calendar, followup or other
    text: str
    voice: str


def read_commands(path: Path) -> list[Command]:
    """The commands, each with its voice (alternating by line)."""
    rows = [
        line.rstrip("\n").split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [Command(kind, text, VOICES[i % 2]) for i, (kind, text) in enumerate(rows)]


def in_lm_text(commands: list[Command], seed: int = 0) -> list[str]:
    """Commands that are, word for word, a sentence the language model was built from."""
    from nlu.asr_lm import lm_text
    from nlu.corpus import examples

    train, dev = examples(seed)
    text = (
        lm_text.from_rows(train, seed)
        + lm_text.from_rows(dev, seed + 1)
        + lm_text.from_eval_data(held_out=False, seed=seed)
        + lm_text.from_eval_data(held_out=True, seed=seed)
    )
    # Compared as scored (apostrophes, "p m", "okay" folded): a spelling variant is still a copy.
    sentences = {scoring_words(" ".join(words)) for words in text.calendar + text.general}
    return [c.text for c in commands if scoring_words(c.text) in sentences]


def synthesise(command: Command, cache: Path = CACHE) -> Path:
    """The command spoken by its voice (a cached WAV named by a hash of voice and text)."""
    key = hashlib.sha1(f"{command.voice}\n{command.text}".encode()).hexdigest()[:16]
    path = cache / command.voice / f"{key}.wav"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as text:
        text.write(command.text + "\n")
        text.flush()
        subprocess.run(
            ["text2wave", "-eval", f"(voice_{command.voice})", text.name, "-o", str(path)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return path


def scoring_words(text: str) -> str:
    """The text as scored: lowercase words, punctuation gone, numbers as words, one spelling."""
    from nlu.corpus.spoken import cardinal

    text = text.lower().replace("a.m.", "am").replace("p.m.", "pm")
    text = re.sub(r"\d+", lambda m: f" {cardinal(int(m[0]))} ", text)
    text = re.sub(rf"\b({_NUMBER_WORD}) ([ap]) m\b", r"\1 \2m", text)
    text = re.sub(r"\bokay\b", "ok", text)
    text = re.sub(r"[^\w\s]", " ", text.replace("'", ""))  # "doctor's" and "doctors" sound the same
    return " ".join(text.split())


@dataclass(frozen=True)
class Heard:
    text: str
    decode_seconds: float
    audio_seconds: float


def transcribe_all(paths: list[Path], model) -> list[Heard]:
    from assistant.voice import read_wav
    from assistant.voice.recognizer import Recognizer

    recognizer = Recognizer(model)
    out = []
    for path in paths:
        recording = read_wav(path.read_bytes())
        result = recognizer.transcribe(recording)
        out.append(Heard(result.text, result.decode_seconds, recording.seconds))
    return out


def wer(refs: list[str], hyps: list[str]) -> float:
    import jiwer

    return jiwer.wer([scoring_words(r) for r in refs], [scoring_words(h) for h in hyps])


def intents(texts: list[str]) -> list[str]:
    import nlu

    return [p.intent for p in nlu.load().parse_many(texts, tz="Europe/Paris")]


def report(commands: list[Command], heard: dict[str, list[Heard]], model) -> None:
    refs = [c.text for c in commands]
    with open(model.dictionary, encoding="utf-8") as lines:
        words = sum(1 for _ in lines)
    print(
        f"voice benchmark, {date.today().isoformat()}, {os.cpu_count()} cores, {len(commands)} commands "
        f"({sum(c.kind == 'calendar' for c in commands)} calendar, {sum(c.kind == 'followup' for c in commands)} "
        f"follow-ups, {sum(c.kind == 'other' for c in commands)} non-calendar); calendar model "
        f"{model.lm.stat().st_size / 1e6:.1f} MB LM, {words:,} dictionary lines"
    )
    print("WER          " + "  ".join(f"{v:>22}" for v in VOICES) + "  pooled")
    for name, results in heard.items():
        hyps = [h.text for h in results]
        per_voice = [
            wer(
                [r for r, c in zip(refs, commands, strict=True) if c.voice == v],
                [h for h, c in zip(hyps, commands, strict=True) if c.voice == v],
            )
            for v in VOICES
        ]
        print(f"  {name:<10} " + "  ".join(f"{w:>22.3f}" for w in per_voice) + f"  {wer(refs, hyps):.3f}")
    gold = intents(refs)
    for name, results in heard.items():
        heard_intents = intents([h.text for h in results])
        same = sum(g == h for g, h in zip(gold, heard_intents, strict=True))
        writes_text = sum(c.kind == "other" and g in WRITES for c, g in zip(commands, gold, strict=True))
        writes_audio = sum(c.kind == "other" and h in WRITES for c, h in zip(commands, heard_intents, strict=True))
        decode = [h.decode_seconds for h in results]
        rtf = sum(decode) / sum(h.audio_seconds for h in results)
        print(
            f"{name}: same intent as the text {same}/{len(refs)} ({same / len(refs):.1%}); "
            f"non-calendar commands that would write: {writes_audio} from audio ({writes_text} from text); "
            f"decode median {statistics.median(decode):.2f} s, max {max(decode):.2f} s per command "
            f"({rtf:.2f} x real time)"
        )
        for c, g, h, result in zip(commands, gold, heard_intents, results, strict=True):
            if c.kind == "other" and (g in WRITES or h in WRITES):
                print(f"    would write: {c.text!r} (text: {g}) heard {result.text!r} ({h})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commands", type=Path, default=COMMANDS)
    parser.add_argument("--model", type=Path, help="calendar model folder (default: models/asr-calendar)")
    parser.add_argument("--errors", action="store_true", help="list every command heard wrong by the calendar model")
    args = parser.parse_args(argv)
    if shutil.which("text2wave") is None:
        print("needs festival: apt-get install festival festvox-us-slt-hts festvox-kallpc16k", file=sys.stderr)
        return 2
    commands = read_commands(args.commands)
    leaked = in_lm_text(commands)
    if leaked:
        print(f"{len(leaked)} commands are in the language model's text: {leaked[:5]}", file=sys.stderr)
        return 1
    from assistant.voice import AsrModel

    paths = [synthesise(c) for c in commands]
    calendar = AsrModel.calendar(args.model)
    heard = {"stock": transcribe_all(paths, AsrModel.stock()), "calendar": transcribe_all(paths, calendar)}
    report(commands, heard, calendar)
    if args.errors:
        heard_intents = intents([h.text for h in heard["calendar"]])
        for c, h, intent in zip(commands, heard["calendar"], heard_intents, strict=True):
            if scoring_words(c.text) != scoring_words(h.text):
                print(f"  [{c.voice[:3]}] {scoring_words(c.text)!r} -> {scoring_words(h.text)!r} ({intent})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
