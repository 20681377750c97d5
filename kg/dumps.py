"""A build's dumps written graph by graph, in segments, and the index of a build.

The dumps are OUT/graph/*.nq, in N-Quads: each input file's graphs go to one of SEGMENTS
segments chosen by a hash of the file's name (so a file stays in its segment as others come
and go), in name order within it; the reference and resolution graphs go to
OUT/graph/shared.nq. The segments in name order, concatenated, are the whole dump. Other
syntaxes are made from it when asked for (kg.export): writing TriG too at every build cost
a tenth of a full build's CPU.

Each named graph's text is one contiguous chunk of its segment. The index (OUT/index.json)
remembers, for every input file, what it gave and where its graphs' chunks lie, so the
next build hard-links a segment whose files are all unchanged, copies the chunks of
unchanged files byte for byte into a segment that changed, and knows which graphs'
validation it can reuse. A rebuild after one change thus writes one segment, not the corpus.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import BinaryIO, Protocol

import orjson

from kg.pipeline import ArticleOutcome, FileOutcome, RenderedGraph
from kg.resolve import PersonSummary

INDEX_FILE = "index.json"
INDEX_FORMAT = 6
GRAPH_DIR = "graph"
DUMP_SUFFIX = ".nq"
# 64 segments of ~150 files each at 10,000 articles: a change rewrites ~15 MB, not 900 MB
SEGMENTS = 64
SHARED_SEGMENT = "shared"


@cache   # asked twice a build for each of 10,000 files
def segment_of(file_name: str) -> str:
    """The segment an input file's graphs are written to."""
    bucket = int.from_bytes(hashlib.blake2b(file_name.encode("utf-8"), digest_size=4).digest(), "big") % SEGMENTS
    return f"{bucket:02x}"


def dump_files(out: Path) -> list[Path]:
    """The segments of a build's dump in order: together, the whole dump."""
    folder = Path(out) / GRAPH_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"{out}: no build here (missing {GRAPH_DIR}/); run 'kg build' first")
    return sorted(folder.glob(f"*{DUMP_SUFFIX}"), key=lambda path: path.name)


def dump_bytes(out: Path) -> Iterator[bytes]:
    """A build's whole dump, a megabyte at a time."""
    for path in dump_files(out):
        with open(path, "rb") as segment:
            while block := segment.read(1 << 20):
                yield block


class GraphSink(Protocol):
    """Where a build's graphs go besides the dumps (validation, the store being loaded)."""

    def wants(self, digest: str) -> bool:
        """Whether the graph of this content is needed (its text is read only then)."""

    def add(self, iri: str, digest: str, nquads: bytes) -> None: ...


@dataclass(frozen=True)
class Extent:
    offset: int
    length: int


@dataclass(frozen=True)
class GraphEntry:
    """Where one article's graph lies in the dumps, and what the next build needs of it."""
    stem: str
    iri: str
    digest: str
    statements: int
    nquads: Extent
    persons: tuple[PersonSummary, ...]
    remap: tuple[tuple[str, str], ...]
    problem: str | None = None
    # the persons as the index wrote them, when read from it: written again as they are (sorting
    # 100,000 persons' posts afresh was a second of every rebuild at 10,000 articles)
    persons_json: list | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FileEntry:
    digest: str                      # Source.digest
    file: str
    articles: tuple[GraphEntry, ...] = ()
    error: str | None = None         # why the file gave nothing
    stat: str = ""                   # Source.stat: the next build knows the digest without reading the file


@dataclass
class Index:
    files: dict[str, FileEntry] = field(default_factory=dict)          # by Source.digest
    validations: dict[str, dict] = field(default_factory=dict)         # by graph digest (and rules)
    extras: dict[str, str] = field(default_factory=dict)               # digest of the reference, resolution graphs
    reference: dict[str, str] = field(default_factory=dict)            # the reference graph's text, by code digest
    statistics: dict = field(default_factory=dict)                     # the VoID figures (kg.describe)

    def known_digests(self) -> dict[str, str]:
        """Source.stat → Source.digest of every file of the build."""
        return {entry.stat: entry.digest for entry in self.files.values() if entry.stat}

    def digests(self) -> dict[str, str]:
        """Every graph of the build and the digest of its content."""
        found = {a.iri: a.digest for e in self.files.values() for a in e.articles}
        return found | self.extras

    @classmethod
    def load(cls, out: Path) -> "Index":
        """The index of the build in OUT; an empty one when there is none or it is unreadable."""
        try:
            data = orjson.loads((out / INDEX_FILE).read_bytes())
            if data.get("format") != INDEX_FORMAT:
                return cls()
            return cls({f["digest"]: _file_entry(f) for f in data["files"]}, data["validations"], data["extras"],
                       data["reference"], data["statistics"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def dump(self) -> bytes:
        files = [_file_json(entry) for entry in self.files.values()]
        return orjson.dumps({"format": INDEX_FORMAT, "files": files, "validations": self.validations,
                             "extras": self.extras, "reference": self.reference, "statistics": self.statistics},
                            option=orjson.OPT_SORT_KEYS)

    def segments(self) -> dict[str, list[str]]:
        """Segment → the digests of the files written to it, in order."""
        found: dict[str, list[str]] = {}
        for entry in self.files.values():
            found.setdefault(segment_of(entry.file), []).append(entry.digest)
        return found


def _file_json(entry: FileEntry) -> dict:
    return {"digest": entry.digest, "file": entry.file, "error": entry.error, "stat": entry.stat,
            "articles": [_graph_json(article) for article in entry.articles]}


def _graph_json(entry: GraphEntry) -> dict:
    """Written field by field (dataclasses.asdict deep-copies, seconds on a large build)."""
    persons = entry.persons_json
    if persons is None:
        persons = [[p.key, p.name, sorted(([t, list(c) if c is not None else None] for t, c in p.posts),
                                          key=lambda post: (post[0], post[1] or []))] for p in entry.persons]
    return {"stem": entry.stem, "iri": entry.iri, "digest": entry.digest, "statements": entry.statements,
            "nquads": [entry.nquads.offset, entry.nquads.length], "persons": persons, "remap": [list(pair) for pair in entry.remap], "problem": entry.problem}


def _file_entry(data: dict) -> FileEntry:
    return FileEntry(data["digest"], data["file"], tuple(_graph_entry(a) for a in data["articles"]), data["error"],
                     data["stat"])


def _graph_entry(data: dict) -> GraphEntry:
    persons = tuple(PersonSummary(key, name, frozenset((t, tuple(c) if c is not None else None) for t, c in posts))
                    for key, name, posts in data["persons"])
    return GraphEntry(data["stem"], data["iri"], data["digest"], data["statements"], Extent(*data["nquads"]), persons, tuple(tuple(pair) for pair in data["remap"]), data["problem"],
                      data["persons"])


class ChunkWriter:
    """A file written as a header and then chunks, each chunk's place remembered."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = open(path, "wb")

    def add(self, data: bytes) -> Extent:
        offset = self.handle.tell()
        self.handle.write(data)
        return Extent(offset, len(data))

    def copy(self, source: BinaryIO, extent: Extent) -> Extent:
        """A chunk of another file, copied by the kernel (no bytes through Python)."""
        self.handle.flush()
        offset, copied = self.handle.tell(), 0
        try:
            while copied < extent.length:
                done = os.copy_file_range(source.fileno(), self.handle.fileno(), extent.length - copied,
                                          extent.offset + copied)
                if done == 0:
                    raise ValueError(f"{self.path.name}: the previous dump is shorter than its index says")
                copied += done
        except OSError:   # a file system that cannot: through Python then
            self.handle.seek(offset + copied)
            self.handle.write(read_extent(source, Extent(extent.offset + copied, extent.length - copied)))
        self.handle.seek(offset + extent.length)
        return Extent(offset, extent.length)

    def close(self) -> None:
        self.handle.close()


def read_extent(source: BinaryIO, extent: Extent) -> bytes:
    source.seek(extent.offset)
    data = source.read(extent.length)
    if len(data) != extent.length:
        raise ValueError("a dump is shorter than its index says")
    return data


@dataclass
class Dumps:
    """A dump segment being written; `sink` is also given each graph."""
    nquads: ChunkWriter
    sink: GraphSink

    def add(self, graph: RenderedGraph) -> Extent:
        nquads = graph.nquads.encode("utf-8")
        if self.sink.wants(graph.digest):
            self.sink.add(graph.iri, graph.digest, nquads)
        return self.nquads.add(nquads)

    def write_outcome(self, outcome: FileOutcome) -> FileEntry:
        articles = tuple(self._article(a) for a in outcome.articles)
        return FileEntry(outcome.source.digest, outcome.source.path.name, articles,
                         str(outcome.error.problem) if outcome.error else None, outcome.source.stat)

    def _article(self, article: ArticleOutcome) -> GraphEntry:
        return GraphEntry(article.stem, article.graph.iri, article.graph.digest, article.graph.statements,
                          self.add(article.graph), article.persons, article.remap, article.problem)

    def copy_entry(self, entry: FileEntry, nquads: BinaryIO, stat: str) -> FileEntry:
        """The entry's chunks copied from another build's dump segment (`stat`: the file as it is now)."""
        return replace(entry, articles=tuple(self._copy(a, nquads) for a in entry.articles), stat=stat)

    def _copy(self, article: GraphEntry, nquads: BinaryIO) -> GraphEntry:
        if self.sink.wants(article.digest):
            self.sink.add(article.iri, article.digest, read_extent(nquads, article.nquads))
        return replace(article, nquads=self.nquads.copy(nquads, article.nquads))

    def close(self) -> None:
        self.nquads.close()
