"""Cutting a page into title, dateline, story paragraphs and byline.

A page is read as it comes: the site's banner, menus and breadcrumbs; the headline and its
dateline; the story with its captions; the byline; then the page's tail (share buttons,
related-article lists, the footer), which is never story. Clutter is known by the phrases
in data/vocab/boilerplate.csv and by the shape of a line; what remains are spans of the
article's text, so offsets stay those of the file.
"""
from __future__ import annotations

from functools import cache, lru_cache

import regex

from kg import vocab
from kg.extract.dates import CALENDAR_WORDS, DATE_WITH_YEAR
from kg.extract.sentences import DOMAIN
from kg.records import Article, Page, Span

_WORD = regex.compile(r"[^\s\p{L}\p{N}]*[\p{L}\p{N}]\S*")
_NO_LETTERS = regex.compile(r"^[^\p{L}]*$")
_VIEW_COUNTER = regex.compile(r"^\d[\d.,]*\s+lượt\s+(xem|đọc|thích)", regex.IGNORECASE)
_BULLET = regex.compile(r"^[\s•·\-–—*>|›»]+")
_SITE = regex.compile(r"^\s*\(([^()]{3,60})\)\s*[-–—:]")
_SENTENCE_END = regex.compile(r"[.!?…”\"»)]\s*$")
_FULL_STOP = regex.compile(r"[.…][\"”’»)]*\s*$")
_EXCLAMATION = regex.compile(r"[!?][\"”’»)]*\s*$")
# a line this long is story text, not page header (Vietnamese counts syllables as words,
# so a headline runs to 30 or more; a headline rarely ends with a full stop)
_SENTENCE_WORDS, _STORY_WORDS, _LOUD_WORDS = 10, 45, 20
_HEADLINE_WORDS = 4
# "Lê Hải – Văn phòng Hội", "K' Hưng (Trung tâm VH-TT huyện)": a name and where the writer works
_NAME_DASH = regex.compile(r"^\p{Lu}[\p{L}'’]*(?:\s+\p{Lu}[\p{L}'’]*){0,4}\s*(?:[-–—]\s*\p{Lu}|\()")
_CUT_WORDS = 15
_CLUTTER_WORDS = 10
_AFTER_FULL_STOP = regex.compile(r"(?<=\.)\s+")
_TABLE_ROW = regex.compile(r"^[ \t]*\|(?:[^|\n]*\|){3,}[ \t]*$", regex.MULTILINE)  # three cells or more
# three cells or more, by tabs; the first one filled (a paragraph indented by tabs is no row)
_TAB_ROW = regex.compile(r"^[^\s|][^\t\n|]*(?:\t[^\t\n|]*){2,}$", regex.MULTILINE)
# A site's address: "baoninhthuan.com.vn", "https://www.hanoimoi.vn/chinh-tri"
WEB_ADDRESS = regex.compile(rf"(?:https?://)?(?:www\.)?{DOMAIN}(?:/\S*)?", regex.IGNORECASE)
_BREADCRUMB = regex.compile(r"\S\s*[>»›]\s*\S")
# menus: "In bài | Gửi email | Về đầu trang", "Facebook    Twitter    Email", "[ Quay lại ]  [ In trang ]"
_MENU_SEPARATOR = regex.compile(r"\s*\|\s*|\s{2,}|\]\s*\[")
_MENU_ITEM_WORDS = 4
_LONG_MENU_ITEMS, _LONG_MENU_ITEM_WORDS = 6, 6
_SLOGAN = regex.compile(r"^[\"“][^\"“”]*[\"”]$")
# a teaser item ending in its date: "Hội nghị giao ban khối nội chính quý I/2019 (23/04/2019)"
_DATED_ITEM = regex.compile(r"\(\s*\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d\s*\)\s*$")
_TEASER_RUN = 2
_ITEM_MARK = regex.compile(r"^(?:[•·\-–—*>›»]+|\d{1,2}[.)])\s*\S")
_TAIL_HEADING_WORDS = 25
# a page broken at a fixed width: this many lines going on in lower case, the shortest this share of the longest
_WRAPS_SEEN, _WRAP_SPREAD = 3, 0.75
_INSET_RESUMES = 2  # paragraphs of story after a box of related articles that show the story goes on
_COUNT = regex.compile(r"\s*\(\d+\)$")  # "Bình luận (0)"
_SENTENCE_STOP = regex.compile(r"[.!?…][\"”’)]?(?=\s)")
# what a dateline may carry besides its date: clock, time zone, counters, separators
# a clock in figures ("08:05", "9h30", "3:10 PM", "09:25 SA") or in words ("15 giờ 10 phút")
_CLOCK = regex.compile(r"\d{1,2}[:h]\d\d(?::\d\d)?(?:\s*(?:[AaPp]\.?[Mm]\.?|SA|CH)(?![\p{L}]))?"
                       r"|(?<![\p{L}\d])\d{1,2}\s+giờ(?:\s+\d{1,2}\s+phút)?(?![\p{L}])", regex.IGNORECASE)
_ZONE = regex.compile(r"(?:GMT|UTC)\s*(?:[+\-]\s*\d{1,2}(?::?\d\d)?)?", regex.IGNORECASE)
# an aside in brackets on a dateline: "17:05 (cập nhật liên tục)", "(giờ Hà Nội)", font controls "[A-] [A+]"
_ASIDE = regex.compile(r"\([^()\n]{0,30}\)|\[[^\[\]\n]{0,30}\]")
_FONT_SIZES = regex.compile(r"(?<!\S)A[+\-]?(?!\S)")  # bare font controls: "Cỡ chữ: A- A+"
# a place before the date, as official papers and some portals date a page: "Gia Lai, ngày 14/10/2025",
# "Hà Nội, 12/3/2023", "Hà Tĩnh - 19-07-2023 09:15"
_PLACE_OF_DATE = regex.compile(r"^\s*(?:\p{Lu}[\p{L}.']*\s*){1,5}(?:,|\s[-–—])\s*(?=[Nn]gày(?![\p{L}])|\d)")
_DATELINE_WORDS, _DATELINE_LEFT_WORDS = 16, 1
_PAGE_FOOT_LINES = 3  # the last lines of a page, where some portals print its date
# the parts of a dateline, or of a breadcrumb that ends in the date ("Trang chủ » Tin tức » 28/12/2016")
# also an author's name and the date: "MINH CHÂU • 15/08/2025 10:21"; or a wide gap: "Ngày đăng: 21/10/2016 08:15
# Tác giả: Thạch Sa Rinh", three spaces or more between them
_BAR = regex.compile(r"\s*[|»›•·]\s*|[ \t]{3,}")


def table_rows_as_clauses(text: str) -> str:
    """A page with a table flattened to text ("| 1 | Công an tỉnh | Đại tá Vũ Đình Hoan | Giám đốc Công an tỉnh |"),
    each row made a sentence of clauses, as a reader takes it: the bars inside a row become commas, the last one a
    full stop (the text keeps its length, so offsets do not move)."""
    return _TABLE_ROW.sub(_row_as_clauses, text)


def tab_rows_as_bars(text: str) -> str:
    """A table whose cells stand apart by tabs ("1\tLâm Quốc Vinh\tBí thư Thành ủy\t98.214"), written with bars
    instead, as table_rows_as_clauses reads tables: the tabs are gone once the text is normalised."""
    return _TAB_ROW.sub(lambda row: "| " + " | ".join(cell.strip() for cell in row.group().split("\t")) + " |", text)


def _row_as_clauses(row: regex.Match) -> str:
    cells = row.group()
    first, last = cells.index("|"), cells.rindex("|")
    return cells[:first] + " " + cells[first + 1:last].replace("|", ",") + "." + cells[last + 1:]


def unwrap_hard_wrapped(text: str) -> str:
    """A page whose paragraphs were broken at a fixed width ("... các đồng chí: A, Phó Bí thư; Vi Thị\n
    Nhung, Trưởng Ban ..."), with the breaks inside its paragraphs made spaces: the text keeps its length,
    so offsets do not move. A page is taken to be so broken when three or more of its lines go on in lower
    case on the next line and are all about as long."""
    lines = text.split("\n")
    widths = [len(line.rstrip()) for line, after in zip(lines, lines[1:]) if after.strip() and _goes_on(line, after.strip())]
    if len(widths) < _WRAPS_SEEN or min(widths) < _WRAP_SPREAD * max(widths):
        return text
    least = _WRAP_SPREAD * max(widths)
    return "".join(line + (" " if len(line.rstrip()) >= least and after.strip() else "\n")
                   for line, after in zip(lines, lines[1:])) + lines[-1]


def _goes_on(line: str, after: str) -> bool:
    """Whether a paragraph goes on from a line to the next (which starts in lower case, as no headline,
    caption or byline does)."""
    return (after[0].islower() and len(line.split()) >= _SENTENCE_WORDS and not _SENTENCE_END.search(line)
            and not line.rstrip().endswith((":", ";")))


def _lines(text: str) -> list[Span]:
    """The non-empty lines of a text; a paragraph wrapped over several lines ("... tổ chức hội nghị\n
    tổng kết ...": the next line goes on in lower case) is one line."""
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            if spans and _wrapped(spans[-1], text[spans[-1].end:start], stripped):
                start = spans.pop().start
            end = pos + line.index(stripped[0]) + len(stripped)
            spans.append(Span(start, end, text[start:end], "line"))
        pos += len(line) + 1
    return spans


def _wrapped(previous: Span, between: str, line: str) -> bool:
    """Whether a line goes on from the one before: no blank line between them, the one before is long and
    stops mid-sentence, and the line starts in lower case (no headline, caption or byline does)."""
    return between.count("\n") == 1 and _goes_on(previous.text, line)


def _words(text: str) -> int:
    """Words with a letter or digit in them: separators and bullets do not count."""
    return len(_WORD.findall(text))


def _folded(text: str) -> str:
    """A line of the (already normalised) article as a comparison key, its bullet left out."""
    return " ".join(_BULLET.sub("", text).casefold().split())


def _starts_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether text starts with one of the phrases (given as keys) as whole words."""
    folded = _folded(text)
    return any(folded.startswith(p) and (len(folded) == len(p) or p.endswith(":") or not folded[len(p)].isalnum())
               for p in phrases)


@cache
def _dateline_labels() -> regex.Pattern:
    """The page labels a dateline may carry ("Ngày đăng:", "Cập nhật lúc", "Lượt xem: 1.027")."""
    phrases = sorted(vocab.boilerplate().get("line", ()), key=len, reverse=True)
    body = "|".join(r"\s+".join(regex.escape(w) for w in p.rstrip(":").split()) for p in phrases) or r"(?!x)x"
    return regex.compile(rf"(?<![\p{{L}}])(?:{body})(?![\p{{L}}])[\s:\d.,]*", regex.IGNORECASE)


def _only_a_date(text: str) -> bool:
    """A date and nothing else but clock, time zone, weekday and page labels."""
    text = _PLACE_OF_DATE.sub("", text, count=1)
    found = DATE_WITH_YEAR.search(text)
    if not found:
        return False
    rest = text[:found.start()] + " " + text[found.end():]
    # the labels before the calendar words: "Ngày xuất bản" is a label, whose "Ngày" is also a calendar word
    for noise in (_ASIDE, _FONT_SIZES, _CLOCK, _ZONE, _dateline_labels(), CALENDAR_WORDS):
        rest = noise.sub(" ", rest)
    return _words(rest) <= _DATELINE_LEFT_WORDS


def is_dateline(text: str) -> bool:
    """A line that dates the page and says nothing else ("Ngày đăng: 14/05/2019 | 16:32 | Lượt xem: 1.027",
    "Thứ tư, 26 Tháng 2 2020 10:18", "18/09/2025 10:41 GMT+7", "12/06/2023 10:15 | Tác giả: Minh Khoa");
    not a sentence or caption that merely holds a date."""
    if len(text.split()) > _DATELINE_WORDS or not DATE_WITH_YEAR.search(text):
        return False
    parts = _BAR.split(text)
    return _only_a_date(text) or (len(parts) > 1 and any(_only_a_date(part) for part in parts))


def _is_menu(text: str) -> bool:
    """Items set apart by bars or double spaces: short ones, or among many a longer one ("Chính trị  Kinh tế  ...
    Đất và người Gia Lai  Multimedia")."""
    parts = [p for p in _MENU_SEPARATOR.split(text.strip(" []")) if p.strip()]
    longest = _MENU_ITEM_WORDS if len(parts) < _LONG_MENU_ITEMS else _LONG_MENU_ITEM_WORDS
    return len(parts) >= 2 and all(_words(p) <= longest and not _FULL_STOP.search(p) for p in parts)


def is_clutter(text: str) -> bool:
    """Share links, menus, font controls, view counters, breadcrumbs, photo credits."""
    if is_dateline(text):
        return False
    short = len(text.split()) <= _CLUTTER_WORDS
    credits = vocab.boilerplate().get("credit", ())
    return bool(_NO_LETTERS.match(text) or _VIEW_COUNTER.match(text) or _is_menu(text)
                or _starts_with_any(text, credits) or _site_credits(text, credits)
                # "Ảnh: Đ.T" credits a photo; "Ảnh: Giám đốc Sở A và ông B ký biên bản ghi nhớ." is its caption
                or (short and _starts_with_any(text, vocab.boilerplate().get("photo", ())))
                or (short and _starts_with_any(text, vocab.boilerplate().get("line", ())))
                or (short and _BREADCRUMB.search(text)))


def _site_credits(text: str, credits: tuple[str, ...]) -> bool:
    """"BÁO THANH HÓA. Tổng Biên tập: Phạm Văn Tuấn Anh. Giấy phép số ...": the site's name or owner, then its
    credits (not a caption's "... ký kết chương trình phối hợp. Nguồn ảnh: Báo Quảng Bình")."""
    first, *rest = _AFTER_FULL_STOP.split(text)
    return bool(rest) and (_capitals(first) or _starts_with_any(first, vocab.boilerplate().get("owner", ()))) and any(
        _starts_with_any(piece, credits) for piece in rest)


def _capitals(text: str) -> bool:
    return text == text.upper()


def is_running_text(text: str) -> bool:
    """A line of a story: long, or a sentence that ends as one; never a line in capitals (a headline)."""
    words = len(text.split())
    return not _capitals(text) and (words >= _STORY_WORDS or (words >= _SENTENCE_WORDS and bool(_FULL_STOP.search(text)))
                                    or (words >= _LOUD_WORDS and bool(_EXCLAMATION.search(text))))


def _story_start(lines: list[Span]) -> int:
    """Index of the first story line; the lines before it are the page's head."""
    return next((i for i, line in enumerate(lines) if is_running_text(line.text) and not is_dateline(line.text)), len(lines))


def _tail_heading(text: str) -> bool:
    """"Tin liên quan", "Các tin đã đưa:", "TIN LIÊN QUAN", "Từ khóa: ...": what follows is not story."""
    folded = _folded(text).rstrip(" :")
    folded = _COUNT.sub("", folded)
    tail = vocab.boilerplate().get("tail", ())
    return folded in tail or (len(text.split()) <= _TAIL_HEADING_WORDS and any(folded.startswith(p + ":") for p in tail))


def _teaser_run(lines: list[Span], index: int) -> bool:
    """Two or more dated headlines in a row are a list of other articles, headed or not."""
    run = lines[index:index + _TEASER_RUN]
    return len(run) == _TEASER_RUN and all(_DATED_ITEM.search(line.text) for line in run)


def _is_listed_headline(line: Span) -> bool:
    """"- Phó Chủ tịch UBND tỉnh ... kiểm tra ...", "• ...", "1. ...": a headline given as a list item."""
    return bool(_ITEM_MARK.match(line.text)) and _is_headline(line) and not line.text.rstrip().endswith((";", ","))


def _trailing_headlines(lines: list[Span], story: int) -> int:
    """Where the list of headlines that ends a page starts (a story's own list is introduced by a colon
    and its items end with punctuation)."""
    start = len(lines)
    while start - 1 > story and _is_listed_headline(lines[start - 1]):
        start -= 1
    run = len(lines) - start
    return start if run >= _TEASER_RUN and not lines[start - 1].text.rstrip().endswith(":") else len(lines)


def _tail_start(lines: list[Span], story: int) -> int:
    for index in range(story + 1, len(lines)):
        if _tail_heading(lines[index].text):
            return index
        if _teaser_run(lines, index):
            return index - 1 if lines[index - 1].text.rstrip().endswith(":") and index - 1 > story else index
    return _trailing_headlines(lines, story)


def _inset_end(lines: list[Span], index: int) -> int | None:
    """Where a box of related articles set inside the story ends: its heading at index, its listed
    headlines, then the story going on for two paragraphs. None when the heading starts the page's tail."""
    end = index + 1
    while end < len(lines) and (_is_listed_headline(lines[end]) or _DATED_ITEM.search(lines[end].text)):
        end += 1
    after = lines[end:end + _INSET_RESUMES]
    owners = vocab.boilerplate().get("owner", ())   # the site's owner under the box: the page's foot, no story
    resumes = len(after) == _INSET_RESUMES and all(is_running_text(line.text) and not _starts_with_any(line.text, owners)
                                                   for line in after)
    return end if end > index + 1 and resumes else None


def _story_end(lines: list[Span], story: int) -> tuple[list[Span], int]:
    """The lines without the boxes of related articles set inside the story ("Tin liên quan:" and its
    headlines, the story going on under them), and where the page's tail starts."""
    end = _tail_start(lines, story)
    while end < len(lines) and _tail_heading(lines[end].text) and (resumes := _inset_end(lines, end)) is not None:
        lines = lines[:end] + lines[resumes:]
        end = _tail_start(lines, end - 1)
    return lines, end


def _without_repeats(lines: list[Span]) -> list[Span]:
    """A caption printed twice in a row, or a paragraph pasted twice, counts once."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        folded = _folded(line.text)
        if folded not in seen:
            kept.append(line)
        seen.add(folded)
    return kept


@lru_cache(maxsize=4)   # a page is asked for twice: whether it lists stories, then its story
def page_lines(text: str) -> tuple[tuple[Span, ...], int]:
    """The page's lines without clutter and tail, and the index where the story starts."""
    lines = _without_repeats([line for line in _lines(text) if not is_clutter(line.text)])
    story = _story_start(lines)
    lines, end = _story_end(lines, story)
    return tuple(lines[:end]), story


def story_lines(text: str) -> list[str]:
    """The non-empty lines of a page, clutter, related-article lists and other tails left out."""
    return [line.text for line in page_lines(text)[0]]


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


def _is_headline(line: Span) -> bool:
    words = _words(line.text)
    return (_HEADLINE_WORDS <= words < _STORY_WORDS and not line.text.rstrip().endswith(":")
            and not (_FULL_STOP.search(line.text) and not _capitals(line.text)) and not _SLOGAN.match(line.text))


def _title_index(head: list[Span]) -> int | None:
    """The headline among the lines before the story: the longest that is not the site's banner
    (a first line in capitals, "Cổng thông tin điện tử ...", "Báo X - Cơ quan của Đảng bộ ...") or a slogan
    ("Nhiệt liệt chào mừng ...")."""
    chrome = vocab.boilerplate().get("line", ())
    candidates = [i for i, line in enumerate(head)
                  if _is_headline(line) and not is_dateline(line.text) and not _starts_with_any(line.text, chrome)
                  and not _anywhere("banner").search(line.text)
                  and not _tail_heading(line.text)
                  and not _ITEM_MARK.match(line.text) and not _DATED_ITEM.search(line.text)]
    if len(candidates) > 1 and candidates[0] == 0 and _capitals(head[0].text):
        candidates = candidates[1:]
    return max(candidates, key=lambda i: _words(head[i].text), default=None)


def _split_head(lines: list[Span], story: int) -> tuple[Span | None, list[Span]]:
    """The title, and the story's lines: a subtitle or short lead under the title is story, the page's head
    above it is not, nor a credit line under it ("Bài và ảnh: ...")."""
    head = lines[:story]
    index = _title_index(head)
    if index is None:
        return None, lines[story:]
    title = head[index]
    credits = vocab.boilerplate().get("byline", ())
    following = [line for line in head[index + 1:]
                 if (_words(line.text) >= _HEADLINE_WORDS and not _starts_with_any(line.text, credits))
                 or is_dateline(line.text)]
    return Span(title.start, title.end, title.text, "title"), following + lines[story:]


def _without_datelines(lines: list[Span]) -> tuple[Span | None, list[Span]]:
    """The first dateline of the lines (under the title, after the lead or at the very end of the
    story), and the lines without any dateline. A date beside the site's weather or prices ("Thứ Hai,
    22/5/2023 | Thời tiết: ...", "Thứ Ba, 09/12/2025 - 08:17 | Hà Tĩnh 24°C") is the day the page was viewed, never
    the page's own: a page with no other has none."""
    dated = [line for line in lines if is_dateline(line.text)]
    own = [line for line in dated if not _anywhere("widget").search(line.text)]
    first = Span(own[0].start, own[0].end, own[0].text, "dateline") if own else None
    return first, [line for line in lines if line not in dated]


@cache
def _anywhere(kind: str) -> regex.Pattern:
    """The phrases of a kind of boilerplate (data/vocab/boilerplate.csv) wherever they stand in a line: "widget",
    what a site's header shows beside the day's date; "banner", what a site says of itself."""
    phrases = vocab.phrase_pattern(set(vocab.boilerplate().get(kind, ()))) or "(?!x)x"
    return regex.compile(rf"(?<![\p{{L}}])(?:{phrases})(?![\p{{L}}])", regex.IGNORECASE)


def _without_cut_sentence(body: list[Span]) -> list[Span]:
    """A page cut off mid-sentence loses that sentence only (captions, being short or closed by a photo credit,
    "... ký kết chương trình phối hợp - Ảnh: T.L", stay)."""
    if not body or _SENTENCE_END.search(body[-1].text) or len(body[-1].text.split()) < _CUT_WORDS \
            or _photo_credit().search(body[-1].text):
        return body
    last = body[-1]
    ends = [m.end() for m in _SENTENCE_STOP.finditer(last.text)]
    if not ends:
        return body[:-1]
    return body[:-1] + [Span(last.start, last.start + ends[-1], last.text[:ends[-1]], last.rule)]


@cache
def _photo_credit() -> regex.Pattern:
    """A photo credit closing a caption: "... phát biểu tại hội nghị - Ảnh: Đ.T", "(Ảnh: Thu Hà)"."""
    labels = vocab.boilerplate().get("credit", ()) + vocab.boilerplate().get("photo", ())
    phrases = "|".join(regex.escape(p.rstrip(":")) for p in labels) or r"(?!x)x"
    return regex.compile(rf"[\s\-–—.,;(\[]*(?<![\p{{L}}])(?:{phrases})\s*:\s*[^:;!?()\[\]]{{1,40}}?[)\]]?\s*$",
                         regex.IGNORECASE)


def without_photo_credit(text: str) -> str:
    """A caption or byline without the photo credit that closes it (a caption keeps its full stop)."""
    found = _photo_credit().search(text)
    if not found or found.start() == 0:
        return text
    return text[:found.start() + (1 if text[found.start()] == "." else 0)]


def _without_photo_credit(line: Span) -> Span:
    text = without_photo_credit(line.text)
    return Span(line.start, line.start + len(text), text, line.rule)


def site_name(first_paragraph: Span | None) -> str | None:
    """A site named in parentheses at the start of the story: "(Quang Binh Portal) - ..."."""
    found = _SITE.match(first_paragraph.text) if first_paragraph else None
    return found.group(1).strip() if found else None


def banner_lines(page: Page) -> list[str]:
    """The site's banner above the title (above the story when there is no title): the page's first
    line, lines in capitals but for an address ("BÁO HẢI DƯƠNG - baohaiduong.vn") and site names
    ("Cổng thông tin điện tử tỉnh ..."), never a menu, breadcrumb or headline of another article."""
    first = page.title or (page.paragraphs[0] if page.paragraphs else None)
    lines = _lines(page.article.text[:first.start if first else len(page.article.text)])
    chrome = vocab.boilerplate().get("line", ()) + vocab.boilerplate().get("banner", ())
    return [line.text for index, line in enumerate(lines)
            if (index == 0 or _capitals(WEB_ADDRESS.sub("", line.text)) or _starts_with_any(line.text, chrome))
            and not _is_menu(line.text) and not _BREADCRUMB.search(line.text) and not _ITEM_MARK.match(line.text)]


def owner_lines(page: Page) -> list[str]:
    """The lines below the story that name who runs the site ("Bản quyền thuộc Ủy ban nhân dân tỉnh
    Quảng Trị", "Cơ quan chủ quản: ..."): a portal's province, when its banner does not name it."""
    last = page.paragraphs[-1] if page.paragraphs else page.title
    owners = vocab.boilerplate().get("owner", ())
    return [line.text for line in _lines(page.article.text[last.end if last else 0:])
            if _starts_with_any(line.text, owners)]


def segment(article: Article) -> Page:
    lines, story = page_lines(article.text)
    lines = list(lines)
    title, body = _split_head(lines, story)
    dateline, body = _without_datelines(body)
    if dateline is None:  # above the title: the one nearest it (a portal may print today's date at the top)
        dateline, _ = _without_datelines(lines[:story][::-1])
    if dateline is None:  # under everything, below the teasers and share links: "Ngày 17/03/2016"
        dateline, _ = _without_datelines(_lines(article.text)[-_PAGE_FOOT_LINES:][::-1])
    byline = None
    for _ in range(2):  # a byline is at most a name line and a credit line
        if not (body and _is_byline(body[-1])):
            break
        line = body.pop().text
        byline = line if byline is None else f"{line} {byline}"
    paragraphs = tuple(Span(p.start, p.end, p.text, "paragraph")
                       for p in map(_without_photo_credit, _without_cut_sentence(body)))
    site = (article.manifest.site if article.manifest and article.manifest.site
            else site_name(paragraphs[0] if paragraphs else None))
    return Page(article, title, dateline, paragraphs, byline, site)
