"""The graph in the standard RDF syntaxes.

Triple formats (Turtle, N-Triples, RDF/XML) get the union of every named graph, one
statement once; quad formats (N-Quads, TriG, JSON-LD) keep one named graph per article
plus the reference graph. JSON-LD is compacted with ontology/context.jsonld, whose short
keys (name, label, holds, postIn, party, signatory, periodStart...) read like Popolo's.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph

from kg.namespaces import rebase

CONTEXT_PATH = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"

# Short format name → rdflib serializer name.
FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
TRIPLE_FORMATS = {"ttl", "nt", "xml"}


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


def export_build(out: Path, fmt: str) -> str:
    """A build folder's graph in fmt, fast: N-Quads and TriG are the build's own files, the
    triple formats are written by Oxigraph from graph.nq; JSON-LD goes through export() for
    the context. Same statements as export(load_dataset(out), fmt), in a fraction of the time."""
    import pyoxigraph as ox
    from kg.namespaces import PREFIXES
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    out = Path(out)
    nquads = out / "graph.nq"
    if not nquads.exists():
        raise FileNotFoundError(f"{out}: no build here (missing graph.nq); run 'kg build' first")
    if fmt == "nq":
        return nquads.read_text(encoding="utf-8")
    if fmt == "trig" and (out / "graph.trig").exists():
        return (out / "graph.trig").read_text(encoding="utf-8")
    if fmt == "jsonld":
        from kg.store import load_dataset
        return export(load_dataset(out), fmt)
    quads = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    if fmt == "trig":
        statements, target = list(quads), ox.RdfFormat.TRIG
    else:
        seen, statements = set(), []
        for quad in quads:
            if quad.triple not in seen:
                seen.add(quad.triple)
                statements.append(quad.triple)
        target = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[fmt]
    # Entity namespaces get no prefix: their local names hold "/", which Turtle would escape.
    prefixes = {name: str(ns) for name, ns in PREFIXES.items() if name not in ("id", "vocab")}
    return ox.serialize(statements, format=target, prefixes=prefixes).decode("utf-8")


def export(dataset: Dataset | Graph, fmt: str) -> str:
    """The dataset as text in fmt, one of FORMATS' keys."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    if fmt in TRIPLE_FORMATS or not isinstance(dataset, Dataset):
        return serialize_graph(union_graph(dataset), fmt)
    if fmt == "jsonld":
        return dataset.serialize(format="json-ld", context=context(), auto_compact=True, indent=1)
    if fmt == "nq":
        # One statement a line, sorted and unique, like OUT/graph.nq: equal data, equal text.
        lines = {line for line in dataset.serialize(format="nquads").splitlines() if line.strip()}
        return "\n".join(sorted(lines)) + "\n"
    return dataset.serialize(format=FORMATS[fmt])
