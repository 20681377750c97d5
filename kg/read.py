"""Reading article files (and an optional manifest) into normalised Article records.

A file that cannot be read becomes an ArticleError naming the file and the problem;
the others are read as usual.
"""
from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.clean import tab_rows_as_bars, table_rows_as_clauses, unwrap_hard_wrapped
from kg.listing import split_listing
from kg.normalize import normalize_text
from kg.records import Article, ManifestEntry

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "url", "site", "province", "published")


@dataclass(frozen=True)
class ArticleError:
    file: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder in name order (read from its directory entries: no stat per file)."""
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.is_file() and os.path.splitext(e.name)[1].lower() in ARTICLE_SUFFIXES)
    return [folder / name for name in names]


def read_manifest(path: Path) -> tuple[dict[str, ManifestEntry], list[ArticleError]]:
    entries: dict[str, ManifestEntry] = {}
    errors: list[ArticleError] = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
        if missing:
            return {}, [ArticleError(path.name, f"manifest lacks the column(s) {', '.join(missing)}")]
        for line, row in enumerate(reader, start=2):
            field = {column: (row.get(column) or "").strip() or None for column in MANIFEST_COLUMNS}
            try:
                published = date.fromisoformat(field["published"]) if field["published"] else None
            except ValueError:
                errors.append(ArticleError(path.name, f"line {line}: published {field['published']!r} is not an ISO date"))
                published = None
            name = field["file"] or ""
            entries[name] = ManifestEntry(name, field["url"], field["site"], field["province"], published)
    return entries, errors


def decode(raw: bytes) -> str:
    """UTF-8 text, or ValueError saying why the bytes are not an article."""
    if not raw.strip():
        raise ValueError("the file is empty")
    if b"\x00" in raw[:4096]:
        raise ValueError("the file is binary (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"the file is not UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})") from None
    return text


def _html_text(html: str, name: str) -> str:
    """The text of an HTML page; a reader that cannot be loaded fails this page, not the build."""
    try:
        from kg.html import html_to_text  # trafilatura is only loaded for HTML pages
    except ImportError as err:
        raise ValueError(f"HTML pages cannot be read here ({err})") from None
    return html_to_text(html, name)


def read_article(path: Path, manifest: ManifestEntry | None = None) -> Article:
    text = decode(path.read_bytes())
    if path.suffix.lower() in (".html", ".htm"):
        text = _html_text(text, path.name)
    text = table_rows_as_clauses(unwrap_hard_wrapped(normalize_text(tab_rows_as_bars(text))))
    return Article(stem=path.stem, file=path.name, text=text,
                   sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), manifest=manifest)


def read_folder(folder: Path) -> tuple[list[Article], list[ArticleError]]:
    """Every article of a folder, and an error for each file that could not be read."""
    manifest: dict[str, ManifestEntry] = {}
    errors: list[ArticleError] = []
    if (folder / MANIFEST_NAME).exists():
        manifest, errors = read_manifest(folder / MANIFEST_NAME)
    files = article_files(folder)
    present = {p.name for p in files}
    errors += [ArticleError(name, "named in the manifest but there is no such file") for name in sorted(manifest)
               if name not in present]
    articles, file_errors = read_files(files, manifest)
    return articles, errors + file_errors


def read_files(files: list[Path], manifest: dict[str, ManifestEntry] | None = None
               ) -> tuple[list[Article], list[ArticleError]]:
    """The given article files; each one that cannot be read becomes an error naming it."""
    manifest = manifest or {}
    errors: list[ArticleError] = []
    articles = []
    stems: set[str] = set()
    for path in files:
        if path.stem in stems:
            errors.append(ArticleError(str(path), f"another article is already named {path.stem!r}"))
            continue
        stems.add(path.stem)
        try:
            articles += split_listing(read_article(path, manifest.get(path.name)))
        except (ValueError, OSError) as err:
            errors.append(ArticleError(path.name, str(err)))
    return articles, errors
