"""kg.query: finding named queries, their parameters, binding values as RDF terms, formatting rows."""
from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.query import bind_value, format_rows, list_queries, load_query, parse_params


def test_every_named_query_has_a_title_description_and_typed_parameters():
    queries = list_queries()
    assert {"articles", "person-positions", "agreements", "documents", "participants"} <= {q.name for q in queries}
    for query in queries:
        assert query.title != query.name and query.description, query.name
        assert set(query.params.values()) <= {"string", "name", "number", "iri", "date", "year", "integer"}, query.name


def test_parameters_are_read_from_the_comment_block():
    query = load_query("agreements-by-province")
    assert query.params == {"province": "name", "from": "year", "to": "year"}


def test_unknown_query_names_the_known_ones():
    with pytest.raises(LookupError, match="person-positions"):
        load_query("no-such-query")


@pytest.mark.parametrize("kind, raw, term", [
    ("string", "Chủ tịch", Literal("Chủ tịch")),
    ("name", "LÊ  Duy THÀNH", Literal("lê duy thành")),
    ("name", "Chủ tịch Uỷ ban", Literal("chủ tịch ủy ban")),        # old tone placement
    ("number", "114 - KL/TW", Literal("114-kl/tw")),
    ("number", "45-Ctr/BDVTW – BCSĐCP", Literal("45-ctr/bdvtw-bcsđcp")),
    ("year", "2022", Literal("2022", datatype=XSD.gYear)),
    ("date", "2024-02-29", Literal("2024-02-29", datatype=XSD.date)),
    ("integer", "7", Literal(7, datatype=XSD.integer)),
    ("iri", "https://w3id.org/vnps/id/x", URIRef("https://w3id.org/vnps/id/x")),
])
def test_bind_value(kind, raw, term):
    assert bind_value(kind, raw) == term


def test_parse_params_refuses_what_the_query_does_not_take():
    query = load_query("person-timeline")
    assert parse_params(query, ["name=Lê Duy Thành"]) == {"name": Literal("lê duy thành")}
    with pytest.raises(ValueError, match="takes name"):
        parse_params(query, ["province=Vĩnh Phúc"])
    with pytest.raises(ValueError):
        parse_params(query, ["name"])


def test_parse_params_keeps_the_order_the_query_declares():
    """The order of VALUES blocks steers Oxigraph's plan, so it must not depend on the user's."""
    query = load_query("post-holders")
    assert list(query.params) == ["province", "title"]
    assert list(parse_params(query, ["title=Chủ tịch", "province=Vĩnh Phúc"])) == ["province", "title"]


def test_format_rows():
    header, rows = ["person", "post"], [["Lê Duy Thành", "Chủ tịch, UBND"]]
    assert format_rows(header, rows, "csv") == 'person,post\nLê Duy Thành,"Chủ tịch, UBND"\n'
    assert json.loads(format_rows(header, rows, "json")) == [{"person": "Lê Duy Thành", "post": "Chủ tịch, UBND"}]
    assert format_rows(header, rows, "table").splitlines() == [
        "person        post", "------------  --------------", "Lê Duy Thành  Chủ tịch, UBND"]
