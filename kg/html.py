"""HTML pages → the plain-text layout of a .txt article (title, dateline, story, byline).

trafilatura finds the main text, title, date and author. Its date comes from page
metadata, which some portals fill with the crawl or update time; when the story's own
first lines carry a dateline, that one is kept and trafilatura's is left out.
"""
from __future__ import annotations

import trafilatura

from kg.clean import is_dateline

_DATELINE_LINES = 3


def html_to_text(html: str, name: str) -> str:
    found = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    if not found:
        raise ValueError("no article text found in the HTML page")
    data = found if isinstance(found, dict) else found.as_dict()
    body = (data.get("text") or "").strip()
    if not body:
        raise ValueError("no article text found in the HTML page")
    own_dateline = any(is_dateline(line) for line in body.splitlines()[:_DATELINE_LINES])
    dateline = "" if own_dateline else _dateline(data.get("date"))
    parts = [data.get("title") or "", dateline, body, data.get("author") or ""]
    return "\n\n".join(p for p in parts if p)


def _dateline(iso: str | None) -> str:
    """trafilatura's ISO date, written the way Vietnamese pages write it (day/month/year)."""
    if not iso or len(iso) < 10:
        return ""
    year, month, day = iso[:10].split("-")
    return f"{int(day)}/{int(month)}/{year}"
