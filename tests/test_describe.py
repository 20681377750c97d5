"""kg.describe: the VoID + DCAT description of a build."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from kg import __version__
from kg.describe import DATASET, LICENSE, describe, read_build_info
from kg.namespaces import VPS

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


@pytest.fixture(scope="module")
def dataset():
    from kg.build import build_folder
    return build_folder(ARTICLES).dataset


@pytest.fixture(scope="module")
def void(dataset):
    return describe(dataset, {"base_url": "http://example.org/kg/", "sparql_endpoint": "http://example.org/kg/sparql"})


def one(graph, s, p):
    values = list(graph.objects(s, p))
    assert len(values) == 1, (s, p, values)
    return values[0]


def test_types_titles_license(void):
    assert (DATASET, RDF.type, VOID.Dataset) in void and (DATASET, RDF.type, DCAT.Dataset) in void
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {l.language for l in void.objects(DATASET, prop)} == {"vi", "en"}
    assert one(void, DATASET, DCTERMS.license) == LICENSE
    publisher = one(void, DATASET, DCTERMS.publisher)
    assert list(void.objects(publisher, None))


def test_dates_come_from_the_articles(dataset, void):
    newest = max(str(o) for a in dataset.subjects(RDF.type, VPS.Article) for o in dataset.objects(a, DCTERMS.issued))
    assert one(void, DATASET, DCTERMS.modified) == Literal(newest, datatype=XSD.date)
    assert one(void, DATASET, DCTERMS.issued) == Literal(newest, datatype=XSD.date)


def test_deterministic(dataset, void):
    again = describe(dataset, {"base_url": "http://example.org/kg/", "sparql_endpoint": "http://example.org/kg/sparql"})
    assert sorted(again.serialize(format="nt").splitlines()) == sorted(void.serialize(format="nt").splitlines())


def test_counts(dataset, void):
    triples = len(set(dataset.triples((None, None, None))))
    assert one(void, DATASET, VOID.triples).toPython() == triples
    parts = {one(void, p, VOID["class"]): one(void, p, VOID.entities).toPython()
             for p in void.objects(DATASET, VOID.classPartition)}
    assert parts[VPS.Person] == len(set(dataset.subjects(RDF.type, VPS.Person))) > 0
    assert parts[VPS.CoordinationAgreement] > 0
    props = {one(void, p, VOID.property): one(void, p, VOID.triples).toPython()
             for p in void.objects(DATASET, VOID.propertyPartition)}
    assert sum(props.values()) == triples
    assert props[URIRef("http://www.w3.org/ns/org#holds")] == len(set(dataset.triples((None, URIRef("http://www.w3.org/ns/org#holds"), None))))


def test_examples_dumps_endpoint(void):
    examples = set(void.objects(DATASET, VOID.exampleResource))
    assert any("/id/person/" in str(e) for e in examples)
    dumps = {str(u) for u in void.objects(DATASET, VOID.dataDump)}
    assert dumps == {"http://example.org/kg/dump/graph.nq", "http://example.org/kg/dump/graph.trig"}
    assert len(list(void.objects(DATASET, DCAT.distribution))) == 2
    assert one(void, DATASET, VOID.sparqlEndpoint) == URIRef("http://example.org/kg/sparql")


def test_no_endpoint_unless_served(dataset):
    assert not list(describe(dataset, {}).objects(DATASET, VOID.sparqlEndpoint))


def test_provenance(dataset, void):
    activity = one(void, DATASET, PROV.wasGeneratedBy)
    articles = set(dataset.subjects(RDF.type, VPS.Article))
    assert set(void.objects(activity, PROV.used)) == articles and len(articles) == 5
    agent = one(void, activity, PROV.wasAssociatedWith)
    assert str(one(void, agent, URIRef("https://schema.org/softwareVersion"))) == __version__


def test_read_build_info(tmp_path):
    assert read_build_info(tmp_path) == {}
    (tmp_path / "build.json").write_text('{"version": "9.9"}', encoding="utf-8")
    assert read_build_info(tmp_path) == {"version": "9.9"}


def test_counted_once_described_twice(dataset, void):
    from kg.describe import statistics
    info = {"base_url": "http://example.org/kg/", "sparql_endpoint": "http://example.org/kg/sparql"}
    again = describe(None, info, stats=statistics(dataset))
    assert sorted(again.serialize(format="nt").splitlines()) == sorted(void.serialize(format="nt").splitlines())


def test_statistics_from_oxigraph_agree(dataset):
    import pyoxigraph as ox
    from kg.describe import statistics, statistics_from_store
    store = ox.Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert statistics_from_store(store) == statistics(dataset)


PERSON, ORG = "https://w3id.org/vnps/id/person/", "https://w3id.org/vnps/id/org/"


def _typed(graph: str, *names: str) -> str:
    return "".join(f"<{PERSON}{n}> <{RDF.type}> <{VPS.Person}> <{graph}> .\n" for n in names)


def _points(graph: str, *names: str) -> str:
    return "".join(f"<{ORG}x> <{VPS.member}> <{PERSON}{n}> <{graph}> .\n" for n in names)


@pytest.mark.parametrize("removed, added, example", [
    ([], _typed("g:3", "z"), "b"),                          # a later member: the example stands
    ([], _typed("g:3", "a") + _points("g:3", "a"), "a"),    # an earlier member pointed at
    ([], _typed("g:3", "a"), "b"),                          # an earlier member nobody points at
    ([], _points("g:3", "a"), "a"),                         # an earlier member comes to be pointed at
    (["g:2"], "", "c"),                                     # the example is no longer pointed at
    (["g:1"], "", "b"),                                     # the example's other graph went
])
def test_examples_after_a_patch_equal_those_counted_anew(tmp_path, removed, added, example):
    from kg.describe import statistics_from_store, update_statistics
    from kg.oxstore import open_store, patch_store, write_store
    import pyoxigraph as ox
    first = tmp_path / "first.nq"
    first.write_text(_typed("g:1", "a", "b", "c") + _points("g:1", "c") + _typed("g:2", "b") + _points("g:2", "b")
                     + _typed("g:4", "c") + _points("g:4", "c"), encoding="utf-8")
    write_store(first, tmp_path / "store")
    before = statistics_from_store(ox.Store.read_only(str(tmp_path / "store")))
    assert before["examples"] == [URIRef(PERSON + "b")]
    change = patch_store(tmp_path / "store", removed, added.encode("utf-8"))
    store = open_store(tmp_path)
    after = update_statistics(before, change, store)
    assert after == statistics_from_store(store)
    assert after["examples"] == [URIRef(PERSON + example)]
