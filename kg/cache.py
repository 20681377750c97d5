"""Validation of a build's graphs, reusing the previous build's results by content.

A graph's SHACL result depends only on the graph and the rules, so results are keyed by
the digest of the graph's N-Quads together with the digest of the ontology and shapes
files: an unchanged article is never validated twice; a changed one, or every one after
the shapes changed, is. Graphs are validated as the build writes them, a batch at a time
in an in-memory store, in a child process (Validator), so validation overlaps extraction
and the rest of the build.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from kg.graph import nt_term
from kg.ontology import ONTOLOGY_DIR
from kg.validate import ValidationResult, summary, validate_nquads


@cache
def rules_digest() -> str:
    """The version of the rules a graph is checked against: the ontology and shapes files."""
    digest = hashlib.sha256()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache   # asked twice a build for each of 10,000 graphs
def result_key(graph_digest: str) -> str:
    return hashlib.sha256(f"{graph_digest}\0{rules_digest()}".encode("ascii")).hexdigest()


@dataclass(frozen=True)
class GraphToCheck:
    label: str       # how reports name it: the article's file
    iri: str
    digest: str      # of its N-Quads


@dataclass(frozen=True)
class Checked:
    """The results of a build's graphs: what to keep for the next build and what to report."""
    graphs: int
    reused: int
    cache: dict[str, dict]                        # result key → {"report", "summary", "violations"}; {} when clean
    labelled: tuple[tuple[str, str], ...]         # (label, result key) of each graph with results
    violations: tuple[tuple[str, str, str], ...]  # (label, shape, message) of each sh:Violation

    def report_turtle(self) -> str:
        """Every graph's SHACL report in one Turtle file (written as N-Triples lines)."""
        return "".join(self.cache[key]["report"] for _, key in self.labelled)

    def summaries(self) -> list[str]:
        return [f"--- {label}\n{self.cache[key]['summary']}" for label, key in self.labelled]


class Validator:
    """Validation in a child process forked when a build starts, before the build has threads
    or a large heap: the child compiles the shapes (a quarter of a second, most of what a
    rebuild after one change spends validating) while the build reads its index and articles,
    then validates the batches it is sent, one at a time. Where processes cannot be forked,
    batches are validated in this process (and so they are without `in_child`).

    The build does not wait for a batch's results before sending the next: batches wait in
    files of a spool folder (not in memory) for the child, which is below the extraction
    workers in priority and falls behind while they extract. A full build ends with the store
    loader alone on one core for several seconds; the validation left by then runs on the
    other (at 10,000 articles the build took 54 s instead of 59 in single runs)."""

    def __init__(self, in_child: bool = True) -> None:
        self.found: dict[str, dict] = {}
        self.sent = 0
        self.waiting = 0      # batches sent whose results have not come back
        self.process = None
        if in_child and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.spool = tempfile.TemporaryDirectory(prefix="kg-validate-")
            self.connection, child = context.Pipe()
            self.process = context.Process(target=_validate_batches, args=(child,), daemon=True, name="kg-validate")
            self.process.start()
            child.close()

    def submit(self, nquads: bytes, keys: dict[str, str]) -> None:
        """Validate the graphs of nquads (keys: graph IRI → result key); see results()."""
        if self.process is None:
            self.found.update(validate_batch(nquads, keys))
            return
        self._receive(until_done=False)
        self.sent += 1
        batch = Path(self.spool.name) / f"{self.sent}.pickle"
        batch.write_bytes(pickle.dumps((nquads, keys), protocol=pickle.HIGHEST_PROTOCOL))
        self.connection.send(str(batch))
        self.waiting += 1

    def results(self) -> dict[str, dict]:
        """Result key → kept result of every graph validated so far that has results."""
        self._receive(until_done=True)
        return self.found

    def _receive(self, until_done: bool) -> None:
        """The results that have come back (all of them, waiting for them, `until_done`)."""
        while self.waiting and (until_done or self.connection.poll()):
            ok, reply = self.connection.recv()
            self.waiting -= 1
            if not ok:
                raise RuntimeError(f"validation failed: {reply}")
            self.found.update(reply)

    def close(self) -> None:
        """Stop the child, even while it is still compiling shapes nobody needed."""
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.connection.close()
            self.spool.cleanup()
            self.process = None

    def __enter__(self) -> "Validator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _validate_batches(connection: Connection) -> None:
    """The child's work: compile the shapes, then answer each batch with its results."""
    from kg.validate import _compiled_shapes
    # below the extraction workers: what it leaves undone runs at the end of a full build,
    # beside the store loader; below the build's own process, which has the index to read
    os.nice(19)
    _compiled_shapes()
    while True:
        try:
            batch = Path(connection.recv())
        except EOFError:
            return
        try:
            request = pickle.loads(batch.read_bytes())
            batch.unlink()
            connection.send((True, validate_batch(*request)))
        except Exception as err:  # reported in the build, which stops
            connection.send((False, f"{type(err).__name__}: {err}"))


def validate_batch(nquads: bytes, keys: dict[str, str]) -> dict[str, dict]:
    """Result key → kept result of each graph of nquads that has results."""
    return {keys[iri]: _entry(result, keys[iri]) for iri, result in validate_nquads(nquads).items()}


class Checker:
    """Validates a build's graphs as they are written, in batches (each graph on its own, as
    kg.validate.validate_nquads does) sent to `validator`, reusing `previous` results by content."""

    BATCH = 32 << 20   # bytes of N-Quads per batch: a few thousand graphs, a few hundred MB in memory

    def __init__(self, previous: dict[str, dict], validator: Validator):
        self.previous = previous
        self.validator = validator
        self.results: dict[str, dict] = {}
        self.pending: dict[str, tuple[str, bytes]] = {}   # graph IRI → (result key, N-Quads)
        self.pending_size = 0

    def wants(self, digest: str) -> bool:
        """Whether a graph of this content has still to be validated."""
        key = result_key(digest)
        return key not in self.results and key not in self.previous

    def add(self, iri: str, digest: str, nquads: bytes) -> None:
        """A graph of the build to validate: its IRI, the digest of its N-Quads, and the N-Quads."""
        key = result_key(digest)
        if iri in self.pending:       # a graph made again (relinked): its versions go in apart
            self._validate()
        self.results[key] = {}        # until its batch says otherwise
        self.pending[iri] = (key, nquads)
        self.pending_size += len(nquads)
        if self.pending_size >= self.BATCH:
            self._validate()

    def _validate(self) -> None:
        if self.pending:
            self.validator.submit(b"".join(nquads for _, nquads in self.pending.values()),
                                  {iri: key for iri, (key, _) in self.pending.items()})
        self.pending, self.pending_size = {}, 0

    def finish(self, graphs: Sequence[GraphToCheck]) -> Checked:
        """The results of `graphs` (every graph of the build, each added before)."""
        self._validate()
        self.results.update(self.validator.results())
        keys = {g.iri: result_key(g.digest) for g in graphs}
        kept = {key: self.results[key] if key in self.results else self.previous[key] for key in keys.values()}
        labelled = tuple((g.label, keys[g.iri]) for g in graphs if kept[keys[g.iri]])
        violations = tuple((label, shape, message) for label, key in labelled
                           for shape, message in kept[key]["violations"])
        reused = sum(1 for key in set(keys.values()) if key not in self.results)
        return Checked(len(graphs), reused, kept, labelled, violations)


def _entry(result: ValidationResult, key: str) -> dict:
    """What is kept of a result: nothing when the graph has none."""
    if not result.violations:
        return {}
    return {"report": _report_lines(result.report, key[:16]), "summary": summary(result) + "\n",
            "violations": [[str(v.shape), v.message_en] for v in result.violations if v.is_violation]}


def _report_lines(report: Graph, prefix: str) -> str:
    """The report as sorted N-Triples lines, blank nodes labelled canonically and apart from
    other graphs' reports (prefix), so equal results give equal text."""
    def term(node):
        return f"_:r{prefix}{node}" if isinstance(node, BNode) else nt_term(node)
    return "".join(sorted(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in to_canonical_graph(report)))
