"""Writing a build to OUT, whole or not at all, and reading it back."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pyoxigraph
from rdflib import Dataset

from kg.build import Build, new_dataset
from kg.cache import CACHE_FILE, rules_digest
from kg.namespaces import PREFIXES
from kg.describe import describe, read_build_info, statistics_from_store
from kg.oxstore import STORE_DIR, open_store, write_store
from kg.validate import summary

GRAPH_NQ = "graph.nq"
GRAPH_TRIG = "graph.trig"
REPORT_TTL = "report.ttl"
REPORT_TXT = "report.txt"
BUILD_JSON = "build.json"
VOID_TTL = "void.ttl"


def sorted_nquads(lines: list[str]) -> str:
    """N-Quads with one statement a line, sorted: two builds of the same input compare equal."""
    return "\n".join(sorted(set(line for line in lines if line.strip()))) + "\n"


def trig(nquads: str) -> bytes:
    """TriG of the same statements; written by Oxigraph, which is fast on large graphs.

    Entity namespaces get no prefix: their local names contain "/" and would be escaped."""
    quads = pyoxigraph.parse(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    prefixes = {name: str(ns) for name, ns in PREFIXES.items() if name not in ("id", "vocab")}
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=prefixes)


def write_build(build: Build, out: Path, sources: list[str] | None = None) -> None:
    """Write every output into a fresh folder beside OUT, then swap it in."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        nquads = sorted_nquads(build.nquads())
        (staging / GRAPH_NQ).write_text(nquads, encoding="utf-8")
        write_store(staging / GRAPH_NQ, staging / STORE_DIR)
        (staging / GRAPH_TRIG).write_bytes(trig(nquads))
        report = new_dataset().graph()
        for article in build.articles:
            for triple in article.validation.report:
                report.add(triple)
        (staging / REPORT_TTL).write_text(report.serialize(format="turtle"), encoding="utf-8")
        (staging / REPORT_TXT).write_text(report_text(build), encoding="utf-8")
        (staging / BUILD_JSON).write_text(json.dumps(build_record(build, sources), ensure_ascii=False, indent=1),
                                          encoding="utf-8")
        (staging / CACHE_FILE).write_text(build.cache.dump(), encoding="utf-8")
        (staging / VOID_TTL).write_text(describe_build(staging), encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def describe_build(folder: Path) -> str:
    """The VoID + DCAT description of the build in folder, counted by its Oxigraph store."""
    store = open_store(folder)
    try:
        return describe(None, read_build_info(folder), statistics_from_store(store)).serialize(format="turtle")
    finally:
        del store  # release the store before the folder is renamed


def _swap(staging: Path, out: Path) -> None:
    previous = out.with_name(f".{out.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)


def report_text(build: Build) -> str:
    lines = [f"articles: {len(build.articles)}, problems: {len(build.errors)}, conforms: {build.conforms}"]
    lines += [f"problem: {error}" for error in build.errors]
    for article in build.articles:
        if article.validation.violations:
            lines.append(f"--- {article.resolved.facts.page.article.file}")
            lines.append(summary(article.validation))
    return "\n".join(lines) + "\n"


def build_record(build: Build, sources: list[str] | None) -> dict:
    """What was built from what: code version, rules digest, article hashes, the input files."""
    from kg import __version__
    return {"version": __version__, "rules": rules_digest(),
            "articles": {a.resolved.facts.page.article.file: a.resolved.facts.page.article.sha256 for a in build.articles},
            "sources": sources or [],
            "problems": [str(e) for e in build.errors]}


def previous_sources(out: Path) -> list[str]:
    try:
        return json.loads((out / BUILD_JSON).read_text(encoding="utf-8")).get("sources", [])
    except (OSError, ValueError):
        return []


def load_dataset(out: Path) -> Dataset:
    path = out / GRAPH_NQ
    if not path.exists():
        raise FileNotFoundError(f"{out}: no build here (missing {GRAPH_NQ}); run 'kg build' first")
    dataset = new_dataset()
    dataset.parse(path, format="nquads")
    return dataset
