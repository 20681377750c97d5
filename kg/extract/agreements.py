"""Coordination agreements: kind, period, number, parties, signing, counts.

A mention starts at a kind phrase ("Chương trình phối hợp", "Kế hoạch phối hợp",
"Quy chế phối hợp") and runs to the next mention or the end of the sentence; what the
mention says about itself (số, ngày, giữa ... và ..., giai đoạn/năm) is read inside it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import regex

from kg import vocab
from kg.extract.bodies import UNIT_WORDS, find_orgs
from kg.extract.dates import YEAR_NAMED, YEAR_RANGE, date_after, leading_date, resolve_day_month
from kg.extract.documents import NUMBER as DOCUMENT_NUMBER
from kg.extract.sentences import AGENCY_TAG
from kg.normalize import document_number
from kg.records import AgreementMention, OrgMention, Span

_YEAR = r"((?:19|20)\d\d)"
# "số 05", "số 12-CTr/BDV-BCSĐ"; with no "số", only a number with its codes ("12/KH-BDV")
# (a code may carry digits: "01/CTrPH-UBTVQH15-ĐCTUBTWMTTQVN")
# an agreement's number: "số 03", "số 01-CTr/BDV-CA", "01/2025/NQLT-MTTQ-CAT" (the year after its number)
_NUMBER = regex.compile(r"\s*(?:số\s+(\d[\w]*(?:/(?:19|20)\d\d(?=/))?(?:\s*[-–—/]\s*[\p{Lu}Đ][\p{L}&\d]*)*)"
                        r"|(\d[\w]*(?:/(?:19|20)\d\d(?=/))?(?:\s*[-–—/]\s*[\p{Lu}Đ][\p{L}&\d]*)+))")
# "các chương trình hợp tác với tỉnh", "những kế hoạch phối hợp": a class of agreements, not one
_CLASS_OF = regex.compile(r"(?<![\p{L}])(?:các|những)\s+$", regex.IGNORECASE)
# "Cũng tại buổi lễ, ...", "Cũng trong dịp này, ...", "Cùng với đó, ...": what the sentence reports happened
# besides what came before
_ANOTHER = regex.compile(r"\W*(?:Cũng\s+(?:tại|trong|nhân)|(?:Cùng\s+với|Bên\s+cạnh)\s+đó|Ngoài\s+ra)(?![\p{L}])")
# phrases a comma stands inside of ("phòng, chống", "thể dục, thể thao"; data/vocab/name_phrases.csv)
_PHRASE = regex.compile(rf"(?<![\p{{L}}])(?:{vocab.name_phrase_pattern()})(?![\p{{L}}])", regex.IGNORECASE)
_BETWEEN = regex.compile(r"(?<![\p{L}])(?:giữa|của|do|được)\s+", regex.IGNORECASE)
_WITH = regex.compile(r"(?<![\p{L}])với\s+", regex.IGNORECASE)
_ISSUED_BY = {"của", "do"}   # the words of _BETWEEN that may name who issued a document rather than the parties
# a bracket after a party may say where it is, "UBND huyện A Lưới (tỉnh Thừa Thiên Huế) và UBND huyện Tây Giang",
# gloss its abbreviation, "Liên đoàn Lao động tỉnh (LĐLĐ) và ...", or name the body it belongs to, "Ban Thi đua -
# Khen thưởng tỉnh (Sở Nội vụ), Báo Quảng Bình và ..."
_PARTY_JOIN = regex.compile(rf"^\s*(?:\((?:(?:{UNIT_WORDS})\s|(?-i:[\p{{Lu}}Đ]))[^()]{{0,50}}\)\s*)?"
                            r"(?:,|-|–|và|với|cùng|cùng với|(?:(?:vừa|đã)\s+)?(?:chủ trì\s*,?\s*)?phối hợp với)\s*$",
                            regex.IGNORECASE)
# "tại Hội trường Ban Dân vận Tỉnh ủy", "tại Trụ sở HĐND - *UBND tỉnh*": a body named as the place of the event, not
# a party
_PLACE_OF = regex.compile(r"(?<![\p{L}])tại\s+(?:\p{L}+\s+){0,3}(?:\p{L}+\s*[-–]\s*)?$", regex.IGNORECASE)
_LAST_JOIN = regex.compile(r"^\s*và\s*$", regex.IGNORECASE)
# a body the occasion is of, before the subject: "nhân kỷ niệm 87 năm Ngày thành lập *Hội Liên hiệp Phụ nữ Việt Nam*,
# Ban Thường vụ Hội LHPN tỉnh và Liên minh HTX tỉnh tổ chức ký kết ..."
_OCCASION_OF = regex.compile(r"(?<![\p{L}])(?:thành lập|kỷ niệm|truyền thống)\s*$", regex.IGNORECASE)
_ISSUED_BY_BEFORE = regex.compile(r"(?<![\p{L}])của\s+$", regex.IGNORECASE)   # see _subject
# the parties as the sides of the article's signing: "hai bên", "ba cơ quan", "hai đơn vị"
_SIDE_COUNTS = {"hai": 2, "ba": 3, "bốn": 4}
_SIDES = regex.compile(r"(?<![\p{L}])(hai|ba|bốn)\s+(?:bên|cơ quan|đơn vị)(?![\p{L}])", regex.IGNORECASE)
# what may stand before a sentence's subject: an agency's tag, then a short opening ("Sáng 27/3, "), then the
# place ("Chiều 22/4, tại Hội trường Bộ Chỉ huy Bộ đội Biên phòng tỉnh, ", "tại TP. Rạch Giá, "); a date may be
# written "16.4"
_OPENING = regex.compile(rf"(?:(?-i:{AGENCY_TAG.pattern}))?(?:(?:[^.;]|(?<=\d)\.(?=\d)){{0,45}}?,\s*|\W*)"
                         rf"(?:tại\s+(?:[^.;,]|(?<=TP)\.){{1,80}},\s*)?$")
# what the subject bodies may do to the agreement, between them and its name
_SUBJECT_VERBS = regex.compile(r"^\s*(?:(?:đã|sẽ|cùng|vừa|chính thức|tiếp tục|đồng thời|thống nhất|tổ chức|hội nghị"
                               r"|lễ|buổi|làm việc|sơ kết|tổng kết|đánh giá|kết quả|việc|thực hiện|triển khai|ký kết|ký"
                               r"|ban hành|xây dựng|và|\d+\s+(?:năm|tháng)|\([^()]{0,100}\))\s+)*$", regex.IGNORECASE)
_SIGNING = regex.compile(r"(?<![\p{L}])(?:lễ\s+)?ký(?:\s+kết)?(?![\p{L}])", regex.IGNORECASE)
_SINCE = regex.compile(r"(?<![\p{L}])(?:kể\s+)?từ\s+khi(?:\s+\p{L}+){0,4}\s*$", regex.IGNORECASE)
_IMPLEMENTS = regex.compile(r"(?<![\p{L}])(?:thực hiện|triển khai|trên cơ sở|căn cứ)\s*$", regex.IGNORECASE)
# what an agreement says it carries out follows one of these: "... nhằm thực hiện", "được xây dựng trên cơ sở"
CARRIES_OUT = regex.compile(r"(?<![\p{L}])(?:thực hiện|triển khai|cụ thể hóa|trên cơ sở|căn cứ)(?![\p{L}])",
                            regex.IGNORECASE)
# "Chương trình phối hợp thực hiện công tác dân vận ...": doing work, not carrying out a document
_WORK_AFTER = regex.compile(r"\s+(?:công tác|nhiệm vụ|các nội dung|việc)(?![\p{L}])", regex.IGNORECASE)
_SIGNED_AND = regex.compile(r"(?<![\p{L}])ký(?:\s+kết)?\s*(?:và|,)\s*(?:thực hiện|triển khai)\s*$",
                            regex.IGNORECASE)
_TOPIC = regex.compile(r"\s*(?:thực hiện\s+)?(về\s+[^,.;]*?|công tác\s+[^,.;]*?)(?=\s+(?:giai đoạn|nhiệm kỳ|năm|giữa|trên|,|\.|;)|$)",
                       regex.IGNORECASE)
# ", công nghệ, đổi mới sáng tạo và chuyển đổi số giai đoạn 2025 - 2030": lower-case words (or abbreviations:
# ", hội viên CCB có khó khăn về nhà ở"; or quoted phrases: ", đấu tranh phòng, chống "diễn biến hòa bình" trên
# lĩnh vực tư tưởng"), none that makes a new clause ("..., các cơ quan đã triển khai từ năm 2021", "..., triển khai
# nhiệm vụ năm 2026"), then the period (a school year's too: ", trật tự trường học năm học 2017-2018")
_ENUMERATION = regex.compile(r",\s*(?:(?:(?!(?:đã|sẽ|đang|được|bị|là|từ|để|nhằm|thì|triển\s+khai)(?!\p{L}))\p{Ll}+|\p{Lu}{2,}"
                             r"|“[^“”,;.]{1,60}”|\"[^\",;.]{1,60}\")"
                             r"(?:\s+|\s*,\s*))"
                             r"{1,30}?(?=(?:năm(?:\s+học)?|giai đoạn|nhiệm kỳ)\s+(?:19|20)\d\d)[^,;.]*")
_QUOTED = regex.compile(r"“[^“”]{0,300}”|\"[^\"]{0,300}\"")
# "đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026", "Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2015 - 2020": the
# term of those elected or of a congress, not the agreement's period
_TERM_OF_ELECTED = regex.compile(r"(?<![\p{L}])(?:bầu cử|đại biểu|đại hội|Quốc hội|HĐND|Hội đồng nhân dân)(?![\p{L}])"
                                 r"[^,;]{0,60}(?:,\s*)?nhiệm kỳ\s*$", regex.IGNORECASE)
# parties named as a class of bodies, not one body: "các tổ chức thành viên", "các tổ chức chính trị - xã hội
# tỉnh", "các đoàn thể"
_COLLECTIVE = regex.compile(r"(?<![\p{L}])các\s+(?:tổ chức(?=\s+(?:chính trị|thành viên))|đoàn thể|hội(?=\s+đoàn thể))"
                            r"(?:\s+(?:chính trị\s*[-–]?\s*xã hội|thành viên|đoàn thể|quần chúng))*"
                            r"(?:\s+(?:tỉnh|thành phố|huyện|quận|thị xã|cấp tỉnh|cấp huyện))?(?![\p{L}])", regex.IGNORECASE)
# "Nghị định số 03/2019/NĐ-CP ... về phối hợp giữa Bộ Công an và Bộ Quốc phòng": the bodies a cited document sets
# to work together, not the agreement's parties
_DOCUMENT_TOPIC = regex.compile(r"(?<![\p{L}])(?:về|quy định)(?:\s+\p{Ll}+){0,3}?\s+phối hợp(?:\s+công tác)?\s*$",
                                regex.IGNORECASE)
# a period named as one: "giai đoạn 2014 - 2015", "nhiệm kỳ 2025 - 2030"
_NAMED_RANGE = rf"(?<![\p{{L}}])(?:giai đoạn|nhiệm kỳ)\s+{_YEAR}\s*[-–—]\s*{_YEAR}(?![\d/])"
_NAMED_PERIOD = regex.compile(_NAMED_RANGE, regex.IGNORECASE)
_PERIOD_SET_APART = regex.compile(rf"\s*{_NAMED_RANGE}", regex.IGNORECASE)   # after a comma (see _clause_end)
_PERIOD_CLOSES = regex.compile(rf",\s*{_NAMED_RANGE}\s+và\s*$", regex.IGNORECASE)   # see _mark_implemented
_CAPITAL = regex.compile(r"\p{Lu}")
_THIS_ONE = regex.compile(r"\s+(?:lần\s+này|này|nói\s+trên)(?![\p{L}])", regex.IGNORECASE)
_ABOUT = regex.compile(r"\s+về\s+", regex.IGNORECASE)
_SPACES = regex.compile(r"\s*")
_NUMBER_WORD = regex.compile(r"\s*(?:số\s*)?", regex.IGNORECASE)
_COUNT = regex.compile(r"(\d+)\s+(?:nhóm\s+)?(nội dung|nhiệm vụ)", regex.IGNORECASE)
# a period after a comma: ", giai đoạn 2021 - 2025", ", năm 2026"
_SET_APART = regex.compile(r",\s*(?:giai đoạn|nhiệm kỳ|năm)?\s*$", regex.IGNORECASE)
_LONGEST_PERIOD = 10  # years; "(1930 - 2025)" after an anniversary is no agreement's period
# "<agreement> ... đã được ký kết" (not "... được ký kết năm 2016", a signing told in passing with its time)
# "được ký kết", "được UBND tỉnh và Ban Thường trực Ủy ban MTTQ tỉnh ký kết cuối tháng 6 vừa qua"; not a signing in a
# year or month named right after it, which the story looks back to; "<agreement> vừa ký kết": the one just signed
_SIGNED_NOW = regex.compile(r"(?<![\p{L}])(?:được|vừa(?:\s+được)?)\s+(?:[^,;.]{1,120}?\s)?ký(?:\s+kết)?+"
                            r"(?!\s+(?:từ\s+|vào\s+|trong\s+)?(?:năm|tháng|ngày|từ)(?![\p{L}]))", regex.IGNORECASE)
# "... ký kết Chương trình phối hợp ... từ nay đến năm 2030": from the year it is signed in
_FROM_NOW = regex.compile(rf"(?<![\p{{L}}])từ\s+nay\s+đến(?:\s+hết)?(?:\s+năm)?\s+{_YEAR}(?![\d/])", regex.IGNORECASE)
# "... Chiến lược cải cách tư pháp đến năm 2020": a goal's year, not a period
_UNTIL = regex.compile(r"(?<![\p{L}])(?:đến|tới)\s+$", regex.IGNORECASE)
# "... các dự án thành phần ... thuộc dự án xây dựng công trình đường bộ cao tốc Bắc - Nam phía Đông giai đoạn 2021 -
# 2025": the period of the project the agreement serves, not its own
_PROJECT_OF = regex.compile(r"(?<![\p{L}])thuộc\s+(?:các\s+)?(?:dự án|đề án)(?![\p{L}])", regex.IGNORECASE)
# "từ khi ký kết Quy chế phối hợp năm 2010 đến nay": the year a span up to now starts, not a period
_UP_TO_NOW = regex.compile(r"\s*(?:đến|tới|cho\s+đến)\s+nay(?![\p{L}])", regex.IGNORECASE)
# "kiểm tra việc thực hiện Chương trình phối hợp trong năm 2015", "tổng kết chương trình vào cuối năm 2025":
# when something is done with the agreement, not its period
_WHEN_DONE = regex.compile(r"(?<![\p{L}])(?:trong|vào|(?:vào\s+)?(?:đầu|cuối|giữa))\s+$", regex.IGNORECASE)
# "Theo đánh giá, trong nhiệm kỳ 2016 - 2021, <agreement> ...": a period set off right before the agreement
_OPENING_PERIOD = regex.compile(rf"(?:^|[,;:]\s*)(?:(?:trong|qua)\s+)?(?:giai đoạn|nhiệm kỳ)\s+{_YEAR}\s*[-–—]\s*{_YEAR}\s*,\s*$",
                                regex.IGNORECASE)
# "... ký kết Chương trình phối hợp tuyên truyền, vận động ... thực hiện Nghị quyết số 57-NQ/TW ..., giai đoạn
# 2025 - 2030.", "..., áp dụng từ năm 2022 đến hết năm 2025.", "..., thời hạn 5 năm (2024 - 2028).", "... quy tập
# hài cốt liệt sĩ ... mùa khô 2024 - 2025.", "Kế hoạch phối hợp số 01/KHPH-... về kiểm tra, kiểm soát tàu cá ... năm
# 2022.": the period that closes the sentence, past the commas of a long topic
_CLOSING_PERIOD = regex.compile(rf",?\s*(?:(?:giai đoạn|nhiệm kỳ|mùa khô|năm học)\s+{_YEAR}\s*[-–—]\s*{_YEAR}"
                                rf"|(?:(?:áp dụng|thực hiện)\s+)?từ(?:\s+năm)?\s+{_YEAR}\s+đến(?:\s+hết)?(?:\s+năm)?\s+{_YEAR}"
                                rf"|(?:có\s+)?thời\s+hạn\s+\d+\s+năm\s*\(\s*{_YEAR}\s*[-–—]\s*{_YEAR}\s*\)"
                                rf"|(?<![\p{{L}}])năm\s+{_YEAR}(?![\d/]))"
                                rf"\s*[.;]?\s*$", regex.IGNORECASE)
# "... và ký kết Kế hoạch phối hợp năm 2026 ..., diễn ra chiều 19/1": the day of the event the signing is at
_HELD_ON = regex.compile(r"(?<![\p{L}])(?:diễn ra|được tổ chức)\s+(?:vào\s+)?(?:(?:sáng|chiều|tối|trưa)\s+)?"
                         r"(?:ngày\s+)?(?=\d)", regex.IGNORECASE)
_DAY_MONTH = regex.compile(r"(\d{1,2})/(\d{1,2})(?![\d/])")
# what makes the words after an agreement a clause of their own: "đã tổ chức", "sẽ triển khai", "được thực hiện"
_TOLD_AFTER = regex.compile(r"(?<![\p{L}])(?:đã|sẽ|đang|được|vừa)(?![\p{L}])", regex.IGNORECASE)
# "... trên cơ sở Bộ luật Lao động năm 2019, Luật Công đoàn năm 2012": a law's year, not a period
_LAW_OF = regex.compile(r"(?<![\p{L}])(?:Bộ\s+luật|Luật|Hiến\s+pháp)(?:\s+[\p{L}\-]+){0,8}?\s+$")
# "<agreement> (Chương trình phối hợp số ...)": a second name of it in brackets
_GLOSS_OPENS = regex.compile(r"\(\s*$")
# "ký kết Chương trình phối hợp giai đoạn 2026 - 2030, Kế hoạch phối hợp năm 2026": agreements listed one after another
_LISTED_NEXT = regex.compile(r"\s*(?:[,;]\s*(?:và\s+)?|và\s+)", regex.IGNORECASE)
# what ends a mention's text but is not the agreement's: punctuation, and the "và" joining the next one
_SPAN_TAIL = regex.compile(r"(?:[\s,;.]|(?<=\s)và)+$", regex.IGNORECASE)
# "... được ký kết từ năm 2018", "ban hành năm 2022": the year of the signing, not a period
_ISSUED_IN = regex.compile(r"(?<![\p{L}])(?:ký(?:\s+kết)?|ban hành)\s+(?:(?:từ|vào|trong)\s+)?$", regex.IGNORECASE)
# "..., ký ngày 20/5/2022", "được ký kết vào ngày 3/4/2021": the signing date, wherever the clause gives it
_SIGNED_ON = regex.compile(r"(?<![\p{L}])ký(?:\s+kết)?(?:\s+vào)?(?=\s+ngày\s)", regex.IGNORECASE)
# "... Quy chế phối hợp giữa A và B, ký ngày 5/6/2015", "..., được hai cơ quan ký ngày 12/5/2016": the clause right
# after the agreement's gives its signing date
_SIGNED_ON_NEXT = regex.compile(r"\s*,\s*(?:(?:được|do)\s+(?:(?:hai|ba|bốn|các)\s+(?:bên|cơ quan|đơn vị|ngành)\s+)?"
                                r"|đã\s+)?ký(?:\s+kết)?(?:\s+vào)?(?=\s+ngày\s)", regex.IGNORECASE)


@dataclass(frozen=True)
class _Collective:
    """A party named as a class of bodies ("các tổ chức thành viên"): stated, but no one body."""
    span: Span


Party = OrgMention | _Collective


def find_agreements(text: str, sentence: Span, excluded: list[tuple[int, int]], when=None) -> list[AgreementMention]:
    """Agreement mentions in one sentence; orgs inside `excluded` spans (persons' posts) are no parties."""
    hits = _without_topics(text, list(vocab.agreement_lexicon().finditer(text, sentence.start, sentence.end)))
    named = find_orgs(text, sentence.start, sentence.end, when)
    orgs = [o for o in named if not any(s <= o.span.start < e for s, e in excluded)
            and not _named_as_place(text, sentence, o, named) and not _glossing(text, o, named)]
    parties = sorted(orgs + _collectives(text, sentence, named), key=lambda p: p.span.start)
    mentions = []
    floor = sentence.start
    another = bool(_ANOTHER.match(text, sentence.start))
    for index, (start, end, kind) in enumerate(hits):
        stop = hits[index + 1][0] if index + 1 < len(hits) else sentence.end
        # "ký kết <A> với B và <C> với D": listed after one signed, it is signed too, its own counterpart named; not
        # "<A> nhằm cụ thể hóa ... và <B>", unless a semicolon lists them ("ký kết <A> ... thực hiện ...; <B> ...")
        listed = bool(mentions) and _LISTED_NEXT.fullmatch(text, mentions[-1].span.end, start)
        after_signed = bool(listed) and mentions[-1].signing and (";" in listed.group() or not _carries_out(
            text, mentions[-1].span.start, start))
        mention, floor = _mention(text, sentence, (start, end, stop, floor), kind, (orgs, parties), when, after_signed)
        mentions.append(replace(mention, another=another) if another else mention)
    # "Thực hiện <A>, ... ký kết <B>": A is implemented by the mention after it; the sentence's last one by none;
    # "<A> được xây dựng trên cơ sở ... và <B>": A implements the mention after it
    marked = [_mark_implemented(text, m, sentence, (end, after[0]))
              for m, (_, end, _), after in zip(mentions, hits, hits[1:])] + mentions[-1:]
    kinds = vocab.agreement_kinds()
    # a kind that is an agreement only where signed may still be one signed elsewhere in the article, its period
    # given here ("Theo thỏa thuận hợp tác ... giai đoạn 2022 - 2025 với Viettel"; a single year may be when it was
    # signed): resolution keeps it only in a signed group; or one cited with its number, day and parties
    # ("Nghị quyết liên tịch số 01/2025/NQLT-BCA-... ngày 5/8/2025 giữa Bộ Công an và ...")
    return [m for m in _listed_together(text, _glossed(text, marked))
            if (not kinds[m.kind].only_signed or m.signing and (m.parties or m.collectives or m.period)
                or m.period and m.period[0] < m.period[1] or m.cited_whole)
            and (m.signing or m.number or not _CLASS_OF.search(text, sentence.start, m.span.start))]


def _without_topics(text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"Biên bản ghi nhớ về kế hoạch hợp tác năm 2021 giữa A và B": a kind's phrase right after "về" is what the
    agreement before it is about, no agreement of its own."""
    return [hit for index, hit in enumerate(hits)
            if index == 0 or not _ABOUT.fullmatch(text, hits[index - 1][1], hit[0])]


def _listed_together(text: str, mentions: list[AgreementMention]) -> list[AgreementMention]:
    """An agreement listed right after another ("ký kết <A>, <B>", "<A> và <B>") is signed with it, on its date,
    and between its parties when it names none of its own."""
    shared: list[AgreementMention] = []
    for mention in mentions:
        before = shared[-1] if shared else None
        # not when one of the two carries the other out ("<A> nhằm cụ thể hóa ... và <B>", "Thực hiện <A> ..., <B>")
        if before is not None and not (before.implements_next or before.implemented_by_next) \
                and _LISTED_NEXT.fullmatch(text, before.span.end, mention.span.start):
            if before.signing and not mention.signing:
                mention = replace(mention, signing=True, signed=mention.signed or before.signed)
            if not (mention.parties or mention.collectives):
                mention = replace(mention, parties=before.parties, collectives=before.collectives,
                                  sides=mention.sides or before.sides)
        shared.append(mention)
    return shared


def _glossed(text: str, mentions: list[AgreementMention]) -> list[AgreementMention]:
    """"Chương trình phối hợp giai đoạn 2022 - 2027 (Chương trình phối hợp số 15-CTr/...)": a mention in brackets
    right after another names the same agreement, and lends it its number."""
    kept: list[AgreementMention] = []
    for mention in mentions:
        before = kept[-1] if kept else None
        if (before is not None and mention.number and not mention.period and not before.number
                and _GLOSS_OPENS.search(text, before.span.start, mention.span.start)):
            kept[-1] = replace(before, number=mention.number)
            continue
        kept.append(mention)
    return kept


def _mention(text, sentence, bounds, kind, named, when, after_signed: bool) -> tuple[AgreementMention, int]:
    """One mention and where its own clause ends (the next mention's subject starts after it); named: the
    sentence's bodies, and the same with the classes of bodies ("các tổ chức thành viên") among them."""
    start, end, stop, floor = bounds
    orgs, candidates = named
    number = signed = None
    after = end
    numbered = _NUMBER.match(text, end, stop)
    if numbered:
        number, after = document_number(numbered.group(1) or numbered.group(2)), numbered.end()
        signed, after = date_after(text, after, stop)
    topic = _TOPIC.match(text, after, stop)
    listed, listed_by = _listed(text, end, _clause_end(text, after, stop, orgs), stop, candidates)
    clause_end = _clause_end(text, max([after] + [p.span.end for p in listed]), stop, orgs)
    signing = after_signed or _reports_signing(text[sentence.start:start]) or bool(
        _SIGNED_NOW.search(text, after, clause_end))
    signed = signed or _signed_on(text, after, clause_end, stop) or (
        (leading_date(sentence.text, when) or _held_on(text, clause_end, stop, when)) if signing else None)
    if listed_by != "giữa" and _THIS_ONE.match(text, end):
        # "Chương trình phối hợp lần này gồm 6 nội dung: (1) ... của Ban Thường vụ Tỉnh ủy và UBND tỉnh": the
        # agreement named before, whose contents name bodies that are not its parties
        listed = ()
    parties = listed or _subject(text, start, [p for p in candidates if p.span.start >= floor])
    if len(parties) == 1 and signing and not listed:
        parties += _counterpart(text, after, clause_end, candidates)
    if len(parties) < 2 and signing and not listed:
        opening = _opening_subject(text, sentence, orgs, start)
        parties = opening + (_counterpart(text, after, clause_end, candidates) if len(opening) == 1 else ())
    trimmed = start + len(_SPAN_TAIL.sub("", text[start:stop]))
    named_enough = len(parties) >= 2
    sides = None if named_enough else _sides(text, max(floor, sentence.start), start)
    period = (_period(text, after, clause_end, parties) or _closing_period(text, clause_end, stop, sentence, kind)
              or _opening_period(text, sentence.start, start) or _from_now(text, after, clause_end, signed))
    mention = AgreementMention(
        span=Span(start, trimmed, text[start:trimmed], "agreement"), kind=kind, period=period, number=number,
        signed=signed,
        parties=tuple(p for p in parties if isinstance(p, OrgMention)) if named_enough else (),
        collectives=tuple(p.span for p in parties if isinstance(p, _Collective)) if named_enough else (),
        topic=topic.group(1).strip() if topic else None, signing=signing, sides=sides,
        between=bool(listed) and named_enough,
        # signed elsewhere and cited whole: its number, its day and whom it is between ("của" names a document's
        # issuers: "Nghị quyết liên tịch số 403/2017/NQLT-... ngày 15/6/2017 của Ủy ban Thường vụ Quốc hội, ...")
        cited_whole=bool(number and signed and listed and named_enough and listed_by != "của"))
    return mention, clause_end


def _sides(text: str, start: int, stop: int) -> int | None:
    """"Năm 2021, hai bên đã triển khai <agreement>": how many sides the subject counts, when it is the
    article's sides ("hai bên", "ba cơ quan") rather than bodies named."""
    found = _SIDES.search(text, start, stop)
    return _SIDE_COUNTS[found.group(1).casefold()] if found else None


def _from_now(text: str, start: int, stop: int, signed: date | None) -> tuple[int, int] | None:
    """"từ nay đến năm 2030" in a signing's clause: from the year of the signing."""
    found = _FROM_NOW.search(text, start, stop) if signed else None
    return (signed.year, int(found.group(1))) if found and signed.year <= int(found.group(1)) else None


def _held_on(text: str, start: int, stop: int, when) -> date | None:
    held = _HELD_ON.search(text, start, stop)
    day = _DAY_MONTH.match(text, held.end(), stop) if held else None
    return resolve_day_month(int(day.group(1)), int(day.group(2)), when) if day else None


def _closing_period(text: str, start: int, stop: int, sentence: Span, kind: str) -> tuple[int, int] | None:
    """The period that ends the sentence, for the sentence's last agreement only (see _CLOSING_PERIOD); past a
    document cited after the agreement, only when a comma sets it apart ("..., đồng thời thực hiện Quyết định số
    1019/QĐ-TTg ... phê duyệt Đề án trợ giúp người khuyết tật giai đoạn 2012 - 2020": the scheme's period); never
    past the project the agreement serves (see _PROJECT_OF); a year
    alone, only for a kind made for one year (agreement_kinds.csv, annual)."""
    if stop != sentence.end:
        return None
    found = _CLOSING_PERIOD.search(text, start, stop)
    if found is None or DOCUMENT_NUMBER.search(text, start, found.start()) and not found.group().startswith(",") \
            or _PROJECT_OF.search(text, start, found.start()):
        return None
    years = next(pair for pair in ((1, 2), (3, 4), (5, 6), (7, 7)) if found.group(pair[0]))
    first, last = found.group(years[0]), found.group(years[1])
    if first > last or _TERM_OF_ELECTED.search(text, start, found.start(years[0])):
        return None   # "... bầu cử đại biểu HĐND các cấp nhiệm kỳ 2026 - 2031.": the term of those elected
    # a year alone: a law's ("Luật Thanh niên năm 2020"), a goal's ("đến năm 2030"), when a thing is done ("trong
    # năm 2022") or what a clause after the agreement tells ("Theo Kế hoạch phối hợp, Sở Y tế đã tổ chức 12 đợt kiểm
    # tra năm 2023") is no period
    at = found.start(7)
    if years == (7, 7) and (not vocab.agreement_kinds()[kind].annual or _LAW_OF.search(text, max(start, at - 85), at - 4)
                            or _UNTIL.search(text, at - 10, at - 4) or _WHEN_DONE.search(text, at - 16, at - 4)
                            or _ISSUED_IN.search(text, at - 20, at - 4) or _TOLD_AFTER.search(text, start, at)):
        return None
    return int(first), int(last)


def _opening_period(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A period set off right before the agreement: "Theo đánh giá, trong nhiệm kỳ 2016 - 2021, Quy chế phối hợp
    giữa A và B được thực hiện nghiêm túc"."""
    found = _OPENING_PERIOD.search(text, start, stop)
    return (int(found.group(1)), int(found.group(2))) if found and found.group(1) <= found.group(2) else None


def _collectives(text: str, sentence: Span, orgs: list[OrgMention]) -> list[_Collective]:
    """The classes of bodies a sentence names, outside the bodies' own names ("Đảng ủy Ủy ban MTTQ và các đoàn
    thể" is one body)."""
    return [_Collective(Span(m.start(), m.end(), m.group(), "collective-party"))
            for m in _COLLECTIVE.finditer(text, sentence.start, sentence.end)
            if not any(o.span.start <= m.start() < o.span.end for o in orgs)]


def _glossing(text: str, org: OrgMention, orgs: list[OrgMention]) -> bool:
    """"Ban Quản lý dự án Thăng Long *(Bộ Giao thông vận tải)*": a body in brackets right after another says whose
    that one is; it is no party of its own."""
    return text[org.span.end:org.span.end + 1] == ")" and any(
        o.span.end <= org.span.start and text[o.span.end:org.span.start].strip() == "(" for o in orgs)


def _named_as_place(text: str, sentence: Span, org: OrgMention, orgs: list[OrgMention]) -> bool:
    """"tại Hội trường Ban Dân vận Tỉnh ủy": the body is where the event was; not when the "tại" is another body's
    ("Tổng Lãnh sự quán Hàn Quốc tại Đà Nẵng và UBND tỉnh")."""
    place = _PLACE_OF.search(text, max(sentence.start, org.span.start - 30), org.span.start)
    return bool(place) and not any(o.span.start <= place.start() < o.span.end for o in orgs)


def _signed_on(text: str, start: int, clause_end: int, stop: int) -> date | None:
    cue = _SIGNED_ON.search(text, start, clause_end) or _SIGNED_ON_NEXT.match(text, clause_end, stop)
    return date_after(text, cue.end(), stop)[0] if cue else None


def _reports_signing(before: str) -> bool:
    """"ký kết <agreement>", "đã ký kết và triển khai <agreement>"; not "thực hiện <agreement>", nor a signing
    the story looks back to ("từ khi hai tỉnh ký <agreement> năm 2014")."""
    signing = _SIGNING.search(before[-40:])
    if not signing or _SINCE.search(before[-40:][:signing.start()]):
        return False
    return not _IMPLEMENTS.search(before) or bool(_SIGNED_AND.search(before))


def _clause_end(text: str, start: int, stop: int, orgs: list[OrgMention]) -> int:
    """Where the agreement's own clause ends: the first , or ; outside a body's name or a quoted
    title, and not between two bodies of a list ("với Sở Y tế, Sở Tư pháp và Công an tỉnh giai đoạn ..."),
    unless what follows a comma is an enumeration that ends the phrase ("đoàn viên, hội viên năm 2022") or a period
    ("... Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030, giai đoạn 2025 - 2030"), nor inside a phrase that holds one
    ("về phát triển thể dục, thể thao trong Quân đội ... giai đoạn 2013 - 2020")."""
    inside = [(o.span.start, o.span.end) for o in orgs] + [m.span() for m in _QUOTED.finditer(text, start, stop)] + [
        m.span() for m in _PHRASE.finditer(text, start, stop)]
    for match in regex.finditer(r"[,;]", text[start:stop]):
        at = start + match.start()
        if any(s <= at < e for s, e in inside) or text[at] == "," and (
                _between_bodies(text, at, orgs) or _PERIOD_SET_APART.match(text, at + 1, stop)):
            continue
        tail = _ENUMERATION.match(text, at, stop) if text[at] == "," else None
        return tail.end() if tail else at
    return stop


def _carries_out(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] says what it carries out, outside a quoted title (the movement "Cán bộ, công chức thi
    đua *thực hiện* văn hóa công sở" an agreement is about carries nothing out)."""
    quoted = [m.span() for m in _QUOTED.finditer(text, start, end)]
    return any(not any(s <= c.start() < e for s, e in quoted) for c in CARRIES_OUT.finditer(text, start, end))


def _between_bodies(text: str, at: int, orgs: list[OrgMention]) -> bool:
    """Whether the comma at `at` stands between two bodies of a list ("Sở Y tế, Sở Tư pháp")."""
    after = _SPACES.match(text, at + 1).end()
    return (any(o.span.start == after for o in orgs)
            and any(o.span.end <= at and not text[o.span.end:at].strip() for o in orgs))


def _period(text: str, start: int, stop: int, parties: tuple[Party, ...]) -> tuple[int, int] | None:
    """The first period in text[start:stop] that is the agreement's: not the term of those elected, not
    the span of years an anniversary or a review looks back on, not the year a span up to now starts in, not the
    year it was signed in, not a goal's year ("Chiến lược cải cách tư pháp đến năm 2020"), not a law's ("Bộ luật Lao
    động năm 2019"), not a project's it serves, not a document's cited before it (see _document_scheme)."""
    ranges = list(YEAR_RANGE.finditer(text, start, stop))
    # "từ năm 2023 đến năm 2025": the range, not its first year
    singles = [m for m in YEAR_NAMED.finditer(text, start, stop)
               if not any(r.start() < m.end() and m.start() < r.end() for r in ranges)]
    for found in sorted(ranges + singles, key=lambda m: m.start()):
        topic_start = max([start] + [p.span.end for p in parties if p.span.end <= found.start()])
        years = (int(found.group(1)), int(found.group(2) if found.re is YEAR_RANGE else found.group(1)))
        if (_TERM_OF_ELECTED.search(text, topic_start, found.start()) or years[1] - years[0] > _LONGEST_PERIOD
                or text[found.start() - 1:found.start()] == "(" or _ISSUED_IN.search(text, start, found.start())
                or _UNTIL.search(text, max(start, found.start() - 6), found.start())
                or found.re is YEAR_NAMED and (_WHEN_DONE.search(text, max(start, found.start() - 12), found.start())
                                               or _UP_TO_NOW.match(text, found.end()))
                or _LAW_OF.search(text, max(start, found.start() - 80), found.start())
                or _PROJECT_OF.search(text, start, found.start())
                or _document_scheme(text, start, found.start(), parties)):
            continue
        return years if years[0] <= years[1] else None
    return None


def _listed(text: str, start: int, clause_end: int, stop: int, parties: list[Party]) -> tuple[tuple[Party, ...], str]:
    """Parties named "giữa A và B" (or "của A và B", "do A và B", "giữa A với B, C và D") in the mention's clause,
    unless a document cited in between sets them to work together; and the word that names them."""
    for between in _BETWEEN.finditer(text, start, clause_end):
        chosen = _joined_bodies(text, between.end(), stop, parties)
        if len(chosen) >= 2 and not _document_topic(text, start, between.start()) \
                and not _issuer_of_carried_out(text, start, between):
            return chosen, between.group().strip().casefold()
    return (), ""


def _issuer_of_carried_out(text: str, start: int, between: regex.Match) -> bool:
    """"... được xây dựng nhằm cụ thể hóa Kết luận số 137-KL/TW ngày 28/3/2025 *của* Bộ Chính trị, Ban Bí thư": the
    bodies after "của" issued a document the agreement carries out, cited by number after the cue."""
    if between.group().strip().casefold() not in _ISSUED_BY:
        return False
    cue = CARRIES_OUT.search(text, start, between.start())
    return cue is not None and _cites_document(text, cue.end(), between.start())


def _document_topic(text: str, start: int, end: int) -> bool:
    """"... trên cơ sở Nghị định số 03/2019/NĐ-CP của Chính phủ về phối hợp <giữa>": a document cited by number
    before "giữa", on working together."""
    return bool(_DOCUMENT_TOPIC.search(text, start, end)) and _cites_document(text, start, end)


def _document_scheme(text: str, start: int, end: int, parties: tuple[Party, ...]) -> bool:
    """Whether a period at `end` is that of a document cited after the agreement's name: "... thực hiện Kế hoạch số
    56/KH-UBND ... của UBND tỉnh về hợp tác ... năm 2013", "... và Quyết định số 623/QĐ-TTg ... phê duyệt Chiến lược
    ... giai đoạn 2016 - 2025"; not when the agreement's parties come after the document ("Chương trình phối hợp
    thực hiện Nghị quyết số 25-NQ/TW giữa A và B giai đoạn 2024 - 2028"), nor when a comma sets the period apart."""
    cited = _citations(text, start, end)
    return bool(cited) and not _SET_APART.search(text, start, end) and not any(
        cited[-1] <= p.span.start < end for p in parties)


def _cites_document(text: str, start: int, end: int) -> bool:
    return bool(_citations(text, start, end))


def _citations(text: str, start: int, end: int) -> list[int]:
    """Where each document cited in text[start:end] by its kind and number ("Quyết định số 623/QĐ-TTg") ends."""
    return [number.end() for _, e, _ in vocab.document_lexicon().finditer(text, start, end)
            if (number := DOCUMENT_NUMBER.match(text, _NUMBER_WORD.match(text, e).end()))]


def _joined_bodies(text: str, cursor: int, stop: int, orgs: list[Party]) -> tuple[Party, ...]:
    """The bodies named one after another from cursor on: "A, B và C", "A với B, C và D"."""
    chosen: list[Party] = []
    closed = False  # "A, B và C": after "và" the list is complete
    for org in orgs:
        if org.span.start < cursor:
            continue
        if org.span.start >= stop:
            break
        gap = text[cursor:org.span.start]
        if chosen:
            if closed or not _PARTY_JOIN.match(gap):
                break
            closed = bool(_LAST_JOIN.match(gap))
        elif gap.strip():
            break
        chosen.append(org)
        cursor = org.span.end
    return tuple(chosen)


def _counterpart(text: str, start: int, stop: int, orgs: list[Party]) -> tuple[Party, ...]:
    """"A ký kết <agreement> với B và C": B and C, named right after "với" in the mention's clause."""
    with_ = _WITH.search(text, start, stop)
    return _joined_bodies(text, with_.end(), stop, orgs) if with_ else ()


def _opening_subject(text: str, sentence: Span, orgs: list[OrgMention], stop: int) -> tuple[OrgMention, ...]:
    """The bodies a sentence opens with ("Ngày 15/3, A phối hợp với B tổ chức ... ký kết <agreement>"); a body
    in the agency's tag before it names the site, not a party ("(Báo Quảng Ngãi)- Sáng 22/2, A và B ...")."""
    tag = AGENCY_TAG.match(text, sentence.start, stop)
    first = [o for o in orgs if o.span.end <= stop and not (tag and o.span.start < tag.end())]
    if not first or not _OPENING.match(text[sentence.start:first[0].span.start]):
        return ()
    chosen = [first[0]]
    for org in first[1:]:
        if not _PARTY_JOIN.match(text[chosen[-1].span.end:org.span.start]):
            break
        chosen.append(org)
    return _closed_by_va(text, chosen)


def _subject(text: str, start: int, orgs: list[Party]) -> tuple[Party, ...]:
    """Parties named as the subject of what the sentence says of the agreement: "A và B (đã) ký kết
    <agreement>", "A và B tổ chức hội nghị sơ kết 3 năm thực hiện <agreement>"; not the body a document cited before
    them is of ("Kế hoạch số 47/KH-UBND ngày 22/8/2016 của UBND tỉnh, Sở A, Sở B và C đã thống nhất ký kết ...")."""
    cursor = start
    chosen: list[Party] = []
    for org in reversed([o for o in orgs if o.span.end <= start]):
        gap = text[org.span.end:cursor]
        if (chosen and not _PARTY_JOIN.match(gap) or not chosen and not _SUBJECT_VERBS.match(gap)
                or chosen and (_OCCASION_OF.search(text, max(0, org.span.start - 20), org.span.start)
                               or _ISSUED_BY_BEFORE.search(text, max(0, org.span.start - 8), org.span.start))):
            break
        chosen.insert(0, org)
        cursor = org.span.start
    return _closed_by_va(text, chosen)


def _closed_by_va(text: str, chosen: list[Party]) -> tuple[Party, ...]:
    """A list of bodies ends with the one after "và": in "A và B, C" C is B's, named after it
    ("Đồn Biên phòng Lũng Cú, Bộ Chỉ huy Bộ đội Biên phòng tỉnh")."""
    for k in range(1, len(chosen)):
        if _LAST_JOIN.match(text[chosen[k - 1].span.end:chosen[k].span.start]):
            return tuple(chosen[:k + 1])
    return tuple(chosen)


def _mark_implemented(text: str, mention: AgreementMention, sentence: Span, gap: tuple[int, int]) -> AgreementMention:
    """"Thực hiện <A>, ... ký kết <B>", "Trên cơ sở <A>, <B> gồm ...": A is what B implements; "<A> ... trên cơ sở
    ... <B>" (gap: from A's kind to B's), with no signing after the cue: B is what A implements; not when A's period,
    set apart by a comma, closes what A carries out ("ký kết <A> ... thực hiện Nghị quyết Đại hội ..., giai đoạn
    2025 - 2030 và <B>")."""
    if _IMPLEMENTS.search(text[max(sentence.start, mention.span.start - 20):mention.span.start]):
        return replace(mention, implemented_by_next=True)
    cues = [c for c in CARRIES_OUT.finditer(text, *gap) if not _WORK_AFTER.match(text, c.end())]
    if cues and not _SIGNING.search(text, cues[0].end(), gap[1]) and not _PERIOD_CLOSES.search(text, cues[0].end(),
                                                                                             gap[1]):
        return replace(mention, implements_next=True)
    return mention


def with_period_told(text: str, sentence: Span, last: AgreementMention) -> AgreementMention:
    """"Quy chế gồm 4 chương, 16 điều, được thực hiện trong giai đoạn 2014 - 2015": a sentence naming no agreement
    that opens with the word of the last one's kind alone tells that one's period, when it gave none itself and
    nothing named in capitals comes before the period ("Kế hoạch được xây dựng nhằm triển khai Chương trình hành
    động quốc gia về người cao tuổi giai đoạn 2021 - 2030": the period of what it carries out)."""
    opening = None if last.period else _told_of_one().match(text, sentence.start, sentence.end)
    if opening is None or opening.group(1).casefold() != _head(vocab.agreement_kinds()[last.kind]).casefold():
        return last
    found = _NAMED_PERIOD.search(text, opening.end(), sentence.end)
    if found is None or found.group(1) > found.group(2) or _CAPITAL.search(text, opening.end(), found.start()) \
            or _TERM_OF_ELECTED.search(text, opening.end(), found.start(1)):
        return last
    return replace(last, period=(int(found.group(1)), int(found.group(2))))


def _head(kind: vocab.Kind) -> str:
    """The kind's own word, the two syllables its label opens with ("Quy chế" of "Quy chế phối hợp")."""
    return " ".join(kind.label_vi.split()[:2])


@cache
def _told_of_one() -> regex.Pattern:
    """A sentence opening with a kind's word alone (or "... này") and what it goes on to tell of it."""
    heads = "|".join(sorted({regex.escape(_head(k)) for k in vocab.agreement_kinds().values()}))
    return regex.compile(rf"\W*(?:Bản\s+)?({heads})(?:\s+này)?(?:\s+(?:được|gồm|có|sẽ|đã)(?![\p{{L}}])|\s*,)",
                         regex.IGNORECASE)


def counts(text: str, sentence: Span) -> dict[str, int]:
    """'9 nội dung và 14 nhiệm vụ' → {'contents': 9, 'tasks': 14}."""
    found = {}
    for match in _COUNT.finditer(text, sentence.start, sentence.end):
        found["contents" if match.group(2).casefold() == "nội dung" else "tasks"] = int(match.group(1))
    return found
