"""Incremental builds: a rebuild reuses what did not change and equals a full build."""
from __future__ import annotations

import shutil
from pathlib import Path

from kg.cli import main
from kg.dumps import GRAPH_DIR, dump_bytes, segment_of

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))


def _dumps(out: Path) -> bytes:
    """The build's N-Quads dump, every segment in order."""
    return b"".join(dump_bytes(out))


def _folder(path: Path, files) -> Path:
    path.mkdir()
    for file in files:
        shutil.copy(file, path)
    return path


def test_add_equals_full_build(tmp_path, capsys):
    first = _folder(tmp_path / "first", SAMPLES[:3])
    everything = _folder(tmp_path / "all", SAMPLES)
    assert main(["build", str(first), "--out", str(tmp_path / "inc"), "--quiet"]) == 0
    assert main(["add", *map(str, SAMPLES[3:]), "--out", str(tmp_path / "inc"), "--quiet"]) == 0
    # three articles, the reference graph and the (unchanged, empty) resolution graph
    assert "5 validations reused" in capsys.readouterr().out
    assert main(["build", str(everything), "--out", str(tmp_path / "full"), "--quiet"]) == 0
    assert _dumps(tmp_path / "inc") == _dumps(tmp_path / "full")


def test_changed_and_deleted_articles(tmp_path, capsys):
    folder = _folder(tmp_path / "articles", SAMPLES)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    changed = folder / SAMPLES[0].name
    changed.write_text(changed.read_text(encoding="utf-8").replace("Vũ Chí Giang", "Vũ Chí Giáp"), encoding="utf-8")
    (folder / SAMPLES[4].name).unlink()
    capsys.readouterr()
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    # three untouched articles, the reference graph and the resolution graph
    assert "5 validations reused" in capsys.readouterr().out
    graph = _dumps(out).decode("utf-8")
    assert "Vũ Chí Giáp" in graph and "Vũ Chí Giang" not in graph
    assert SAMPLES[4].stem not in graph
    assert main(["build", str(folder), "--out", str(tmp_path / "fresh"), "--quiet"]) == 0
    assert _dumps(tmp_path / "fresh") == _dumps(out)


def test_a_rebuild_links_the_segments_it_does_not_change(tmp_path):
    folder = _folder(tmp_path / "articles", SAMPLES)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    files = {path.name: path.stat().st_ino for path in (out / GRAPH_DIR).iterdir()}
    changed = folder / SAMPLES[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    rewritten = {name for name, inode in files.items() if (out / GRAPH_DIR / name).stat().st_ino != inode}
    segment = segment_of(changed.name)
    assert rewritten == {f"{segment}.nq", "shared.nq"}


def test_add_refuses_a_folder_that_is_not_a_build(tmp_path, capsys):
    assert main(["add", str(SAMPLES[0]), "--out", str(tmp_path), "--quiet"]) == 2
    assert "not a build" in capsys.readouterr().err


def _named_quads(out: Path) -> set:
    """The store's quads without blank nodes (a store gives its blank nodes new names)."""
    import pyoxigraph as ox
    store = ox.Store.read_only(str(out / "store"))
    return {q for q in store if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def test_a_patched_store_and_its_figures_equal_a_fresh_build(tmp_path, capsys, monkeypatch):
    """One file of five changed: the previous store is patched and its VoID figures updated."""
    import os
    import time
    import kg.oxstore
    import kg.store
    patched = []
    monkeypatch.setattr(kg.store, "patch_store", lambda *args: patched.append(args) or kg.oxstore.patch_store(*args))
    folder = _folder(tmp_path / "articles", SAMPLES)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    changed = folder / SAMPLES[2].name
    changed.write_text(changed.read_text(encoding="utf-8").replace("Chá A Của", "Chá A Dình"), encoding="utf-8")
    earlier = time.time() - 60
    os.utime(changed, (earlier, earlier))
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    assert len(patched) == 1 and patched[0][1] == [f"https://w3id.org/vnps/id/article/{changed.stem}"]
    assert main(["build", str(folder), "--out", str(tmp_path / "fresh"), "--quiet"]) == 0
    assert _dumps(out) == _dumps(tmp_path / "fresh")
    assert (out / "void.ttl").read_bytes() == (tmp_path / "fresh" / "void.ttl").read_bytes()
    assert _named_quads(out) == _named_quads(tmp_path / "fresh")
    assert "Chá A Dình" in _dumps(out).decode("utf-8")


def test_a_person_placed_by_a_new_article_is_relinked_in_the_old_one(tmp_path):
    """An article that names no province gets its person's IRI from an article added later:
    the rebuild makes the old article's graph again, in its segment, as a full build would."""
    folder = _folder(tmp_path / "articles", SAMPLES)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    unplaced = "002_048c7ab740fc0ea3"        # Cầm Ngọc Minh, Chủ tịch UBND tỉnh: no province named
    assert "cam-ngoc-minh-2008-son-la" not in _dumps(out).decode("utf-8")
    (folder / "010.txt").write_text(
        "Sơn La: làm việc với Sở Nội vụ\n\nThứ Hai, 5/6/2017\n\nSáng 5/6, đồng chí Cầm Ngọc Minh, Phó Bí thư "
        "Tỉnh ủy, Chủ tịch UBND tỉnh Sơn La làm việc với Sở Nội vụ.\n", encoding="utf-8")
    files = {path.name: path.stat().st_ino for path in (out / GRAPH_DIR).iterdir()}
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    graph = f"<https://w3id.org/vnps/id/article/{unplaced}>"
    linked = [line for line in _dumps(out).decode("utf-8").splitlines()
              if line.endswith(f"{graph} .") and "cam-ngoc-minh-2008-son-la" in line]
    assert linked, "the old article's graph names the placed person"
    segment = segment_of(f"{unplaced}.txt")
    assert (out / GRAPH_DIR / f"{segment}.nq").stat().st_ino != files[f"{segment}.nq"]
    assert main(["build", str(folder), "--out", str(tmp_path / "fresh"), "--quiet"]) == 0
    assert _dumps(out) == _dumps(tmp_path / "fresh")
