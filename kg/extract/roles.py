"""Who chaired, signed, attended or spoke: cue words next to the persons of a sentence.

Persons written one after another ("đồng chí A, ...; đồng chí B, ...") form a group;
a cue right after the group ("... đồng chủ trì", "... đã ký") gives the group its role,
else the nearest cue before it in the sentence ("Tới dự có các đồng chí: ...").
Cue phrases and their sides are in data/vocab/roles.csv.
"""
from __future__ import annotations

import regex

from kg import vocab
from kg.records import RoleMention, Span

_JOINER = regex.compile(r"^[\s,;:]*(?:(?:và|cùng|cùng với)\s+)?(?:(?:các\s+)?(?:đồng chí|đ/c|ông|bà)\b)?[\s,;:]*$",
                        regex.IGNORECASE)
_AFTER_FILLER = regex.compile(r"[\s,;:]*(?:(?:đã|sẽ|cùng|đồng thời|cũng|đều|vừa)\s+)*", regex.IGNORECASE)


def group_items(text: str, items: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Consecutive (start, end, person) items joined only by commas, "và", "đồng chí"."""
    groups: list[list[tuple[int, int, str]]] = []
    for item in sorted(items):
        if groups and _JOINER.match(text[groups[-1][-1][1]:item[0]]):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def roles_in_sentence(text: str, sentence: Span, items: list[tuple[int, int, str]]) -> list[RoleMention]:
    """Roles for the persons (start, end, name) named in one sentence."""
    found: list[RoleMention] = []
    floor = sentence.start
    for group in group_items(text, items):
        after = _cue_after(text, group[-1][1], sentence.end)
        cue = after or _cue_before(text, floor, group[0][0])
        floor = after[1] if after else group[-1][1]  # a cue serves one group only
        if cue is None:
            continue
        start, end, role = cue
        cue_span = Span(start, end, text[start:end], f"role-{role}")
        found += [RoleMention(name, role, cue_span, sentence) for _, _, name in group]
    return found


def _cue_after(text: str, pos: int, limit: int) -> tuple[int, int, str] | None:
    filler = _AFTER_FILLER.match(text, pos, limit)
    at = filler.end() if filler else pos
    hit = vocab.role_cues()["after"].match(text[:limit], at)
    return (at, hit[0], hit[1]) if hit else None


def _cue_before(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    hits = list(vocab.role_cues()["before"].finditer(text, start, end))
    return hits[-1] if hits else None
