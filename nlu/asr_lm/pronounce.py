"""Pronunciations for the recognizer's dictionary: CMUdict first, espeak-ng for the rest.

The recognizer's English model ships CMUdict (134,000 words); names such as "Trivandrum" or
"Pongal" are not in it. For those, Debian's espeak-ng reads the word (`-x`, its ASCII
phoneme names) and each phoneme is mapped to the CMU phone set the acoustic model knows.
Only the builder runs espeak-ng: the dictionary it writes ships beside the language model.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from nlu.exceptions import NLUError

# The acoustic model's phones (pocketsphinx en-us, without SIL).
CMU_PHONES = frozenset(
    [
        "AA",
        "AE",
        "AH",
        "AO",
        "AW",
        "AY",
        "B",
        "CH",
        "D",
        "DH",
        "EH",
        "ER",
        "EY",
        "F",
        "G",
        "HH",
        "IH",
        "IY",
        "JH",
        "K",
        "L",
        "M",
        "N",
        "NG",
        "OW",
        "OY",
        "P",
        "R",
        "S",
        "SH",
        "T",
        "TH",
        "UH",
        "UW",
        "V",
        "W",
        "Y",
        "Z",
        "ZH",
    ]
)
# espeak-ng's English phoneme names (`espeak-ng -x`) -> CMU phones.
ESPEAK_TO_CMU = {
    "a": "AE",
    "a#": "AE",
    "aa": "AE",
    "A:": "AA",
    "A@": "AA R",
    "0": "AA",
    "O": "AO",
    "O:": "AO",
    "O2": "AO",
    "O@": "AO R",
    "o@": "AO R",
    "oU": "OW",
    "OI": "OY",
    "aI": "AY",
    "aI3": "AY ER",
    "aI@": "AY ER",
    "aU": "AW",
    "aU@": "AW ER",
    "eI": "EY",
    "e@": "EH R",
    "E": "EH",
    "E2": "EH",
    "E3": "EH",
    "@": "AH",
    "@2": "AH",
    "@5": "AH",
    "@L": "AH L",
    "@-": "AH",
    "3": "ER",
    "3:": "ER",
    "i": "IY",
    "i:": "IY",
    "I": "IH",
    "I2": "IH",
    "I#": "IH",
    "i@": "IY AH",
    "i@3": "IH R",
    "U": "UH",
    "u:": "UW",
    "U@": "UH R",
    "V": "AH",
    "p": "P",
    "b": "B",
    "t": "T",
    "t#": "T",
    "t2": "T",
    "d": "D",
    "d#": "D",
    "k": "K",
    "g": "G",
    "f": "F",
    "v": "V",
    "s": "S",
    "z": "Z",
    "h": "HH",
    "m": "M",
    "n": "N",
    "n-": "N",
    "l": "L",
    "l-": "L",
    "r": "R",
    "r-": "R",
    "w": "W",
    "j": "Y",
    "S": "SH",
    "Z": "ZH",
    "T": "TH",
    "D": "DH",
    "N": "NG",
    "tS": "CH",
    "dZ": "JH",
    "?": "T",
    "x": "K",
    "C": "HH",
}
_MARKS = re.compile(r"[',;]|^:+$")  # stress, secondary stress, palatal marks; a lone length mark
TIMEOUT = 120  # seconds for one espeak-ng run over every missing word


class PronunciationError(NLUError):
    """A word could not be given a pronunciation: install espeak-ng (Debian) or list the word."""


def read_cmudict(path: Path) -> dict[str, list[str]]:
    """CMUdict as word -> its pronunciations ("read" and "read(2)" under one word)."""
    entries: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, _, phones = line.strip().partition(" ")
            if phones:
                entries.setdefault(word.split("(")[0], []).append(phones.split("#")[0].strip())
    return entries


def espeak_to_cmu(mnemonics: str) -> str:
    """One espeak-ng word ("t_r_'aI_v_a_n_d_r_@_m") as CMU phones ("T R AY V AE N D R AH M")."""
    phones: list[str] = []
    for symbol in mnemonics.split("_"):
        symbol = _MARKS.sub("", symbol)
        if not symbol:
            continue
        cmu = ESPEAK_TO_CMU.get(symbol) or ESPEAK_TO_CMU.get(symbol.rstrip("#0123456789"))
        if cmu is None:
            raise PronunciationError(
                f"espeak-ng phoneme {symbol!r} (in {mnemonics!r}) has no CMU phone: add it to ESPEAK_TO_CMU"
            )
        if cmu == "R" and phones and phones[-1] == "ER":
            continue  # espeak writes "3_r-": the r-coloured vowel already holds the r
        phones.extend(cmu.split())
    return " ".join(phones)


def espeak(words: list[str]) -> dict[str, str]:
    """CMU phones for each word, read by espeak-ng (American English) in one run."""
    if not words:
        return {}
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise PronunciationError(
            f"{len(words)} words are not in CMUdict (e.g. {words[0]!r}) and espeak-ng is "
            "not installed: apt-get install espeak-ng"
        )
    run = subprocess.run(
        [binary, "-v", "en-us", "-q", "-x", "--sep=_"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    read = run.stdout.split()
    if len(read) != len(words):  # espeak-ng joined or split a word: ask word by word
        return {word: _espeak_one(binary, word) for word in words}
    return {word: espeak_to_cmu(mnemonics) for word, mnemonics in zip(words, read, strict=True)}


def _espeak_one(binary: str, word: str) -> str:
    run = subprocess.run(
        [binary, "-v", "en-us", "-q", "-x", "--sep=_", word],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return " ".join(espeak_to_cmu(part) for part in run.stdout.split())


def dictionary(
    words: Iterable[str], cmudict: dict[str, list[str]], listed: dict[str, str] | None = None
) -> tuple[list[tuple[str, str]], list[str]]:
    """(word, phones) lines for every word, and the words whose phones were derived.

    Order of trust: a listed pronunciation, then CMUdict's (all variants), then espeak-ng's.
    """
    listed = listed or {}
    words = sorted(set(words))
    missing = [w for w in words if w not in listed and w not in cmudict]
    derived = espeak(missing)
    lines = []
    for word in words:
        variants = [listed[word]] if word in listed else cmudict.get(word) or [derived[word]]
        lines.extend((word if i == 0 else f"{word}({i + 1})", phones) for i, phones in enumerate(variants))
    return lines, missing
