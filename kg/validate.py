"""SHACL validation of the graph against ontology/shapes.ttl.

Only sh:Violation results make a graph non-conformant; sh:Warning and sh:Info results
are reported but do not fail it.

Validation runs without inference: every node in the data carries an explicit
rdf:type, and RDFS inference would make the sh:class checks vacuous (the ranges of
vps:party, vps:holder, ... would type any value as the class the shape asks for).
The ontology is still passed as pyshacl's ont_graph so subclass axioms such as
vps:Province rdfs:subClassOf vps:AdministrativeUnit are visible to sh:class.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

from kg.namespaces import PREFIXES, rebase
from kg.ontology import ontology_graph, shapes_graph

VPSH_NS = rebase("https://w3id.org/vnps/shapes#")
SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True)
class Violation:
    """One validation result (of any severity), traced back to its class shape."""

    focus: Node
    shape: Node | None  # the node shape with the sh:targetClass, e.g. vpsh:HoldingShape
    path: Node | None
    severity: URIRef  # sh:Violation, sh:Warning or sh:Info
    message_en: str
    message_vi: str
    source_shape: Node | None = None  # the property shape or node shape that failed
    constraint: URIRef | None = None  # the SHACL constraint component, e.g. sh:MinCountConstraintComponent
    value: Node | None = None

    @property
    def is_violation(self) -> bool:
        return self.severity == SH.Violation


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    report: Graph
    violations: tuple[Violation, ...]


def validate(data: Graph | Dataset, *, inference: str = "none") -> ValidationResult:
    """Validate data (a graph, or a dataset taken as the union of its graphs)."""
    import pyshacl    # here, not above: a build validates without it, and it takes 0.1 s to import
    report_conforms, report, _ = pyshacl.validate(
        _working_copy(data),
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference=inference,
        allow_warnings=True,
        allow_infos=True,
        # Our own copy: pyshacl may add the ontology axioms to it without touching `data`.
        inplace=True,
    )
    _restore_message_languages(report, shapes_graph())
    return result_from_report(report, report_conforms)


def validate_nquads(nquads: bytes) -> dict[str, ValidationResult]:
    """The results of the named graphs of an N-Quads text, each graph validated on its own;
    graphs with no result at all are left out.

    The shapes run as SPARQL in an in-memory Oxigraph store (kg.shacl_sparql), which reports
    what validate() reports for the same graph; its tests hold it to pyshacl on every shape."""
    import pyoxigraph as ox
    from kg.shacl_sparql import report_graph, validate_store
    if not nquads:
        return {}
    store = ox.Store()
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
    results = {}
    for iri, found in validate_store(store, _compiled_shapes()).items():
        if found:
            conforms = not any(r.severity == SH.Violation for r in found)
            results[iri] = result_from_report(report_graph(found, conforms, shapes=shapes_graph()), conforms)
    return results


@lru_cache(maxsize=1)
def _compiled_shapes():
    from kg.shacl_sparql import compile_shapes
    return compile_shapes(shapes_graph(), ontology_graph())


def result_from_report(report: Graph, report_conforms: bool | None = None) -> ValidationResult:
    """A ValidationResult from a SHACL report graph (fresh from pyshacl, or cached)."""
    violations = _violations(report, shapes_graph())
    # Computed from the results rather than trusted from pyshacl, so the rule
    # "only sh:Violation fails" holds whatever pyshacl's allow_* semantics become.
    conforms = not any(v.is_violation for v in violations)
    if report_conforms is not None and conforms != bool(report_conforms):
        report.set((next(report.subjects(RDF.type, SH.ValidationReport)), SH.conforms, Literal(conforms)))
    return ValidationResult(conforms=conforms, report=report, violations=violations)


class _PreparedQueryGraph(Graph):
    """A graph that parses each distinct SPARQL text once.

    pyshacl runs a SPARQL constraint once per focus node with the same text and a
    different $this binding; rdflib would re-parse the text each time (about 15 ms,
    most of a validation run). A prepared query with initBindings is rdflib's
    documented way to reuse a query, so the results are the same."""

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if isinstance(query_object, str) and not initNs and processor == "sparql":
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    from rdflib.plugins.sparql import prepareQuery
    return prepareQuery(text)


def _working_copy(data: Graph | Dataset) -> Graph:
    """A private plain graph to validate. Datasets are flattened, so links between
    named graphs (an article graph pointing at the reference graph's provinces)
    resolve."""
    copy = _PreparedQueryGraph()
    for prefix, namespace in data.namespaces():
        copy.bind(prefix, namespace, override=False)
    triples = (q[:3] for q in data.quads((None, None, None, None))) if isinstance(data, Dataset) else iter(data)
    for triple in triples:
        copy.add(triple)
    return copy


def _restore_message_languages(report: Graph, shapes: Graph) -> None:
    """Put the language tags back on messages of SPARQL-based constraints.

    pyshacl (0.40) rebuilds those messages as plain literals after substituting
    {$this}/{?value} placeholders, which loses @vi/@en. Our messages use no
    placeholders, so the text still equals one sh:message of the constraint and
    that message's tag can be restored."""
    for result, constraint in list(report.subject_objects(SH.sourceConstraint)):
        tagged = {str(m): m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)}
        tagged.update({str(m): m for m in report.objects(constraint, SH.message) if isinstance(m, Literal)})
        for message in list(report.objects(result, SH.resultMessage)):
            original = tagged.get(str(message))
            if isinstance(message, Literal) and message.language is None and original is not None:
                report.remove((result, SH.resultMessage, message))
                report.add((result, SH.resultMessage, original))


def _violations(report: Graph, shapes: Graph) -> tuple[Violation, ...]:
    found = [_violation(report, shapes, r) for r in report.subjects(RDF.type, SH.ValidationResult)]
    return tuple(sorted(found, key=_sort_key))


def _violation(report: Graph, shapes: Graph, result: Node) -> Violation:
    source = report.value(result, SH.sourceShape)
    message_en, message_vi = _messages(report, result)
    return Violation(
        focus=report.value(result, SH.focusNode),
        shape=_class_shape(shapes, source),
        path=report.value(result, SH.resultPath),
        severity=report.value(result, SH.resultSeverity, default=SH.Violation),
        message_en=message_en,
        message_vi=message_vi,
        source_shape=source,
        constraint=report.value(result, SH.sourceConstraintComponent),
        value=report.value(result, SH.value),
    )


def _messages(report: Graph, result: Node) -> tuple[str, str]:
    """The English and Vietnamese messages; a message without a language (pyshacl's own,
    for a shape lacking sh:message) stands in for whichever is missing."""
    by_lang = {m.language: str(m) for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)}
    fallback = by_lang.get(None) or by_lang.get("en") or by_lang.get("vi") or ""
    return by_lang.get("en", fallback), by_lang.get("vi", fallback)


def _class_shape(shapes: Graph, source: Node | None) -> Node | None:
    """Walk up from a (possibly nested) property shape to the node shape that owns it.

    The report's sh:sourceShape for a blank property shape is a blank node of the
    shapes graph (pyshacl keeps the ids), so it can be looked up there."""
    seen: set[Node] = set()
    node = source
    while node is not None and node not in seen:
        seen.add(node)
        if (node, SH.targetClass, None) in shapes or isinstance(node, URIRef):
            return node
        parent = shapes.value(predicate=SH.property, object=node) or shapes.value(predicate=SH.node, object=node)
        if parent is None:
            return node
        node = parent
    return node


def _sort_key(v: Violation) -> tuple:
    return (SEVERITY_ORDER.get(v.severity, 9), str(v.shape), str(v.focus), str(v.path), v.message_en)


def summary(result: ValidationResult, limit: int = 20) -> str:
    """A readable multi-line summary: verdict, counts by shape and severity, and the
    first `limit` results with their focus nodes and both messages."""
    severities = Counter(v.severity for v in result.violations)
    lines = [
        "SHACL: {} ({} violations, {} warnings, {} infos)".format(
            "conforms" if result.conforms else "does NOT conform",
            severities[SH.Violation], severities[SH.Warning], severities[SH.Info],
        )
    ]
    if not result.violations:
        return lines[0]
    lines.append("By shape and severity:")
    by_shape = Counter((_short(v.shape), _short(v.severity)) for v in result.violations)
    for (shape, severity), count in sorted(by_shape.items()):
        lines.append(f"  {shape:<36} {severity:<12} {count}")
    lines.append(f"First {min(limit, len(result.violations))} of {len(result.violations)}:")
    for v in result.violations[:limit]:
        path = f" {_path_text(result.report, v.path)}" if v.path is not None else ""
        lines.append(f"  [{_short(v.severity)}] {_short(v.focus)}{path}")
        lines.append(f"      en: {v.message_en}")
        if v.message_vi != v.message_en:
            lines.append(f"      vi: {v.message_vi}")
    return "\n".join(lines)


def _prefixes() -> list[tuple[str, str]]:
    """Prefix/namespace pairs, longest namespace first so id: beats a shorter match."""
    pairs = [(prefix, str(ns)) for prefix, ns in PREFIXES.items()] + [("vpsh", VPSH_NS)]
    return sorted(pairs, key=lambda pair: -len(pair[1]))


def _short(node: Node | None) -> str:
    """A compact name for display. Unlike rdflib's n3(), this also shortens IRIs whose
    local part has slashes (id:article/<stem>), which is fine for humans, not Turtle."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        for prefix, namespace in _prefixes():
            if str(node).startswith(namespace) and len(node) > len(namespace):
                return f"{prefix}:{node[len(namespace):]}"
        return f"<{node}>"
    if isinstance(node, Literal):
        return repr(str(node))
    return "[]"


def _path_text(report: Graph, path: Node) -> str:
    """A SHACL path in SPARQL-like notation; only the forms the shapes use are spelled out."""
    inverse = report.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if inverse is not None:
        return "^" + _short(inverse)
    return _short(path)
