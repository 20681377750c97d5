"""Validation of a build's graphs, reusing the previous build's results by content.

A graph's SHACL result depends only on the graph and the rules, so results are keyed by
the digest of the graph's N-Quads together with the digest of the ontology and shapes
files: an unchanged article is never validated twice; a changed one, or every one after
the shapes changed, is.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from kg.graph import nt_term
from kg.ontology import ONTOLOGY_DIR
from kg.validate import ValidationResult, summary, validate_graphs


@cache
def rules_digest() -> str:
    """The version of the rules a graph is checked against: the ontology and shapes files."""
    digest = hashlib.sha256()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def result_key(graph_digest: str) -> str:
    return hashlib.sha256(f"{graph_digest}\0{rules_digest()}".encode("ascii")).hexdigest()


@dataclass(frozen=True)
class GraphToCheck:
    label: str       # how reports name it: the article's file
    iri: str
    digest: str      # of its N-Quads


@dataclass(frozen=True)
class Checked:
    """The results of a build's graphs: what to keep for the next build and what to report."""
    graphs: int
    reused: int
    cache: dict[str, dict]                        # result key → {"report", "summary", "violations"}; {} when clean
    labelled: tuple[tuple[str, str], ...]         # (label, result key) of each graph with results
    violations: tuple[tuple[str, str, str], ...]  # (label, shape, message) of each sh:Violation

    def report_turtle(self) -> str:
        """Every graph's SHACL report in one Turtle file (written as N-Triples lines)."""
        return "".join(self.cache[key]["report"] for _, key in self.labelled)

    def summaries(self) -> list[str]:
        return [f"--- {label}\n{self.cache[key]['summary']}" for label, key in self.labelled]


def check_graphs(store_dir: Path, previous: dict[str, dict], graphs: Sequence[GraphToCheck]) -> Checked:
    """Each graph's result: from `previous` when its content was validated before, else by
    validating it in the build's Oxigraph store."""
    keys = {g.iri: result_key(g.digest) for g in graphs}
    wanted = [g.iri for g in graphs if keys[g.iri] not in previous]
    fresh = {keys[iri]: _entry(result, keys[iri]) for iri, result in validate_graphs(store_dir, wanted).items()}
    results = {key: previous.get(key) if key in previous else fresh.get(key, {}) for key in keys.values()}
    labelled = tuple((g.label, keys[g.iri]) for g in graphs if results[keys[g.iri]])
    violations = tuple((label, shape, message) for label, key in labelled
                       for shape, message in results[key]["violations"])
    return Checked(len(graphs), len(graphs) - len(wanted), results, labelled, violations)


def _entry(result: ValidationResult, key: str) -> dict:
    """What is kept of a result: nothing when the graph has none."""
    if not result.violations:
        return {}
    return {"report": _report_lines(result.report, key[:16]), "summary": summary(result) + "\n",
            "violations": [[str(v.shape), v.message_en] for v in result.violations if v.is_violation]}


def _report_lines(report: Graph, prefix: str) -> str:
    """The report as sorted N-Triples lines, blank nodes labelled canonically and apart from
    other graphs' reports (prefix), so equal results give equal text."""
    def term(node):
        return f"_:r{prefix}{node}" if isinstance(node, BNode) else nt_term(node)
    return "".join(sorted(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in to_canonical_graph(report)))
