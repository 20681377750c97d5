"""kg.clean.segment: title, dateline, story paragraphs, byline, site, page clutter."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.clean import segment
from kg.normalize import normalize_text
from kg.read import read_article
from kg.records import Article, ManifestEntry

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

TITLE = "Ký kết Chương trình phối hợp giữa Ban Dân vận Tỉnh ủy và UBND tỉnh Quảng Bình"
STORY = ("(Quang Binh Portal) - Sáng 28/2, Ban Dân vận Tỉnh ủy và UBND tỉnh đã ký kết Chương trình phối hợp "
         "giai đoạn 2024 - 2026 với nhiều nội dung quan trọng về công tác dân vận chính quyền.")
CAPTION = "Các đồng chí lãnh đạo tỉnh dự lễ ký kết."
CLOSING = "Hai bên thống nhất triển khai thực hiện các nội dung đã ký kết trong thời gian tới."


def article(text: str, manifest: ManifestEntry | None = None) -> Article:
    text = normalize_text(text)
    return Article("t", "t.txt", text, hashlib.sha256(text.encode()).hexdigest(), manifest)


def page_of(*lines: str, manifest: ManifestEntry | None = None):
    return segment(article("\n".join(lines) + "\n", manifest))


def texts(page) -> list[str]:
    return [p.text for p in page.paragraphs]


def test_full_page():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", "", STORY, CAPTION, CAPTION, CLOSING, "279 lượt xem",
                   "Tin, ảnh: Trần Minh Khoa", "Xem nhiều nhất", "Bài viết khác của chuyên mục này đang được cập nhật.")
    assert page.title.text == TITLE and page.title.rule == "title"
    assert page.dateline.text == "Thứ Năm, 29/2/2024" and page.dateline.rule == "dateline"
    assert texts(page) == [STORY, CAPTION, CLOSING]
    assert page.byline == "Tin, ảnh: Trần Minh Khoa"
    assert page.site == "Quang Binh Portal"


def test_spans_are_offsets_into_the_text():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CAPTION, CLOSING)
    text = page.article.text
    for span in [page.title, page.dateline, *page.paragraphs]:
        assert text[span.start:span.end] == span.text


def test_dateline_before_title():
    page = page_of("13:55, Thứ Sáu, 10-3-2023", TITLE, STORY, CLOSING)
    assert page.dateline.text == "13:55, Thứ Sáu, 10-3-2023"
    assert page.title.text == TITLE
    assert texts(page) == [STORY, CLOSING]


def test_page_header_line_dropped():
    page = page_of("Chi tiết bài viết", TITLE, "Đăng ngày: 19/04/2017 14:45:42", STORY)
    assert page.title.text == TITLE
    assert page.dateline.text == "Đăng ngày: 19/04/2017 14:45:42"
    assert texts(page) == [STORY]


@pytest.mark.parametrize("credit", ["Tin, ảnh: Trần Minh Khoa", "Bài và ảnh: Đặng Thị Hoa", "Tin và ảnh: Lê Văn Nam",
                                    "Bài, ảnh: Phạm Thị Thu", "PV:NQ"])
def test_byline_credit_lines(credit):
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, credit)
    assert page.byline == credit
    assert texts(page) == [STORY, CLOSING]


def test_short_name_line_at_the_end_is_the_byline():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Duy Dũng")
    assert page.byline == "Duy Dũng"
    assert texts(page) == [STORY, CLOSING]


def test_name_and_credit_lines_together():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Minh Khoa", "Nguồn: Báo Quảng Bình")
    assert page.byline == "Minh Khoa Nguồn: Báo Quảng Bình"
    assert texts(page) == [STORY, CLOSING]


@pytest.mark.parametrize("byline", ["Lê Hải – Văn phòng Hội Nông dân tỉnh", "Văn Tài (Trung tâm VH-TT huyện Lệ Thủy)"])
def test_name_with_workplace_is_the_byline(byline):
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, byline)
    assert page.byline == byline
    assert texts(page) == [STORY, CLOSING]


def test_story_sentence_is_not_a_byline():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING)
    assert page.byline is None
    assert texts(page)[-1] == CLOSING


@pytest.mark.parametrize("marker", ["Xem nhiều nhất", "Tin liên quan", "  • Từ khóa", "Các tin khác", "Tin cùng chuyên mục"])
def test_tail_boilerplate_cuts_the_rest(marker):
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Cao Biền", marker,
                   "Phát huy vai trò nữ đại biểu HĐND các cấp trong nhiệm kỳ mới của tỉnh Thái Bình",
                   "Nhằm tạo điều kiện phát triển nguồn nữ đại biểu HĐND các cấp, Hội Liên hiệp phụ nữ tỉnh tổ chức tập huấn.")
    assert texts(page) == [STORY, CLOSING]
    assert page.byline == "Cao Biền"


def test_caption_repeated_twice_counts_once():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CAPTION, CAPTION, CLOSING)
    assert texts(page).count(CAPTION) == 1
    assert texts(page) == [STORY, CAPTION, CLOSING]


@pytest.mark.parametrize("counter", ["279 lượt xem", "1.234 lượt xem", "15 lượt thích"])
def test_view_counter_dropped(counter):
    page = page_of(TITLE, "Thứ 6, 05.03.2021 | 00:00:00", counter, STORY, CLOSING)
    assert texts(page) == [STORY, CLOSING]
    assert all(counter not in p.text for p in page.paragraphs)


def test_share_and_punctuation_lines_dropped():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", "Chia sẻ", "Facebook", STORY, "* * *", CLOSING, "In bài viết")
    assert texts(page) == [STORY, CLOSING]


def test_site_in_parentheses():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING)
    assert page.site == "Quang Binh Portal"


def test_no_site_without_parentheses():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", CLOSING, STORY[len("(Quang Binh Portal) - "):])
    assert page.site is None


def test_manifest_site_wins():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, manifest=ManifestEntry("t.txt", site="Báo Vĩnh Phúc"))
    assert page.site == "Báo Vĩnh Phúc"


def test_trailing_dateline():
    page = page_of(TITLE, STORY, CLOSING, "Ngày đăng: 12/06/2023 10:15")
    assert page.dateline is not None and "12/06/2023" in page.dateline.text
    assert texts(page) == [STORY, CLOSING]


@pytest.mark.parametrize("stem, byline, site, first_words", [
    ("000_efcf34444f6c0f59", "Duy Dũng", None, "Lãnh đạo UBND tỉnh"),
    ("001_1550eb8971e3973a", "PV:NQ", "Quang Binh Portal", "(Quang Binh Portal)"),
    ("002_048c7ab740fc0ea3", "Bài và ảnh: Bùi Ngọc Tư", None, "Chiều 18/4"),
    ("003_6817a5d0fdb125dc", "Cao Biền", None, "Chiều 5/3"),
    ("004_a1149d6a6db7141a", "Tin, ảnh: NGUYỄN XUÂN", None, "Đồng chí Nguyễn Thành Thế"),
])
def test_sample_articles(stem, byline, site, first_words):
    page = segment(read_article(ARTICLES / f"{stem}.txt"))
    assert page.byline == byline
    assert page.site == site
    assert page.paragraphs[0].text.startswith(first_words)
    assert page.title is not None and page.dateline is not None
    clutter = ("Xem nhiều nhất", "Gửi cho bạn bè", "lượt xem", "Từ khóa", "Các tin khác", "Thông báo mới", "Chi tiết bài viết")
    assert not any(c in p.text for p in page.paragraphs for c in clutter)


def test_sample_repeated_caption_kept_once():
    page = segment(read_article(ARTICLES / "004_a1149d6a6db7141a.txt"))
    caption = "Năm 2023, tỉnh Vĩnh Long tiếp tục tổ chức thực hiện có hiệu quả công tác dân vận chính quyền trong cải cách hành chính."
    assert texts(page).count(caption) == 1
