"""Building into OUT, whole or not at all, reusing what the previous build there made; and
reading a build back.

A build writes a staging folder beside OUT and swaps it in at the end, so a killed build
leaves the previous one usable. A file whose bytes, manifest row and code are unchanged is
not read again: its graphs' chunks are copied from the previous dumps (or their whole
segment hard-linked, see kg.dumps), its validation result is reused, and the previous
Oxigraph store is patched (removing the graphs that went, adding the new ones) rather
than loaded again.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from kg.cache import Checked, Checker, GraphToCheck, Validator, rules_digest
from kg.describe import (PREFIXES_USED, article_statements, describe, read_build_info, statistics_from_json,
                         statistics_from_store, statistics_json, update_statistics)
from kg.dumps import (DUMP_SUFFIX, GRAPH_DIR, SHARED_SEGMENT, ChunkWriter, Dumps, FileEntry, GraphSink, Index,
                      INDEX_FILE, dump_files, read_extent, segment_of)
from kg.graph import REFERENCE_GRAPH, RESOLUTION_GRAPH, nquad_lines, resolution_triples
from kg.namespaces import PREFIXES
from kg.oxstore import STORE_DIR, DefaultChange, StoreLoad, open_store, patch_store, to_oxigraph
from kg.pipeline import (Extractor, FileOutcome, RenderedGraph, Source, code_digest, collect_sources, process_file,
                         rendered)
from kg.read import ArticleError
from kg.reference import reference_graph
from kg.resolve import Linking, link_persons

REPORT_TTL = "report.ttl"
REPORT_TXT = "report.txt"
BUILD_JSON = "build.json"
VOID_TTL = "void.ttl"
# Patching the previous store beats loading anew while few files changed.
PATCH_LIMIT = 0.2


@dataclass(frozen=True)
class BuildSummary:
    articles: int
    statements: int
    problems: tuple[ArticleError, ...]
    reused: int                                   # validation results reused from the previous build
    violations: tuple[tuple[str, str, str], ...]  # (file, shape, message) of each sh:Violation

    @property
    def conforms(self) -> bool:
        return not self.violations


def build_into(out: Path, paths: list[Path], jobs: int = 1,
               progress: Callable[[int, int, str], None] | None = None) -> BuildSummary:
    """Build the articles of `paths` (folders and files) into OUT."""
    out = out.resolve()
    # forked first, while this process is small and has no threads
    with Validator() as validator, Extractor(jobs) as extractor:
        # At 10,000 articles the index is millions of long-lived objects, none in a cycle: read
        # with the collector off, then frozen, so that it no longer walks them at every
        # collection (which was a third of a rebuild's time).
        gc.disable()
        try:
            previous = Index.load(out) if (out / STORE_DIR).is_dir() else Index()
        finally:
            gc.enable()
        gc.freeze()
        try:
            return _build(out, paths, extractor, progress, previous, Checker(previous.validations, validator))
        finally:
            gc.unfreeze()


def _build(out: Path, paths: list[Path], extractor: Extractor, progress: Callable[[int, int, str], None] | None,
           previous: Index, checker: Checker) -> BuildSummary:
    sources, errors = collect_sources(paths, previous.known_digests())
    names = {s.path.name for s in sources}
    changed = sum(1 for s in sources if s.digest not in previous.files) + sum(
        1 for e in previous.files.values() if e.file not in names)                  # files new or changed, and gone
    patching = bool(previous.files) and changed <= PATCH_LIMIT * max(len(sources), 1)
    with _staging(out) as staging, _loading(staging / STORE_DIR, not patching) as load:
        sink = _Both(checker, load) if load else checker
        entries = _write_articles(sources, previous, out, staging, extractor, progress, sink)
        linking = link_persons([(a.stem, a.persons) for e in entries for a in e.articles])
        entries, relinked = _relink(entries, sources, linking, staging, checker)
        extra = (reference(previous.reference), resolution(linking))
        _append(staging, extra, sink)
        if load:
            load.close()
        graphs = [a for e in entries for a in e.articles]
        index = Index({e.digest: e for e in entries}, extras={g.iri: g.digest for g in extra},
                      reference=_cached_reference(extra[0]))
        change = _patch(staging, *_changes(previous, index), index, extra, previous=out / STORE_DIR) if patching else None
        if relinked and not patching:
            _patch(staging, relinked, set(), index, extra)
        same_reference = previous.extras.get(str(REFERENCE_GRAPH)) == index.extras[str(REFERENCE_GRAPH)]
        index.statistics = _statistics(staging, previous.statistics if same_reference else None, change)
        checked = checker.finish(_to_check(entries, extra))
        index.validations = checked.cache
        problems = tuple(errors) + tuple(_problems(entries))
        (staging / REPORT_TTL).write_text(checked.report_turtle(), encoding="utf-8")
        (staging / REPORT_TXT).write_text(report_text(len(graphs), problems, checked), encoding="utf-8")
        (staging / BUILD_JSON).write_text(json.dumps(build_record(entries, problems, paths), ensure_ascii=False,
                                                     indent=1), encoding="utf-8")
        (staging / INDEX_FILE).write_bytes(index.dump())
        (staging / VOID_TTL).write_text(describe_build(staging, statistics_from_json(index.statistics)),
                                        encoding="utf-8")
    return BuildSummary(len(graphs), sum(g.statements for g in graphs) + sum(g.statements for g in extra), problems,
                        checked.reused, checked.violations)


@contextmanager
def _loading(store_dir: Path, wanted: bool) -> Iterator[StoreLoad | None]:
    """A store loaded while the graphs are written (when the build makes it anew)."""
    if not wanted:
        yield None
        return
    load = StoreLoad(store_dir)
    try:
        yield load
    except BaseException:
        load.abort()
        raise


@dataclass(frozen=True)
class _Both:
    """Validation and the store being loaded, both given every graph written."""
    checker: Checker
    load: StoreLoad

    def wants(self, digest: str) -> bool:
        return True

    def add(self, iri: str, digest: str, nquads: bytes) -> None:
        if self.checker.wants(digest):
            self.checker.add(iri, digest, nquads)
        self.load.add(iri, digest, nquads)


def _write_articles(sources: list[Source], previous: Index, out: Path, staging: Path, extractor: Extractor,
                    progress: Callable[[int, int, str], None] | None, sink: GraphSink) -> list[FileEntry]:
    """Every file's graphs into the staging dumps (and to `sink`), segment by segment: a
    segment of unchanged files linked from the previous build, others written, each file's
    graphs copied from the previous build when it is unchanged, made anew otherwise."""
    segments: dict[str, list[Source]] = {}
    for source in sources:
        segments.setdefault(segment_of(source.path.name), []).append(source)
    order = [source for segment in sorted(segments) for source in segments[segment]]
    fresh = extractor.outcomes([s for s in order if s.digest not in previous.files])
    before = previous.segments()
    (staging / GRAPH_DIR).mkdir()
    made: dict[str, FileEntry] = {}
    for segment in sorted(segments):
        members = segments[segment]
        if before.get(segment) == [s.digest for s in members] and _link_segment(out, staging, segment):
            entries = [_kept(previous.files[s.digest], s.stat, out, segment, sink) for s in members]
        else:
            entries = _write_segment(members, previous, out, staging, segment, fresh, sink)
        for entry in entries:
            made[entry.digest] = entry
            if progress:
                progress(len(made), len(sources), entry.file)
    return [made[s.digest] for s in sources]


def _link_segment(out: Path, staging: Path, segment: str) -> bool:
    """The previous build's segment hard-linked into staging (its files are unchanged)."""
    old, new = out / GRAPH_DIR / f"{segment}{DUMP_SUFFIX}", staging / GRAPH_DIR / f"{segment}{DUMP_SUFFIX}"
    if not old.is_file():
        return False
    try:
        os.link(old, new)
    except OSError:   # a file system without hard links
        shutil.copyfile(old, new)
    return True


def _kept(entry: FileEntry, stat: str, out: Path, segment: str, sink: GraphSink) -> FileEntry:
    """An unchanged file's entry, its graphs given to `sink` when it wants them."""
    wanted = [a for a in entry.articles if sink.wants(a.digest)]
    if wanted:
        with open(out / GRAPH_DIR / f"{segment}{DUMP_SUFFIX}", "rb") as nquads:
            for article in wanted:
                sink.add(article.iri, article.digest, read_extent(nquads, article.nquads))
    return entry if entry.stat == stat else replace(entry, stat=stat)


def _write_segment(members: list[Source], previous: Index, out: Path, staging: Path, segment: str,
                   fresh: Iterator[FileOutcome], sink: GraphSink) -> list[FileEntry]:
    dumps = _open_dumps(staging, segment, sink)
    with _previous_segment(out, segment) as old_nquads:
        entries = []
        for source in members:
            kept = previous.files.get(source.digest) if old_nquads else None
            entries.append(dumps.copy_entry(kept, old_nquads, source.stat) if kept
                           else dumps.write_outcome(next(fresh)))
    dumps.close()
    return entries


def _relink(entries: list[FileEntry], sources: list[Source], linking: Linking, staging: Path, sink: GraphSink
            ) -> tuple[list[FileEntry], set[str]]:
    """Files whose persons linking maps otherwise than their graphs say are made again (rare:
    a person of an article that names no province, newly found elsewhere), their segments
    written again; and the IRIs of the graphs that changed."""
    stale = {e.digest for e in entries for a in e.articles if dict(a.remap) != linking.remap.get(a.stem, {})}
    if not stale:
        return entries, set()
    by_digest = {s.digest: s for s in sources}
    made = {e.digest: e for e in entries}
    for segment in sorted({segment_of(made[digest].file) for digest in stale}):
        first = staging / GRAPH_DIR / f"{segment}{DUMP_SUFFIX}.first"
        (staging / GRAPH_DIR / f"{segment}{DUMP_SUFFIX}").rename(first)
        dumps = _open_dumps(staging, segment, sink)
        with open(first, "rb") as nquads:
            for entry in entries:
                if segment_of(entry.file) == segment:
                    made[entry.digest] = (dumps.write_outcome(process_file(by_digest[entry.digest], linking.remap))
                                          if entry.digest in stale else dumps.copy_entry(entry, nquads, entry.stat))
        dumps.close()
        first.unlink()
    return [made[e.digest] for e in entries], {a.iri for digest in stale for a in made[digest].articles}


def _open_dumps(staging: Path, segment: str, sink: GraphSink) -> Dumps:
    return Dumps(ChunkWriter(staging / GRAPH_DIR / f"{segment}{DUMP_SUFFIX}"), sink)


@contextmanager
def _previous_segment(out: Path, segment: str) -> Iterator[BinaryIO | None]:
    path = out / GRAPH_DIR / f"{segment}{DUMP_SUFFIX}"
    if not path.is_file():
        yield None
        return
    with open(path, "rb") as nquads:
        yield nquads


def _append(staging: Path, graphs: tuple[RenderedGraph, ...], sink: GraphSink) -> None:
    """The reference and resolution graphs, into the shared segment."""
    (staging / GRAPH_DIR / f"{SHARED_SEGMENT}{DUMP_SUFFIX}").write_text("".join(g.nquads for g in graphs),
                                                                        encoding="utf-8")
    for graph in graphs:
        if sink.wants(graph.digest):
            sink.add(graph.iri, graph.digest, graph.nquads.encode("utf-8"))


def reference(cached: dict[str, str]) -> RenderedGraph:
    """The ontology, the vocabularies and the places, as every build carries them: made
    from them, or taken from the previous build's index when the code is the same."""
    if cached.get("code") == code_digest():
        return RenderedGraph(str(REFERENCE_GRAPH), cached["nquads"], int(cached["statements"]))
    return rendered(str(REFERENCE_GRAPH), nquad_lines(list(reference_graph()), REFERENCE_GRAPH))


def _cached_reference(graph: RenderedGraph) -> dict[str, str]:
    return {"code": code_digest(), "nquads": graph.nquads, "statements": str(graph.statements)}


def resolution(linking: Linking) -> RenderedGraph:
    return rendered(str(RESOLUTION_GRAPH), nquad_lines(resolution_triples(linking.reasons), RESOLUTION_GRAPH))


def _patch(staging: Path, changed: set[str], gone: set[str], current: Index, extra: tuple[RenderedGraph, ...],
           previous: Path | None = None) -> DefaultChange:
    """Bring a store (the previous build's, or the one just loaded) to the staging dumps: the
    graphs `changed` replaced by their text in graph.nq, the graphs `gone` removed."""
    texts = {g.iri: g.nquads.encode("utf-8") for g in extra}
    for entry in current.files.values():
        wanted = [a for a in entry.articles if a.iri in changed]
        if wanted:
            with open(staging / GRAPH_DIR / f"{segment_of(entry.file)}{DUMP_SUFFIX}", "rb") as nquads:
                texts.update((a.iri, read_extent(nquads, a.nquads)) for a in wanted)
    added = b"".join(texts[iri] for iri in sorted(changed))
    return patch_store(staging / STORE_DIR, sorted(changed | gone), added, previous)


def _changes(previous: Index, current: Index) -> tuple[set[str], set[str]]:
    """The graphs whose content changed (or are new), and the graphs that went."""
    old, new = previous.digests(), current.digests()
    return {iri for iri, digest in new.items() if old.get(iri) != digest}, set(old) - set(new)


def _to_check(entries: list[FileEntry], extra: tuple[RenderedGraph, ...]) -> list[GraphToCheck]:
    listed = [GraphToCheck(a.stem if len(e.articles) > 1 else e.file, a.iri, a.digest)
              for e in entries for a in e.articles]
    return listed + [GraphToCheck(g.iri.rsplit("/", 1)[-1], g.iri, g.digest) for g in extra]


def _problems(entries: list[FileEntry]) -> Iterator[ArticleError]:
    for entry in entries:
        if entry.error:
            yield ArticleError(entry.file, entry.error)
        for article in entry.articles:
            if article.problem:
                yield ArticleError(article.stem if len(entry.articles) > 1 else entry.file, article.problem)


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside OUT that replaces OUT when the block succeeds, and goes otherwise."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out: Path) -> None:
    previous = out.with_name(f".{out.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)


def _statistics(folder: Path, previous: dict | None, change: DefaultChange | None) -> dict:
    """The VoID figures of the store in folder: the previous build's updated by what a patch
    changed, or counted anew."""
    store = open_store(folder)
    try:
        if previous and change is not None:
            return statistics_json(update_statistics(statistics_from_json(previous), change, store))
        return statistics_json(statistics_from_store(store))
    finally:
        del store  # release the store before the folder is renamed


def describe_build(folder: Path, statistics: dict) -> str:
    """The VoID + DCAT description of the build in folder, as Turtle: written by Oxigraph, and
    the statements listing every article as lines of their own (no library walks 20,000 of them)."""
    description = describe(None, read_build_info(folder), statistics, with_articles=False)
    triples = [ox.Triple(*map(to_oxigraph, triple)) for triple in sorted(description)]
    prefixes = {prefix: str(PREFIXES[prefix]) for prefix in PREFIXES_USED}
    head = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
    return head + "".join(f"<{s}> <{p}> <{o}> .\n" for s, p, o in article_statements(statistics))


def report_text(articles: int, problems: tuple[ArticleError, ...], checked: Checked) -> str:
    lines = [f"articles: {articles}, problems: {len(problems)}, conforms: {not checked.violations}"]
    lines += [f"problem: {error}" for error in problems]
    lines += checked.summaries()
    return "\n".join(lines) + "\n"


def build_record(entries: list[FileEntry], problems: tuple[ArticleError, ...], paths: list[Path]) -> dict:
    """What was built from what: code version, rules digest, input files and their digests."""
    from kg import __version__
    return {"version": __version__, "rules": rules_digest(),
            "files": {e.file: e.digest for e in entries},
            "sources": [str(p.resolve()) for p in paths],
            "problems": [str(e) for e in problems]}


def previous_sources(out: Path) -> list[str]:
    try:
        return json.loads((out / BUILD_JSON).read_text(encoding="utf-8")).get("sources", [])
    except (OSError, ValueError):
        return []


def load_dataset(out: Path) -> Dataset:
    """A build's graphs as an rdflib Dataset (for small builds and tests; queries use the store)."""
    paths = dump_files(out)
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for path in paths:
        dataset.parse(path, format="nquads")
    return dataset
