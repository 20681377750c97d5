"""kg.graph: one named graph per article; provenance and evidence on every fact; valid by the shapes."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS

from kg.extract.facts import extract_article
from kg.graph import article_graph, article_iri, org_iri, person_iri, post_iri, province_iri
from kg.namespaces import ID, OA, VPS
from kg.read import read_article
from kg.resolve import resolve_article
from kg.validate import validate

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
STEMS = sorted(p.stem for p in ARTICLES.glob("*.txt"))
FACT_CLASSES = (VPS.Holding, VPS.Participation, VPS.CoordinationAgreement, VPS.Event, VPS.Document)


@lru_cache(maxsize=None)
def built(stem: str):
    article = read_article(ARTICLES / f"{stem}.txt")
    resolved = resolve_article(extract_article(article))
    return article, resolved, article_graph(resolved)


def test_samples_present():
    assert len(STEMS) == 5


@pytest.mark.parametrize("stem", STEMS)
def test_graph_is_named_after_the_article(stem):
    _, _, graph = built(stem)
    assert graph.identifier == article_iri(stem) == ID[f"article/{stem}"]
    assert (article_iri(stem), RDF.type, VPS.Article) in graph


@pytest.mark.parametrize("stem", STEMS)
def test_every_fact_has_provenance_and_evidence(stem):
    article, _, graph = built(stem)
    facts = [s for cls in FACT_CLASSES for s in graph.subjects(RDF.type, cls)]
    assert facts, "every sample yields some facts"
    for node in facts:
        assert (node, PROV.wasDerivedFrom, article_iri(stem)) in graph, node
        evidence = list(graph.objects(node, VPS.evidence))
        assert evidence, node
        for ev in evidence:
            assert (ev, RDF.type, VPS.Evidence) in graph
            start, end = graph.value(ev, OA.start), graph.value(ev, OA.end)
            exact, rule = graph.value(ev, OA.exact), graph.value(ev, VPS.rule)
            assert None not in (start, end, exact, rule), ev
            assert start.datatype == end.datatype == rdfns.XSD.integer
            assert 0 <= start.toPython() < end.toPython() <= len(article.text)
            assert str(exact) == article.text[start.toPython():end.toPython()]
            assert str(rule)
            assert (ev, VPS.inArticle, article_iri(stem)) in graph


@pytest.mark.parametrize("stem", STEMS)
def test_no_explicit_xsd_string(stem):
    _, _, graph = built(stem)
    typed = [o for o in graph.objects() if isinstance(o, Literal) and o.datatype == rdfns.XSD.string]
    assert typed == []
    assert "XMLSchema#string" not in graph.serialize(format="nt")


@pytest.mark.parametrize("stem", STEMS)
def test_article_graph_conforms(stem):
    _, _, graph = built(stem)
    result = validate(graph)
    assert result.conforms, [v.message_en for v in result.violations if v.is_violation]


def test_holdings_link_person_and_post():
    _, resolved, graph = built("000_efcf34444f6c0f59")
    person = person_iri("le-duy-thanh-2008-vinh-phuc")
    assert (person, RDF.type, VPS.Person) in graph
    assert (person, FOAF.name, Literal("Lê Duy Thành")) in graph
    post = post_iri("2008-vinh-phuc/ubnd/post/chu-tich")
    assert post == ID["org/2008-vinh-phuc/ubnd/post/chu-tich"]
    assert (person, ORG.holds, post) in graph
    assert (post, ORG.postIn, org_iri("2008-vinh-phuc/ubnd")) in graph
    assert (post, VPS.province, province_iri("2008-vinh-phuc")) in graph
    assert (post, RDFS.label, Literal("Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Phúc", lang="vi")) in graph
    holdings = [h for h in graph.subjects(VPS.holder, person) if (h, VPS.post, post) in graph]
    assert len(holdings) == 1
    assert graph.value(holdings[0], VPS.observedOn) == Literal("2024-02-29", datatype=rdfns.XSD.date)
    assert (article_iri("000_efcf34444f6c0f59"), VPS.province, province_iri("2008-vinh-phuc")) in graph
    assert province_iri("2008-vinh-phuc") == ID["place/2008/vinh-phuc"]


@pytest.mark.parametrize("stem", STEMS)
def test_posts_state_their_bodys_province(stem):
    """A post repeats its body's province (the lookup of a province's posts is one step); central posts have none."""
    _, _, graph = built(stem)
    for post in graph.subjects(RDF.type, VPS.Post):
        body = graph.value(post, ORG.postIn)
        assert graph.value(post, VPS.province) == (graph.value(body, VPS.province) if body else None), post


def test_a_post_held_before_is_a_former_holding(tmp_path):
    path = tmp_path / "900_former.txt"
    path.write_text("Lãnh đạo tỉnh gặp mặt cán bộ hưu trí\n\nNgày 12/01/2024\n\nSáng 12/1, đồng chí Trần Văn Hòa, Bí thư "
                    "Tỉnh ủy Ninh Bình chủ trì buổi gặp mặt. Dự có ông Tạ Quang Khải, nguyên Chủ tịch UBND tỉnh Ninh Bình.\n",
                    encoding="utf-8")
    graph = article_graph(resolve_article(extract_article(read_article(path))))
    former = list(graph.subjects(VPS.former, Literal(True)))
    assert len(former) == 1
    person, post = graph.value(former[0], VPS.holder), graph.value(former[0], VPS.post)
    assert graph.value(person, FOAF.name) == Literal("Tạ Quang Khải")
    assert post == post_iri("2008-ninh-binh/ubnd/post/chu-tich")
    assert str(graph.value(former[0], VPS.statedAs)).startswith("nguyên Chủ tịch")
    assert (person, ORG.holds, post) not in graph
    assert len(list(graph.subjects(VPS.former, None))) == 1   # the Secretary's post is held now
    assert validate(graph).conforms


def test_agreement_node():
    _, _, graph = built("002_048c7ab740fc0ea3")
    agreements = list(graph.subjects(RDF.type, VPS.CoordinationAgreement))
    assert len(agreements) == 1
    node = agreements[0]
    assert graph.value(node, VPS.periodStart) == Literal("2017", datatype=rdfns.XSD.gYear)
    assert graph.value(node, VPS.periodEnd) == Literal("2021", datatype=rdfns.XSD.gYear)
    assert graph.value(node, VPS.signedOn) == Literal("2017-04-18", datatype=rdfns.XSD.date)
    assert graph.value(node, VPS.contentCount) == Literal(9, datatype=rdfns.XSD.integer)
    assert graph.value(node, VPS.taskCount) == Literal(14, datatype=rdfns.XSD.integer)
    assert len(list(graph.objects(node, VPS.party))) == 2
    assert len(list(graph.objects(node, VPS.signatory))) == 2


def test_document_nodes():
    _, _, graph = built("002_048c7ab740fc0ea3")
    numbers = {str(graph.value(d, VPS.documentNumber)) for d in graph.subjects(RDF.type, VPS.Document)}
    assert numbers == {"114-KL/TW", "31-Ctr/BDVTW", "64/NQ-CP"}
    node = ID["document/114-kl-tw"]
    assert graph.value(node, VPS.issuer) == org_iri("central/ban-bi-thu")


def test_graph_is_deterministic():
    article = read_article(ARTICLES / "001_1550eb8971e3973a.txt")
    one = article_graph(resolve_article(extract_article(article)))
    two = article_graph(resolve_article(extract_article(article)))
    assert sorted(one.serialize(format="nt").splitlines()) == sorted(two.serialize(format="nt").splitlines())
    assert len(one) > 0 and isinstance(one, Graph)


def test_iri_helpers():
    assert isinstance(article_iri("x"), URIRef)
    assert post_iri("untitled/bi-thu") == ID["post/untitled/bi-thu"]
