"""Cutting a page into title, dateline, story paragraphs and byline.

Page clutter (share links, related-article lists, view counters, photo credits) is
dropped by the phrases in data/vocab/boilerplate.csv and by the shape of a line;
what remains are spans of the article's text, so offsets stay those of the file.
"""
from __future__ import annotations

import regex

from kg import vocab
from kg.extract.dates import DATE_WITH_YEAR
from kg.normalize import key
from kg.records import Article, Page, Span

_NO_LETTERS = regex.compile(r"^[^\p{L}]*$")
_VIEW_COUNTER = regex.compile(r"^\d[\d.,]*\s+lượt\s+(xem|đọc|thích)", regex.IGNORECASE)
_BULLET = regex.compile(r"^[\s•·\-–—*>|]+")
_SITE = regex.compile(r"^\s*\(([^()]{3,60})\)\s*[-–—:]")
_SENTENCE_END = regex.compile(r"[.!?…”\"»)]\s*$")
# a line this long is story text, not page header (Vietnamese counts syllables as words,
# so a headline runs to 30 or more; a headline rarely ends with a full stop)
_SENTENCE_WORDS, _STORY_WORDS, _HEADER_LINES = 10, 45, 6
# "Lê Hải – Văn phòng Hội", "Văn Tài (Trung tâm VH-TT huyện)": a name and where the writer works
_NAME_DASH = regex.compile(r"^\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,4}\s*(?:[-–—]\s*\p{Lu}|\()")
_DATE_LINE_WORDS = 8
_CUT_WORDS = 15
_CLUTTER_WORDS = 10
_BREADCRUMB = regex.compile(r"\S\s*[>»›]\s*\S")  # a last line this long without a full stop was cut off, not a caption


def _lines(text: str) -> list[Span]:
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append(Span(start, start + len(stripped), stripped, "line"))
        pos += len(line) + 1
    return spans


def _starts_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether text starts with one of the phrases (given as keys) as whole words."""
    folded = key(_BULLET.sub("", text))
    return any(folded.startswith(p) and (len(folded) == len(p) or p.endswith(":") or not folded[len(p)].isalnum())
               for p in phrases)


def _is_clutter(line: Span) -> bool:
    """Share links, font controls, view counters, breadcrumbs, photo credits."""
    no_words = _NO_LETTERS.match(line.text) and not DATE_WITH_YEAR.search(line.text)
    short = len(line.text.split()) <= _CLUTTER_WORDS
    return bool(no_words or _VIEW_COUNTER.match(line.text)
                or _starts_with_any(line.text, vocab.boilerplate().get("credit", ()))
                or (short and _starts_with_any(line.text, vocab.boilerplate().get("line", ())))
                or (short and _BREADCRUMB.search(line.text)))


def _cut_tail(lines: list[Span]) -> list[Span]:
    tail = vocab.boilerplate().get("tail", ())
    for index, line in enumerate(lines):
        if index > 1 and key(_BULLET.sub("", line.text)) in tail:
            return lines[:index]
    return lines


def story_lines(text: str) -> list[str]:
    """The non-empty lines of a page before its related-article lists and other tails."""
    return [line.text for line in _cut_tail(_lines(text))]


def _without_repeats(lines: list[Span]) -> list[Span]:
    """A caption printed twice in a row, or a paragraph pasted twice, counts once."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        folded = key(line.text)
        if folded not in seen:
            kept.append(line)
        seen.add(folded)
    return kept


def _is_byline(line: Span) -> bool:
    """A credit line closing the story: "Tin, ảnh: ...", a bare name, "Lê Hải – Văn phòng Hội"."""
    if _starts_with_any(line.text, vocab.boilerplate().get("byline", ())):
        return True
    words = line.text.split()
    if DATE_WITH_YEAR.search(line.text):
        return False
    if len(words) <= 12 and _NAME_DASH.match(line.text):
        return True
    return len(words) <= 6 and not _SENTENCE_END.search(line.text)


def _split_header(lines: list[Span]) -> tuple[Span | None, Span | None, list[Span]]:
    """Title and dateline from the lines before the story starts."""
    title = dateline = None
    body_start = 0
    for index, line in enumerate(lines[:_HEADER_LINES]):
        words = len(line.text.split())
        if dateline is None and DATE_WITH_YEAR.search(line.text) and words <= 12:
            dateline = Span(line.start, line.end, line.text, "dateline")
        elif title is None and 4 <= words < _STORY_WORDS:
            title = Span(line.start, line.end, line.text, "title")
        elif words >= _SENTENCE_WORDS:
            break  # the story has started
        else:
            continue
        body_start = index + 1
        if title and dateline:
            break
    return title, dateline, lines[body_start:]


def _without_cut_sentence(body: list[Span]) -> list[Span]:
    """A page cut off mid-sentence loses that sentence only (captions, being short, stay)."""
    if not body or _SENTENCE_END.search(body[-1].text) or len(body[-1].text.split()) < _CUT_WORDS:
        return body
    last = body[-1]
    ends = [m.end() for m in regex.finditer(r"[.!?…][\"”’)]?(?=\s)", last.text)]
    if not ends:
        return body[:-1]
    return body[:-1] + [Span(last.start, last.start + ends[-1], last.text[:ends[-1]], last.rule)]


def _trailing_dateline(body: list[Span]) -> tuple[Span | None, list[Span]]:
    """Some pages print the date below the story ("Ngày đăng: 12/06/2023 10:15")."""
    for index in range(len(body) - 1, max(-1, len(body) - 4), -1):
        line = body[index]
        if DATE_WITH_YEAR.search(line.text) and len(line.text.split()) <= _DATE_LINE_WORDS:
            return Span(line.start, line.end, line.text, "dateline"), body[:index] + body[index + 1:]
    return None, body


def site_name(first_paragraph: Span | None) -> str | None:
    """A site named in parentheses at the start of the story: "(Quang Binh Portal) - ..."."""
    found = _SITE.match(first_paragraph.text) if first_paragraph else None
    return found.group(1).strip() if found else None


def segment(article: Article) -> Page:
    lines = [line for line in _cut_tail(_lines(article.text)) if not _is_clutter(line)]
    title, dateline, body = _split_header(_without_repeats(lines))
    if dateline is None:
        dateline, body = _trailing_dateline(body)
    byline = None
    for _ in range(2):  # a byline is at most a name line and a credit line
        if not (body and _is_byline(body[-1])):
            break
        line = body.pop().text
        byline = line if byline is None else f"{line} {byline}"
    paragraphs = tuple(Span(p.start, p.end, p.text, "paragraph") for p in _without_cut_sentence(body))
    site = (article.manifest.site if article.manifest and article.manifest.site
            else site_name(paragraphs[0] if paragraphs else None))
    return Page(article, title, dateline, paragraphs, byline, site)
