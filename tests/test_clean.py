"""kg.clean.segment: title, dateline, story paragraphs, byline, site, page clutter."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from kg.clean import segment, tab_rows_as_bars, table_rows_as_clauses, unwrap_hard_wrapped
from kg.extract.article import author, province
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


@pytest.mark.parametrize("line", ["Thứ Sáu, 22/9/2017 - 17:05 (cập nhật liên tục)", "22/09/2017 17:05 (giờ Hà Nội)",
                                  "29/01/2015 09:12       Lượt xem: 1.132       [A-] [A+]",
                                  "20/04/2024 - 08:05    In bài viết    Gửi email    Cỡ chữ: A- A+",
                                  "Posted: 15/03/2018 09:45     Views: 1.326     Font size: A- A A+",
                                  "Ngày đăng: 21/10/2016 08:15   Tác giả: Thạch Sa Rinh",
                                  "Hà Tĩnh - 19-07-2023 09:15", "Đăng lúc: 15 giờ 10 phút, ngày 20/8/2025"])
def test_dateline_with_an_aside(line):
    page = page_of(TITLE, line, STORY, CLOSING)
    assert page.dateline.text == line
    assert texts(page) == [STORY, CLOSING]


def test_a_date_beside_the_weather_is_the_day_the_page_was_viewed():
    page = page_of("BÁO HÒA BÌNH ĐIỆN TỬ", "Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Hòa Bình - Tiếng nói của Đảng bộ, "
                   "chính quyền, nhân dân Hòa Bình", "Trang nhất | Chính trị | Kinh tế | Xã hội",
                   "Thứ Hai, 22/5/2023 | Thời tiết: Hòa Bình 24°C - 33°C", TITLE, "Cập nhật: 08:10, 19/05/2023", STORY,
                   CLOSING)
    assert page.dateline.text == "Cập nhật: 08:10, 19/05/2023"


@pytest.mark.parametrize("header", ["Thứ Ba, 09/12/2025 - 08:17 | Hà Tĩnh 24°C",
                                    "Thứ Hai, 22/5/2023 | Thời tiết: Hòa Bình 24°C - 33°C"])
def test_a_page_dated_only_beside_the_weather_has_no_date_of_its_own(header):
    page = page_of(header, "BÁO VÀ PHÁT THANH, TRUYỀN HÌNH HÀ TĨNH", "Thời sự | Chính trị | Kinh tế", TITLE, STORY,
                   CLOSING)
    assert page.dateline is None


def test_a_breadcrumb_ending_in_the_date():
    page = page_of("Trang chủ » Tin tức - Sự kiện » Kinh tế » 28/12/2016", TITLE, STORY, CLOSING)
    assert page.dateline.text == "Trang chủ » Tin tức - Sự kiện » Kinh tế » 28/12/2016"
    assert texts(page) == [STORY, CLOSING]


def test_a_date_at_the_foot_of_the_page():
    page = page_of(TITLE, STORY, CLOSING, "Các tin khác", "- " + TEASERS[0], "Gửi bài viết cho bạn bè | In bài viết",
                   "Ngày 17/03/2016")
    assert page.dateline.text == "Ngày 17/03/2016"
    assert texts(page) == [STORY, CLOSING]


def test_a_bracketed_date_in_a_sentence_is_no_dateline():
    line = "Hội nghị Ban Thường vụ Tỉnh ủy (ngày 12/3/2024)"
    page = page_of(TITLE, "Thứ Sáu, 22/3/2024", line, STORY)
    assert texts(page) == [line, STORY]


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


# Related-article blocks: whatever heading they carry, the names in their headlines are not story.

TEASER_NAMES = ("Hoàng Quốc Việt", "Đinh Thị Ngân")
TEASERS = ["Phó Chủ tịch UBND tỉnh Hoàng Quốc Việt kiểm tra tiến độ xây dựng nông thôn mới",
           "Trưởng Ban Tuyên giáo Tỉnh ủy Đinh Thị Ngân dự lễ khai giảng lớp bồi dưỡng"]


def _story_text(page) -> str:
    return " ".join(s.text for s in ([page.title] if page.title else []) + list(page.paragraphs))


@pytest.mark.parametrize("heading, bullet", [
    ("Tin liên quan:", "- "), ("Các tin đã đưa:", "- "), ("Bài viết khác:", "- "), ("Các tin khác:", "- "),
    ("Bài viết khác", "• "), ("Các tin khác", "› "), ("Cùng chuyên mục", "- "), ("TIN LIÊN QUAN", ""),
    ("Tin cùng chuyên mục", ">> "), ("Xem nhiều nhất", "1. "), ("Bình luận (0)", ""), ("Các tin, bài khác:", "- "),
])
def test_teaser_block_of_any_heading_is_cut(heading, bullet):
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CAPTION, CLOSING, "Minh Khoa", heading,
                   *[bullet + t for t in TEASERS])
    assert texts(page) == [STORY, CAPTION, CLOSING]
    assert page.byline == "Minh Khoa"
    assert not any(name in _story_text(page) for name in TEASER_NAMES)


SIGNING = ("Tại hội nghị, đồng chí Trần Văn Phong, Trưởng Ban Dân vận Tỉnh ủy và đồng chí Lê Thị Hoa, Phó Chủ tịch "
           "UBND tỉnh đã ký kết Chương trình phối hợp giai đoạn 2024 - 2026.")


def test_a_box_of_related_articles_inside_the_story_is_left_out_and_the_story_goes_on():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, "Tin liên quan:", *["» " + t for t in TEASERS],
                   SIGNING, CLOSING, "Minh Khoa")
    assert texts(page) == [STORY, SIGNING, CLOSING]
    assert page.byline == "Minh Khoa"
    assert not any(name in _story_text(page) for name in TEASER_NAMES)


def test_related_articles_with_one_summary_under_them_still_end_the_story():
    summary = "Nhằm tạo điều kiện phát triển nguồn nữ đại biểu HĐND các cấp, Hội Liên hiệp phụ nữ tỉnh tổ chức tập huấn."
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Minh Khoa", "Tin liên quan:",
                   *["» " + t for t in TEASERS], summary)
    assert texts(page) == [STORY, CLOSING]


def test_the_site_s_owner_under_the_related_articles_is_no_story_going_on():
    owner = ("© Báo Hà Tĩnh. Tổng Biên tập: Nguyễn Văn Hải. Giấy phép số 38/GP-BTTTT ngày 24/01/2012 của Bộ Thông tin "
             "và Truyền thông.")
    address = "Địa chỉ: 58 Phan Đình Phùng, TP Hà Tĩnh. Ghi rõ nguồn Báo Hà Tĩnh khi phát hành lại thông tin từ website này."
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Minh Khoa", "Tin liên quan:",
                   *["- " + t for t in TEASERS], owner, address)
    assert texts(page) == [STORY, CLOSING]


def test_teasers_after_the_share_line():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Minh Khoa", "Chia sẻ   |   In   |   Lượt xem: 2.031",
                   "Bài viết khác", *["- " + t for t in TEASERS])
    assert texts(page) == [STORY, CLOSING] and page.byline == "Minh Khoa"


def test_dated_teasers_without_a_heading_are_cut():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Minh Khoa",
                   *[f"{t} (2{n}/02/2024)" for n, t in enumerate(TEASERS)])
    assert texts(page) == [STORY, CLOSING]
    assert not any(name in _story_text(page) for name in TEASER_NAMES)


def test_listed_headlines_ending_the_page_are_cut():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Minh Khoa", *["- " + t for t in TEASERS])
    assert texts(page) == [STORY, CLOSING] and page.byline == "Minh Khoa"


def test_a_story_list_introduced_by_a_colon_stays():
    items = ["- Đồng chí Hoàng Quốc Việt, Phó Chủ tịch UBND tỉnh", "- Đồng chí Đinh Thị Ngân, Trưởng Ban Tuyên giáo Tỉnh ủy"]
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, "Tham dự hội nghị có các đồng chí:", *items)
    assert texts(page)[-2:] == items


def test_caption_and_byline_before_the_teasers_stay():
    caption = "Đồng chí Lê Minh Tuấn, Chủ tịch UBND tỉnh phát biểu tại hội nghị."
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, caption + " Ảnh: Thu Hà", "Thu Hà - Văn phòng UBND tỉnh",
                   "Tin liên quan:", *["- " + t for t in TEASERS])
    assert texts(page) == [STORY, caption]
    assert page.byline == "Thu Hà - Văn phòng UBND tỉnh"


def test_a_long_caption_closed_by_its_credit_ends_the_story_whole():
    caption = ("Đại tá Lê Quang Phước, Chủ tịch Hội Nạn nhân chất độc da cam tỉnh và bà Nguyễn Thị Hoài Thu, Chủ tịch "
               "Hội Chữ thập đỏ tỉnh ký kết chương trình phối hợp")
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, caption + " - Ảnh: T.L", "Thanh Lê")
    assert texts(page) == [STORY, caption] and page.byline == "Thanh Lê"


@pytest.mark.parametrize("caption, kept", [
    ("Quang cảnh hội nghị. Ảnh: Thu Hà", "Quang cảnh hội nghị."),
    ("Đồng chí Lê Minh Tuấn phát biểu tại hội nghị - Ảnh: Đ.T", "Đồng chí Lê Minh Tuấn phát biểu tại hội nghị"),
    ("Các đại biểu dự hội nghị (Ảnh: Minh Khoa)", "Các đại biểu dự hội nghị"),
    ("Lãnh đạo hai bên ký kết chương trình phối hợp. Nguồn ảnh: Báo Quảng Bình", "Lãnh đạo hai bên ký kết chương trình phối hợp."),
    ("Ông Nguyễn Văn Ảnh phát biểu tại hội nghị.", "Ông Nguyễn Văn Ảnh phát biểu tại hội nghị."),
])
def test_photo_credit_leaves_the_caption(caption, kept):
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, caption, CLOSING)
    assert texts(page) == [STORY, kept, CLOSING]


@pytest.mark.parametrize("byline", ["K' Hưng - Ban Dân vận Huyện ủy Đức Trọng", "Tin: Minh Thu; Ảnh: Quàng Hưng",
                                    "HOÀNG PHONG - ĐỨC ANH", "Quốc Huy (Ban Dân vận Quận ủy Quận 10)", "NHÓM PHÓNG VIÊN",
                                    "NGUYỄN THỊ THU HÀ - BAN DÂN VẬN TỈNH ỦY"])
def test_more_bylines(byline):
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, byline, "In bài | Gửi email | Về đầu trang")
    assert page.byline == byline
    assert texts(page) == [STORY, CLOSING]


# The page's head: banner, menus, breadcrumbs and slogans are not the title.

@pytest.mark.parametrize("head", [
    ["CỔNG THÔNG TIN ĐIỆN TỬ TỈNH THÁI NGUYÊN", "Tin tức - Sự kiện > Nội chính"],
    ["BAN DÂN VẬN TỈNH ỦY QUẢNG TRỊ", "Trang chủ | Giới thiệu | Tin tức - Sự kiện | Dân vận khéo | Liên hệ"],
    ["Cổng thông tin điện tử tỉnh An Giang và các đơn vị trực thuộc tỉnh"],
    ["BÁO VÀ PHÁT THANH, TRUYỀN HÌNH HẢI PHÒNG", "Thời sự | Chính trị | Kinh tế", "Chính trị"],
    ["Nhiệt liệt chào mừng kỷ niệm 94 năm Ngày thành lập Mặt trận Dân tộc Thống nhất Việt Nam (18/11/1930 - 18/11/2024)"],
    ['"Dân vận khéo thì việc gì cũng thành công"'],
    ["Trang chủ   Giới thiệu   Tin tức - Sự kiện   Dân vận chính quyền   Văn bản chỉ đạo   Liên hệ"],
])
def test_site_head_is_not_the_title(head):
    page = page_of(*head, TITLE, "Ngày đăng: 12/03/2024 | 09:15", STORY, CLOSING)
    assert page.title.text == TITLE
    assert page.dateline.text == "Ngày đăng: 12/03/2024 | 09:15"
    assert texts(page) == [STORY, CLOSING]


def test_title_in_capitals_under_a_banner_in_capitals():
    title = "BAN DÂN VẬN TỈNH ỦY VÀ HỘI NÔNG DÂN TỈNH KÝ KẾT CHƯƠNG TRÌNH PHỐI HỢP GIAI ĐOẠN 2024 - 2029"
    page = page_of("BAN DÂN VẬN TỈNH ỦY BẮC KẠN", "Trang chủ » Tin tức", title, "12/03/2024 - 09:15", STORY)
    assert page.title.text == title


def test_subtitle_under_the_title_is_story():
    page = page_of(TITLE, "Thông qua 12 nghị quyết quan trọng về kinh tế", "Ngày: 08/12/2023", STORY)
    assert page.title.text == TITLE
    assert texts(page) == ["Thông qua 12 nghị quyết quan trọng về kinh tế", STORY]


def test_dateline_after_the_lead():
    page = page_of(TITLE, STORY, "21/03/2024 15:12 GMT+7", CLOSING)
    assert page.dateline.text == "21/03/2024 15:12 GMT+7"
    assert texts(page) == [STORY, CLOSING]


def test_an_author_and_the_date_at_the_foot():
    page = page_of(TITLE, "Cập nhật: 9 giờ trước", STORY, CLOSING, "MINH CHÂU  •  15/08/2025 10:21")
    assert page.dateline.text == "MINH CHÂU  •  15/08/2025 10:21"
    assert texts(page) == [STORY, CLOSING]


def test_dateline_after_the_byline():
    page = page_of(TITLE, STORY, CLOSING, "TRƯỜNG AN", "Cập nhật lúc: 17:05 - 08/11/2023", "Lượt xem: 642",
                   "Chia sẻ: Facebook | Zalo | Twitter | In bài", "TIN LIÊN QUAN", "- " + TEASERS[0])
    assert page.dateline.text == "Cập nhật lúc: 17:05 - 08/11/2023"
    assert page.byline == "TRƯỜNG AN"
    assert texts(page) == [STORY, CLOSING]


def test_menus_and_counters_dropped():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", "Lượt xem: 2.318 | In bài | Gửi email | Chia sẻ: Facebook  Zalo", STORY,
                   "[ Quay lại ]  [ In trang ]  [ Gửi bạn bè ]", "< Trước   Tiếp >", CLOSING, "Số lượt xem: 856")
    assert texts(page) == [STORY, CLOSING]


def test_a_long_menu_may_hold_a_longer_item():
    menu = "Chính trị  Kinh tế  Xã hội  Pháp luật  Văn hóa  Thể thao  Đất và người Gia Lai  Multimedia"
    page = page_of("Báo Gia Lai điện tử", menu, "Thứ hai, 7/12/2026 | Hotline: 0269.3824 569", TITLE, "18-11-2025 19:05",
                   STORY, CLOSING)
    assert page.title.text == TITLE
    assert page.dateline.text == "18-11-2025 19:05"


def test_banner_names_the_province():
    page = page_of("BAN DÂN VẬN TỈNH ỦY QUẢNG TRỊ", "Trang chủ | Tin tức", "Hội nghị giao ban công tác dân vận quý I",
                   "12/04/2019 08:15", "Sáng 11/4, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác dân vận quý I năm 2019.")
    assert province(page, None) == "2008-quang-tri"


def test_a_banner_in_capitals_but_for_the_site_s_address_names_the_province():
    page = page_of("Thứ Bảy, 06/12/2025  |  Đăng nhập", "BÁO HẢI DƯƠNG - baohaiduong.vn",
                   "Hội nghị giao ban công tác dân vận quý I", "12/04/2019 08:15",
                   "Sáng 11/4, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác dân vận quý I năm 2019.")
    assert province(page, None) == "2008-hai-duong"


@pytest.mark.parametrize("address, unit", [("baoninhthuan.com.vn", "2008-ninh-thuan"),
                                           ("https://www.baobinhphuoc.com.vn/", "2008-binh-phuoc"),
                                           ("baomoi.com", None), ("dangcongsan.vn", None)])
def test_the_site_s_address_heading_the_page_names_the_province(address, unit):
    page = page_of(address, "☰   BÁO ĐIỆN TỬ   🔍", "Hội nghị giao ban công tác dân vận quý I", "12/04/2019 08:15",
                   "Sáng 11/4, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác dân vận quý I năm 2019.")
    assert province(page, None) == unit


def test_the_site_outweighs_the_province_the_story_names_more_often():
    page = page_of("baothanhhoa.vn", "Thanh Hóa - TP Hồ Chí Minh ký kết chương trình hợp tác phát triển du lịch",
                   "25/04/2014 07:45",
                   "Chiều 24/4, UBND tỉnh Thanh Hóa và UBND TP Hồ Chí Minh ký kết Chương trình hợp tác. Giám đốc Sở "
                   "Du lịch TP Hồ Chí Minh cho biết khách của TP Hồ Chí Minh đến Thanh Hóa tăng; TP Hồ Chí Minh sẽ "
                   "chỉ đạo các doanh nghiệp của TP Hồ Chí Minh xây dựng tour.")
    assert province(page, None) == "2008-thanh-hoa"


def test_a_masthead_names_the_province_a_site_s_tag_does_not():
    page = page_of("BÁO LONG AN ONLINE", "TP.HCM - Long An ký kết Chương trình hợp tác", "15/10/2016",
                   "(BLA) - Chiều 13/10, Thành ủy, UBND TP.Hồ Chí Minh và Tỉnh ủy, UBND tỉnh Long An ký kết chương "
                   "trình hợp tác. Bí thư Thành ủy TP.Hồ Chí Minh và Chủ tịch UBND TP.Hồ Chí Minh dự.")
    assert province(page, None) == "2008-long-an"


@pytest.mark.parametrize("masthead, unit", [("BÁO ĐỒNG KHỞI ONLINE", "2008-ben-tre"), ("ĐỒNG KHỞI ONLINE", "2008-ben-tre"),
                                             ("sggp.org.vn", "2008-ho-chi-minh")])
def test_a_paper_known_by_another_name_names_its_province(masthead, unit):
    page = page_of(masthead, "Ban Nội chính Tỉnh ủy ký kết quy chế phối hợp", "11/03/2025 17:20",
                   "Sáng 11-3, Ban Nội chính Tỉnh ủy tổ chức hội nghị và ký kết Quy chế phối hợp với Đảng ủy UBND tỉnh.")
    assert province(page, None) == unit


def test_a_line_saying_whose_paper_the_site_is_names_the_province():
    page = page_of("TIN TỨC ONLINE", "Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Bến Tre - Tiếng nói của Đảng bộ",
                   "Ban Nội chính Tỉnh ủy ký kết quy chế phối hợp", "11/03/2025 17:20",
                   "Sáng 11-3, Ban Nội chính Tỉnh ủy tổ chức hội nghị và ký kết Quy chế phối hợp với Đảng ủy UBND tỉnh.")
    assert province(page, None) == "2008-ben-tre"


def test_a_paper_s_masthead_outweighs_the_province_its_visitors_come_from():
    page = page_of("BÁO BẠC LIÊU ĐIỆN TỬ", "Lãnh đạo tỉnh tiếp đoàn công tác tỉnh Sóc Trăng", "14/04/2016 - 15:20",
                   "Sáng 13/4, Chủ tịch UBND tỉnh tiếp đoàn công tác tỉnh Sóc Trăng do Phó Chủ tịch UBND tỉnh Sóc "
                   "Trăng dẫn đầu; cùng đi có Giám đốc Sở Công Thương tỉnh Sóc Trăng và lãnh đạo UBND các huyện.")
    assert province(page, None) == "2008-bac-lieu"


@pytest.mark.parametrize("foot, unit", [("Bản quyền thuộc Ủy ban nhân dân tỉnh Quảng Trị", "2008-quang-tri"),
                                        ("© Cơ quan chủ quản: Sở Thông tin và Truyền thông tỉnh Bắc Kạn", "2008-bac-kan"),
                                        ("Địa chỉ: số 5 đường Hùng Vương, tỉnh Quảng Trị", None)])
def test_the_owner_at_the_foot_of_a_portal_names_the_province(foot, unit):
    page = page_of("CỔNG THÔNG TIN ĐIỆN TỬ", "Hội nghị giao ban công tác dân vận quý I", "12/04/2019 08:15",
                   "Sáng 11/4, Ban Dân vận tổ chức hội nghị giao ban công tác dân vận quý I năm 2019.", "Minh Khoa",
                   "Tin liên quan:", *["- " + t for t in TEASERS], foot)
    assert province(page, None) == unit


def test_no_province_is_guessed():
    page = page_of("Hội nghị giao ban công tác dân vận quý I", "12/04/2019 08:15",
                   "Sáng 11/4, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác dân vận quý I năm 2019.")
    assert province(page, None) is None


@pytest.mark.parametrize("lead, unit", [("BẮC GIANG - ", "2008-bac-giang"), ("(Hà Nội) – ", "2008-ha-noi"),
                                        ("TP.HCM - ", "2008-ho-chi-minh"), ("ĐÔNG ANH - ", None), ("", None)])
def test_the_lead_names_the_province(lead, unit):
    page = page_of("Hội nghị giao ban công tác dân vận quý I", "12/04/2019 08:15",
                   lead + "Sáng 11/4, Ban Dân vận Tỉnh ủy tổ chức hội nghị giao ban công tác dân vận quý I năm 2019.")
    assert province(page, None) == unit


@pytest.mark.parametrize("story, unit", [
    pytest.param("Sáng 11/5, Tỉnh đoàn Kiên Giang và Bộ Chỉ huy BĐBP tỉnh ký kết quy chế phối hợp.", "2008-kien-giang",
                 id="a-body-named-with-its-place-alone"),
    pytest.param("Hôm qua (16/7), Đại hội đại biểu Đảng bộ huyện Nguyên Bình (Cao Bằng) lần thứ XXI bế mạc.",
                 "2008-cao-bang", id="a-province-in-brackets-after-a-smaller-place"),
    pytest.param("Sáng 11/5, Hội Nông dân huyện tổ chức hội nghị (lần thứ hai) tại hội trường.", None,
                 id="brackets-holding-no-province"),
    pytest.param("Chiều 17-10, Công an TPHCM và Ủy ban MTTQ Việt Nam TPHCM ký kết nghị quyết liên tịch, có đại diện "
                 "phường Dĩ An, tỉnh Bình Dương (cũ). Công an TP.HCM sẽ chủ trì.", "2008-ho-chi-minh",
                 id="a-name-carrying-its-unit-word"),
])
def test_the_story_names_the_province(story, unit):
    page = page_of("Hội nghị giao ban công tác quý II", "12/05/2022 08:15", story)
    assert province(page, None) == unit


@pytest.mark.parametrize("when, unit", [("2025-06-30", "2008-phu-tho"), ("2025-07-01", "2025-phu-tho")])
def test_merged_province_follows_the_article_date(when, unit):
    page = page_of("Hội nghị giao ban công tác dân vận quý II", "Chiều 28/6, Ban Dân vận Tỉnh ủy Phú Thọ tổ chức hội nghị "
                   "giao ban công tác dân vận quý II năm 2025.")
    assert province(page, date.fromisoformat(when)) == unit


@pytest.mark.parametrize("credit", ["Bài và ảnh: Bùi Thị Lan Hương", "Minh Khoa", "Tin, ảnh: Lò Văn Sơn và Hà Minh"])
def test_credit_under_the_title_is_not_story(credit):
    page = page_of(TITLE, credit, "Thứ Năm, 29/2/2024", STORY, CLOSING)
    assert texts(page) == [STORY, CLOSING]


def test_a_paragraph_wrapped_over_lines_is_one():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", "Sáng 28/2, Ban Dân vận Tỉnh ủy và UBND tỉnh đã tổ chức hội nghị",
                   "ký kết Chương trình phối hợp giai đoạn 2024 - 2026.", CLOSING)
    assert texts(page) == ["Sáng 28/2, Ban Dân vận Tỉnh ủy và UBND tỉnh đã tổ chức hội nghị\n"
                           "ký kết Chương trình phối hợp giai đoạn 2024 - 2026.", CLOSING]


def test_lines_apart_are_not_joined():
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, "", "ký kết Chương trình phối hợp giai đoạn 2024 - 2026 và nhiều nội dung khác.")
    assert len(texts(page)) == 2


def test_a_ticker_above_the_title_is_not_the_title():
    page = page_of("Tin mới: Phó Chủ tịch UBND tỉnh Hoàng Quốc Việt kiểm tra tiến độ xây dựng nông thôn mới ở các huyện phía Bắc",
                   TITLE, "Thứ Năm, 29/2/2024", STORY)
    assert page.title.text == TITLE


@pytest.mark.parametrize("byline, writer", [
    ("Tin: Minh Thu; Ảnh: Quàng Hưng", "Minh Thu"), ("Bài và ảnh: Bùi Ngọc Tư", "Bùi Ngọc Tư"), ("Duy Dũng", "Duy Dũng"),
    ("Tin, ảnh: Vàng Thị Mỷ", "Vàng Thị Mỷ"), ("Thu Hà - Phòng Dân vận chính quyền", "Thu Hà - Phòng Dân vận chính quyền"),
])
def test_author_is_the_writer(byline, writer):
    assert author(page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, byline)) == writer


HARD_WRAPPED = """Ngày 18/5, đoàn công tác của Chính phủ do đồng chí Phạm Văn Khiêm, Phó Thủ tướng dẫn
đầu đã làm việc với Ban Thường vụ Tỉnh ủy về tình hình thực hiện nghị quyết của Bộ Chính trị
về phát triển tỉnh đến năm 2030. Về phía tỉnh có các đồng chí: Lữ Văn An, Chủ tịch UBND tỉnh; Vi Thị
Nhung, Trưởng Ban Dân vận Tỉnh ủy; lãnh đạo các sở, ngành và địa phương trong tỉnh cùng dự buổi
làm việc.

Ảnh: Thành Duy
"""


def test_a_page_broken_at_a_fixed_width_is_joined_into_paragraphs_with_offsets_kept():
    text = unwrap_hard_wrapped(HARD_WRAPPED)
    assert len(text) == len(HARD_WRAPPED)
    assert "Vi Thị Nhung" in text and "buổi làm việc." in text
    assert text.endswith("làm việc.\n\nẢnh: Thành Duy\n")


def test_a_single_line_going_on_in_lower_case_is_no_fixed_width():
    page = HARD_WRAPPED.split("Về phía")[0] + "\n\nVề phía tỉnh có đồng chí Lữ Văn An, Chủ tịch UBND tỉnh; Vi Thị\nNhung.\n"
    assert unwrap_hard_wrapped(page) == page


def test_a_table_s_rows_become_sentences_of_clauses_with_offsets_kept():
    page = ("Đại diện các cơ quan ký kết:\n| STT | Cơ quan | Họ và tên | Chức vụ |\n"
            "| 2 | Công an tỉnh | Đại tá Vũ Đình Hoan | Giám đốc Công an tỉnh |\nTin, ảnh: Minh Nguyệt | Lào Cai\n")
    text = table_rows_as_clauses(page)
    assert len(text) == len(page)
    assert "  2 , Công an tỉnh , Đại tá Vũ Đình Hoan , Giám đốc Công an tỉnh .\n" in text
    assert text.endswith("Tin, ảnh: Minh Nguyệt | Lào Cai\n")  # two cells are no table


def test_a_table_whose_cells_stand_apart_by_tabs_is_read_as_one_with_bars():
    page = ("Kết quả tại đơn vị bầu cử số 1:\nTT\tHọ và tên\tChức vụ, nơi công tác\tSố phiếu\n"
            "4\tTô Thị Kiều Oanh\tPhó Trưởng phòng Kinh tế phường Cái Khế\t41.370\t\nĐơn vị\tsố 2\n")
    text = tab_rows_as_bars(page)
    assert "| 4 | Tô Thị Kiều Oanh | Phó Trưởng phòng Kinh tế phường Cái Khế | 41.370 |  |\n" in text
    assert table_rows_as_clauses(text).count(" , ") == 7   # header and row, each a sentence of clauses
    assert text.endswith("Đơn vị\tsố 2\n")  # two cells are no table
    indented = "\t\tSáng 11/3, Ban Dân vận Tỉnh ủy tổ chức hội nghị.\tẢnh: Minh Khoa\n"
    assert tab_rows_as_bars(indented) == indented


@pytest.mark.parametrize("footer", ["Trưởng Ban biên tập: Lê Ngọc Thuận - Phó Chánh Văn phòng UBND tỉnh",
                                    "Tổng Biên tập: Hà Quang Vinh", "Chịu trách nhiệm nội dung: Nguyễn Thị Lan",
                                    "BÁO THANH HÓA. Tổng Biên tập: Phạm Văn Tuấn Anh. Giấy phép số 217/GP-BTTTT."])
def test_site_editor_lines_are_not_story(footer):
    # a site's editor is named in its footer, and would otherwise read as an official with a post
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, CLOSING, "Cơ quan chủ quản: Văn phòng UBND tỉnh", footer)
    assert footer not in texts(page)
    assert CLOSING in texts(page)


def test_a_site_describing_itself_is_no_headline():
    # the banner is the longest line above the story, and its date is the day the page was viewed
    page = page_of("Báo Nghệ An điện tử - Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Nghệ An", "Thứ Sáu, 04/01/2019",
                   "Dư nợ tín dụng chính sách vượt mốc 9.000 tỷ đồng", "03/01/2019 - 10:25", STORY, CLOSING)
    assert page.title.text == "Dư nợ tín dụng chính sách vượt mốc 9.000 tỷ đồng"
    assert page.dateline.text == "03/01/2019 - 10:25"


def test_a_label_starting_with_a_calendar_word_still_marks_a_dateline():
    # "Ngày xuất bản" ("date published") is a label as a whole; its "Ngày" is also a calendar word
    page = page_of("Xã biên giới ký kết quy chế phối hợp với Đồn Biên phòng", "Ngày xuất bản: 16-09-2025 | 10:05",
                   STORY, CLOSING)
    assert page.dateline.text == "Ngày xuất bản: 16-09-2025 | 10:05"


@pytest.mark.parametrize("dateline", ["Xuất bản: 26/09/2025 | 10:41", "Đăng tải: 26/09/2025 10:41"])
def test_a_published_label_marks_a_dateline(dateline):
    page = page_of("UBND tỉnh ký thỏa thuận hợp tác với Công ty Thủy điện", dateline, STORY, CLOSING)
    assert page.dateline.text == dateline


def test_a_photo_label_opens_a_credit_when_short_and_a_caption_when_long():
    caption = ("Ảnh: Giám đốc Sở GD&ĐT Nguyễn Hữu Tiến và Giám đốc Sở Giáo dục và Thể thao tỉnh Xiêng Khoảng "
               "ký Biên bản ghi nhớ.")
    page = page_of(TITLE, "Thứ Năm, 29/2/2024", STORY, caption, "Ảnh: Thanh Tâm", CLOSING)
    assert texts(page) == [STORY, caption, CLOSING]
