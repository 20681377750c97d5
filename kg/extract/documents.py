"""Documents cited by number: "Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư".

A number is digits (and maybe a letter), then codes joined by "-" or "/" with at least one "/"
("64/NQ-CP", "07 - ĐA/TU", "45-Ctr/BDVTW – BCSĐCP", "30a/2008/NQ-CP"); it is written in one form:
no spaces, plain hyphens.
"""
from __future__ import annotations

import regex

from kg import vocab
from kg.extract.bodies import parse_org
from kg.extract.dates import date_after
from kg.normalize import document_number
from kg.records import DocumentMention, Span

_CODE = r"[\p{Lu}Đ][\p{L}&\d]*"
# "1747/QĐ-TTg", "202/2025/QH15"; the digits may carry a letter ("30a/2008/NQ-CP"), and the year may follow them
# after a dash, as the Government wrote its resolutions in 2016-2017 ("19-2016/NQ-CP"); an office's letters may close
# it after a dot ("2281/QĐ-UBND.HC")
NUMBER = regex.compile(rf"(?<![\p{{L}}\d/])(\d{{1,5}}[a-z]?(?:[/-](?:19|20)\d\d(?=/))?(?:\s*[-–—/]\s*{_CODE})+"
                       rf"(?:\.[\p{{Lu}}Đ]{{1,6}})?)(?![\p{{L}}\d])")
_ISSUER = regex.compile(r"\s*(?:,\s*)?của\s+", regex.IGNORECASE)
_NUMBER_WORD = regex.compile(r"\s*số\s*$", regex.IGNORECASE)
# "Giấy phép số 123/GP-BTTTT" in a page's footer: the publisher's licence, not a document of the party-state
_LICENCE = regex.compile(r"(?<![\p{L}])giấy phép(?:\s+hoạt động(?:\s+báo chí)?)?(?:\s+số)?\s*:?\s*$", regex.IGNORECASE)
_AGREEMENT_TO_NUMBER = regex.compile(r"\s*(?:số\s*)?$", regex.IGNORECASE)


def find_documents(text: str, start: int, end: int, when=None) -> list[DocumentMention]:
    found = []
    for match in NUMBER.finditer(text, start, end):
        raw = match.group(1)
        if "/" not in raw or _names_agreement(text, match.start()) \
                or _LICENCE.search(text, max(start, match.start() - 40), match.start()):
            continue
        number = document_number(raw)
        stop = match.end()
        issued, stop = date_after(text, stop)
        issuer = None
        by = _ISSUER.match(text, stop)
        if by:
            issuer = parse_org(text, by.end(), when=when)
        kind = _kind_before(text, match.start()) or _kind_from_code(number)
        found.append(DocumentMention(Span(match.start(), match.end(), text[match.start():match.end()], "document-number"),
                                     number, kind, issued, issuer))
    return found


def _kind_before(text: str, pos: int) -> str | None:
    """The kind word heading the name before the number: "Thông báo kết luận số 12-TB/TU" is a notice."""
    hits = list(vocab.document_lexicon().finditer(text, max(0, pos - 45), pos))
    head = None
    end = pos
    for s, e, kind in reversed(hits):
        gap = text[e:end]
        # the last kind word may be followed by "số"; earlier ones only by the next kind word
        joined = (bool(_NUMBER_WORD.match(gap)) or not gap.strip()) if end == pos else not gap.strip()
        if not joined:
            break
        head, end = kind, s
    return head


def _kind_from_code(number: str) -> str | None:
    codes = {c.casefold(): k.id for k in vocab.document_kinds().values() for c in k.codes}
    parts = regex.split(r"[-/]", number)[1:]
    return next((codes[p.casefold()] for p in parts if p.casefold() in codes), None)


def _names_agreement(text: str, pos: int) -> bool:
    """A number right after an agreement's name is that agreement's number, not a document; not after the name
    of a kind that is an agreement only when signed ("Nghị quyết liên tịch số 403/2017/NQLT-...": a document)."""
    window_start = max(0, pos - 40)
    kinds = vocab.agreement_kinds()
    return any(_AGREEMENT_TO_NUMBER.match(text[e:pos]) and not kinds[kind].only_signed
               for _, e, kind in vocab.agreement_lexicon().finditer(text, window_start, pos))
