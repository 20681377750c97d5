"""Listing pages are read item by item; ordinary pages and their teaser lists are not split."""
from __future__ import annotations

from pathlib import Path

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
