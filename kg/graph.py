"""Resolved records → RDF: one named graph per article, IRIs minted from resolution keys.

Plain strings are written as plain literals (no explicit xsd:string) everywhere, so
that a lookup by name matches whatever store the graph ends up in.

An article's statements are made as rdflib terms and written straight to N-Quads text
(nquad_lines): a build of thousands of articles never holds them as rdflib Graphs.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg import vocab
from kg.namespaces import GRAPH, ID, OA, VOCAB, VPS
from kg.normalize import key
from kg.records import Span
from kg.resolve import Agreement, Document, Event, ResolvedArticle, slug

REFERENCE_GRAPH = GRAPH["reference"]
RESOLUTION_GRAPH = GRAPH["resolution"]


Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]


def search_key(text: str) -> Literal:
    """What named queries look a person, a title, a province or a document number up by (skos:hiddenLabel):
    the name case-folded, in new-style tone placement, single-spaced, so that a lookup is an exact match
    that the store answers from its index."""
    return Literal(key(text))


def article_iri(stem: str) -> URIRef:
    """The article's IRI (also its named graph's); a file name may hold any character,
    so the stem is percent-encoded where an IRI could not carry it."""
    return ID[f"article/{quote(stem, safe=_IRI_SAFE)}"]


# unreserved characters, the sub-delims and non-ASCII letters stay as they are
_IRI_SAFE = "-._~!$&'()*+,;=@"


# Bodies, posts, places and concepts recur from article to article, and a URIRef is slow to make (it is checked
# as it is made): each is made once per process
@lru_cache(maxsize=65536)
def org_iri(key: str) -> URIRef:
    return ID[f"org/{key}"]


@lru_cache(maxsize=65536)
def post_iri(key: str) -> URIRef:
    """Posts live under their body; a post whose body the text leaves unknown, under id:post/untitled."""
    return ID[f"post/{key}"] if key.startswith("untitled/") else ID[f"org/{key}"]


def person_iri(key: str) -> URIRef:
    return ID[f"person/{key}"]


@lru_cache(maxsize=None)
def province_iri(unit_id: str) -> URIRef:
    layout, name = unit_id.split("-", 1)
    return ID[f"place/{layout}/{name}"]


@lru_cache(maxsize=None)
def concept(scheme: str, concept_id: str) -> URIRef:
    return VOCAB[f"{scheme}/{concept_id}"]


# Dates, labels, rules, posts as stated, offsets and counts repeat across articles, and a Literal is slow to
# make: each is made once
@lru_cache(maxsize=8192)
def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=65536)
def _text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, lang=lang)


_TRUE = Literal(True)


def _year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


@lru_cache(maxsize=8192)
def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


class _ArticleTriples:
    def __init__(self, resolved: ResolvedArticle):
        self.triples: list[Triple] = []
        self.r = resolved
        self.article = article_iri(resolved.stem)
        self.spans: dict[Span, URIRef] = {}

    def add(self, s, p, o) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def evidence(self, node: URIRef, span: Span) -> None:
        """Link a fact to the article and to the span (and rule) it was read from."""
        self.add(node, PROV.wasDerivedFrom, self.article)
        self.add(node, VPS.evidence, self.spans.get(span) or self.span_node(span))

    def span_node(self, span: Span) -> URIRef:
        """The span's node, described once however many facts it supports."""
        ev = self.spans[span] = URIRef(f"{self.article}/span/{span.start}-{span.end}-{slug(span.rule)}")
        for p, o in ((RDF.type, VPS.Evidence), (OA.start, _count(span.start)), (OA.end, _count(span.end)),
                     (OA.exact, Literal(self.r.facts.page.article.text[span.start:span.end])),
                     (VPS.rule, _text(span.rule)), (VPS.inArticle, self.article)):
            self.add(ev, p, o)
        return ev

    def build(self) -> None:
        self.article_node()
        for org in self.r.orgs:
            self.org_node(org)
        for post in self.r.posts:
            node = post_iri(post.key)
            self.add(node, RDF.type, VPS.Post)
            self.add(node, RDFS.label, _text(post.label_vi, "vi"))
            self.add(node, RDFS.label, _text(post.label_en, "en"))
            self.add(node, ORG.postIn, org_iri(post.org) if post.org else None)
            self.add(node, VPS.title, concept("title", post.title))
        for person in self.r.persons:
            node = person_iri(person.key)
            self.add(node, RDF.type, VPS.Person)
            self.add(node, FOAF.name, Literal(person.name))
            self.add(node, SKOS.hiddenLabel, search_key(person.name))
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
        self.add(node, RDFS.label, _text(org.label_vi, "vi"))
        self.add(node, RDFS.label, _text(org.label_en, "en"))
        self.add(node, VPS.orgKind, concept("org-kind", org.chain[0]))
        self.add(node, VPS.level, concept("level", org.level) if org.level else None)
        self.add(node, VPS.province, province_iri(org.province) if org.province else None)
        self.add(node, ORG.subOrganizationOf, org_iri(org.parent) if org.parent else None)

    def holding_node(self, holding) -> None:
        node = ID[f"holding/{holding.key}"]
        self.add(node, RDF.type, VPS.Holding)
        self.add(node, VPS.holder, person_iri(holding.person))
        self.add(node, VPS.post, post_iri(holding.post))
        if not holding.former:   # org:holds says the person holds the post, as of the article
            self.add(person_iri(holding.person), ORG.holds, post_iri(holding.post))
        published = self.r.facts.published
        self.add(node, VPS.observedOn, _date(published) if published else None)
        self.add(node, VPS.statedAs, _text(holding.stated) if holding.stated else None)
        self.add(node, VPS.former, _TRUE if holding.former else None)
        self.evidence(node, holding.evidence)

    def document_node(self, document: Document) -> None:
        node = ID[f"document/{document.key}"]
        kind = vocab.document_kinds().get(document.kind) if document.kind else None
        self.add(node, RDF.type, VPS.Document)
        self.add(node, VPS.documentNumber, Literal(document.number))
        self.add(node, SKOS.hiddenLabel, search_key(document.number))
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
        for written in agreement.parties_stated:
            self.add(node, VPS.partyStatedAs, _text(written))
        for person in agreement.signatories:
            self.add(node, VPS.signatory, person_iri(person))
        if agreement.period:
            self.add(node, VPS.periodStart, _year(agreement.period[0]))
            self.add(node, VPS.periodEnd, _year(agreement.period[1]))
        self.add(node, VPS.signedOn, _date(agreement.signed) if agreement.signed else None)
        self.add(node, VPS.documentNumber, Literal(agreement.number) if agreement.number else None)
        self.add(node, SKOS.hiddenLabel, search_key(agreement.number) if agreement.number else None)
        self.add(node, VPS.contentCount, _count(agreement.contents) if agreement.contents else None)
        self.add(node, VPS.taskCount, _count(agreement.tasks) if agreement.tasks else None)
        self.add(node, VPS.topic, Literal(agreement.topic) if agreement.topic else None)
        for target in agreement.implements:
            is_agreement = any(a.key == target for a in self.r.agreements)
            self.add(node, VPS.implements, ID[f"agreement/{target}"] if is_agreement else ID[f"document/{target}"])
        for span in agreement.evidence:
            self.evidence(node, span)

    def event_node(self, event: Event) -> None:
        node = URIRef(f"{self.article}/event/{event.key}")
        kind = vocab.event_kinds()[event.kind]
        self.add(node, RDF.type, VPS.Event)
        self.add(node, RDFS.label, _text(kind.label_vi, "vi"))
        self.add(node, RDFS.label, _text(kind.label_en, "en"))
        self.add(node, VPS.eventKind, concept("event-kind", event.kind))
        self.add(node, VPS.date, _date(event.date) if event.date else None)
        self.add(node, SDO.location, Literal(event.place) if event.place else None)
        self.add(node, VPS.concerns, ID[f"agreement/{event.concerns}"] if event.concerns else None)
        self.evidence(node, event.evidence)
        for participation in event.participations:
            part = URIRef(f"{node}/participation/{participation.person}-{participation.role}")
            self.add(node, VPS.participation, part)
            self.add(part, RDF.type, VPS.Participation)
            self.add(part, VPS.participant, person_iri(participation.person))
            self.add(part, VPS.role, concept("role", participation.role))
            self.evidence(part, participation.evidence)


def article_triples(resolved: ResolvedArticle) -> list[Triple]:
    """Every statement of one article's named graph, each once, in a fixed order."""
    made = _ArticleTriples(resolved)
    made.build()
    return list(dict.fromkeys(made.triples))


def resolution_triples(reasons: dict[str, str]) -> list[Triple]:
    """Why each person seen in several articles is one IRI."""
    return [(person_iri(key), VPS.mergeReason, Literal(reason)) for key, reason in sorted(reasons.items())]


def article_graph(resolved: ResolvedArticle) -> Graph:
    """The named graph of one article as an rdflib Graph (for explaining and testing one article)."""
    graph = Graph(identifier=article_iri(resolved.stem))
    for triple in article_triples(resolved):
        graph.add(triple)
    return graph


def nquad_lines(triples: list[Triple], graph: URIRef) -> list[str]:
    """The statements as N-Quads lines in graph, sorted: equal graphs give equal text."""
    suffix = f" {nt_term(graph)} .\n"
    return sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{suffix}" for s, p, o in triples)


def nt_term(term: URIRef | BNode | Literal) -> str:
    """A term as N-Triples writes it; strings stay plain (no ^^xsd:string)."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        value = str(term)
        # most values need no escape, and looking for each character is faster than translating
        text = '"' + (value.translate(_ESCAPES) if any(c in value for c in _ESCAPES_CHARS) else value) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{_iri(str(term.datatype))}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_ESCAPES_CHARS = tuple(map(chr, _ESCAPES))


@lru_cache(maxsize=65536)
def _iri(text: str) -> str:
    if not _NOT_IN_IRI.isdisjoint(text):
        raise ValueError(f"not a valid IRI: {text!r}")
    return f"<{text}>"


_NOT_IN_IRI = frozenset('<>"{}|^`\\ ') | frozenset(chr(c) for c in range(0x21))
