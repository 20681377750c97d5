"""data/vocab/provinces.csv: the 63 provinces of 2008, the 34 of 2025, and the mergers."""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CSV_PATH = ROOT / "data" / "vocab" / "provinces.csv"
SCRIPT = ROOT / "scripts" / "make_provinces.py"
COLUMNS = ["id", "layout", "name_vi", "name_en", "unit_type", "code",
           "valid_from", "valid_until", "successor", "aliases"]

# Resolution 202/2025/QH15: a few of the 2025 mergers, including units that kept their name.
MERGERS = {
    "2008-vinh-phuc": "2025-phu-tho",
    "2008-hoa-binh": "2025-phu-tho",
    "2008-phu-tho": "2025-phu-tho",
    "2008-quang-binh": "2025-quang-tri",
    "2008-ha-giang": "2025-tuyen-quang",
    "2008-thai-binh": "2025-hung-yen",
    "2008-vinh-long": "2025-vinh-long",
    "2008-ben-tre": "2025-vinh-long",
    "2008-tra-vinh": "2025-vinh-long",
    "2008-son-la": "2025-son-la",
    "2008-ba-ria-vung-tau": "2025-ho-chi-minh",
    "2008-binh-duong": "2025-ho-chi-minh",
    "2008-quang-nam": "2025-da-nang",
    "2008-hai-duong": "2025-hai-phong",
    "2008-kon-tum": "2025-quang-ngai",
    "2008-thua-thien-hue": "2025-hue",
}
# Units the 2025 reform left alone (Resolution 202/2025/QH15 lists 11).
UNCHANGED = {"ha-noi", "hue", "lai-chau", "dien-bien", "son-la", "lang-son", "quang-ninh",
             "thanh-hoa", "nghe-an", "ha-tinh", "cao-bang"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def by_id(rows) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in rows}


def test_counts_and_unique_ids(rows):
    assert len(rows) == 97
    assert Counter(r["layout"] for r in rows) == {"2008": 63, "2025": 34}
    assert len({r["id"] for r in rows}) == 97


def test_rows_are_sorted(rows):
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids)


def test_ids_are_layout_and_ascii_slug(rows):
    for r in rows:
        assert re.fullmatch(r"(2008|2025)-[a-z0-9]+(-[a-z0-9]+)*", r["id"]), r["id"]
        assert r["id"].startswith(r["layout"] + "-")


def test_every_2008_unit_has_an_existing_2025_successor(rows, by_id):
    for r in rows:
        if r["layout"] == "2008":
            assert by_id[r["successor"]]["layout"] == "2025", r["id"]
        else:
            assert r["successor"] == "", r["id"]


def test_every_2025_unit_has_a_predecessor(rows):
    successors = {r["successor"] for r in rows if r["layout"] == "2008"}
    assert successors == {r["id"] for r in rows if r["layout"] == "2025"}


@pytest.mark.parametrize(("old", "new"), sorted(MERGERS.items()))
def test_known_mergers(by_id, old, new):
    assert by_id[old]["successor"] == new


def test_unchanged_units_have_a_single_predecessor_of_their_own(rows):
    predecessors = Counter(r["successor"] for r in rows if r["layout"] == "2008")
    for name in UNCHANGED:
        new = f"2025-{name}"
        assert predecessors[new] == 1, new
    assert {r["id"] for r in rows if r["successor"] == "2025-hue"} == {"2008-thua-thien-hue"}


def test_validity_dates(rows):
    for r in rows:
        valid_from = date.fromisoformat(r["valid_from"])
        if r["layout"] == "2008":
            assert (r["valid_from"], r["valid_until"]) == ("2008-08-01", "2025-06-30")
        else:
            assert (valid_from, r["valid_until"]) == (date(2025, 7, 1), "")


def test_unit_types(rows):
    cities = {r["id"] for r in rows if r["unit_type"] == "city"}
    assert {r["unit_type"] for r in rows} == {"province", "city"}
    assert cities == {
        "2008-ha-noi", "2008-hai-phong", "2008-da-nang", "2008-can-tho", "2008-ho-chi-minh",
        "2025-ha-noi", "2025-hai-phong", "2025-da-nang", "2025-can-tho", "2025-ho-chi-minh", "2025-hue",
    }


def test_codes_are_two_digits_and_unique_per_layout(rows):
    for layout in ("2008", "2025"):
        codes = [r["code"] for r in rows if r["layout"] == layout]
        assert all(re.fullmatch(r"\d\d", c) for c in codes)
        assert len(set(codes)) == len(codes)


def test_names(by_id):
    assert by_id["2008-vinh-phuc"]["name_vi"] == "Vĩnh Phúc"
    assert by_id["2008-vinh-phuc"]["name_en"] == "Vinh Phuc"
    assert by_id["2025-ho-chi-minh"]["name_vi"] == "Hồ Chí Minh"
    assert by_id["2025-ho-chi-minh"]["name_en"] == "Ho Chi Minh City"
    assert by_id["2008-thua-thien-hue"]["name_vi"] == "Thừa Thiên Huế"
    assert by_id["2008-dak-lak"]["name_en"] == "Dak Lak"


def test_english_names_are_ascii(rows):
    for r in rows:
        assert r["name_en"].isascii(), r["name_en"]


@pytest.mark.parametrize(("unit", "expected"), [
    ("2025-ho-chi-minh", {"Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.HCM", "TPHCM"}),
    ("2008-khanh-hoa", {"Khánh Hoà", "Tỉnh Khánh Hòa"}),
    ("2025-thanh-hoa", {"Thanh Hoá"}),
    ("2008-hoa-binh", {"Hoà Bình"}),
    ("2008-thua-thien-hue", {"Thừa Thiên - Huế", "Huế"}),
    ("2008-ba-ria-vung-tau", {"Bà Rịa–Vũng Tàu"}),
    ("2008-dak-lak", {"Đắc Lắc"}),
    ("2008-dak-nong", {"Đắc Nông"}),
    ("2008-kon-tum", {"Kontum"}),
])
def test_aliases(by_id, unit, expected):
    assert expected <= set(by_id[unit]["aliases"].split("|"))


def test_aliases_are_clean(rows):
    for r in rows:
        aliases = r["aliases"].split("|") if r["aliases"] else []
        assert len(aliases) == len(set(aliases)), r["id"]
        assert r["name_vi"] not in aliases
        assert all(a == a.strip() and a for a in aliases)


def test_no_name_is_shared_within_a_layout(rows):
    """Within one layout a name or alias must identify a single unit."""
    for layout in ("2008", "2025"):
        owners: dict[str, set[str]] = {}
        for r in (r for r in rows if r["layout"] == layout):
            for name in [r["name_vi"], *filter(None, r["aliases"].split("|"))]:
                owners.setdefault(name, set()).add(r["id"])
        shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
        assert shared == {}


def test_script_regenerates_the_same_file():
    pytest.importorskip("vietnamadminunits")
    spec = importlib.util.spec_from_file_location("make_provinces", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    try:
        spec.loader.exec_module(module)
        assert module.render(module.build_units()) == CSV_PATH.read_text(encoding="utf-8")
    finally:
        sys.modules.pop(spec.name, None)
