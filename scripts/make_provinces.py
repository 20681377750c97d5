"""Generate data/vocab/provinces.csv from the vietnamadminunits package (offline).

Rows: the 63 provincial-level units of the 2008 layout (valid 2008-08-01 .. 2025-06-30,
after Hà Tây was merged into Hà Nội) and the 34 of the 2025 layout (from 2025-07-01).
Each 2008 unit names the 2025 unit it was merged into, derived from the package's
ward-level conversion table: the 2025 province that received most of its old wards
and communes.

Re-runnable and deterministic: rows are sorted by id and aliases keep a fixed order.

    .venv/bin/python scripts/make_provinces.py            # write the CSV
    .venv/bin/python scripts/make_provinces.py --check    # exit 1 if the CSV is stale
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from vietnamadminunits.database import query

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "vocab" / "provinces.csv"
COLUMNS = ("id", "layout", "name_vi", "name_en", "unit_type", "code",
           "valid_from", "valid_until", "successor", "aliases")
VALIDITY = {"2008": ("2008-08-01", "2025-06-30"), "2025": ("2025-07-01", "")}
TABLES = {"2008": "admin_units_legacy", "2025": "admin_units"}

# Thừa Thiên Huế became the centrally-run city of Huế on 2025-01-01, six months before
# the 2025 layout; the package's legacy table already uses the new name. For the 2008
# layout we keep the name (and type) the unit had for almost all of its life, which is
# also what the articles of that period say.
LEGACY_OVERRIDES = {"thanhphohue": ("Thừa Thiên Huế", "province")}
ENGLISH_NAMES = {"Hồ Chí Minh": "Ho Chi Minh City", "Hà Nội": "Hanoi"}

# Spellings seen in the press that no rule below produces.
EXTRA_ALIASES = {
    "Hồ Chí Minh": ["Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "TP HCM"],
    "Hà Nội": ["Thủ đô Hà Nội"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "Thừa Thiên–Huế", "Huế", "Thành phố Huế", "TP Huế", "TP. Huế", "TP.Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa–Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu", "BR-VT"],
    "Đắk Lắk": ["Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Daklak"],
    "Đắk Nông": ["Đắc Nông", "Đăk Nông"],
    "Kon Tum": ["Kontum"],
    "Bắc Kạn": ["Bắc Cạn"],
}

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


@dataclass
class Unit:
    layout: str
    name_vi: str
    full_name: str  # official name with its type word, e.g. "Tỉnh Vĩnh Phúc"
    unit_type: str
    code: str
    key: str  # the package's province key, e.g. "tinhvinhphuc"
    successor: str = ""
    aliases: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.layout}-{slug(self.name_vi)}"


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

def ascii_fold(text: str) -> str:
    """Strip Vietnamese diacritics; Đ/đ is a letter of its own, not a decomposable one."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def swap_tone_placement(syllable: str) -> str:
    """The other tone placement of an open oa/oe/uy syllable: hòa <-> hoà, thủy <-> thuỷ.

    Old-style spelling puts the tone on the first vowel of these endings, new-style on
    the second; both are common in the press. Other syllables come back unchanged
    ("qu" is a consonant, so quý has a single vowel and no variant)."""
    chars = list(unicodedata.normalize("NFD", syllable))
    tones = [i for i, c in enumerate(chars) if c in TONE_MARKS]
    if len(tones) != 1:
        return syllable
    tone = chars.pop(tones[0])
    base = "".join(chars)
    # Letters only: other marks (circumflex, breve, horn) would make it a different vowel.
    if not re.search(r"(?i)(?<!q)(oa|oe|uy)$", base):
        return syllable
    first, second = len(base) - 2, len(base) - 1
    position = second + 1 if tones[0] == first + 1 else first + 1
    chars.insert(position, tone)
    return unicodedata.normalize("NFC", "".join(chars))


def tone_variant(name: str) -> str:
    return re.sub(r"\w+", lambda m: swap_tone_placement(m.group()), name)


# ---------------------------------------------------------------------------
# Reading the package
# ---------------------------------------------------------------------------

def read_units(layout: str) -> list[Unit]:
    rows = query(
        f"SELECT DISTINCT province, provinceShort, provinceCode, provinceKey "
        f"FROM [{TABLES[layout]}] ORDER BY provinceCode"
    )
    return [make_unit(layout, row) for row in rows]


def make_unit(layout: str, row: dict) -> Unit:
    name, full_name = row["provinceShort"], row["province"]
    unit_type = "city" if full_name.startswith("Thành phố") else "province"
    if layout == "2008" and row["provinceKey"] in LEGACY_OVERRIDES:
        name, unit_type = LEGACY_OVERRIDES[row["provinceKey"]]
        full_name = f"Tỉnh {name}"
    return Unit(layout, name, full_name, unit_type, row["provinceCode"], row["provinceKey"])


def conversion_table() -> dict:
    path = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


def ward_votes(table: dict) -> dict[str, Counter]:
    """For each old province key, how many of its old wards went to each new province.

    Old ward keys look like "<old province>_<old district>_<old ward>"; a ward split
    between several new wards counts once, for the new province that received it."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for new_province, new_wards in table["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for old_keys in new_wards.values():
            for old_key in old_keys:
                votes[old_key.split("_")[0]][new_province] += 1
    for new_province, old_wards in table["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key in old_wards:
            votes[old_key.split("_")[0]][new_province] += 1
    return votes


def successors(table: dict) -> dict[str, str]:
    """Old province key -> new province key: the majority of its wards, falling back
    to the package's province-level table when an old province has no ward data."""
    by_province = {old: new for new, olds in table["DICT_PROVINCE"].items() for old in olds}
    votes = ward_votes(table)
    result = {}
    for old, new in sorted(by_province.items()):
        counts = votes.get(old)
        # Ties go to the province-level table, then to the smaller key for determinism.
        result[old] = max(sorted(counts), key=lambda k: (counts[k], k == new)) if counts else new
        if result[old] != new:
            print(f"note: {old}: wards say {result[old]}, province table says {new}", file=sys.stderr)
    return result


# ---------------------------------------------------------------------------
# Building the rows
# ---------------------------------------------------------------------------

def aliases(unit: Unit) -> list[str]:
    candidates = [unit.full_name]
    if unit.unit_type == "city":
        candidates += [f"TP {unit.name_vi}", f"TP. {unit.name_vi}", f"TP.{unit.name_vi}"]   # glued: "TP.Hồ Chí Minh"
    candidates += EXTRA_ALIASES.get(unit.name_vi, [])
    with_variants = [v for c in [unit.name_vi, *candidates] for v in (c, tone_variant(c))]
    seen, ordered = {unit.name_vi}, []
    for alias in with_variants:
        if alias not in seen:
            seen.add(alias)
            ordered.append(alias)
    return ordered


def build_units() -> list[Unit]:
    old_units, new_units = read_units("2008"), read_units("2025")
    new_by_key = {u.key: u for u in new_units}
    mapping = successors(conversion_table())
    for unit in old_units:
        unit.successor = new_by_key[mapping[unit.key]].id
    units = old_units + new_units
    for unit in units:
        unit.aliases = aliases(unit)
    return sorted(units, key=lambda u: u.id)


def row(unit: Unit) -> dict[str, str]:
    valid_from, valid_until = VALIDITY[unit.layout]
    return {
        "id": unit.id,
        "layout": unit.layout,
        "name_vi": unit.name_vi,
        "name_en": ENGLISH_NAMES.get(unit.name_vi, ascii_fold(unit.name_vi)),
        "unit_type": unit.unit_type,
        "code": unit.code,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "successor": unit.successor,
        "aliases": "|".join(unit.aliases),
    }


def render(units: list[Unit]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row(u) for u in units)
    return buffer.getvalue()


def check_units(units: list[Unit]) -> None:
    """Fail loudly rather than write a CSV that breaks the layout's known shape."""
    counts = Counter(u.layout for u in units)
    assert counts == {"2008": 63, "2025": 34}, counts
    ids = [u.id for u in units]
    assert len(ids) == len(set(ids)), "duplicate ids"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"CSV to write (default {OUT})")
    parser.add_argument("--check", action="store_true", help="only report whether the CSV is up to date")
    args = parser.parse_args(argv)
    units = build_units()
    check_units(units)
    text = render(units)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        print("up to date" if current == text else f"{args.out} is stale")
        return 0 if current == text else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(units)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
