"""Reference data as RDF: the ontology, the SKOS vocabularies made from data/vocab, and
the administrative units of both layouts with their 2025 successors."""
from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, SKOS, XSD

from kg import vocab
from kg.graph import concept, province_iri, search_key
from kg.namespaces import VOCAB, VPS
from kg.ontology import ontology_graph


def _scheme(g: Graph, scheme: str, label_vi: str, label_en: str) -> URIRef:
    node = VOCAB[scheme]
    g.add((node, RDF.type, SKOS.ConceptScheme))
    g.add((node, SKOS.prefLabel, Literal(label_vi, lang="vi")))
    g.add((node, SKOS.prefLabel, Literal(label_en, lang="en")))
    return node


def _concept(g: Graph, scheme: str, concept_id: str, label_vi: str, label_en: str,
             variants: tuple[str, ...] = (), broader: URIRef | None = None) -> URIRef:
    node = concept(scheme, concept_id)
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, VOCAB[scheme]))
    g.add((node, SKOS.prefLabel, Literal(label_vi, lang="vi")))
    g.add((node, SKOS.prefLabel, Literal(label_en, lang="en")))
    for variant in variants:
        if variant != label_vi:
            g.add((node, SKOS.altLabel, Literal(variant, lang="vi")))
    for written in (label_vi, *variants):
        g.add((node, SKOS.hiddenLabel, search_key(written)))
    if broader is not None:
        g.add((node, SKOS.broader, broader))
    return node


def vocabularies() -> Graph:
    g = Graph()
    _scheme(g, "title", "Chức danh", "Titles")
    _scheme(g, "rank", "Cấp bậc quân hàm", "Military and police ranks")
    for title in vocab.titles().values():
        scheme = "rank" if title.kind == "rank" else "title"
        _concept(g, scheme, title.id, title.label_vi, title.label_en, title.variants)
    _scheme(g, "org-kind", "Loại tổ chức", "Kinds of organization")
    for category in vocab.categories().values():
        node = _concept(g, "org-kind", category.id, category.label_vi, category.label_en)
        g.add((node, SKOS.definition, Literal(category.definition_en, lang="en")))
    for body in vocab.bodies().values():
        _concept(g, "org-kind", body.id, body.label_vi, body.label_en, body.variants,
                 broader=concept("org-kind", body.category))
    _scheme(g, "document-kind", "Loại văn bản", "Kinds of document")
    for kind in vocab.document_kinds().values():
        _concept(g, "document-kind", kind.id, kind.label_vi, kind.label_en, kind.variants)
    return g


def administrative_units() -> Graph:
    g = Graph()
    for unit in vocab.provinces().values():
        node = province_iri(unit.id)
        g.add((node, RDF.type, VPS.Province))
        g.add((node, RDF.type, VPS.AdministrativeUnit))
        g.add((node, SKOS.prefLabel, Literal(unit.name_vi, lang="vi")))
        g.add((node, SKOS.prefLabel, Literal(unit.name_en, lang="en")))
        for alias in unit.aliases:
            g.add((node, SKOS.altLabel, Literal(alias, lang="vi")))
        for written in (unit.name_vi, *unit.aliases):
            g.add((node, SKOS.hiddenLabel, search_key(written)))
        g.add((node, VPS.unitType, Literal(unit.unit_type)))
        if unit.code:
            g.add((node, VPS.code, Literal(unit.code)))
        g.add((node, VPS.validFrom, Literal(unit.valid_from, datatype=XSD.date)))
        if unit.valid_until:
            g.add((node, VPS.validUntil, Literal(unit.valid_until, datatype=XSD.date)))
        if unit.successor:
            g.add((node, VPS.succeededBy, province_iri(unit.successor)))
    return g


@cache
def reference_graph() -> Graph:
    """Everything every build carries besides the articles: ontology, vocabularies, places.

    Blank nodes (the ontology's unions) get canonical labels, so two builds write the
    same bytes."""
    g = Graph()
    for part in (ontology_graph(), vocabularies(), administrative_units()):
        for triple in part:
            g.add(triple)
    return to_canonical_graph(g)
