"""The pipeline over a folder: read → extract → resolve → graph → validate.

Pure steps wired together; writing the result is kg.store's job.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Literal

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
    validation: ValidationResult


@dataclass(frozen=True)
class Build:
    dataset: Dataset
    articles: tuple[ArticleBuild, ...]
    errors: tuple[ArticleError, ...]
    reference_validation: ValidationResult
    cache: ValidationCache

    @property
    def conforms(self) -> bool:
        return self.reference_validation.conforms and all(a.validation.conforms for a in self.articles)


def new_dataset() -> Dataset:
    from kg.namespaces import PREFIXES
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def build_folder(folder: Path, progress: Callable[[str], None] = lambda _: None,
                 cache: ValidationCache | None = None) -> Build:
    articles, errors = read_folder(folder)
    return build_articles(articles, errors, progress, cache)


def build_articles(articles: list[Article], errors: list[ArticleError],
                   progress: Callable[[str], None] = lambda _: None, cache: ValidationCache | None = None) -> Build:
    """Extract and resolve every article, link persons across them, then graph and validate each."""
    cache = cache or ValidationCache()
    errors = list(errors)
    resolved = []
    for index, article in enumerate(articles, start=1):
        progress(f"[{index}/{len(articles)}] {article.file}")
        resolved.append(resolve_article(extract_article(article)))
        if not (resolved[-1].holdings or resolved[-1].agreements or resolved[-1].documents):
            errors.append(ArticleError(article.file, "no facts found (no officials, agreements or documents)"))
    resolved, linked = link_across(resolved)
    dataset = new_dataset()
    reference = dataset.graph(REFERENCE_GRAPH)
    for triple in reference_graph():
        reference.add(triple)
    built = tuple(ArticleBuild(r, cache.validate(article_graph(r, dataset))) for r in resolved)
    resolution = dataset.graph(RESOLUTION_GRAPH)
    for key, reason in sorted(merge_reasons(resolved, linked).items()):
        resolution.add((person_iri(key), VPS.mergeReason, Literal(reason)))
    return Build(dataset, built, tuple(errors), cache.validate(reference_graph(), reference_key()), cache)


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
