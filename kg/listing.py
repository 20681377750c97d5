"""Listing pages: a page that carries several news items, each with its own headline
and dateline, is read as several articles, so each item keeps its own date and its facts
do not mix with the others'. The first item keeps the file's name (FILE), the others are
FILE-2, FILE-3...; all keep the file as their source file. Each item is given the page's
head (banner, menus) above its own lines, so what the banner says of the page (its
province) holds for every item; related-article lists after the story are not items
(kg.clean cuts them)."""
from __future__ import annotations

import hashlib
from dataclasses import replace

from kg.clean import is_dateline, is_running_text, story_lines
from kg.records import Article

_HEADLINE_WORDS = (4, 40)


def _is_headline(line: str) -> bool:
    words = len(line.split())
    return _HEADLINE_WORDS[0] <= words <= _HEADLINE_WORDS[1] and not line.rstrip().endswith((".", ":"))


def item_starts(lines: list[str]) -> list[int]:
    """Indexes of the headline lines that open an item: a headline, then a dateline, then a story (a
    byline over a dateline at the end of a page opens nothing)."""
    heads = [index for index in range(len(lines) - 2)
             if _is_headline(lines[index]) and is_dateline(lines[index + 1]) and not is_dateline(lines[index + 2])]
    return [start for start, end in zip(heads, heads[1:] + [len(lines)])
            if any(is_running_text(line) for line in lines[start + 2:end])]


def split_listing(article: Article) -> list[Article]:
    """The items of a listing page as articles of their own; any other page as it is."""
    lines = story_lines(article.text)
    starts = item_starts(lines)
    if len(starts) < 2:
        return [article]
    # the page's own lines above the first item, banner and menus kept (the story's reading drops them);
    # a date over the page is no item's
    first = article.text.find(lines[starts[0]])
    head = [line.strip() for line in article.text[:max(first, 0)].splitlines() if line.strip() and not is_dateline(line)]
    items = []
    for number, (start, end) in enumerate(zip(starts, starts[1:] + [len(lines)]), start=1):
        text = "\n\n".join(head + lines[start:end]) + "\n"
        stem = article.stem if number == 1 else f"{article.stem}-{number}"
        items.append(replace(article, stem=stem, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()))
    return items
