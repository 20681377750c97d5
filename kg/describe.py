"""A VoID + DCAT description of a build: what the dataset is, what is in it, where to get it.

Everything is computed from the data (counts, dates) and from build_info, never from the
clock: the same build describes itself the same way twice. build_info keys, all optional:

  version        the code version that built it (default: kg.__version__)
  base_url       where the dataset is published (dumps under <base_url>/dump/, default the base IRI)
  sparql_endpoint  the SPARQL endpoint's URL, when served
  publisher      the publisher's name (default "vnps-kg project")
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SDO, VOID, XSD

from kg.namespaces import BASE, GRAPH, ID, PREFIXES, VPS

REFERENCE = GRAPH["reference"]

DATASET = URIRef(BASE + "dataset")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DUMPS = {"graph.nq": "application/n-quads", "graph.trig": "application/trig"}
TITLE = {
    "en": "Vietnam's provincial party-state: a knowledge graph from news articles",
    "vi": "Bộ máy Đảng và chính quyền cấp tỉnh ở Việt Nam: đồ thị tri thức từ tin báo",
}
DESCRIPTION = {
    "en": "People, posts, party and state bodies, coordination agreements, events and documents "
          "of Vietnam's provinces, extracted from news articles; every fact keeps the article it "
          "comes from and the quoted sentence that supports it.",
    "vi": "Cán bộ, chức vụ, cơ quan Đảng và Nhà nước, chương trình phối hợp, sự kiện và văn bản "
          "của các tỉnh, thành phố, trích từ tin báo; mỗi dữ kiện ghi rõ bài báo nguồn và câu trích "
          "dẫn làm căn cứ.",
}
PREFIXES_USED = ("void", "dcat", "dct", "foaf", "prov", "rdfs", "xsd", "schema", "vps")
EXAMPLE_CLASSES = (VPS.Person, VPS.CoordinationAgreement, VPS.Organization, VPS.Province)


def read_build_info(out: Path) -> dict:
    """build.json of a build folder, or {} when there is none."""
    path = Path(out) / "build.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def curie(iri: URIRef) -> str:
    text = str(iri)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return text


def statistics(dataset: Dataset | Graph) -> dict:
    """Counts over the union of the dataset's graphs. Entities are the typed resources the
    project mints (IRIs under id:): every node it makes carries a type."""
    triples = set(dataset.triples((None, None, None)))
    classes: dict[URIRef, set] = {}
    properties: Counter = Counter()
    for s, p, o in triples:
        properties[p] += 1
        if p == RDF.type and isinstance(o, URIRef):
            classes.setdefault(o, set()).add(s)
    typed = set().union(*classes.values()) if classes else set()
    return {
        "triples": len(triples), "entities": len({s for s in typed if str(s).startswith(str(ID))}),
        "classes": {c: len(members) for c, members in classes.items()},
        "properties": dict(properties),
        "articles": {a: min((str(o) for o in dataset.objects(a, DCTERMS.issued)), default=None)
                     for a in classes.get(VPS.Article, set())},
        "examples": [min(_referenced(dataset, classes[c]) or classes[c]) for c in EXAMPLE_CLASSES if classes.get(c)],
    }


def statistics_from_store(store) -> dict:
    """statistics() computed by Oxigraph on a pyoxigraph Store holding the build: the same
    figures, in seconds on large builds (kg serve uses it). A build's store holds the
    merge of its graphs as its default graph; a store without it is read as the union of
    its graphs."""
    from kg.oxstore import has_merged_default
    union = not has_merged_default(store)

    def rows(query: str):
        return list(store.query(query, use_default_graph_as_union=union))

    def count(query: str) -> int:
        return int(rows(query)[0]["n"].value)

    def term(node):
        return URIRef(node.value)

    # the union of the graphs is a multiset: count each statement once
    triples = "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }" if union else "?s ?p ?o"
    # Entities: typed subjects under id:. Only the reference graph (ontology, vocabularies)
    # types subjects elsewhere (and blank ones), so those are counted there, where the
    # tests are cheap.
    outside = int(list(store.query(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{REFERENCE}> {{ ?s a ?c "
                                   f"FILTER(!isIRI(?s) || !STRSTARTS(STR(?s), \"{ID}\")) }} }}"))[0]["n"].value)
    classes = {term(r["c"]): int(r["n"].value) for r in
               rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c")}
    properties = {term(r["p"]): int(r["n"].value) for r in
                  rows(f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {triples} }} GROUP BY ?p")}
    articles = {term(r["a"]): r["d"].value if r["d"] is not None else None for r in rows(
        f"SELECT ?a (MIN(STR(?issued)) AS ?d) WHERE {{ ?a a <{VPS.Article}> "
        f"OPTIONAL {{ ?a <{DCTERMS.issued}> ?issued }} }} GROUP BY ?a")}
    return {
        "triples": sum(properties.values()),
        "entities": count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }") - outside,
        "classes": classes, "properties": properties, "articles": articles,
        "examples": [example for cls in EXAMPLE_CLASSES if (example := _example(store, cls, union))],
    }


def _example(store, cls: URIRef, union: bool) -> URIRef | None:
    """The first member of cls, by IRI, that something points at (else the first member).
    The first member usually is: it is tried before the costlier query for the first pointed at."""
    import pyoxigraph as ox

    def first(condition: str = "") -> ox.NamedNode | None:
        (row,) = store.query(f"SELECT (MIN(STR(?s)) AS ?x) WHERE {{ ?s a <{cls}> FILTER(isIRI(?s)) {condition} }}",
                             use_default_graph_as_union=union)
        return ox.NamedNode(row["x"].value) if row["x"] is not None else None

    member = first()
    if member is None:
        return None
    if next(iter(store.quads_for_pattern(None, None, member, None if union else ox.DefaultGraph())), None) is None:
        member = first("FILTER EXISTS { ?y ?q ?s }") or member
    return URIRef(member.value)


def article_statements(stats: dict) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
    """That the build used each article and that the dataset has it as a source, article by article."""
    activity = URIRef(f"{DATASET}/build")
    for article in sorted(stats["articles"]):
        yield activity, PROV.used, article
        yield DATASET, DCTERMS.source, article


def update_statistics(stats: dict, change, store) -> dict:
    """The statistics of a build's store after a patch (kg.oxstore.patch_store), from those
    before and the statements the patch took from and added to the merged default graph:
    what statistics_from_store gives, without counting the unchanged millions again."""
    import pyoxigraph as ox
    default = ox.DefaultGraph()
    type_ = ox.NamedNode(str(RDF.type))
    properties, classes = Counter(stats["properties"]), Counter(stats["classes"])
    for sign, triples in ((-1, change.removed), (1, change.added)):
        for t in triples:
            properties[URIRef(t.predicate.value)] += sign
            if t.predicate == type_ and isinstance(t.object, ox.NamedNode):
                classes[URIRef(t.object.value)] += sign

    def types_now(node) -> set:
        return {q.object for q in store.quads_for_pattern(node, type_, None, default)}

    typed = {t.subject for t in change.removed + change.added if t.predicate == type_}
    entities, articles = stats["entities"], dict(stats["articles"])
    article = ox.NamedNode(str(VPS.Article))
    for node in typed:
        now = types_now(node)
        before = (now - {t.object for t in change.added if t.subject == node and t.predicate == type_}) | \
            {t.object for t in change.removed if t.subject == node and t.predicate == type_}
        if isinstance(node, ox.NamedNode) and node.value.startswith(str(ID)):
            entities += bool(now) - bool(before)
        if article in now:
            issued = [q.object.value for q in store.quads_for_pattern(node, ox.NamedNode(str(DCTERMS.issued)), None,
                                                                       default)]
            articles[URIRef(node.value)] = min(issued, default=None)
        else:
            articles.pop(URIRef(node.value), None)
    return {"triples": sum(properties.values()), "entities": entities,
            "classes": {c: n for c, n in classes.items() if n}, "properties": {p: n for p, n in properties.items() if n},
            "articles": articles,
            "examples": [example for cls in EXAMPLE_CLASSES
                         if (example := _example_after(store, cls, stats["examples"], change))]}


def _example_after(store, cls: URIRef, examples: list[URIRef], change) -> URIRef | None:
    """cls's example after a patch: the one before when the patch cannot have changed it, else
    looked for again (a scan of every member). It stands when it is still pointed at, and no
    member before it in IRI order gained or lost its type or came to be pointed at."""
    import pyoxigraph as ox
    default, type_, node = ox.DefaultGraph(), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(cls))

    def member(term) -> bool:
        return next(iter(store.quads_for_pattern(term, type_, node, default)), None) is not None

    mine = [e for e in examples if member(ox.NamedNode(str(e)))]
    if len(mine) != 1:
        return _example(store, cls, False)
    example = ox.NamedNode(str(mine[0]))
    typed = any(t.predicate == type_ and t.object == node and t.subject.value <= example.value
                for t in change.added + change.removed)
    pointed = any(isinstance(t.object, ox.NamedNode) and t.object.value < example.value and member(t.object)
                  for t in change.added)
    if typed or pointed or next(iter(store.quads_for_pattern(None, None, example, default)), None) is None:
        return _example(store, cls, False)
    return mine[0]


def statistics_json(stats: dict) -> dict:
    """Statistics as JSON values (IRIs as strings), to keep beside a build."""
    return _with_iris_as(stats, str)


def statistics_from_json(data: dict) -> dict:
    return _with_iris_as(data, URIRef)


def _with_iris_as(stats: dict, iri) -> dict:
    return {"triples": stats["triples"], "entities": stats["entities"],
            **{part: {iri(k): v for k, v in stats[part].items()} for part in ("classes", "properties", "articles")},
            "examples": [iri(e) for e in stats["examples"]]}


def _referenced(dataset, members: set) -> set:
    """The members something points at (a province an article is about, not any of the 97)."""
    return {m for m in members if next(iter(dataset.subjects(None, m)), None) is not None}


def describe(dataset: Dataset | Graph | None, build_info: dict | None = None, stats: dict | None = None,
             with_articles: bool = True) -> Graph:
    """The VoID + DCAT description of dataset as a Graph. stats, from statistics(dataset), spares
    counting again (kg serve counts once and describes itself for each base URL it is asked at).
    Without `with_articles`, the statements listing every article (article_statements) are left out."""
    from kg import __version__
    info = dict(build_info or {})
    version = info.get("version") or __version__
    base_url = (info.get("base_url") or BASE).rstrip("/")
    if stats is None:
        stats = statistics(dataset)

    g = Graph()
    for prefix in PREFIXES_USED:
        g.bind(prefix, PREFIXES[prefix], override=True)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    for lang in ("vi", "en"):
        g.add((d, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        g.add((d, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
    publisher = URIRef(BASE + "publisher")
    g.add((d, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(info.get("publisher") or "vnps-kg project")))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/vi")))
    g.add((d, DCAT.keyword, Literal("Vietnam", lang="en")))
    g.add((d, DCAT.keyword, Literal("chính quyền địa phương", lang="vi")))
    dates = sorted(date for date in stats["articles"].values() if date)
    if dates:
        # The data is as new as its newest article: deterministic, unlike the clock.
        g.add((d, DCTERMS.issued, Literal(dates[-1], datatype=XSD.date)))
        g.add((d, DCTERMS.modified, Literal(dates[-1], datatype=XSD.date)))
        period = BNode("temporal")
        g.add((d, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(dates[0], datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(dates[-1], datatype=XSD.date)))
    g.add((d, DCTERMS.hasVersion, Literal(version)))

    g.add((d, VOID.uriSpace, Literal(str(ID))))
    g.add((d, VOID.vocabulary, URIRef(str(VPS).rstrip("#"))))
    for prefix in ("org", "prov", "skos", "dct", "foaf", "schema", "oa", "time"):
        g.add((d, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    g.add((d, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Quads")))
    g.add((d, VOID.feature, URIRef("http://www.w3.org/ns/formats/TriG")))
    g.add((d, VOID.triples, Literal(stats["triples"], datatype=XSD.integer)))
    g.add((d, VOID.entities, Literal(stats["entities"], datatype=XSD.integer)))
    g.add((d, VOID.classes, Literal(len(stats["classes"]), datatype=XSD.integer)))
    g.add((d, VOID.properties, Literal(len(stats["properties"]), datatype=XSD.integer)))
    for cls, count in sorted(stats["classes"].items()):
        part = URIRef(f"{d}/class/{quote(curie(cls), safe=':')}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for prop, count in sorted(stats["properties"].items()):
        part = URIRef(f"{d}/property/{quote(curie(prop), safe=':')}")
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(count, datatype=XSD.integer)))
    for example in stats["examples"]:
        g.add((d, VOID.exampleResource, example))

    for name, media in DUMPS.items():
        url = URIRef(f"{base_url}/dump/{name}")
        g.add((d, VOID.dataDump, url))
        dist = URIRef(f"{d}/distribution/{name.replace('.', '-')}")
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
        g.add((dist, DCTERMS["format"], Literal(media)))
        g.add((dist, DCTERMS.license, LICENSE))
    endpoint = info.get("sparql_endpoint")
    if endpoint:
        g.add((d, VOID.sparqlEndpoint, URIRef(endpoint)))
        service = URIRef(f"{d}/service/sparql")
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCAT.endpointURL, URIRef(endpoint)))
        g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
        g.add((service, DCAT.servesDataset, d))

    # Provenance: which articles, which code.
    activity = URIRef(f"{d}/build")
    agent = URIRef(f"{d}/software/{quote(version)}")
    g.add((d, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(f"kg build of {len(stats['articles'])} articles", lang="en")))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((activity, SDO.numberOfItems, Literal(len(stats["articles"]), datatype=XSD.integer)))
    if with_articles:
        g.addN((*statement, g) for statement in article_statements(stats))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"vnps-kg {version}")))
    g.add((agent, SDO.softwareVersion, Literal(version)))
    g.add((GRAPH.reference, RDF.type, VOID.Dataset))
    g.add((d, VOID.subset, GRAPH.reference))
    return g
