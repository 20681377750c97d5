"""Resolved records → RDF: one named graph per article, IRIs minted from resolution keys.

Plain strings are written as plain literals (no explicit xsd:string) everywhere, so
that a lookup by name matches whatever store the graph ends up in.

An article's statements are made as N-Triples text from the start (article_lines): a build of
thousands of articles never holds them as rdflib terms or Graphs. The reference and resolution
graphs, made once a build, are rdflib terms written by nquad_lines.
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


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_ESCAPES_CHARS = tuple(map(chr, _ESCAPES))


@lru_cache(maxsize=65536)
def _iri(text: str) -> str:
    if not _NOT_IN_IRI.isdisjoint(text):
        raise ValueError(f"not a valid IRI: {text!r}")
    return f"<{text}>"


_NOT_IN_IRI = frozenset('<>"{}|^`\\ ') | frozenset(chr(c) for c in range(0x21))


class _Written:
    """A namespace's terms as N-Triples text (`vps.Post` is "<...#Post>"), each written once:
    an article's statements are made as text, since rdflib terms cost a fifth of a build's
    extraction to make, hash and write."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        text = self.__dict__[name] = _iri(str(getattr(self._namespace, name)))
        return text


rdf, rdfs, vps, org, prov, foaf, skos, dct, sdo, oa = map(
    _Written, (RDF, RDFS, VPS, ORG, PROV, FOAF, SKOS, DCTERMS, SDO, OA))


def _written(term: URIRef) -> str:
    return _iri(str(term))


def _quoted(value: str) -> str:
    # most values need no escape, and looking for each character is faster than translating
    return '"' + (value.translate(_ESCAPES) if any(c in value for c in _ESCAPES_CHARS) else value) + '"'


# Dates, labels, rules, posts as stated, offsets and counts repeat across articles: each is written once
@lru_cache(maxsize=8192)
def _date(value: date) -> str:
    return f'"{value.isoformat()}"^^{_written(XSD.date)}'


@lru_cache(maxsize=65536)
def _text(value: str, lang: str | None = None) -> str:
    return f"{_quoted(value)}@{lang}" if lang else _quoted(value)


_TRUE = f'"true"^^{_written(XSD.boolean)}'


def _year(value: int) -> str:
    return f'"{value:04d}"^^{_written(XSD.gYear)}'


@lru_cache(maxsize=8192)
def _count(value: int) -> str:
    return f'"{value}"^^{_written(XSD.integer)}'


@lru_cache(maxsize=65536)
def _org(key: str) -> str:
    return _written(org_iri(key))


@lru_cache(maxsize=65536)
def _post(key: str) -> str:
    return _written(post_iri(key))


def _person(key: str) -> str:
    return _written(person_iri(key))


@lru_cache(maxsize=None)
def _province(unit_id: str) -> str:
    return _written(province_iri(unit_id))


@lru_cache(maxsize=None)
def _concept(scheme: str, concept_id: str) -> str:
    return _written(concept(scheme, concept_id))


def _id(path: str) -> str:
    return _written(ID[path])


class _ArticleTriples:
    """An article's statements, each as the N-Triples text of its subject, predicate and object."""

    def __init__(self, resolved: ResolvedArticle):
        self.statements: list[str] = []
        self.r = resolved
        self.iri = str(article_iri(resolved.stem))
        self.article = _iri(self.iri)
        self.spans: dict[Span, str] = {}

    def add(self, s: str, p: str, o: str | None) -> None:
        if o is not None:
            self.statements.append(f"{s} {p} {o}")

    def evidence(self, node: str, span: Span) -> None:
        """Link a fact to the article and to the span (and rule) it was read from."""
        self.add(node, prov.wasDerivedFrom, self.article)
        self.add(node, vps.evidence, self.spans.get(span) or self.span_node(span))

    def span_node(self, span: Span) -> str:
        """The span's node, described once however many facts it supports."""
        ev = self.spans[span] = _iri(f"{self.iri}/span/{span.start}-{span.end}-{slug(span.rule)}")
        for p, o in ((rdf.type, vps.Evidence), (oa.start, _count(span.start)), (oa.end, _count(span.end)),
                     (oa.exact, _quoted(self.r.facts.page.article.text[span.start:span.end])),
                     (vps.rule, _text(span.rule)), (vps.inArticle, self.article)):
            self.add(ev, p, o)
        return ev

    def build(self) -> None:
        self.article_node()
        for body in self.r.orgs:
            self.org_node(body)
        for post in self.r.posts:
            node = _post(post.key)
            self.add(node, rdf.type, vps.Post)
            self.add(node, rdfs.label, _text(post.label_vi, "vi"))
            self.add(node, rdfs.label, _text(post.label_en, "en"))
            self.add(node, org.postIn, _org(post.org) if post.org else None)
            self.add(node, vps.title, _concept("title", post.title))
            # Repeats the body's province so a lookup of a province's posts is one step, not two
            self.add(node, vps.province, _province(post.province) if post.province else None)
        for person in self.r.persons:
            node = _person(person.key)
            self.add(node, rdf.type, vps.Person)
            self.add(node, foaf.name, _quoted(person.name))
            self.add(node, skos.hiddenLabel, _quoted(key(person.name)))
            self.add(node, rdfs.label, _text(person.name, "vi"))
            self.add(node, vps.rank, _concept("rank", person.rank) if person.rank else None)
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
        self.add(a, rdf.type, vps.Article)
        self.add(a, dct.identifier, _quoted(self.r.stem))
        self.add(a, dct.title, _quoted(facts.title) if facts.title else None)
        self.add(a, dct.issued, _date(facts.published) if facts.published else None)
        self.add(a, dct.creator, _quoted(facts.author) if facts.author else None)
        self.add(a, vps.site, _quoted(page.site) if page.site else None)
        url = page.article.manifest.url if page.article.manifest else None
        self.add(a, sdo.url, f"{_quoted(url)}^^{_written(XSD.anyURI)}" if url else None)
        self.add(a, vps.sourceFile, _quoted(page.article.file))
        self.add(a, vps.textHash, _quoted(page.article.sha256))
        self.add(a, vps.province, _province(facts.province) if facts.province else None)

    def org_node(self, body) -> None:
        node = _org(body.key)
        self.add(node, rdf.type, vps.Organization)
        self.add(node, rdfs.label, _text(body.label_vi, "vi"))
        self.add(node, rdfs.label, _text(body.label_en, "en"))
        self.add(node, vps.orgKind, _concept("org-kind", body.chain[0]))
        self.add(node, vps.level, _concept("level", body.level) if body.level else None)
        self.add(node, vps.province, _province(body.province) if body.province else None)
        self.add(node, org.subOrganizationOf, _org(body.parent) if body.parent else None)

    def holding_node(self, holding) -> None:
        node = _id(f"holding/{holding.key}")
        self.add(node, rdf.type, vps.Holding)
        self.add(node, vps.holder, _person(holding.person))
        self.add(node, vps.post, _post(holding.post))
        if not holding.former:   # org:holds says the person holds the post, as of the article
            self.add(_person(holding.person), org.holds, _post(holding.post))
        published = self.r.facts.published
        self.add(node, vps.observedOn, _date(published) if published else None)
        self.add(node, vps.statedAs, _text(holding.stated) if holding.stated else None)
        self.add(node, vps.former, _TRUE if holding.former else None)
        self.evidence(node, holding.evidence)

    def document_node(self, document: Document) -> None:
        node = _id(f"document/{document.key}")
        kind = vocab.document_kinds().get(document.kind) if document.kind else None
        self.add(node, rdf.type, vps.Document)
        self.add(node, vps.documentNumber, _quoted(document.number))
        self.add(node, skos.hiddenLabel, _quoted(key(document.number)))
        self.add(node, rdfs.label, _text(f"{kind.label_vi} số {document.number}" if kind else document.number, "vi"))
        self.add(node, vps.documentKind, _concept("document-kind", document.kind) if document.kind else None)
        self.add(node, dct.issued, _date(document.issued) if document.issued else None)
        self.add(node, vps.issuer, _org(document.issuer) if document.issuer else None)
        self.evidence(node, document.evidence)

    def agreement_node(self, agreement: Agreement) -> None:
        node = _id(f"agreement/{agreement.key}")
        self.add(node, rdf.type, vps.CoordinationAgreement)
        self.add(node, rdfs.label, _text(agreement.label, "vi"))
        self.add(node, vps.agreementKind, _concept("agreement-kind", agreement.kind))
        for party in agreement.parties:
            self.add(node, vps.party, _org(party))
        for written in agreement.parties_stated:
            self.add(node, vps.partyStatedAs, _text(written))
        for person in agreement.signatories:
            self.add(node, vps.signatory, _person(person))
        if agreement.period:
            self.add(node, vps.periodStart, _year(agreement.period[0]))
            self.add(node, vps.periodEnd, _year(agreement.period[1]))
        self.add(node, vps.signedOn, _date(agreement.signed) if agreement.signed else None)
        self.add(node, vps.documentNumber, _quoted(agreement.number) if agreement.number else None)
        self.add(node, skos.hiddenLabel, _quoted(key(agreement.number)) if agreement.number else None)
        self.add(node, vps.contentCount, _count(agreement.contents) if agreement.contents else None)
        self.add(node, vps.taskCount, _count(agreement.tasks) if agreement.tasks else None)
        self.add(node, vps.topic, _quoted(agreement.topic) if agreement.topic else None)
        for target in agreement.implements:
            is_agreement = any(a.key == target for a in self.r.agreements)
            self.add(node, vps.implements, _id(f"agreement/{target}" if is_agreement else f"document/{target}"))
        for span in agreement.evidence:
            self.evidence(node, span)

    def event_node(self, event: Event) -> None:
        iri = f"{self.iri}/event/{event.key}"
        node = _iri(iri)
        kind = vocab.event_kinds()[event.kind]
        self.add(node, rdf.type, vps.Event)
        self.add(node, rdfs.label, _text(kind.label_vi, "vi"))
        self.add(node, rdfs.label, _text(kind.label_en, "en"))
        self.add(node, vps.eventKind, _concept("event-kind", event.kind))
        self.add(node, vps.date, _date(event.date) if event.date else None)
        self.add(node, sdo.location, _quoted(event.place) if event.place else None)
        self.add(node, vps.concerns, _id(f"agreement/{event.concerns}") if event.concerns else None)
        self.evidence(node, event.evidence)
        for participation in event.participations:
            part = _iri(f"{iri}/participation/{participation.person}-{participation.role}")
            self.add(node, vps.participation, part)
            self.add(part, rdf.type, vps.Participation)
            self.add(part, vps.participant, _person(participation.person))
            self.add(part, vps.role, _concept("role", participation.role))
            self.evidence(part, participation.evidence)


def _article_statements(resolved: ResolvedArticle) -> tuple[str, set[str]]:
    """The article's IRI as N-Triples text, and its statements (subject, predicate, object), each once."""
    made = _ArticleTriples(resolved)
    made.build()
    return made.article, set(made.statements)


def article_lines(resolved: ResolvedArticle) -> list[str]:
    """The N-Quads lines of one article's named graph, sorted: equal graphs give equal text."""
    graph, statements = _article_statements(resolved)
    suffix = f" {graph} .\n"
    return sorted(statement + suffix for statement in statements)


def resolution_triples(reasons: dict[str, str]) -> list[Triple]:
    """Why each person seen in several articles is one IRI."""
    return [(person_iri(key), VPS.mergeReason, Literal(reason)) for key, reason in sorted(reasons.items())]


def article_graph(resolved: ResolvedArticle) -> Graph:
    """The named graph of one article as an rdflib Graph (for explaining and testing one article)."""
    graph = Graph(identifier=article_iri(resolved.stem))
    graph.parse(data="".join(f"{statement} .\n" for statement in _article_statements(resolved)[1]), format="nt")
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
        text = _quoted(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{_iri(str(term.datatype))}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")
