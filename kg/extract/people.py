"""Officials and their posts: names with the titles written before or after them.

Patterns (each has a rule id recorded as provenance):
  name-then-posts   "Lê Duy Thành, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"  (, ; : - – — spaced or glued,
                    "(", "là", "giữ chức", "được bầu làm"; posts joined by commas, "kiêm", "đồng thời là")
  posts-then-name   "Phó Chủ tịch UBND tỉnh Trần Minh Khoa", "Bí thư Tỉnh ủy, đồng chí Trần Minh Khoa"
  shared-posts      "các đồng chí Ủy viên BCH Đảng bộ tỉnh: A - Chánh Văn phòng...; B - ...",
                    "Các Phó Chủ tịch gồm: A; B"
  joined-posts      "A và B, Phó Chủ tịch HĐND tỉnh": the posts written after the last name of those joined
  posts-given       "bầu chức danh Phó Chủ tịch UBND tỉnh đối với ông A", "chỉ định bà B ... giữ chức Bí thư"
  honorific-name    "đồng chí Nguyễn Văn A" with no post stated ("các đồng chí A, B và C"; "A, nguyên Bí thư")
  title-reference   posts with no name ("Chủ tịch UBND tỉnh phát biểu"), resolved later

A post's body is written after its title, lent by a neighbouring post of the same list
("Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy"), by the side the sentence names
("về phía Báo Yên Bái có đồng chí X - Tổng Biên tập") or by the principal's post a list of
deputies follows; a body the vocabulary lacks is quoted with its title and lent by no one.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from kg import vocab
from kg.extract.bodies import (UNIT_WORDS, complete_org, is_surname, parent_categories, parse_org, unlisted_body_end,
                              unnamed)
from kg.extract.documents import NUMBER as DOCUMENT_NUMBER
from kg.extract.sentences import PHOTO_POINTER
from kg.normalize import key
from kg.records import OrgMention, PersonMention, PostMention, Span, TitleReference

# a syllable of a name; "K'", "H'" stand alone before the next one in some Central Highlands names, and Cơ Tu names
# glue two ("Bh'riu"); Lao and Korean names written in Vietnamese join syllables with hyphens ("Khăm-sổn",
# "Min-sik"), and romanised ones may go on in capitals ("Ming-Hsiu", "Lopez-Sanz": plain letters, so no "Sơn-Phó
# Giám đốc" glued without spaces)
_SYLLABLE = (r"(?:\p{Lu}(?:['’]\p{Lu})?\p{Ll}*(?:-\p{Ll}+|-[A-Z][a-z]+)*(?!['’])|\p{Lu}['’](?=[ ]\p{Lu})"
             r"|\p{Lu}\p{Ll}+['’]\p{Ll}+)")
# a name of one word, its prefix glued by an apostrophe ("K'Bríu", "H'Lan")
_GLUED_NAME = r"\p{Lu}['’]\p{Lu}\p{Ll}+(?:-\p{Ll}+|-[A-Z][a-z]+)*"
# the particles of European names between their capitalised words ("Pieter van den Berg", "Jan de Vries")
_PARTICLE = rf"(?:[ ]+(?:{vocab.name_particle_pattern()}))"
_NAME = regex.compile(rf"(?<![\p{{L}}\p{{N}}])({_SYLLABLE}(?:{_PARTICLE}{{0,2}}[ ]+{_SYLLABLE}){{1,9}}|{_GLUED_NAME})"
                      rf"(?![\p{{L}}\p{{N}}])")
_ONE_WORD_NAME = regex.compile(_GLUED_NAME)
_NAME_WORDS = (2, 7)
# a post taken up: "bầu ông A, Giám đốc Sở Nội vụ, giữ chức Ủy viên UBND tỉnh", "bà B được hiệp thương
# giữ chức Chủ tịch Ủy ban MTTQ xã", "ông C được bầu làm Phó Chủ tịch", "ông D (tái) trúng cử Chủ tịch HĐND",
# "ông E nhận quyết định bổ nhiệm Phó Trưởng Ban Tiếp công dân tỉnh"
_HOLD_POST = r"giữ chức(?:\s+(?:vụ|danh))?"  # "giữ chức", "giữ chức vụ", "giữ chức danh"
# where one goes to work before the post taken up there: "..., đến nhận công tác tại Ban Kinh tế Trung ương, giữ chức"
_GOES_TO_WORK = r"(?:(?:đến|về)\s+(?:nhận\s+)?công tác tại\s+[^,;.\n]{1,80},\s*)?"
_TAKES_UP = (rf"(?:đã\s+)?(?:được(?:,?\s+\p{{Ll}}+){{1,4}}?\s+(?:{_HOLD_POST}|làm)"  # "(đã) được bầu (giữ chức|làm)"
             rf"|{_GOES_TO_WORK}{_HOLD_POST}|giữ cương vị|đảm nhiệm chức(?:\s+vụ)?"
             rf"|nhận quyết định (?:bổ nhiệm|điều động|chỉ định)(?:\s+(?:giữ\s+)?chức(?:\s+(?:vụ|danh))?)?"
             r"|(?:tái\s+)?(?:trúng|đắc)\s+cử(?:\s+chức\s+(?:vụ|danh))?)\s+")
# a photo's pointer between a name and its posts
_POINTER = rf"\s*{PHOTO_POINTER}\s*[,\-–]?\s*"
# "cụ Lê Đình Khải, 84 tuổi, Chủ tịch Hội NCT phường": an age between the name and the posts; so is an honour or a
# status ("ông Vũ Văn Tình, thương binh hạng 1/4, nguyên Đại đội trưởng ...")
_NAME_TO_POSTS = regex.compile(rf"\s*,\s*(?:\d{{1,3}}\s+tuổi|(?:{vocab.status_pattern()})(?:\s+hạng\s+\d(?:/\d)?)?)\s*,\s*"
                            rf"|\s*,?\s+{_TAKES_UP}|\s*,?\s+(?:hiện\s+)?là\s+"
                            rf"|\s*[,;:(]\s*|\s*[-–—]\s*|\s+", regex.IGNORECASE)
_POINTER_TO_POSTS = regex.compile(_POINTER)
_POST_TO_POST = regex.compile(rf"\s*,?\s+{_TAKES_UP}|\s*,\s*(?:đồng thời là\s+|kiêm\s+)?|\s+kiêm\s+", regex.IGNORECASE)
_TAKING_UP = regex.compile(rf"\s*,?\s+{_TAKES_UP}", regex.IGNORECASE)

_SPACE = regex.compile(r"[ ]+")  # a post never runs over a line break
_WORD_START = regex.compile(r"(?<=\s)\S")
_HONORIFICS = vocab.honorific_pattern()
# "; ", ", và bà ", " (tái cử) và ": an aside in brackets may close the entry before
_LIST_NEXT = regex.compile(rf"^\s*(?:\([^()\n]{{1,30}}\)\s*)?(?:[;,]\s*(?:và\s+)?|và\s+)(?:(?:{_HONORIFICS})\s+)?$",
                           regex.IGNORECASE)
_HONORIFIC_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?:{_HONORIFICS})\s*:?\s*$", regex.IGNORECASE)
# "ông", "bà", "thương binh" right before a name: a person named in the story, an official or not; capitalised
# only where a sentence or a caption ("[Ảnh 2] Vận động viên A") starts ("Bà Cô Dợ" in quotes names a cult); never
# after a plural, which names a group ("các diễn viên Đoàn Ca múa nhạc"), nor in a memorial's name ("Nghĩa trang
# liệt sĩ Hàng Dương")
_COURTESY_BEFORE = regex.compile(rf"(?:(?<![\p{{L}}])(?<!(?:các|những|(?i:{vocab.memorial_pattern()}))[ ]+)"
                                 rf"(?:{vocab.person_pattern()})"
                                 rf"|(?:^|(?<=[.!?:;\]]\s)|(?<=\n)"
                                 rf"|(?<=(?:^|[.!?:;\n])\s*[-–•+]\s))"
                                 rf"(?:{vocab.person_pattern(capitalised=True)}))[ ]+$")
# how far before a name its courtesy word may begin: the longest one ("Anh hùng Lực lượng vũ trang nhân dân"), a
# bullet and the spaces around it
_COURTESY_REACH = max(map(len, vocab.person_words())) + 6
_HONORIFIC_IN = regex.compile(rf"(?<![\p{{L}}])(?:{_HONORIFICS})(?![\p{{L}}])", regex.IGNORECASE)
# "Đặng Hoàng Khang (SN 1995)": a year of birth after a name says it is a person's
_BORN_AFTER = regex.compile(r"[ ]*\((?:SN|sinh năm|sinh)[ ]*(?:19|20)\d\d\b", regex.IGNORECASE)
_COMRADE_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?:{vocab.honorific_pattern(official_only=True)})\s*:?\s*$",
                                regex.IGNORECASE)
_RANKS = "|".join(r"\s+".join(map(regex.escape, v.split()))
                  for t in vocab.titles().values() if t.kind == "rank" for v in t.variants)
# "các đại biểu Quốc hội đơn vị bầu cử số 3 tỉnh Đắk Lắk gồm: Thượng tướng A, ...; bà B, ...",
# "các đại biểu Quốc hội tỉnh: A, ...; B, ...", "bầu 3 Phó Chủ tịch UBND tỉnh gồm các ông: A - ...; B - ..."
_SHARED_OPEN = regex.compile(rf"(?P<unit>\s+(?:đơn vị bầu cử(?:\s+số)?\s+\d+[^:;.\n]{{0,30}}?"
                             rf"|(?:tỉnh|thành phố)(?:\s+\p{{Lu}}\p{{L}}*){{0,4}}))?\s*(?:gồm|là)?"
                             rf"(?:\s+các\s+(?:ông|bà|đồng\s+chí|đ/c))?\s*:\s*"
                             rf"(?:(?:{_HONORIFICS}|{_RANKS})\s+)?", regex.IGNORECASE)
# "các đại biểu Quốc hội": a label each of those listed holds ("Tổ đại biểu Quốc hội" names a group)
_EACH_BEFORE = regex.compile(r"(?<![\p{L}])(?:các|hai|ba|bốn|\d)\s+(?:(?:đồng chí|đ/c)\s+)?$", regex.IGNORECASE)
_RANK_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?:{_RANKS})\s+$", regex.IGNORECASE)
_INTRODUCED = regex.compile(rf"(?<![\p{{L}}])(?:{_HONORIFICS}|{_RANKS})\s*:?\s*$", regex.IGNORECASE)
# "các đồng chí A, B và C": every name of the list is an official's
_COMRADES_BEFORE = regex.compile(r"(?<![\p{L}])các\s+(?:đồng chí|đ/c)\s*:?\s*$", regex.IGNORECASE)
_ADDRESS = regex.compile(rf"\s*[,\-–]?\s*(?<![\p{{L}}])(?:{_HONORIFICS})\s+$", regex.IGNORECASE)
# "Chủ tịch UBND tỉnh là ông A", "Hai Phó Chủ tịch HĐND tỉnh là ông A và bà B": the post the name is said to hold
_IS_ADDRESS = regex.compile(rf"\s+là\s+(?:(?:{_HONORIFICS})\s+)?$", regex.IGNORECASE)
# "Phó Bí thư Thị ủy, Chủ tịch UBND thị xã - Võ Thành Lộc": posts, a dash, then the name
_DASH_TO_NAME = regex.compile(r"[ ]+[-–][ ]+$")
_BRACKET_TO_NAME = regex.compile(rf"[ ]*\([ ]*(?:(?:{_HONORIFICS})[ ]+)?$", regex.IGNORECASE)
# what may stand between a post list and the name it is of, and how far back it may begin
_GAPS_TO_NAME = ((_IS_ADDRESS, 20), (_ADDRESS, 20), (_DASH_TO_NAME, 4), (_BRACKET_TO_NAME, 20))
_ADDRESS_NEXT = regex.compile(rf"\s*,\s*(?:{_HONORIFICS})\s+", regex.IGNORECASE)
_DASH_NEXT = regex.compile(r"[ ]+[-–][ ]+")
_TERM = regex.compile(r"\s+khóa\s+(?:[IVXLC]+|\d+)(?![\p{L}\d])", regex.IGNORECASE)  # "ĐBQH khóa XV"
_FORMER_WORDS = r"(?:nguyên(?:\s+là)?|cựu|từng\s+(?:là|giữ chức))"  # "nguyên Bí thư", "từng là Chủ tịch"
_FORMER_AFTER = regex.compile(rf"{_FORMER_WORDS}\s+", regex.IGNORECASE)
_FORMER_NEXT = regex.compile(rf"\s*,\s*{_FORMER_WORDS}\s+", regex.IGNORECASE)  # "..., nguyên Chủ tịch UBND tỉnh"
# what closes former posts and opens those held now: "nguyên A - B", "nguyên A (cũ), B", "nguyên A (cũ), giữ chức B",
# "nguyên A, hiện là B"
_NOW_AFTER_FORMER = regex.compile(rf"\s+[-–—]\s+|\s*(?:\(cũ\)\s*)?,?\s+{_TAKES_UP}"
                                  r"|\s*(?:\(cũ\)\s*)?,\s*(?:hiện\s+(?:đang\s+)?là|nay\s+là)\s+|\s*\(cũ\)\s*,\s*",
                                  regex.IGNORECASE)
# "A và B, Phó Chủ tịch HĐND tỉnh": names joined like this (an aside in brackets may follow one: "A (tái cử) và B")
# share the posts written after the last (the rule of a person so named)
JOINED_POSTS = "joined-posts"
_JOINED = regex.compile(rf"^\s*(?:\([^()]{{1,30}}\)\s*)?(?:,|và|,\s*và)\s+(?:(?:{_HONORIFICS}|{_RANKS})\s+)?$",
                     regex.IGNORECASE)
# "Các đồng chí: A, nguyên Bí thư Tỉnh ủy Hà Giang; B, nguyên ...; C, ... được chỉ định giữ chức ...": persons of a
# list joined as in _JOINED, or set apart by semicolons with the name right after each ("...; các đồng chí B, C được
# chỉ định ..." opens a new subject)
_LISTED_AFTER = regex.compile(rf"{_JOINED.pattern}|^\s*;\s*$", regex.IGNORECASE)
# "A, ... và B, ... được bầu giữ chức ...": names whose last join is "và" are one subject
_JOINED_BY_VA = regex.compile(rf"^\s*,?\s*và\s+(?:(?:{_HONORIFICS})\s+)?$", regex.IGNORECASE)
# "A, B và C lần lượt là <posts>; <posts>; <posts>", "... lần lượt được cử giữ chức <post>"
_RESPECTIVELY = regex.compile(rf"\s*,?\s*lần lượt\s+(?:là|{_HOLD_POST}|(?:được|đã được)(?:\s+\p{{Ll}}+){{1,3}}?\s+"
                              rf"(?:{_HOLD_POST}|làm|là))\s+", regex.IGNORECASE)
_NEXT_GROUP = regex.compile(r"\s*;\s*")
_TAKEN_UP_BEFORE = regex.compile(rf"{_TAKES_UP}$", regex.IGNORECASE)
_WORD_BEFORE = regex.compile(r"(?<![\p{L}])\p{L}+\s+$")
# "về phía Báo Yên Bái có đồng chí X - Tổng Biên tập": the side a bare title belongs to
# a post given by an act: "bầu bổ sung chức danh Phó Chủ tịch UBND tỉnh nhiệm kỳ 2016 - 2021 đối với
# ông A", "chỉ định bà B tham gia Ban Chấp hành và giữ chức Bí thư Đảng ủy Sở Y tế"; or relieved of, which
# the person held until then: "miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông A", "cho thôi giữ chức ..."
_GIVES = (r"(?:bầu(?:\s+bổ sung)?|phê chuẩn(?:\s+kết quả bầu)?|bổ nhiệm(?:\s+lại)?|chỉ định|công nhận|điều động"
          r"|luân chuyển|miễn nhiệm|(?:cho\s+)?thôi\s+(?:giữ|đảm nhiệm))")
_GIVEN_POSTS = regex.compile(rf"(?<![\p{{L}}]){_GIVES}\s+(?:chức(?:\s+(?:danh|vụ))?\s+)?$", regex.IGNORECASE)
_GIVEN_TO = regex.compile(rf"(?:\s+nhiệm kỳ\s+\d{{4}}\s*[-–]\s*\d{{4}})?\s+đối với\s+(?:(?:{_HONORIFICS})\s+)?"
                          rf"(?:(?:{_RANKS})\s+)?$", regex.IGNORECASE)
_GIVEN_NAME = regex.compile(rf"(?<![\p{{L}}]){_GIVES}\s+(?:(?:{_HONORIFICS})\s+)?$", regex.IGNORECASE)
# "... đối với đồng chí A do được Ban Thường vụ Tỉnh ủy điều động, phân công giữ chức <post>"
_GIVEN_LATER = regex.compile(rf"(?<![\p{{L}}])được\s+(?:\S+\s+){{0,8}}?{_GIVES}(?![\p{{L}}])", regex.IGNORECASE)
_LATER_TAKES_UP = regex.compile(rf"[^;.\n]{{0,220}}?(?<![\p{{L}}]){_HOLD_POST}\s+")
# "A trao quyết định cho các đồng chí được chỉ định giữ chức <post>": others take the post up (lower case: "Bà Rịa")
_OTHERS_NAMED = regex.compile(r"(?<![\p{L}])(?:các\s+)?(?:đồng\s+chí|ông|bà|đ/c)(?![\p{L}])")
# "Thừa ủy quyền của Chủ tịch nước, Thứ trưởng A trao ...": the post after it is the authority's
_ON_AUTHORITY = regex.compile(r"(?<![\p{L}])(?:ủy quyền|thừa lệnh)\s+(?:của\s+)?$", regex.IGNORECASE)
_ON_BEHALF = regex.compile(r"(?<![\p{L}])thay mặt\s+$", regex.IGNORECASE)
_COMMA_NEXT = regex.compile(r"\s*,")
_AUTHORITY_WORD = regex.compile(r"(?<![\p{L}])ủy\s+$", regex.IGNORECASE)
# "của Chủ tịch nước, đồng chí A", "Thông tin với Đại sứ, đồng chí A": the post is another's, whom A addresses
_OF_BEFORE = regex.compile(r"(?<![\p{L}])(?:của|với)\s+$", regex.IGNORECASE)
# what lies between a cited document's number and its issuer: "... ngày 6/1/2022 của "
_ISSUED_BY = regex.compile(r"\s*(?:ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\s*)?,?\s*của\s+",
                           regex.IGNORECASE)
_CITATION_CHARS = 60
# "về phía Báo Yên Bái có ...", "Đại diện Agribank Phú Thọ có ông A, Giám đốc; ông B, Phó Giám đốc": a side's people
_SIDE = regex.compile(r"(?<![\p{L}])(?:về phía|(đại diện))\s+", regex.IGNORECASE)
_SIDE_HAS = regex.compile(r"\s+có\s", regex.IGNORECASE)
_SIDE_END = regex.compile(r"\.|(?<![\p{L}])(?:phía|đại diện)\s", regex.IGNORECASE)  # "; ông B, Phó Giám đốc" goes on
_FORMER = regex.compile(rf"(?<![\p{{L}}]){_FORMER_WORDS}\s+$", regex.IGNORECASE)
_LOCAL_UNITS = {"huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"}
_COMMUNE_UNITS = {"xã", "phường", "thị trấn", "đặc khu"}
# commune bodies with no party committee of their own: a bare "Đảng ủy" next to one is the commune's
_COMMUNE_LENDERS = {"state-body", "front", "mass-organization", "police", "military"}
_HANGS = ("party-committee", "committee", "state-body", "any")  # bodies that hang from another one
_MIDDLE_NAMES = {"Thị", "Văn"}
_DEPUTY = "dai-bieu"
_UNIT_FIRST = regex.compile(rf"(?:{UNIT_WORDS})[ ]", regex.IGNORECASE)
_UNIT_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?:{UNIT_WORDS}|{vocab.hamlet_pattern()})[ ]+$")
_DELEGATION_BEFORE = regex.compile(r"(?<![\p{L}])(?:đoàn|tổ)\s+$", regex.IGNORECASE)
_IN_CHARGE = regex.compile(r"[ ]+phụ trách(?=[ ])")
_TITLE_DASH = regex.compile(r"[ ]+[-–][ ]+")
_PLACE_AFTER_COMMA = regex.compile(rf"[ ]*,[ ]*(?:{UNIT_WORDS})[ ]+\p{{Lu}}")
_DEPARTMENT_HEAD = regex.compile(rf"[ ]+(?:{vocab.department_heads()})(?![\p{{L}}])")
_HEAD_ALONE = regex.compile(r"[ ]*(?:[,;.:)]|$)|[ ]+\p{Ll}", regex.MULTILINE)
_THIS_BODY = regex.compile(r"[ ]+(?:nhà trường|bệnh viện|nhà máy|công ty)(?![\p{L}])")
_NOT_NAMES = {"việt nam", "trung ương", "nhà nước", "quốc hội", "chính phủ", "nhân dân"}


def parse_post(text: str, pos: int, when=None) -> tuple[PostMention | None, str | None, int]:
    """(post, rank id, end) for a title at pos; (None, None, pos) when there is none."""
    found = vocab.title_lexicon().match(text, pos)
    if found is None:
        return None, None, pos
    end, title = found
    if title.kind == "rank":
        return None, title.id, end
    post, end = _reading(text, pos, end, title, when)
    if title.kind == "job" and post.org is None:   # "lái xe container": a trade, not a post held in a body
        return None, None, pos
    plain = vocab.one_title_lexicon(title.canonical).match(text, pos) if title.canonical else None
    if plain is not None:  # "Ủy viên Trung ương Đảng Nhân dân Cách mạng Lào": the plain title and a longer body
        plain_post, plain_end = _reading(text, pos, plain[0], plain[1], when)
        if plain_post.org is not None and plain_end > end:
            post, end = plain_post, plain_end
    return post, None, end


def _reading(text: str, pos: int, end: int, title: vocab.Title, when) -> tuple[PostMention, int]:
    """The post of a title found at text[pos:end], with its body, and where it ends."""
    org = _implied_org(text, pos, end, title, when) if title.implies else _own_org(text, pos, end, title, when)
    in_charge = _IN_CHARGE.match(text, end) if org is None and not title.implies else None
    if in_charge:  # "Phó Giám đốc phụ trách Sở Nông nghiệp": the deputy running the body, its post as written
        org = _own_org(text, pos, in_charge.end(), title, when)
    if org is None and not title.implies:
        org = _body_of_joined_title(text, pos, end, title, when)
    # a body the vocabulary lacks is still the post's own: quoted whole, never borrowed; so is the body the story
    # is about, named by what it is ("Hiệu trưởng nhà trường", "Giám đốc bệnh viện")
    this_body = _THIS_BODY.match(text, end) if org is None else None
    head = (_department_alone(text, end) if org is None and not this_body
            and vocab.HEADED_CATEGORIES.intersection(title.categories) else None)
    end = (org.span.end if org is not None else this_body.end() if this_body else head if head is not None
           else unlisted_body_end(text, end, when))
    # a place after a comma is where the body is, not the post as written ("Trưởng thôn Nà Lốc, xã Bảo Nhai, huyện
    # Bắc Hà"): the body keeps it, the post is said up to the comma
    said = _PLACE_AFTER_COMMA.search(text, pos, end)
    span = Span(pos, said.start() if said else end, text[pos:said.start() if said else end], "post")
    # the body's term ("Phó Chủ tịch UBND tỉnh *khóa XIII*", "ĐBQH *khóa XV*") is read past, not kept in the post:
    # the same post in every term
    term = _TERM.match(text, end)
    return PostMention(span, title.canonical or title.id, org), term.end() if term else end


def _body_of_joined_title(text: str, start: int, end: int, title: vocab.Title, when) -> OrgMention | None:
    """"Phó Chỉ huy trưởng - Tham mưu trưởng Bộ CHQS tỉnh", "Phó Tư lệnh - Tham mưu trưởng Quân khu 1": two titles
    joined by a dash name one body, written after the second; one post, as written, when the first can be in it."""
    joined = _TITLE_DASH.match(text, end)
    second = vocab.title_lexicon().match(text, joined.end()) if joined else None
    if second is None or second[1].kind != "post":
        return None
    org = _own_org(text, start, second[0], second[1], when)
    return org if org is not None and vocab.bodies()[org.kind].category in title.categories else None


def _department_alone(text: str, end: int) -> int | None:
    """Where a department's head word written alone after a title ends ("Phó Giám đốc *Sở*, Chi cục trưởng ...",
    "Giám đốc *Sở* Nguyễn Văn A"): the department the story is about, part of the post as written; None when the
    head word opens a name."""
    head = _DEPARTMENT_HEAD.match(text, end)
    if head is None:
        return None
    if _HEAD_ALONE.match(text, head.end()):
        return head.end()
    name = _NAME.match(text, head.end() + 1) if text.startswith(" ", head.end()) else None
    return head.end() if name and _has_surname(name.group(1)) else None


def _own_org(text: str, start: int, end: int, title: vocab.Title, when) -> OrgMention | None:
    """The body written with a title: after it, or partly inside it when the title swallowed
    its first word ("Trưởng Ban *Dân vận Tỉnh ủy*") or its whole name ("Chánh *Văn phòng*
    UBND tỉnh", "Trưởng *Phòng* Tư pháp huyện")."""
    space = _SPACE.match(text, end, end + 3)
    after = parse_org(text, space.end(), when=when) if space else None
    if title.absorbs is None:
        return after
    rest = parse_org(text, space.end(), absorbed=title.absorbs, when=when) if space else None
    return rest or _absorbed_whole(text, start, end, title, after, when) or after


def _absorbed_whole(text: str, start: int, end: int, title: vocab.Title, after: OrgMention | None,
                    when) -> OrgMention | None:
    """The body whose whole name the title holds, unless that is a mere head word ("Phòng")
    and a body of its own follows."""
    body = vocab.body_named(title.absorbs)
    if body is None or (body.attaches in ("name", "name-place") and after is not None):
        return None
    org = complete_org(text, start, end, body, when)
    return None if unnamed(org, text) else org


def _implied_org(text: str, start: int, end: int, title: vocab.Title, when) -> OrgMention:
    """The body a title names by itself (Thủ tướng → Chính phủ, Trưởng ấp → the hamlet), with
    its place or name if one follows."""
    tail = complete_org(text, end, end, vocab.bodies()[title.implies[-1]], when)
    return OrgMention(Span(start, tail.span.end, text[start:tail.span.end], "implied-body"),
                      title.implies[:-1] + tail.chain, tail.province, tail.locality, tail.unit, tail.name)


def parse_post_list(text: str, pos: int, when=None, former: bool = False
                    ) -> tuple[list[PostMention], str | None, int]:
    """Posts joined by commas or "kiêm", a rank before them if any; (posts, rank, end). Former posts end where
    one is taken up ("nguyên Phó Giám đốc Sở Tài chính, giữ chức Giám đốc Sở Tài chính")."""
    posts: list[PostMention] = []
    rank = None
    end = pos
    while True:
        post, found_rank, after = parse_post(text, pos, when)
        if post is None and found_rank is None:
            break
        end = after
        if found_rank is not None:  # a rank stands right before the name; no post follows it
            rank = found_rank
            break
        posts.append(post)
        sep = _POST_TO_POST.match(text, after)
        if not sep or parse_post(text, sep.end(), when)[0] is None or former and _TAKING_UP.match(text, after):
            break
        pos = sep.end()
    return fill_implicit_bodies(posts), rank, end


def fill_implicit_bodies(posts: list[PostMention]) -> list[PostMention]:
    """A body left implicit takes it from its neighbours in the same list.

    "Ủy viên Ban Thường vụ, Trưởng ban Dân vận Tỉnh ủy Hà Giang": the standing committee
    is Hà Giang's; "Bí thư Ban Cán sự Đảng, Chủ tịch UBND tỉnh": the delegation is the
    People's Committee's. Neighbours after the post are tried before those before it.
    The post is still stated as the list writes it ("Bí thư Ban Cán sự Đảng"): its body
    is in the same words, next to it.
    """
    filled = []
    for index, post in enumerate(posts):
        # an administration abroad lends nothing: "Phó Bí thư Đảng ủy, Trấn trưởng trấn Hữu Nghị" names the town's
        # party committee, which our model of bodies has no place for
        donors = [p.org for p in posts[index + 1:] + posts[:index][::-1] if p.org is not None
                  and vocab.bodies()[p.org.kind].category != "foreign-state"]
        filled.append(_borrow(post, donors))
    return _province_for_all(filled)


def _province_for_all(posts: list[PostMention]) -> list[PostMention]:
    """"Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bình Định": the province named last is every
    province-level post's that names none."""
    named = [p.org.province for p in posts if p.org and p.org.province]
    if not named or len(set(named)) > 1:
        return posts
    return [replace(p, org=replace(p.org, province=named[0]))
            if p.org and not p.org.province and not p.org.locality and _province_level(p.org) else p
            for p in posts]


def _province_level(org: OrgMention) -> bool:
    bodies = [vocab.bodies()[k] for k in org.chain]
    return not any(b.level in ("central", "district") for b in bodies) and org.unit not in _LOCAL_UNITS


def _after_title(post: PostMention) -> str:
    """What a post with no known body writes after its title ("Hiệp hội ...", "Sở"; "" when nothing)."""
    return "" if post.org is not None else post.span.text[vocab.title_lexicon().match(post.span.text, 0)[0]:]


def _names_unlisted_body(post: PostMention) -> bool:
    """A post with no known body that still writes one after its title ("Chủ tịch Hiệp hội ..."); a department's
    head word alone ("Giám đốc Sở") names the department the context does."""
    after = _after_title(post)
    return bool(after) and not _DEPARTMENT_HEAD.fullmatch(after)


def _fits_head(post: PostMention, org: OrgMention) -> bool:
    """Whether a body can be the one a post names by its head word alone (a "Sở" is a "Sở ...", not a "Chi cục")."""
    head = _after_title(post).strip().casefold()
    return not head or org.span.text.casefold().startswith(head)


def _borrow(post: PostMention, donors: list[OrgMention]) -> PostMention:
    title = vocab.titles()[post.title]
    if post.org is None:
        if _names_unlisted_body(post):
            return post
        wanted = set(title.categories)
        head: tuple[str, ...] = ()
    else:
        attaches = vocab.bodies()[post.org.chain[-1]].attaches
        if attaches not in _HANGS or post.org.province or post.org.unit or post.org.locality or post.org.name:
            return post
        # a party delegation is the People's Committee's, never a department's
        wanted = {"state-body"} if attaches == "state-body" else parent_categories(attaches)
        head = post.org.chain
    span = post.org.span if post.org else post.span
    for donor in (d for d in donors if _fits_head(post, d)):
        if wanted is None:  # "Bí thư Đảng ủy, Giám đốc Công an tỉnh": the body the neighbour names
            if _party_committees(head, donor.kind):
                continue   # "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở": no party committee is another's
            return replace(post, org=_under(span, head, donor))
        for index, kind in enumerate(donor.chain):
            if vocab.bodies()[kind].category in wanted and not _siblings(head, kind):
                org = OrgMention(span, head + donor.chain[index:], donor.province, donor.locality, donor.unit,
                                 donor.name)
                return replace(post, org=org)
    return post


def _party_committees(head: tuple[str, ...], kind: str) -> bool:
    return bool(head) and vocab.bodies()[head[-1]].category == vocab.bodies()[kind].category == "party-committee"


def _siblings(head: tuple[str, ...], kind: str) -> bool:
    """"Trưởng Ban Kinh tế - Ngân sách, Trưởng Ban Văn hóa - Xã hội HĐND tỉnh": a body of the same kind as the
    post's own hangs beside it, from the same parent, not above it."""
    if not head:
        return False
    own, other = vocab.bodies()[head[-1]], vocab.bodies()[kind]
    return (own.category, own.attaches) == (other.category, other.attaches)


def _under(span: Span, head: tuple[str, ...], donor: OrgMention) -> OrgMention:
    """A body that can hang from any other, under a neighbour's: "Đảng ủy Công an tỉnh"; a
    commune's People's Committee or Council, Front, mass organisation, police or military command lends its
    commune ("Bí thư Đảng ủy, Chủ tịch UBND xã Tân Phú", "Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ
    xã", "Đảng ủy viên, Trưởng Công an phường": the commune's party committee; none of them has one of its own)."""
    if donor.unit in _COMMUNE_UNITS and vocab.bodies()[donor.kind].category in _COMMUNE_LENDERS:
        return OrgMention(span, head, donor.province, donor.locality, donor.unit)
    # "Bí thư Đảng ủy, Chủ tịch Hội đồng thành viên Tập đoàn X": an organ that can hang from any body, as the
    # post's own can, is its sibling under the same owner (the group's party committee, not the council's)
    chain = donor.chain[1:] if len(donor.chain) > 1 and vocab.bodies()[donor.kind].attaches == "any" else donor.chain
    return OrgMention(span, head + chain, donor.province, donor.locality, donor.unit, donor.name)


def _name_candidates(text: str, start: int, end: int, lists) -> list[tuple[int, int, str]]:
    """Capitalised runs that can be names; a run that begins inside a post list (the
    district or province the post named) begins after it."""
    found = []
    for match in _NAME.finditer(text, start, end, overlapped=False):
        s, e = match.start(1), match.end(1)
        inside = next((pe for ps, pe, _, _ in lists if ps <= s < pe < e), None)
        if inside is not None:
            s = inside + len(text[inside:e]) - len(text[inside:e].lstrip())
        trimmed = _trim_to_name(text, s, e)
        if trimmed:
            found.append(trimmed)
    return found


def _trim_to_name(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    """Drop words from the left that start a title or a body (the name is what follows)."""
    while s < e:
        honorific = vocab.honorific_lexicon().match(text, s)
        if honorific and _HONORIFIC_BEFORE.search(text, max(0, s - 15), s):
            break   # "bà Ông Thị Ngọc Lan": a word like an honorific right after one is the surname
        prefix = (vocab.title_lexicon().match(text, s) or vocab.body_lexicon().match(text, s)
                  or vocab.province_lexicon().match(text, s) or honorific)
        if prefix is None:
            break
        s = prefix[0] + len(text[prefix[0]:e]) - len(text[prefix[0]:e].lstrip())   # "Ông  Huỳnh": spaces doubled
    e = _cut_before_title(text, s, e)
    if _UNIT_FIRST.match(text, s):  # "Xã Ea Kar: Chủ tịch HĐND xã A": a place heading a line
        return None
    name = text[s:e]
    words = name.split()
    one_word = len(words) == 1 and _ONE_WORD_NAME.fullmatch(name)
    if not (one_word or _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1]) or name.casefold() in _NOT_NAMES \
            or key(name) in vocab.countries():
        return None
    return s, e, name


def _cut_before_title(text: str, s: int, e: int) -> int:
    """"Nguyễn Văn An Bí thư Tỉnh ủy" with no comma: the name ends where a title starts."""
    for word in _WORD_START.finditer(text, s, e):
        if vocab.title_lexicon().match(text, word.start()):
            return word.start() - 1
    return e


def _has_surname(name: str) -> bool:
    """A Vietnamese name: a known surname, or a middle name that only persons have ("Ka Thị Hương"),
    after any baptismal name ("Gioan Baotixita Phạm Văn Tuyến")."""
    words = name.split()
    baptismal = next((n for n in (2, 1) if len(words) > n + 1 and key(" ".join(words[:n])) in vocab.christian_names()), 0)
    words = words[baptismal:]
    return is_surname(words[0]) or len(words) >= 3 and words[1] in _MIDDLE_NAMES


@dataclass
class _Lists:
    """What the names read so far in a passage say about the next one."""
    shared: list[PostMention] = field(default_factory=list)  # posts a "các đồng chí <posts>:" list gives all
    shared_honorific: bool = False   # whether that list's first name had "đồng chí" (or a rank) before it
    last_end: int | None = None      # where the last person (and posts) ended
    comrades_end: int | None = None  # where the last name of a "các đồng chí A, B" list ended

    def in_comrades(self, text: str, s: int, name: str) -> bool:
        """"các đồng chí A, B và C": B and C are officials as much as A."""
        return (self.comrades_end is not None and bool(_LIST_NEXT.match(text[self.comrades_end:s]))
                and _has_surname(name))

    def share(self, text: str, s: int, lists, used: set[int]) -> list[PostMention]:
        """The posts shared by the list this name is in: one opened right before it, or
        one it continues."""
        if self.shared and not (self.last_end is not None
                                and _continues_list(text[self.last_end:s], self.shared_honorific)):
            self.shared = []
        opener = _shared_opener(text, s, lists)
        if opener is not None:
            self.shared = list(opener[2])
            self.shared_honorific = bool(_INTRODUCED.search(text[opener[1]:s]))
            used.add(opener[0])
        return self.shared

    def read(self, text: str, start: int, s: int, person: PersonMention, in_comrades: bool) -> None:
        self.last_end = person.extent[1]
        plural = in_comrades or _COMRADES_BEFORE.search(text[max(start, s - 16):s])
        self.comrades_end = self.last_end if plural else None


def find_people(text: str, start: int, end: int, when=None) -> tuple[list[PersonMention], list[TitleReference]]:
    """Persons named in text[start:end] with their posts, and posts named without a person."""
    lists, formers = _post_lists(text, start, end, when)
    lists = _with_context_bodies(text, lists, start, end, when)
    ends_at = {e: (s, posts, rank) for s, e, posts, rank in lists}
    used: set[int] = set()
    seen: list[tuple[int, int, str, PersonMention | None, tuple]] = []
    state = _Lists()
    for s, e, name in _name_candidates(text, start, end, lists):
        left = _left_posts(text, s, ends_at)
        right = _right_posts(text, e, lists)
        given = _given_posts(text, s, e, lists, formers, start)
        former = _former_after(text, e, formers)
        in_comrades = state.in_comrades(text, s, name)
        honorific = in_comrades or _honorific(text[max(start, s - 14):s], bool(left or right or former)) \
            or bool(_COURTESY_BEFORE.search(text, max(start, s - _COURTESY_REACH), s)) \
            or _addressed_as_deputy(text, left, name) or bool(_BORN_AFTER.match(text, e))
        shared = state.share(text, s, lists, used)
        in_former = any(fs <= s < fe for fs, fe in formers.items())  # "nguyên Chủ tịch UBND thành phố Phú Quốc"
        if _named_as_place(text, start, s, left):
            # a place's name is no one's, nor one of a list of names sharing posts ("tại phường Đồng Hới, đồng chí A")
            continue
        if in_former or not _accept(name, left, right or (given[0] if given else None), honorific or bool(former),
                                    bool(shared)):
            seen.append((s, e, name, None, ()))
            continue
        person, own = _person(text, s, e, name, shared, left, right, used)
        for item in given:
            if item[0] not in used and item != right:
                person = _given(person, item, used)
        if former and not own:  # "ông A, nguyên Chủ tịch UBND tỉnh": named for posts once held, and those held now
            once, former_end = _former_posts(text, former, formers, when)
            now = _held_now_after(text, former_end, lists, used)
            held = tuple(post for post in now[2] if post.org) if now else ()
            person = replace(person, posts=person.posts + once + held,
                             extent=(person.extent[0], now[1] if now else former_end))
        elif own and (after := _FORMER_NEXT.match(text, person.extent[1])) and after.end() in formers:
            # "A, Bí thư Đảng ủy xã, nguyên Phó Bí thư Huyện ủy": the posts held now, then those once held
            once, former_end = _former_posts(text, after.end(), formers, when)
            person = replace(person, posts=person.posts + once, extent=(person.extent[0], former_end))
        seen.append((s, e, name, person, own))
        state.read(text, start, s, person, in_comrades)
    persons = _share_joined_posts(text, _share_plural_posts(text, _share_taken_up(
        text, _respective_posts(text, seen, lists, used))))
    references = [TitleReference(Span(s, e, text[s:e], "title-reference"), tuple(posts))
                  for s, e, posts, _ in lists if s not in used and posts and any(p.org for p in posts)]
    return persons, references


def _respective_posts(text: str, seen: list, lists, used: set[int]) -> list:
    """"các đồng chí: A, B, C lần lượt là <posts>; <posts>; <posts>": names joined one after another, none with
    posts of its own, hold the groups of posts after "lần lượt", one group each, in order; "A, B và C lần lượt giữ
    chức P, Q, R": one post each (see _one_post_each); "A, B lần lượt được cử giữ chức Phó Chủ tịch ...": one
    group, which each holds when several people can hold it at once."""
    found, index = list(seen), 0
    while index < len(found):
        run = [index]
        while run[-1] + 1 < len(found) and _JOINED.match(text[found[run[-1]][1]:found[run[-1] + 1][0]]):
            run.append(run[-1] + 1)
        cue = _RESPECTIVELY.match(text, found[run[-1]][1]) if len(run) > 1 else None
        groups = _groups_from(text, cue.end(), lists) if cue else []
        if all(found[i][3] is None or not found[i][3].posts for i in run) and groups:
            one_each = _one_post_each(text, groups, len(run))
            if one_each:
                groups = one_each
            elif len(groups) == 1 and all(vocab.titles()[p.title].many_holders for p in groups[0][2]):
                groups = groups * len(run)
            if len(groups) == len(run):
                for i, (s, e, posts, rank) in zip(run, groups):
                    start, end, name, person, _ = found[i]
                    rank = person.rank if person else rank or _rank_before(text, start)
                    found[i] = (start, end, name, PersonMention(Span(start, end, name, "respective-posts"), name,
                                                                tuple(posts), rank, (start, end)), tuple(posts))
                    used.add(s)
        index = run[-1] + 1
    return found


def _share_taken_up(text: str, seen: list) -> list:
    """"Các đồng chí: A, Chủ tịch UBND tỉnh và B, Trưởng Ban Tổ chức Tỉnh ủy được bầu giữ chức Phó Bí thư Tỉnh ủy",
    "đồng chí A, ... và đồng chí B, ... được bầu giữ chức ...", "Các đồng chí: A, ...; B, ...; C, ... được chỉ định
    giữ chức ...": a post the last of a list of comrades (or of persons joined by "và") takes up, one that several
    people can hold at once, each of them takes up."""
    found = list(seen)
    for index, (_, e, _, person, _) in enumerate(found):
        taken = tuple(p for p in person.posts if p.span.start > e and vocab.titles()[p.title].many_holders
                      and _TAKEN_UP_BEFORE.search(text, max(0, p.span.start - 60), p.span.start)) if person else ()
        chain = index
        while taken and chain > 0 and found[chain - 1][3] is not None \
                and _LISTED_AFTER.match(text[found[chain - 1][3].extent[1]:found[chain][0]]):
            chain -= 1
        if chain == index or not (_COMRADES_BEFORE.search(text, max(0, found[chain][0] - 20), found[chain][0])
                                  or _JOINED_BY_VA.match(text[found[index - 1][3].extent[1]:found[index][0]])):
            continue
        for i in range(chain, index):
            start, end, name, other, own = found[i]
            found[i] = (start, end, name, replace(other, posts=other.posts + tuple(p for p in taken
                                                                                 if p not in other.posts)), own)
    return found


def _one_post_each(text: str, groups: list, names: int) -> list:
    """"A, B và C lần lượt giữ chức P, Q, R (được bầu làm S)": one group of a post for each name, in order, and
    after them posts all of them take up, which several people can hold at once; [] when the group is not so."""
    if len(groups) != 1 or len(groups[0][2]) < names:
        return []
    posts = groups[0][2]
    shared = tuple(posts[names:])
    if not all(vocab.titles()[p.title].many_holders and _TAKEN_UP_BEFORE.search(text, max(0, p.span.start - 60),
                                                                                  p.span.start) for p in shared):
        return []
    return [(post.span.start, post.span.end, (post,) + shared, None) for post in posts[:names]]


def _rank_before(text: str, name_start: int) -> str | None:
    """The rank written right before a name ("và Đại tá Dương Văn Lực")."""
    before = _RANK_BEFORE.search(text, max(0, name_start - 30), name_start)
    return parse_post(text, before.start())[1] if before else None


def _groups_from(text: str, pos: int, lists) -> list:
    """The lists of posts from pos on, one after another, set apart by "; "."""
    by_start = {item[0]: item for item in lists}
    groups: list = []
    while pos in by_start and by_start[pos][2]:
        groups.append(by_start[pos])
        gap = _NEXT_GROUP.match(text, by_start[pos][1])
        if not gap:
            break
        pos = gap.end()
    return groups


def _share_plural_posts(text: str, seen: list) -> list:
    """"các Phó Chủ tịch HĐND tỉnh A, B và C": the names joined after a plural title, none with posts of its own,
    hold that title too (when several people can hold it at once)."""
    found: list = []
    carried, carried_end = (), None
    for s, e, name, person, own in seen:
        bare = person is None or not person.posts
        if carried and bare and _JOINED.match(text[carried_end:s]) and (person or _has_surname(name)):
            shared = PersonMention(Span(s, e, name, "shared-posts"), name, carried, person.rank if person else None,
                                   (s, e))
            found.append((s, e, name, shared, carried))
            carried_end = e
            continue
        plural = (person is not None and person.posts and person.extent[0] < s
                  and _each_before(text, person.extent[0])
                  and all(vocab.titles()[p.title].many_holders for p in person.posts))
        carried, carried_end = (person.posts, e) if plural else ((), None)
        found.append((s, e, name, person, own))
    return found


def _share_joined_posts(text: str, seen: list) -> list[PersonMention]:
    """"A và B, Phó Chủ tịch HĐND tỉnh": names joined by "và" or commas, none with posts of
    its own, hold the posts written after the last of them, when several people can hold
    each of those at once ("A và B, Bí thư Tỉnh ủy" names B's post alone)."""
    persons: list[PersonMention] = []
    carried, carried_from = (), None
    # "A, Giám mục Giáo phận Bùi Chu và B, Tổng Đại diện": a name inside a post is the body's
    stated = [p.span for *_, person, _ in seen if person for p in person.posts]
    for index in range(len(seen) - 1, -1, -1):
        s, e, name, person, own = seen[index]
        bare = (person is None or not person.posts) and not any(span.start <= s < span.end for span in stated)
        if carried and bare and _JOINED.match(text[e:carried_from]) and (person or _has_surname(name)) \
                and all(vocab.titles()[p.title].many_holders for p in carried) \
                and not _and_before_comma(text, seen, index, carried_from):
            persons.append(PersonMention(Span(s, e, name, JOINED_POSTS), name, carried,
                                         person.rank if person else None, (s, e)))
            carried_from = s
            continue
        carried, carried_from = own, s
        if person is not None:
            persons.append(person)
    return persons[::-1]


def _and_before_comma(text: str, seen: list, index: int, next_start: int) -> bool:
    """"A và B, C, Thứ trưởng ...": a comma after a "và" is no list's (its "và" comes last), so B
    and A are named apart from C and do not share C's posts."""
    if _JOINED_BY_VA.match(text[seen[index][1]:next_start]):
        return False
    while index > 0 and _JOINED.match(text[seen[index - 1][1]:seen[index][0]]):
        index -= 1
        if _JOINED_BY_VA.match(text[seen[index][1]:seen[index + 1][0]]):
            return True
    return False


def _with_context_bodies(text: str, lists, start: int, end: int, when) -> list:
    """Bare titles that take their body from what the sentence said before them.

    "về phía Báo Yên Bái có đồng chí X - Tổng Biên tập": the newspaper's; "... giữ chức Chủ
    tịch Ủy ban MTTQ tỉnh. Các Phó Chủ tịch gồm: ...": the deputies of that body."""
    sides = _sides(text, start, end, when)
    found = []
    for index, (s, e, posts, rank) in enumerate(lists):
        side = next((org for a, b, org in sides if a <= s < b), None)
        if side is not None:
            posts = [_take_body(p, side) for p in posts]
        if _SHARED_OPEN.match(text, e) and ":" in _SHARED_OPEN.match(text, e).group():
            posts = [_principal_body(p, lists[:index]) for p in posts]
        found.append((s, e, posts, rank))
    return found


def _sides(text: str, start: int, end: int, when) -> list[tuple[int, int, OrgMention]]:
    """(from, to, body) for each "về phía <body>" in text[start:end], up to the next side or clause end."""
    sides = []
    for match in _SIDE.finditer(text, start, end):
        org = parse_org(text, match.end(), when=when)
        if org is not None and (not match.group(1) or _SIDE_HAS.match(text, org.span.end)):
            stop = _SIDE_END.search(text, org.span.end, end)
            sides.append((org.span.end, stop.start() if stop else end, org))
    return sides


def _take_body(post: PostMention, org: OrgMention) -> PostMention:
    if post.org is not None or _names_unlisted_body(post) or not _fits_head(post, org):
        return post
    if vocab.bodies()[org.kind].category not in vocab.titles()[post.title].categories:
        return post
    return replace(post, org=org, implicit=True)


def _principal_body(post: PostMention, before: list) -> PostMention:
    """A deputy's body from the latest post before it of the title it deputises (or the same title)."""
    if post.org is not None or _names_unlisted_body(post):
        return post
    wanted = {post.title, vocab.principal_of(post.title)}
    for _, _, posts, _ in reversed(before):
        for earlier in reversed(posts):
            if earlier.title in wanted and earlier.org is not None and _fits_head(post, earlier.org):
                return replace(post, org=earlier.org, implicit=True)
    return post


def _held_now_after(text: str, former_end: int, lists, used: set[int]):
    """"Bà A, nguyên Giám đốc Sở Lao động - Thương binh và Xã hội - Giám đốc Sở Nội vụ", "nguyên Ủy viên Ban
    Thường vụ Tỉnh ủy Phú Yên (cũ), Bí thư Đảng ủy phường", "nguyên Chủ tịch UBND thành phố, giữ chức ...": the
    posts after what closes the former ones are those held now (the post list there, or None)."""
    closed = _NOW_AFTER_FORMER.match(text, former_end)
    now = next((item for item in lists if closed and item[0] == closed.end() and item[2] and item[0] not in used),
               None)
    if now is not None:
        used.add(now[0])
    return now


def _former_after(text: str, name_end: int, formers: dict[int, int]) -> int | None:
    """Where the former posts written right after a name start ("A, nguyên Bí thư Tỉnh ủy")."""
    separator = _NAME_TO_POSTS.match(text, name_end)
    former = _FORMER_AFTER.match(text, separator.end()) if separator else None
    return former.end() if former and former.end() in formers else None


def _former_posts(text: str, start: int, formers: dict[int, int], when) -> tuple[tuple[PostMention, ...], int]:
    """The posts once held, in the former post lists from start on ("nguyên Phó Bí thư Tỉnh ủy, nguyên Chủ tịch UBND
    tỉnh"), each list's first post said with the word that makes it former; and where the last list ends."""
    posts: list[PostMention] = []
    while True:
        word = _FORMER.search(text, max(0, start - 16), start)
        for index, post in enumerate(parse_post_list(text, start, when, former=True)[0]):
            said = word.start() if index == 0 and word else post.span.start
            posts.append(replace(post, former=True, span=Span(said, post.span.end, text[said:post.span.end], "post")))
        end = formers[start]
        following = _FORMER_NEXT.match(text, end)
        if following is None or following.end() not in formers:
            return tuple(_province_for_all(posts)), end
        start = following.end()


def _not_narrowed(shared: list[PostMention], own: tuple[PostMention, ...]) -> list[PostMention]:
    """"bầu 3 Phó Chủ tịch UBND tỉnh gồm: A - Phó Chủ tịch Thường trực UBND tỉnh": a shared post that one of the
    person's own narrows is that one."""
    def narrows(post: PostMention, other: PostMention) -> bool:
        label, wider = vocab.titles()[post.title].label_vi, vocab.titles()[other.title].label_vi
        return (label == wider or label.startswith(wider + " ")) and (post.org and post.org.chain) == (other.org and other.org.chain)
    return [p for p in shared if not any(narrows(o, p) for o in own)]


def _person(text, s, e, name, shared, left, right, used: set[int]) -> tuple[PersonMention, tuple]:
    """A person with the posts shared by a list, written before and written after the name;
    and the posts written after it alone."""
    posts, rank, extent_start, extent_end, rule = list(shared), None, s, e, "honorific-name"
    own: tuple[PostMention, ...] = ()
    takes_right = (bool(right) and right[0] not in used
                   and not (";" in text[e:right[0]] and _addressed_after(text, right)))
    if left and left[0] not in used:
        # a bare title before a name is a post ("Thứ trưởng A", "Chấp hành viên B"), but for a deputy's, which is
        # how the story addresses a member of the council it reports ("đại biểu A")
        posts += [p for p in left[1] if p.title != _DEPUTY or p.org or _after_title(p)]
        rank = left[2]
        extent_start, rule = left[0], "posts-then-name"
        used.add(left[0])
    elif left:   # "Đại tá A - Giám đốc Công an tỉnh, Thượng tá B": the rank closing A's posts is B's
        rank = left[2]
    if takes_right:
        own = tuple(right[2])
        posts = _not_narrowed(posts, own) + list(own)
        rank = rank or (None if right[2] else right[3])   # a rank after posts is the next name's
        extent_end, rule = right[1], "name-then-posts"
        used.add(right[0])
    if shared:
        rule = "shared-posts" if rule == "honorific-name" else f"shared-posts+{rule}"
    return PersonMention(Span(s, e, name, rule), name, tuple(posts), rank, (extent_start, extent_end)), own


def _given_posts(text: str, name_start: int, name_end: int, lists, formers: dict[int, int], start: int
                 ) -> list[tuple]:
    """The posts an act gives the person named (or relieves them of): written before "đối với <name>" after
    the act's verb, and after "giữ chức" later in the clause that the act names the person in."""
    given = [item for item in lists if item[1] < name_start and _GIVEN_TO.fullmatch(text, item[1], name_start)
             and _GIVEN_POSTS.search(text, max(start, item[0] - 30), item[0])][:1]
    later = _LATER_TAKES_UP.match(text, name_end)
    if later is None or not (_GIVEN_NAME.search(text, max(start, name_start - 30), name_start)
                             or _GIVEN_LATER.search(text, name_end, later.end())):
        return given
    # another person named on the way takes it up instead; a place in a post ("Bí thư Tỉnh ủy Thái Nguyên", "nguyên
    # Chủ tịch UBND thành phố Phú Quốc") is none
    posts = [(s, e) for s, e, *_ in lists] + list(formers.items())
    if any(_has_surname(m.group(1)) and not any(s <= m.start() < e for s, e in posts)
           for m in _NAME.finditer(text, name_end, later.end())) or _OTHERS_NAMED.search(text, name_end, later.end()):
        return given
    return given + [item for item in lists if item[0] == later.end()][:1]


def _given(person: PersonMention, given: tuple, used: set[int]) -> PersonMention:
    """The person with the posts an act gave them added."""
    used.add(given[0])
    extent = (min(person.extent[0], given[0]), max(person.extent[1], given[1]))
    rule = "posts-given" if person.span.rule == "honorific-name" else f"{person.span.rule}+posts-given"
    return replace(person, span=replace(person.span, rule=rule), posts=person.posts + tuple(given[2]), extent=extent)


def _right_posts(text: str, name_end: int, lists) -> tuple | None:
    """The post list written right after a name, unless another name follows it (whose posts they are)."""
    starts = {separator.end() for separator in (_NAME_TO_POSTS.match(text, name_end),
                                                _POINTER_TO_POSTS.match(text, name_end)) if separator}
    return next((item for item in lists if item[0] in starts and not _followed_by_name(text, item)), None)


def _honorific(before: str, has_posts: bool) -> bool:
    """"đồng chí" always marks an official; "ông"/"bà" only together with a post."""
    return bool(_COMRADE_BEFORE.search(before)) or (has_posts and bool(_HONORIFIC_BEFORE.search(before)))


def _continues_list(gap: str, honorifics: bool) -> bool:
    """The text between two entries of one list: "; ", ", và đồng chí ", "; Thiếu tướng ".

    A list written as bare names ends where one is introduced by "đồng chí" again
    ("các đồng chí Ủy viên BTV Tỉnh ủy: A - ...; B - ...; đồng chí C, ...")."""
    if not honorifics and _HONORIFIC_IN.search(gap):
        return False
    if _LIST_NEXT.match(gap):
        return True
    ranks = [(s, e) for s, e, t in vocab.title_lexicon().finditer(gap) if t.kind == "rank"]
    return bool(ranks) and ranks[-1][1] == len(gap.rstrip()) and bool(_LIST_NEXT.match(gap[:ranks[-1][0]] ))


def _post_lists(text: str, start: int, end: int, when) -> tuple[list[tuple[int, int, list[PostMention], str | None]],
                                                               dict[int, int]]:
    """Post lists in text order, and where each list of former posts starts and ends."""
    lists, formers, pos = [], {}, start
    for match in vocab.title_lexicon().pattern.finditer(text, start, end):
        if match.start() < pos or _inside_body_name(text, start, match):
            continue
        if _on_authority(text, start, match):
            pos = parse_post(text, match.start(), when)[2]   # whose authority, not a post of the one named next
            continue
        former = bool(_FORMER.search(text, max(start, match.start() - 16), match.start()))
        posts, rank, list_end = parse_post_list(text, match.start(), when, former)
        if former:
            formers[match.start()] = pos = list_end  # "nguyên Bí thư Tỉnh ủy": a post once held, not held now
            continue
        if posts or rank:
            lists.append((match.start(), list_end, posts, rank))
            pos = list_end
    return lists, formers


def _on_authority(text: str, start: int, title: regex.Match) -> bool:
    """"Thừa ủy quyền (của) Chủ tịch nước, Thứ trưởng A trao ...", "thay mặt Chủ tịch nước, đồng chí A trao ...": the
    title is the authority's (not in "Thay mặt Chủ tịch UBND tỉnh Nguyễn Văn A, ...", where the name follows it);
    "ủy quyền Chủ tịch" is no acting chairman ("Quyền Chủ tịch")."""
    before = max(start, title.start() - 24)
    return bool(_ON_AUTHORITY.search(text, before, title.start())
                or title.group().casefold().startswith("quyền") and _AUTHORITY_WORD.search(text, before, title.start())
                or _ON_BEHALF.search(text, before, title.start())
                and _COMMA_NEXT.match(text, parse_post(text, title.start())[2]))


def _inside_body_name(text: str, start: int, title: regex.Match) -> bool:
    """"Đoàn Chủ tịch Đại hội gồm ...": a title that a body's name opened by the word before it takes in."""
    word = _WORD_BEFORE.search(text, max(start, title.start() - 15), title.start())
    body = vocab.body_lexicon().match(text, word.start()) if word else None
    return body is not None and body[0] >= title.end()


def _left_posts(text: str, name_start: int, ends_at: dict) -> tuple[int, list[PostMention], str | None] | None:
    """Posts ending right before the name; "Giám đốc Công an tỉnh, Đại tá <name>" joins posts and rank."""
    hit = _ending_at(text, name_start, ends_at)
    if hit and not hit[1] and hit[2]:
        comma = regex.search(r",\s*$", text[max(0, hit[0] - 3):hit[0]])
        posts = ends_at.get(hit[0] - len(comma.group())) if comma else None
        if posts and posts[1] and not _issuer_of_cited_document(text, posts[0]):
            return posts[0], posts[1], hit[2]
    return hit


def _issuer_of_cited_document(text: str, pos: int) -> bool:
    """Posts at pos that name who issued the document cited right before them ("Quyết định số
    06/QĐ-TTg ngày 6/1/2022 của Thủ tướng Chính phủ, Đại tá A cho biết": A is no Prime Minister)."""
    return any(_ISSUED_BY.fullmatch(text, number.end(), pos)
               for number in DOCUMENT_NUMBER.finditer(text, max(0, pos - _CITATION_CHARS), pos))


def _ending_at(text: str, pos: int, ends_at: dict):
    """The post list ending right before pos, or before an address, a dash or a bracket there ("Bí thư Tỉnh ủy,
    đồng chí <name>", "Chủ tịch UBND thị xã - <name>", "các Phó Chủ tịch UBND tỉnh (<name>, <name>)")."""
    for gap in (1, 2):
        hit = ends_at.get(pos - gap)
        if hit and text[pos - gap:pos].isspace():
            return hit
    gaps = (pattern.search(text, max(0, pos - reach), pos) for pattern, reach in _GAPS_TO_NAME)
    gap, hit = next(((gap, ends_at[gap.start()]) for gap in gaps if gap and gap.start() in ends_at), (None, None))
    if hit and gap.re is _BRACKET_TO_NAME and not (_HONORIFIC_IN.search(gap.group()) or _each_before(text, hit[0])):
        return None  # "Công ty May Hansol (Hàn Quốc)", "xã Sơn Cao (Sơn Hà)": a bracket after a body names its place
    if hit and _OF_BEFORE.search(text, max(0, hit[0] - 8), hit[0]):
        return None  # "Thừa ủy quyền của Chủ tịch nước, đồng chí <name>": someone else's post
    return hit if hit and any(p.org for p in hit[1]) else None


def _followed_by_name(text: str, item) -> bool:
    """A post list right before another name belongs to that name, not to the one before it."""
    after = _NAME.match(text, item[1] + 1) if text[item[1]:item[1] + 1] == " " else None
    return bool(after) and _has_surname(after.group(1))


def _addressed_after(text: str, item) -> bool:
    """"...; Hiệu trưởng Trường Đại học Bạc Liêu, PGS.TS Diệp Bảo Lâm", "...; Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ
    tịch UBND tỉnh - Đoàn Thanh Bình": in a list of posts written before the names, the posts before an address (or
    a dash) and a name are that name's, not those of the name before the "; "."""
    address = _ADDRESS_NEXT.match(text, item[1]) or _DASH_NEXT.match(text, item[1])
    after = _NAME.match(text, address.end()) if address else None
    return bool(after) and _has_surname(after.group(1))


def _each_before(text: str, pos: int) -> bool:
    """Whether "các" (or "các đồng chí") or a count ("Hai Phó Chủ tịch") stands right before pos: the title
    there is each one's."""
    return bool(_EACH_BEFORE.search(text, max(0, pos - 16), pos))


def _shared_opener(text: str, name_start: int, lists) -> tuple | None:
    """A post list ending in ':' right before this name is shared by the names that follow."""
    for item in lists:
        colon = _SHARED_OPEN.match(text, item[1])
        if colon and colon.end() == name_start and ":" in colon.group() \
                and (not colon.group("unit") or _each_before(text, item[0])):
            return item
    return None


def _named_as_place(text: str, start: int, name_start: int, left) -> bool:
    """"tại xã Lịch Hội Thượng, Phó Thủ tướng ...": a run written after a place's unit word, not closing a post
    ("Chủ tịch UBND xã Nguyễn Văn Hải"), is the place's name."""
    return left is None and bool(_UNIT_BEFORE.search(text, max(start, name_start - 12), name_start))


def _addressed_as_deputy(text: str, left, name: str) -> bool:
    """"đại biểu Lê Thành Công (Tổ đại biểu huyện Cao Lãnh) chất vấn": a deputy addressed as one, with no post
    written; not a delegation's name ("Đoàn đại biểu Châu Văn Sơn")."""
    return (bool(left) and bool(left[1]) and all(p.title == _DEPUTY for p in left[1]) and _has_surname(name)
            and not _DELEGATION_BEFORE.search(text, max(0, left[0] - 8), left[0]))


def _accept(name: str, left, right, honorific: bool, shared: bool) -> bool:
    """Whether a capitalised run is an official.

    Posts after the name qualify it; posts before it only when they name a body, or a department's head word
    ("Phó Giám đốc Sở Nguyễn Văn A"), or when several people hold them at once ("Thứ trưởng Nguyễn Văn A"):
    "Chủ tịch Hồ Chí Minh" is history, "Chủ tịch UBND tỉnh Trần Minh Khoa" is news. So does a rank alone before
    any name ("Thượng úy Kră Jăn Sơn"), a rank and posts before a name with a surname ("Đại tá, Giám đốc Công an
    tỉnh Nguyễn Văn A"), or a post abroad before any name ("Phó Tỉnh trưởng tỉnh
    Phôngsalỳ Khămsing Inthavông"); no post at all qualifies it only after an honorific.
    """
    if right and right[2]:
        return True
    if left and left[2] and not left[1]:   # "Thượng úy Kră Jăn Sơn": a rank alone is said of persons only
        return True
    if left and (left[2] or any(p.org or _after_title(p) or vocab.titles()[p.title].many_holders
                                and p.title != _DEPUTY for p in left[1])):
        return _has_surname(name) or honorific or any(_post_abroad(p) for p in left[1])
    return honorific or shared


def _post_abroad(post: PostMention) -> bool:
    """A post in a body of another state, or in one placed in a province abroad ("Giám đốc Sở Giáo dục và Thể thao
    tỉnh Xiêng Khoảng"): the name after it has no Vietnamese surname."""
    org, bodies = post.org, vocab.bodies()
    if org is None:
        return False
    province_abroad = vocab.province_abroad_lexicon().match(org.locality, 0) if org.locality else None
    return (province_abroad is not None and province_abroad[0] == len(org.locality)
            or any(bodies[b].category == "foreign-state" for b in org.chain))
