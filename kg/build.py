"""A folder through the pipeline in memory: every article's graph as an rdflib Graph,
validated with pyshacl. For tests and tools that look at a few articles; `kg build`
writes to disk with kg.store.build_into, which runs the same steps file by file."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Dataset, Graph

from kg.graph import REFERENCE_GRAPH, RESOLUTION_GRAPH, article_graph, resolution_triples
from kg.namespaces import PREFIXES
from kg.pipeline import collect_sources, process_file
from kg.read import ArticleError
from kg.reference import reference_graph
from kg.resolve import ResolvedArticle, link_persons, rekey
from kg.validate import ValidationResult, validate


@dataclass(frozen=True)
class ArticleBuild:
    resolved: ResolvedArticle
    graph: Graph
    validation: ValidationResult


@dataclass(frozen=True)
class Build:
    articles: tuple[ArticleBuild, ...]
    errors: tuple[ArticleError, ...]
    reference: Graph
    resolution: Graph

    @cached_property
    def dataset(self) -> Dataset:
        """All graphs as one rdflib Dataset whose default graph is their union."""
        dataset = Dataset(default_union=True)
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace, override=True)
        for graph in (self.reference, self.resolution, *(a.graph for a in self.articles)):
            dataset.addN((s, p, o, dataset.graph(graph.identifier)) for s, p, o in graph)
        return dataset

    @property
    def conforms(self) -> bool:
        return all(a.validation.conforms for a in self.articles)


def build_folder(folder: Path) -> Build:
    """Extract and resolve every article of folder, link persons across them, then graph and validate each."""
    sources, errors = collect_sources([folder])
    outcomes = [process_file(source, keep_resolved=True) for source in sources]
    linking = link_persons([(a.stem, a.persons) for o in outcomes for a in o.articles])
    built = []
    for outcome in outcomes:
        if outcome.error:
            errors.append(outcome.error)
        for article in outcome.articles:
            if article.problem:
                errors.append(ArticleError(outcome.source.path.name, article.problem))
            resolved = rekey(article.resolved, linking.remap.get(article.stem, {}))
            graph = article_graph(resolved)
            built.append(ArticleBuild(resolved, graph, validate(graph)))
    resolution = Graph(identifier=RESOLUTION_GRAPH)
    for triple in resolution_triples(linking.reasons):
        resolution.add(triple)
    reference = Graph(identifier=REFERENCE_GRAPH)
    reference += reference_graph()
    return Build(tuple(built), tuple(errors), reference, resolution)


def stderr_progress(index: int, total: int, name: str) -> None:
    """Progress on stderr: every file of a small build, every twentieth part of a large one,
    on one line rewritten in place when stderr is a terminal."""
    if total <= 50 or index % max(1, total // 20) == 0 or index == total:
        end = "\r" if sys.stderr.isatty() and index < total else "\n"
        print(f"[{index}/{total}] {name}", file=sys.stderr, end=end, flush=True)
