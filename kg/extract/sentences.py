"""Sentences of a paragraph, as spans of the article text."""
from __future__ import annotations

from functools import cache

import regex

from kg import vocab
from kg.records import Span

# where persons in a photo stand, in the order a caption names them: "từ trái qua", "từ trái sang phải"
LEFT_TO_RIGHT = r"từ\s+(?:trái|phải)\s+(?:qua|sang)(?:\s+(?:phải|trái))?"
# a sentence ends at . ! ? … followed by space and a capital letter or an opening quote, after
# a number too ("giai đoạn 2016 - 2020. Nhân dịp này, ..."); "TP. Hồ Chí Minh" and "ngày 19.4.2017"
# do not end one, nor a caption's before the list of whom it shows ("... ký Quy chế phối hợp. Từ trái qua: A, B")
_END = regex.compile(rf"(?<!\bTP|\bTT|\bSt)[.!?…]+[\"”’]?\s+(?=[\p{{Lu}}“\"])(?!(?i:{LEFT_TO_RIGHT})\s*:)")
# an agency's tag a story's lead may open with: "BHD - ", "(TNP) - ", "(Quang Binh Portal) - ", "TG&DV – ", and a
# tag in brackets with no dash after it: "(BDO) Sáng 10/3, ...", "(BR-VT) Chiều 16/3" (a bracket opens a bracketed
# tag, never one of capitals and a dash), "BR-VT - "
# a photo's pointer in brackets by a name: "(bên phải)", "(thứ hai từ trái sang)"
PHOTO_POINTER = r"\([^()\n]{1,40}\)"
DOMAIN = r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov)"   # a site's address: "baolongan.vn"
AGENCY_TAG = regex.compile(r"[^\w(]*(?:\([^()]{1,60}\)\s*[-–—:]?|\p{Lu}[\p{Lu}\p{N}&.]{1,11}(?:-\p{Lu}{1,5})?"
                           r"(?:\s+\p{Lu}[\p{Lu}\p{N}&.]{1,11})?"
                           rf"\s*[-–—:]|(?i:{DOMAIN})\s*[-–—:])\s*")


@cache
def _abbreviated_honorifics() -> frozenset[str]:
    """Degrees and callings written short before a name ("TS.", "ThS.", "PGS.TS."): no sentence ends
    at their full stop."""
    phrases = (row["phrase"] for row in vocab.read_rows("honorifics.csv"))
    return frozenset(p.rstrip(".") for p in phrases if " " not in p and any(c.isupper() for c in p))


def sentences(paragraph: Span) -> list[Span]:
    found, start = [], 0
    for match in _END.finditer(paragraph.text):
        before = paragraph.text[start:match.start()].rsplit(maxsplit=1)
        if before and before[-1] in _abbreviated_honorifics():
            continue
        found.append((start, match.end()))
        start = match.end()
    found.append((start, len(paragraph.text)))
    base = paragraph.start
    return [Span(base + s, base + e, paragraph.text[s:e].strip(), "sentence") for s, e in found
            if paragraph.text[s:e].strip()]
