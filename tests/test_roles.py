"""kg.extract.roles: who chaired, signed, attended, spoke (cases in tests/patterns/roles.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.roles import chairs_signing, group_items, roles_in_sentence
from kg.normalize import normalize_text
from kg.records import Span

CASES = json.loads((Path(__file__).parent / "patterns" / "roles.json").read_text(encoding="utf-8"))["cases"]


def _items(text: str, persons: list[list[str]]) -> list[tuple[int, int, str]]:
    """Each person's extent, looked up in the sentence in order."""
    items, cursor = [], 0
    for extent, name in persons:
        start = text.index(normalize_text(extent), cursor)
        cursor = start + len(normalize_text(extent))
        items.append((start, cursor, name))
    return items


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if c.get("xfail") else [])
    for c in CASES])
def test_role_pattern(case):
    text = normalize_text(case["text"])
    found = roles_in_sentence(text, Span(0, len(text), text, "sentence"), _items(text, case["persons"]))
    assert sorted((r.person, r.role) for r in found) == sorted(tuple(r) for r in case["roles"])
    for role in found:
        assert text[role.span.start:role.span.end] == role.span.text
        assert role.span.rule == f"role-{role.role}"


def test_case_ids_are_unique():
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_groups_join_over_commas_and_va_only():
    text = "Đồng chí Lê An, Bí thư và đồng chí Trần Bình cùng Sở Y tế, ông Phạm Chí"
    items = _items(text, [["Lê An, Bí thư", "Lê An"], ["Trần Bình", "Trần Bình"], ["Phạm Chí", "Phạm Chí"]])
    groups = [[name for _, _, name in group] for group in group_items(text, items)]
    assert groups == [["Lê An", "Trần Bình"], ["Phạm Chí"]]


_CO_CHAIRS = "Đồng chí Lý Văn Hải, Bí thư Huyện ủy và đồng chí Mông Thị Dung, Chủ tịch UBND huyện đồng chủ trì hội nghị."


def _chairs(text: str, persons: list[list[str]]):
    return [r for r in roles_in_sentence(text, Span(0, len(text), text, "sentence"), _items(text, persons))
            if r.role == "chair"]


@pytest.mark.parametrize("caption, signs", [
    ("Các đồng chí chủ trì hội nghị ký kết Quy chế phối hợp.", True),
    ("Hai đồng chí đồng chủ trì đã ký kết Chương trình phối hợp.", True),
    ("Các đồng chí chủ trì hội nghị trao giấy khen cho các tập thể.", False),
    ("Các đại biểu dự hội nghị ký kết giao ước thi đua.", False),
])
def test_a_caption_has_the_chairs_sign(caption, signs):
    chairs = _chairs(_CO_CHAIRS, [["Lý Văn Hải, Bí thư Huyện ủy", "Lý Văn Hải"],
                                  ["Mông Thị Dung, Chủ tịch UBND huyện", "Mông Thị Dung"]])
    text = f"{_CO_CHAIRS}\n{caption}"
    line = Span(len(_CO_CHAIRS) + 1, len(text), caption, "sentence")
    found = chairs_signing(text, line, chairs)
    assert sorted((r.person, r.role) for r in found) == ([("Lý Văn Hải", "signatory"), ("Mông Thị Dung", "signatory")]
                                                         if signs else [])
    assert all(text[r.span.start:r.span.end] == r.span.text for r in found)


def test_a_caption_names_nobody_when_the_chairs_are_in_doubt():
    """Chairs named by two cues (two sessions, two sentences) are not known to be the caption's signatories."""
    first = _chairs("Đồng chí Lý Văn Hải, Bí thư Huyện ủy chủ trì phiên buổi sáng.",
                    [["Lý Văn Hải, Bí thư Huyện ủy", "Lý Văn Hải"]])
    second = _chairs("Đồng chí Mông Thị Dung, Chủ tịch UBND huyện chủ trì phiên buổi chiều.",
                     [["Mông Thị Dung, Chủ tịch UBND huyện", "Mông Thị Dung"]])
    caption = "Các đồng chí chủ trì hội nghị ký kết Quy chế phối hợp."
    assert chairs_signing(caption, Span(0, len(caption), caption, "sentence"), first + second) == []
    assert chairs_signing(caption, Span(0, len(caption), caption, "sentence"), first) == []


def _article_roles(*lines: str) -> set[tuple[str, str]]:
    from kg.extract.facts import extract_article
    from kg.records import Article
    text = normalize_text("\n".join(["Hội nghị tổng kết công tác phối hợp năm 2024", "Ngày 12/12/2024", *lines]) + "\n")
    return {(r.person, r.role) for r in extract_article(Article("t", "t.txt", text, "0")).roles}


@pytest.mark.parametrize("lines, expected", [
    pytest.param(("Sáng 12/12, Công an tỉnh và Hội Nông dân tỉnh tổng kết chương trình phối hợp.",
                  "Tham dự hội nghị có các đồng chí:",
                  "- Đại tá Hoàng Văn Tuấn - Phó Giám đốc Công an tỉnh;",
                  "- Đồng chí Lò Thị Hoa - Chủ tịch Hội Nông dân tỉnh."),
                 {("Hoàng Văn Tuấn", "attendee"), ("Lò Thị Hoa", "attendee")}, id="attending"),
    pytest.param(("Sáng 12/12, Ban Dân tộc tỉnh và Ủy ban MTTQ Việt Nam tỉnh ký kết kế hoạch phối hợp.",
                  "Đại diện hai bên ký kết gồm:",
                  "Điểu Văn Tâm - Trưởng Ban Dân tộc tỉnh",
                  "Y Kim Ênuôl - Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
                 {("Điểu Văn Tâm", "signatory"), ("Y Kim Ênuôl", "signatory")}, id="signing-on-behalf"),
])
def test_a_list_written_a_person_a_line_takes_its_header_s_role(lines, expected):
    assert expected <= _article_roles(*lines, "Hội nghị kết thúc tốt đẹp vào buổi trưa cùng ngày.")


def test_a_header_s_role_stops_at_the_first_line_that_names_nobody_first():
    roles = _article_roles("Tham dự hội nghị có các đồng chí:",
                           "- Đại tá Hoàng Văn Tuấn - Phó Giám đốc Công an tỉnh.",
                           "Theo báo cáo, năm 2024 hai đơn vị tổ chức 20 buổi tuyên truyền; đồng chí Lò Thị Hoa, "
                           "Chủ tịch Hội Nông dân tỉnh cho biết hội sẽ tiếp tục phối hợp.")
    assert ("Hoàng Văn Tuấn", "attendee") in roles and ("Lò Thị Hoa", "attendee") not in roles


def test_a_list_a_person_a_line_ends_where_the_lines_are_written_otherwise():
    roles = _article_roles("Đoàn Chủ tịch đại hội gồm:", "Vũ Thị Nhung - Bí thư Quận ủy", "Lê Đình Thuận - Chủ tịch UBND quận",
                           "Đồng chí Đào Văn Khiêm, Phó Bí thư Thành ủy phát biểu chỉ đạo đại hội.")
    assert {("Vũ Thị Nhung", "chair"), ("Lê Đình Thuận", "chair"), ("Đào Văn Khiêm", "speaker")} <= roles
    assert ("Đào Văn Khiêm", "chair") not in roles and ("Lê Đình Thuận", "speaker") not in roles


@pytest.mark.parametrize("lines, expected, absent", [
    pytest.param(("Tham dự hội nghị có ông Trần Văn Sáu, Phó Chủ tịch UBND tỉnh. Ông đề nghị hai ngành sớm ban hành "
                  "kế hoạch thực hiện.",),
                 {("Trần Văn Sáu", "speaker")}, set(), id="the-one-named-before"),
    pytest.param(("Đồng chí Tô Ngọc Thạch, Phó Bí thư Tỉnh ủy đã đi kiểm tra công tác bầu cử tại huyện U Minh. "
                  "Đồng chí yêu cầu các tổ bầu cử bảo đảm hòm phiếu phụ. Đồng chí cũng lưu ý công tác an ninh.",),
                 {("Tô Ngọc Thạch", "speaker")}, set(), id="and-on-through-the-next-sentence"),
    pytest.param(("Dự hội nghị có bà Lê Thị Hạnh, Phó Chủ tịch UBND tỉnh. Ông đề nghị các ngành phối hợp chặt chẽ.",),
                 {("Lê Thị Hạnh", "attendee")}, {("Lê Thị Hạnh", "speaker")}, id="ong-is-no-woman"),
    pytest.param(("Dự hội nghị có đồng chí Lê Văn Hùng, Phó Chủ tịch UBND tỉnh và đồng chí Hà Văn Sơn, Giám đốc Sở "
                  "Tư pháp. Đồng chí đề nghị các ngành phối hợp chặt chẽ.",),
                 {("Lê Văn Hùng", "attendee")}, {("Lê Văn Hùng", "speaker"), ("Hà Văn Sơn", "speaker")},
                 id="not-when-two-were-named"),
    pytest.param(("Đồng chí Lê Văn Hùng, Phó Chủ tịch UBND tỉnh dự hội nghị.", "Ông đề nghị các ngành phối hợp."),
                 {("Lê Văn Hùng", "attendee")}, {("Lê Văn Hùng", "speaker")}, id="not-across-paragraphs"),
])
def test_a_sentence_opening_with_a_bare_form_of_address_speaks_of_the_one_person_named_before(lines, expected, absent):
    roles = _article_roles(*lines)
    assert expected <= roles and not absent & roles


@pytest.mark.parametrize("before, attends", [
    ("Dự hội nghị có đồng chí Hà Kế Sơn, Phó Chủ tịch UBND tỉnh.", True),
    ("Đồng chí Hà Kế Sơn, Phó Chủ tịch UBND tỉnh phát biểu khai mạc hội nghị.", False),
])
def test_a_header_naming_whom_persons_stand_for_goes_on_with_those_attending_before(before, attends):
    roles = _article_roles(f"{before} Đại diện Agribank Phú Thọ có ông Trần Quốc Khánh, Giám đốc; ông Vũ Đình Lộc, "
                           "Phó Giám đốc.")
    listed = {("Trần Quốc Khánh", "attendee"), ("Vũ Đình Lộc", "attendee")}
    assert roles & listed == (listed if attends else set())
