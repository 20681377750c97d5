"""Domain vocabularies, loaded from the CSV files in data/vocab.

Everything the extractor knows about titles, bodies, places, cue words and page
clutter comes from those files; this module only turns them into lookups.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Generic, Iterable, Iterator, TypeVar

import regex

from kg.normalize import fold, key, normalize_text

VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"
REFORM_DATE = date(2025, 7, 1)  # the 34-province layout took effect on this day
HEADED_CATEGORIES = frozenset({"department", "press"})  # bodies a title may name by their head word alone

T = TypeVar("T")


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of a vocabulary file; a row with more fields than the header names (an unquoted comma) is an error
    that names the file and the line."""
    with open(VOCAB_DIR / name, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = []
        for row in reader:
            if None in row:
                raise ValueError(f"{VOCAB_DIR / name}, line {reader.line_num}: more fields than the header names "
                                 f"(quote a value that holds a comma)")
            rows.append({k: (v or "").strip() for k, v in row.items()})
        return rows


def _split(value: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(sep) if part.strip())


def trie_pattern(ends: dict[str, str]) -> str:
    """Phrases (one space between words, in one case where the pattern ignores case) as a regex
    alternation that shares their common beginnings, each phrase followed by its `ends` pattern, any run
    of spaces between words. The engine walks the phrases letter by letter, not one phrase after another
    (lookups at a position had been a sixth of extraction). At each fork the longer phrases come first, so
    with backtracking the longest phrase that fits what follows wins, as in a longest-first alternation."""
    root: dict = {}
    for phrase, end in ends.items():
        node = root
        for letter in phrase:
            node = node.setdefault(letter, {})
        node[None] = end

    def branch(node: dict) -> str:
        alternatives = [(r"\s+" if letter == " " else regex.escape(letter)) + branch(child)
                        for letter, child in node.items() if letter is not None]
        if None in node:
            alternatives.append(node[None])
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"

    return branch(root)


class Lexicon(Generic[T]):
    """Finds any of a set of phrases as whole words, longest first, ignoring case."""

    def __init__(self, entries: Iterable[tuple[str, T]], ignore_case: bool = True, unless: Iterable[str] = ()):
        """unless: longer words a phrase opens that are not the phrase ("dự án" is no "dự")."""
        self._by_key: dict[str, T] = {}
        for phrase, payload in entries:
            self._by_key.setdefault(self._key(normalize_text(phrase), ignore_case), payload)
        self._ignore_case = ignore_case
        # spaces in a phrase match any run of white space in the text; a phrase that opens a longer word
        # of `unless` is not followed by the rest of it (a guard on that phrase alone keeps the pattern fast)
        longer = [self._key(normalize_text(w), ignore_case) for w in unless]
        ends = {k: self._guard(k, longer) for k in self._by_key}
        flags = regex.IGNORECASE if ignore_case else 0
        # a phrase whose end is not a word's end gives way to the shorter phrases it continues
        phrases = trie_pattern(ends) if ends else "(?!x)x"
        self.pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{phrases})(?![\p{{L}}\p{{N}}])", flags)

    @staticmethod
    def _words(phrase: str) -> str:
        return r"\s+".join(regex.escape(w) for w in phrase.split())

    @classmethod
    def _guard(cls, phrase: str, longer: list[str]) -> str:
        rests = [cls._words(w[len(phrase):]) for w in longer if w.startswith(phrase + " ")]
        return rf"(?!\s+(?:{'|'.join(rests)})(?![\p{{L}}\p{{N}}]))" if rests else ""

    @staticmethod
    def _key(text: str, ignore_case: bool) -> str:
        text = " ".join(text.split())
        return text.casefold() if ignore_case else text

    def payload(self, surface: str) -> T:
        return self._by_key[self._key(surface, self._ignore_case)]

    def match(self, text: str, pos: int) -> tuple[int, T] | None:
        """The longest phrase starting exactly at pos: (end, payload)."""
        found = self.pattern.match(text, pos)
        return (found.end(), self.payload(found.group())) if found else None

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, T]]:
        for found in self.pattern.finditer(text, start, len(text) if end is None else end):
            yield found.start(), found.end(), self.payload(found.group())


@dataclass(frozen=True)
class Title:
    id: str
    label_vi: str
    label_en: str
    variants: tuple[str, ...]
    kind: str                     # post | job (a post only with its employer named) | rank
    categories: tuple[str, ...]   # body categories a post with this title can sit in
    implies: tuple[str, ...]      # body chain the title names by itself (Thủ tướng → Chính phủ)
    absorbs: str | None           # first word of the body that the title swallows (Trưởng ban Dân vận)
    canonical: str | None         # the title a fused abbreviation stands for (TVTU → Ủy viên)
    many_holders: bool = False    # several people hold it in one body at once (Phó Chủ tịch, Ủy viên)


@dataclass(frozen=True)
class Body:
    id: str
    label_vi: str
    label_en: str
    variants: tuple[str, ...]
    category: str
    attaches: str                 # place | place-or-name | party-committee | committee | state-body | any | parent | none | name | name-place | name-optional | abroad
    level: str | None             # fixed level, when the kind has one
    as_parent: str | None         # how the body is named when another hangs from it (Ban Dân vận *Trung ương*)
    bare_place: bool = False      # names its place with no unit word (Tỉnh ủy *Vĩnh Phúc*, Tỉnh đoàn *Gia Lai*)

    @property
    def placed(self) -> bool:
        """Whether the body is known by the place it sits in ("UBND tỉnh Vĩnh Phúc")."""
        return self.attaches in ("place", "place-or-name")

    @property
    def names(self) -> tuple[str, ...]:
        """What the text names the body by: its label and variants. A body whose name may be left out is named
        by its variants only: its label alone is its kind ("Ban Tổ chức"), which may be another body's name."""
        return self.variants if self.attaches == "name-optional" else (self.label_vi, *self.variants)


@dataclass(frozen=True)
class Province:
    id: str
    layout: str
    name_vi: str
    name_en: str
    unit_type: str
    code: str
    valid_from: str
    valid_until: str
    successor: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    id: str
    label_vi: str
    label_en: str
    definition_en: str


@dataclass(frozen=True)
class Kind:
    """A row of a small kinds table (agreement, document, event kinds)."""
    id: str
    label_vi: str
    label_en: str
    variants: tuple[str, ...]
    codes: tuple[str, ...] = ()
    only_signed: bool = False   # an agreement of this kind is one only where it is signed (see agreement_kinds.csv)
    annual: bool = False        # a year alone closing its sentence is its period ("Kế hoạch phối hợp ... năm 2022")


@cache
def titles() -> dict[str, Title]:
    return {r["id"]: Title(r["id"], r["label_vi"], r["label_en"], _split(r["variants"]), r["kind"],
                           _split(r["categories"], " "), _split(r["implies"], " "), r["absorbs"] or None,
                           r["canonical"] or None, r["holders"] == "many")
            for r in read_rows("titles.csv")}


@cache
def bodies() -> dict[str, Body]:
    return {r["id"]: Body(r["id"], r["label_vi"], r["label_en"], _split(r["variants"]), r["category"],
                          r["attaches"], r["level"] or None, r["as_parent"] or None, r["bare_place"] == "yes")
            for r in read_rows("bodies.csv")}


@cache
def categories() -> dict[str, Category]:
    return {r["id"]: Category(r["id"], r["label_vi"], r["label_en"], r["definition_en"])
            for r in read_rows("org_categories.csv")}


@cache
def provinces() -> dict[str, Province]:
    return {r["id"]: Province(r["id"], r["layout"], r["name_vi"], r["name_en"], r["unit_type"], r["code"],
                              r["valid_from"], r["valid_until"], r["successor"], _split(r["aliases"]))
            for r in read_rows("provinces.csv")}


def _kinds(name: str) -> dict[str, Kind]:
    return {r["id"]: Kind(r["id"], r["label_vi"], r["label_en"], _split(r.get("variants") or r.get("keywords", "")),
                          _split(r.get("codes", "")), r.get("only_signed") == "yes", r.get("annual") == "yes")
            for r in read_rows(name)}


@cache
def agreement_kinds() -> dict[str, Kind]:
    return _kinds("agreement_kinds.csv")


@cache
def document_kinds() -> dict[str, Kind]:
    return _kinds("document_kinds.csv")


@cache
def event_kinds() -> dict[str, Kind]:
    return _kinds("event_kinds.csv")


@cache
def surnames() -> frozenset[str]:
    return frozenset(key(r["surname"]) for r in read_rows("surnames.csv"))


@cache
def name_particle_pattern() -> str:
    """The lower-case particles between the capitalised words of European names ("Pieter van den Berg";
    data/vocab/name_particles.csv), as a regex alternation; case-sensitive where used."""
    return phrase_pattern({r["particle"] for r in read_rows("name_particles.csv")})


@cache
def christian_names() -> frozenset[str]:
    """Baptismal names Catholics write before their Vietnamese name ("Giuse Nguyễn Văn Định")."""
    return frozenset(key(r["name"]) for r in read_rows("christian_names.csv"))


@cache
def title_lexicon() -> Lexicon[Title]:
    return Lexicon((v, t) for t in titles().values() for v in t.variants)


@cache
def one_title_lexicon(title_id: str) -> Lexicon[Title]:
    """The variants of one title alone: "Ủy viên" where the fused "Ủy viên Trung ương Đảng" matched."""
    title = titles()[title_id]
    return Lexicon((v, title) for v in title.variants)


@cache
def principal_of(title_id: str) -> str | None:
    """The title a deputy's stands for: Phó Chủ tịch → Chủ tịch."""
    label = titles()[title_id].label_vi
    if not label.startswith("Phó "):
        return None
    return next((t.id for t in titles().values() if key(t.label_vi) == key(label[4:])), None)


@cache
def body_lexicon() -> Lexicon[Body]:
    return Lexicon((v, b) for b in bodies().values() for v in b.names)


@cache
def absorbed_body_lexicon(word: str) -> Lexicon[Body]:
    """Bodies named without the word a title swallowed: after "Trưởng ban", "Dân vận Tỉnh ủy"."""
    prefix = key(word) + " "
    return Lexicon((v[len(prefix):], b) for b in bodies().values() for v in b.names
                   if key(v).startswith(prefix))


@cache
def body_named(word: str) -> Body | None:
    """The body whose whole name is this word ("Thanh tra", "Văn phòng"), if there is one."""
    return next((b for b in bodies().values() if key(word) in {key(v) for v in b.names}), None)


@cache
def department_heads() -> str:
    """The words the name of a department or a press body opens with ("Sở", "Chi cục", "Trung tâm", "Đài"), as a
    regex alternation: the bodies a title names by that word alone when the story is about one."""
    departments = [b for b in bodies().values() if b.category in HEADED_CATEGORIES]
    return phrase_pattern({b.label_vi.split()[0] for b in departments if b.attaches == "place"}
                          | {b.label_vi for b in departments if b.attaches == "name"})


@cache
def province_lexicon() -> Lexicon[tuple[Province, ...]]:
    """Province names (both layouts) → the units that bore the name."""
    named: dict[str, list[Province]] = {}
    for unit in provinces().values():
        for name in (unit.name_vi, *unit.aliases):
            named.setdefault(key(name), []).append(unit)
    return Lexicon((name, tuple(units)) for name, units in named.items())


@cache
def folded_province_names() -> tuple[tuple[str, tuple[Province, ...]], ...]:
    """Romanised, space-free province names, longest first, for site names."""
    named: dict[str, list[Province]] = {}
    for unit in provinces().values():
        for name in (unit.name_vi, unit.name_en, *unit.aliases):
            named.setdefault(fold(name).replace(" ", "").replace("-", ""), []).append(unit)
    return tuple(sorted(((n, tuple(u)) for n, u in named.items() if len(n) > 3), key=lambda x: -len(x[0])))


@cache
def folded_newspaper_names() -> tuple[tuple[str, tuple[Province, ...]], ...]:
    """Newspapers whose names do not say their province ("Đồng Khởi" is Bến Tre's; data/vocab/newspapers.csv),
    romanised and space-free as folded_province_names, for site names."""
    named = []
    for row in read_rows("newspapers.csv"):
        found = province_lexicon().match(row["province"], 0)
        named.append((fold(row["name"]).replace(" ", "").replace("&", "va"), found[1]))
    return tuple(sorted(named, key=lambda x: -len(x[0])))


def province_of_day(units: tuple[Province, ...], when: date | None) -> Province | None:
    """The unit a name meant on a given day: the 2025 layout from 1 July 2025, else the 63."""
    if len(units) == 1:
        return units[0]
    wanted = "2025" if when is not None and when >= REFORM_DATE else "2008"
    return next((u for u in units if u.layout == wanted), None)


@cache
def _honorifics() -> dict[str, bool]:
    """The honorifics of honorifics.csv, each with whether it marks an official by itself; an abbreviation is also
    written with a full stop ("PGS.TS." beside "PGS.TS", "NGƯT." beside "NGƯT")."""
    found = {}
    for row in read_rows("honorifics.csv"):
        phrase, official = row["phrase"], row["official"] == "yes"
        found[phrase] = official
        if " " not in phrase and not phrase.endswith(".") and any(c.isupper() for c in phrase):
            found.setdefault(f"{phrase}.", official)
    return found


@cache
def standalone_addresses() -> dict[str, bool]:
    """The forms of address that stand alone for the one person named just before ("Đồng chí yêu cầu ...", "Ông đề
    nghị ..."; honorifics.csv, column alone), each with whether it is a man's only ("ông": alone=man)."""
    return {r["phrase"]: r["alone"] == "man" for r in read_rows("honorifics.csv") if r["alone"]}


@cache
def status_pattern() -> str:
    """The honours and statuses that may stand between a name and its posts ("ông A, thương binh hạng 1/4, nguyên
    Đại đội trưởng ..."; honorifics.csv, column status), as a regex alternation."""
    return phrase_pattern({r["phrase"] for r in read_rows("honorifics.csv") if r["status"] == "yes"})


@cache
def honorific_lexicon() -> Lexicon[str]:
    return Lexicon((phrase, phrase) for phrase in _honorifics())


@cache
def honorific_pattern(official_only: bool = False) -> str:
    """The honorifics as a regex alternation, longest first; official_only keeps those that
    mark an official by themselves ("đồng chí"), not plain courtesy ("ông", "bà")."""
    return phrase_pattern({phrase for phrase, official in _honorifics().items() if official or not official_only})


@cache
def countries() -> dict[str, str]:
    """Countries' names as the press writes them (data/vocab/countries.csv), as comparison keys, with their English
    names: a run of capitals that names one is no person ("Tổng Lãnh sự Hàn Quốc")."""
    return {key(r["name_vi"]): r["name_en"] for r in read_rows("countries.csv")}


@cache
def country_lexicon() -> Lexicon[str]:
    """The countries of countries.csv as the press writes them, for finding one in text."""
    return Lexicon((r["name_vi"], r["name_en"]) for r in read_rows("countries.csv"))


@cache
def province_abroad_lexicon() -> Lexicon[str]:
    """Provinces of Laos, Cambodia and China that the press names (data/vocab/provinces_abroad.csv), in their
    spellings: "tỉnh Savannakhệt" ends there, though a Lao name, written with no surname, follows it."""
    return Lexicon((phrase, r["name_en"]) for r in read_rows("provinces_abroad.csv")
                   for phrase in (r["name_vi"], *_split(r["variants"])))


@cache
def person_words() -> frozenset[str]:
    """The words before a name that make it a person's, official or not ("ông", "Mẹ Việt Nam Anh hùng", "thương
    binh", "nhà báo")."""
    return frozenset(r["phrase"] for r in read_rows("honorifics.csv") if r["person"] == "yes")


@cache
def person_pattern(capitalised: bool = False) -> str:
    """The person words (person_words) as a regex alternation, longest first; capitalised: as a sentence opens
    with them."""
    phrases = {p[0].upper() + p[1:] for p in person_words()} if capitalised else person_words()
    # the case of the first word tells a person's courtesy word ("bà") from a name's ("Bà Cô Dợ"); the words
    # after it are written either way ("Mẹ Việt Nam anh hùng")
    return "|".join(_first_word_as_written(p) for p in sorted(phrases, key=len, reverse=True))


def _first_word_as_written(phrase: str) -> str:
    first, *rest = phrase.split()
    tail = "".join(rf"\s+{regex.escape(w)}" for w in rest)
    return regex.escape(first) + (f"(?i:{tail})" if rest else "")


@cache
def hamlet_pattern() -> str:
    """The words that name a residential unit ("thôn", "ấp", "khu phố"), lower case, as a regex alternation."""
    return phrase_pattern({n.casefold() for b in bodies().values() if b.category == "residential-unit"
                           for n in b.names})


@cache
def memorial_pattern() -> str:
    """The words of a memorial's name before whom it honours ("Nghĩa trang liệt sĩ ..."; data/vocab/memorials.csv)."""
    return phrase_pattern({r["phrase"] for r in read_rows("memorials.csv")})


@cache
def name_phrase_pattern() -> str:
    """Phrases a body's name holds though a grammar word or a comma is in them ("Phòng *Người có công*",
    "Ban Chỉ đạo phòng, chống *tham nhũng, tiêu cực*"; data/vocab/name_phrases.csv)."""
    return phrase_pattern({r["phrase"] for r in read_rows("name_phrases.csv")})


@cache
def subject_verb_pattern() -> str:
    """Verbs that say what a body named as a subject did next, ending its name ("Trường Đại học Cần Thơ *tổ chức*
    hội nghị"; data/vocab/subject_verbs.csv), as a regex alternation."""
    return phrase_pattern({r["phrase"] for r in read_rows("subject_verbs.csv")})


@cache
def money_pattern() -> str:
    """A sum of money as a regex (data/vocab/money_words.csv): a number and a multiplier ("500 triệu"), or a number
    and a currency closing the clause ("200.000.000 đồng;"; "1 đồng chủ trì" is a number, then a word)."""
    rows = read_rows("money_words.csv")
    multipliers = phrase_pattern({r["phrase"] for r in rows if r["kind"] == "multiplier"})
    currencies = phrase_pattern({r["phrase"] for r in rows if r["kind"] == "currency"})
    return rf"\d[\d.,]*[ ]+(?:(?:{multipliers})(?![\p{{L}}])|(?:{currencies})(?=[ ]*(?:[,;.)]|$)))"


@cache
def central_name_pattern() -> regex.Pattern:
    """The phrases of name_phrases.csv that open the name of a national body ("Ban Chỉ đạo *quốc gia về* phòng,
    chống thiên tai"): the body is the country's, not the province's the article is about."""
    phrases = {r["phrase"] for r in read_rows("name_phrases.csv") if r["level"] == "central"}
    return regex.compile(rf"(?:{phrase_pattern(phrases)})(?![\p{{L}}])", regex.IGNORECASE)


def phrase_pattern(phrases: set[str]) -> str:
    """Phrases as a regex alternation, longest first, any run of spaces between their words."""
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True))


@cache
def role_cues() -> dict[str, Lexicon[str]]:
    """Cue phrases by the side of the persons they stand on: 'after' or 'before'."""
    rows = read_rows("roles.csv")
    compounds = [r["phrase"] for r in rows if r["side"] == "none"]
    return {side: Lexicon(((r["phrase"], r["role"]) for r in rows if r["side"] == side), unless=compounds)
            for side in ("after", "before")}


@cache
def boilerplate() -> dict[str, tuple[str, ...]]:
    """Page-clutter phrases by kind (tail, line, byline, credit, photo, owner, widget, banner, masthead), as comparison
    keys."""
    rows = read_rows("boilerplate.csv")
    return {kind: tuple(key(r["phrase"]) for r in rows if r["kind"] == kind) for kind in {r["kind"] for r in rows}}


@cache
def agreement_lexicon() -> Lexicon[str]:
    return Lexicon((v, k.id) for k in agreement_kinds().values() for v in k.variants)


@cache
def document_lexicon() -> Lexicon[str]:
    return Lexicon((v, k.id) for k in document_kinds().values() for v in (k.label_vi, *k.variants))


@cache
def event_lexicon() -> Lexicon[str]:
    return Lexicon((v, k.id) for k in event_kinds().values() for v in k.variants)


def compile_lexicons() -> None:
    """Compile now the lexicons every article needs (about 70 ms), e.g. in a worker before its first article."""
    for lexicon in (title_lexicon, body_lexicon, province_lexicon, honorific_lexicon, role_cues, agreement_lexicon,
                    document_lexicon, event_lexicon):
        lexicon()
