"""kg.read: every unreadable file becomes an ArticleError naming the file and the problem,
and the other articles of the folder are still read."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from kg.read import ArticleError, read_article, read_folder

GOOD = "Ủy ban nhân dân tỉnh\n\nĐồng chí Trần Minh Khoa, Chủ tịch UBND tỉnh phát biểu.\n"


def _folder(tmp_path: Path, **files: bytes) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, raw in files.items():
        (tmp_path / name.replace("__", ".")).write_bytes(raw)
    return tmp_path


def _only_good(articles) -> None:
    assert [a.file for a in articles] == ["good.txt"]
    assert articles[0].text == GOOD


def test_good_article_is_read_and_hashed(tmp_path):
    articles, errors = read_folder(_folder(tmp_path))
    _only_good(articles)
    assert errors == []
    article = articles[0]
    assert article.stem == "good"
    assert article.sha256 == hashlib.sha256(GOOD.encode("utf-8")).hexdigest()
    assert article.manifest is None


@pytest.mark.parametrize("raw", [b"", b"  \n\t\n"], ids=["empty", "blank"])
def test_empty_file(tmp_path, raw):
    articles, errors = read_folder(_folder(tmp_path, empty__txt=raw))
    _only_good(articles)
    assert len(errors) == 1
    assert errors[0].file == "empty.txt"
    assert "empty" in errors[0].problem


def test_binary_file(tmp_path):
    articles, errors = read_folder(_folder(tmp_path, image__txt=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"))
    _only_good(articles)
    assert [e.file for e in errors] == ["image.txt"]
    assert "binary" in errors[0].problem and "NUL" in errors[0].problem


def test_non_utf8_file(tmp_path):
    latin1 = "Le Comité a décidé à Hà Nội".encode("latin-1", errors="replace")
    articles, errors = read_folder(_folder(tmp_path, latin__txt=latin1))
    _only_good(articles)
    assert [e.file for e in errors] == ["latin.txt"]
    assert "not UTF-8" in errors[0].problem
    assert "byte 8" in errors[0].problem  # the é of "Comité" (after "Le Comit")


def test_utf8_bom_is_accepted(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    articles, errors = read_folder(tmp_path)
    assert errors == []
    assert articles[0].text == GOOD


def test_other_suffixes_are_ignored(tmp_path):
    articles, errors = read_folder(_folder(tmp_path, notes__md=b"# notes", data__csv=b"a,b"))
    _only_good(articles)
    assert errors == []


def test_text_is_normalised(tmp_path):
    (tmp_path / "old.txt").write_text("Uỷ ban\u00a0nhân dân tỉnh Thanh Hoá\r\n", encoding="utf-8")
    articles, _ = read_folder(tmp_path)
    assert articles[0].text == "Ủy ban nhân dân tỉnh Thanh Hóa\n"


def test_manifest_row_naming_a_missing_file(tmp_path):
    _folder(tmp_path)
    (tmp_path / "manifest.csv").write_text(
        "file,url,site,province,published\n"
        "good.txt,https://example.org/a,Báo Vĩnh Phúc,Vĩnh Phúc,2024-02-29\n"
        "missing.txt,,,,2024-03-01\n", encoding="utf-8")
    articles, errors = read_folder(tmp_path)
    _only_good(articles)
    assert [e.file for e in errors] == ["missing.txt"]
    assert "no such file" in errors[0].problem
    manifest = articles[0].manifest
    assert (manifest.url, manifest.site, manifest.province, manifest.published) == (
        "https://example.org/a", "Báo Vĩnh Phúc", "Vĩnh Phúc", date(2024, 2, 29))


def test_manifest_with_a_bad_date(tmp_path):
    _folder(tmp_path)
    (tmp_path / "manifest.csv").write_text("file,published\ngood.txt,29/02/2024\n", encoding="utf-8")
    articles, errors = read_folder(tmp_path)
    _only_good(articles)
    assert len(errors) == 1
    assert errors[0].file == "manifest.csv"
    assert "line 2" in errors[0].problem and "29/02/2024" in errors[0].problem and "ISO" in errors[0].problem
    assert articles[0].manifest is not None and articles[0].manifest.published is None


def test_manifest_without_file_column(tmp_path):
    _folder(tmp_path)
    (tmp_path / "manifest.csv").write_text("name,published\ngood.txt,2024-02-29\n", encoding="utf-8")
    articles, errors = read_folder(tmp_path)
    _only_good(articles)
    assert [e.file for e in errors] == ["manifest.csv"]
    assert "file" in errors[0].problem


def test_all_problems_in_one_folder(tmp_path):
    _folder(tmp_path, a_empty__txt=b"", b_binary__txt=b"abc\x00def", c_latin__txt="Hà Nội".encode("utf-8")[:-1] + b"\xe9 x")
    (tmp_path / "manifest.csv").write_text("file,published\ngood.txt,2024-13-01\nghost.txt,\n", encoding="utf-8")
    articles, errors = read_folder(tmp_path)
    _only_good(articles)
    assert sorted(e.file for e in errors) == ["a_empty.txt", "b_binary.txt", "c_latin.txt", "ghost.txt", "manifest.csv"]
    assert all(str(e).startswith(f"{e.file}: ") for e in errors)


def test_read_article_raises_value_error(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"")
    with pytest.raises(ValueError, match="empty"):
        read_article(path)


def test_article_error_str():
    assert str(ArticleError("a.txt", "the file is empty")) == "a.txt: the file is empty"


PAGE_HTML = """<html><head><title>Ký kết chương trình phối hợp - Báo Bắc Kạn</title>
<meta property="article:published_time" content="2023-06-12T10:15:00+07:00"><meta name="author" content="Minh Khoa"></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<article><h1>Ban Dân vận Tỉnh ủy và Hội Nông dân tỉnh ký kết chương trình phối hợp</h1>
<p>Sáng 12/6, Ban Dân vận Tỉnh ủy Bắc Kạn và Hội Nông dân tỉnh tổ chức hội nghị ký kết chương trình phối hợp giai đoạn
2023 - 2028. Đồng chí Hoàng Thu Trang, Trưởng Ban Dân vận Tỉnh ủy chủ trì hội nghị.</p>
<p>Chương trình phối hợp gồm 6 nội dung trọng tâm, trong đó chú trọng tuyên truyền, vận động hội viên nông dân.</p></article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Phó Chủ tịch UBND tỉnh Hoàng Quốc Việt kiểm tra tiến độ xây dựng nông thôn
mới</a></li></ul></aside><footer>Giấy phép số 12/GP-BTTTT</footer></body></html>"""


def test_html_page_is_read_as_title_dateline_story_byline(tmp_path):
    from kg.clean import segment
    from kg.extract.article import published
    (tmp_path / "trang.html").write_text(PAGE_HTML, encoding="utf-8")
    articles, errors = read_folder(tmp_path)
    assert errors == []
    page = segment(articles[0])
    assert page.title.text == "Ban Dân vận Tỉnh ủy và Hội Nông dân tỉnh ký kết chương trình phối hợp"
    assert published(page) == date(2023, 6, 12)
    assert page.byline == "Minh Khoa"
    assert [p.text[:10] for p in page.paragraphs] == ["Sáng 12/6,", "Chương trì"]
    assert "Hoàng Quốc Việt" not in articles[0].text


def test_html_page_that_cannot_be_read_is_an_error_of_its_own(tmp_path, monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_reader(name, *args, **kwargs):
        if name == "kg.html":
            raise ImportError("no HTML reader")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_reader)
    (tmp_path / "trang.html").write_text(PAGE_HTML, encoding="utf-8")
    articles, errors = read_folder(_folder(tmp_path))
    _only_good(articles)
    assert [e.file for e in errors] == ["trang.html"] and "HTML" in errors[0].problem
