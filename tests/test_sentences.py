"""kg.extract.sentences: where a paragraph's sentences end."""
from __future__ import annotations

import pytest

from kg.extract.sentences import AGENCY_TAG, sentences
from kg.records import Span


def _split(text: str) -> list[str]:
    return [s.text for s in sentences(Span(10, 10 + len(text), text, "paragraph"))]


@pytest.mark.parametrize("text, expected", [
    ("Hội nghị bế mạc. Đồng chí Lê Văn An phát biểu.", ["Hội nghị bế mạc.", "Đồng chí Lê Văn An phát biểu."]),
    ("Tổng kết giai đoạn 2016 - 2020. Nhân dịp này, hai bên ký kết.",
     ["Tổng kết giai đoạn 2016 - 2020.", "Nhân dịp này, hai bên ký kết."]),
    ("Ông nói: “Phải làm ngay!” Sau đó đoàn về xã.", ["Ông nói: “Phải làm ngay!”", "Sau đó đoàn về xã."]),
    ("Đoàn làm việc tại TP. Hồ Chí Minh ngày 19.4.2017 và TT. Huế.", ["Đoàn làm việc tại TP. Hồ Chí Minh ngày 19.4.2017 và TT. Huế."]),
    ("Thu ngân sách đạt 1.250 tỷ đồng. còn nợ đọng.", ["Thu ngân sách đạt 1.250 tỷ đồng. còn nợ đọng."]),
    ("Cùng dự có TS. Lê Văn An, PGS.TS. Trần Bình và BS. Hà Thị Cúc. Hội nghị bế mạc.",
     ["Cùng dự có TS. Lê Văn An, PGS.TS. Trần Bình và BS. Hà Thị Cúc.", "Hội nghị bế mạc."]),
    ("Đại diện hai cơ quan ký quy chế. Từ trái qua: ông Lê Văn An, bà Hà Thị Cúc. Ảnh: T.L",
     ["Đại diện hai cơ quan ký quy chế. Từ trái qua: ông Lê Văn An, bà Hà Thị Cúc.", "Ảnh: T.L"]),
    ("Đoàn thăm trường. Từ trái sang phải là các em học sinh.",
     ["Đoàn thăm trường.", "Từ trái sang phải là các em học sinh."]),
])
def test_sentence_ends(text, expected):
    assert _split(text) == expected


def test_spans_point_into_the_article():
    text = "Câu một. Câu hai."
    found = sentences(Span(10, 10 + len(text), text, "paragraph"))
    assert [(s.start, s.end) for s in found] == [(10, 19), (19, 27)]


@pytest.mark.parametrize("text, tag", [
    ("BHD - Sáng 18/8, hội nghị khai mạc.", "BHD - "),
    ("(Baosoctrang.org.vn) - Sáng 27/3, hai bên ký kết.", "(Baosoctrang.org.vn) - "),
    ("TG&DV – Chiều 2/4, đoàn đến thăm.", "TG&DV – "),
    ("Sáng 18/8, hội nghị khai mạc.", None),
    ("Hội Nông dân tỉnh - cơ quan thường trực - chủ trì.", None),
])
def test_an_agency_tag_opening_a_lead(text, tag):
    found = AGENCY_TAG.match(text)
    assert (found.group() if found else None) == tag
