"""kg.shacl_sparql against pyshacl (kg.validate), the reference for what "conforms" means.

Every comparison loads rdflib graphs into an in-memory pyoxigraph store as named graphs,
validates the store with the compiled queries, turns each graph's results into a report
with report_graph, and requires kg.validate.result_from_report of that report to give the
same violations, as a multiset, as kg.validate.validate of the same graph: the build's own
pyshacl results for the sample articles, and for fixtures and mutants pyshacl on the graph as
the store gives it back (the store writes "500.0"^^xsd:decimal as "500"; see
test_reported_values_are_the_stored_ones).

The mutants break the sample articles (and the shape fixtures' provinces) systematically:
for every property shape of every node shape, values are dropped, doubled, replaced by a
literal of the wrong kind, an IRI, a blank node, an ill-typed or out-of-range literal, a
wrongly tagged string, or lose their class; pairs compared by sh:lessThan are swapped.

How long validate_store takes is measured by benchmarks/bench_validate.py.
"""
from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.build import build_folder
from kg.ontology import ontology_graph, shapes_graph
from kg import shacl_sparql
from kg.shacl_sparql import CompiledShapes, Result, compile_shapes, report_graph, validate_store
from kg.validate import ValidationResult, result_from_report, validate
from tests.samples import ARTICLES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
WRONG_IRI = URIRef("https://example.org/not-a-vocabulary-term")
OTHER_CLASS = URIRef("https://w3id.org/vnps/ontology#Document")


@pytest.fixture(autouse=True)
def quiet_rdflib(caplog):
    """rdflib logs a traceback for every ill-typed literal it reads; the tests make many."""
    caplog.set_level(logging.CRITICAL, logger="rdflib.term")


@cache
def compiled() -> CompiledShapes:
    return compile_shapes(shapes_graph(), ontology_graph())


@cache
def sample_build():
    return build_folder(ARTICLES)


def ox_term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if node.language:
        return ox.Literal(str(node), language=node.language)
    if node.datatype is not None and node.datatype != XSD.string:
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    return ox.Literal(str(node))


def graph_name(description: str) -> str:
    """A mutant's description as a graph IRI."""
    return "urn:mutant:" + quote(description, safe="")


def store_of(graphs: dict[str, Graph]) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox.NamedNode(name))
                 for name, graph in graphs.items() for s, p, o in graph)
    return store


def fast(results: list[Result]) -> ValidationResult:
    """The fast path's results as kg.validate reads a report."""
    conforms = not any(r.severity == SH.Violation for r in results)
    return result_from_report(report_graph(results, conforms, shapes=shapes_graph()))


def stored(store: ox.Store, name: str) -> Graph:
    """A graph as the store gives it back (blank node ids kept): pyshacl's view of the same
    data. The store writes some lexical forms canonically ("500.0"^^xsd:decimal as "500"),
    and "x"^^xsd:string as "x", so a value reported from such a literal can only be canonical."""
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        graph.add(tuple(rdflib_term(t) for t in (quad.subject, quad.predicate, quad.object)))
    return graph


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """As rdflib's N-Triples parser reads pyoxigraph's N-Triples (which writes xsd:string plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language or term.datatype.value == str(XSD.string):
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def differences(graphs: dict[str, Graph], expected: dict[str, ValidationResult] | None = None,
                shapes: CompiledShapes | None = None) -> list:
    """(graph, fast path only, pyshacl only) for each graph whose violations differ, compared
    as multisets; pyshacl validates the graph as stored unless `expected` is given."""
    store = store_of(graphs)
    found = validate_store(store, shapes or compiled())
    assert set(found) <= set(graphs)
    mismatches = []
    for name in graphs:
        reference = expected[name] if expected else validate(stored(store, name))
        mine = fast(found.get(name, []))
        assert mine.conforms == (not any(v.is_violation for v in mine.violations))
        if Counter(mine.violations) != Counter(reference.violations) or mine.conforms != reference.conforms:
            mismatches.append((name, Counter(mine.violations) - Counter(reference.violations),
                               Counter(reference.violations) - Counter(mine.violations)))
    return mismatches


def fixture(*names: str) -> Graph:
    graph = Graph()
    for name in ("context.ttl", *names):
        graph.parse(FIXTURES / name, format="turtle")
    return graph


# ---------------------------------------------------------------------------------------
# The fixtures and the sample articles
# ---------------------------------------------------------------------------------------

FIXTURE_FILES = sorted(p.name for p in FIXTURES.glob("*.ttl") if p.name != "context.ttl")


def test_fixtures_give_pyshacls_results():
    assert len(FIXTURE_FILES) >= 20
    graphs = {f"urn:fixture:{name}": fixture(name) for name in FIXTURE_FILES}
    graphs["urn:fixture:context"] = fixture()
    assert differences(graphs) == []


def test_fixtures_that_break_shapes_are_reported():
    """Not vacuous: the invalid fixtures do give violations, through the fast path too."""
    found = validate_store(store_of({"urn:g": fixture("evidence_invalid.ttl")}), compiled())
    components = {r.constraint for r in found["urn:g"]}
    assert {SH.DatatypeConstraintComponent, SH.LessThanConstraintComponent,
            SH.MinInclusiveConstraintComponent} <= components


def test_reported_values_are_the_stored_ones():
    """The one difference with pyshacl on the graph as parsed: the store keeps a canonical
    lexical form, so the fixture's "500.0"^^xsd:decimal is reported as "500"."""
    graph = fixture("evidence_invalid.ttl")
    decimal = Literal("500.0", datatype=XSD.decimal)
    assert decimal in {v.value for v in validate(graph).violations}
    [(_, mine, theirs)] = differences({"urn:g": graph}, {"urn:g": validate(graph)})
    assert {v.value for v in mine} == {Literal("500", datatype=XSD.decimal)}
    assert {v.value for v in theirs} == {decimal}
    assert {dataclasses.replace(v, value=None) for v in mine} == {dataclasses.replace(v, value=None) for v in theirs}


def test_sample_article_graphs_give_pyshacls_results():
    build = sample_build()
    assert len(build.articles) >= 5
    graphs = {str(a.graph.identifier): a.graph for a in build.articles}
    # The build's own pyshacl results, on the rdflib graphs themselves (no store in between).
    assert differences(graphs, {str(a.graph.identifier): a.validation for a in build.articles}) == []


@pytest.mark.parametrize("small_scope", [500, 0])
def test_graphs_restriction_returns_exactly_those_graphs_results(small_scope, monkeypatch):
    """A few graphs are queried as the dataset; many are validated with all the others."""
    monkeypatch.setattr(shacl_sparql, "SMALL_SCOPE", small_scope)
    graphs = {f"urn:fixture:{name}": fixture(name) for name in FIXTURE_FILES}
    store = store_of(graphs)
    everything = validate_store(store, compiled())
    chosen = [name for name in sorted(graphs) if "invalid" in name][::2]
    chosen.append("urn:fixture:coordination_agreement_valid.ttl")
    restricted = validate_store(store, compiled(), graphs=chosen)
    assert restricted == {name: everything[name] for name in chosen if name in everything}
    assert len(restricted) >= 3
    assert validate_store(store, compiled(), graphs=[]) == {}


# ---------------------------------------------------------------------------------------
# Mutants
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PropertyShape:
    node_shape: Node
    shape: Node
    predicate: URIRef
    inverse: bool

    def values(self, graph: Graph, focus: Node) -> list[Node]:
        if self.inverse:
            return list(graph.subjects(self.predicate, focus))
        return list(graph.objects(focus, self.predicate))

    def triple(self, focus: Node, value: Node) -> tuple[Node, Node, Node]:
        return (value, self.predicate, focus) if self.inverse else (focus, self.predicate, value)


def property_shapes() -> Iterator[PropertyShape]:
    shapes = shapes_graph()
    for node_shape in sorted(set(shapes.subjects(SH.targetClass, None))):
        for shape in sorted(shapes.objects(node_shape, SH.property)):
            path = shapes.value(shape, SH.path)
            inverse = isinstance(path, BNode)
            yield PropertyShape(node_shape, shape, shapes.value(path, SH.inversePath) if inverse else path, inverse)


def hosts() -> Iterator[tuple[str, Graph]]:
    """Graphs to break: the sample articles, and the fixture context (provinces)."""
    for article in sample_build().articles:
        yield str(article.graph.identifier), article.graph
    yield "urn:fixture:context", fixture()


def focus_in(graph: Graph, node_shape: Node) -> Node | None:
    """A focus node of the shape in the graph, preferably one having many values."""
    classes = set(shapes_graph().objects(node_shape, SH.targetClass))
    nodes = {s for c in classes for s in graph.subjects(RDF.type, c)}
    nodes = sorted(nodes, key=lambda n: (-len(set(graph.predicate_objects(n))), n))
    return nodes[0] if nodes else None


def wrong_values(shape: PropertyShape) -> dict[str, Node]:
    """Values breaking the kinds of constraint the shape has (some break none of them)."""
    shapes = shapes_graph()
    wrong: dict[str, Node] = {"plain literal": Literal("wrong"), "iri": WRONG_IRI, "blank node": BNode()}
    if (shape.shape, SH.datatype, None) in shapes or (shape.shape, SH.minInclusive, None) in shapes:
        wrong |= {"ill-typed integer": Literal("twelve", datatype=XSD.integer),
                  "ill-typed date": Literal("2024-02-30", datatype=XSD.date),
                  "negative integer": Literal(-3), "decimal": Literal("3.5", datatype=XSD.decimal),
                  "gYear": Literal("2031", datatype=XSD.gYear), "tagged": Literal("sai", lang="vi")}
    if any((shape.shape, key, None) in shapes for key in (SH.languageIn, SH.uniqueLang, SH.qualifiedValueShape)):
        wrong |= {"other language": Literal("sai", lang="fr"), "upper-case tag": Literal("Tên", lang="VI"),
                  "subtag": Literal("Tên", lang="vi-VN"), "untagged": Literal("Không có thẻ")}
    return wrong


def another(value: Node | None) -> Node:
    """A second value of the same kind."""
    if isinstance(value, Literal):
        return Literal(str(value) + "0", lang=value.language, datatype=value.datatype)
    return URIRef(f"{value}-other") if isinstance(value, URIRef) else WRONG_IRI


def mutants() -> Iterator[tuple[str, Graph]]:
    for number, shape in enumerate(property_shapes()):
        for host, graph in hosts():
            focus = focus_in(graph, shape.node_shape)
            if focus is not None:
                yield from shape_mutants(shape, f"{host} #{number}", graph, focus)
                break


def shape_mutants(shape: PropertyShape, host: str, graph: Graph, focus: Node) -> Iterator[tuple[str, Graph]]:
    """The property's values dropped, doubled, replaced by wrong ones; the value losing its class."""
    values = shape.values(graph, focus)
    tag = f"{host} {'^' if shape.inverse else ''}{shape.predicate}"
    dropped = copy(graph)
    for value in values:
        dropped.remove(shape.triple(focus, value))
    yield f"{tag} drop", dropped
    for name, extra, base in (("another", another(values[0] if values else None), graph),
                              ("plain literal", Literal("wrong"), graph),
                              *((f"replace by {n}", v, dropped) for n, v in wrong_values(shape).items())):
        if shape.inverse and isinstance(extra, Literal):
            continue  # a literal cannot be a subject
        if isinstance(extra, BNode) and shape.predicate in compared_predicates():
            continue  # pyshacl raises (test_a_blank_node_compared_by_less_than_is_an_error)
        mutant = copy(base)
        mutant.add(shape.triple(focus, extra))
        yield f"{tag} {name}", mutant
    if (class_value := next((v for v in values if not isinstance(v, Literal)), None)) is not None:
        untyped = copy(graph)
        untyped.remove((class_value, RDF.type, None))
        yield f"{tag} untype value", untyped
        retyped = copy(untyped)
        retyped.add((class_value, RDF.type, OTHER_CLASS))
        yield f"{tag} retype value", retyped


@cache
def compared_predicates() -> frozenset[Node]:
    shapes = shapes_graph()
    pairs = [(shapes.value(s, SH.path), o) for key in (SH.lessThan, SH.lessThanOrEquals)
             for s, o in shapes.subject_objects(key)]
    return frozenset(p for pair in pairs for p in pair)


def copy(graph: Graph) -> Graph:
    new = Graph(identifier=graph.identifier)
    for triple in graph:
        new.add(triple)
    return new


def swapped_pairs() -> Iterator[tuple[str, Graph]]:
    """sh:lessThan pairs swapped or equal, and the SPARQL constraint's period reversed."""
    shapes = shapes_graph()
    pairs = [(shapes.value(s, SH.path), o) for key in (SH.lessThan, SH.lessThanOrEquals)
             for s, o in shapes.subject_objects(key)]
    pairs.append((URIRef("https://w3id.org/vnps/ontology#periodStart"), URIRef("https://w3id.org/vnps/ontology#periodEnd")))
    for host, graph in hosts():
        for first, second in pairs:
            for subject in sorted(set(graph.subjects(first, None)) & set(graph.subjects(second, None)))[:1]:
                a, b = graph.value(subject, first), graph.value(subject, second)
                swapped = copy(graph)
                swapped.set((subject, first, b))
                swapped.set((subject, second, a))
                yield f"{host} {first} swapped", swapped
                equal = copy(graph)
                equal.set((subject, second, a))
                yield f"{host} {first} equal", equal
                text = copy(graph)
                text.set((subject, second, Literal(str(b))))
                yield f"{host} {second} as text", text


def test_mutants_give_pyshacls_results():
    named = [*mutants(), *swapped_pairs()]
    graphs = {graph_name(name): graph for name, graph in named}
    assert len(graphs) == len(named) > 800
    assert differences(graphs) == []


def test_a_blank_node_compared_by_less_than_is_an_error():
    """pyshacl refuses to compare a blank node; so does the fast path."""
    graph = fixture()
    graph.set((URIRef("https://w3id.org/vnps/id/article/000_test/span/412-488-name-title"),
               URIRef("http://www.w3.org/ns/oa#start"), BNode()))
    with pytest.raises(Exception, match="compare a BlankNode"):
        validate(graph)
    with pytest.raises(ValueError, match="compare a BlankNode"):
        validate_store(store_of({"urn:g": graph}), compiled())


def test_most_mutants_break_a_shape():
    """Not vacuous: the mutants do break shapes, and in many ways."""
    graphs = {graph_name(name): graph for name, graph in mutants()}
    found = validate_store(store_of(graphs), compiled())
    assert len(found) > len(graphs) // 2
    components = {r.constraint for results in found.values() for r in results}
    assert len(components) >= 12, components


# ---------------------------------------------------------------------------------------
# What the compiler refuses
# ---------------------------------------------------------------------------------------

VPSH = "https://w3id.org/vnps/shapes#"


def shapes_with(*triples: tuple[Node, Node, Node]) -> Graph:
    shapes = Graph()
    for triple in shapes_graph():
        shapes.add(triple)
    for triple in triples:
        shapes.add(triple)
    return shapes


@pytest.mark.parametrize("predicate, obj, named", [
    (SH.minLength, Literal(3), "minLength"),
    (SH.hasValue, Literal("x"), "hasValue"),
    (SH.equals, URIRef("http://purl.org/dc/terms/title"), "equals"),
])
def test_an_unsupported_constraint_is_named(predicate, obj, named):
    shape = next(iter(shapes_graph().objects(URIRef(VPSH + "ArticleShape"), SH.property)))
    with pytest.raises(NotImplementedError, match=named):
        compile_shapes(shapes_with((shape, predicate, obj)), ontology_graph())


def test_an_unsupported_target_or_logic_is_named():
    with pytest.raises(NotImplementedError, match="targetNode"):
        compile_shapes(shapes_with((URIRef(VPSH + "ArticleShape"), SH.targetNode, URIRef("urn:x"))), ontology_graph())
    with pytest.raises(NotImplementedError, match=r"sh:not\b"):
        compile_shapes(shapes_with((URIRef(VPSH + "ArticleShape"), SH["not"], BNode())), ontology_graph())


def sequence_path(shapes: Graph, shape: Node) -> None:
    path = BNode()
    Collection(shapes, path, [URIRef("urn:p"), URIRef("urn:q")])
    shapes.set((shape, SH.path, path))


def sparql_with_values(shapes: Graph, shape: Node) -> None:
    constraint = shapes.value(URIRef(VPSH + "CoordinationAgreementShape"), SH.sparql)
    shapes.set((constraint, SH.select, Literal("SELECT $this WHERE { VALUES ?x { 1 } $this ?p ?x }")))


@pytest.mark.parametrize("change, named", [
    (sequence_path, "only predicate and sh:inversePath paths"),
    (lambda shapes, shape: shapes.remove((shape, SH.message, None)), "no sh:message"),
    (sparql_with_values, "cannot be inlined"),
])
def test_an_unsupported_shape_is_named(change, named):
    shapes = shapes_with()
    change(shapes, next(iter(shapes.objects(URIRef(VPSH + "CoordinationAgreementShape"), SH.property))))
    with pytest.raises(NotImplementedError, match=named):
        compile_shapes(shapes, ontology_graph())


def test_a_datatype_the_store_cannot_keep_is_refused():
    shape = next(iter(shapes_graph().objects(URIRef(VPSH + "EvidenceShape"), SH.property)))
    shapes = shapes_with()
    shapes.set((shape, SH.datatype, XSD.nonNegativeInteger))
    with pytest.raises(NotImplementedError, match="nonNegativeInteger"):
        compile_shapes(shapes, ontology_graph())


@pytest.mark.parametrize("datatype, lexical", [(XSD.nonNegativeInteger, "5"), (XSD.int, "5"),
                                               (XSD.dateTimeStamp, "2024-01-01T00:00:00Z")])
def test_pyoxigraph_still_folds_these_datatypes(datatype, lexical):
    """Why shacl_sparql refuses them; if this fails, pyoxigraph keeps the type and the refusal
    of that type (OXIGRAPH_FOLDED_TYPES) can go."""
    assert datatype in shacl_sparql.OXIGRAPH_FOLDED_TYPES
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"),
                      ox.Literal(lexical, datatype=ox.NamedNode(str(datatype))), ox.NamedNode("urn:g")))
    assert next(iter(store)).object.datatype != ox.NamedNode(str(datatype))


def test_a_graph_extending_the_hierarchy_is_refused():
    graph = fixture("holding_valid.ttl")
    graph.add((URIRef("urn:my-class"), RDFS.subClassOf,
               URIRef("https://w3id.org/vnps/ontology#Person")))
    with pytest.raises(NotImplementedError, match="urn:g"):
        validate_store(store_of({"urn:g": graph}), compiled())
    # Restating the ontology's own hierarchy changes nothing, so it is accepted.
    harmless = fixture()
    harmless += ontology_graph()
    assert differences({"urn:g": harmless}) == []


def test_ontology_terms_used_as_instances_keep_their_ontology_values():
    """pyshacl adds the ontology's axioms to the data: typed as a vps:Person, the class
    vps:Organization has the rdfs:labels the ontology gives it, so no sh:minCount result for
    them, while a label the graph adds with a wrong tag is reported."""
    vps = "https://w3id.org/vnps/ontology#"
    graph = fixture()
    graph.add((URIRef(vps + "Organization"), RDF.type, URIRef(vps + "Person")))
    graph.add((URIRef(vps + "Post"), RDF.type, URIRef(vps + "Person")))
    graph.add((URIRef(vps + "Post"), RDFS.label, Literal("Chức vụ", lang="fr")))
    reference = validate(graph)
    paths = {(v.focus, v.path) for v in reference.violations}
    assert (URIRef(vps + "Organization"), URIRef("http://xmlns.com/foaf/0.1/name")) in paths
    assert (URIRef(vps + "Organization"), RDFS.label) not in paths
    assert (URIRef(vps + "Post"), RDFS.label) in paths
    assert differences({"urn:g": graph, "urn:plain": fixture()}) == []
    # The store alone does not have those labels: without the exact queries for such graphs,
    # the fast path would report them missing.
    assert differences({"urn:g": graph}, shapes=dataclasses.replace(compiled(), background_guard=None))


def test_report_graph_is_shaped_like_pyshacls():
    graph = fixture("participation_invalid.ttl", "coordination_agreement_period_invalid.ttl")
    results = validate_store(store_of({"urn:g": graph}), compiled())["urn:g"]
    report = report_graph(results, False, shapes=shapes_graph())
    reference = validate(graph).report
    for query in ("SELECT ?p WHERE { ?r a <http://www.w3.org/ns/shacl#ValidationResult> ; ?p ?o }",
                  "SELECT ?p WHERE { ?r <http://www.w3.org/ns/shacl#sourceShape> ?s . ?s ?p ?o }"):
        assert {row[0] for row in report.query(query)} == {row[0] for row in reference.query(query)}
