"""A persistent on-disk Oxigraph store of a build (OUT/store), and named queries over it.

The store holds exactly the quads of OUT/graph.nq: one named graph per article plus the
reference graph. Queries see the union of the named graphs as their default graph, as the
rdflib Dataset of kg.store.load_dataset does, and return rows formatted like
kg.query.run_local. Parameters are substituted as RDF terms (SEP-0007 substitutions),
never pasted into the query text.
"""
from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.query import NamedQuery

STORE_DIR = "store"


def store_path(out: Path) -> Path:
    return Path(out) / STORE_DIR


def has_store(out: Path) -> bool:
    path = store_path(out)
    return path.is_dir() and any(path.iterdir())


def write_store(nquads_path: Path, store_dir: Path) -> None:
    """Bulk load an N-Quads file into a new store folder (replacing whatever was there)."""
    nquads_path, store_dir = Path(nquads_path), Path(store_dir)
    if not nquads_path.exists():
        raise FileNotFoundError(f"{nquads_path}: no such N-Quads file")
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(store_dir))
    try:
        store.bulk_load(path=str(nquads_path), format=ox.RdfFormat.N_QUADS)
        store.flush()
        store.optimize()
    finally:
        del store        # closes the RocksDB instance, so the folder can be moved or reopened
        gc.collect()


def open_store(out: Path) -> ox.Store:
    """The store of a build folder, opened read-only (several readers may share it)."""
    path = store_path(out)
    if not path.is_dir():
        raise FileNotFoundError(f"{out}: no store here (missing {STORE_DIR}/); run 'kg build' first")
    try:
        return ox.Store.read_only(str(path))
    except OSError:
        return ox.Store(str(path))


def to_oxigraph(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the equal pyoxigraph term (a plain string literal stays plain)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and term.datatype != XSD.string:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, str):
        return ox.Literal(term)
    raise TypeError(f"cannot bind {term!r}: not an RDF term")


def cell(term) -> str:
    """One result cell as text, like str() of an rdflib term: lexical form, IRI, or ''."""
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term.value
    return str(term)


def run_query(store: ox.Store, text: str | NamedQuery, bindings: dict[str, object] | None = None
              ) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT over the union of the named graphs; rows as kg.query.run_local formats them."""
    if isinstance(text, NamedQuery):
        text = text.text
    substitutions = {ox.Variable(name): to_oxigraph(value) for name, value in (bindings or {}).items()}
    result = store.query(text, use_default_graph_as_union=True, substitutions=substitutions or None)
    if isinstance(result, ox.QueryBoolean):
        return ["boolean"], [["true" if bool(result) else "false"]]
    if not isinstance(result, ox.QuerySolutions):
        raise ValueError("only SELECT and ASK queries give rows")
    header = [v.value for v in result.variables]
    rows = [[cell(solution[i]) for i in range(len(header))] for solution in result]
    return header, rows
