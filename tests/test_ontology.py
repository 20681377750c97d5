"""ontology/vps.ttl, concepts.ttl and shapes.ttl: syntax, documentation and coverage."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, RDF, RDFS, SH, SKOS

from kg.namespaces import DEFAULT_BASE
from kg.ontology import ONTOLOGY_DIR, ontology_graph, shapes_graph

ROOT = Path(__file__).resolve().parent.parent
VPS = DEFAULT_BASE + "ontology#"
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
TTL_FILES = ("vps.ttl", "concepts.ttl", "shapes.ttl")
SCHEMES = {
    "agreement-kind": {"program", "plan", "regulation", "resolution", "agreement", "memorandum"},
    "role": {"chair", "signatory", "attendee", "speaker"},
    "level": {"central", "province", "district"},
    "event-kind": {"signing", "review", "meeting"},
}


@pytest.fixture(scope="module")
def vps() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "vps.ttl", format="turtle")


@pytest.fixture(scope="module")
def concepts() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "concepts.ttl", format="turtle")


def declared(graph: Graph) -> set[URIRef]:
    """Named classes and properties (the owl:unionOf helpers are blank nodes)."""
    return {s for t in DECLARATION_TYPES for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


@pytest.mark.parametrize("name", TTL_FILES)
def test_parses_with_rdflib_and_pyoxigraph(name: str):
    path = ONTOLOGY_DIR / name
    rdflib_count = len(Graph().parse(path, format="turtle"))
    oxigraph_count = len(list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE)))
    assert rdflib_count > 0
    assert rdflib_count == oxigraph_count


def test_ontology_header(vps: Graph):
    (ontology,) = vps.subjects(RDF.type, OWL.Ontology)
    assert str(vps.value(ontology, OWL.versionInfo)) == "0.1.0"
    dct = "http://purl.org/dc/terms/"
    assert languages(vps, ontology, URIRef(dct + "title")) == {"vi", "en"}
    assert languages(vps, ontology, URIRef(dct + "description")) == {"vi", "en"}


def test_declares_only_vps_terms(vps: Graph):
    terms = declared(vps)
    assert terms
    assert all(str(t).startswith(VPS) for t in terms)


def test_declares_exactly_the_terms_of_the_model(vps: Graph):
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    in_model = {URIRef(VPS + local) for local in re.findall(r"`vps:(\w+)`", model)}
    assert declared(vps) == in_model


@pytest.mark.parametrize("predicate", [RDFS.label, SKOS.definition])
def test_every_term_has_vi_and_en(vps: Graph, predicate: URIRef):
    missing = [t for t in declared(vps) if not {"vi", "en"} <= languages(vps, t, predicate)]
    assert missing == []


def test_every_property_has_domain_and_range(vps: Graph):
    properties = {
        s for t in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in vps.subjects(RDF.type, t)
    }
    assert len(properties) > 30
    for prop in properties:
        assert vps.value(prop, RDFS.domain) is not None, prop
        assert vps.value(prop, RDFS.range) is not None, prop


def test_object_and_datatype_properties_are_disjoint(vps: Graph):
    objects = set(vps.subjects(RDF.type, OWL.ObjectProperty))
    datatypes = set(vps.subjects(RDF.type, OWL.DatatypeProperty))
    assert not objects & datatypes


def test_alignments(vps: Graph):
    v = lambda local: URIRef(VPS + local)  # noqa: E731
    assert (v("Post"), RDFS.subClassOf, ORG.Post) in vps
    assert (v("Holding"), RDFS.subClassOf, ORG.Membership) in vps
    assert (v("Person"), RDFS.subClassOf, FOAF.Person) in vps
    assert (v("Organization"), RDFS.subClassOf, ORG.Organization) in vps
    assert (v("Province"), RDFS.subClassOf, v("AdministrativeUnit")) in vps


def test_concept_schemes(concepts: Graph):
    for scheme_id, members in SCHEMES.items():
        scheme = URIRef(f"{DEFAULT_BASE}vocab/{scheme_id}")
        assert (scheme, RDF.type, SKOS.ConceptScheme) in concepts
        in_scheme = {c for c in concepts.subjects(SKOS.inScheme, scheme)}
        assert in_scheme == {URIRef(f"{scheme}/{m}") for m in members}
        for concept in in_scheme:
            assert (concept, RDF.type, SKOS.Concept) in concepts
            assert languages(concepts, concept, SKOS.prefLabel) == {"vi", "en"}
            assert {"vi", "en"} <= languages(concepts, concept, SKOS.definition)


def test_shapes_use_only_declared_vps_terms(vps: Graph):
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    used = {
        o for p in (SH.path, SH.targetClass, SH["class"], SH.inversePath)
        for o in shapes.objects(None, p) if isinstance(o, URIRef) and str(o).startswith(VPS)
    }
    assert used - declared(vps) == set()


def test_loaders_return_cached_graphs():
    assert ontology_graph() is ontology_graph()
    assert shapes_graph() is shapes_graph()
    assert (URIRef(VPS + "Article"), RDF.type, OWL.Class) in ontology_graph()
    assert (URIRef(f"{DEFAULT_BASE}vocab/role/chair"), RDF.type, SKOS.Concept) in ontology_graph()
    assert (URIRef(DEFAULT_BASE + "shapes#ArticleShape"), RDF.type, SH.NodeShape) in shapes_graph()


def test_rebase_moves_every_project_iri():
    """With KG_BASE_IRI set, no IRI of the default base survives in either graph."""
    code = (
        "from kg.ontology import ontology_graph, shapes_graph\n"
        "terms = {t for g in (ontology_graph(), shapes_graph()) for triple in g for t in triple}\n"
        f"old = [t for t in terms if {DEFAULT_BASE!r} in str(t)]\n"
        "new = [t for t in terms if 'https://example.org/kg/' in str(t)]\n"
        "print(len(old), len(new))\n"
    )
    env = {**os.environ, "KG_BASE_IRI": "https://example.org/kg"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    old, new = map(int, out.stdout.split())
    assert old == 0 and new > 50


def test_no_blank_node_is_declared_as_a_property(vps: Graph):
    for t in (OWL.ObjectProperty, OWL.DatatypeProperty):
        assert not any(isinstance(s, BNode) for s in vps.subjects(RDF.type, t))


def test_rebased_shapes_validate_rebased_data():
    """Patterns and sh:in lists move with the base too: the rebased context graph still
    produces no result and the rebased invalid holding still fails."""
    code = (
        "from pathlib import Path\n"
        "from rdflib import Graph\n"
        "from kg.namespaces import rebase\n"
        "from kg.validate import validate\n"
        "fixtures = Path('tests/fixtures/shapes')\n"
        "g = Graph()\n"
        "for name in ('context.ttl', 'holding_invalid.ttl'):\n"
        "    g.parse(data=rebase((fixtures / name).read_text(encoding='utf-8')), format='turtle')\n"
        "r = validate(g)\n"
        "print(len(r.violations), r.violations[0].focus if r.violations else '')\n"
    )
    env = {**os.environ, "KG_BASE_IRI": "https://example.org/kg/"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "https://example.org/kg/id/holding/7b1e0d"]
