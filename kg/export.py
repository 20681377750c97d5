"""The graph in the standard RDF syntaxes.

Triple formats (Turtle, N-Triples, RDF/XML) get the union of every named graph, one
statement once; quad formats (N-Quads, TriG, JSON-LD) keep one named graph per article
plus the reference graph. JSON-LD is compacted with ontology/context.jsonld, whose short
keys (name, label, holds, postIn, party, signatory, periodStart...) read like Popolo's.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph

from kg.namespaces import PREFIXES, rebase

CONTEXT_PATH = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"

# Short format name → rdflib serializer name.
FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
TRIPLE_FORMATS = {"ttl", "nt", "xml"}
# Entity namespaces get no prefix: their local names hold "/", which Turtle and TriG would escape.
TEXT_PREFIXES = {name: str(ns) for name, ns in PREFIXES.items() if name not in ("id", "vocab")}


@lru_cache(maxsize=1)
def context() -> dict:
    """The JSON-LD context (the value of "@context"), re-based to the configured base IRI."""
    return json.loads(rebase(CONTEXT_PATH.read_text(encoding="utf-8")))["@context"]


def union_graph(dataset: Dataset | Graph) -> Graph:
    """Every statement of every named graph once, in a plain Graph with the dataset's prefixes."""
    merged = Graph()
    for prefix, namespace in dataset.namespaces():
        merged.bind(prefix, namespace, override=True)
    if isinstance(dataset, Dataset):
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
    else:
        for triple in dataset:
            merged.add(triple)
    return merged


def serialize_graph(graph: Graph, fmt: str) -> str:
    """One graph (a triple set) in a format: also used for single entity descriptions."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=context(), auto_compact=True, indent=1)
    if fmt == "nq":
        fmt = "nt"  # a lone graph has no graph name to write
    if fmt == "trig":
        fmt = "ttl"
    return graph.serialize(format=FORMATS[fmt])


def export_build(out: Path, fmt: str, target: BinaryIO) -> None:
    """A build folder's graph in fmt, written to target as it is read, never held whole in
    Python: N-Quads is the build's own dump, its segments one after another, and TriG is made
    from it a segment at a time; the triple formats are the merge of the graphs as the build's
    Oxigraph store holds it; JSON-LD alone goes through rdflib (export()), for the context.
    Same statements as export(load_dataset(out), fmt)."""
    import pyoxigraph as ox
    from kg.dumps import dump_bytes
    from kg.oxstore import open_store
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    out = Path(out)
    if fmt in ("nq", "trig"):
        for block in dump_bytes(out) if fmt == "nq" else trig_blocks(out):
            target.write(block)
        return
    if fmt == "jsonld":
        from kg.store import load_dataset
        target.write(export(load_dataset(out), fmt).encode("utf-8"))
        return
    syntax = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[fmt]
    open_store(out).dump(target, format=syntax, from_graph=ox.DefaultGraph(),
                         prefixes=None if syntax == ox.RdfFormat.N_TRIPLES else TEXT_PREFIXES)


def trig_blocks(out: Path) -> Iterator[bytes]:
    """A build's graphs as TriG, made from its N-Quads dump a segment at a time: the prefixes
    once, then each segment's named graphs, each a block, in the order of the dump."""
    import pyoxigraph as ox
    from kg.dumps import dump_files
    yield "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in TEXT_PREFIXES.items()).encode("utf-8")
    for path in dump_files(out):
        # lenient: the dumps are written by kg.graph, which checks every IRI it writes
        quads = ox.parse(path=path, format=ox.RdfFormat.N_QUADS, lenient=True)
        text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=TEXT_PREFIXES)
        yield text[_after_prefixes(text):]


def _after_prefixes(text: bytes) -> int:
    """Where the prefix lines a serializer writes first end."""
    at = 0
    while text.startswith(b"@prefix ", at):
        at = text.index(b"\n", at) + 1
    return at


def export(dataset: Dataset | Graph, fmt: str) -> str:
    """The dataset as text in fmt, one of FORMATS' keys."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    if fmt in TRIPLE_FORMATS or not isinstance(dataset, Dataset):
        return serialize_graph(union_graph(dataset), fmt)
    if fmt == "jsonld":
        return dataset.serialize(format="json-ld", context=context(), auto_compact=True, indent=1)
    if fmt == "nq":
        # One statement a line, sorted and unique: equal data, equal text.
        lines = {line for line in dataset.serialize(format="nquads").splitlines() if line.strip()}
        return "\n".join(sorted(lines)) + "\n"
    return dataset.serialize(format=FORMATS[fmt])
