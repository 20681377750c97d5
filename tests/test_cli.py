"""The `kg` command line end to end: build, query, validate, extract, export."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import kg.store
from kg.cli import main
from kg.dumps import GRAPH_DIR, dump_bytes, dump_files
from kg.store import load_dataset
from kg.read import read_article

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
KG = [sys.executable, "-m", "kg.cli"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """One build of the sample articles, through the real entry point."""
    target = tmp_path_factory.mktemp("build") / "out"
    done = run("build", str(ARTICLES), "--out", str(target), "--quiet")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^built 5 articles \(0 problems\b", done.stdout), done.stdout
    return target


def query(capsys, out: Path, name: str, *params: str) -> list[dict[str, str]]:
    argv = ["query", name, "--in", str(out), "--format", "csv"]
    for param in params:
        argv += ["--param", param]
    assert main(argv) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_build_writes_every_output(out):
    for name in ("report.ttl", "report.txt"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    report = (out / "report.txt").read_text(encoding="utf-8")
    assert report.startswith("articles: 5, problems: 0, conforms: True")
    segments = dump_files(out)
    assert segments[-1].stem == "shared" and len(segments) > 1
    assert {p.suffix for p in (out / GRAPH_DIR).iterdir()} == {".nq"}, "TriG is made when asked for"
    dataset = Dataset()
    for segment in segments:       # each segment is an N-Quads document of its own
        dataset.parse(segment, format="nquads")
    assert len(list(dataset.quads())) == len(b"".join(dump_bytes(out)).splitlines())
    Graph().parse(out / "report.ttl", format="turtle")
    assert not list(out.parent.glob(".out.*")), "no staging folder left behind"


@pytest.fixture(scope="module")
def again(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("again") / "out"
    assert main(["build", str(ARTICLES), "--out", str(target), "--quiet"]) == 0
    return target


def test_two_builds_are_byte_identical(out, again):
    assert b"".join(dump_bytes(again)) == b"".join(dump_bytes(out))


def test_two_builds_have_identical_statements_apart_from_blank_nodes(out, again):
    def named(build: Path) -> list[str]:
        text = b"".join(dump_bytes(build)).decode("utf-8")
        return [line for line in text.splitlines() if "_:" not in line]
    first = named(out)
    assert first == named(again)
    assert len(first) > 3000
    graphs = [line.rsplit(" ", 2)[1] for line in first]
    order = list(dict.fromkeys(graphs))
    assert graphs == sorted(graphs, key=order.index), "each graph's statements are together"
    for graph in order:
        lines = [line for line in first if line.rsplit(" ", 2)[1] == graph]
        assert lines == sorted(lines), f"{graph}: sorted within the graph"


def test_query_articles(capsys, out):
    rows = query(capsys, out, "articles")
    assert [(r["source"], r["published"], r["province"]) for r in rows] == [
        ("000_efcf34444f6c0f59", "2024-02-29", "Vĩnh Phúc"),
        ("001_1550eb8971e3973a", "2023-03-10", "Quảng Bình"),
        ("002_048c7ab740fc0ea3", "2017-04-19", ""),
        ("003_6817a5d0fdb125dc", "2021-03-05", "Thái Bình"),
        ("004_a1149d6a6db7141a", "2023-03-14", "Vĩnh Long"),
    ]
    assert rows[0]["author"] == "Duy Dũng" and rows[2]["author"] == "Bùi Ngọc Tư"


def test_query_person_positions(capsys, out):
    rows = query(capsys, out, "person-positions")
    def posts(source, person):
        return {v for r in rows if r["source"] == source and r["person"] == person for k, v in r.items()
                if k not in ("source", "person", "observed")}
    assert "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Phúc" in posts("000_efcf34444f6c0f59", "Lê Duy Thành")
    assert "Phó Bí thư Tỉnh ủy Vĩnh Phúc" in posts("000_efcf34444f6c0f59", "Lê Duy Thành")
    assert "Tỉnh ủy viên Vĩnh Phúc" in posts("000_efcf34444f6c0f59", "Vũ Chí Giang")
    assert "Phó Bí thư Thường trực Tỉnh ủy Vĩnh Long" in posts("004_a1149d6a6db7141a", "Nguyễn Thành Thế")
    people = {(r["source"], r["person"]) for r in rows}
    assert {p for s, p in people if s == "000_efcf34444f6c0f59"} == {"Lê Duy Thành", "Vũ Việt Văn", "Vũ Chí Giang",
                                                                   "Nguyễn Thanh Tùng"}
    assert {p for s, p in people if s == "002_048c7ab740fc0ea3"} == {"Cầm Ngọc Minh", "Chá A Của"}
    assert all(r["observed"] for r in rows)


def test_query_agreements(capsys, out):
    rows = query(capsys, out, "agreements")
    got = {(r["source"], r["kind"], r["period_start"], r["period_end"], r["signed"], r["number"]) for r in rows}
    assert got == {
        ("000_efcf34444f6c0f59", "program", "2021", "2026", "2021-12-15", "03"),
        ("000_efcf34444f6c0f59", "program", "2022", "2026", "", ""),
        ("001_1550eb8971e3973a", "plan", "2023", "2023", "2023-03-10", ""),
        ("002_048c7ab740fc0ea3", "program", "2017", "2021", "2017-04-18", ""),
        ("003_6817a5d0fdb125dc", "plan", "2021", "2021", "2021-03-05", ""),
        ("004_a1149d6a6db7141a", "plan", "2022", "2022", "", ""),
    }
    (row,) = [r for r in rows if r["source"] == "001_1550eb8971e3973a"]
    assert set(row["parties"].split(" | ")) == {"Ban Cán sự Đảng UBND tỉnh", "Ban Dân vận Tỉnh ủy"}  # as written
    assert set(row["bodies"].split(" | ")) == {"Ban Cán sự đảng UBND tỉnh Quảng Bình", "Ban Dân vận Tỉnh ủy Quảng Bình"}


def test_query_documents(capsys, out):
    rows = query(capsys, out, "documents")
    assert [(r["source"], r["number"], r["date"], r["kind"], r["issuer"]) for r in rows] == [
        ("002_048c7ab740fc0ea3", "114-KL/TW", "2015-07-14", "ket-luan", "Ban Bí thư"),
        ("002_048c7ab740fc0ea3", "31-Ctr/BDVTW", "", "chuong-trinh-hanh-dong", "Ban Dân vận Trung ương"),
        ("002_048c7ab740fc0ea3", "64/NQ-CP", "", "nghi-quyet", "Chính phủ"),
    ]


def test_query_participants(capsys, out):
    rows = query(capsys, out, "participants")
    got = {(r["source"], r["person"], r["role"]) for r in rows}
    assert {("002_048c7ab740fc0ea3", "Cầm Ngọc Minh", "signatory"), ("002_048c7ab740fc0ea3", "Chá A Của", "signatory"),
            ("001_1550eb8971e3973a", "Trần Thắng", "chair"), ("001_1550eb8971e3973a", "Lê Văn Bảo", "chair"),
            ("003_6817a5d0fdb125dc", "Nguyễn Khắc Thận", "chair"), ("003_6817a5d0fdb125dc", "Nguyễn Văn Giang", "chair"),
            ("001_1550eb8971e3973a", "Đoàn Ngọc Lâm", "attendee")} <= got
    assert {r["event_date"] for r in rows if r["source"] == "002_048c7ab740fc0ea3"} == {"2017-04-18"}


def test_query_with_params(capsys, out):
    rows = query(capsys, out, "post-holders", "title=Chủ tịch", "province=Vĩnh Phúc")
    assert [(r["person"], r["position"], r["source"]) for r in rows] == [
        ("Lê Duy Thành", "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Phúc", "000_efcf34444f6c0f59")]
    assert query(capsys, out, "post-holders", "title=Chủ tịch", "province=Cà Mau") == []


def test_query_formats(capsys, out):
    assert main(["query", "documents", "--in", str(out), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in rows] == ["114-KL/TW", "31-Ctr/BDVTW", "64/NQ-CP"]
    assert main(["query", "documents", "--in", str(out)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["source", "number", "date", "kind", "issuer"] and set(table[1]) <= {"-", " "}


def test_unknown_query_exits_2(out):
    done = run("query", "no-such-query", "--in", str(out))
    assert done.returncode == 2
    assert "no query named 'no-such-query'" in done.stderr
    assert "person-positions" in done.stderr  # lists the known ones
    assert done.stdout == ""


def test_unknown_param_exits_2(capsys, out):
    assert main(["query", "post-holders", "--in", str(out), "--param", "colour=red"]) == 2
    assert "colour=red" in capsys.readouterr().err


def test_query_without_a_build_exits_2(capsys, tmp_path):
    assert main(["query", "articles", "--in", str(tmp_path)]) == 2
    assert "kg build" in capsys.readouterr().err


def test_folder_with_an_empty_file(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARTICLES / "002_048c7ab740fc0ea3.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    target = tmp_path / "out"
    code = main(["build", str(folder), "--out", str(target), "--quiet"])
    captured = capsys.readouterr()
    assert code == 0
    assert "problem: empty.txt: the file is empty" in captured.err
    assert re.search(r"^built 1 articles \(1 problems\b", captured.out), captured.out
    report = (target / "report.txt").read_text(encoding="utf-8")
    assert "problem: empty.txt: the file is empty" in report
    assert json.loads((target / "build.json").read_text(encoding="utf-8"))["problems"] == ["empty.txt: the file is empty"]
    rows = query(capsys, target, "articles")
    assert [r["source"] for r in rows] == ["good"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_failing_write_keeps_the_previous_build(tmp_path, monkeypatch, capsys):
    target = tmp_path / "out"
    assert main(["build", str(ARTICLES), "--out", str(target), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
    assert (target / "store").is_dir()

    def broken(*args):
        raise OSError("disk full")
    monkeypatch.setattr(kg.store, "report_text", broken)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARTICLES / "002_048c7ab740fc0ea3.txt", folder / "one.txt")
    with pytest.raises(OSError, match="disk full"):
        main(["build", str(folder), "--out", str(target), "--quiet"])
    assert {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()} == before
    assert (target / "store").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"], "no staging folder left behind"


def test_failing_first_write_leaves_no_out(tmp_path, monkeypatch):
    def broken(*args):
        raise OSError("disk full")
    monkeypatch.setattr(kg.store, "report_text", broken)
    target = tmp_path / "out"
    with pytest.raises(OSError):
        main(["build", str(ARTICLES), "--out", str(target), "--quiet"])
    assert list(tmp_path.iterdir()) == []


def test_build_of_a_missing_folder_exits_2(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


VALID_TTL = """
@prefix vps: <https://w3id.org/vnps/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://w3id.org/vnps/id/holding/x> a vps:Holding .
"""


def test_validate_nonconforming_turtle_exits_1(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text(VALID_TTL, encoding="utf-8")
    done = run("validate", str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.strip()


def test_validate_unparsable_turtle_fails(tmp_path, capsys):
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix vps: <https://w3id.org/vnps/ontology#> .\nthis is not turtle ;;; .\n", encoding="utf-8")
    code = main(["validate", str(path)])
    assert code != 0
    assert "cannot parse" in capsys.readouterr().err


def test_validate_a_build_conforms(out, capsys):
    assert main(["validate", str(out)]) == 0
    assert main(["validate", str(dump_files(out)[0])]) == 0, "one dump segment, as a file"


def test_validate_a_folder_that_is_no_build(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 2
    assert f"kg validate: {tmp_path}: no build here" in capsys.readouterr().err


def test_extract_json(capsys):
    path = ARTICLES / "000_efcf34444f6c0f59.txt"
    assert main(["extract", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    text = read_article(path).text
    mentions = [r for r in rows if r["kind"] != "article"]
    assert {"person", "post", "agreement"} <= {r["kind"] for r in mentions}
    for row in mentions:
        assert isinstance(row["start"], int) and isinstance(row["end"], int) and row["start"] < row["end"]
        assert row["rule"]
        assert text[row["start"]:row["end"]].startswith(row["text"])
    persons = {r["text"]: r for r in mentions if r["kind"] == "person"}
    assert set(persons) == {"Lê Duy Thành", "Vũ Việt Văn", "Vũ Chí Giang", "Nguyễn Thanh Tùng"}
    assert persons["Lê Duy Thành"]["resolved"] == "person/le-duy-thanh-2008-vinh-phuc"
    meta = {r["text"]: r["resolved"] for r in rows if r["kind"] == "article"}
    assert meta["published"] == "2024-02-29" and meta["province"] == "2008-vinh-phuc"


def test_extract_of_an_empty_file_exits_2(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["extract", str(path)]) == 2
    assert "empty.txt" in capsys.readouterr().err


@pytest.mark.parametrize("fmt, rdflib_format, quads", [
    ("ttl", "turtle", False), ("nt", "nt", False), ("xml", "xml", False),
    ("nq", "nquads", True), ("trig", "trig", True), ("jsonld", "json-ld", True),
])
def test_export_round_trip(out, tmp_path, fmt, rdflib_format, quads):
    source = load_dataset(out)
    all_quads = list(source.quads((None, None, None, None)))
    expected = len(all_quads) if quads else len({(s, p, o) for s, p, o, _ in all_quads})
    target = tmp_path / f"export.{fmt}"
    assert main(["export", "--in", str(out), "--format", fmt, "-o", str(target)]) == 0
    if quads:
        back = Dataset()
        back.parse(target, format=rdflib_format)
        assert len(list(back.quads((None, None, None, None)))) == expected
        assert {str(g.identifier) for g in back.graphs() if len(g)} >= {
            f"https://w3id.org/vnps/id/article/{p.stem}" for p in ARTICLES.glob("*.txt")}
    else:
        back = Graph()
        back.parse(target, format=rdflib_format)
        assert len(back) == expected
