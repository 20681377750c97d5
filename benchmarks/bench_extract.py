"""Extraction speed: milliseconds per article for read → extract → resolve (no graph, no validation).

    python benchmarks/bench_extract.py [FOLDER ...]

With no folder it times the sample articles and the sixty written test articles.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.facts import extract_article  # noqa: E402
from kg.read import read_folder  # noqa: E402
from kg.resolve import resolve_article  # noqa: E402


def time_folder(folder: Path, rounds: int = 5) -> tuple[int, float]:
    articles, _ = read_folder(folder)
    for article in articles:  # warm the vocabulary caches
        resolve_article(extract_article(article))
    started = time.perf_counter()
    for _ in range(rounds):
        for article in articles:
            resolve_article(extract_article(article))
    elapsed = time.perf_counter() - started
    return len(articles), elapsed * 1000 / (rounds * max(1, len(articles)))


def corpus_folder() -> Path:
    from tests.corpus import build_corpus
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    for article in build_corpus():
        (folder / f"{article.stem}.txt").write_text(article.text, encoding="utf-8")
    return folder


def main(argv: list[str]) -> None:
    folders = [Path(a) for a in argv] or [ROOT / "data" / "articles", corpus_folder()]
    for folder in folders:
        count, per_article = time_folder(folder)
        print(f"{folder}: {count} articles, {per_article:.2f} ms per article (extract + resolve)")


if __name__ == "__main__":
    main(sys.argv[1:])
