"""Who chaired, signed, attended or spoke: cue words next to the persons of a sentence.

Persons written one after another ("đồng chí A, ... và đồng chí B, ...") form a group;
groups set apart by list punctuation ("; ", a header ending in ":") form one list.
A cue right after a group ("... đồng chủ trì", "... đã ký") gives that group its role;
a cue after the list's last group, when no other group of the list has one of its own,
gives the whole list its role ("Các đồng chí: A, ...; B và C, ..., chủ trì kỳ họp");
else the nearest cue before the list in the sentence does ("Dự kỳ họp có đồng chí A...;
đồng chí B...; lãnh đạo các hội: C, ..."). A cue marked adjacent ("theo", "dưới sự chứng
kiến của") serves only the one person right after it.
Cue phrases, their sides and adjacency are in data/vocab/roles.csv.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from kg import vocab
from kg.extract.sentences import LEFT_TO_RIGHT, PHOTO_POINTER
from kg.normalize import key
from kg.records import RoleMention, Span

Item = tuple[int, int, str]  # (start, end, name) of a person and the posts written with it
Cue = tuple[int, int, str]   # (start, end, role)

# how a person is addressed before the name: "đồng chí", "ông", by a degree ("PGS.TS") or a calling ("nhà báo Lê Hà")
_HONORIFIC = rf"(?:(?:các\s+)?(?:{vocab.honorific_pattern()})(?![\p{{L}}]))"
# what joins persons of a group: "A, B và C", after posts in brackets "A (Chủ tịch ...), B (...)", and after a
# photo's pointer "A (phải) và B ký kết"
# ... "và thay mặt Ban Dân vận Tỉnh ủy, đồng chí B": who each one stands for, between two signatories
_JOINER = regex.compile(rf"^[\s,;:)]*(?:{PHOTO_POINTER})?[\s,;:]*(?:(?:và|cùng|cùng với)\s+)?"
                        rf"(?:(?:thay mặt|đại diện)\s+[^,.;:]{{1,80}}?,\s*)?{_HONORIFIC}?[\s,;:]*$", regex.IGNORECASE)
# what may stand between a group and its cue: "đã", "đã tập trung", "cùng", "trân trọng", "thay mặt hai bên",
# "đại diện hai bên" (... ký, ... phát biểu), "làm trưởng đoàn" (... chủ trì), the bracket closing a post
# ("đại biểu A (Phó Trưởng Ban Dân tộc HĐND tỉnh) đặt câu hỏi") or saying where one is from ("đại biểu Kim Văn
# Sang (Tổ đại biểu thị xã Vĩnh Châu) chất vấn", "ông A, Giám đốc HTX B (xã C, huyện D), cho biết"), and a clause
# between commas saying where one lives or who one is ("Anh A, quê huyện Quan Sơn, cho biết", "ông B, người trực
# tiếp ký thỏa thuận, chia sẻ", "Chị C, quê huyện Mỹ Xuyên, tỉnh Sóc Trăng, làm việc tại một doanh nghiệp, chia
# sẻ"), or where one lives, named in capitals
# ("Bà A ở buôn Ma Giai chia sẻ", "ông B, ngụ ấp Prey Chóp vui mừng: “...”", "Ông C ở tổ 7, phường Gia Sàng kể"),
# or where one lives with its larger places in brackets ("Già làng C ở thôn Ga Ry (xã Ch'ơm, huyện Tây Giang) kể lại"),
# and a status before it (honorifics.csv, column status: "bà D, 81 tuổi, cựu TNXP ở xã Phú Túc (Châu Thành) kể")
# or a calling in lower case after a comma ("Ông E, chủ tàu cá ở xã Bình An, huyện Châu Thành chia sẻ")
# a place named in capitals or by its number, after at most two lower-case words: "buôn Ma Giai", "tổ 7", "ấp Prey Chóp"
_PLACE_NAMED = r"(?:\p{Ll}+\s+){0,2}[\p{Lu}\d][\p{L}'’\d]*(?:\s+\p{Lu}[\p{L}'’]*)*"
_AFTER_FILLER = regex.compile(r"[\s,;:)]*(?:(?:(?:đã tập trung|đã|sẽ|cùng|đồng thời|cũng|đều|vừa|chính thức|trực tiếp"
                              r"|thẳng thắn|trân trọng|(?:làm|là)\s+trưởng\s+đoàn)\s+"
                              r"|\([^()]{1,60}\)[\s,]*"
                              rf"|(?:{vocab.status_pattern()})(?:\s+(?:hạng\s+)?\d(?:/\d)?)?[\s,]+"
                              r"|(?<=,\s{0,3})(?-i:\p{Ll}+(?:\s+\p{Ll}+){0,3})\s+(?=(?:ở|quê|trú tại|ngụ)\s)"
                              r"|(?:ở|quê|trú tại)\s+[^,.;:!?\n()]{1,60}\([^()]{1,60}\)[\s,]*"
                              rf"|(?-i:(?:ở|quê|trú tại|ngụ(?:\s+tại)?)\s+{_PLACE_NAMED}(?:[\s,]+{_PLACE_NAMED})*[\s,]*)"
                              r"|(?:ở|quê|trú tại|ngụ(?:\s+tại)?|người|làm việc tại|công tác tại)\s+[^,.;:!?\n]{1,80},\s*"
                              r"|(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+\p{Lu}[^,.;:!?\n]{0,40},\s*"
                              r"|(?:thay mặt|đại diện)\s+[^.;:]{1,100}?[\s,]+(?=(?:đã\s+)?(?:ký|phát biểu))))*",
                              regex.IGNORECASE)
# a list goes on past "; " after a person's posts, or past a header ending in ":"
# ("...; lãnh đạo các hội: ông ...", "... và lãnh đạo các hội gồm: ông ...")
# or past the end of a line, in a list written a person a line (see kg.extract.facts: "...;\n- Đại tá B ...")
_LIST_GAP = regex.compile(rf"^(?:[^.!?;]*;[^.!?]*|[^.!?;]*:\s*{_HONORIFIC}?\s*"
                          rf"|[^.!?;\n]*[;.,]?[ \t]*\n[\s\-–—•+*]*{_HONORIFIC}?\s*)$", regex.IGNORECASE)
# words that make what stands before the "; " a clause, not the rest of someone's posts
_CLAUSE_WORD = regex.compile(r"(?<![\p{L}])(?:được|đã|sẽ|đang|bị|là|thì|nhưng|để|nhằm|vì|nên)(?![\p{L}])",
                             regex.IGNORECASE)
_NEXT_TO_PERSON = regex.compile(rf"^\s*{_HONORIFIC}?\s*$", regex.IGNORECASE)
# "Cùng đi với đồng chí A có ...": the person gone with (see _companion)
_WITH_BEFORE = regex.compile(rf"(?<![\p{{L}}])với\s+{_HONORIFIC}?\s*$", regex.IGNORECASE)
# "..., cùng dự có đồng chí B": the cue opens the next list, it is not the previous person's
_OPENS_LIST = regex.compile(r"\s+có(?![\p{L}])", regex.IGNORECASE)
# a list headed by what its persons do, then "có", "gồm" or "là": "Dự và trao quyết định có đồng chí A...; bà B...",
# "Đại diện hai bên ký kết gồm: A ...; B ...", "Người ký là bà A và ông B"
_HEADER = regex.compile(rf"(?:^|[,;:]\s*)(?P<head>[^,;:.!?]{{1,60}}?)\s+(?:có|gồm|là)\s*:?(?:\s*{_HONORIFIC})?\s*:?"
                        rf"(?:\s*\n\s*[-–—•+*])?\s*$",
                        regex.IGNORECASE)
# a caption's list after where its persons stand: "Các đại biểu ký kết chương trình phối hợp (từ trái qua): A; B",
# "Đại diện ba cơ quan ký Quy chế phối hợp. Từ trái qua: A, B và C" (what the caption says before names them)
_POINTED = regex.compile(rf"(?P<head>[^;:!?]{{1,120}}?)[\s.,]*\(?\s*{LEFT_TO_RIGHT}\s*\)?\s*:\s*{_HONORIFIC}?\s*$",
                         regex.IGNORECASE)
# "Dự và chủ trì ...": a header's second verb after "và"
_AND = regex.compile(r"\s+và\s+", regex.IGNORECASE)
# those the header says did it for others: "Đại diện lãnh đạo ba cơ quan ký kết quy chế gồm: ..."
_ON_BEHALF = regex.compile(r"(?:đại diện|thay mặt)(?:\s+\p{L}+){0,6}?\s+(?=ký(?![\p{L}]))", regex.IGNORECASE)
# who the header says did it: "các đồng chí ký kết chương trình gồm: ...", "Các đại biểu ký kết Quy chế gồm: ..."
_ADDRESSED = regex.compile(rf"(?:{_HONORIFIC}|(?:các\s+)?(?:vị\s+)?đại biểu)\s+", regex.IGNORECASE)
_DEGREES_LEFT = regex.compile(rf"(?:[\s,]*{_HONORIFIC})*\s*", regex.IGNORECASE)   # "Đại tá*, TS. *"
# a person opening a clause, the subject of what follows: "Thay mặt lãnh đạo tỉnh, đồng chí A ..."
_SUBJECT_PLACE = regex.compile(rf"(?:^|[,;:])\s*{_HONORIFIC}?\s*$", regex.IGNORECASE)
# what a speaker does first, before the verb of speech: lower-case words up to ", " or "và"/"đồng thời"
_FIRST_DEED = regex.compile(r"\s*(?P<deed>\p{Ll}[^,.;:!?]{0,80}?)(?:\s*,\s*|\s+(?:và|đồng thời)\s+)")
# a word that makes what follows a person another clause, not its own deed ("ông A được điều động, ...")
_OTHER_CLAUSE = regex.compile(r"(?<![\p{L}])(?:được|bị|là|thì|nhưng|để|nhằm|vì|nên|khi|nếu|mà|rằng)(?![\p{L}])",
                              regex.IGNORECASE)
_DEED_WORDS = 12
# how one spoke, or nothing, then the quotation: "nghẹn ngào: “", "vui mừng: \"", "A - Giám đốc Sở ...: \""
_QUOTING = regex.compile(r"\s*(?:(?:\p{Ll}+\s+){0,3}\p{Ll}+\s*:\s*|(?<=:\s{0,2}))[\"“]")
# a caption naming nobody: "Các đồng chí chủ trì hội nghị ký kết Quy chế phối hợp"
_CHAIRS_SIGN = regex.compile(r"\W*(?:các|hai|ba)\s+(?:đồng chí|vị)\s+(?:lãnh đạo\s+)?(?:đồng\s+)?chủ trì"
                             r"(?:\s+(?!ký(?![\p{L}]))\p{Ll}+){0,3}\s+(?:(?:đã|cùng)\s+)*(ký(?:\s+kết)?)(?![\p{L}])",
                             regex.IGNORECASE)
# "Đại diện Agribank Phú Thọ có ông A, ...", "Lãnh đạo các địa phương có: ...": whom the persons after it stand for,
# with no cue of its own
_WHOSE_HEADER = regex.compile(r"\W*(?:đại diện|lãnh đạo)\s+[^,;:.!?]{1,60}?\s+(?:có|gồm)(?![\p{L}])\s*:?",
                              regex.IGNORECASE)
# what a post the people extractor read only in part leaves behind: "Quận 10", "Chi nhánh NHCSXH
# tỉnh", "phường Thủ Dầu Một" (capitalised words, one lower-case word after each, place words)
_POST_TAIL_WORD = regex.compile(r"[\s,]*(?:\p{Lu}[\p{L}\d&'’\-]*(?:\s+\p{Ll}+(?=[\s,;:.]|$))?|\d+|tỉnh|thành phố|huyện|quận"
                                r"|thị xã|xã|phường|thị trấn)(?![\p{L}\d])")


def group_items(text: str, items: list[Item]) -> list[list[Item]]:
    """Consecutive items joined only by commas, "và", "đồng chí", a rank, or a post's leftover; a list ends at its
    "và", so a comma after it starts another ("dưới sự chứng kiến của A và B, TS. C và ông D ký")."""
    groups: list[list[Item]] = []
    for item in sorted(items):
        if groups and _joined(text, groups[-1][-1][1], item[0]) and not _after_last(text, groups[-1], item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _joined(text: str, end: int, start: int) -> bool:
    tail = _past_post(text, end, start)
    # a post running right up to the next name is that name's ("..., Thứ trưởng Phan Đức Trung"); a gap that joins
    # by itself is not a post's rest, whatever capitals it holds (", TS. ")
    gaps = (text[tail:start], text[end:start]) if text[tail:start].strip() else (text[end:start],)
    return any(_JOINER.match(_without_rank(gap)) for gap in gaps)


def _after_last(text: str, group: list[Item], item: Item) -> bool:
    """Whether item follows, after a comma only, a group whose last member came after "và"."""
    closed = len(group) > 1 and _AND.search(text, group[-2][1], group[-1][0]) is not None
    gap = text[group[-1][1]:item[0]]
    return closed and "," in gap and _AND.search(gap) is None


def _without_rank(gap: str, posts: bool = False) -> str:
    """"và Đại tá ", "; Đại tá, TS. ": the rank, and a degree after it, belong to the next person; with posts, so
    does a bare title ("của Bộ trưởng ")."""
    titles = [(s, e) for s, e, t in vocab.title_lexicon().finditer(gap) if posts or t.kind == "rank"]
    return gap[:titles[-1][0]] if titles and _DEGREES_LEFT.fullmatch(gap, titles[-1][1]) else gap


def list_of_groups(text: str, groups: list[list[Item]]) -> list[list[list[Item]]]:
    """Groups joined into lists by "; " or a header ":" with no cue of their own between them."""
    lists: list[list[list[Item]]] = []
    for group in groups:
        if lists and _continues_list(text, lists[-1][-1][-1][1], group[0][0]):
            lists[-1].append(group)
        else:
            lists.append([group])
    return lists


def _continues_list(text: str, end: int, start: int) -> bool:
    """Whether the group at start goes on the list of the group ending at end: list punctuation
    between them, before it nothing that reads as a clause (a verb, a cue in running text), and
    no cue opening a list of its own."""
    gap = text[end:start]
    head_end = end + len(gap.split(";" if ";" in gap else ":")[0])
    cues = vocab.role_cues()
    verbs = [s for s, _, _ in cues["after"].finditer(text, end, head_end) if text[s].islower()]
    return (bool(_LIST_GAP.match(_without_rank(gap))) and not _CLAUSE_WORD.search(text, end, head_end) and not verbs
            and next(cues["before"].finditer(text, end, start), None) is None)


def roles_in_sentence(text: str, sentence: Span, items: list[Item]) -> list[RoleMention]:
    """Roles for the persons (start, end, name) named in one sentence."""
    found: list[RoleMention] = []
    floor, reopened = sentence.start, None
    items = [item for item in items if not _companion(text, item)]
    groups = [part for group in group_items(text, items) for part in _split_at_adjacent_cue(text, group)]
    # a group's cue after it stands before the next group
    limits = {id(group): following[0][0] for group, following in zip(groups, groups[1:])}
    for members in list_of_groups(text, groups):
        afters = [_cue_after(text, group[-1][1], limits.get(id(group), sentence.end)) for group in members]
        shared = afters[-1] if not any(afters[:-1]) else None
        before = None if shared else (_cue_before(text, floor, members[0][0][0])
                                      or _cue_right_before(text, reopened, members[0][0][0]))
        if not any(afters) and before is None and len(members) == 1:
            limit = limits.get(id(members[0]), sentence.end)
            afters = [_speech_later(text, sentence, members[0], limit) or _quoting(text, sentence, members[0], limit)]
        for group, after in zip(members, afters):
            cue = after or shared or before
            if cue is not None:
                found += _mentions(text, sentence, group, cue)
        # a cue before serves one list; a cue after closes what it served, but may open one to be read right before
        # the next person ("A tiếp và làm việc với ngài B": A's cue, and B's)
        floor = max([a[1] for a in afters if a] + [members[-1][-1][1]])
        reopened = afters[-1][0] if afters[-1] else None
    return found


def _cue_right_before(text: str, at: int | None, start: int) -> Cue | None:
    """A cue marked adjacent in roles.csv that starts at `at` and ends right before the person at start."""
    hit = vocab.role_cues()["before"].match(text, at) if at is not None else None
    if hit is None or key(text[at:hit[0]]) not in _adjacent_cues() or not _NEXT_TO_PERSON.match(
            _without_rank(text[hit[0]:start])):
        return None
    return at, hit[0], hit[1]


def _companion(text: str, item: Item) -> bool:
    """"Cùng đi với đồng chí Bí thư Tỉnh ủy có ...": the person gone with heads a list of others; the list's cue is
    theirs, not his."""
    return bool(_WITH_BEFORE.search(text, max(0, item[0] - 24), item[0]) and _OPENS_LIST.match(text, item[1]))


def attending_still(text: str, sentence: Span, items: list[Item], before: list[RoleMention]) -> list[RoleMention]:
    """"Dự hội nghị có A; B. Đại diện Agribank có ông C, Giám đốc; ông D": a list under a header saying only whom its
    persons stand for goes on with those attending just before (`before`, the roles of the sentence before)."""
    header = _WHOSE_HEADER.match(text, sentence.start, sentence.end)
    if header is None or not before or before[-1].role != "attendee" or items[:1] and items[0][0] < header.end():
        return []
    cue = Span(header.start(), header.end(), header.group(), "role-attendee")
    return [RoleMention(name, "attendee", cue, sentence) for _, _, name in items]


def chairs_signing(text: str, sentence: Span, chairs: list[RoleMention]) -> list[RoleMention]:
    """"Các đồng chí chủ trì hội nghị ký kết Quy chế phối hợp" (a caption naming nobody): the chairs sign,
    when the article names them all in one place (one cue), so which persons are meant is not in doubt."""
    found = _CHAIRS_SIGN.match(text, sentence.start, sentence.end)
    if found is None or len(chairs) < 2 or len({r.span for r in chairs}) != 1:
        return []
    cue = Span(found.start(1), found.end(1), found.group(1), "role-signatory")
    return [RoleMention(r.person, "signatory", cue, sentence) for r in chairs]


def _speech_later(text: str, sentence: Span, group: list[Item], limit: int) -> Cue | None:
    """A verb of speech after what the clause's subject does first: "Thay mặt lãnh đạo tỉnh, đồng chí A
    tiếp thu ý kiến của đoàn và khẳng định ...", "Chủ tịch UBND tỉnh B tiếp thu ý kiến đại biểu, khẳng định ..."."""
    if not _SUBJECT_PLACE.search(text[sentence.start:group[0][0]]):
        return None
    start = _past_post(text, group[-1][1], limit)
    deed = _FIRST_DEED.match(text, start, limit)
    if deed is None or _OTHER_CLAUSE.search(deed.group("deed")) or len(deed.group("deed").split()) > _DEED_WORDS:
        return None
    at = _AFTER_FILLER.match(text, deed.end(), limit).end()
    hit = vocab.role_cues()["after"].match(text[:limit], at)
    return (at, hit[0], "speaker") if hit and hit[1] == "speaker" else None


def _quoting(text: str, sentence: Span, group: list[Item], limit: int) -> Cue | None:
    """The one person a clause opens with, then a few words of how they spoke, or none, and a quotation: "Bà A nghẹn
    ngào: “...”", "ông B, ngụ ấp Prey Chóp vui mừng: “...”", "C - Giám đốc Sở Du lịch: “...”"."""
    if len(group) != 1 or not _SUBJECT_PLACE.search(text[sentence.start:group[0][0]]):
        return None
    at = _AFTER_FILLER.match(text, _past_post(text, group[-1][1], limit), limit).end()
    said = _QUOTING.match(text, at, limit)
    return (at, said.end(), "speaker") if said and not _OTHER_CLAUSE.search(said.group()) else None


def _split_at_adjacent_cue(text: str, group: list[Item]) -> list[list[Item]]:
    """A cue standing right before a group serves its first person only ("Dưới sự chứng kiến của
    đồng chí A, đồng chí B và đồng chí C đã ký kết": A witnessed, B and C signed), or the first persons joined
    by "và" before a comma ("chứng kiến của Bộ trưởng A và Chủ tịch UBND tỉnh B, Thứ trưởng C và ... D đã ký")."""
    start = group[0][0]
    bound = any(key(text[s:e]) in _adjacent_cues() and _NEXT_TO_PERSON.match(_without_rank(text[e:start], posts=True))
                for s, e, _ in vocab.role_cues()["before"].finditer(text, max(0, start - 60), start))
    if not bound or len(group) < 2:
        return [group]
    gaps = [text[a[1]:b[0]] for a, b in zip(group, group[1:])]
    if all(_AND.fullmatch(gap) for gap in gaps):
        return [group]   # "A và B" closed by its "và" (see group_items): both are served
    cut = next((i for i, gap in enumerate(gaps, 1) if "," in gap or ";" in gap), len(group))
    cut = cut if cut < len(group) and all(_AND.fullmatch(gap) for gap in gaps[:cut - 1]) else 1
    return [group[:cut], group[cut:]]


def _mentions(text: str, sentence: Span, group: list[Item], cue: Cue) -> list[RoleMention]:
    start, end, role = cue
    cue_span = Span(start, end, text[start:end], f"role-{role}")
    return [RoleMention(name, role, cue_span, sentence) for _, _, name in group]


def _cue_after(text: str, pos: int, limit: int) -> Cue | None:
    """The cue right after pos, or after some of what is left of a post there."""
    for at in _post_tail(text, pos, limit):
        filler = _AFTER_FILLER.match(text, at, limit)
        start = filler.end() if filler else at
        hit = vocab.role_cues()["after"].match(text[:limit], start)
        if hit and not _OPENS_LIST.match(text, hit[0]):
            return start, hit[0], hit[1]
    return None


def _cue_before(text: str, start: int, end: int) -> Cue | None:
    """The cue a list's header opens with ("Đến dự và phát biểu chỉ đạo có đồng chí A; ..." attend), else the last
    cue before end; one marked adjacent in roles.csv ("Theo đồng chí A, ...") only right before it."""
    header = _header_cue(text, start, end) or _pointed_cue(text, start, end)
    if header:
        return header
    hits = [h for h in vocab.role_cues()["before"].finditer(text, start, end)
            if key(text[h[0]:h[1]]) not in _adjacent_cues() or _NEXT_TO_PERSON.match(_without_rank(text[h[1]:end]))]
    return hits[-1] if hits else None


def _header_cue(text: str, start: int, end: int) -> Cue | None:
    """The cue a list's header "<what they did> có" opens with: "Dự và trao quyết định có", "Ký kết kế hoạch có";
    not a verb of speech ("Đề nghị khen thưởng có ông A" proposes A, A does not speak)."""
    header = _HEADER.search(_without_rank(text[start:end]))
    if header is None:
        return None
    at = start + header.start("head")
    behalf = _ON_BEHALF.match(text, at)
    at = behalf.end() if behalf else at
    addressed = _ADDRESSED.match(text, at)
    at = addressed.end() if addressed else at
    cues = vocab.role_cues()
    hit = cues["before"].match(text, at) or cues["after"].match(text, at)
    if hit is None or hit[1] == "speaker" or key(text[at:hit[0]]) in _adjacent_cues():
        return None
    # "Dự và chủ trì buổi lễ có ...": those who attend and chair, chair
    joined = _AND.match(text, hit[0]) if hit[1] == "attendee" else None
    second = cues["before"].match(text, joined.end()) if joined else None
    return (at, second[0], "chair") if second and second[1] == "chair" else (at, hit[0], hit[1])


def _pointed_cue(text: str, start: int, end: int) -> Cue | None:
    """The last cue of a caption's words before "(từ trái qua):" and the list of those they name."""
    pointed = _POINTED.search(_without_rank(text[start:end]))
    if pointed is None:
        return None
    cues = vocab.role_cues()
    head = (start + pointed.start("head"), start + pointed.end("head"))
    hits = sorted([*cues["before"].finditer(text, *head), *cues["after"].finditer(text, *head)])
    return hits[-1] if hits and hits[-1][2] != "speaker" else None


@cache
def _adjacent_cues() -> frozenset[str]:
    return frozenset(key(r["phrase"]) for r in vocab.read_rows("roles.csv") if r["side"] == "before" and r["adjacent"])


def _past_post(text: str, pos: int, limit: int) -> int:
    """Where the capitalised rest of a post ends ("Giám đốc Công an tỉnh, Chính ủy Bộ CHQS tỉnh")."""
    return list(_post_tail(text, pos, limit))[-1]


def _post_tail(text: str, pos: int, limit: int) -> Iterator[int]:
    """pos, then the end of each word of the rest of a post after it."""
    at = pos
    while True:
        yield at
        word = _POST_TAIL_WORD.match(text, at, limit)
        if word is None:
            return
        begin = word.end() - len(word.group().lstrip(" ,"))
        named = vocab.title_lexicon().match(text, begin) or vocab.body_lexicon().match(text, begin)
        at = named[0] if named and word.end() <= named[0] <= limit else word.end()
