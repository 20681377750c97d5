"""The pipeline over sixty articles written for the test (tests/corpus.py): every official
and post each article states is found, nothing from bylines or teasers is, one person
across articles is one IRI with a timeline, and namesakes in two provinces stay apart."""
from __future__ import annotations

from collections import defaultdict

import pytest

from kg.build import build_folder
from kg.vocab import provinces
from tests.corpus import PROVINCES, build_corpus, officials


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    corpus = build_corpus()
    for article in corpus:
        (folder / f"{article.stem}.txt").write_text(article.text, encoding="utf-8")
    return corpus, build_folder(folder)


def _by_stem(build):
    return {a.resolved.stem: a.resolved for a in build.articles}


def test_corpus_is_large_and_varied(corpus_build):
    corpus, _ = corpus_build
    assert len(corpus) >= 50
    assert len({a.province for a in corpus}) == len(PROVINCES)
    assert len({a.text.splitlines()[0] for a in corpus}) > 10


def test_every_article_builds_and_conforms(corpus_build):
    corpus, build = corpus_build
    assert build.errors == ()
    assert build.conforms
    assert len(build.articles) == len(corpus)


def test_each_article_yields_exactly_the_stated_holdings(corpus_build):
    corpus, build = corpus_build
    resolved = _by_stem(build)
    for article in corpus:
        got = resolved[article.stem]
        posts = {p.key: p.label_vi for p in got.posts}
        names = {p.key: p.name for p in got.persons}
        holdings = {(names[h.person], posts[h.post]) for h in got.holdings}
        assert holdings == set(article.holdings), article.stem


def test_no_byline_or_teaser_name_becomes_an_official(corpus_build):
    corpus, build = corpus_build
    resolved = _by_stem(build)
    for article in corpus:
        stated = {name for name, _ in article.holdings}
        assert {p.name for p in resolved[article.stem].persons} == stated, article.stem


def test_dates_and_provinces(corpus_build):
    corpus, build = corpus_build
    resolved = _by_stem(build)
    for article in corpus:
        facts = resolved[article.stem].facts
        assert facts.published == article.published, article.stem
        assert provinces()[facts.province].name_vi == article.province, article.stem


def test_one_person_across_years_has_one_iri_and_a_timeline(corpus_build):
    _, build = corpus_build
    head = officials()[PROVINCES[3]][0]
    timeline = defaultdict(set)
    keys = set()
    for article in build.articles:
        resolved = article.resolved
        posts = {p.key: p.label_vi for p in resolved.posts}
        for person in resolved.persons:
            if person.name == head.name:
                keys.add(person.key)
                timeline[resolved.facts.published.year] |= {posts[h.post] for h in resolved.holdings
                                                             if h.person == person.key}
    assert len(keys) == 1
    assert timeline[2021] == {f"Phó Chủ tịch Ủy ban nhân dân tỉnh {head.province}"}
    assert f"Chủ tịch Ủy ban nhân dân tỉnh {head.province}" in timeline[2023]
    assert f"Phó Bí thư Tỉnh ủy {head.province}" in timeline[2024]


def test_namesakes_in_two_provinces_stay_apart(corpus_build):
    _, build = corpus_build
    namesake = officials()[PROVINCES[0]][0].name
    keys = {p.key for a in build.articles for p in a.resolved.persons if p.name == namesake}
    assert len(keys) == 2


def test_agreements_of_signing_stories(corpus_build):
    corpus, build = corpus_build
    resolved = _by_stem(build)
    for article in corpus:
        if not article.stem.endswith("signing"):
            continue
        (agreement,) = resolved[article.stem].agreements
        assert agreement.kind == "program"
        assert agreement.period == (article.published.year, article.published.year + 4)
        assert agreement.signed == article.published
        assert (agreement.contents, agreement.tasks) == (8, 12)
        assert len(agreement.parties) == 2
