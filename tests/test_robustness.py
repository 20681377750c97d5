"""Pages as they come, damaged: a build of texts cut, shuffled, glued and repeated at random
never fails, never stops on one page, and never writes a statement the shapes forbid.

`kg build` exits non-zero on a SHACL violation, so one odd page could cost a whole
corpus its build: every violation-level shape must hold for whatever the extractor makes
of any text. Seeded, so a failure can be replayed."""
from __future__ import annotations

import random

import pytest

from kg.store import build_into
from tests.corpus import build_corpus
from tests.samples import ARTICLES

PAGES = 80


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))] + [a.text for a in build_corpus()]


def _damaged(text: str, rng: random.Random) -> str:
    """One of several kinds of damage real pages show, sometimes two at once."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 2)):
        kind = rng.randrange(6)
        if kind == 0 and len(lines) > 2:            # a window of the page
            start = rng.randrange(len(lines) - 1)
            lines = lines[start:start + rng.randint(1, len(lines) - start)]
        elif kind == 1:                              # paragraphs out of order
            rng.shuffle(lines)
        elif kind == 2 and any(lines):               # cut off in the middle of a word
            joined = "\n".join(lines)
            lines = joined[:rng.randrange(1, len(joined) + 1)].splitlines()
        elif kind == 3:                              # lines glued together
            lines = [" ".join(lines)]
        elif kind == 4 and lines:                    # a paragraph repeated
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
        else:                                        # stray punctuation between words
            lines = [" ".join(w + rng.choice(["", "", "", ",", ";", " -", ":", "."]) for w in line.split())
                     for line in lines]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def damaged_build(tmp_path_factory):
    rng = random.Random(20261129)
    texts = _texts()
    folder = tmp_path_factory.mktemp("damaged")
    for number in range(PAGES):
        (folder / f"page_{number:03d}.txt").write_text(_damaged(rng.choice(texts), rng), encoding="utf-8")
    return build_into(tmp_path_factory.mktemp("out") / "out", [folder], jobs=1)


def test_every_damaged_page_builds(damaged_build):
    kinds = {error.problem for error in damaged_build.problems}
    assert kinds <= {"no facts found (no officials, agreements or documents)", "the file is empty"}, kinds
    empty = sum(1 for error in damaged_build.problems if error.problem == "the file is empty")
    assert damaged_build.articles + empty >= PAGES  # a listing page may give several


def test_no_damaged_page_breaks_a_shape(damaged_build):
    assert damaged_build.violations == ()
    assert damaged_build.conforms
