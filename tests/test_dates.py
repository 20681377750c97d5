"""kg.extract.dates and the dates of a page (kg.clean datelines, kg.extract.article.published):
dates as Vietnamese pages write them (cases in tests/patterns/dates.json)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.clean import is_dateline, segment
from kg.extract.article import published
from kg.extract.facts import extract_article
from kg.extract.dates import dates_in, full_dates, leading_date, make_date, month_years, resolve_day_month
from kg.normalize import normalize_text
from kg.records import Article

CASES = json.loads((Path(__file__).parent / "patterns" / "dates.json").read_text(encoding="utf-8"))["cases"]


def _iso(value):
    return value.isoformat() if value is not None else None


def _ref(case):
    return date.fromisoformat(case["ref"]) if case.get("ref") else None


def _run(case):
    text = normalize_text(case["text"])
    fn = case["fn"]
    if fn == "dates_in":
        found = dates_in(text, _ref(case))
        for start, end, _ in found:  # spans cover digits of the text
            assert text[start].isdigit() and text[end - 1].isdigit()
        return [_iso(d) for _, _, d in found]
    if fn == "leading_date":
        return _iso(leading_date(text, _ref(case)))
    if fn == "full_dates":
        return [[_iso(d), ambiguous] for _, _, d, ambiguous in full_dates(text)]
    if fn == "month_years":
        return [[p.year, p.month] for _, _, p in month_years(text)]
    if fn == "dateline":
        return is_dateline(text)
    if fn == "published":
        return _iso(published(segment(Article("t", "t.txt", text + "\n", "0"))))
    raise AssertionError(f"unknown fn {fn}")


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if c.get("xfail") else [])
    for c in CASES])
def test_date_pattern(case):
    assert _run(case) == case["expect"]


def test_case_ids_are_unique():
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_resolve_day_month_rules():
    article = date(2023, 3, 14)
    assert resolve_day_month(14, 3, article) == date(2023, 3, 14)
    assert resolve_day_month(1, 1, article) == date(2023, 1, 1)
    assert resolve_day_month(14, 4, article) == date(2023, 4, 14)      # 31 days later: same year
    assert resolve_day_month(15, 4, article) == date(2022, 4, 15)      # more than a month later: last year
    assert resolve_day_month(25, 12, date(2023, 1, 5)) == date(2022, 12, 25)
    assert resolve_day_month(3, 8, None) is None
    assert resolve_day_month(31, 4, article) is None


def test_make_date():
    assert make_date(2024, 2, 29) == date(2024, 2, 29)
    assert make_date(2023, 2, 29) is None
    assert make_date(2023, 13, 1) is None


def _undated_page(*paragraphs: str):
    text = normalize_text("\n".join(["Ban Dân vận Tỉnh ủy làm việc với các huyện về công tác dân vận", *paragraphs]) + "\n")
    return extract_article(Article("t", "t.txt", text, "0"))


_CHAIRED = "Chiều 24/10, đồng chí Trần Văn Bảo, Trưởng Ban Dân vận Tỉnh ủy chủ trì buổi làm việc với các huyện."


def test_a_page_with_no_date_reads_its_events_in_the_year_of_its_own_dated_events():
    facts = _undated_page("Ngày 23/10/2014, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác dân vận quý III.",
                          _CHAIRED)
    assert facts.published is None
    assert facts.events[0].date == date(2014, 10, 24)


def test_a_page_with_no_date_whose_events_disagree_on_the_year_reads_none():
    first = "Đoàn đã làm việc với huyện Mường Tè vào chiều ngày 23/10/2014."
    assert _undated_page(first, _CHAIRED).events[0].date == date(2014, 10, 24)
    facts = _undated_page(first, "Đoàn làm việc với huyện Sìn Hồ vào sáng ngày 5/1/2015.", _CHAIRED)
    assert facts.published is None
    assert facts.events[0].date is None


def test_a_documents_date_dates_no_event():
    facts = _undated_page("Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư, các huyện đã ban hành "
                          "kế hoạch triển khai.", _CHAIRED)
    assert facts.events[0].date is None


def _headed_page(header: str, lead: str):
    text = normalize_text(f"{header}\nBÁO BÌNH ĐỊNH ĐIỆN TỬ\n\nChủ tịch UBND tỉnh tiếp công dân định kỳ tháng 9\n\n{lead}\n")
    return extract_article(Article("t", "t.txt", text, "0"))


def test_a_date_above_the_headline_long_after_the_lead_is_the_day_the_page_was_viewed():
    lead = ("(BĐ) - Sáng 15/9/2020, đồng chí Võ Trọng Nghĩa, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh đã chủ trì buổi "
            "tiếp công dân định kỳ tháng 9/2020.")
    viewed = _headed_page("Thứ Ba, ngày 02 tháng 12 năm 2025 | Đường dây nóng: 0256.3822.xxx", lead)
    assert viewed.published is None
    assert viewed.events[0].date == date(2020, 9, 15)
    assert _headed_page("Thứ Tư, 16/09/2020", lead).published == date(2020, 9, 16)


def test_a_date_above_the_headline_before_the_lead_s_day_is_the_day_the_page_was_viewed():
    lead = "Sáng 16/2, Đảng ủy, HĐND, UBND, Ủy ban MTTQ xã Tân Lĩnh tổ chức hội nghị lấy ý kiến Nhân dân về dự thảo."
    assert _headed_page("Thứ Năm, ngày 15/02/2024", lead).published is None
    assert _headed_page("Thứ Sáu, ngày 16/02/2024", lead).published == date(2024, 2, 16)


def test_a_date_above_the_headline_long_after_every_year_the_story_names_is_the_day_the_page_was_viewed():
    story = ("Nhân kỷ niệm 45 năm Ngày giải phóng tỉnh (1/5/1972 - 1/5/2017), Ban Thường vụ Tỉnh ủy gặp mặt cán bộ "
             "lão thành cách mạng.")
    assert _headed_page("Thứ Năm, 07/12/2023", story).published is None
    assert _headed_page("Thứ Ba, 02/05/2017", story).published == date(2017, 5, 2)
    # a period the story names that reaches the date's year keeps it the page's own
    signed = "Hai bên ký kết Chương trình phối hợp giai đoạn 2022 - 2026, thực hiện Chương trình số 03 ngày 15/12/2021."
    assert _headed_page("Thứ Năm, 29/2/2024", signed).published == date(2024, 2, 29)


def test_a_lead_without_its_year_is_read_against_the_date_above_the_headline():
    lead = "(BHG) - Ngày 20/4, Ban Thường trực Ủy ban MTTQ tỉnh tổ chức Hội nghị hiệp thương lần thứ ba năm 2021."
    assert _headed_page("Thứ Sáu, 05/12/2025", lead).published is None
    assert _headed_page("Thứ Ba, 21/04/2021", lead).published == date(2021, 4, 21)
