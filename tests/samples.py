"""The sample articles, built once per test session, and query parameters that give rows on them."""
from __future__ import annotations

from pathlib import Path

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

# Sample parameters for the named queries that take some (chosen to give rows on data/articles).
SAMPLE_PARAMS = {
    "agreements-by-province": ["province=Vĩnh Phúc", "from=2020", "to=2026"],
    "implementing": ["wanted=114-KL/TW"],
    "person-timeline": ["name=Lê Duy Thành"],
    "post-holders": ["title=Chủ tịch", "province=Vĩnh Phúc"],
}
