"""kg.extract.roles: who chaired, signed, attended, spoke (cases in tests/patterns/roles.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.roles import group_items, roles_in_sentence
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
