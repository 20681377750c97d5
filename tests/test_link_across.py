"""Cross-article resolution: a person of an article with no province joins the one
person of the same name who holds the same post elsewhere, and says why."""
from __future__ import annotations

import shutil
from pathlib import Path

from kg.build import build_folder

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "articles"
NO_PROVINCE = "002_048c7ab740fc0ea3.txt"  # Cầm Ngọc Minh, Chủ tịch UBND tỉnh — no province named


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _person_keys(build, name: str) -> set[str]:
    return {p.key for a in build.articles for p in a.resolved.persons if p.name == name}


def test_shared_post_links_an_unplaced_person(tmp_path):
    shutil.copy(SAMPLES / NO_PROVINCE, tmp_path)
    _write(tmp_path, "010.txt", "Sơn La: làm việc với Sở Nội vụ\n\nThứ Hai, 5/6/2017\n\n"
           "Sáng 5/6, đồng chí Cầm Ngọc Minh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Sơn La làm việc với Sở Nội vụ.\n")
    build = build_folder(tmp_path)
    assert _person_keys(build, "Cầm Ngọc Minh") == {"cam-ngoc-minh-2008-son-la"}
    reasons = [str(o) for s, p, o in build.dataset.triples((None, None, None)) if p.endswith("mergeReason")]
    assert any(NO_PROVINCE.removesuffix(".txt") in r and "chu-tich" in r for r in reasons)


def test_no_shared_post_keeps_people_apart(tmp_path):
    shutil.copy(SAMPLES / NO_PROVINCE, tmp_path)
    _write(tmp_path, "011.txt", "Điện Biên: hội nghị nông dân\n\nThứ Hai, 5/6/2017\n\n"
           "Sáng 5/6, đồng chí Cầm Ngọc Minh, Chủ tịch Hội Nông dân tỉnh Điện Biên phát biểu tại hội nghị.\n")
    build = build_folder(tmp_path)
    keys = _person_keys(build, "Cầm Ngọc Minh")
    assert len(keys) == 2
    assert any("-article-" in k for k in keys)


def test_two_candidates_are_not_guessed_between(tmp_path):
    shutil.copy(SAMPLES / NO_PROVINCE, tmp_path)
    for number, province in (("012", "Sơn La"), ("013", "Lai Châu")):
        _write(tmp_path, f"{number}.txt", f"{province}: làm việc\n\nThứ Hai, 5/6/2017\n\n"
               f"Sáng 5/6, đồng chí Cầm Ngọc Minh, Chủ tịch UBND tỉnh {province} làm việc với Sở Nội vụ.\n")
    build = build_folder(tmp_path)
    assert len(_person_keys(build, "Cầm Ngọc Minh")) == 3
