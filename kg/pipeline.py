"""One input file through the pipeline: read → extract → resolve → statements as text.

Each step is a pure function of the file and the code, so a file's outcome can be made in
a worker process and reused by a later build while neither changes (Source.digest says
when). Linking persons across articles is the one step that needs every article; a file
is processed first as if nothing linked, and again, rarely, when linking remaps one of
its persons.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg import __version__
from kg.graph import article_iri, article_lines
from kg.listing import split_listing
from kg.ontology import ONTOLOGY_DIR
from kg.read import ArticleError, article_files, read_article, read_manifest, MANIFEST_NAME
from kg.records import Article, ArticleFacts, ManifestEntry
from kg.resolve import PersonSummary, ResolvedArticle, person_summaries, rekey, resolve_article
from kg.vocab import VOCAB_DIR, compile_lexicons


@dataclass(frozen=True)
class Source:
    """An article file as a build sees it."""
    path: Path
    manifest: ManifestEntry | None
    digest: str          # of its name, bytes, manifest row and the code: a file's outcome is reused while it holds
    stat: str            # of its path, size, modification time, manifest row and the code

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class RenderedGraph:
    """One named graph as text: sorted N-Quads, and their digest (made once, in the worker
    that renders the graph: a build asks for it three times)."""
    iri: str
    nquads: str
    statements: int
    digest: str = field(init=False)   # the content: its validation result depends on nothing else (and the rules)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", hashlib.sha256(self.nquads.encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class ArticleOutcome:
    stem: str
    persons: tuple[PersonSummary, ...]
    remap: tuple[tuple[str, str], ...]     # the person links applied when rendering
    graph: RenderedGraph
    problem: str | None = None             # "no facts found"
    resolved: ResolvedArticle | None = None  # kept only when asked for (in-memory builds)


@dataclass(frozen=True)
class FileOutcome:
    source: Source
    articles: tuple[ArticleOutcome, ...] = ()
    error: ArticleError | None = None


@cache
def code_digest() -> str:
    """The version of everything that turns a file into statements: code, vocabularies, ontology."""
    digest = hashlib.sha256(__version__.encode("ascii"))
    package = Path(__file__).resolve().parent
    for folder, pattern in ((package, "**/*.py"), (VOCAB_DIR, "*.csv"), (ONTOLOGY_DIR, "*.ttl")):
        for path in sorted(folder.glob(pattern)):
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def collect_sources(paths: Iterable[Path], known: dict[str, str] | None = None
                    ) -> tuple[list[Source], list[ArticleError]]:
    """The article files of folders and single files, ordered by name, each once; an error
    for each problem found on the way (a manifest row naming no file, two files of one name).

    `known` maps Source.stat to Source.digest (the previous build's): a file whose path, size
    and modification time are unchanged is not read again to know its digest, as make does."""
    found: dict[str, Source] = {}
    errors: list[ArticleError] = []
    for path in paths:
        manifest: dict[str, ManifestEntry] = {}
        if path.is_dir():
            if (path / MANIFEST_NAME).exists():
                manifest, problems = read_manifest(path / MANIFEST_NAME)
                errors += problems
            files = article_files(path)
            present = {p.name for p in files}
            errors += [ArticleError(name, "named in the manifest but there is no such file")
                       for name in sorted(manifest) if name not in present]
        else:
            files = [path]
        for file in files:
            if file.stem in found:
                errors.append(ArticleError(str(file), f"another article is already named {file.stem!r}"))
                continue
            found[file.stem] = _source(file, manifest.get(file.name), known or {})
    return [found[stem] for stem in sorted(found)], errors


# A file changed within this many seconds of its last build may have kept its size and time:
# it is read again (git's "racy" entries).
_RACY_SECONDS = 2


def _source(path: Path, manifest: ManifestEntry | None, known: dict[str, str]) -> Source:
    head = f"{code_digest()}\0{path.name}\0{manifest!r}\0"
    try:
        info = path.stat()
        # the absolute path, not the resolved one: no syscalls per file (a third of a rebuild's reading of 10,000)
        stat = hashlib.sha256(f"{head}{os.path.abspath(path)}\0{info.st_size}\0{info.st_mtime_ns}".encode("utf-8")
                              ).hexdigest()
    except OSError:
        stat = ""
    if stat in known and time.time() - info.st_mtime > _RACY_SECONDS:
        return Source(path, manifest, known[stat], stat)
    digest = hashlib.sha256(head.encode("utf-8"))
    try:
        digest.update(path.read_bytes())
    except OSError as err:   # reported by name when the file is processed
        digest.update(repr(err).encode("utf-8"))
    return Source(path, manifest, digest.hexdigest(), stat)


def process_file(source: Source, remap: dict[str, dict[str, str]] | None = None,
                 keep_resolved: bool = False) -> FileOutcome:
    """A file's articles as statements; a file that cannot be read or extracted becomes its error.

    `remap` gives, per article stem, the person links that linking across articles decided.
    Any failure is confined to its file: the other files of a build still load."""
    try:
        articles = split_listing(read_article(source.path, source.manifest))
    except (ValueError, OSError) as err:
        return FileOutcome(source, error=ArticleError(source.path.name, str(err)))
    try:
        outcomes = tuple(_article(resolve_article(_extractor()(article)), (remap or {}).get(article.stem, {}),
                                  keep_resolved) for article in articles)
    except Exception as err:  # noqa: BLE001 - an extractor bug on one page must not stop a build
        return FileOutcome(source, error=ArticleError(source.path.name,
                                                      f"could not be extracted ({type(err).__name__}: {err})"))
    return FileOutcome(source, outcomes)


def _extractor() -> Callable[[Article], ArticleFacts]:
    """kg.extract.facts.extract_article, imported where it is first needed: a build's own process extracts
    nothing (its workers do), and importing the extractors, whose patterns compile as they load, was a tenth of
    a rebuild after one change."""
    from kg.extract.facts import extract_article
    return extract_article


def _article(resolved: ResolvedArticle, remap: dict[str, str], keep_resolved: bool) -> ArticleOutcome:
    persons = person_summaries(resolved)
    resolved = rekey(resolved, remap)
    has_facts = resolved.holdings or resolved.agreements or resolved.documents
    return ArticleOutcome(resolved.stem, persons, tuple(sorted(remap.items())), render(resolved),
                          None if has_facts else "no facts found (no officials, agreements or documents)",
                          resolved if keep_resolved else None)


def render(resolved: ResolvedArticle) -> RenderedGraph:
    return rendered(str(article_iri(resolved.stem)), article_lines(resolved))


def rendered(iri: str, lines: list[str]) -> RenderedGraph:
    """A graph given as sorted N-Quads lines."""
    return RenderedGraph(iri, "".join(lines), len(lines))


class Extractor:
    """Extraction of files in `jobs` worker processes, forked when a build starts, while the
    process is small and has no threads: they compile the lexicons while the build reads its
    index and stats its files, so that a rebuild after one change finds them ready (compiling
    them is most of what extracting the first article costs). With one job, files are
    extracted in this process."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool = None
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            # forked workers run extraction only: no store, and no threads whose locks a fork could copy held
            self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_start_worker)
            self.pool.submit(int)   # a pool of forked workers starts them all at its first task: now

    def outcomes(self, sources: list[Source]) -> Iterator[FileOutcome]:
        """process_file over the sources, in their order."""
        if self.pool is None:
            return map(process_file, sources)
        return self.pool.map(process_file, sources, chunksize=max(1, min(64, len(sources) // (8 * self.jobs))))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _start_worker() -> None:
    # below the build's own process: on two cores its reading of the index must not wait for workers
    # that may have nothing to extract
    os.nice(5)
    _extractor()  # loaded and compiled now, while the build reads its index
    compile_lexicons()
