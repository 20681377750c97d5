"""Listing pages are read item by item; ordinary pages and their teaser lists are not split."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.clean import segment
from kg.extract.article import province, published
from kg.listing import split_listing
from kg.read import read_article, read_folder

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "articles"

ITEM = "{title}\n\n{date}\n\n{body}\n\n"
LISTING = "Tin tức - Sự kiện\n\n" + ITEM.format(
    title="Ban Dân vận Tỉnh ủy và Hội Nông dân tỉnh ký kết chương trình phối hợp", date="12/06/2023",
    body="Sáng 12/6, Ban Dân vận Tỉnh ủy Nghệ An và Hội Nông dân tỉnh ký kết Chương trình phối hợp.") + ITEM.format(
    title="UBND tỉnh làm việc với Đoàn công tác Bộ Nội vụ về cải cách hành chính", date="10/06/2023",
    body="Chiều 9/6, đồng chí Lê Văn Bình, Phó Chủ tịch UBND tỉnh tiếp đoàn công tác.")


def test_a_listing_becomes_one_article_per_item(tmp_path):
    (tmp_path / "trang.txt").write_text(LISTING, encoding="utf-8")
    articles, errors = read_folder(tmp_path)
    assert errors == []
    assert [a.stem for a in articles] == ["trang", "trang-2"]
    assert "Ban Dân vận Tỉnh ủy và Hội Nông dân" in articles[0].text and "Lê Văn Bình" not in articles[0].text
    assert "UBND tỉnh làm việc" in articles[1].text and "10/06/2023" in articles[1].text
    assert "Hội Nông dân" not in articles[1].text
    assert all(a.text.startswith("Tin tức - Sự kiện\n") for a in articles)  # the page's head goes with every item
    assert len({a.sha256 for a in articles}) == 2


def test_the_samples_are_not_split():
    for path in sorted(SAMPLES.glob("*.txt")):
        article = read_article(path)
        assert split_listing(article) == [article]


def test_teasers_after_the_story_are_not_items(tmp_path):
    page = ITEM.format(title="Hội nghị ký kết quy chế phối hợp giữa hai cơ quan", date="12/06/2023",
                       body="Sáng 12/6, hai cơ quan ký kết quy chế phối hợp.")
    page += "Tin liên quan\n\n" + ITEM.format(title="Chủ tịch UBND tỉnh tiếp công dân định kỳ tháng 6",
                                              date="11/06/2023", body="Sáng 11/6, Chủ tịch UBND tỉnh tiếp công dân.")
    (tmp_path / "bai.txt").write_text(page, encoding="utf-8")
    articles, _ = read_folder(tmp_path)
    assert [a.stem for a in articles] == ["bai"]


PAGE_HEAD = "BAN DÂN VẬN TỈNH ỦY HÀ TĨNH\n\nTrang chủ | Giới thiệu | Tin tức - Sự kiện | Liên hệ\n\nTIN TỨC - SỰ KIỆN\n\n"
THREE = PAGE_HEAD + "".join(ITEM.format(title=t, date=d, body=b) for t, d, b in [
    ("Ban Dân vận Tỉnh ủy và Hội Liên hiệp Phụ nữ tỉnh ký kết quy chế phối hợp", "22/09/2016 08:15",
     "Sáng 21/9, Ban Dân vận Tỉnh ủy và Hội Liên hiệp Phụ nữ tỉnh tổ chức hội nghị ký kết quy chế phối hợp."),
    ("Can Lộc tổng kết phong trào thi đua Dân vận khéo giai đoạn 2011 - 2016", "19/09/2016 15:40",
     "Chiều 18/9, Huyện ủy Can Lộc tổ chức hội nghị tổng kết phong trào thi đua Dân vận khéo giai đoạn 2011 - 2016."),
    ("Đoàn công tác tỉnh Quảng Bình thăm và làm việc với Ban Dân vận Tỉnh ủy", "15/09/2016 10:02",
     "Ngày 14/9, đoàn công tác Ban Dân vận Tỉnh ủy Quảng Bình do đồng chí Lê Văn Hòa làm trưởng đoàn đến thăm và làm việc."),
]) + "Các tin khác\n\n• Hội Nông dân tỉnh sơ kết công tác 9 tháng năm 2016 (13/09/2016)\n\nTrang: 1 2 3 4 5 ... 48  Trang sau »\n"


def _items(tmp_path, text: str):
    (tmp_path / "tin.txt").write_text(text, encoding="utf-8")
    articles, errors = read_folder(tmp_path)
    assert errors == []
    return articles


def test_three_items_keep_the_file_as_their_source(tmp_path):
    items = _items(tmp_path, THREE)
    assert [a.stem for a in items] == ["tin", "tin-2", "tin-3"]
    assert {a.file for a in items} == {"tin.txt"}
    assert [published(segment(a)) for a in items] == [date(2016, 9, 22), date(2016, 9, 19), date(2016, 9, 15)]
    assert not any("Hội Nông dân tỉnh sơ kết" in a.text for a in items)  # the related list is no item


def test_the_banner_gives_the_province_to_items_naming_none(tmp_path):
    pages = [segment(a) for a in _items(tmp_path, THREE)]
    provinces = [province(p, published(p)) for p in pages]
    assert provinces[:2] == ["2008-ha-tinh", "2008-ha-tinh"]


def test_a_portal_banner_the_story_reading_drops_still_heads_every_item(tmp_path):
    head = "CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH LÀO CAI\n\nTrang chủ | Giới thiệu | Tin hoạt động | Liên hệ\n\n"
    pages = [segment(a) for a in _items(tmp_path, head + THREE[len(PAGE_HEAD):])]
    assert all(p.article.text.startswith("CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH LÀO CAI\n") for p in pages)
    assert [province(p, published(p)) for p in pages][:2] == ["2008-lao-cai", "2008-lao-cai"]


def test_titles_of_items_are_their_headlines(tmp_path):
    pages = [segment(a) for a in _items(tmp_path, THREE)]
    assert [p.title.text.split()[0] for p in pages] == ["Ban", "Can", "Đoàn"]


def test_a_date_over_the_page_is_no_items_date(tmp_path):
    items = _items(tmp_path, "Thứ Hai, 26/09/2016\n\n" + THREE)
    assert [published(segment(a)) for a in items][0] == date(2016, 9, 22)


def test_a_dateline_after_the_lead_does_not_make_a_listing(tmp_path):
    page = ITEM.format(title="Hội nghị ký kết quy chế phối hợp giữa hai cơ quan", date="12/06/2023 10:41 GMT+7",
                       body="Sáng 12/6, hai cơ quan ký kết quy chế phối hợp về công tác dân vận năm 2023.")
    page += "Hai bên thống nhất triển khai các nội dung đã ký kết.\n\n12/06/2023 10:41\n\nMinh Khoa\n"
    assert [a.stem for a in _items(tmp_path, page)] == ["tin"]


def test_a_byline_over_a_closing_dateline_opens_no_item(tmp_path):
    page = ITEM.format(title="Hội nghị ký kết quy chế phối hợp giữa hai cơ quan", date="12/06/2023 10:41",
                       body="Sáng 12/6, hai cơ quan ký kết quy chế phối hợp về công tác dân vận năm 2023.")
    page += "Thu Hà - Phòng Dân vận chính quyền\n\nCập nhật lúc: 17:05 - 12/06/2023\n\nBan Dân vận Tỉnh ủy - Đường Hùng Vương\n"
    assert [a.stem for a in _items(tmp_path, page)] == ["tin"]
