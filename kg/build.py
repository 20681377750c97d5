"""The pipeline over a folder: read → extract → resolve → graph → validate.

Pure steps wired together; writing the result is kg.store's job.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from functools import cached_property

from rdflib import Dataset, Graph, Literal

from kg.extract.facts import extract_article
from kg.graph import REFERENCE_GRAPH, article_graph, person_iri
from kg.namespaces import GRAPH, VPS
from kg.cache import ValidationCache, reference_key
from kg.read import ArticleError, read_folder
from kg.records import Article
from kg.reference import reference_graph
from kg.resolve import ResolvedArticle, link_across, merge_reasons, resolve_article
from kg.validate import ValidationResult


RESOLUTION_GRAPH = GRAPH["resolution"]


@dataclass(frozen=True)
class ArticleBuild:
    resolved: ResolvedArticle
    graph: Graph
    validation: ValidationResult


@dataclass(frozen=True)
class Build:
    graphs: tuple[Graph, ...]       # one per article, the reference graph, the resolution graph
    articles: tuple[ArticleBuild, ...]
    errors: tuple[ArticleError, ...]
    reference_validation: ValidationResult
    cache: ValidationCache

    @cached_property
    def dataset(self) -> Dataset:
        """All graphs as one rdflib Dataset (made on first use: large builds are written without it)."""
        dataset = new_dataset()
        for graph in self.graphs:
            dataset.addN((s, p, o, dataset.graph(graph.identifier)) for s, p, o in graph)
        return dataset

    def nquads(self) -> list[str]:
        """Every statement as an N-Quads line, graph by graph."""
        lines = []
        for graph in self.graphs:
            suffix = f" <{graph.identifier}> ."
            lines += [line[:-2] + suffix for line in graph.serialize(format="nt").splitlines() if line.endswith(" .")]
        return lines

    @property
    def conforms(self) -> bool:
        return self.reference_validation.conforms and all(a.validation.conforms for a in self.articles)


def new_dataset() -> Dataset:
    from kg.namespaces import PREFIXES
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def build_folder(folder: Path, progress: Callable[[int, str], None] | None = None,
                 cache: ValidationCache | None = None) -> Build:
    articles, errors = read_folder(folder)
    return build_articles(articles, errors, progress, cache)


def build_articles(articles: list[Article], errors: list[ArticleError],
                   progress: Callable[[int, str], None] | None = None, cache: ValidationCache | None = None) -> Build:
    """Extract and resolve every article, link persons across them, then graph and validate each."""
    cache = cache or ValidationCache()
    errors = list(errors)
    resolved = []
    for index, article in enumerate(articles, start=1):
        if progress:
            progress(index, article.file)
        resolved.append(resolve_article(extract_article(article)))
        if not (resolved[-1].holdings or resolved[-1].agreements or resolved[-1].documents):
            errors.append(ArticleError(article.file, "no facts found (no officials, agreements or documents)"))
    resolved, linked = link_across(resolved)
    built = tuple(ArticleBuild(r, graph, cache.validate(graph)) for r in resolved for graph in [article_graph(r)])
    resolution = Graph(identifier=RESOLUTION_GRAPH)
    for key, reason in sorted(merge_reasons(resolved, linked).items()):
        resolution.add((person_iri(key), VPS.mergeReason, Literal(reason)))
    reference = Graph(identifier=REFERENCE_GRAPH)
    reference += reference_graph()
    graphs = (reference, resolution) + tuple(b.graph for b in built)
    return Build(graphs, built, tuple(errors), cache.validate(reference_graph(), reference_key()), cache)


class StderrProgress:
    """Progress on stderr: every article of a small build, every twentieth part of a large one,
    on one line rewritten in place when stderr is a terminal."""

    def __init__(self, total: int):
        self.total = total
        self.step = max(1, total // 20)
        self.live = sys.stderr.isatty()

    def __call__(self, index: int, name: str) -> None:
        if self.total <= 50 or index % self.step == 0 or index == self.total:
            end = "\r" if self.live and index < self.total else "\n"
            print(f"[{index}/{self.total}] {name}", file=sys.stderr, end=end, flush=True)
