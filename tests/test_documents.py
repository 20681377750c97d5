"""kg.extract.documents: numbers, kinds, dates, issuers (cases in tests/patterns/documents.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.documents import find_documents
from kg.normalize import document_number, normalize_text

CASES = json.loads((Path(__file__).parent / "patterns" / "documents.json").read_text(encoding="utf-8"))["cases"]


def _as_dict(mention) -> dict:
    return {"number": mention.number, "kind": mention.kind,
            "issued": mention.issued.isoformat() if mention.issued else None,
            "issuer": [list(mention.issuer.chain), mention.issuer.province] if mention.issuer else None}


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if c.get("xfail") else [])
    for c in CASES])
def test_document_pattern(case):
    text = normalize_text(case["text"])
    found = find_documents(text, 0, len(text))
    assert [_as_dict(m) for m in found] == case["documents"]
    for mention in found:
        assert text[mention.span.start:mention.span.end] == mention.span.text
        assert document_number(mention.span.text) == mention.number


def test_case_ids_are_unique():
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_window_is_respected():
    text = "Kết luận số 114-KL/TW. Nghị quyết số 64/NQ-CP."
    found = find_documents(text, text.index("Nghị"), len(text))
    assert [m.number for m in found] == ["64/NQ-CP"]
