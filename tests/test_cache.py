"""kg.cache.Checker: graphs validated in batches as a build writes them give the results
kg.validate.validate gives each graph alone, in a child process or not, and a graph
validated before is not again."""
from __future__ import annotations

import hashlib
import os
import signal
import threading
from pathlib import Path

import pytest

from rdflib import Dataset, Literal
from rdflib.namespace import FOAF

import kg.cache
from kg.build import build_folder
from kg.cache import Checker, GraphToCheck, Validator
from kg.graph import nquad_lines
from kg.validate import summary, validate
from tests.samples import ARTICLES


def _nquads(graph) -> bytes:
    return "".join(nquad_lines(list(graph), graph.identifier)).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(params=[True, False], ids=["in a child", "here"])
def validator(request):
    with Validator(in_child=request.param) as validator:
        yield validator


def _checked(graphs: dict[str, bytes], validator: Validator, previous: dict | None = None,
             batch: int | None = None) -> tuple:
    checker = Checker(previous or {}, validator)
    if batch:
        checker.BATCH = batch
    for iri, data in graphs.items():
        if checker.wants(_digest(data)):
            checker.add(iri, _digest(data), data)
    return checker, checker.finish([GraphToCheck(iri.rsplit("/", 1)[-1], iri, _digest(d)) for iri, d in graphs.items()])


def _broken(graph) -> bytes:
    """The graph with a person given a second, ill-typed name: a violation of PersonShape."""
    person = next(s for s, p, _ in graph if p == FOAF.name)
    return _nquads(graph) + f"<{person}> <{FOAF.name}> {Literal(3).n3()} <{graph.identifier}> .\n".encode("utf-8")


def test_batches_give_each_graph_its_own_results(validator):
    build = build_folder(ARTICLES)
    first = build.articles[0].graph
    graphs = {str(a.graph.identifier): _nquads(a.graph) for a in build.articles}
    graphs[str(first.identifier)] = _broken(first)
    broken = validate(Dataset().parse(data=graphs[str(first.identifier)].decode("utf-8"), format="nquads"))
    expected = {a.graph.identifier.rsplit("/", 1)[-1]: summary(a.validation) + "\n"
                for a in build.articles[1:] if a.validation.violations}
    expected[first.identifier.rsplit("/", 1)[-1]] = summary(broken) + "\n"
    for batch in (1, 1 << 30):                     # one graph a batch, and all in one
        _, checked = _checked(graphs, validator, batch=batch)
        assert {label: checked.cache[key]["summary"] for label, key in checked.labelled} == expected
        assert {(label, shape) for label, shape, _ in checked.violations} == {
            (first.identifier.rsplit("/", 1)[-1], "https://w3id.org/vnps/shapes#PersonShape")}


def test_a_graph_validated_before_is_not_validated_again(monkeypatch):
    build = build_folder(ARTICLES)
    graphs = {str(a.graph.identifier): _nquads(a.graph) for a in build.articles}
    with Validator() as validator:
        _, first = _checked(graphs, validator)
    calls = []
    monkeypatch.setattr(kg.cache, "validate_nquads", lambda data: calls.append(data) or {})
    with Validator(in_child=False) as here:      # where the calls can be counted
        checker, again = _checked(graphs, here, previous=first.cache)
    assert not any(checker.wants(_digest(data)) for data in graphs.values())
    assert again.reused == len(graphs) and again.cache == first.cache
    assert not any(calls), "nothing validated again"


def test_two_versions_of_one_graph_are_validated_apart(validator):
    build = build_folder(ARTICLES)
    graph = build.articles[0].graph
    iri = str(graph.identifier)
    checker = Checker({}, validator)
    clean, broken = _nquads(graph), _broken(graph)
    checker.add(iri, _digest(broken), broken)
    checker.add(iri, _digest(clean), clean)
    checked = checker.finish([GraphToCheck("new", iri, _digest(clean))])
    assert checked.violations == ()
    old = checker.finish([GraphToCheck("old", iri, _digest(broken))])
    assert [shape for _, shape, _ in old.violations] == ["https://w3id.org/vnps/shapes#PersonShape"]


def test_a_clean_graph_leaves_nothing_to_report(validator):
    graph = build_folder(ARTICLES).articles[1].graph
    _, checked = _checked({str(graph.identifier): _nquads(graph)}, validator)
    assert not validate(graph).violations
    assert checked.labelled == () and checked.summaries() == [] and checked.report_turtle() == ""


def test_a_batch_the_child_cannot_read_is_reported():
    with Validator() as validator:
        validator.submit(b"<not n-quads", {})
        with pytest.raises(RuntimeError, match="validation failed: .*"):
            validator.results()


def test_closing_stops_the_child_whatever_it_is_doing():
    validator = Validator()
    child = validator.process
    validator.close()              # while it still compiles the shapes
    assert child is not None and not child.is_alive()


def test_batches_wait_in_files_while_the_child_is_behind():
    build = build_folder(ARTICLES)
    graphs = {_digest(data): (str(a.graph.identifier), data) for a in build.articles if (data := _nquads(a.graph))}
    with Validator() as validator:
        spool = Path(validator.spool.name)
        os.kill(validator.process.pid, signal.SIGSTOP)          # a child that validates nothing for now
        try:
            sending = threading.Thread(target=lambda: [validator.submit(data, {iri: key})
                                                       for key, (iri, data) in graphs.items()])
            sending.start()
            sending.join(timeout=20)
            assert not sending.is_alive(), "sending a batch waited for the child"
            assert len(list(spool.iterdir())) == len(graphs)
        finally:
            os.kill(validator.process.pid, signal.SIGCONT)
        found = validator.results()
        assert list(spool.iterdir()) == []
    assert not spool.exists()
    assert set(found) == {_digest(_nquads(a.graph)) for a in build.articles if a.validation.violations}
