"""kg.normalize: NFC, plain spaces, Đ, new-style tone placement, offsets preserved."""
from __future__ import annotations

import unicodedata

import pytest

from kg.normalize import document_number, fold, key, normalize_text


def test_nfc_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert decomposed != "Nguyễn Thị Hương"
    assert normalize_text(decomposed) == "Nguyễn Thị Hương"


@pytest.mark.parametrize("space", ["\u00a0", "\u2007", "\u202f", "\t"])
def test_odd_spaces_become_plain_spaces(space):
    assert normalize_text(f"Tỉnh{space}ủy") == "Tỉnh ủy"


def test_invisible_characters_removed():
    assert normalize_text("Ban\u200b Dân\u00ad vận\ufeff") == "Ban Dân vận"


@pytest.mark.parametrize("lookalike", ["\u00d0", "\u0189"])
def test_capital_d_stroke_lookalikes(lookalike):
    assert normalize_text(f"{lookalike}ảng bộ") == "Đảng bộ"


def test_line_endings():
    assert normalize_text("a\r\nb\rc") == "a\nb\nc"


@pytest.mark.parametrize("old, new", [
    ("Uỷ ban", "Ủy ban"),
    ("uỷ viên", "ủy viên"),
    ("Tỉnh uỷ", "Tỉnh ủy"),
    ("hoà bình", "hòa bình"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("sức khoẻ", "sức khỏe"),
    ("Thuỷ", "Thủy"),
    ("tuỳ", "tùy"),
    ("Thiếu uý", "Thiếu úy"),
    ("HOÀ", "HÒA"),
    ("toạ đàm", "tọa đàm"),
])
def test_old_tone_placement_moves_to_first_vowel(old, new):
    assert normalize_text(old) == new


@pytest.mark.parametrize("word", ["Quý", "quý", "hoàn", "Hoàng", "thuận", "khuyến", "Nguyễn", "của", "mùa", "quả", "Huế",
                                   "thuế", "Ủy", "hòa", "Hóa"])
def test_words_that_must_not_change(word):
    assert normalize_text(word) == word


def test_already_new_style_is_stable():
    text = "Ủy ban nhân dân tỉnh Thanh Hóa và Khánh Hòa"
    assert normalize_text(text) == text
    assert normalize_text(normalize_text("Uỷ ban Thanh Hoá")) == normalize_text("Uỷ ban Thanh Hoá")


@pytest.mark.parametrize("raw, spaced", [
    ("Chủ tịch UBND TP.Thủ Dầu Một", "Chủ tịch UBND TP. Thủ Dầu Một"),
    ("UBND TX.Sơn Tây và TT.Phong Điền", "UBND TX. Sơn Tây và TT. Phong Điền"),
    ("Công an TP.HCM", "Công an TP.HCM"),
    ("UBND TP. Huế", "UBND TP. Huế"),
])
def test_a_unit_word_s_abbreviation_glued_to_a_name_is_spaced(raw, spaced):
    assert normalize_text(raw) == spaced


def test_length_preserved_for_nfc_input():
    text = "Uỷ ban\u00a0nhân dân tỉnh Thanh Hoá, Ðảng bộ hoà\tbình; Quý, hoàn."
    assert unicodedata.is_normalized("NFC", text)
    out = normalize_text(text)
    assert len(out) == len(text)
    assert out == "Ủy ban nhân dân tỉnh Thanh Hóa, Đảng bộ hòa bình; Quý, hoàn."


def test_offsets_line_up_after_normalisation():
    """A word found at an offset of the raw (NFC) text sits at the same offset after normalising."""
    text = "Trưởng ban Dân vận Tỉnh uỷ Vĩnh Phúc"
    start = text.index("Vĩnh Phúc")
    assert normalize_text(text)[start:start + len("Vĩnh Phúc")] == "Vĩnh Phúc"


def test_fold_and_key():
    assert fold("Quảng Bình") == "quang binh"
    assert fold("Đà Nẵng") == "da nang"
    assert key("  Tỉnh  Uỷ\u00a0Vĩnh Phúc ") == "tỉnh ủy vĩnh phúc"


@pytest.mark.parametrize("raw, number", [
    ("07 - ĐA/TU", "07-ĐA/TU"),
    ("45-Ctr/BDVTW – BCSĐCP", "45-Ctr/BDVTW-BCSĐCP"),
    ("45-Ctr/BDVTW—BCSĐCP", "45-Ctr/BDVTW-BCSĐCP"),
    ("64 / NQ - CP", "64/NQ-CP"),
    ("114-KL/TW", "114-KL/TW"),
])
def test_document_number(raw, number):
    assert document_number(raw) == number
