"""`kg extract`: every mention of one article, its span, the rule that found it and
what it resolved to, so a researcher can audit the extractor."""
from __future__ import annotations

import json

from kg.extract.facts import extract_article, resolve_reference
from kg.records import Article
from kg.resolve import resolve_article


def explain(article: Article) -> list[dict]:
    facts = extract_article(article)
    resolved = resolve_article(facts)
    person_key = {p.name: p.key for p in resolved.persons}
    rows: list[dict] = []
    for field_name, value in (("title", facts.title), ("published", facts.published), ("province", facts.province),
                              ("author", facts.author)):
        rows.append({"kind": "article", "text": field_name, "start": None, "end": None, "rule": "metadata",
                     "resolved": None if value is None else str(value)})
    for person in facts.persons:
        rows.append(_row("person", person.span, f"person/{person_key.get(person.name)}"))
        for post in person.posts:
            rows.append(_row("post", post.span, post.title + (" @ " + ".".join(post.org.chain) if post.org else "")))
    for ref in facts.title_references:
        holder = resolve_reference(ref, list(facts.persons))
        rows.append(_row("title-reference", ref.span, f"person/{person_key[holder]}" if holder else None))
    for role in facts.roles:
        rows.append(_row("role", role.span, f"{role.person}: {role.role}"))
    for agreement in facts.agreements:
        rows.append(_row("agreement", agreement.span, f"{agreement.kind} {agreement.period or ''}".strip()))
    for document in facts.documents:
        rows.append(_row("document", document.span, document.number))
    for event in facts.events:
        rows.append(_row("event", event.span, event.kind))
    return rows


def _row(kind: str, span, resolved) -> dict:
    return {"kind": kind, "text": span.text, "start": span.start, "end": span.end, "rule": span.rule,
            "resolved": resolved}


def format_explanation(rows: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    lines = []
    for row in rows:
        where = f"{row['start']}-{row['end']}" if row["start"] is not None else ""
        text = row["text"] if len(row["text"]) <= 70 else row["text"][:67] + "..."
        lines.append(f"{row['kind']:<16} {where:<11} {row['rule']:<18} {text}  →  {row['resolved']}")
    return "\n".join(lines) + "\n"
