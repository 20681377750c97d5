"""What an article says about itself: title, publication date, author, province."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from functools import cache

import regex

from kg import vocab
from kg.clean import WEB_ADDRESS, banner_lines, owner_lines, without_photo_credit
from kg.extract.dates import DATE_WITH_YEAR, date_parts, day_months, full_dates, leading_date, make_date
from kg.extract.sentences import DOMAIN
from kg.normalize import fold
from kg.records import Page

_BYLINE_PREFIX = regex.compile(r"^(?:[^:]{1,15}:\s*)")
_TITLE_PLACE = regex.compile(r"^\s*([^:]{2,30}):\s")
# A page's address with its date in the path: "danviet.vn / van-hoa-giai-tri / 2022 / 11 / 18 / ..."
_HEAD_LINES = 6   # the address of a page, when it prints one, is among its first lines
_ADDRESS_DATE = regex.compile(rf"(?<![\p{{L}}\d]){DOMAIN}[ \t]*/[^\n]*?/[ \t]*"
                              r"((?:19|20)\d\d)[ \t]*/[ \t]*(\d{1,2})[ \t]*/[ \t]*(\d{1,2})[ \t]*(?:/|$)",
                              regex.IGNORECASE | regex.MULTILINE)
# A story opening with its place in the agency style: "BẮC GIANG - Sáng 12/3, ..." or "(Hà Nội) – ..."
_LEAD_PLACE = regex.compile(r"^\s*\(?([\p{L}][\p{L}.' ]{1,28}?)\)?\s*[-–—]\s")


@cache
def _place_cue() -> regex.Pattern:
    """What a province's name follows when it says where a story is: a unit word, a body that names
    its place with no unit word ("Tỉnh ủy Vĩnh Phúc", "Tỉnh đoàn Kiên Giang"; data/vocab/bodies.csv), the
    bracket after a smaller place ("huyện Nguyên Bình (Cao Bằng)"), or nothing before a name that carries its
    unit word ("TPHCM")."""
    names = {" ".join(v.casefold().split())
             for b in vocab.bodies().values() if b.bare_place for v in b.names}
    words = vocab.trie_pattern(dict.fromkeys(names | {"thành phố", "tỉnh"}, ""))
    # or nothing, where the name carries its unit word ("Công an TPHCM", "TP.HCM"); the bracket is found before
    # what precedes it is looked at, as a look-behind tried at every position had cost a tenth of extraction
    return regex.compile(rf"(?<![\p{{L}}])(?:{words}|TP\.?)\s+|\((?<=\p{{L}}\s*\()\s*"
                         rf"|(?<![\p{{L}}])(?=(?-i:TP\.?\s?\p{{Lu}}{{2,}}))", regex.IGNORECASE)


def published(page: Page) -> date | None:
    """The manifest's date, else the dateline's; a month-first/day-first tie is settled by the story."""
    manifest = page.article.manifest
    if manifest and manifest.published:
        return manifest.published
    if page.dateline is None:
        return _dated_address(page)
    for start, end, when, ambiguous in full_dates(page.dateline.text):
        if when is not None:
            return when
        if ambiguous:
            return _settle(page, page.dateline.text[start:end])
    return None


def _dated_address(page: Page) -> date | None:
    """The date in the page's address at its head, for a page that prints none
    ("danviet.vn / van-hoa-giai-tri / 2022 / 11 / 18 / quang-nam-ton-vinh-...")."""
    head = "\n".join(page.article.text.splitlines()[:_HEAD_LINES])
    found = _ADDRESS_DATE.search(head)
    return make_date(int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else None


def _settle(page: Page, written: str) -> date | None:
    """Pick the reading of an ambiguous date that the dates of the story's events fit (told within the
    week before it): "Sáng 25/4, ..." or "Ngày 25/4/2019, ..."; none when both or neither fit."""
    first, second, year = date_parts(DATE_WITH_YEAR.search(written))
    readings = [d for d in (make_date(year, second, first), make_date(year, first, second)) if d]
    fits = [r for r in readings if any(r - timedelta(days=7) <= told <= r for told in _told_on(page, r.year))]
    return fits[0] if len(fits) == 1 else None


def _told_on(page: Page, year: int) -> list[date]:
    """The dates the story tells its events on, a day and month taken as of the given year."""
    told = [d for p in page.paragraphs for d in [leading_date(p.text, None)] if d]
    for paragraph in page.paragraphs:
        told += [d for day, month in day_months(paragraph.text) for d in [make_date(year, month, day)] if d]
    return told


def author(page: Page) -> str | None:
    """The writer named by the byline: "Tin: Minh Thu; Ảnh: Quàng Hưng" is Minh Thu's."""
    if not page.byline:
        return None
    return without_photo_credit(_BYLINE_PREFIX.sub("", page.byline)).strip(" ;,.-–") or None


_SITE_WEIGHT = 10


def province(page: Page, when: date | None) -> str | None:
    """The article's province: the manifest's, else a vote of the title, the site and the text."""
    manifest = page.article.manifest
    if manifest and manifest.province:
        found = vocab.province_lexicon().match(manifest.province, 0)
        unit = vocab.province_of_day(found[1], when) if found else None
        return unit.id if unit else None
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for unit_id, weight, position in _evidence(page, when):
        votes[unit_id] += weight
        first_seen.setdefault(unit_id, position)
    if not votes:
        return None
    return max(votes, key=lambda u: (votes[u], -first_seen[u]))


def _named_place(prefix, when: date | None) -> str | None:
    """The province a title's or lead's place prefix names in full, if it names one."""
    if not prefix:
        return None
    place = prefix.group(1).strip()
    found = vocab.province_lexicon().match(place, 0)
    unit = vocab.province_of_day(found[1], when) if found and found[0] == len(place) else None
    return unit.id if unit else None


@cache
def _masthead() -> regex.Pattern:
    """A paper's or portal's name heading its page: "BÁO BẠC LIÊU ĐIỆN TỬ", "Cổng thông tin điện tử tỉnh Ninh Thuận"
    (the "masthead" words of data/vocab/boilerplate.csv)."""
    words = vocab.phrase_pattern(set(vocab.boilerplate().get("masthead", ()))) or "(?!x)x"
    return regex.compile(rf"\s*(?:{words})(?![\p{{L}}])", regex.IGNORECASE)


def _names_newspaper(line: str) -> bool:
    """A banner line naming a paper whose name does not say its province ("ĐỒNG KHỞI ONLINE")."""
    folded = fold(line).replace(" ", "")
    return any(name in folded for name, _ in vocab.folded_newspaper_names())


def _site_province(site: str, when: date | None) -> vocab.Province | None:
    """The province a site's name or address holds ("Báo Ninh Thuận", "baoninhthuan.com.vn"), or whose paper it is
    ("Báo Đồng Khởi" is Bến Tre's)."""
    folded = fold(site).replace(" ", "").replace("-", "").replace("&", "va")
    for name, units in vocab.folded_province_names() + vocab.folded_newspaper_names():
        if name in folded:
            return vocab.province_of_day(units, when)
    return None


def _evidence(page: Page, when):
    """(province id, weight, position) for each sign of the article's province: a "Bắc Giang: ..."
    title, the site's name, the page's banner ("BAN DÂN VẬN TỈNH ỦY QUẢNG TRỊ") or owner at its foot
    ("Bản quyền thuộc UBND tỉnh Quảng Trị"), a "BẮC GIANG - " lead, and each body of the story named
    with its province."""
    text = page.article.text
    heads = ((page.title, _TITLE_PLACE),) if page.title else ()
    if page.paragraphs:
        heads += ((page.paragraphs[0], _LEAD_PLACE),)
    for span, pattern in heads:
        unit_id = _named_place(pattern.match(span.text), when)
        if unit_id:
            yield unit_id, 3, span.start
    banner = banner_lines(page)
    # the site's name, its address heading the page ("baoninhthuan.com.vn") or its masthead ("BÁO BẠC LIÊU ĐIỆN
    # TỬ"); it outweighs the story's mentions, as a province's own paper reports its dealings with another
    # ("Thanh Hóa - TP Hồ Chí Minh ký kết ...", the city named more often)
    # (a site known by a tag that names no province, "(BLA) - ...", is known by its masthead: "BÁO LONG AN ONLINE")
    sites = ([page.site] if page.site else []) + [line for line in banner[:1] if WEB_ADDRESS.fullmatch(line)
                                                  or _masthead().match(line) or _names_newspaper(line)]
    unit = next(filter(None, (_site_province(site, when) for site in sites)), None)
    if unit:
        yield unit.id, _SITE_WEIGHT, 0
    for line in banner + owner_lines(page):
        for _, _, units in vocab.province_lexicon().finditer(line):
            unit = vocab.province_of_day(units, when)
            if unit:
                yield unit.id, 3, 0
    spans = ([page.title] if page.title else []) + list(page.paragraphs)
    for span in spans:
        for cue in _place_cue().finditer(text, span.start, span.end):
            found = vocab.province_lexicon().match(text, cue.end())
            if found:
                unit = vocab.province_of_day(found[1], when)
                if unit:
                    yield unit.id, 1, cue.start()
