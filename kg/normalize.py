"""Text normalisation that keeps character offsets meaningful.

Every step maps a string to one of the same length except NFC, the removal of invisible
characters and the space put after a city's abbreviation glued to its name, which run
first; spans recorded by later steps therefore refer to the normalised text, which is
also the text whose hash identifies an article.
"""
from __future__ import annotations

import unicodedata

import regex

_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# "UBND TP.Thủ Dầu Một", "TX.Sơn Tây": a unit word's abbreviation glued to the place's name ("TP.HCM", an
# abbreviation itself, stays as it is)
_GLUED_UNIT = regex.compile(r"(?<![\p{L}])(TP|TX|TT)\.(?=\p{Lu}\p{Ll})")
# one character for one: odd spaces, the look-alikes of the capital D-stroke, hyphens that are not "-"
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\t": " ",
                         "\u00d0": "Đ", "\u0189": "Đ", "\u2010": "-", "\u2011": "-", "\u2212": "-"})

# Old-style tone placement puts the mark on the second vowel of an open "oa/oe/uy"
# syllable (hoà, uỷ); the new style puts it on the first (hòa, ủy). Only open syllables
# differ ("hoàn" is the same in both), and "qu" + "y" is not the "uy" glide ("quý").
_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
def _move_tone(match: regex.Match) -> str:
    first, second = match.group(1)[0], match.group(1)[1]
    base, *marks = unicodedata.normalize("NFD", second)
    tones = [m for m in marks if m in _TONE_MARKS]
    if not tones:
        return match.group(0)
    rest = "".join(m for m in marks if m not in _TONE_MARKS)
    moved_first = unicodedata.normalize("NFC", first + tones[0])
    return moved_first + unicodedata.normalize("NFC", base + rest)


def _tone_pattern() -> regex.Pattern:
    # the second vowel carries the tone in the old style: match it as a decomposed class
    toned = "".join(sorted(unicodedata.normalize("NFC", v + t) for v in "aeyAEY" for t in _TONE_MARKS))
    return regex.compile(rf"(?<![qQ])([oO][{toned}]|[uU][{toned}])(?!\p{{L}})")


_OLD_TONE = _tone_pattern()


def normalize_text(text: str) -> str:
    """NFC, plain spaces and hyphens, a space after a unit word's abbreviation, the Vietnamese capital D-stroke,
    new-style tone placement."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _GLUED_UNIT.sub(r"\1. ", _INVISIBLE.sub("", text)).translate(_SPACES)
    return _OLD_TONE.sub(_move_tone, text)


def fold(text: str) -> str:
    """Lower case without diacritics, for matching romanised site names ("Quang Binh Portal")."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def key(text: str) -> str:
    """A comparison key: normalised, case-folded, single-spaced."""
    return " ".join(normalize_text(text).casefold().split())


def document_number(raw: str) -> str:
    """A document's number in one form: no spaces around its dashes and slashes, en and em dashes as "-"
    ("45-Ctr/BDVTW – BCSĐCP" → "45-Ctr/BDVTW-BCSĐCP")."""
    return regex.sub(r"\s*([-–—/])\s*", lambda m: "/" if m.group(1) == "/" else "-", raw.strip())
