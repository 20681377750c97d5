"""Sentences of a paragraph, as spans of the article text."""
from __future__ import annotations

import regex

from kg.records import Span

# a sentence ends at . ! ? … followed by space and a capital letter or an opening quote, after
# a number too ("giai đoạn 2016 - 2020. Nhân dịp này, ..."); "TP. Hồ Chí Minh" and "ngày 19.4.2017"
# do not end one
_END = regex.compile(r"(?<!\bTP|\bTT|\bSt)[.!?…]+[\"”’]?\s+(?=[\p{Lu}“\"])")
# an agency's tag a story's lead may open with: "BHD - ", "(TNP) - ", "(Quang Binh Portal) - ", "TG&DV – ", and a
# tag in brackets with no dash after it: "(BDO) Sáng 10/3, ..."
# a photo's pointer in brackets by a name: "(bên phải)", "(thứ hai từ trái sang)"
PHOTO_POINTER = r"\([^()\n]{1,40}\)"
AGENCY_TAG = regex.compile(r"\W*(?:\([^()]{1,60}\)\s*[-–—:]?|\p{Lu}[\p{Lu}\p{N}&.]{1,11}(?:\s+\p{Lu}[\p{Lu}\p{N}&.]{1,11})?"
                           r"\s*[-–—:])\s*")


def sentences(paragraph: Span) -> list[Span]:
    found, start = [], 0
    for match in _END.finditer(paragraph.text):
        found.append((start, match.end()))
        start = match.end()
    found.append((start, len(paragraph.text)))
    base = paragraph.start
    return [Span(base + s, base + e, paragraph.text[s:e].strip(), "sentence") for s, e in found
            if paragraph.text[s:e].strip()]
