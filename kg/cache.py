"""What a build can reuse from the previous one: validation results, keyed by content.

A graph's SHACL result depends only on the graph and the shapes, so the key is the
hash of the article graph's sorted N-Triples together with the hash of the ontology
and shapes files. An unchanged article is never validated twice; a changed one, or any
article after the shapes changed, is.
"""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from rdflib import Graph

from kg.ontology import ONTOLOGY_DIR
from kg.vocab import VOCAB_DIR
from kg.validate import ValidationResult, result_from_report, validate

CACHE_FILE = "validation-cache.json"


@cache
def rules_digest() -> str:
    """The version of the rules a graph is checked against: the ontology and shapes files."""
    digest = hashlib.sha256()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def reference_key() -> str:
    """The reference graph is made from the rules and the vocabulary files alone."""
    digest = hashlib.sha256(rules_digest().encode("ascii"))
    for path in sorted(VOCAB_DIR.glob("*.csv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def graph_key(graph: Graph) -> str:
    lines = sorted(graph.serialize(format="nt").splitlines())
    return hashlib.sha256(("\n".join(lines) + rules_digest()).encode("utf-8")).hexdigest()


class ValidationCache:
    """Reports by graph key; reads the previous build's file, writes the current one."""

    def __init__(self, entries: dict[str, str] | None = None):
        self.previous = entries or {}
        self.used: dict[str, str] = {}
        self.hits = 0

    @classmethod
    def load(cls, out: Path) -> "ValidationCache":
        path = out / CACHE_FILE
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls()

    def validate(self, graph: Graph, key: str | None = None) -> ValidationResult:
        """The cached result for this graph's content (or the given key), else a fresh one."""
        key = key or graph_key(graph)
        if key in self.previous:
            self.hits += 1
            report = Graph().parse(data=self.previous[key], format="nt")
            result = result_from_report(report)
        else:
            result = validate(graph)
        self.used[key] = self.previous.get(key) or result.report.serialize(format="nt")
        return result

    def dump(self) -> str:
        return json.dumps(dict(sorted(self.used.items())), ensure_ascii=False)
