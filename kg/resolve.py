"""From mentions to entities: which body, post, person and agreement each mention means.

Keys are deterministic strings (the tails of the IRIs kg.graph mints): the same
articles always resolve to the same keys. A body's province is the one it names, or
the article's when it names none ("UBND tỉnh"), or unknown — then the body is scoped to
the article and never merged with another article's.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

import regex

from kg import vocab
from kg.extract.agreements import CARRIES_OUT
from kg.extract.bodies import NATIONAL_UNIT, REGION_UNIT, same_rank, without_abbreviations
from kg.normalize import fold, key as text_key
from kg.records import AgreementMention, ArticleFacts, OrgMention, Span

_DISTRICT_UNITS = {"huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"}


_NOT_IN_SLUG = regex.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _NOT_IN_SLUG.sub("-", fold(text)).strip("-")


def digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Org:
    key: str
    chain: tuple[str, ...]
    level: str | None
    province: str | None
    locality: str | None
    label_vi: str
    label_en: str
    parent: str | None


@dataclass(frozen=True)
class Post:
    key: str
    title: str
    org: str | None
    province: str | None   # the province the post serves: its body's
    label_vi: str
    label_en: str


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    rank: str | None


@dataclass(frozen=True)
class Holding:
    key: str
    person: str
    post: str
    evidence: Span
    stated: str | None
    former: bool = False   # the article says the post was held before its day ("nguyên ...")


@dataclass(frozen=True)
class Document:
    key: str
    number: str
    kind: str | None
    issued: date | None
    issuer: str | None
    evidence: Span


@dataclass(frozen=True)
class Agreement:
    key: str
    kind: str
    label: str
    period: tuple[int, int] | None
    number: str | None
    signed: date | None
    parties: tuple[str, ...]
    signatories: tuple[str, ...]
    topic: str | None
    contents: int | None
    tasks: int | None
    implements: tuple[str, ...]
    evidence: tuple[Span, ...]
    signed_here: bool = False        # the article reports the signing itself
    parties_stated: tuple[str, ...] = ()  # the parties as the article writes them, each body once


@dataclass(frozen=True)
class Participation:
    person: str
    role: str
    evidence: Span


@dataclass(frozen=True)
class Event:
    key: str
    kind: str
    date: date | None
    place: str | None
    participations: tuple[Participation, ...]
    concerns: str | None
    evidence: Span


@dataclass(frozen=True)
class ResolvedArticle:
    facts: ArticleFacts
    orgs: tuple[Org, ...]
    posts: tuple[Post, ...]
    persons: tuple[Person, ...]
    holdings: tuple[Holding, ...]
    agreements: tuple[Agreement, ...]
    documents: tuple[Document, ...]
    events: tuple[Event, ...]

    @property
    def stem(self) -> str:
        return self.facts.page.article.stem


class _Orgs:
    """Resolves org mentions of one article, remembering every body (and parent) it made."""

    def __init__(self, facts: ArticleFacts):
        self.facts = facts
        self.made: dict[str, Org] = {}

    def resolve(self, mention: OrgMention) -> Org:
        return self._chain(mention.chain, mention)

    def _chain(self, chain: tuple[str, ...], mention: OrgMention) -> Org:
        level, province, locality = self._place(chain, mention)
        parent = self._chain(chain[1:], mention).key if len(chain) > 1 else None
        scope = self._scope(level, province, locality)
        parts = list(chain)
        named = _named_at(chain, mention)
        if named is not None:
            parts[named] += f"-{slug(mention.name)}"
        org_key = f"{scope}/{'.'.join(parts)}"
        if org_key not in self.made:
            vi, en = org_labels(chain, level, province, locality, mention)
            self.made[org_key] = Org(org_key, chain, level, province, locality, vi, en, parent)
        return self.made[org_key]

    def _place(self, chain, mention: OrgMention) -> tuple[str | None, str | None, str | None]:
        """(level, province, locality); a body abroad has no level of ours and no province."""
        bodies = [vocab.bodies()[k] for k in chain]
        if _counterpart_abroad(mention):
            return None, None, None
        if any(b.level == "central" for b in bodies) or _national(mention):
            return "central", None, None
        if mention.unit == REGION_UNIT:  # a national body's branch for a region: "VCCI chi nhánh khu vực ..."
            return "central", None, mention.locality
        if _abroad(bodies, mention):
            return None, None, mention.locality
        if mention.locality or (mention.unit in _DISTRICT_UNITS) or bodies[-1].level == "district":
            return "district", mention.province or self.facts.province, mention.locality
        return "province", mention.province or self.facts.province, None

    def _scope(self, level, province, locality) -> str:
        if level == "central":
            return f"central/{slug(locality)}" if locality else "central"
        if level is None:
            return f"{ABROAD}/{slug(locality)}" if locality else ABROAD
        base = province or f"article-{self.facts.page.article.stem}"
        if level == "district":
            return f"{base}/{slug(locality)}" if locality else f"article-{self.facts.page.article.stem}/district"
        return base


ABROAD = "abroad"  # the scope of bodies of other states
_NAMING = {"name", "name-place", "name-optional", "abroad"}  # bodies known by a proper name after their kind
# "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam", "Trung ương Hội Nông dân Việt Nam": the country's own
_COUNTRY_AT_END = regex.compile(r"(?<![\p{L}])Việt\s+Nam\s*(?:\([^()]*\))?\s*$")
_VIETNAM_EN = regex.compile(r"\bVietnam(?:ese)?\b")


def _national(mention: OrgMention) -> bool:
    """A body written with "Việt Nam" and no place of its own is the national one, not the article's province's;
    a company's own name may end so ("Công ty TNHH Doosan Enerbility Việt Nam") wherever the company is. So is a body
    whose name says it is the country's ("Ban Chỉ đạo *quốc gia về* phòng, chống thiên tai")."""
    if mention.unit == NATIONAL_UNIT or mention.name and vocab.central_name_pattern().match(mention.name):
        return True
    company = mention.name and any(vocab.bodies()[k].category == "enterprise" for k in mention.chain)
    return (not (mention.province or mention.locality or mention.unit or company)
            and bool(_COUNTRY_AT_END.search(mention.span.text)))


def _abroad(bodies: list[vocab.Body], mention: OrgMention) -> bool:
    """A body of another state (a consulate, the Lao party), or a province-level body named by a place no province
    of ours ("Tỉnh ủy Xiêng Khoảng", "Bộ CHQS tỉnh Attapeu": a Vietnamese province's name would have been read as
    its province)."""
    return (any(b.category == "foreign-state" for b in bodies)
            or bool(mention.locality) and mention.province is None
            and (bodies[-1].level == "province" or mention.unit == "tỉnh"))


def _counterpart_abroad(mention: OrgMention) -> bool:
    """A central body's counterpart in another country, named by the country alone ("Bộ Công an Lào")."""
    return bool(mention.name) and text_key(mention.name) in vocab.countries()


def _counterpart_en(label: str, country: str) -> str:
    """The English label of a body's counterpart in another country: "Central Committee of the Laos Women's Union",
    "Ministry of Public Security, Laos"."""
    swapped, found = _VIETNAM_EN.subn(country, label, count=1)
    return swapped if found else f"{label}, {country}"


def _named_at(chain: tuple[str, ...], mention: OrgMention) -> int | None:
    """Where in chain (the tail of the mention's chain a body is made of) the body the mention's proper name belongs
    to stands: the one known by a name ("Vụ *Dân tộc*, Ban Dân vận Trung ương"), else the outermost."""
    if not mention.name:
        return None
    own = next((i for i, k in enumerate(mention.chain) if vocab.bodies()[k].attaches in _NAMING),
               len(mention.chain) - 1)
    at = own - (len(mention.chain) - len(chain))
    return at if at >= 0 else None


def org_labels(chain, level, province, locality, mention: OrgMention) -> tuple[str, str]:
    bodies = [vocab.bodies()[k] for k in chain]
    vi = [b.label_vi if i == 0 or not b.as_parent else b.as_parent for i, b in enumerate(bodies)]
    en = [b.label_en for b in bodies]
    named = _named_at(chain, mention)
    if named is not None and _counterpart_abroad(mention):  # "Trung ương Hội Liên hiệp Phụ nữ Lào"
        vi[named] = f"{_COUNTRY_AT_END.sub('', vi[named]).rstrip()} {mention.name}"
        en[named] = _counterpart_en(en[named], vocab.countries()[text_key(mention.name)])
    elif named is not None:
        vi.insert(named + 1, mention.name)
        en.insert(named + 1, mention.name)
    place_vi, place_en = _place_labels(bodies[-1], level, province, locality, mention.unit)
    return " ".join(vi + place_vi), ", ".join(en + place_en)


def _place_labels(outer: vocab.Body, level, province, locality, unit) -> tuple[list[str], list[str]]:
    if unit == REGION_UNIT and locality:
        return ["chi nhánh", unit, locality], [f"{locality} branch"]
    if level == "central" or not outer.placed:
        return [], []
    # some bodies name their place bare ("Tỉnh ủy Vĩnh Phúc", "Tỉnh đoàn Gia Lai"); others after a unit word
    # ("Đảng ủy Quân sự tỉnh Quảng Trị", "Công an tỉnh Hà Giang")
    word = None if outer.bare_place else _unit_word(level, province, unit)
    unit_vi = [word] if word else []
    if locality:  # a district's or commune's name, or a place abroad
        return unit_vi + [locality], [locality]
    if level == "district":
        return unit_vi, []
    if province:
        unit = vocab.provinces()[province]
        return unit_vi + [unit.name_vi], [unit.name_en]
    return unit_vi, []


def _unit_word(level, province, unit) -> str | None:
    if level == "province" and province:
        return "thành phố" if vocab.provinces()[province].unit_type == "city" else "tỉnh"
    return unit


def post_labels(title_id: str, org: Org | None) -> tuple[str, str]:
    title = vocab.titles()[title_id]
    if org is None:
        return title.label_vi, title.label_en
    if title.implies:  # "Tỉnh ủy viên Vĩnh Phúc"; below a province, its district's or commune's name if written
        province = vocab.provinces()[org.province] if org.province and org.level != "district" else None
        place_vi, place_en = (province.name_vi, province.name_en) if province else (org.locality, org.locality)
        return (f"{title.label_vi} {place_vi}" if place_vi else title.label_vi,
                f"{title.label_en}, {place_en}" if place_en else title.label_en)
    org_vi = org.label_vi
    if title.absorbs and text_key(org_vi).startswith(text_key(title.absorbs) + " "):
        org_vi = org_vi[len(title.absorbs) + 1:]
    return f"{title.label_vi} {org_vi}", f"{title.label_en}, {org.label_en}"


def resolve_article(facts: ArticleFacts) -> ResolvedArticle:
    orgs = _Orgs(facts)
    stem = facts.page.article.stem
    posts: dict[str, Post] = {}
    persons: dict[str, Person] = {}
    holdings: dict[str, Holding] = {}
    person_keys: dict[str, str] = {}
    for mention in sorted(facts.persons, key=lambda p: -len(p.posts)):
        resolved_posts = [_post(orgs, p, posts) for p in mention.posts]
        if mention.name not in person_keys:
            scope = _person_scope(resolved_posts, orgs, facts)
            person_keys[mention.name] = f"{slug(mention.name)}-{scope}"
        person_key = person_keys[mention.name]
        previous = persons.get(person_key)
        persons[person_key] = Person(person_key, mention.name, (previous and previous.rank) or mention.rank)
        for mention_post, post in zip(mention.posts, resolved_posts):
            holding_key = digest(person_key, post.key, stem, *(("former",) if mention_post.former else ()))
            evidence = Span(mention.extent[0], mention.extent[1],
                            facts.page.article.text[mention.extent[0]:mention.extent[1]], mention.span.rule)
            stated = without_abbreviations(mention_post.stated) if mention_post.stated else None
            # the post as the article writes it somewhere, over one whose body was taken from the context
            if holding_key not in holdings or holdings[holding_key].stated is None and stated is not None:
                holdings[holding_key] = Holding(holding_key, person_key, post.key, evidence, stated,
                                                mention_post.former)
    holdings, posts = _without_bare_repeats(holdings, posts)
    documents = _documents(facts, orgs)
    agreements = _agreements(facts, orgs, person_keys, documents)
    documents |= _numbered_agreements(agreements, documents)
    documents |= _numbered_mentions(facts.agreements, documents)
    events = _events(facts, person_keys, agreements)
    return ResolvedArticle(facts, tuple(sorted(orgs.made.values(), key=lambda o: o.key)),
                           tuple(sorted(posts.values(), key=lambda p: p.key)),
                           tuple(sorted(persons.values(), key=lambda p: p.key)),
                           tuple(sorted(holdings.values(), key=lambda h: h.key)),
                           agreements, tuple(documents.values()), events)


def _without_bare_repeats(holdings: dict[str, Holding], posts: dict[str, Post]
                          ) -> tuple[dict[str, Holding], dict[str, Post]]:
    """"A - Phó Chủ tịch LĐLĐ tỉnh ... A được bầu làm Phó Chủ tịch": a title written without its body, held by
    someone the article gives the same title in a body, is that post again, not a post of its own; so is a
    title whose body it implies ("Tổng Lãnh sự Hàn Quốc tại Đà Nẵng ... Tổng Lãnh sự Ahn Min-sik")."""
    def bare(holding: Holding) -> bool:
        post = posts[holding.post]
        return post.org is None or holding.stated is not None and vocab.title_lexicon().match(
            holding.stated, 0) == (len(holding.stated), vocab.titles()[post.title])
    titled = {(h.person, posts[h.post].title) for h in holdings.values() if not bare(h)}
    kept = {k: h for k, h in holdings.items() if not bare(h) or (h.person, posts[h.post].title) not in titled}
    unheld = {h.post for h in holdings.values()} - {h.post for h in kept.values()}
    return kept, {k: p for k, p in posts.items() if k not in unheld}


def _post(orgs: _Orgs, mention, posts: dict[str, Post]) -> Post:
    org = orgs.resolve(mention.org) if mention.org else None
    post_key = f"{org.key}/post/{mention.title}" if org else f"untitled/{mention.title}"
    if post_key not in posts:
        vi, en = post_labels(mention.title, org)
        posts[post_key] = Post(post_key, mention.title, org.key if org else None, org.province if org else None, vi, en)
    return posts[post_key]


def _person_scope(resolved_posts: list[Post], orgs: _Orgs, facts: ArticleFacts) -> str:
    """A person is known by name within the province their posts are in (or the article's)."""
    provinces = Counter(orgs.made[p.org].province for p in resolved_posts
                        if p.org and orgs.made[p.org].province)
    if provinces:
        return provinces.most_common(1)[0][0]
    if any(p.org and orgs.made[p.org].level == "central" for p in resolved_posts):
        return "central"
    if resolved_posts and all(p.org and orgs.made[p.org].key.startswith(f"{ABROAD}/") for p in resolved_posts):
        return ABROAD
    return facts.province or f"article-{facts.page.article.stem}"


def _documents(facts: ArticleFacts, orgs: _Orgs) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for mention in facts.documents:
        doc_key = slug(mention.number)
        if doc_key in found:
            continue
        issuer = orgs.resolve(mention.issuer).key if mention.issuer else None
        found[doc_key] = Document(doc_key, mention.number, mention.kind, mention.issued, issuer, mention.span)
    return found


# "79-CTr/BDVTW-BCSĐCP", "135/QC-BĐBP-CAT": a number with its issuers' code, as documents are numbered
# (a bare "số 03" is not)
_DOCUMENT_NUMBER = regex.compile(r"\d\w*\s*[-/]\s*\p{L}")


def _numbered_agreements(agreements: tuple[Agreement, ...], documents: dict[str, Document]) -> dict[str, Document]:
    """An agreement numbered as documents are is a document too, issued on its signing date: one another agreement
    implements ("thực hiện Chương trình phối hợp số 79-CTr/BDVTW-BCSĐCP"), one the article reviews ("tổng kết
    Chương trình phối hợp số 245/CTPH-CT-CAT ngày 18/3/2016") or one it signs ("ký kết Quy chế phối hợp số
    05/QCPH-STP-CATP"): each is a numbered text that readers look up by its number."""
    return _numbered(((a.number, a.signed, a.evidence) for a in agreements), documents)


def _numbered_mentions(mentions: tuple[AgreementMention, ...], documents: dict[str, Document]) -> dict[str, Document]:
    """The numbered agreements the article only cites, kept as no agreement (see _by_number_only): documents too."""
    return _numbered(((m.number, m.signed, (m.span,)) for m in mentions), documents)


def _numbered(cited, documents: dict[str, Document]) -> dict[str, Document]:
    """Documents for (number, day signed, spans citing it) not among `documents`: numbers with their issuers' code."""
    found: dict[str, Document] = {}
    for number, signed, evidence in cited:
        key = slug(number) if number else None
        if key and _DOCUMENT_NUMBER.search(number) and key not in documents and key not in found:
            span = next((span for span in evidence if number in span.text), evidence[0])
            found[key] = Document(key, number, None, signed, None, span)
    return found


def _agreements(facts: ArticleFacts, orgs: _Orgs, person_keys: dict[str, str],
                documents: dict[str, Document]) -> tuple[Agreement, ...]:
    kinds = vocab.agreement_kinds()
    # an agreement of a kind that is one only where signed ("thỏa thuận") stands when the article signs it, or
    # cites it whole
    groups = [g for g in group_agreement_mentions(list(facts.agreements))
              if any(m.signing or m.cited_whole or not kinds[m.kind].only_signed for m in g) and not _by_number_only(g)]
    signatories = tuple(sorted({person_keys[r.person] for r in facts.roles
                                if r.role == "signatory" and r.person in person_keys}))
    signing_groups = [g for g in groups if any(m.signing for m in g)]
    # a mention left out of every group ("Chương trình phối hợp nhằm thực hiện ...") speaks of the one the article signs
    main = signing_groups[0] if len(signing_groups) == 1 else None
    # "hai bên" are the parties of the first agreement the article signs between bodies it names
    headline = facts.page.title
    named_signing = next((_fullest(g, headline) for g in signing_groups if any(m.parties for m in g)), None)
    grouped = {id(m) for g in groups for m in g}
    loose = [m for m in facts.agreements if id(m) not in grouped]
    made: list[tuple[list[AgreementMention], Agreement]] = []
    for group in groups:
        made.append((group, _agreement(_between_the_sides(group, named_signing), orgs, signatories if group is main else (),
                                       _implemented_documents(facts, group + loose if group is main else group,
                                                              documents), headline)))
    implemented = _implemented_agreements(facts.agreements, groups, made, main)
    agreements = _on_the_signing_day([a if id(g[0]) not in implemented else _with_implements(a, implemented[id(g[0])])
                                      for g, a in made])
    # two groups that resolve to the same agreement are one: the first, as the text names it first
    return tuple(sorted({a.key: a for a in reversed(agreements)}.values(), key=lambda a: a.key))


def _by_number_only(group: list[AgreementMention]) -> bool:
    """Cited by its number and whom it is between, with no period, no day and no signing ("thực hiện Chương trình
    phối hợp số 45-CTrPH/TWĐTN-HDNTVN của Ban Bí thư Trung ương Đoàn và ..."): a document the article cites, not
    an agreement it reports."""
    return (any(m.number and m.parties for m in group)
            and not any(m.signing or m.period or m.signed for m in group))


def _on_the_signing_day(agreements: list[Agreement]) -> list[Agreement]:
    """An agreement the article signs with no day of its own is signed on the day of the article's other signings,
    when they share one ("Cùng với chương trình, A và B ký Kế hoạch phối hợp năm 2026"), unless its period had
    begun before that day's year: a signing the story looks back to ("Trước đó, A đã ký kết quy chế ... nhiệm kỳ
    2019 - 2023", "các chương trình phối hợp đã ký trước đây, trong đó có Chương trình ... giai đoạn 2022 - 2026")."""
    days = {a.signed for a in agreements if a.signed_here and a.signed}
    if len(days) != 1:
        return agreements
    day = next(iter(days))
    def undated(agreement: Agreement) -> bool:
        period = agreement.period
        return agreement.signed_here and agreement.signed is None and (period is None or day.year <= period[0])

    return [replace(a, signed=day) if undated(a) else a for a in agreements]


def _with_implements(agreement: Agreement, extra: tuple[str, ...]) -> Agreement:
    return replace(agreement, implements=tuple(sorted(set(agreement.implements) | set(extra))))


def group_agreement_mentions(mentions: list[AgreementMention]) -> list[list[AgreementMention]]:
    """Mentions of one agreement: same period, or (with no period) same number; a signing by number, a number with
    the day it was signed, or one naming no parties, joins the one dated group of its kind that has no number and
    whose parties agree with its own (a number with its day and no parties, one whose period the day falls in or
    just before; a signing, the one such group the article signs).

    A mention with neither joins the one group of its kind whose parties agree with its own (and whose
    period had not ended when it was signed), a signing preferring a group the article signs; one reporting
    another signing by bodies it names ("Cũng tại buổi lễ, A và B ký ...") starts a group; another joins the
    one group of its kind that shares a party with it. With no such group, one naming its parties starts a
    group; one reporting a signing starts one when nothing is dated, or joins the only group when that one was
    signed too (a title naming it loosely); else it says too little to keep. Mentions naming parties go first,
    then those reporting a signing; each group keeps the text's order.
    """
    groups: list[list[AgreementMention]] = []
    order = sorted(range(len(mentions)), key=lambda i: (not mentions[i].period, not mentions[i].number))
    for m in (mentions[i] for i in order if mentions[i].period or mentions[i].number):
        same = [g for g in groups if (m.period == g[0].period if m.period else m.number in {x.number for x in g})]
        if not same and not m.period and (m.signing or m.signed or not m.parties):
            # "Nghị quyết liên tịch số 05/NQLT-... được ... ký kết"; "Chương trình số 02-CTrPH/... được A và B ký
            # ngày 15/7/2025": named by its parties, it is the one the story gives the period of; so is one naming
            # no parties ("Sau 2 năm thực hiện Chương trình phối hợp số 12/CTPH-..."), if signed, in the year before
            # its period or during it ("tổng kết Chương trình phối hợp giai đoạn 2016 - 2020 ... thực hiện Chương
            # trình phối hợp số 245/CTPH-CT-CAT ngày 18/3/2016")
            same = [g for g in groups if g[0].period and any(x.kind == m.kind for x in g)
                    and not any(x.number for x in g) and _parties_agree(m, g)
                    and (m.signing or (not m.parties or any(_same_parties(m, x) for x in g))
                         and (not m.signed or g[0].period[0] - 1 <= m.signed.year <= g[0].period[1]))]
            same = _likeliest(m, same)
        if same:
            same[0].append(m)
        else:
            groups.append([m])
    dated = bool(groups)
    bare = [m for m in mentions if not (m.period or m.number)]
    for m in sorted(bare, key=lambda m: (not m.parties, not m.signing)):
        fitting = [g for g in groups if any(x.kind == m.kind for x in g) and _parties_agree(m, g)
                   and not _signed_after(m, g)]
        signed = [g for g in fitting if any(x.signing for x in g)]
        if m.signing and signed:   # a signing is of an agreement the article signs, not of one it looks back to
            fitting = signed
        exact = [g for g in fitting if m.parties and any(_same_parties(m, x) for x in g)]
        if len(fitting) == 1 or len(exact) == 1:
            (fitting if len(fitting) == 1 else exact)[0].append(m)
        elif fitting:
            continue  # it may be any of several
        elif m.another and m.signing and len(m.parties) >= 2:
            groups.append([m])   # "Cũng tại buổi lễ, A và B ký thỏa thuận ...": another signing, by bodies it names
        elif len(sharing := _sharing_a_party(m, groups)) == 1:
            sharing[0].append(m)
        elif m.parties or m.signing and not dated:
            groups.append([m])
        elif m.signing and len(groups) == 1 and any(x.signing for x in groups[0]):
            groups[0].append(m)
    position = {id(m): i for i, m in enumerate(mentions)}
    return [sorted(g, key=lambda m: position[id(m)]) for g in groups]


def _likeliest(mention: AgreementMention, groups: list[list[AgreementMention]]) -> list[list[AgreementMention]]:
    """Of the dated groups a mention by number may join, the one it joins: a signing's, or one with no day of its own
    ("trình bày dự thảo Quy chế phối hợp số 01-QC/..."), the one the article signs; one signed on a day, the one whose
    period holds that day's year (not the one that begins a year later); none when several are left."""
    signed = [g for g in groups if any(x.signing for x in g)]
    groups = signed if (mention.signing or not mention.signed) and signed else groups
    during = [g for g in groups if mention.signed and g[0].period[0] <= mention.signed.year <= g[0].period[1]]
    groups = during if len(groups) > 1 and during else groups
    return groups if len(groups) == 1 else []


def _signed_after(mention: AgreementMention, group: list[AgreementMention]) -> bool:
    """A mention signed in a year after the group's period ended names another agreement: "ký kết Quy chế phối hợp"
    on 19/9/2025 is not the regulation of "nhiệm kỳ 2019 - 2024" the story looks back to."""
    return mention.signed is not None and group[0].period is not None and mention.signed.year > group[0].period[1]


def _sharing_a_party(mention: AgreementMention, groups: list[list[AgreementMention]]) -> list:
    """The groups of the mention's kind with a party of its own: "Tỉnh đoàn ký kết quy chế phối hợp với Bộ Chỉ huy
    BĐBP tỉnh" in a title names loosely the regulation the story says "Ban Thường vụ Tỉnh đoàn" and "Đảng ủy - Bộ
    Chỉ huy BĐBP tỉnh" signed; a signing, those the article signs ("Ngân hàng Nhà nước và Hội Nông dân tỉnh ký
    chương trình phối hợp" is the program the branch signs, not the central one it carries out)."""
    sharing = [g for g in groups if any(x.kind == mention.kind for x in g) and not _signed_after(mention, g)
               and any(_same_body(p, q) for p in mention.parties for x in g for q in x.parties)]
    signed = [g for g in sharing if any(x.signing for x in g)]
    return signed if mention.signing and signed else sharing


def _parties_agree(mention: AgreementMention, group: list[AgreementMention]) -> bool:
    named = [x for x in group if x.parties]
    return not mention.parties or not named or any(_same_parties(mention, x) for x in named)


def _same_parties(a: AgreementMention, b: AgreementMention) -> bool:
    """The same bodies; a body whose province is left unsaid fits the one named with it."""
    return (len(a.parties) == len(b.parties) and len(a.collectives) == len(b.collectives)
            and all(any(_same_body(p, q) for q in b.parties) for p in a.parties))


def _same_body(a: OrgMention, b: OrgMention) -> bool:
    """The same kind of body in the same place; a province left unsaid fits any, a commune or ward left unnamed
    ("UBND phường") fits one of its kind named ("UBND phường Hội An"), but not a body of another rank ("Công an
    xã" is no "Công an tỉnh")."""
    named = a.locality is not None and b.locality is not None
    return (_acting_body(a.chain) == _acting_body(b.chain)
            and (a.locality == b.locality if named
                 else a.locality == b.locality and same_rank(a.unit, b.unit) or a.unit == b.unit)
            and (a.province is None or b.province is None or a.province == b.province))


def _acting_body(chain: tuple[str, ...]) -> tuple[str, ...]:
    """The body a standing committee acts for: "Ban Thường vụ Tỉnh đoàn" signs as the Tỉnh đoàn."""
    standing = len(chain) > 1 and vocab.bodies()[chain[0]].category == "standing-committee"
    return chain[1:] if standing else chain


def _between_the_sides(group: list[AgreementMention], signed: AgreementMention | None) -> list[AgreementMention]:
    """An agreement no mention names parties of, whose subject is the article's sides ("hai bên đã triển khai
    <agreement>"), is between the parties of the agreement the article signs (`signed`), when they are as many."""
    sides = next((m.sides for m in group if m.sides), None)
    if sides is None or signed is None or len(signed.parties) != sides or any(m.parties for m in group):
        return group
    return [replace(group[0], parties=signed.parties)] + group[1:]


def _agreement(group: list[AgreementMention], orgs: _Orgs, signatories: tuple[str, ...],
               implements: tuple[str, ...], headline: Span | None) -> Agreement:
    signing = [m for m in group if m.signing]
    dated = [m for m in group if m.period or m.number] or group  # a bare mention may name the kind loosely
    kind = ([m for m in dated if m.signing] or dated)[0].kind
    period = next((m.period for m in group if m.period), None)
    number = next((m.number for m in group if m.number), None)
    signed = next((m.signed for m in group if m.signed), None)
    fullest = _fullest(group, headline)
    parties = fullest.parties if fullest else ()
    written: dict[str, tuple[Org, Span]] = {}                             # each body once, as first written
    for party in parties:
        written.setdefault(orgs.resolve(party).key, (orgs.resolve(party), party.span))
    party_orgs = [org for org, _ in written.values()]
    party_keys = tuple(sorted(written))
    # a class of bodies ("các tổ chức thành viên") is a party as written, with no body of its own
    collectives = fullest.collectives if fullest else ()
    stated = sorted([span for _, span in written.values()] + list(collectives), key=lambda span: span.start)
    agreement_key = digest(kind, party_keys + tuple(sorted(text_key(c.text) for c in collectives)), period, number)
    names = [o.label_vi for o in party_orgs] + [_as_written(c) for c in collectives]
    label = _agreement_label(kind, period, number, names)
    return Agreement(agreement_key, kind, label, period, number, signed, party_keys, signatories,
                     next((m.topic for m in group if m.topic), None),
                     next((m.contents for m in group if m.contents), None),
                     next((m.tasks for m in group if m.tasks), None),
                     implements, tuple(m.span for m in group), bool(signing),
                     tuple(_as_written(span) for span in stated))


def _as_written(party: Span) -> str:
    """A party as the text names it, without the short name it defines ("Chi nhánh Ngân hàng Chính sách xã hội
    (NHCSXH) tỉnh")."""
    return without_abbreviations(party.text)


def _fullest(group: list[AgreementMention], headline: Span | None) -> AgreementMention | None:
    """The mention that names the parties most: most of them, in running text rather than a
    headline in capitals or the article's headline ("... và Liên minh HTX Hà Tĩnh ký quy chế" over the story's
    "... và Liên minh HTX tỉnh đã ký kết"), giving its period, written out most fully ("Thường trực HĐND huyện" over "Thường trực
    HĐND"); the first such. Where a mention says whom the agreement is between ("giữa UBND thành
    phố và UBND tỉnh"), only those naming as many bodies: one naming more names who held the
    conference too ("Thành ủy, UBND thành phố và Tỉnh ủy, UBND tỉnh tổ chức hội nghị ký kết")."""
    def spans(m: AgreementMention) -> list[Span]:
        return [p.span for p in m.parties] + list(m.collectives)

    def in_capitals(m: AgreementMention) -> bool:   # its own words, not its parties' abbreviations ("UBND TPHCM")
        return m.span.text.isupper()

    def in_headline(m: AgreementMention) -> bool:
        return headline is not None and headline.start <= m.span.start < headline.end

    named = [m for m in group if m.parties or m.collectives]
    # a headline in capitals says loosely whom it is between ("... GIỮA SỞ A, BỘ CHỈ HUY B VÀ CÔNG AN TỈNH")
    between = [len(spans(m)) for m in named if m.between and not in_capitals(m)]
    if between:
        named = [m for m in named if len(spans(m)) == max(between)]
    if not named:
        return None

    # a mention that gives the period names it over one that joined it loosely ("... đã ký kết chương trình phối
    # hợp với Sở Nông nghiệp và Phát triển nông thôn" of the former provinces, beside "... giai đoạn 2025 - 2030")
    return max(named, key=lambda m: (len(spans(m)), not in_capitals(m), not in_headline(m), m.period is not None,
                                     sum(len(s.text) for s in spans(m)), -group.index(m)))


def _agreement_label(kind: str, period, number, parties: list[str]) -> str:
    parts = [vocab.agreement_kinds()[kind].label_vi]
    if number:
        parts.append(f"số {number}")
    if period:
        parts.append(f"năm {period[0]}" if period[0] == period[1] else f"giai đoạn {period[0]}–{period[1]}")
    if parties:
        parts.append("giữa " + " và ".join(parties))
    return " ".join(parts)


def _implemented_documents(facts: ArticleFacts, group: list[AgreementMention],
                           documents: dict[str, Document]) -> tuple[str, ...]:
    """Documents cited after "thực hiện", "trên cơ sở"... inside a mention of the agreement."""
    text = facts.page.article.text
    found = set()
    for mention in group:
        for doc in facts.documents:
            inside = mention.span.start <= doc.span.start < mention.span.end
            if inside and CARRIES_OUT.search(text, mention.span.start, doc.span.start):
                found.add(slug(doc.number))
    return tuple(sorted(k for k in found if k in documents))


def _implemented_agreements(mentions, groups, made, main) -> dict[int, tuple[str, ...]]:
    """"Thực hiện <A>, ... ký kết <B>": B implements A; "<A> ... trên cơ sở ... <B>": A implements B. An implementer
    in no group is taken for `main`, the agreement the article signs (None when it signs no one agreement)."""
    group_of = {id(m): g for g in groups for m in g}
    key_of = {id(g[0]): a.key for g, a in made}
    result: dict[int, tuple[str, ...]] = {}
    for mention, following in zip(mentions, mentions[1:]):
        if not (mention.implemented_by_next or mention.implements_next):
            continue
        if mention.implements_next:
            implementer, implemented = group_of.get(id(mention), main), group_of.get(id(following))
        else:
            implemented, implementer = group_of.get(id(mention)), group_of.get(id(following), main)
        if implemented and implementer and implemented is not implementer:
            result[id(implementer[0])] = result.get(id(implementer[0]), ()) + (key_of[id(implemented[0])],)
    return result


def _events(facts: ArticleFacts, person_keys: dict[str, str], agreements: tuple[Agreement, ...]) -> tuple[Event, ...]:
    if not facts.events:
        return ()
    event = facts.events[0]
    seen, participations = set(), []
    for role in facts.roles:
        person_key = person_keys.get(role.person)
        if person_key and (person_key, role.role) not in seen:
            seen.add((person_key, role.role))
            participations.append(Participation(person_key, role.role, role.span))
    signed = [a for a in agreements if a.signed_here]
    concerns = signed[0].key if len(signed) == 1 else None
    return (Event("1", event.kind, event.date, event.place,
                  tuple(sorted(participations, key=lambda p: (p.person, p.role))), concerns, event.span),)


@dataclass(frozen=True)
class PersonSummary:
    """What linking across articles needs to know of one person of one article."""
    key: str
    name: str
    posts: frozenset[tuple[str, tuple[str, ...] | None]]   # (title, kinds of body) of each post held


@dataclass(frozen=True)
class Linking:
    remap: dict[str, dict[str, str]]   # article stem → {article-scoped person key → the corpus person key}
    reasons: dict[str, str]            # corpus person key → why the articles' mentions are one person


def person_summaries(article: ResolvedArticle) -> tuple[PersonSummary, ...]:
    """Each person of the article with their posts as (title, kinds of body), comparable across articles."""
    chains = {o.key: o.chain for o in article.orgs}
    posts = {p.key: (p.title, chains.get(p.org)) for p in article.posts}
    held: dict[str, set[tuple]] = {}
    for holding in article.holdings:
        held.setdefault(holding.person, set()).add(posts[holding.post])
    return tuple(PersonSummary(p.key, p.name, frozenset(held.get(p.key, ()))) for p in article.persons)


def _scoped_to_article(key: str) -> bool:
    return "-article-" in key


def link_persons(articles: list[tuple[str, tuple[PersonSummary, ...]]]) -> Linking:
    """One IRI per person across the corpus, and why.

    Persons are already one key per normalised name and province. A person whose
    province the article leaves unknown joins a person of the same name elsewhere
    only when they share a post (same title in the same kind of body) and exactly
    one such person exists; otherwise they stay apart.
    """
    # only the names of persons to place are looked up: a rebuild links 100,000 persons
    wanted = {p.name for _, persons in articles for p in persons if p.posts and _scoped_to_article(p.key)}
    known: dict[str, dict[str, set[tuple]]] = {}
    for _, persons in articles:
        for person in persons:
            if person.name in wanted and person.posts and not _scoped_to_article(person.key):
                known.setdefault(person.name, {}).setdefault(person.key, set()).update(person.posts)
    remap: dict[str, dict[str, str]] = {}
    reasons: dict[str, str] = {}
    for stem, persons in articles:
        for person in persons:
            if not (person.posts and _scoped_to_article(person.key)):
                continue
            matches = [k for k, posts in known.get(person.name, {}).items() if posts & person.posts]
            if len(matches) == 1:
                remap.setdefault(stem, {})[person.key] = matches[0]
                shared = sorted(f"{title} in {'.'.join(chain or ())}"
                                for title, chain in person.posts & known[person.name][matches[0]])
                reasons[matches[0]] = (f"same normalised name; an article with no province ({stem}) "
                                       f"states the same post: {', '.join(shared)}")
    seen: dict[str, list[str]] = {}
    for stem, persons in articles:
        for person in persons:
            seen.setdefault(remap.get(stem, {}).get(person.key, person.key), []).append(stem)
    for key, stems in seen.items():
        if len(stems) > 1 and key not in reasons:
            reasons[key] = (f"same normalised name and same province or level in {len(stems)} articles "
                            f"({', '.join(sorted(stems))})")
    return Linking(remap, reasons)


def rekey(article: ResolvedArticle, remap: dict[str, str]) -> ResolvedArticle:
    """The article with its persons' keys replaced as linking across articles decided."""
    if not remap:
        return article

    def new(key: str) -> str:
        return remap.get(key, key)

    return replace(
        article,
        persons=tuple(sorted((replace(p, key=new(p.key)) for p in article.persons), key=lambda p: p.key)),
        holdings=tuple(replace(h, person=new(h.person)) for h in article.holdings),
        agreements=tuple(replace(a, signatories=tuple(sorted(new(s) for s in a.signatories)))
                         for a in article.agreements),
        events=tuple(replace(e, participations=tuple(sorted((replace(p, person=new(p.person)) for p in e.participations),
                                                            key=lambda p: (p.person, p.role))))
                     for e in article.events))
