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
from kg.read import ArticleError, read_folder
from kg.reference import reference_graph
from kg.resolve import ResolvedArticle, resolve_article, slug
from kg.validate import ValidationResult, validate


RESOLUTION_GRAPH = GRAPH["resolution"]


def record_merges(resolved: list[ResolvedArticle], graph) -> None:
    """Say why a person seen in several articles is one IRI: same name, same scope."""
    seen: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for article in resolved:
        for person in article.persons:
            seen.setdefault(person.key, []).append(article.stem)
            names[person.key] = person.name
    for key, stems in sorted(seen.items()):
        if len(stems) > 1:
            scope = key[len(slug(names[key])) + 1:]
            reason = (f"same normalised name and same province or level in {len(stems)} articles "
                      f"({', '.join(sorted(stems))}); scope {scope}")
            graph.add((person_iri(key), VPS.mergeReason, Literal(reason)))


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

    @property
    def conforms(self) -> bool:
        return self.reference_validation.conforms and all(a.validation.conforms for a in self.articles)


def new_dataset() -> Dataset:
    from kg.namespaces import PREFIXES
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def build_folder(folder: Path, progress: Callable[[str], None] = lambda _: None) -> Build:
    articles, errors = read_folder(folder)
    dataset = new_dataset()
    reference = dataset.graph(REFERENCE_GRAPH)
    for triple in reference_graph():
        reference.add(triple)
    built = []
    for index, article in enumerate(articles, start=1):
        progress(f"[{index}/{len(articles)}] {article.file}")
        resolved = resolve_article(extract_article(article))
        graph = article_graph(resolved, dataset)
        if not resolved.holdings and not resolved.agreements and not resolved.documents:
            errors.append(ArticleError(article.file, "no facts found (no officials, agreements or documents)"))
        built.append(ArticleBuild(resolved, validate(graph)))
    record_merges([b.resolved for b in built], dataset.graph(RESOLUTION_GRAPH))
    return Build(dataset, tuple(built), tuple(errors), validate(reference_graph()))


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
