"""kg.extract.agreements: kind, period, number, signing date, parties (cases in tests/patterns/agreements.json)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg import vocab
from kg.extract.agreements import counts, find_agreements
from kg.normalize import normalize_text
from kg.records import Span

CASES = json.loads((Path(__file__).parent / "patterns" / "agreements.json").read_text(encoding="utf-8"))["cases"]


def _found(case):
    text = normalize_text(case["text"])
    when = date.fromisoformat(case["ref"]) if case.get("ref") else None
    return text, find_agreements(text, Span(0, len(text), text, "sentence"), [], when)


def _as_dict(mention, expected: dict) -> dict:
    got = {
        "kind": mention.kind,
        "period": list(mention.period) if mention.period else None,
        "number": mention.number,
        "signed": mention.signed.isoformat() if mention.signed else None,
        "parties": [[list(p.chain), p.province] for p in mention.parties],
        "signing": mention.signing,
    }
    for optional in ("topic", "implemented_by_next", "implements_next", "sides"):
        if optional in expected:
            got[optional] = getattr(mention, optional)
    if "collectives" in expected:
        got["collectives"] = [span.text for span in mention.collectives]
    return got


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if c.get("xfail") else [])
    for c in CASES])
def test_agreement_pattern(case):
    text, found = _found(case)
    assert [_as_dict(m, e) for m, e in zip(found, case["agreements"])] == case["agreements"]
    assert len(found) == len(case["agreements"])
    for mention in found:
        assert text[mention.span.start:mention.span.end].startswith(mention.span.text)
        assert mention.kind in vocab.agreement_kinds()


def test_case_ids_are_unique():
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_persons_posts_are_not_parties():
    """Bodies inside a person's posts (the excluded spans) are never parties."""
    text = normalize_text("Đồng chí Lê Văn Nam, Trưởng Ban Dân vận Tỉnh ủy và đồng chí Phạm Thị Thu, Chủ tịch UBND tỉnh "
                          "đã ký kết Chương trình phối hợp giai đoạn 2021 - 2025.")
    excluded = [(text.index("Lê Văn Nam"), text.index(" và đồng chí")),
                (text.index("Phạm Thị Thu"), text.index(" đã ký kết"))]
    found = find_agreements(text, Span(0, len(text), text, "sentence"), excluded)
    assert len(found) == 1
    assert found[0].parties == ()
    assert found[0].signing and found[0].period == (2021, 2025)


def test_a_sentence_opened_by_also_reports_another_signing():
    def mentions(raw: str):
        text = normalize_text(raw)
        return find_agreements(text, Span(0, len(text), text, "sentence"), [])
    (also,) = mentions("Cũng tại buổi lễ, Vietcombank Chi nhánh Vinh và Công ty Điện lực Nghệ An ký thỏa thuận hợp tác.")
    (same,) = mentions("Tại buổi lễ, Vietcombank Chi nhánh Vinh và Công ty Điện lực Nghệ An ký thỏa thuận hợp tác.")
    assert also.another and also.signing and not same.another


def test_counts():
    text = "Theo đó, hai bên sẽ cùng thực hiện 9 nội dung và 14 nhiệm vụ trọng tâm."
    assert counts(text, Span(0, len(text), text, "sentence")) == {"contents": 9, "tasks": 14}
    text = "Hai cơ quan sẽ phối hợp thực hiện 15 nội dung."
    assert counts(text, Span(0, len(text), text, "sentence")) == {"contents": 15}
    text = "Chương trình gồm 6 nhóm nội dung và 3 nhóm nhiệm vụ."
    assert counts(text, Span(0, len(text), text, "sentence")) == {"contents": 6, "tasks": 3}
    text = "Không có con số nào ở đây."
    assert counts(text, Span(0, len(text), text, "sentence")) == {}


def test_span_text_matches_offsets():
    text = normalize_text("Hai bên ký kết Chương trình phối hợp giai đoạn 2022 - 2025.")
    found = find_agreements(text, Span(0, len(text), text, "sentence"), [])
    assert [text[m.span.start:m.span.end] for m in found] == [m.span.text for m in found]
