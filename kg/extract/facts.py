"""From an article's text to the mentions it contains (ArticleFacts)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import regex

from kg import vocab
from kg.clean import segment
from kg.extract import article as about
from kg.extract.agreements import counts, find_agreements, with_period_told
from kg.extract.bodies import LOCALITY_UNIT_WORDS
from kg.extract.dates import leading_date, timed_dates, years_named
from kg.extract.documents import find_documents
from kg.extract.people import JOINED_POSTS, find_people
from kg.extract.roles import attending_still, chairs_signing, roles_in_sentence
from kg.extract.sentences import AGENCY_TAG, sentences
from kg.records import (AgreementMention, Article, ArticleFacts, EventMention, Page, PersonMention, PostMention,
                        RoleMention, Span, TitleReference)

Lead = tuple[Span, date]  # the sentence that opens the story with the event's day, and that day

# "các đồng chí Phó Chủ tịch UBND huyện", "Chủ tịch UBND 35 xã", "Bí thư Đảng ủy một số phường":
# posts of several, or of nobody named
_PLURAL_BEFORE = regex.compile(r"(?<![\p{L}])(?:các|những|lãnh đạo|đại diện)(?:\s+(?:đồng chí|vị|đ/c))?\s+$",
                               regex.IGNORECASE)
_PLURAL_AFTER = regex.compile(r"\s+(?:các|những|một số|\d+)\s", regex.IGNORECASE)
# a sentence telling what happened at the article's event: "Tại hội nghị, ...", "Dịp này, ...", "Cũng trong buổi
# chiều, ...", "Sau hội đàm, ...", "Kết thúc buổi hội đàm, ...", "Tại diễn đàn, ...", "Cùng dịp, ...", and next at it:
# "Tiếp đó, ...", "Ngay sau đó, ...", "Ngay sau kỳ họp, ...", or on its day: "Tối cùng ngày, ...", "Trước đó, sáng
# cùng ngày, ..."
_AT_EVENT = regex.compile(r"^\W*(?:(?:(?:cũng|ngay)\s+)?(?:tại|trong khuôn khổ|nhân dịp|dịp|trong|sau|kết thúc|cuối"
                          r"|trên cơ sở kết quả)\s+(?:này|hội nghị|hội thảo|hội đàm|diễn đàn|ngày hội|buổi|lễ|kỳ họp"
                          r"|sự kiện|chương trình|cuộc họp|phiên)(?![\p{L}])"
                          r"|(?:tiếp\s+(?:đó|theo)|ngay\s+sau(?:\s+[^\s,]+){1,3}?|cùng\s+dịp(?:\s+này)?)\s*,"
                          r"|(?:trước\s+đó\s*,\s*)?(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?cùng\s+ngày\s*,)", regex.IGNORECASE)
# the event's day after an opening clause: "Nhân kỷ niệm 70 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2017),
# chiều 26/7, đoàn công tác ..."
_DAY_AFTER_OPENING = regex.compile(r"^(?:Nhân|Hưởng ứng|Chào mừng|Hướng tới|Thực hiện)[^.;]{0,160}?,\s*"
                                   r"((?:sáng|chiều|tối|trưa)(?:\s+nay|\s+qua|\s+ngày)?\s+\d{1,2}\s*/\s*\d{1,2})",
                                   regex.IGNORECASE)
_AT_EVENT_LATER = regex.compile(r",\s*(?:(?:cũng|ngay)\s+)?tại\s+(?:hội nghị|buổi|lễ|kỳ họp|cuộc họp|phiên)(?![\p{L}])"
                                r"[^,]{0,40},", regex.IGNORECASE)
_LEAD_PARAGRAPHS = 6  # the lead is among the first paragraphs (a page may put menus, a sapo or a dateline first)
_ITEM_HEAD = 30  # a line of a list opens with its person: a bullet, a rank and "đồng chí" at most before the name
_ITEM_JOINT = regex.compile(r"\s*([,\-–—(:])")  # what joins the person of a list's line to their posts
_LEAD_WORDS = 8  # a dateline or a caption is no lead
_VIEWED_AFTER_DAYS = 31  # a date above the headline this long after the lead's day is the day the page was viewed
_REPORTED_WITHIN_DAYS = 3  # a story is out within these days of the event its lead tells
_SEASON_DAYS = 90  # a story early in a year may name only the year before ("tổng kết năm 2025" in February 2026)
_PLACE = regex.compile(r"(?<![\p{L}])tại\s+([^,.;]{3,80}?)(?=\s*[,.;])", regex.IGNORECASE)
# "Đồng chí yêu cầu ...", "Ông đề nghị ...": a sentence that opens with a bare form of address, the one person the
# sentence before named being who it speaks of (data/vocab/honorifics.csv, column alone)
_ADDRESS_ALONE = regex.compile(r"[\W\d]*(?P<address>(?=\p{Lu})(?i:" + vocab.phrase_pattern(set(vocab.standalone_addresses()))
                               + r"))[ ]+(?=\p{Ll})")
# a locality's name after its unit word: "huyện Lý Sơn", "quận Đồ Sơn", "xã Ia Púch" (not "tỉnh": "Chủ tịch UBND
# tỉnh Lê Văn A" names a person more often than a province is missing from the vocabulary)
_NAMED_PLACE = regex.compile(rf"(?<![\p{{L}}])(?:{LOCALITY_UNIT_WORDS})[ ]+(\p{{Lu}}[\p{{L}}'’]*(?:[ ]+\p{{Lu}}[\p{{L}}'’]*){{0,3}})")
# a woman's middle name: "Ông" is no "Lê Thị Hạnh"
_WOMAN = regex.compile(r"(?<![\p{L}])Thị(?![\p{L}])")


def extract_article(article: Article) -> ArticleFacts:
    page = segment(article)
    published = _published(page)
    when = published or _told_on(page)  # what dates without their year are read against
    text = article.text
    spans = ([page.title] if page.title else []) + list(page.paragraphs)
    persons: list[PersonMention] = []
    references: list[TitleReference] = []
    for span in spans:
        found, refs = find_people(text, span.start, span.end, when)
        persons += found
        references += refs
    persons = without_borrowed_posts(without_places(text, as_full_names(persons + known_names_again(text, spans,
                                                                                                    persons))))
    excluded = [p.extent for p in persons] + [(r.span.start, r.span.end) for r in references]
    references = [r for r in references if not _plural(text, r.span)]
    resolved_refs = {r.span.start: resolve_reference(r, persons) for r in references}
    lead = _lead(page, when)
    roles, agreements, documents, events, unnamed = [], [], [], [], []
    for span in spans:
        documents += find_documents(text, span.start, span.end, when)
        last_agreement = None
        items: list[tuple[int, int, str]] = []
        sentence_roles: list[RoleMention] = []
        for sentence in sentences(span):
            items = (_items(sentence, persons, [(r, resolved_refs[r.span.start]) for r in references])
                     or _addressed_alone(text, sentence, items))
            if not items:  # a caption may name its persons only by what they did ("Các đồng chí chủ trì ...")
                unnamed.append(sentence)
            sentence_roles = (roles_in_sentence(text, sentence, items)
                              or attending_still(text, sentence, items, sentence_roles))
            roles += sentence_roles
            if sentence_roles:
                events.append(_event(text, sentence, when, lead))
            found = _signed_at_event(sentence, find_agreements(text, sentence, excluded, when), lead)
            last_agreement = _with_counts(text, sentence, found, agreements, last_agreement)
            if agreements and not found:
                agreements[-1] = with_period_told(text, sentence, agreements[-1])
            agreements += found
    for listing in _lists_under_headers(text, spans, persons):
        listed_roles = roles_in_sentence(text, listing, _items(listing, persons, []))
        roles += listed_roles
        if listed_roles:
            events.append(_event(text, listing, when, lead))
    chairs = [r for r in roles if r.role == "chair"]
    roles += [r for sentence in unnamed for r in chairs_signing(text, sentence, chairs)]
    return ArticleFacts(page=page, title=page.title.text if page.title else None, published=published,
                        author=about.author(page), province=about.province(page, when),
                        persons=tuple(persons), title_references=tuple(references), roles=tuple(roles),
                        agreements=tuple(agreements), documents=tuple(documents), events=tuple(events[:1]))


def _items(span: Span, persons: list[PersonMention], references: list[tuple[TitleReference, str | None]]
           ) -> list[tuple[int, int, str]]:
    """The persons named in a span, and those its title references stand for, as kg.extract.roles takes them."""
    items = [(p.extent[0], p.extent[1], p.name) for p in persons if span.start <= p.span.start < span.end]
    return items + [(r.span.start, r.span.end, name) for r, name in references
                    if span.start <= r.span.start < span.end and name]


def _addressed_alone(text: str, sentence: Span, before: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"Đồng chí" of "Đồng chí yêu cầu ..." as the person the sentence before named, when it named one only."""
    address = _ADDRESS_ALONE.match(text, sentence.start, sentence.end)
    names = {name for _, _, name in before}
    if address is None or len(names) != 1:
        return []
    name = names.pop()
    if vocab.standalone_addresses()[" ".join(address.group("address").casefold().split())] and _WOMAN.search(name):
        return []
    return [(address.start("address"), address.end("address"), name)]


def _lists_under_headers(text: str, spans: list[Span], persons: list[PersonMention]) -> Iterator[Span]:
    """A paragraph ending in ":" and the lines under it that each open with a person ("Tham dự hội nghị có các
    đồng chí:" / "- Đại tá A - Phó Giám đốc Công an tỉnh" / "- B - ..."), as one span from the header's last
    sentence: what the header says they did is theirs, as in a list written on one line."""
    for index, span in enumerate(spans):
        if not span.text.rstrip().endswith(":"):
            continue
        end, form = None, None
        for line in spans[index + 1:]:
            person = next((p for p in persons if line.start <= p.span.start < line.start + _ITEM_HEAD), None)
            # the lines of a list are written alike: "A - title" lines stop at "Đồng chí B, ... phát biểu"
            joint = _ITEM_JOINT.match(text, person.span.end) if person else None
            if joint is None or form not in (None, joint.group(1)):
                break
            end, form = line.end, joint.group(1)
        if end is not None:
            header = sentences(span)[-1]
            yield Span(header.start, end, text[header.start:end], "list")


def _published(page: Page) -> date | None:
    """The page's date, unless it is a date above the headline that the story shows to be the day the page was
    viewed: "Thứ Ba, 02/12/2025" over "(BĐ) - Sáng 15/9/2020, ..." (a story is out within days of what it reports,
    and not before: "Thứ Năm, ngày 15/02/2024" over "Sáng 16/2, ..." was viewed a year after), or over a story whose
    years all ended long before it. Such a page prints no date of its own; a date the manifest gives stands."""
    day = about.published(page)
    manifest = page.article.manifest
    if (day is None or manifest and manifest.published or page.dateline is None or page.title is None
            or page.dateline.start > page.title.start):
        return day
    lead = _lead(page, day)
    if lead is not None and not 0 <= (day - lead[1]).days <= _VIEWED_AFTER_DAYS:
        return None
    # nor when the story names no year that ended less than a season before that date, and its lead tells no
    # event of those days ("Thứ Năm, 07/12/2023" over a story of "45 năm Ngày giải phóng tỉnh (1/5/1972 - 1/5/2017)")
    years = [year for paragraph in page.paragraphs for year in years_named(paragraph.text)]
    behind = bool(years) and date(max(years), 12, 31) + timedelta(days=_SEASON_DAYS) < day
    return None if behind and (lead is None or (day - lead[1]).days > _REPORTED_WITHIN_DAYS) else day


def _told_on(page: Page) -> date | None:
    """For a page with no date of its own: the last day the story dates its own events on ("Ngày 23/10/2014,
    ...", "chiều ngày 14/8/2025"), when those dates agree on one year; None otherwise."""
    told = [d for paragraph in page.paragraphs for d in timed_dates(paragraph.text)]
    told += [d for paragraph in page.paragraphs for sentence in sentences(paragraph)
             for d in [leading_date(sentence.text, None)] if d]
    return max(told) if len({d.year for d in told}) == 1 else None


def _lead(page: Page, when: date | None) -> Lead | None:
    """The sentence that opens the story with the event's day ("BHD - Sáng 18/8, ..."), and that day."""
    for paragraph in page.paragraphs[:_LEAD_PARAGRAPHS]:
        first = sentences(paragraph)[0]
        tag = AGENCY_TAG.match(first.text)
        opening = first.text[tag.end() if tag else 0:]
        later = _DAY_AFTER_OPENING.search(opening)
        day = leading_date(opening, when) or (leading_date(opening[later.start(1):], when) if later else None)
        if day is not None and len(first.text.split()) >= _LEAD_WORDS:
            return first, day
    return None


def _signed_at_event(sentence: Span, found: list[AgreementMention], lead: Lead | None) -> list[AgreementMention]:
    """A signing the lead reports, or a sentence reports as done at the event ("Tại hội nghị, ...", "Thực hiện
    <program>, tại buổi làm việc, hai bên đã ký kết ...") or besides it ("Cũng trong dịp này, A và B ký ..."), is of
    the event's day."""
    if lead is None:
        return found
    at_event = (sentence.start == lead[0].start or _AT_EVENT.match(sentence.text)
                or _AT_EVENT_LATER.search(sentence.text))
    return [replace(m, signed=lead[1]) if m.signing and m.signed is None and (at_event or m.another) else m
            for m in found]


def _with_counts(text: str, sentence: Span, found: list[AgreementMention], agreements: list[AgreementMention],
                 last: int | None) -> int | None:
    """Counts of contents and tasks go to the agreement of the sentence, or the one last named."""
    numbers = counts(text, sentence)
    if found:
        if numbers:
            found[-1:] = [replace(found[-1], contents=numbers.get("contents"), tasks=numbers.get("tasks"))]
        return len(agreements) + len(found) - 1
    if numbers and last is not None:
        agreements[last] = replace(agreements[last], contents=agreements[last].contents or numbers.get("contents"),
                                   tasks=agreements[last].tasks or numbers.get("tasks"))
    return last


def known_names_again(text: str, spans: list[Span], persons: list[PersonMention]) -> list[PersonMention]:
    """A name already known as an official's, written again alone ("Ông Vũ Chiến Thắng đánh giá cao"):
    whole words, the longest name where two start together, none inside another's match."""
    names = {p.name for p in persons}
    taken = [p.extent for p in persons]
    hits = sorted((at, -len(name), name) for span in spans for name in names
                  for at in _whole_words(text, name, span.start, span.end))
    found, reach = [], -1
    for at, minus_length, name in hits:
        if at < reach:
            continue
        reach = at - minus_length
        if not any(s <= at < e for s, e in taken):
            found.append(PersonMention(Span(at, reach, name, "known-name"), name, extent=(at, reach)))
    return found


def without_places(text: str, persons: list[PersonMention]) -> list[PersonMention]:
    """"ngư dân Lý Sơn" is the fishermen of the district the article writes "huyện Lý Sơn": a name the article
    gives a place after its unit word, and never a post, is that place's, no person's."""
    # every beginning of the words after a unit word: "huyện Lý Sơn Nguyễn Văn A" may name a person right after it
    places = {" ".join(words[:size]) for m in _NAMED_PLACE.finditer(text) if (words := m.group(1).split())
              for size in range(1, len(words) + 1)}
    officials = {p.name for p in persons if p.posts}   # "Chủ tịch UBND huyện Nguyễn Văn A": a person's name
    return [p for p in persons if p.name in officials or p.name not in places]


def without_borrowed_posts(persons: list[PersonMention]) -> list[PersonMention]:
    """"đồng chí A và đồng chí B, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh": posts a name shares with the one after it
    (people.JOINED_POSTS) are B's alone where the article gives A posts of its own elsewhere ("Đoàn công tác do đồng
    chí A, Phó Chủ tịch Trung ương Hội LHPN Việt Nam làm trưởng đoàn")."""
    with_own = {p.name for p in persons if p.posts and p.span.rule != JOINED_POSTS}
    return [replace(p, posts=()) if p.span.rule == JOINED_POSTS and p.name in with_own else p for p in persons]


def as_full_names(persons: list[PersonMention]) -> list[PersonMention]:
    """"bà Chanh Đa nói" after "bà Sơn Thị Chanh Đa", "ông Y Thuân nói" after "Ông Y Thuân Byă": a name written
    short and with no post is the one person of the article whose name it ends (a Vietnamese given name) or
    begins (an Ê Đê one, the family name last)."""
    names = {p.name: p.name.split() for p in persons}
    full = []
    for person in persons:
        words = names[person.name]
        longer = {n for n, w in names.items() if len(w) > len(words) and words in (w[-len(words):], w[:len(words)])}
        full.append(replace(person, name=longer.pop()) if not person.posts and len(longer) == 1 else person)
    return full


def _whole_words(text: str, words: str, start: int, end: int) -> Iterator[int]:
    """Where `words` stands in text[start:end] with no letter glued to either side (a plain search: the
    names differ from article to article, so a pattern of them would be compiled for each)."""
    at = text.find(words, start, end)
    while at != -1:
        after = at + len(words)
        if not (at > 0 and text[at - 1].isalpha()) and not (after < end and text[after].isalpha()):
            yield at
        at = text.find(words, at + 1, end)


def post_key(post) -> tuple:
    return (post.title, post.org.chain if post.org else None)


def _plural(text: str, span: Span) -> bool:
    return bool(_PLURAL_BEFORE.search(text, max(0, span.start - 25), span.start) or _PLURAL_AFTER.match(text, span.end))


def _fits(named: PostMention, held: PostMention) -> bool:
    """A post named alone fits a held one: same title and body, in no other place
    ("Chủ tịch UBND xã" is not the "Chủ tịch UBND huyện" of the article)."""
    if post_key(named) != post_key(held):
        return False
    if named.org is None or held.org is None:
        return True
    return all(a is None or b is None or a == b for a, b in
               ((named.org.unit, held.org.unit), (named.org.locality, held.org.locality),
                (named.org.province, held.org.province)))


def resolve_reference(reference: TitleReference, persons: list[PersonMention]) -> str | None:
    """The one person of the article who holds every post the reference names, or None."""
    holders = {p.name for p in persons if all(any(_fits(w, h) for h in p.posts) for w in reference.posts)}
    return holders.pop() if len(holders) == 1 else None


def _event(text: str, sentence: Span, when: date | None, lead: Lead | None) -> EventMention:
    kinds = [k for _, _, k in vocab.event_lexicon().finditer(text, sentence.start, sentence.end)]
    order = list(vocab.event_kinds())
    kind = min(kinds, key=order.index) if kinds else "meeting"
    place = _PLACE.search(text, sentence.start, sentence.end)
    day = leading_date(sentence.text, when) or (lead[1] if lead else None)
    return EventMention(sentence, kind, day, place.group(1) if place else None)
