"""Characters that normalize_text maps one for one, so offsets stay meaningful."""
from __future__ import annotations

import pytest

from kg.normalize import normalize_text


@pytest.mark.parametrize("raw, clean", [
    ("Đài PT\u2011TH tỉnh", "Đài PT-TH tỉnh"),
    ("Đài PT\u2010TH tỉnh", "Đài PT-TH tỉnh"),
    ("UBND\u2009tỉnh", "UBND tỉnh"),
    ("\u00d0ồng chí", "Đồng chí"),
])
def test_characters_mapped_one_for_one(raw, clean):
    assert normalize_text(raw) == clean
    assert len(normalize_text(raw)) == len(raw)
