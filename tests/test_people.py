"""The pattern suite for kg.extract.people.find_people (cases in tests/patterns/people.json).

Each case states the exact persons found in one sentence, in text order, with their rank
and posts as (title id, body chain, province id), optionally with the post as the graph
states it (the text's own words, or null when the body was borrowed from elsewhere); a
negative case expects no person.
Cases the extractor gets wrong keep the correct expectation and are strict xfails.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg import vocab
from kg.extract.people import find_people
from kg.normalize import normalize_text

CASES = json.loads((Path(__file__).parent / "patterns" / "people.json").read_text(encoding="utf-8"))["cases"]


FORMER = "nguyên:"  # before the title id of a post once held ("nguyên Bí thư Tỉnh ủy")


def _post(post, stated: bool = False) -> list:
    """A post as the cases write it: [title, chain, province], and the post as stated
    (None when its body was taken from elsewhere) when the case gives that too."""
    org = post.org
    found = [FORMER * post.former + post.title, list(org.chain) if org else None, org.province if org else None]
    return found + [post.stated] if stated else found


def _params() -> list:
    return [pytest.param(case, id=case["id"],
                         marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else [])
            for case in CASES]


def _run(case):
    text = normalize_text(case["text"])
    when = date.fromisoformat(case["when"]) if case.get("when") else None
    return text, find_people(text, 0, len(text), when)


def test_case_ids_are_unique():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_expectations_use_known_ids():
    """A typo in a pattern file must not pass as an extractor bug (or worse, as a pass)."""
    for case in CASES:
        for name, rank, posts in case["persons"]:
            assert rank is None or vocab.titles()[rank].kind == "rank", case["id"]
            for title, chain, province, *_ in posts:
                assert vocab.titles()[title.removeprefix(FORMER)].kind in ("post", "job"), case["id"]
                assert chain is None or all(k in vocab.bodies() for k in chain), case["id"]
                assert province is None or province in vocab.provinces(), case["id"]


@pytest.mark.parametrize("case", _params())
def test_people_pattern(case):
    text, (persons, references) = _run(case)
    if case.get("names_only"):
        assert [p.name for p in persons] == [name for name, _, _ in case["persons"]]
    else:
        stated = [[len(x) == 4 for x in posts] for _, _, posts in case["persons"]]
        got = [[p.name, p.rank, [_post(x, s) for x, s in zip(p.posts, flags + [False] * len(p.posts))]]
               for p, flags in zip(persons, stated + [[]] * len(persons))]
        assert got == [[n, r, [list(x) for x in posts]] for n, r, posts in case["persons"]]
    if "references" in case:
        got_refs = [[_post(x) for x in r.posts] for r in references]
        assert got_refs == [[list(x) for x in ref] for ref in case["references"]]


@pytest.mark.parametrize("case", [c for c in CASES if c["persons"] and not c.get("xfail")], ids=lambda c: c["id"])
def test_spans_point_into_the_text(case):
    """Every name span and post span quotes the normalised text exactly; a rank is never a post."""
    text, (persons, _) = _run(case)
    for person in persons:
        assert text[person.span.start:person.span.end] == person.name == person.span.text
        assert person.extent[0] <= person.span.start < person.span.end <= person.extent[1]
        for post in person.posts:
            assert text[post.span.start:post.span.end] == post.span.text
            assert vocab.titles()[post.title].kind in ("post", "job")


def test_rank_is_never_a_post():
    text = normalize_text("Thiếu tướng Lê Văn Hùng, Giám đốc Công an tỉnh phát biểu.")
    persons, refs = find_people(text, 0, len(text))
    assert [p.rank for p in persons] == ["thieu-tuong"]
    assert all(post.title != "thieu-tuong" for p in persons for post in p.posts)
    assert refs == []


def test_rules_recorded():
    text = normalize_text("Phó Chủ tịch UBND tỉnh Trần Minh Khoa và đồng chí Đặng Thị Hoa, Giám đốc Sở Y tế; đồng chí Lê Văn Nam.")
    persons, _ = find_people(text, 0, len(text))
    assert [(p.name, p.span.rule) for p in persons] == [
        ("Trần Minh Khoa", "posts-then-name"), ("Đặng Thị Hoa", "name-then-posts"), ("Lê Văn Nam", "honorific-name")]


def test_search_window_is_respected():
    """find_people looks only inside [start, end): a person outside the window is not reported."""
    text = normalize_text("Đồng chí Trần Minh Khoa, Bí thư Tỉnh ủy. Đồng chí Đặng Thị Hoa, Chủ tịch UBND tỉnh.")
    cut = text.index("Đồng chí Đặng")
    persons, _ = find_people(text, cut, len(text))
    assert [p.name for p in persons] == ["Đặng Thị Hoa"]
    assert persons[0].span.start > cut


def test_pattern_suite_is_large_enough():
    assert len(CASES) >= 100


def _article_persons(*lines: str) -> list[str]:
    from kg.extract.facts import extract_article
    from kg.records import Article
    text = normalize_text("\n".join(["Ngư dân vươn khơi bám biển", "Ngày 23/3/2021", *lines]) + "\n")
    return [p.name for p in extract_article(Article("t", "t.txt", text, "0")).persons]


def test_a_name_the_article_gives_a_place_after_its_unit_word_is_no_person():
    names = _article_persons("Sáng 23/3, Tỉnh đoàn và UBND huyện Lý Sơn tổ chức chương trình đồng hành với ngư dân.",
                             "Các đại biểu trao cờ Tổ quốc cho ngư dân Lý Sơn và ngư dân Nguyễn Văn Tám.")
    assert "Lý Sơn" not in names and "Nguyễn Văn Tám" in names


def test_a_name_after_a_unit_word_that_holds_a_post_stays_a_person_wherever_it_is_named():
    names = _article_persons("Sáng 23/3, Chủ tịch UBND huyện Phạm Văn Hùng chủ trì buổi lễ.",
                             "Đồng chí Phạm Văn Hùng đề nghị ngư dân chấp hành quy định khai thác hải sản.")
    assert names.count("Phạm Văn Hùng") == 2


def _article_posts(*lines: str) -> list[tuple[str, list[str]]]:
    from kg.extract.facts import extract_article
    from kg.records import Article
    text = normalize_text("\n".join(["Phòng, chống mua bán người", "Ngày 25/6/2019", *lines]) + "\n")
    return [(p.name, [q.title for q in p.posts]) for p in extract_article(Article("t", "t.txt", text, "0")).persons]


def test_posts_after_two_names_are_the_second_s_when_the_first_has_posts_of_its_own_in_the_article():
    found = _article_posts("Đoàn công tác do đồng chí Đinh Thị Phương Thảo, Phó Chủ tịch Trung ương Hội LHPN Việt Nam "
                           "làm trưởng đoàn đã làm việc với tỉnh. Buổi làm việc do đồng chí Đinh Thị Phương Thảo và "
                           "đồng chí Nông Văn Tuyên, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh đồng chủ trì.")
    assert ("Đinh Thị Phương Thảo", ["pho-chu-tich"]) in found and ("Đinh Thị Phương Thảo", []) in found
    assert ("Nông Văn Tuyên", ["tinh-uy-vien", "pho-chu-tich"]) in found


def test_posts_after_two_names_are_both_s_when_neither_has_posts_elsewhere():
    found = _article_posts("Hội nghị hiệp thương cử đồng chí Lương Thị Thúy và đồng chí Hứa Văn Lầu, Phó Chủ tịch.")
    assert ("Lương Thị Thúy", ["pho-chu-tich"]) in found and ("Hứa Văn Lầu", ["pho-chu-tich"]) in found
