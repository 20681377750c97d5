"""Bodies as written: a kind of body, then what it belongs to, then where it is.

"Ban Dân vận Tỉnh ủy Vĩnh Phúc" is the commission kind ban-dan-van attached to the
party committee tinh-uy of the province Vĩnh Phúc; "Ban cán sự Đảng UBND tỉnh" is a
party delegation attached to the People's Committee of an unnamed province. Which kind
attaches to which, and how, is data (data/vocab/bodies.csv).
"""
from __future__ import annotations

import regex

from kg import vocab
from kg.records import OrgMention, Span

_UNIT = regex.compile(r"\s+(tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)(?![\p{L}])", regex.IGNORECASE)
_WORD = regex.compile(r"\s+([\p{L}\d&][\p{L}\d&\-]*)")
# grammar words that end a proper name ("Công ty Điện lực Quảng Ninh *và* ...")
_NAME_STOP = {"và", "với", "của", "tại", "cùng", "đã", "sẽ", "ký", "về", "trong", "trên", "theo", "cho", "là", "có"}
_LOCALITY = regex.compile(r"\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)?)(?![\p{L}])")
_PROVINCE_UNITS = {"tỉnh", "thành phố", "tp", "tp."}
# what a body of each "attaches" kind may hang from
_PARENT_CATEGORIES = {
    "party-committee": {"party-committee"},
    "state-body": {"state-body", "department"},
    "any": None,
}


def parse_org(text: str, pos: int, absorbed: str | None = None, when=None) -> OrgMention | None:
    """The body named at pos, with its parents and place, or None."""
    lexicon = vocab.absorbed_body_lexicon(absorbed) if absorbed else vocab.body_lexicon()
    found = lexicon.match(text, pos)
    if found is None:
        return None
    end, body = found
    return complete_org(text, pos, end, body, when)


def complete_org(text: str, start: int, end: int, body: vocab.Body, when=None) -> OrgMention:
    """A body whose kind is named in text[start:end]: what it hangs from, or where it is, follows."""
    chain, province, locality, unit, name = (body.id,), None, None, None, None
    if body.attaches in _PARENT_CATEGORIES:
        parent = _parent(text, end, body.attaches, when)
        if parent is not None:
            chain += parent.chain
            province, locality, unit, end = parent.province, parent.locality, parent.unit, parent.span.end
    elif body.attaches == "place":
        end, province, locality, unit = parse_place(text, end, body, when)
    elif body.attaches == "name":
        name, end = _proper_name(text, end)
    return OrgMention(Span(start, end, text[start:end], "body"), chain, province, locality, unit, name)


def _names(word: str) -> bool:
    """A word that can open or close a proper name: capitalised, or a number (Quân khu 2)."""
    return word[0].isupper() or word.isdigit()


def _proper_name(text: str, pos: int) -> tuple[str | None, int]:
    """A capitalised name after "Công ty", "Bệnh viện"...: lower-case words only between capitals."""
    words: list[tuple[str, int]] = []
    at = pos
    while len(words) < 8:
        word = _WORD.match(text, at)
        if not word or word.group(1).casefold() in _NAME_STOP:
            break
        words.append((word.group(1), word.end()))
        at = word.end()
    while words and not _names(words[-1][0]):
        words.pop()
    if not words or not _names(words[0][0]):
        return None, pos
    return text[regex.match(r"\s+", text[pos:]).end() + pos:words[-1][1]], words[-1][1]


def _parent(text: str, pos: int, attaches: str, when) -> OrgMention | None:
    space = regex.match(r"\s+", text[pos:pos + 3])
    if not space:
        return None
    parent = parse_org(text, pos + space.end(), when=when)
    allowed = _PARENT_CATEGORIES[attaches]
    if parent is None or (allowed is not None and vocab.bodies()[parent.kind].category not in allowed):
        return None
    return parent


def parse_place(text: str, pos: int, body: vocab.Body, when=None) -> tuple[int, str | None, str | None, str | None]:
    """(end, province id, locality, unit word) after a body that sits in a place.

    A party committee names its place bare ("Tỉnh ủy Vĩnh Phúc", "Huyện ủy Lệ Thủy");
    other bodies after a unit word ("UBND tỉnh Vĩnh Phúc", "UBND huyện Lệ Thủy").
    """
    bare_name = body.category == "party-committee"
    unit_match = _UNIT.match(text, pos)
    unit = unit_match.group(1).casefold() if unit_match else None
    after = unit_match.end() if unit_match else pos
    if unit is None and not bare_name:
        return pos, None, None, None
    province = _province_at(text, after, when)
    if province and (unit is None or unit in _PROVINCE_UNITS):
        return province[0], province[1], None, unit
    below_province = unit not in _PROVINCE_UNITS if unit else body.level != "province"
    locality = _LOCALITY.match(text, after) if below_province else None
    if locality and not _starts_person(text, locality.start(1)):
        return locality.end(), None, locality.group(1), unit
    return after, None, None, unit


def _province_at(text: str, pos: int, when) -> tuple[int, str | None] | None:
    space = regex.match(r"\s+", text[pos:pos + 3])
    if not space:
        return None
    found = vocab.province_lexicon().match(text, pos + space.end())
    if not found:
        return None
    unit = vocab.province_of_day(found[1], when)
    return found[0], unit.id if unit else None


def _starts_person(text: str, pos: int) -> bool:
    """A capitalised run of three or more words opening with a surname is a person, not a place."""
    words = regex.match(r"(\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){2,}", text[pos:pos + 40])
    return bool(words) and words.group(1).casefold() in vocab.surnames()


def find_orgs(text: str, start: int, end: int, when=None) -> list[OrgMention]:
    """Every body named with a capital letter in text[start:end], longest first, not overlapping."""
    found, pos = [], start
    for match in vocab.body_lexicon().pattern.finditer(text, start, end):
        if match.start() < pos or not text[match.start()].isupper():
            continue
        org = parse_org(text, match.start(), when=when)
        if org is not None:
            found.append(org)
            pos = org.span.end
    return found
