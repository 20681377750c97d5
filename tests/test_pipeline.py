"""kg.pipeline: sources in name order, digests known from a previous build without reading
a file again, and a failing page confined to its file."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.pipeline
from kg.pipeline import collect_sources, process_file
from tests.samples import ARTICLES

OLD = time.time() - 3600


def _write(folder: Path, name: str, text: str, when: float = OLD) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (when, when))
    return path


def _digests(folder: Path, known=None) -> dict[str, str]:
    sources, errors = collect_sources([folder], known)
    assert errors == []
    return {s.stem: s.digest for s in sources}


def test_sources_come_in_name_order_once_each(tmp_path):
    for name in ("b.txt", "a.txt", "c.html"):
        _write(tmp_path, name, "Tin\n")
    (tmp_path / "notes.md").write_text("x")
    sources, errors = collect_sources([tmp_path, tmp_path / "a.txt"])
    assert [s.stem for s in sources] == ["a", "b", "c"]
    assert [e.problem for e in errors] == ["another article is already named 'a'"]


def test_an_unchanged_file_is_not_read_again(tmp_path, monkeypatch):
    _write(tmp_path, "a.txt", "Tin một\n")
    sources, _ = collect_sources([tmp_path])
    known = {s.stat: s.digest for s in sources}
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} read again"))
    assert _digests(tmp_path, known) == {"a": sources[0].digest}


def test_a_file_changed_or_just_written_is_read_again(tmp_path):
    path = _write(tmp_path, "a.txt", "Tin một\n")
    sources, _ = collect_sources([tmp_path])
    known = {s.stat: s.digest for s in sources}
    _write(tmp_path, "a.txt", "Tin hai, dài hơn\n")                  # another size
    assert _digests(tmp_path, known)["a"] != sources[0].digest
    _write(tmp_path, "a.txt", "Tin mốt\n", when=path.stat().st_mtime)  # same size and time: trusted
    assert _digests(tmp_path, known)["a"] == sources[0].digest
    recent = time.time()
    _write(tmp_path, "a.txt", "Tin một\n", when=recent)
    fresh = {s.stat: s.digest for s in collect_sources([tmp_path])[0]}
    _write(tmp_path, "a.txt", "Tin mốt\n", when=recent)               # same size and time, but just now
    assert _digests(tmp_path, fresh)["a"] != next(iter(fresh.values()))


def test_an_extractor_failure_is_its_file_s_error(tmp_path, monkeypatch):
    _write(tmp_path, "a.txt", "Chiều 18/4, đồng chí Lê Văn Bảo, Trưởng Ban Dân vận Tỉnh ủy phát biểu.\n")
    (source,), _ = collect_sources([tmp_path])

    def broken(article):
        raise IndexError("out of range")
    monkeypatch.setattr(kg.pipeline, "_extractor", lambda: broken)
    outcome = process_file(source)
    assert outcome.articles == ()
    assert str(outcome.error) == "a.txt: could not be extracted (IndexError: out of range)"


@pytest.mark.parametrize("jobs", [1, 2])
def test_extractor_gives_the_outcomes_of_process_file_in_order(jobs):
    sources, _ = collect_sources([ARTICLES])
    with kg.pipeline.Extractor(jobs) as extractor:
        if jobs > 1:
            assert len(extractor.pool._processes) == jobs, "workers forked before any file is asked for"
        outcomes = list(extractor.outcomes(sources))
    assert [o.source for o in outcomes] == sources
    assert [[a.graph for a in o.articles] for o in outcomes] == [[a.graph for a in process_file(s).articles]
                                                                 for s in sources]


def test_a_build_s_own_process_does_not_load_the_extractors():
    # the workers extract; loading the extractors (their patterns compile as they load) in the process that reads
    # the index and patches the store cost a tenth of a rebuild after one change
    code = "import sys, kg.store; print(sorted(m for m in sys.modules if m.startswith('kg.extract.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "kg.extract.facts" not in loaded and "kg.extract.people" not in loaded
