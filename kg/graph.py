"""Resolved records → RDF: one named graph per article, IRIs minted from resolution keys.

Plain strings are written as plain literals (no explicit xsd:string) everywhere, so
that a lookup by name matches whatever store the graph ends up in.
"""
from __future__ import annotations

from datetime import date

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, XSD

from kg import vocab
from kg.namespaces import GRAPH, ID, OA, VOCAB, VPS
from kg.records import Span
from kg.resolve import Agreement, Document, Event, ResolvedArticle, slug

REFERENCE_GRAPH = GRAPH["reference"]


def article_iri(stem: str) -> URIRef:
    return ID[f"article/{stem}"]


def org_iri(key: str) -> URIRef:
    return ID[f"org/{key}"]


def post_iri(key: str) -> URIRef:
    """Posts live under their body; a post whose body the text leaves unknown, under id:post/untitled."""
    return ID[f"post/{key}"] if key.startswith("untitled/") else ID[f"org/{key}"]


def person_iri(key: str) -> URIRef:
    return ID[f"person/{key}"]


def province_iri(unit_id: str) -> URIRef:
    layout, name = unit_id.split("-", 1)
    return ID[f"place/{layout}/{name}"]


def concept(scheme: str, concept_id: str) -> URIRef:
    return VOCAB[f"{scheme}/{concept_id}"]


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


class _ArticleGraph:
    def __init__(self, graph: Graph, resolved: ResolvedArticle):
        self.g = graph
        self.r = resolved
        self.article = article_iri(resolved.stem)

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def evidence(self, node: URIRef, span: Span) -> None:
        """Link a fact to the article and to the span (and rule) it was read from."""
        ev = ID[f"article/{self.r.stem}/span/{span.start}-{span.end}-{slug(span.rule)}"]
        self.add(node, PROV.wasDerivedFrom, self.article)
        self.add(node, VPS.evidence, ev)
        for p, o in ((RDF.type, VPS.Evidence), (OA.start, _count(span.start)), (OA.end, _count(span.end)),
                     (OA.exact, Literal(self.r.facts.page.article.text[span.start:span.end])),
                     (VPS.rule, Literal(span.rule)), (VPS.inArticle, self.article)):
            self.add(ev, p, o)

    def build(self) -> None:
        self.article_node()
        for org in self.r.orgs:
            self.org_node(org)
        for post in self.r.posts:
            node = post_iri(post.key)
            self.add(node, RDF.type, VPS.Post)
            self.add(node, RDFS.label, Literal(post.label_vi, lang="vi"))
            self.add(node, RDFS.label, Literal(post.label_en, lang="en"))
            self.add(node, ORG.postIn, org_iri(post.org) if post.org else None)
            self.add(node, VPS.title, concept("title", post.title))
        for person in self.r.persons:
            node = person_iri(person.key)
            self.add(node, RDF.type, VPS.Person)
            self.add(node, FOAF.name, Literal(person.name))
            self.add(node, RDFS.label, Literal(person.name, lang="vi"))
            self.add(node, VPS.rank, concept("rank", person.rank) if person.rank else None)
        for holding in self.r.holdings:
            self.holding_node(holding)
        for document in self.r.documents:
            self.document_node(document)
        for agreement in self.r.agreements:
            self.agreement_node(agreement)
        for event in self.r.events:
            self.event_node(event)

    def article_node(self) -> None:
        facts, page = self.r.facts, self.r.facts.page
        a = self.article
        self.add(a, RDF.type, VPS.Article)
        self.add(a, DCTERMS.identifier, Literal(self.r.stem))
        self.add(a, DCTERMS.title, Literal(facts.title) if facts.title else None)
        self.add(a, DCTERMS.issued, _date(facts.published) if facts.published else None)
        self.add(a, DCTERMS.creator, Literal(facts.author) if facts.author else None)
        self.add(a, VPS.site, Literal(page.site) if page.site else None)
        url = page.article.manifest.url if page.article.manifest else None
        self.add(a, SDO.url, Literal(url, datatype=XSD.anyURI) if url else None)
        self.add(a, VPS.sourceFile, Literal(page.article.file))
        self.add(a, VPS.textHash, Literal(page.article.sha256))
        self.add(a, VPS.province, province_iri(facts.province) if facts.province else None)

    def org_node(self, org) -> None:
        node = org_iri(org.key)
        self.add(node, RDF.type, VPS.Organization)
        self.add(node, RDFS.label, Literal(org.label_vi, lang="vi"))
        self.add(node, RDFS.label, Literal(org.label_en, lang="en"))
        self.add(node, VPS.orgKind, concept("org-kind", org.chain[0]))
        self.add(node, VPS.level, concept("level", org.level) if org.level else None)
        self.add(node, VPS.province, province_iri(org.province) if org.province else None)
        self.add(node, ORG.subOrganizationOf, org_iri(org.parent) if org.parent else None)

    def holding_node(self, holding) -> None:
        node = ID[f"holding/{holding.key}"]
        self.add(node, RDF.type, VPS.Holding)
        self.add(node, VPS.holder, person_iri(holding.person))
        self.add(node, VPS.post, post_iri(holding.post))
        self.add(person_iri(holding.person), ORG.holds, post_iri(holding.post))
        published = self.r.facts.published
        self.add(node, VPS.observedOn, _date(published) if published else None)
        self.add(node, VPS.statedAs, Literal(holding.stated) if holding.stated else None)
        self.evidence(node, holding.evidence)

    def document_node(self, document: Document) -> None:
        node = ID[f"document/{document.key}"]
        kind = vocab.document_kinds().get(document.kind) if document.kind else None
        self.add(node, RDF.type, VPS.Document)
        self.add(node, VPS.documentNumber, Literal(document.number))
        self.add(node, RDFS.label, Literal(f"{kind.label_vi} số {document.number}" if kind else document.number, lang="vi"))
        self.add(node, VPS.documentKind, concept("document-kind", document.kind) if document.kind else None)
        self.add(node, DCTERMS.issued, _date(document.issued) if document.issued else None)
        self.add(node, VPS.issuer, org_iri(document.issuer) if document.issuer else None)
        self.evidence(node, document.evidence)

    def agreement_node(self, agreement: Agreement) -> None:
        node = ID[f"agreement/{agreement.key}"]
        self.add(node, RDF.type, VPS.CoordinationAgreement)
        self.add(node, RDFS.label, Literal(agreement.label, lang="vi"))
        self.add(node, VPS.agreementKind, concept("agreement-kind", agreement.kind))
        for party in agreement.parties:
            self.add(node, VPS.party, org_iri(party))
        for person in agreement.signatories:
            self.add(node, VPS.signatory, person_iri(person))
        if agreement.period:
            self.add(node, VPS.periodStart, _year(agreement.period[0]))
            self.add(node, VPS.periodEnd, _year(agreement.period[1]))
        self.add(node, VPS.signedOn, _date(agreement.signed) if agreement.signed else None)
        self.add(node, VPS.documentNumber, Literal(agreement.number) if agreement.number else None)
        self.add(node, VPS.contentCount, _count(agreement.contents) if agreement.contents else None)
        self.add(node, VPS.taskCount, _count(agreement.tasks) if agreement.tasks else None)
        self.add(node, VPS.topic, Literal(agreement.topic) if agreement.topic else None)
        for target in agreement.implements:
            is_agreement = any(a.key == target for a in self.r.agreements)
            self.add(node, VPS.implements, ID[f"agreement/{target}"] if is_agreement else ID[f"document/{target}"])
        for span in agreement.evidence:
            self.evidence(node, span)

    def event_node(self, event: Event) -> None:
        node = ID[f"article/{event.key}"]
        kind = vocab.event_kinds()[event.kind]
        self.add(node, RDF.type, VPS.Event)
        self.add(node, RDFS.label, Literal(kind.label_vi, lang="vi"))
        self.add(node, RDFS.label, Literal(kind.label_en, lang="en"))
        self.add(node, VPS.eventKind, concept("event-kind", event.kind))
        self.add(node, VPS.date, _date(event.date) if event.date else None)
        self.add(node, SDO.location, Literal(event.place) if event.place else None)
        self.add(node, VPS.concerns, ID[f"agreement/{event.concerns}"] if event.concerns else None)
        self.evidence(node, event.evidence)
        for participation in event.participations:
            part = ID[f"article/{event.key}/participation/{participation.person}-{participation.role}"]
            self.add(node, VPS.participation, part)
            self.add(part, RDF.type, VPS.Participation)
            self.add(part, VPS.participant, person_iri(participation.person))
            self.add(part, VPS.role, concept("role", participation.role))
            self.evidence(part, participation.evidence)


def article_graph(resolved: ResolvedArticle, dataset: Dataset | None = None) -> Graph:
    """The named graph of one article, on its own store (and copied into dataset when given).

    Built apart from the dataset because every lookup on a graph that shares the
    dataset's store pays for the whole store's size; validation walks it many times."""
    iri = article_iri(resolved.stem)
    graph = Graph(identifier=iri)
    _ArticleGraph(graph, resolved).build()
    if dataset is not None:
        dataset.addN((s, p, o, dataset.graph(iri)) for s, p, o in graph)
    return graph
