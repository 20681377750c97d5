"""A persistent on-disk Oxigraph store of a build (OUT/store), and named queries over it.

The store holds the quads of the build's N-Quads dump (one named graph per article plus the
reference graph) and, in its default graph, their merge: every distinct triple once. Queries see that
merge as their default graph, as the rdflib Dataset (default_union=True) of
kg.store.load_dataset does, and return rows formatted like kg.query.run_local.

Why a materialised merge rather than Oxigraph's `use_default_graph_as_union=True`: Oxigraph
unions graphs as a multiset, so a triple stated in k article graphs (a person's name, a
document's number, a post's label) matches k times. Results stay right under DISTINCT or
GROUP BY, but joins blow up quadratically with the number of articles (at 1000 generated
articles `person-positions` took 628 s, `implementing` 157 s) and queries without DISTINCT
would repeat rows that rdflib gives once. A store without the merge (written by something
else) is still queried with `use_default_graph_as_union=True`. Parameters are bound as RDF terms, never pasted into the query text:
as a VALUES block at the start of the query's WHERE group, each value written by the RDF library's own term
serializer. (Oxigraph's SEP-0007 `substitutions` would do for variables of the SELECT projection only, which
no named query's parameter is, and trying them first cost a lookup a third of its time.)
"""
from __future__ import annotations

import errno
import gc
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.query import NamedQuery

STORE_DIR = "store"
# Oxigraph's bulk loader holds what it has read of one load in memory until the load ends, so the build's
# stream is loaded in blocks: at 10,000 generated articles, blocks of 128 MB took the build's peak from 1.9 GiB
# to 1.35 GiB in the same time (smaller blocks cost time: each re-writes the strings it shares with the others,
# and RocksDB compacts more files; see benchmarks/RESULTS.md).
LOAD_BLOCK_BYTES = 128 << 20
# A comment line (N-Quads allows them) where the loader ends a block: written between two graphs, as each
# load names blank nodes afresh.
_CUT = b"#cut\n"
_READ_CHUNK = 1 << 20


def store_path(out: Path) -> Path:
    return Path(out) / STORE_DIR


def has_store(out: Path) -> bool:
    path = store_path(out)
    return path.is_dir() and any(path.iterdir())


def write_store(nquads_path: Path, store_dir: Path, merged_default: bool = True) -> None:
    """Bulk load an N-Quads file into a new store folder (replacing whatever was there).

    With `merged_default`, the default graph also receives the merge of all the graphs.
    """
    nquads_path, store_dir = Path(nquads_path), Path(store_dir)
    if not nquads_path.exists():
        raise FileNotFoundError(f"{nquads_path}: no such N-Quads file")
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(store_dir))
    try:
        # lenient: the dumps are written by kg.graph, which checks every IRI it writes
        store.bulk_load(path=str(nquads_path), format=ox.RdfFormat.N_QUADS, lenient=True)
        if merged_default:     # the default graph: each distinct triple once (a store is a set of quads)
            triples = store_dir.with_name(store_dir.name + ".nt")
            try:
                write_triples(nquads_path, triples)
                store.bulk_load(path=str(triples), format=ox.RdfFormat.N_TRIPLES, lenient=True)
            finally:
                triples.unlink(missing_ok=True)
        store.flush()
        store.optimize()
    finally:
        del store        # closes the RocksDB instance, so the folder can be moved or reopened
        gc.collect()


_GRAPH_TERM = re.compile(rb" <[^<>]*> \.\n")


def write_triples(nquads_path: Path, triples_path: Path, block: int = 1 << 24) -> None:
    """The statements of an N-Quads file (one a line, each in a named graph) as N-Triples.

    The graph is the line's last term; a literal cannot hide a line end (N-Quads escapes
    it), so the last " <...> .\n" of each line is the graph."""
    with open(nquads_path, "rb") as source, open(triples_path, "wb") as target:
        rest = b""
        while chunk := source.read(block):
            text = rest + chunk
            cut = text.rfind(b"\n") + 1
            target.write(_GRAPH_TERM.sub(b" .\n", text[:cut]))
            rest = text[cut:]
        target.write(_GRAPH_TERM.sub(b" .\n", rest))


class StoreLoad:
    """A new store that a child process bulk-loads from a pipe while the build writes its
    graphs, so loading overlaps extraction. Each graph goes in as its quads and again as
    triples of the default graph: the default graph is the merge of the graphs."""

    def __init__(self, store_dir: Path):
        self.store_dir = Path(store_dir)
        self.pipe = self.store_dir.with_name(self.store_dir.name + ".pipe")
        os.mkfifo(self.pipe)
        # A fresh interpreter, not a fork: a process holding an open store has RocksDB
        # threads, and a fork of it may deadlock on their locks.
        code = "import sys; from kg.oxstore import load_from_pipe; load_from_pipe(sys.argv[1], sys.argv[2])"
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        self.child = subprocess.Popen([sys.executable, "-c", code, str(self.pipe), str(self.store_dir)],
                                      stdin=subprocess.DEVNULL, env=env)
        self.sink = os.fdopen(self._open_writer(), "wb", buffering=1 << 20)
        self.unblocked = 0   # bytes written since the last cut

    def _open_writer(self) -> int:
        """The pipe's writing end, once the child reads it (and an error if the child died first)."""
        while True:
            try:
                fd = os.open(self.pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as err:
                if err.errno != errno.ENXIO or self.child.poll() is not None:
                    self.abort()
                    raise RuntimeError(f"{self.store_dir}: the store loader did not start") from err
                time.sleep(0.005)
                continue
            os.set_blocking(fd, True)
            return fd

    def wants(self, digest: str) -> bool:
        return True

    def add(self, graph: str, digest: str, nquads: bytes) -> None:
        """One graph's N-Quads (every line in `graph`)."""
        self.sink.write(nquads)
        self.sink.write(nquads.replace(f" <{graph}> .\n".encode("utf-8"), b" .\n"))
        self.unblocked += 2 * len(nquads)
        if self.unblocked >= LOAD_BLOCK_BYTES:
            self.sink.write(_CUT)
            self.unblocked = 0

    def close(self) -> None:
        """Wait for the loader; an error if it failed."""
        self.sink.close()
        code = self.child.wait()
        self.pipe.unlink(missing_ok=True)
        if code != 0:
            raise RuntimeError(f"{self.store_dir}: loading the store failed (exit code {code})")

    def abort(self) -> None:
        if getattr(self, "sink", None) is not None:
            try:
                self.sink.close()
            except OSError:
                pass
        self.child.kill()
        self.child.wait()
        self.pipe.unlink(missing_ok=True)


def load_from_pipe(pipe: str, store_dir: str) -> None:
    """The loader's work (in its own process): a new store from the N-Quads read off the pipe."""
    store = ox.Store(store_dir)
    with open(pipe, "rb", buffering=0) as stream:
        blocks = _Blocks(stream)
        while blocks.next_block():
            # lenient: the dumps are written by kg.graph, which checks every IRI it writes
            store.bulk_load(blocks, format=ox.RdfFormat.N_QUADS, lenient=True)
    # the bulk loader leaves one sorted file per batch: compacted, lookups touch a few instead
    # of dozens (queries 2.5-5x faster at 10,000 articles, for about 2 s of the build)
    store.optimize()
    store.flush()
    del store


class _Blocks:
    """A stream read as files that each end at a cut (see _CUT): `read` gives the bytes up to the next
    cut, then nothing until `next_block`. A cut is a line of its own, and no line of N-Quads ends in
    "#cut", so its bytes are the cut wherever they are found. The bulk loader reads 2 kB at a time:
    the buffer is searched once for its cut and read by an offset, never copied whole."""

    def __init__(self, stream):
        self.stream = stream
        self.buffer, self.offset = b"", 0
        self.cut: int | None = None   # where the buffer's next cut is (-1: none; None: not searched yet)
        self.at_cut = False           # the block being read has ended at a cut
        self.ended = False            # the stream is read to its end

    def next_block(self) -> bool:
        """Whether there is a block to read (call it before each; the one before is read whole)."""
        self.at_cut = False
        return not self.ended or self.offset < len(self.buffer)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = size if size is not None and size > 0 else _READ_CHUNK
        while not self.at_cut:
            if self.cut is None:
                self.cut = self.buffer.find(_CUT, self.offset)
            if self.cut == self.offset:
                self.offset, self.cut, self.at_cut = self.offset + len(_CUT), None, True
                break
            # up to the cut; with none, all but the bytes that may begin one the next chunk completes
            end = self.cut if self.cut > 0 else len(self.buffer) - (0 if self.ended else len(_CUT) - 1)
            if end > self.offset:
                given = self.buffer[self.offset:min(end, self.offset + size)]
                self.offset += len(given)
                return given
            if self.ended:
                break
            chunk = self.stream.read(_READ_CHUNK)
            self.buffer, self.offset, self.cut, self.ended = self.buffer[self.offset:] + chunk, 0, None, not chunk
        return b""


@dataclass(frozen=True)
class DefaultChange:
    """What a patch did to the default graph (the merge of the named graphs)."""
    removed: tuple[ox.Triple, ...]   # statements no graph states any more
    added: tuple[ox.Triple, ...]     # statements no graph stated before


def patch_store(store_dir: Path, removed: list[str], added: bytes, previous: Path | None = None) -> DefaultChange:
    """Change the store in store_dir: without the named graphs `removed`, with the quads of
    `added` (N-Quads), its default graph kept the merge of the named graphs. Given
    `previous`, store_dir starts as a copy of that store (hard-linked, not copied)."""
    if previous is not None:
        source = ox.Store.read_only(str(previous))
        try:
            source.backup(str(store_dir))
        finally:
            del source
            gc.collect()
    store = ox.Store(str(store_dir))
    try:
        dropped = set()
        for iri in removed:
            graph = ox.NamedNode(iri)
            dropped.update((q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph))
            store.remove_graph(graph)
        default = ox.DefaultGraph()
        quads = list(ox.parse(added, format=ox.RdfFormat.N_QUADS))
        new = {q.triple for q in quads if ox.Quad(q.subject, q.predicate, q.object, default) not in store}
        store.bulk_extend(quads)
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in new)
        gone = []
        for s, p, o in dropped:
            if not any(q.graph_name != default for q in store.quads_for_pattern(s, p, o, None)):
                store.remove(ox.Quad(s, p, o, default))
                gone.append(ox.Triple(s, p, o))
        store.flush()
        return DefaultChange(tuple(gone), tuple(new))
    finally:
        del store
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


def has_merged_default(store: ox.Store) -> bool:
    """Whether the store's default graph holds the merge of its graphs (see write_store)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def named_quads(store: ox.Store) -> int:
    return sum(1 for graph in store.named_graphs()
               for _ in store.quads_for_pattern(None, None, None, graph))


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


_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def where_brace(text: str) -> int:
    """Index of the `{` that opens the query's WHERE group (skipping comments, IRIs, strings)."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c == "<" and (m := _IRI.match(text, i)):
            i = m.end()
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            return i
        i += 1
    raise ValueError("query has no WHERE group to bind parameters in")


def with_values(text: str, terms: dict[str, str]) -> str:
    """The query with `VALUES ?a { t1 } VALUES ?b { t2 }` first in its WHERE group.

    `terms` maps each variable name to a term already serialized by an RDF library
    (rdflib `.n3()` or pyoxigraph `str()`), so quotes and newlines in values are escaped.
    One block per variable: Oxigraph's planner starts from each bound pattern then, where
    one block of several variables made it join them late (160 ms instead of 20 ms on a
    lookup by title and province at 1,000 articles).
    """
    if not terms:
        return text
    for name in terms:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    at = where_brace(text) + 1
    blocks = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in terms.items())
    return f"{text[:at]}\n  {blocks}\n{text[at:]}"


def run_query(store: ox.Store, text: str | NamedQuery, bindings: dict[str, object] | None = None
              ) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT over the merge of the named graphs; rows as kg.query.run_local formats them."""
    if isinstance(text, NamedQuery):
        text = text.text
    terms = {name: to_oxigraph(value) for name, value in (bindings or {}).items()}
    union = not has_merged_default(store)
    result = store.query(with_values(text, {k: str(v) for k, v in terms.items()}), use_default_graph_as_union=union)
    if isinstance(result, ox.QueryBoolean):
        return ["boolean"], [["true" if bool(result) else "false"]]
    if not isinstance(result, ox.QuerySolutions):
        raise ValueError("only SELECT and ASK queries give rows")
    header = [v.value for v in result.variables]
    rows = [[cell(solution[i]) for i in range(len(header))] for solution in result]
    return header, rows
