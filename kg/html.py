"""HTML pages → the plain-text layout of a .txt article (title, dateline, story, byline).

trafilatura finds the main text, title, date and author; the page's own dateline,
when the story has one, is kept by the text itself and wins over trafilatura's guess
in kg.extract.article (it reads the first dated line).
"""
from __future__ import annotations

import trafilatura


def html_to_text(html: str, name: str) -> str:
    found = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    if not found:
        raise ValueError("no article text found in the HTML page")
    data = found if isinstance(found, dict) else found.as_dict()
    body = (data.get("text") or "").strip()
    if not body:
        raise ValueError("no article text found in the HTML page")
    parts = [data.get("title") or "", _dateline(data.get("date")), body, data.get("author") or ""]
    return "\n\n".join(p for p in parts if p)


def _dateline(iso: str | None) -> str:
    """trafilatura's ISO date, written the way Vietnamese pages write it (day/month/year)."""
    if not iso or len(iso) < 10:
        return ""
    year, month, day = iso[:10].split("-")
    return f"{int(day)}/{int(month)}/{year}"
