"""Bodies as written: a kind of body, then what it belongs to, then where it is.

"Ban Dân vận Tỉnh ủy Vĩnh Phúc" is the commission kind ban-dan-van attached to the
party committee tinh-uy of the province Vĩnh Phúc; "Ban cán sự Đảng UBND tỉnh" is a
party delegation attached to the People's Committee of an unnamed province. Which kind
attaches to which, and how, is data (data/vocab/bodies.csv).
"""
from __future__ import annotations

from functools import cache

import regex

from kg import vocab
from kg.normalize import key
from kg.records import OrgMention, Span

# a body's name never runs over a line break, so gaps are spaces (tabs are spaces once normalised)
_SPACE = regex.compile(r"[ ]+")
_SPACES = regex.compile(r"[ ]*")   # spaces or none
_JOINED_PAIR = regex.compile(r"[ ]*[-–][ ]*\p{Lu}")   # "Lào - Việt Nam": a pair of countries, a name of its own
_WORDS = regex.compile(r"\S+")
_WORDS_BEFORE = regex.compile(r"\S+(?=\s*$)")  # the last word of a stretch of text
_GLUED_SURNAME = regex.compile(r"\p{Lu}['’](?=\p{Lu})")   # "H'" of "H'Loan", "K'" of "K'Bríu"
_SURNAME_WORD = regex.compile(r"[ ]*(\p{L}+(?:['’]\p{L}+)?)")   # a word, with what an apostrophe glues to it
# a body's name opens with a capital, but for a province's or district's government abroad: "chính quyền tỉnh Gunma"
# not inside a code: "HĐQT" of "01/NQLT-TWĐTN-HĐQT" is a document's number, no body
_CAPITAL = regex.compile(r"(?<![\p{L}\p{N}]|[\p{L}\p{N}][/\-])(?:\p{Lu}|chính[ ]+quyền(?=[ ]+(?:tỉnh|thành phố|huyện|xã|trấn)[ ]+\p{Lu}))")
# the words that say what kind of place a name is: a locality's (below a province), or any
LOCALITY_UNIT_WORDS = r"huyện|quận|thị xã|xã|phường|thị trấn|đặc khu"
UNIT_WORDS = rf"tỉnh|thành phố|TP\.?|{LOCALITY_UNIT_WORDS}"
# "Đoàn ĐBQH *chuyên trách* tỉnh": a full-time member's qualifier may stand before the unit word, and "của" before
# one in lower case may ("Ban Chỉ đạo giải phóng mặt bằng các dự án trọng điểm *của* tỉnh"; not "của Tỉnh ủy")
_UNIT = regex.compile(rf"[ ]+(?:chuyên trách[ ]+|(?P<of>của)[ ]+(?=(?-i:\p{{Ll}})))?(?P<unit>{UNIT_WORDS})"
                      rf"(?![\p{{L}}])", regex.IGNORECASE)
# "Co.opmart": a dot inside a brand; "K'Si": an apostrophe inside a name
_WORD = regex.compile(r"[ ]+([\p{L}\d&](?:[\p{L}\d&\-]|\.(?=\p{Ll})|['’](?=\p{L}))*)")
# a body named by its number: "Trại giam *số 6*", "Trường *số 2*"
_NUMBERED = regex.compile(r"[ ]+(số[ ]+\d+)(?![\p{L}\d])")
# a phrase a name holds though a grammar word or a comma is in it ("Phòng *Người có công*", "Hội đồng *Bồi thường,
# hỗ trợ và tái định cư*"): one word of the name
_PHRASE_IN_NAME = regex.compile(rf"[ ]+((?:{vocab.name_phrase_pattern()}))(?![\p{{L}}])", regex.IGNORECASE)
_KIND_WORD = regex.compile(r"[ ]*[\p{L}\d&][\p{L}\d&\-]*")
_CAPITALISED_WORD = regex.compile(r"[ ]+\p{Lu}")
# "WinCommerce", "Co.opmart": a capital or a dot inside a word is a brand's, never a person's name
_BRAND_WORD = regex.compile(r"\p{Ll}\p{Lu}|\p{L}\.\p{L}")
# grammar words that end a proper name ("Công ty Điện lực Quảng Ninh *và* ..."), and a period's
# ("Bộ Tư lệnh Vùng Cảnh sát biển 4 *giai đoạn* 2024 - 2029")
_NAME_STOP = {"và", "với", "của", "tại", "cùng", "đã", "sẽ", "ký", "về", "trong", "trên", "theo", "cho", "là", "có",
              "giai", "thì", "cũng", "được", "giữ"}
# a word of a place name: capitalised, apostrophes inside ("Ea H'leo", "B'Lao"), or a number ("Quận 10")
_PLACE_WORD = r"(?:\p{Lu}(?:['’]\p{Lu})?[\p{Ll}'’]*|\d+)"
_LOCALITY = regex.compile(rf"[ ]+({_PLACE_WORD}(?:[ ]+{_PLACE_WORD}){{0,7}})(?![\p{{L}}\p{{N}}])")
_LOCALITY_WORDS = 4
# "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh": eleven words before the place; a group named by
# its task may run longer: "Tổ công tác đặc biệt giải phóng mặt bằng các dự án trọng điểm Trương Công Lượng", eleven
# before the person named after it
_NAME_MAX_WORDS = 14
_TASK_NAME_MAX_WORDS = 16
# what a body named as a subject does next, ending its name: "Trường Đại học Cần Thơ *tổ chức* hội nghị"
_DOES = regex.compile(rf"(?:{vocab.subject_verb_pattern()})(?![\p{{L}}])")
# a sum of money: what a donor gave, never part of its name ("Công ty TNHH Thành Lực *500 triệu đồng*"; but "Vùng
# Cảnh sát biển 1 *đồng* chủ trì": a number, then a word)
_AMOUNT = regex.compile(rf"[ ]+{vocab.money_pattern()}", regex.IGNORECASE | regex.MULTILINE)
_NAMED_BEFORE_PERSONS = {"department", "press"}   # bodies a person's name may follow with nothing between
_ONE_CAPITAL_WORDS = 5  # "Cảnh sát giao thông", "Quản lý thị trường": a capital and a few lower-case words
_PERSON_LENGTHS = (3, 4, 2)  # words in a person's name glued after a place, likeliest first
# "và" or a dash inside a name, before a capitalised word ("Văn hóa và Thông tin")
_JOINER = regex.compile(r"[ ]+(?:và(?:[ ]+các)?|[-–])(?=[ ]+\p{Lu})")  # "Khu kinh tế Dung Quất và các KCN"
# "Ban Quản lý dự án đầu tư xây dựng công trình giao thông *-* nông nghiệp tỉnh": a dash inside a lower-case name
_LOWER_DASH = regex.compile(r"[ ]+[-–](?=[ ]+\p{Ll})")
# whose group a group is, and what about (see _owner_end)
_OWNER_GAP = regex.compile(r"[ ]+của[ ]+")
_ABOUT = regex.compile(r"[ ]+về(?=[ ])")
# a word of what a group is about; a comma may list its fields ("về phát triển khoa học, công nghệ, đổi mới sáng tạo")
_TOPIC_WORD = regex.compile(rf"(?:[ ]+|,[ ]+(?!(?:{vocab.honorific_pattern()})(?![\p{{L}}])))"
                            rf"(\p{{Ll}}+|\d+)(?![\p{{L}}\d])", regex.IGNORECASE)
# "và PGS.TS Đinh Văn Thụy": a joiner before an honorific or an academic title opens the next person, whose name
# follows it (not "Phòng Lao động - *Thương binh* và Xã hội", a name going on with a word that can be an honorific)
_HONORIFIC_NEXT = regex.compile(rf"[ ]+(?:{vocab.honorific_pattern()})(?![\p{{L}}])(?=[ .:]*(?-i:\p{{Lu}}))",
                                regex.IGNORECASE)
# "Khoa học *Xã hội*": a capitalised unit word with a lower-case word after it is a word of the name
_UNIT_IN_NAME = regex.compile(r"[ ]+\p{Lu}\p{Ll}*[ ]+\p{Ll}")
# "Vụ Kinh tế vùng *và* địa phương,": a name joined on in lower case, kept only when the name then closes
# (never a class of bodies, "và các phòng", nor a person, "và bà Siu Hương", nor the people of bodies, "và lãnh đạo
# một số cơ quan", "và đại diện các Cục")
_LOWER_JOINER = regex.compile(rf"[ ]+và(?=[ ]+(?!(?:các|những|nhiều|một|cả|lãnh đạo|đại diện|{vocab.honorific_pattern()})"
                              rf"(?![\p{{L}}]))\p{{Ll}})")
_COMMA_IN_NAME = regex.compile(r",(?=[ ])")
_RUN_TO_PLACE_WORDS = 20  # how far the rest of a name after a comma inside it may go to reach its place
# what closes a name: punctuation, the line's end, or where the body sits ("Tổ chức Tầm nhìn Thế giới *tại* Việt Nam")
_CLOSED = regex.compile(r"[ ]*(?:[,;.:()]|$)|[ ]+tại[ ]+\p{Lu}", regex.MULTILINE)
_PROVINCE_UNITS = {"tỉnh", "thành phố", "tp", "tp."}
_GLUED_UNIT = regex.compile(r"[ ]+TP\.?(?=\p{Lu})")  # "TPHCM", "TP.HCM": a city's name with its unit word
# a short name in brackets after a body's, a brand's too: "Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam
# (Agribank) - Chi nhánh tỉnh Bình Định" (never a country's: "Bộ Công an (Lào)")
_SHORT_NAME = regex.compile(r"[ ]*\(([\p{Lu}Đ][\p{L}\d&\-]{1,14})\)")
_PARENT_GAP = regex.compile(r"[ ]+(?:của[ ]+)?")  # "Ủy ban Tư pháp *của* Quốc hội"
_COMMA = regex.compile(r"[ ]*,(?=[ ])")
# "xã A, huyện B, tỉnh C", "ấp An Lợi, xã Tà Đảnh", "ấp Prey Chóp xã Lâm Kiết": a place names the larger ones it
# lies in after commas, or after a space only
_LARGER_PLACE_GAP = regex.compile(r"[ ]*,(?=[ ])|(?=[ ])")
_UNIT_RANKS = {"xã": 1, "phường": 1, "thị trấn": 1, "đặc khu": 1, "huyện": 2, "quận": 2, "thị xã": 2,
               "thành phố": 2, "tp": 2, "tp.": 2, "tỉnh": 3}
_PROVINCE_RANK = 3
_EITHER_RANK = {"thành phố", "tp", "tp."}  # a city under the centre is a province's rank, another a district's
# a body the vocabulary lacks: a name, then where it is
_UNLISTED = vocab.Body("unlisted", "", "", (), "", "name", None, None)
# a name written in Vietnamese spelling of a foreign one: "Xiêng Khoảng", "CHDCND", "Sỉ-xu-phăn"
_FOREIGN_RUN = r"\p{Lu}[\p{L}'’]*(?:-\p{Ll}+|-[A-Z][a-z]+)*(?:[ ]+\p{Lu}[\p{L}'’]*(?:-\p{Ll}+|-[A-Z][a-z]+)*){0,4}"
_SITS_AT = regex.compile(rf"[ ]+tại[ ]+((?:thành[ ]+phố[ ]+|tỉnh[ ]+|[Tt]hủ[ ]+đô[ ]+|TP\.?[ ]?)?{_FOREIGN_RUN})")
# a state's form before its name, written in lower case in part: "Cộng hòa Ba Lan", "Vương quốc Campuchia",
# "Cộng hòa Xã hội chủ nghĩa Việt Nam"
_STATE_FORM = r"(?:(?:Cộng[ ]+h(?:òa|oà)|Vương[ ]+quốc|Liên[ ]+bang)(?:[ ]+Xã[ ]+hội[ ]+chủ[ ]+nghĩa)?[ ]+)?"
_ABROAD = regex.compile(rf"[ ]+(?:(?P<name>(?:nước[ ]+)?{_STATE_FORM}{_FOREIGN_RUN})[ ]+tại[ ]+"
                        rf"(?P<at>(?:thành[ ]+phố[ ]+|tỉnh[ ]+)?{_FOREIGN_RUN})"
                        rf"|(?:tỉnh|thành phố|huyện|xã|trấn|[cC]hâu|nước)[ ]+(?P<name>{_STATE_FORM}{_FOREIGN_RUN}))(?![\p{{L}}\p{{N}}])")
_DESCRIBED = {"enterprise", "education", "health-care"}  # bodies whose name may open with what they are
# or with the kind of hamlet they are of: "Ban Công tác Mặt trận *thôn* Bãi Đá"
_DESCRIBED_BY_PLACE = {"front"}
_DESCRIPTION_WORDS = 4
_GROUPED = {"enterprise", "education"}   # bodies that may be part of a larger one of their kind (a group, a university)
# bodies whose name may be all lower case when where the body is closes it ("Ban Quản lý *dự án
# đầu tư xây dựng* tỉnh", "Trung tâm *y tế* huyện Yên Thế")
_LOWER_CASE_NAMED = {"department", "state-body"} | _DESCRIBED
_BRANCH = regex.compile(r"[ ]*(?:[-–][ ]*)?Chi nhánh(?=[ ])", regex.IGNORECASE)
# a branch for a region rather than a province: "VCCI chi nhánh khu vực Miền Trung - Tây Nguyên"
REGION_UNIT = "khu vực"
# an organisation's own national committee, named after the Central Committee's word: "*Trung ương* Hội Khuyến
# học Việt Nam", "Ban Chấp hành *Trung ương* Hội Luật gia Việt Nam"
NATIONAL_UNIT = "trung ương"
_COUNTRY_AFTER = regex.compile(r"[ ]+Việt[ ]+Nam(?![\p{L}\p{N}])")   # "Hội Khuyến học *Việt Nam*": the national one
_REGION = regex.compile(r"[ ]+(?i:khu vực)[ ]+(\p{Lu}\p{Ll}*(?:[ ]+(?:[-–][ ]+)?\p{Lu}\p{Ll}*)*)")
_GLOSS = regex.compile(r"[ ]*\(([^()\n]{2,120})\)")
_CAPITALISED_RUN = regex.compile(r"[ ]*\p{Lu}\p{Ll}*(?:[ ]+\p{Lu}\p{Ll}*){1,3}(?![\p{L}\p{N}])")
# a person's name by its middle name, whatever the surname: "Chủ tịch HĐND tỉnh *Ka Thị Hương*"
_MIDDLE_NAMED = regex.compile(r"[ ]*\p{Lu}\p{Ll}*[ ]+(?:Thị|Văn)[ ]+\p{Lu}")
_SEVERAL_PROVINCES = regex.compile(r"[ ]+(?:hai|ba|bốn|năm|các)[ ]+(tỉnh|thành phố)[ ]")
_PROVINCE_JOIN = regex.compile(r"[ ]*(?:,[ ]*(?:và[ ]+)?|[ ]+và[ ]+|[ ]*[-–][ ]*)(?<=[ ])")
_HOME = regex.compile(r"Việt Nam(?![\p{L}\p{N}])")  # "Đại sứ Nhật Bản tại Việt Nam"
# ... the clause's last words, or one word before the clause goes on ("tỉnh Attapeu cùng đoàn"; a person's
# name has two words at least)
_PLACE_ABROAD = regex.compile(rf"[ ]+({_FOREIGN_RUN}(?=[ ]*(?:[,;.:()–-]|$))|\p{{Lu}}\p{{Ll}}+(?=[ ]+\p{{Ll}}))",
                              regex.MULTILINE)
# what a body of each "attaches" kind may hang from
_PARENT_CATEGORIES = {
    "party-committee": {"party-committee"},
    "committee": {"party-committee", "mass-organization"},
    "state-body": {"state-body", "department"},
    "any": None,
    "parent": None,   # only a parent named right after it, never a place ("Đoàn giám sát của Thường trực HĐND tỉnh")
}


def same_rank(unit: str | None, other: str | None) -> bool:
    """Whether bodies named with these unit words may be of one rank: a word left unsaid fits any; "Công an xã" is no
    "Công an tỉnh", "UBND huyện" no "UBND tỉnh"; a city may be of a province's rank or of a district's."""
    rank, other_rank = _UNIT_RANKS.get(unit or ""), _UNIT_RANKS.get(other or "")
    if rank is None or other_rank is None or rank == other_rank:
        return True
    return bool({unit, other} & _EITHER_RANK) and min(rank, other_rank) > 1

def parent_categories(attaches: str) -> set[str] | None:
    """The categories a body of this "attaches" kind hangs from; None for any body."""
    return _PARENT_CATEGORIES[attaches]


def parse_org(text: str, pos: int, absorbed: str | None = None, when=None) -> OrgMention | None:
    """The body named at pos, with its parents and place, or None ("Hội" with no name
    after it is the word, as in "Hội nghị", or a body named before)."""
    lexicon = vocab.absorbed_body_lexicon(absorbed) if absorbed else vocab.body_lexicon()
    found = lexicon.match(text, pos)
    if found is None:
        return None
    end, body = found
    org = _organisation_of_centre(text, pos, end, body, when) or complete_org(text, pos, end, body, when)
    return None if unnamed(org, text) else org


def _organisation_of_centre(text: str, pos: int, end: int, body: vocab.Body, when) -> OrgMention | None:
    """"Trung ương Hội Khuyến học Việt Nam": a central body's name with a mass organisation's right after it is that
    organisation's national committee (None when no mass organisation, or one placed in a province, follows)."""
    space = _SPACE.match(text, end)
    found = vocab.body_lexicon().match(text, space.end()) if space and body.level == "central" \
        and body.attaches == "none" else None
    if found is None or found[1].category != "mass-organization":
        return None
    organisation = complete_org(text, space.end(), found[0], found[1], when)
    if organisation.province or organisation.locality:
        return None
    return OrgMention(Span(pos, organisation.span.end, text[pos:organisation.span.end], "body"), organisation.chain,
                      unit=NATIONAL_UNIT, name=organisation.name)


def without_abbreviations(text: str) -> str:
    """A body's or post's name without the short names glossed in it ("Sở Tài nguyên và Môi trường (TN&MT)",
    "Tập đoàn Viễn thông Quân đội (Viettel)")."""
    return " ".join(_SHORT_NAME.sub("", text).split())


def complete_org(text: str, start: int, end: int, body: vocab.Body, when=None) -> OrgMention:
    """A body whose kind is named in text[start:end]: what it hangs from, or where it is, follows."""
    chain, province, locality, unit, name = (body.id,), None, None, None, None
    end = _past_short_name(text, end)  # "Ngân hàng Chính sách xã hội (NHCSXH) tỉnh"
    if body.attaches in _PARENT_CATEGORIES:
        parent = _parent(text, end, body.attaches, when)
        if parent is not None:
            chain += parent.chain
            province, locality, unit, end = parent.province, parent.locality, parent.unit, parent.span.end
        elif body.attaches == "any":  # "Đảng ủy phường Tân Phong": no parent body, a place
            kind_end = end
            end, province, locality, unit = parse_place(text, end, body, when, bare=False)
            if end == kind_end:  # "Chi nhánh WinCommerce An Giang": a body the vocabulary lacks
                name, end, province, locality, unit = _named_then_placed(text, end, body, when)
    elif body.attaches in ("place", "place-or-name"):
        branch = _BRANCH.match(text, end)  # "Ngân hàng ... Việt Nam - Chi nhánh tỉnh Sóc Trăng": the branch's place
        placed = _branch_place(text, branch.end(), body, when) if branch else None
        kind_end = end
        end, province, locality, unit = placed if placed and placed[0] > branch.end() else parse_place(text, end, body,
                                                                                                      when)
        if body.attaches == "place-or-name" and end == kind_end:  # "Trường Chính trị Trần Phú": named, not placed
            name, end, province, locality, unit = _named_then_placed(text, end, body, when)
        country = _COUNTRY_AFTER.match(text, end) if end == kind_end else None
        if country and not _JOINED_PAIR.match(text, country.end()):   # "Hội Hữu nghị Việt Nam - Lào" is a name
            # "Ủy ban Mặt trận Tổ quốc (MTTQ) Việt Nam tỉnh": the country's name, then maybe the place
            end, province, locality, unit = parse_place(text, country.end(), body, when)
    elif body.attaches == "abroad":
        name, end = _abroad(text, end)
    elif body.attaches in ("name", "name-place", "name-optional"):
        # a body whose name may be left out keeps the words the text writes after its kind ("Ban Tổ chức *Lễ hội*")
        named_from = _after_label(text, start, end, body) if body.attaches == "name-optional" else end
        # a body whose name may be left out is left unnamed by a verb right after it ("Trưởng Ban Chỉ đạo *phát biểu*")
        unnamed_here = body.attaches == "name-optional" and _predicate_after(text, named_from)
        name, end = (None, named_from) if unnamed_here else _proper_name(text, named_from, body, when)
        if body.attaches == "name-optional" and name is None:  # "Ban Chỉ đạo *tỉnh*": no name, a place
            end, province, locality, unit = parse_place(text, end, body, when, bare=False)
        elif body.attaches == "name-place":  # "ấp An Lợi, xã Tà Đảnh"
            end, province = _larger_places(text, end, 0, when)
        elif name is not None and body.level == "central":  # "Vụ Dân tộc, Ban Dân vận Trung ương"
            end = _central_owner_end(text, end, when)
        elif name is not None:  # "Bệnh viện Đa khoa tỉnh Phú Thọ", "Báo Pháp luật TP Hồ Chí Minh *tại Tây Nguyên*"
            end, province, locality, unit = _place_after_name(text, end, body, when)
            end = _with_seat(text, end)
        if body.attaches == "name-optional" and not unnamed_here:
            end = _owner_end(text, end, when)
    elif body.category == "foreign-state":   # "Văn phòng KOICA *tại Việt Nam*", "Tổ chức Plan International *tại ...*"
        city = _province_at(text, end, when)  # "KOTRA *Hà Nội*": the city its office is in
        end = _with_seat(text, city[0] if city else end)
    if body.level == "central" and name is None and province is None:
        name, end = _counterpart_abroad(text, end)
    return OrgMention(Span(start, end, text[start:end], "body"), chain, province, locality, unit, name)


def _owner_end(text: str, end: int, when) -> int:
    """Where a group's name ends that goes on with whose group it is and what it is about: "Tổ công tác số 3 *của Thủ
    tướng Chính phủ*", "Tổ công tác đặc biệt *của UBND tỉnh về đẩy nhanh tiến độ giải ngân vốn đầu tư công năm
    2020*" (up to what it did, or a stop)."""
    gap = _OWNER_GAP.match(text, end)
    owner_end = _owner(text, gap.end(), when) if gap else None
    if owner_end is None:
        return end
    about = _ABOUT.match(text, owner_end)
    if about is None:
        return owner_end
    at = about.end()
    while (word := _TOPIC_WORD.match(text, at)) is not None and not _predicate_at(text, word.start(1)):
        at = word.end()
    return at if at > about.end() else owner_end


def _owner(text: str, pos: int, when) -> int | None:
    """Where whose group it is ends: a body's name, or an official's title with the body it names ("Thủ tướng Chính
    phủ", "Chủ tịch UBND tỉnh")."""
    title = vocab.title_lexicon().match(text, pos)
    if title is not None and title[1].kind == "post":
        if title[1].implies:
            return title[0]
        pos = _SPACES.match(text, title[0]).end()
    owner = parse_org(text, pos, when=when)
    return owner.span.end if owner is not None and owner.span.start == pos else None


def _place_after_name(text: str, end: int, body: vocab.Body, when):
    """Where a named body is, after its name or after its short name in brackets ("Trung tâm Kiểm soát bệnh tật
    *(CDC) tỉnh Bình Dương*"): parse_place's answer."""
    short_end = _past_short_name(text, end)
    if short_end > end:
        placed = parse_place(text, short_end, body, when, bare=False)
        if placed[0] > short_end:
            return placed
    return parse_place(text, end, body, when, bare=False)


def _counterpart_abroad(text: str, pos: int) -> tuple[str | None, int]:
    """A central body's counterpart of another country, named by the country after it: "Ban Chấp hành
    Trung ương Hội Liên hiệp Phụ nữ *Lào*", "Bộ Công an *Campuchia*" (None and pos when no country follows)."""
    start = _SPACES.match(text, pos).end()
    country = vocab.country_lexicon().match(text, start) if start > pos else None
    if country is None or _JOINED_PAIR.match(text, country[0]):   # "Hội Hữu nghị Việt Nam - Lào" goes on
        return None, pos
    return text[start:country[0]], country[0]


def _named_then_placed(text: str, pos: int, body: vocab.Body, when
                       ) -> tuple[str | None, int, str | None, str | None, str | None]:
    """(name, end, province id, locality, unit word) of a body named at pos, where no place is."""
    name, end = _proper_name(text, pos, body, when)
    if name is None:
        return None, pos, None, None, None
    return (name, *parse_place(text, end, body, when, bare=False))


def _branch_place(text: str, pos: int, body: vocab.Body, when) -> tuple[int, str | None, str | None, str | None]:
    """Where a branch is: a place, or a region ("khu vực Đông Nam Bộ", written in the region's case)."""
    region = _REGION.match(text, pos)
    if region:
        return region.end(), None, region.group(1), REGION_UNIT
    return parse_place(text, pos, body, when)


def _abroad(text: str, pos: int) -> tuple[str | None, int]:
    """The country or province abroad a body belongs to, and where it ends: "Hàn Quốc tại Đà
    Nẵng", "nước CHDCND Lào tại Vinh", "tỉnh Xiêng Khoảng". A bare capitalised run is no such
    name ("Tổng Lãnh sự Ahn Min-sik" names a person), so it is introduced by a unit word or
    followed by where the mission sits."""
    found = _ABROAD.match(text, pos)
    if not found:   # "Đại sứ Ba Lan Tomasz Wierzbicki", "Thống đốc tỉnh Gifu": a country or province we know needs
        start = _SPACES.match(text, pos).end()   # no unit word before it
        known = vocab.country_lexicon().match(text, start) or vocab.province_abroad_lexicon().match(text, start)
        return (text[start:known[0]], known[0]) if known else (None, pos)
    if vocab.province_lexicon().match(text, found.start("name")):  # a province of Viet Nam is no abroad
        return None, pos
    known = vocab.province_abroad_lexicon().match(text, found.start("name"))
    end = known[0] if known else found.end()   # "tỉnh Phôngsalỳ Khămsing Inthavông": the province, then a name
    if found.group("at"):  # where the mission sits: a province, the home country, or a run before a person
        at = found.start("at")
        province, home = vocab.province_lexicon().match(text, at), _HOME.match(text, at)
        end = province[0] if province else home.end() if home else _before_person(text, at, end, _PERSON_LENGTHS[:2])
    return text[found.start("name"):end], end


def _central_owner_end(text: str, pos: int, when) -> int:
    """Where the central body that a department of it is named with ends, after a comma:
    "Vụ Dân tộc*, Ban Dân vận Trung ương*" (pos when none follows)."""
    comma = _COMMA.match(text, pos)
    owner = parse_org(text, _SPACE.match(text, comma.end()).end(), when=when) if comma else None
    central = owner is not None and any(vocab.bodies()[k].level == "central" for k in owner.chain)
    return owner.span.end if central else pos


def _names(word: str) -> bool:
    """A word that can open or close a proper name: capitalised, or a number (Quân khu 2, Trại giam số 6)."""
    return word[0].isupper() or word.split()[-1].isdigit()


def _proper_name(text: str, pos: int, body: vocab.Body, when) -> tuple[str | None, int]:
    """The name after "Công ty", "Bệnh viện", "ấp": see _name_words; a person's name glued
    after a hamlet's is not part of it ("Trưởng ấp Lê Văn Hải phát biểu"), nor after a name
    that is a province's ("Tổng Biên tập Báo Quảng Ngãi Võ Duy Khang")."""
    words = _name_words(text, pos, when, body)
    if not words:
        return None, pos
    start = _SPACE.match(text, pos).end()
    # a department is never named after a person: one whose name ends in lower-case words stops at the person
    # named after it ("Chi cục An toàn vệ sinh thực phẩm Trần Thị Kim Oanh"), and nor is a paper ("phóng viên Báo
    # Tuổi Trẻ Hoàng Minh Tú")
    lengths = _PERSON_LENGTHS if body.attaches == "name-place" or body.category in _NAMED_BEFORE_PERSONS else ()
    end = _before_person(text, start, words[-1][1], lengths)
    if body.attaches == "name-optional":
        end = _person_after_lower_case(text, start, end)
    if end <= start and body.category == "press":   # "Báo Hà Nội Mới": a paper's whole name is no person's
        end = words[-1][1]
    province = _province_at(text, pos, when)
    if province is not None and province[0] < end:
        end = _before_person(text, province[0], end)
    if end <= start:
        return None, pos
    end = _with_seat(text, end)
    return text[start:end], end


def _past_short_name(text: str, end: int) -> int:
    """Where a body's short name in brackets after its name ends, else end."""
    short = _SHORT_NAME.match(text, end)
    return short.end() if short and key(short.group(1)) not in vocab.countries() else end


def _with_seat(text: str, end: int) -> int:
    """Where a name ends that may go on with where the office sits, part of its name: "Văn phòng UNESCO *tại Việt
    Nam*", "Tổ chức Xúc tiến Thương mại Nhật Bản *(JETRO) tại Hà Nội*", "Hội lưu học sinh Lào *tại Trường Đại học
    Tây Bắc*"."""
    sits = _SITS_AT.match(text, _past_short_name(text, end))
    if sits is None:
        return end
    # "Hội lưu học sinh Lào *tại Trường Đại học Tây Bắc*": it sits in a body, named whole
    host = parse_org(text, sits.start(1)) if vocab.body_lexicon().match(text, sits.start(1)) else None
    return host.span.end if host else _before_person(text, sits.start(1), sits.end(1))


def _name_words(text: str, pos: int, when, body: vocab.Body | None = None) -> list[tuple[str, int]]:
    """The words of a name at pos, each with where it ends: capitalised words, and lower-case
    ones before a capitalised one, before where the body is ("Trung tâm Phục vụ hành chính
    công tỉnh"), or after the one capital of the name ("Cục Cảnh sát giao thông"). A body
    named inside ends it ("Vùng 4 Hải quân"), and so do a province's name ("Công ty Điện lực
    Quảng Ninh"), a grammar word and a verb that says what someone did ("... Điện lực *phát
    biểu*"); lower-case words close a name the punctuation ends ("Vụ Nông nghiệp - Nông thôn,", "Vụ
    Kinh tế vùng và địa phương,").
    A described body may open its name with what it is ("Hợp tác xã *nông nghiệp* Thanh Xuân",
    "Trường *tiểu học* Kim Đồng"), a capitalised name, not a person's, following; some bodies
    have a name all in lower case, before where they are (_LOWER_CASE_NAMED)."""
    category = body.category if body else None
    words: list[tuple[str, int]] = []
    at, placed, bounded, inside, joined_lower, predicate, phrased = pos, False, True, False, None, False, False
    most = _TASK_NAME_MAX_WORDS if body is not None and body.attaches == "name-optional" else _NAME_MAX_WORDS
    while True:
        if len(words) == most:
            bounded = False
            break
        unit = _UNIT.match(text, at) if words else None
        if unit and not _UNIT_IN_NAME.match(text, at) and not _PHRASE_IN_NAME.match(text, at) \
                and _inner_body(text, at, when) is None \
                and not (unit.group("of") and _predicate_at(text, _SPACES.match(text, pos).end())):
            # where the body is; not a body named with a unit word ("Ban Thiếu nhi *Tỉnh đoàn*"), nor a word that
            # opens with one ("tệ nạn *xã hội*"), nor "của tỉnh" after what someone did ("Phó Cục trưởng *đánh giá
            # cao công tác chuẩn bị của tỉnh*")
            placed = True
            break
        province = _province_at(text, at, when) if words else None
        if province is not None:
            words.append((text[at:province[0]].strip(), province[0]))
            if not _goes_on_after_province(text, province[0], category, when):
                placed = True
                break
            at = province[0]
            continue
        joiner = _JOINER.match(text, at) if words else None
        joined = _inner_body(text, joiner.end(), when) if joiner else None
        if joined is not None and _group_suffix(joiner, joined, body):
            words.append((joined.span.text, joined.span.end))   # "Công ty Than Hà Lầm *- TKV*"
            inside = True
            break
        if joiner and joined is None and not _person_at(text, joiner.end()) \
                and not _HONORIFIC_NEXT.match(text, joiner.end()):
            at = joiner.end()  # "Phòng Văn hóa *và* Thông tin", "Hội đồng Thi đua *-* Khen thưởng"
        elif words and words[-1][0].islower() and (dash := _LOWER_DASH.match(text, at)):
            at = dash.end()
        elif words and joined_lower is None and (lower := _LOWER_JOINER.match(text, at)):
            joined_lower, at = len(words), lower.end()
        elif words and (comma := _COMMA_IN_NAME.match(text, at)) and _comma_joins(words[-1][0], text, comma.end()):
            at = comma.end()  # "phòng*,* chống dịch", "chương trình OCOP*,* NTM": a comma inside the name
        elif words and words[-1][0].islower() and (comma := _COMMA_IN_NAME.match(text, at)) \
                and _goes_on_to_place(text, comma.end(), when):
            at, most = comma.end(), len(words) + _RUN_TO_PLACE_WORDS   # "xóa nhà tạm*,* nhà dột nát tỉnh"
        phrase = _PHRASE_IN_NAME.match(text, at)   # "Ban Chỉ đạo *Trung ương về* ...": no body inside
        inner = None if phrase else _inner_body(text, at, when)
        if inner is not None and not _placeless_word(inner, text):
            words.append((inner.span.text, inner.span.end))
            inside = True
            break
        word = phrase or _NUMBERED.match(text, at) or _WORD.match(text, at)
        phrased = phrased or phrase is not None
        # a verb right after a department's kind word ("Giám đốc Sở *trình bày*") names none; after another kind it
        # may open its name ("Hội đồng *đánh giá*, phân hạng sản phẩm OCOP cấp tỉnh")
        if word and (words or category == "department") and _predicate_at(text, word.start(1)):
            predicate = True   # the name is the subject of what follows: lower-case words up to the verb are its own
            break
        if word and words and body is not None and body.attaches == "name-optional" and word.group(1) == "của" \
                and _owner(text, _SPACES.match(text, word.end()).end(), when) is not None:
            placed = True   # "Tổ công tác đặc biệt *của UBND tỉnh* ...": whose group it is closes its name (_owner_end)
            break
        # a grammar word in lower case: "Là" of "thôn Sủng Là" is a name's
        if not word or word.group(1) in _NAME_STOP or _rank_at(text, word.start(1)) \
                or _AMOUNT.match(text, at):
            break
        if words[-1:] and words[-1][0][:1].islower() and vocab.title_lexicon().match(text, word.start(1)):
            break  # "Ban Chỉ đạo giao *Phó Trưởng ban* A": a title after a lower-case word opens another clause
        words.append((word.group(1), word.end()))
        at = word.end()
    closed = bounded and _CLOSED.match(text, at) is not None
    if joined_lower is not None and not (placed or closed or inside):
        words = words[:joined_lower]
    capitals = [i for i, (w, _) in enumerate(words) if _names(w)]
    if len(words) > 1 and (placed or (predicate or phrased) and bounded or closed and words[-1][0].isdigit()) \
            and category in _LOWER_CASE_NAMED and (not capitals or capitals[0] != 0):
        # a name in lower case that where the body is, what it did, or a number closes ("Ban Chỉ đạo phòng, chống
        # dịch Covid-19 tỉnh", "Ban Chỉ đạo diễn tập chủ trì", "Ban Quản lý dự án 7;"), or one that words only names
        # hold open ("Ban Chỉ đạo *quốc gia về* phòng, chống thiên tai")
        return words
    if not capitals:
        return []
    tail = words[capitals[0]:]
    if closed and capitals[0] != 0 and category in _LOWER_CASE_NAMED and len(capitals) == len(tail) \
            and not _person_at(text, tail[0][1] - len(tail[0][0])):
        return words   # "Ban Quản lý dự án *Thăng Long* (Bộ Giao thông vận tải)": what it is, then a name, no person's
    if capitals[0] != 0 and not phrased \
            and not (category in _DESCRIBED | _DESCRIBED_BY_PLACE and _described(text, words, capitals[0])):
        return []   # but words only names hold may open one ("Đồn Biên phòng *cửa khẩu quốc tế* Lao Bảo")
    one_capital = capitals == [0] and bounded and len(words) <= _ONE_CAPITAL_WORDS
    return words if placed or one_capital or closed or predicate and bounded else words[:capitals[-1] + 1]


def _group_suffix(joiner: regex.Match, joined: OrgMention, body: vocab.Body | None) -> bool:
    """A name that ends with the name of the larger body it is part of after a dash, as a subsidiary's or a member
    school's does: "Công ty Than Hà Lầm - TKV", "Trường Đại học Luật - Đại học Huế"; a body of the same kind after
    the dash is another one ("Trường THPT A - Trường THPT B")."""
    return (body is not None and body.category in _GROUPED and joiner.group().strip() in ("-", "–")
            and vocab.bodies()[joined.kind].category == body.category and joined.kind != body.id)


def _comma_joins(word: str, text: str, pos: int) -> bool:
    """Whether a comma after word joins two parts of one name: "phòng, chống" (prevention and control), or two
    abbreviations that name no body ("OCOP, NTM")."""
    after = _WORD.match(text, pos)
    following = after.group(1) if after else ""
    return (word.casefold() == "phòng" and following.casefold() == "chống"
            or len(word) > 1 and word.isupper() and len(following) > 1 and following.isupper())


def _goes_on_after_province(text: str, pos: int, category: str | None, when) -> bool:
    """Whether a company's name goes on after a province's name inside it, with a capitalised word that is no
    person's: "Công ty CP Thủy sản Hậu Giang *Xanh*" (not "Công ty Điện lực Quảng Ninh Nguyễn Văn An")."""
    capital = _CAPITALISED_WORD.match(text, pos)
    return (category == "enterprise" and capital is not None and not _person_at(text, capital.end() - 1)
            and _inner_body(text, pos, when) is None)


def _goes_on_to_place(text: str, pos: int, when) -> bool:
    """Whether the words after a comma in a name in lower case go on, with no title, body or grammar word but "và"
    among them, to where the body is, and the clause ends there: "Ban Chỉ đạo xóa nhà tạm*, nhà dột nát tỉnh* phát
    biểu" (not "..., Phó Chủ tịch UBND tỉnh", nor "... về môi trường, Công an tỉnh")."""
    at = pos
    for _ in range(_RUN_TO_PLACE_WORDS):
        unit = _UNIT.match(text, at)
        if unit and (_CLOSED.match(text, unit.end()) or _predicate_after(text, unit.end())):
            return True
        at = comma.end() if (comma := _COMMA_IN_NAME.match(text, at)) else at   # "khoa học*,* công nghệ*,* ..."
        word = _WORD.match(text, at)
        if word is None or word.group(1).casefold() in _NAME_STOP - {"và"} \
                or vocab.title_lexicon().match(text, word.start(1)) or _inner_body(text, at, when) is not None:
            return False
        at = word.end()
    return False


def _predicate_after(text: str, pos: int) -> bool:
    word = _WORD.match(text, pos)
    return bool(word) and _predicate_at(text, word.start(1))


def _described(text: str, words: list[tuple[str, int]], first_capital: int) -> bool:
    """Whether a few lower-case words lead to a capitalised name that is no person's."""
    return first_capital <= _DESCRIPTION_WORDS and not _person_at(text, words[first_capital - 1][1])


def _predicate_at(text: str, pos: int) -> bool:
    """A lower-case verb that says what a subject did ("phát biểu", "cho biết", "tổ chức", "dẫn đầu")."""
    return text[pos].islower() and (vocab.role_cues()["after"].match(text, pos) is not None
                                    or _DOES.match(text, pos) is not None)


def _person_at(text: str, pos: int) -> bool:
    """A person's name at pos: a surname, then capitalised words ("Nông Văn Dũng", not "Nông thôn")."""
    run = _CAPITALISED_RUN.match(text, pos)
    return bool(run) and _surname_at(text, pos)


def _rank_at(text: str, pos: int) -> bool:
    """A rank at pos, before a person's name: "Đồn Biên phòng Mộc Bài và *Trung tá* Kep Sophat"."""
    found = vocab.title_lexicon().match(text, pos)
    return found is not None and found[1].kind == "rank"


def _surname_at(text: str, pos: int) -> bool:
    word = _SURNAME_WORD.match(text, pos)
    return bool(word) and is_surname(word.group(1))


def is_surname(word: str) -> bool:
    """A surname, or a prefix glued to a name by an apostrophe that is one ("H'" of "H'Loan", "K'" of "K'Bríu")."""
    glued = _GLUED_SURNAME.match(word)
    return (glued.group() if glued else word).casefold() in vocab.surnames()


def unlisted_body_end(text: str, pos: int, when=None) -> int:
    """Where a body the vocabulary lacks ends, written right after a title at pos
    ("Chủ tịch *Hiệp hội Doanh nghiệp tỉnh*"); pos when none is. A body's name opens with
    an abbreviation, or its second word is lower-case or a number ("Hiệp hội", "Vùng 4");
    a person's name never is."""
    words = _name_words(text, pos, when)
    if not words:
        return pos
    start = _SPACE.match(text, pos).end()
    first, second = words[0][0], words[1][0] if len(words) > 1 else ""
    if not ((len(first) > 1 and first.isupper()) or second[:1].islower() or second.isdigit()
            or any(_BRAND_WORD.search(w) for w, _ in words)):
        return pos
    if vocab.title_lexicon().match(text, start) or vocab.province_lexicon().match(text, start):
        return pos
    end = _with_seat(text, _before_person(text, start, words[-1][1], _PERSON_LENGTHS[:2]))
    return max(end, parse_place(text, end, _UNLISTED, when, bare=False)[0])


def _placeless_word(inner: OrgMention, text: str) -> bool:
    """A body known by where it is, written with no place and a capitalised name after it, is a word of that name
    ("Tổng công ty *Viễn thông* MobiFone"), not a body inside it ("Viễn thông Bắc Ninh")."""
    return (vocab.bodies()[inner.kind].placed and len(inner.chain) == 1 and inner.province is None
            and inner.locality is None and bool(_CAPITALISED_WORD.match(text, inner.span.end)))


def _inner_body(text: str, at: int, when) -> OrgMention | None:
    """A body named with a capital right after at ("... 4 *Hải quân*")."""
    space = _SPACE.match(text, at, at + 3)
    if not space or not text[space.end():space.end() + 1].isupper():
        return None
    return parse_org(text, space.end(), when=when)


def _before_person(text: str, start: int, end: int, lengths: tuple[int, ...] = _PERSON_LENGTHS) -> int:
    """Where capitalised words stop naming a place: "Ninh Kiều Lương Văn Quý" → "Ninh Kiều".

    The words that end the run are a person's name when they open with a surname; a
    name of three words is likelier than one of four or two, a whole run is a name only
    from three words on ("huyện Lương Sơn" is a place), and a name of two words follows a
    place of two words or more ("phường Buôn Ma Thuột" is a place)."""
    words = list(_WORDS.finditer(text[start:end]))
    for length in lengths:
        keep = len(words) - length
        if keep < 0:
            continue
        name = [w.group() for w in words[keep:]]
        if len(name[-1]) == 1:
            continue   # "ấp Trà Quýt A": a name never ends in a lone letter, a place's may
        # "H'Loan Mlô": a prefix only persons' names open with, however few the words
        marked = bool(_GLUED_SURNAME.match(name[0])) and is_surname(name[0])
        if not marked and ((keep == 0 and length < 3) or (keep == 1 and length == 2)
                           or length == 2 and keep >= 2 and words[keep - 2].group().casefold() in _one_word_units()):
            continue   # "huyện Si *Ma Cai*": after a unit word and one word, two words are the place's too
        if is_surname(name[0]) and all(w[0].isupper() for w in name) and not any(
                _ends_with_province(text, start + word.start(), end) for word in words[keep + 1:]):
            return start + words[keep - 1].end() if keep else start
    return end


@cache
def _one_word_units() -> frozenset[str]:
    """The unit words of one word: the administrative ones ("huyện", "xã") and those of the residential bodies of
    bodies.csv ("thôn", "xóm", "bản", "ấp")."""
    residential = {name.casefold() for body in vocab.bodies().values() if body.category == "residential-unit"
                   for name in (body.label_vi, *body.variants) if " " not in name}
    return frozenset(residential | {word for word in UNIT_WORDS.split("|") if word.isalpha()})


def _person_after_lower_case(text: str, start: int, end: int) -> int:
    """Where a name of lower-case words stops at a person's name of three or four words written right after them
    ("Ban Chỉ đạo Trung ương về Phòng chống thiên tai *Đỗ Văn Thịnh*"; not "Hội thánh Cao Đài Tây Ninh", whose
    capitals are the whole name, nor "... thủy điện Sơn La", a place of two words)."""
    cut = _before_person(text, start, end, _PERSON_LENGTHS[:2])
    before = _WORDS_BEFORE.search(text, start, cut) if start < cut < end else None
    return cut if before and before.group()[0].islower() else end


def _ends_with_province(text: str, pos: int, end: int) -> bool:
    """Whether the words from pos to end name a province: "Hàn *Bắc Giang*" of "Trường Cao đẳng nghề Công nghệ Việt
    Hàn Bắc Giang" and "Cao Đài *Tây Ninh*" of "Hội thánh Cao Đài Tây Ninh" are no persons' names, though "Hàn" and
    "Cao" are surnames."""
    found = vocab.province_lexicon().match(text, pos)
    return found is not None and found[0] == end


def _parent(text: str, pos: int, attaches: str, when) -> OrgMention | None:
    gap = _PARENT_GAP.match(text, pos)
    if not gap:
        return None
    parent = parse_org(text, gap.end(), when=when)
    allowed = _PARENT_CATEGORIES[attaches]
    if parent is None or (allowed is not None and vocab.bodies()[parent.kind].category not in allowed):
        return None
    return parent


def parse_place(text: str, pos: int, body: vocab.Body, when=None,
                bare: bool | None = None) -> tuple[int, str | None, str | None, str | None]:
    """(end, province id, locality, unit word) after a body that sits in a place.

    A party committee names its place bare ("Tỉnh ủy Vĩnh Phúc", "Huyện ủy Lệ Thủy");
    other bodies after a unit word ("UBND tỉnh Vĩnh Phúc", "UBND huyện Lệ Thủy");
    `bare` overrides the body's own habit.
    """
    bare_name = body.bare_place if bare is None else bare
    unit_match = _UNIT.match(text, pos)
    glued = _GLUED_UNIT.match(text, pos)
    whole = _province_at(text, pos, when) if unit_match or glued else None
    if whole and (glued or whole[0] > unit_match.end()):  # a name that carries its unit word: "TP.HCM", "TPHCM"
        return whole[0], whole[1], None, (unit_match.group("unit") if unit_match else "tp").casefold()
    unit = unit_match.group("unit").casefold() if unit_match else None
    after = unit_match.end() if unit_match else pos
    if unit is None and not bare_name:   # only a province named bare, as national papers write ("Sở Y tế Quảng Nam")
        province = _province_at(text, pos, when)
        return (province[0], province[1], None, None) if province else (pos, None, None, None)
    province = _province_at(text, after, when)
    if province and (unit is None or unit in _PROVINCE_UNITS):
        return province[0], province[1], None, unit
    below_province = unit != "tỉnh" if unit else body.level != "province"
    end = _locality_end(text, after) if below_province else _province_abroad_end(text, after, body, unit)
    if end == after:
        return after, None, None, unit
    end, province_id = _larger_places(text, end, _UNIT_RANKS.get(unit or "", 2), when)
    return end, province_id, text[after:end].split(",")[0].strip(), unit


def _province_abroad_end(text: str, pos: int, body: vocab.Body, unit: str | None) -> int:
    """"Tỉnh ủy Xiêng Khoảng", "Bộ Chỉ huy Quân sự tỉnh Attapeu (Lào)": a provincial body named by
    a province no Vietnamese one, the whole clause's last words (a person's name is written before
    a verb or its posts, and opens with a surname)."""
    if not (unit == "tỉnh" or unit is None and body.bare_place):
        return pos
    known = vocab.province_abroad_lexicon().match(text, _SPACES.match(text, pos).end())
    if known:   # "tỉnh Savannakhệt Khămmăn Sụlịvông": a province we know, then a name without a surname
        return known[0]
    found = _PLACE_ABROAD.match(text, pos)
    if not found or _surname_at(text, pos) or _MIDDLE_NAMED.match(text, pos):
        return pos
    return found.end(1)


def _locality_end(text: str, pos: int) -> int:
    """The end of a district's or commune's name at pos (pos when none is there)."""
    locality = _LOCALITY.match(text, pos)
    if not locality:
        return pos
    words = list(_WORDS.finditer(locality.group(1)))
    end = min(_before_person(text, locality.start(1), locality.end(1)),
              locality.start(1) + words[min(len(words), _LOCALITY_WORDS) - 1].end())
    return end if end > locality.start(1) else pos


def _larger_places(text: str, pos: int, rank: int, when) -> tuple[int, str | None]:
    """(end, province id) over ", huyện B, tỉnh C" (or " huyện B tỉnh C") after a place of the given rank."""
    while gap := _LARGER_PLACE_GAP.match(text, pos):
        unit = _UNIT.match(text, gap.end())
        if not unit:
            break
        province = _province_at(text, unit.end(), when)
        if province and unit.group("unit").casefold() in _PROVINCE_UNITS:
            return (province[0], province[1]) if rank < _PROVINCE_RANK else (pos, None)
        end = _locality_end(text, unit.end())
        if end == unit.end() or _UNIT_RANKS[unit.group("unit").casefold()] <= rank:
            break
        pos, rank = end, _UNIT_RANKS[unit.group("unit").casefold()]
    return pos, None


def _province_at(text: str, pos: int, when) -> tuple[int, str | None] | None:
    space = _SPACE.match(text, pos, pos + 3)
    if not space:
        return None
    found = vocab.province_lexicon().match(text, space.end())
    if not found:
        return None
    unit = vocab.province_of_day(found[1], when)
    return found[0], unit.id if unit else None


def find_orgs(text: str, start: int, end: int, when=None) -> list[OrgMention]:
    """Every body named with a capital letter (see _CAPITAL) in text[start:end], longest first, not overlapping."""
    found, pos = [], start
    for capital in _CAPITAL.finditer(text, start, end):
        if capital.start() < pos:
            continue
        org = parse_org(text, capital.start(), when=when)
        if org is not None:
            orgs = _of_several_provinces(text, org, when) or [org]
            found += orgs
            pos = _past_gloss(text, orgs[-1].span.end, when)
    return found


def _of_several_provinces(text: str, org: OrgMention, when) -> list[OrgMention]:
    """"UBND ba tỉnh Quảng Bình, Quảng Trị và Thừa Thiên Huế": the body of each province, the first written with
    the body's name, the others as their province's name ([] when the body is not so followed)."""
    several = _SEVERAL_PROVINCES.match(text, org.span.end)
    if several is None or org.province or org.locality or org.unit or not vocab.bodies()[org.chain[-1]].placed:
        return []
    places, at = [], several.end() - 1
    while (province := _province_at(text, at, when)) is not None:
        places.append((_SPACE.match(text, at).end(), province[0], province[1]))
        joined = _PROVINCE_JOIN.match(text, province[0])
        if joined is None:
            break
        at = joined.end() - 1
    if len(places) < 2:
        return []
    unit = several.group(1).casefold()
    first = Span(org.span.start, places[0][1], text[org.span.start:places[0][1]], "body")
    return [OrgMention(first, org.chain, places[0][2], None, unit)] + [
        OrgMention(Span(s, e, text[s:e], "body"), org.chain, province, None, unit) for s, e, province in places[1:]]


def _past_gloss(text: str, pos: int, when) -> int:
    """After a body's gloss in brackets, which names it again rather than another body:
    "Viettel Tây Ninh (Chi nhánh Tập đoàn Công nghiệp - Viễn thông Quân đội tại Tây Ninh)"."""
    gloss = _GLOSS.match(text, pos)
    return gloss.end() if gloss and parse_org(text, gloss.start(1), when=when) is not None else pos


def unnamed(org: OrgMention, text: str) -> bool:
    """"Trường", "Phòng" with no name after them: a word, not a body. A body whose name may be left out
    ("Ban Chỉ đạo", named before) is one where its name visibly ends: at punctuation, a grammar word or a verb,
    not before words that went on naming it."""
    attaches = vocab.bodies()[org.kind].attaches
    if org.name is not None or len(org.chain) > 1:
        return False
    if attaches == "name-optional":
        word = _WORD.match(text, org.span.end)
        return not (_CLOSED.match(text, org.span.end) or word is None or word.group(1).casefold() in _NAME_STOP
                    or _predicate_at(text, word.start(1)))
    return attaches in ("name", "name-place", "abroad")


def _after_label(text: str, start: int, end: int, body: vocab.Body) -> int:
    """Where the words after a body's kind begin in text[start:end], the kind written as its label's words are
    ("Ban Tổ chức| Lễ hội"; "Trưởng Ban *Tổ chức| Hội thi*", the title holding the first word); the end when the
    kind is written otherwise (an abbreviation)."""
    words = list(_KIND_WORD.finditer(text, start, end))
    label = key(body.label_vi).split()
    for size in range(min(len(label), len(words)), 0, -1):
        if [key(w.group().strip()) for w in words[:size]] == label[-size:]:
            return words[size - 1].end()
    return end
