"""Dates as Vietnamese pages write them, resolved against the article's own date.

"29/2/2024", "10-3-2023", "05.03.2021", "ngày 14/7/2015", "26 Tháng 2 2020" carry their year; "Chiều 18/4",
"ngày 13/3", "Sáng 14/9" do not, and take it from the article's date, when there is one.
"""
from __future__ import annotations

from datetime import date, timedelta

import regex

from kg.extract.sentences import AGENCY_TAG
from kg.records import PartialDate

_SEP = r"\s*[/.\-]\s*"
DATE_WITH_YEAR = regex.compile(
    rf"(?<![\d/.\-])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}((?:19|20)\d\d)(?![\d/])"
    rf"|(?<![\p{{L}}\d])(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s*,?\s*(?:năm\s+)?((?:19|20)\d\d)(?![\d/])"
    rf"|(?<![\d/.\-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d/])", regex.IGNORECASE)
_DATE_REACH = 30  # a date and a 12-hour clock after it ("3/10/2020 8:05:44 AM")
# an English 12-hour clock after d/m/y ("4/26/2019 9:14:31 AM") marks a system that may write the month first;
# the Vietnamese one ("12/12/2024 | 09:25 SA", SA/CH = sáng/chiều) writes the day first
_DATE_AFTER = regex.compile(r"\s*,?\s*(?:ký\s+)?ngày\s+", regex.IGNORECASE)
# a day and month with no year only counts after a word that announces a date ("Sáng 25/2", "Sáng nay (15/3)",
# "Sáng ngày 15 tháng 3")
_DAY_MONTH = regex.compile(
    r"(?<![\p{L}\d])(?:(?:sáng|chiều|tối|trưa|đêm|hôm|ngày)(?:\s+(?:ngày|nay|qua|mai))?\s+)\(?"
    r"(\d{1,2})(?:[/.\-]|\s+tháng\s+)(\d{1,2})(?![\d/.\-]*\d)(?!\s*,?\s*(?:năm\s+)?(?:19|20)\d\d)",
    regex.IGNORECASE)
# a time of day before a full date marks a date the story tells its events by ("sáng ngày 12/6/2024")
_TIME_OF_DAY = regex.compile(r"(?<![\p{L}])(?:sáng|chiều|tối|trưa|đêm)(?:\s+ngày)?\s+$", regex.IGNORECASE)
# "từ 1/4 đến 30/4": a span of days; "từ" or "đến" alone before d/m is as often a fraction ("giảm đến 2/3")
_DAY_MONTH_RANGE = regex.compile(r"(?<![\p{L}\d])từ\s+(\d{1,2})[/.\-](\d{1,2})\s+đến\s+(\d{1,2})[/.\-](\d{1,2})(?![\d/.\-]*\d)",
                                 regex.IGNORECASE)
# a year named as one: "năm 2023"; a span of years: "2021 - 2025", "2021 đến năm 2025"
YEAR_NAMED = regex.compile(r"(?<![\p{L}])năm\s+((?:19|20)\d\d)(?![\d/])", regex.IGNORECASE)
YEAR_RANGE = regex.compile(r"(?<![\d/.\-])((?:19|20)\d\d)\s*(?:[-–—]|đến(?:\s+hết)?(?:\s+năm)?)\s*"
                           r"((?:19|20)\d\d)(?![\d/])", regex.IGNORECASE)
_MONTH_YEAR = regex.compile(r"(?<![\p{L}\d])tháng\s+(\d{1,2})\s*[/\-.]\s*((?:19|20)\d\d)(?!\d)", regex.IGNORECASE)
_CLOCK_AMPM = regex.compile(r"[\s|,\-–]+\d{1,2}:\d\d(?::\d\d)?\s*[AaPp]\.?[Mm]\b")
# the words a dateline writes around its date: "Thứ tư, 26 Tháng 2 2020", "Ngày 12/12/2024 lúc 09:25"
CALENDAR_WORDS = regex.compile(r"(?<![\p{L}])(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-8])|chủ\s+nhật|CN|ngày|lúc|giờ)(?![\p{L}])",
                               regex.IGNORECASE)
# what may open a lead before its date: the site or agency ("BHD - "), "Trước đó," (what came before the story's
# event, on its own day), "Vào", the time of day, "nay"/"qua" ("Sáng nay (15/3)", "Chiều qua (14/3)", "Hôm nay
# 15/3", "Ngày hôm qua (14/3)"), "ngày"
_LEADING = regex.compile(rf"(?:(?-i:{AGENCY_TAG.pattern}))?\W*(?:trước\s+đó\s*,?\s*)?(?:vào\s+)?(?:ngày\s+(?=hôm))?"
                         r"(?:(?:sáng|chiều|tối|trưa|đêm|hôm)(?:\s+(?:nay|qua))?\s+)?(?:ngày\s+)?\(?\s*", regex.IGNORECASE)


# a day named relative to the article's, with no date after it: "Chiều hôm qua, ...", "Sáng nay, ..."
_RELATIVE_DAY = regex.compile(rf"(?:(?-i:{AGENCY_TAG.pattern}))?\W*(?:vào\s+)?(?:ngày\s+)?"
                              r"(?:(?:sáng|chiều|tối|trưa|đêm)(?:\s+hôm)?|hôm)\s+(nay|qua)\s*,", regex.IGNORECASE)


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_dates(text: str) -> list[tuple[int, int, date | None, bool]]:
    """(start, end, date, ambiguous) for each day-month-year in the text.

    A date written before a 12-hour clock ("3/10/2020 8:05:44 AM") comes from a
    month-first system; it is only ambiguous when both readings are valid dates.
    """
    found = []
    for match in DATE_WITH_YEAR.finditer(text):
        first, second, year = date_parts(match)
        day_first = make_date(year, second, first)
        if match.group(1) is None or not _CLOCK_AMPM.match(text, match.end()):  # only d/m/y can be month-first
            found.append((match.start(), match.end(), day_first, False))
            continue
        month_first = make_date(year, first, second)
        ambiguous = bool(day_first and month_first and day_first != month_first)
        found.append((match.start(), match.end(), None if ambiguous else (month_first or day_first), ambiguous))
    return found


def date_parts(match: regex.Match) -> tuple[int, int, int]:
    """(first number, second number, year) of a DATE_WITH_YEAR match, any form; ISO is (day, month, year)."""
    if match.group(7) is not None:
        year, month, day = (int(match.group(i)) for i in (7, 8, 9))
        return day, month, year
    first, second, year = (int(g) for g in match.groups() if g is not None)
    return first, second, year


def date_after(text: str, pos: int, stop: int | None = None) -> tuple[date | None, int]:
    """A dated reference right after pos (", ngày 14/7/2015"): the date and where it ends."""
    stop = len(text) if stop is None else stop
    lead = _DATE_AFTER.match(text, pos, stop)
    found = DATE_WITH_YEAR.match(text, lead.end(), stop) if lead else None
    if not found:
        return None, pos
    day, month, year = date_parts(found)
    return make_date(year, month, day), found.end()


def resolve_day_month(day: int, month: int, reference: date | None) -> date | None:
    """A day and month take the article's year; a date far after the article is last year's."""
    if reference is None:
        return None
    guess = make_date(reference.year, month, day)
    if guess is None:
        return None
    if guess > reference + timedelta(days=31):
        return make_date(reference.year - 1, month, day)
    return guess


def dates_in(text: str, reference: date | None) -> list[tuple[int, int, date]]:
    """Every resolvable date in a stretch of text, in order."""
    found = [(s, e, d) for s, e, d, _ in full_dates(text) if d is not None]
    taken = [(s, e) for s, e, _ in found]
    spans = [(m.start(1), m.end(2), int(m.group(1)), int(m.group(2))) for m in _DAY_MONTH.finditer(text)]
    for m in _DAY_MONTH_RANGE.finditer(text):
        spans += [(m.start(1), m.end(2), int(m.group(1)), int(m.group(2))),
                  (m.start(3), m.end(4), int(m.group(3)), int(m.group(4)))]
    for start, end, day, month in spans:
        if any(s <= start < e for s, e in taken):
            continue
        resolved = resolve_day_month(day, month, reference)
        if resolved:
            found.append((start, end, resolved))
            taken.append((start, end))
    return sorted(found)


def leading_date(sentence: str, reference: date | None) -> date | None:
    """The date a sentence opens with ("Chiều 18/4, ...", "Sáng ngày 10/3/2023, ..."), or the day it names
    relative to the article's ("Chiều hôm qua, ...", "Sáng nay, ...")."""
    prefix = _LEADING.match(sentence)
    start = prefix.end() if prefix else 0
    for s, _, when in dates_in(sentence[: start + _DATE_REACH], reference):
        if s == start:
            return when
    relative = _RELATIVE_DAY.match(sentence)
    if relative is None or reference is None:
        return None
    return reference - timedelta(days=1) if relative.group(1).casefold() == "qua" else reference


def timed_dates(text: str) -> list[date]:
    """Full dates written after a time of day ("chiều 14/8/2025"): days of events, never of documents."""
    return [d for s, _, d, _ in full_dates(text) if d is not None and _TIME_OF_DAY.search(text[max(0, s - 15):s])]


def day_months(text: str) -> list[tuple[int, int]]:
    """(day, month) of each date written without its year after a word that announces it ("Sáng 25/4")."""
    return [(int(m.group(1)), int(m.group(2))) for m in _DAY_MONTH.finditer(text)]


def month_years(text: str) -> list[tuple[int, int, PartialDate]]:
    return [(m.start(), m.end(), PartialDate(int(m.group(2)), int(m.group(1)), None))
            for m in _MONTH_YEAR.finditer(text) if 1 <= int(m.group(1)) <= 12]


def years_named(text: str) -> list[int]:
    """The years a text names: those of its full dates, of its months ("tháng 5/2023"), "năm 2023", and the last of
    a span of years ("giai đoạn 2022 - 2026")."""
    return ([d.year for _, _, d, _ in full_dates(text) if d is not None]
            + [partial.year for _, _, partial in month_years(text)]
            + [int(m.group(1)) for m in YEAR_NAMED.finditer(text)]
            + [int(m.group(2)) for m in YEAR_RANGE.finditer(text)])
