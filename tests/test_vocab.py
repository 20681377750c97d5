"""The vocabulary files in data/vocab: required columns filled, ids unique, references resolve."""
from __future__ import annotations

from collections import Counter

import pytest
import regex

from kg import vocab
from kg.normalize import key, normalize_text
from kg.vocab import read_rows

ATTACHES = {"place", "place-or-name", "party-committee", "committee", "state-body", "any", "parent", "none", "name", "name-place", "name-optional", "abroad"}
LEVELS = {"", "central", "province", "district"}


def split(value: str, sep: str = "|") -> list[str]:
    return [part.strip() for part in value.split(sep) if part.strip()]


def ids(name: str) -> set[str]:
    return {row["id"] for row in read_rows(name)}


def assert_filled(rows: list[dict], columns: tuple[str, ...], name: str) -> None:
    assert rows, f"{name} is empty"
    for line, row in enumerate(rows, start=2):
        for column in columns:
            assert row.get(column), f"{name} line {line}: {column} is empty"


def assert_unique(values: list[str], what: str) -> None:
    duplicates = [v for v, n in Counter(values).items() if n > 1]
    assert duplicates == [], f"duplicate {what}: {duplicates}"


def assert_labels(rows: list[dict], name: str) -> None:
    for row in rows:
        assert normalize_text(row["label_vi"]) == row["label_vi"], f"{name}: {row['id']} label_vi is not normalised"
        assert row["label_en"].isascii() or row["label_en"] != row["label_vi"], f"{name}: {row['id']} label_en"


# titles.csv

def test_titles_required_columns_and_ids():
    rows = read_rows("titles.csv")
    assert_filled(rows, ("id", "label_vi", "label_en", "variants", "kind"), "titles.csv")
    assert {r["holders"] for r in rows if r["kind"] in ("post", "job")} <= {"one", "many"}
    assert_unique([r["id"] for r in rows], "title ids")
    assert_labels(rows, "titles.csv")
    assert {r["kind"] for r in rows} == {"post", "job", "rank"}


def test_title_categories_exist():
    categories = ids("org_categories.csv")
    for row in read_rows("titles.csv"):
        assert set(split(row["categories"], " ")) <= categories, row["id"]


def test_title_implied_bodies_exist():
    bodies = ids("bodies.csv")
    for row in read_rows("titles.csv"):
        assert set(split(row["implies"], " ")) <= bodies, row["id"]


def test_title_canonical_ids_exist():
    titles = ids("titles.csv")
    for row in read_rows("titles.csv"):
        assert not row["canonical"] or row["canonical"] in titles, row["id"]


def test_posts_have_a_body_and_ranks_none():
    for row in read_rows("titles.csv"):
        if row["kind"] in ("post", "job"):
            assert row["categories"] or row["implies"], f"{row['id']}: a post needs categories or an implied body"
        else:
            assert not (row["categories"] or row["implies"] or row["absorbs"]), row["id"]


def test_title_variants_name_one_title():
    assert_unique([k for r in read_rows("titles.csv") for k in {key(v) for v in split(r["variants"])}], "title variants")


def test_absorbed_word_starts_a_body():
    """'Trưởng ban' absorbs 'Ban': some body's name must start with the absorbed word."""
    names = [key(v) for b in vocab.bodies().values() for v in b.names]
    for title in vocab.titles().values():
        if title.absorbs:
            assert any(n == key(title.absorbs) or n.startswith(key(title.absorbs) + " ") for n in names), title.id


# bodies.csv

def test_bodies_required_columns_and_ids():
    rows = read_rows("bodies.csv")
    assert_filled(rows, ("id", "label_vi", "label_en", "category", "attaches"), "bodies.csv")
    assert_unique([r["id"] for r in rows], "body ids")
    assert_labels(rows, "bodies.csv")


def test_body_categories_exist():
    categories = ids("org_categories.csv")
    for row in read_rows("bodies.csv"):
        assert row["category"] in categories, row["id"]


def test_body_attaches_and_levels():
    for row in read_rows("bodies.csv"):
        assert row["attaches"] in ATTACHES, row["id"]
        assert row["level"] in LEVELS, row["id"]


def test_body_names_name_one_body():
    # a body may list a name in two cases ("Chính quyền", "chính quyền"): the lexicon tells them apart
    assert_unique([k for b in vocab.bodies().values() for k in {key(v) for v in b.names}], "body names")


# org_categories.csv

def test_org_categories():
    rows = read_rows("org_categories.csv")
    assert_filled(rows, ("id", "label_vi", "label_en", "definition_en"), "org_categories.csv")
    assert_unique([r["id"] for r in rows], "category ids")
    used = {r["category"] for r in read_rows("bodies.csv")}
    assert used <= {r["id"] for r in rows}


# boilerplate.csv

def test_boilerplate():
    rows = read_rows("boilerplate.csv")
    assert_filled(rows, ("phrase", "kind"), "boilerplate.csv")
    assert {r["kind"] for r in rows} <= {"tail", "line", "byline", "credit", "photo", "owner", "widget", "banner",
                                          "masthead"}
    assert_unique([(r["phrase"], r["kind"]) for r in rows], "boilerplate rows")
    assert {"tail", "byline"} <= {r["kind"] for r in rows}


# roles.csv

def test_roles():
    rows = read_rows("roles.csv")
    assert_filled(rows, ("phrase", "role", "side"), "roles.csv")
    assert {r["role"] for r in rows} == {"chair", "signatory", "attendee", "speaker", "none"}
    assert {r["side"] for r in rows} == {"before", "after", "none"}
    # side "none": a word opening with a cue that is no cue ("dự án"), and only that
    assert all((r["role"] == "none") == (r["side"] == "none") for r in rows)
    assert_unique([(key(r["phrase"]), r["side"]) for r in rows], "role cues")


@pytest.mark.parametrize("text, cue", [("dự hội nghị", "dự"), ("dự án", None), ("ký túc xá", None), ("ký kết", "ký"),
                                       ("ký chương trình", "ký")])
def test_a_compound_is_no_role_cue(text, cue):
    found = vocab.role_cues()["after"].match(text, 0)
    assert (text[:found[0]] if found else None) == cue


# agreement, document and event kinds

@pytest.mark.parametrize("name, variants, expected_ids", [
    ("agreement_kinds.csv", "variants", {"program", "plan", "regulation", "resolution", "agreement", "memorandum"}),
    ("document_kinds.csv", "variants", None),
    ("event_kinds.csv", "keywords", {"signing", "review", "meeting"}),
])
def test_kinds(name, variants, expected_ids):
    rows = read_rows(name)
    assert_filled(rows, ("id", "label_vi", "label_en", variants), name)
    assert_unique([r["id"] for r in rows], f"{name} ids")
    assert_labels(rows, name)
    # a phrase names one kind (the same phrase twice in one row is harmless)
    assert_unique([k for r in rows for k in {key(v) for v in split(r[variants])}], f"{name} phrases")
    if expected_ids is not None:
        assert {r["id"] for r in rows} == expected_ids


def test_document_kinds_have_codes():
    for row in read_rows("document_kinds.csv"):
        assert split(row["codes"]), row["id"]


def test_document_codes_name_one_kind():
    owner: dict[str, set[str]] = {}
    for row in read_rows("document_kinds.csv"):
        for code in split(row["codes"]):
            owner.setdefault(code.casefold(), set()).add(row["id"])
    assert {c: k for c, k in owner.items() if len(k) > 1} == {}


# honorifics.csv and surnames.csv

def test_honorifics():
    rows = read_rows("honorifics.csv")
    assert_filled(rows, ("phrase", "meaning_en"), "honorifics.csv")
    assert_unique([key(r["phrase"]) for r in rows], "honorifics")
    assert {"đồng chí", "ông", "bà"} <= {key(r["phrase"]) for r in rows}
    assert {r["official"] for r in rows} <= {"yes", ""} and {r["person"] for r in rows} <= {"yes", ""}
    assert {key(r["phrase"]) for r in rows if r["person"] == "yes"} >= {"ông", "bà"}
    assert {key(r["phrase"]) for r in rows if r["official"] == "yes"} >= {"đồng chí"}
    assert {r["alone"] for r in rows} <= {"yes", "man", ""}
    addresses = vocab.standalone_addresses()   # a man only where alone=man
    assert addresses["ông"] and not addresses["đồng chí"] and not addresses["bà"]


def test_surnames():
    rows = read_rows("surnames.csv")
    assert_filled(rows, ("surname",), "surnames.csv")
    names = [r["surname"] for r in rows]
    assert_unique([key(n) for n in names], "surnames")
    for name in names:
        assert name[0].isupper() and normalize_text(name) == name, name
    assert {"Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Vũ"} <= set(names)


def test_name_particles():
    rows = read_rows("name_particles.csv")
    assert_filled(rows, ("particle", "meaning_en"), "name_particles.csv")
    assert all(r["particle"].islower() for r in rows)   # a capitalised word would be a name's own


def test_christian_names():
    rows = read_rows("christian_names.csv")
    assert_filled(rows, ("name", "meaning_en"), "christian_names.csv")
    assert_unique([key(r["name"]) for r in rows], "christian names")
    for row in rows:
        assert row["name"][0].isupper() and normalize_text(row["name"]) == row["name"], row["name"]
    assert {"giuse", "phêrô", "gioan baotixita"} <= vocab.christian_names()
    assert not vocab.christian_names() & vocab.surnames()   # a baptismal name is never taken for a surname


def test_countries():
    rows = read_rows("countries.csv")
    assert_filled(rows, ("name_vi", "name_en"), "countries.csv")
    assert vocab.countries()["hàn quốc"] == "South Korea" and vocab.countries()["lào"] == "Laos"
    named = {key(n) for p in vocab.provinces().values() for n in (p.name_vi, *p.aliases)}
    assert not named & vocab.countries().keys()   # a country is never one of the provinces


def test_memorials():
    rows = read_rows("memorials.csv")
    assert_filled(rows, ("phrase", "meaning_en"), "memorials.csv")
    assert all(r["phrase"] == r["phrase"].casefold() for r in rows)   # matched whatever their case in the text


def test_subject_verbs():
    rows = read_rows("subject_verbs.csv")
    assert_filled(rows, ("phrase", "meaning_en"), "subject_verbs.csv")
    pattern = regex.compile(vocab.subject_verb_pattern())
    assert pattern.match("trao tặng").group() == "trao tặng"   # the longest phrase first
    assert all(r["phrase"] == r["phrase"].casefold() for r in rows)


def test_money_words():
    rows = read_rows("money_words.csv")
    assert_filled(rows, ("phrase", "kind", "meaning_en"), "money_words.csv")
    assert {r["kind"] for r in rows} == {"multiplier", "currency"}
    pattern = regex.compile(vocab.money_pattern())
    assert pattern.match("500 triệu đồng") and pattern.match("200.000.000 đồng;")
    assert not pattern.match("1 đồng chủ trì")


def test_name_phrases():
    rows = read_rows("name_phrases.csv")
    assert_filled(rows, ("phrase", "meaning_en"), "name_phrases.csv")
    pattern = regex.compile(vocab.name_phrase_pattern())
    # each phrase holds what would end a name elsewhere (a grammar word, a comma or a unit word), or is in lower
    # case, words a name may open with before its capitals ("cửa khẩu")
    assert all("," in r["phrase"] or {"có", "về", "và", "xã"} & set(r["phrase"].split()) or r["phrase"].islower()
               for r in rows)
    assert pattern.fullmatch("tham nhũng, lãng phí, tiêu cực")


def test_newspapers():
    rows = read_rows("newspapers.csv")
    assert_filled(rows, ("name", "province", "name_en"), "newspapers.csv")
    assert all(vocab.province_lexicon().match(r["province"], 0) for r in rows)   # each names one of ours
    assert len(vocab.folded_newspaper_names()) == len(rows)


def test_provinces_abroad():
    rows = read_rows("provinces_abroad.csv")
    assert_filled(rows, ("name_vi", "name_en", "country"), "provinces_abroad.csv")
    assert {r["country"] for r in rows} <= {r["name_vi"] for r in read_rows("countries.csv")}
    named = {key(n) for p in vocab.provinces().values() for n in (p.name_vi, *p.aliases)}
    spelled = {key(v) for r in rows for v in (r["name_vi"], *r["variants"].split("|"))}
    assert not named & spelled   # a province abroad is never spelled like one of ours
    assert vocab.province_abroad_lexicon().match("tỉnh Savannakhet Khămmăn", 5)[1] == "Savannakhet"


def test_loaded_vocabularies_agree_with_the_files():
    assert set(vocab.titles()) == ids("titles.csv")
    assert set(vocab.bodies()) == ids("bodies.csv")
    assert set(vocab.categories()) == ids("org_categories.csv")
    assert "nguyễn" in vocab.surnames()
    assert vocab.title_lexicon().match("Phó Chủ tịch UBND", 0)[1].id == "pho-chu-tich"



def _one_branch_per_phrase(phrases: list[str]) -> regex.Pattern:
    """What a lexicon of these phrases finds, written plainly: one alternative per phrase, longest first."""
    keys = {" ".join(normalize_text(p).split()).casefold() for p in phrases}
    body = "|".join(sorted((r"\s+".join(regex.escape(w) for w in k.split()) for k in keys), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


@pytest.mark.parametrize("phrases", [
    pytest.param(["Phó Chủ tịch", "Phó Bí thư", "Phó", "Đoàn", "đoàn thanh niên", "TP.HCM", "TP", "(Lào)", "Ủy ban",
                  "Uỷ viên", "3 Ban", "B"], id="made-up"),
    pytest.param([v for t in vocab.titles().values() for v in t.variants], id="titles"),
    pytest.param([v for b in vocab.bodies().values() for v in b.variants], id="bodies"),
])
def test_a_lexicon_finds_what_one_branch_per_phrase_finds(phrases):
    """Its phrases share their beginnings in a trie; the sharing must change nothing found (a phrase that
    runs into a longer word, "Phó Bí thưởng", gives way to the shorter one it continues, "Phó")."""
    lexicon, plain = vocab.Lexicon((p, p) for p in phrases), _one_branch_per_phrase(phrases)
    text = normalize_text("Đ/c Phó Chủ tịch UBND tỉnh Đắk Lắk, đồng chí Bí thư TỈNH ỦY Quảng Trị; ĐOÀN ĐBQH tỉnh Bà Rịa - "
                          "Vũng Tàu và phó trưởng ban dân vận huyện ủy, UBMTTQ TP.HCM (Lào) 3 Ban, b Phó Bí thư, Phó Bí thưởng.")
    for pos in range(len(text)):
        found = plain.match(text, pos)
        assert (lexicon.match(text, pos) or (None,))[0] == (found.end() if found else None), pos
    assert [(s, e) for s, e, _ in lexicon.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_row_with_an_unquoted_comma_is_an_error_naming_the_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "bad.csv").write_text("phrase,meaning_en\nký,signed\nđại diện,stood for a body, or a side\n",
                                      encoding="utf-8")
    monkeypatch.setattr(vocab, "VOCAB_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"bad\.csv, line 3: more fields than the header names"):
        read_rows("bad.csv")
