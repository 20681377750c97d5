"""kg.export: every format parses back to the same statements, with rdflib and with pyoxigraph."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg.export import FORMATS, TRIPLE_FORMATS, context, export, serialize_graph

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    from kg.build import build_folder
    return build_folder(ARTICLES).dataset


@pytest.fixture(scope="module")
def counts(dataset):
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    triples = len(set(dataset.triples((None, None, None))))
    assert quads > 1000 and triples > 1000
    return quads, triples


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_rdflib(dataset, counts, fmt):
    text = export(dataset, fmt)
    back = Dataset(default_union=True)
    back.parse(data=text, format=FORMATS[fmt])
    quads, triples = counts
    assert len(set(back.triples((None, None, None)))) == triples
    if fmt not in TRIPLE_FORMATS:
        assert sum(1 for _ in back.quads((None, None, None, None))) == quads
        assert len({g for *_, g in back.quads((None, None, None, None))}) == \
            len({g for *_, g in dataset.quads((None, None, None, None))})


@pytest.mark.parametrize("fmt", sorted(OX_FORMATS))
def test_round_trip_pyoxigraph(dataset, counts, fmt):
    quads = list(ox.parse(export(dataset, fmt).encode("utf-8"), OX_FORMATS[fmt]))
    n_quads, n_triples = counts
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == n_triples
    if fmt not in TRIPLE_FORMATS:
        assert len(quads) == n_quads


def test_jsonld_uses_short_keys(dataset):
    doc = json.loads(export(dataset, "jsonld"))
    assert doc["@context"] == context()
    text = json.dumps(doc, ensure_ascii=False)
    for key in ('"name"', '"holds"', '"postIn"', '"party"', '"periodStart"', '"holder"', '"exact"'):
        assert key in text, key


def test_context_terms_resolve():
    ctx = context()
    assert ctx["holds"]["@id"] == "org:holds" and ctx["org"] == "http://www.w3.org/ns/org#"
    for term, value in ctx.items():
        iri = value if isinstance(value, str) else value["@id"]
        prefix = iri.split(":", 1)[0]
        assert iri.startswith("http") or prefix in ctx, term


def test_nquads_sorted_and_deterministic(dataset):
    text = export(dataset, "nq")
    lines = text.splitlines()
    assert lines == sorted(lines)
    assert text == export(dataset, "nq")


def test_single_graph_formats():
    g = Graph()
    g.parse(data='<https://w3id.org/vnps/id/person/x> <http://xmlns.com/foaf/0.1/name> "X" .', format="nt")
    assert '"name": "X"' in serialize_graph(g, "jsonld")
    assert serialize_graph(g, "nq").strip().endswith(".")
    with pytest.raises(ValueError):
        export(g, "pdf")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    from kg.store import build_into
    folder = tmp_path_factory.mktemp("export") / "out"
    build_into(folder, [ARTICLES])
    return folder


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_build_same_statements(out, fmt):
    """The fast path for build folders (Oxigraph, the build's own files) says what export() says."""
    from kg.export import export_build
    from kg.store import load_dataset
    dataset = load_dataset(out)
    fast, slow = Dataset(default_union=True), Dataset(default_union=True)
    written = io.BytesIO()
    export_build(out, fmt, written)
    fast.parse(data=written.getvalue().decode("utf-8"), format=FORMATS[fmt])
    slow.parse(data=export(dataset, fmt), format=FORMATS[fmt])
    from rdflib.compare import isomorphic
    assert len(fast) == len(slow) and sum(1 for _ in fast.quads()) == sum(1 for _ in slow.quads())
    fast_triples = Graph()
    slow_triples = Graph()
    for t in fast.triples((None, None, None)):
        fast_triples.add(t)
    for t in slow.triples((None, None, None)):
        slow_triples.add(t)
    assert isomorphic(fast_triples, slow_triples)


def test_trig_is_made_from_the_dump_a_segment_at_a_time(out):
    from kg.dumps import dump_bytes
    from kg.export import TEXT_PREFIXES, export_build
    written = io.BytesIO()
    export_build(out, "trig", written)
    text = written.getvalue()
    prefix_lines = [line for line in text.splitlines() if line.startswith(b"@prefix ")]
    assert len(prefix_lines) == len(TEXT_PREFIXES), "each prefix declared once, before the first segment"
    assert {str(q) for q in ox.parse(text, format=ox.RdfFormat.TRIG)} == \
        {str(q) for q in ox.parse(b"".join(dump_bytes(out)), format=ox.RdfFormat.N_QUADS)}


def test_export_build_needs_a_build(tmp_path):
    from kg.export import export_build
    for fmt in ("ttl", "nq"):
        with pytest.raises(FileNotFoundError):
            export_build(tmp_path, fmt, io.BytesIO())
    with pytest.raises(ValueError):
        export_build(tmp_path, "pdf", io.BytesIO())


def test_cli_export(tmp_path):
    from kg.build import build_folder
    from kg.cli import main
    from kg.store import build_into
    out = tmp_path / "out"
    build_into(out, [ARTICLES])
    target = tmp_path / "g.jsonld"
    assert main(["export", "--in", str(out), "--format", "jsonld", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["@graph"]
    assert main(["export", "--in", str(tmp_path / "missing"), "--format", "ttl"]) == 2


def test_the_cli_offers_every_export_format():
    from kg.cli import EXPORT_FORMATS
    from kg.export import FORMATS
    assert sorted(EXPORT_FORMATS) == sorted(FORMATS)
