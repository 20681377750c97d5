"""From an article's text to the mentions it contains (ArticleFacts)."""
from __future__ import annotations

from dataclasses import replace

import regex

from kg import vocab
from kg.clean import segment
from kg.extract import article as about
from kg.extract.agreements import counts, find_agreements
from kg.extract.dates import leading_date
from kg.extract.documents import find_documents
from kg.extract.people import find_people
from kg.extract.roles import roles_in_sentence
from kg.extract.sentences import sentences
from kg.records import AgreementMention, Article, ArticleFacts, EventMention, PersonMention, Span, TitleReference

_PLACE = regex.compile(r"(?<![\p{L}])tại\s+([^,.;]{3,80}?)(?=\s*[,.;])", regex.IGNORECASE)


def extract_article(article: Article) -> ArticleFacts:
    page = segment(article)
    when = about.published(page)
    text = article.text
    spans = ([page.title] if page.title else []) + list(page.paragraphs)
    persons: list[PersonMention] = []
    references: list[TitleReference] = []
    for span in spans:
        found, refs = find_people(text, span.start, span.end, when)
        persons += found
        references += refs
    persons += known_names_again(text, spans, persons)
    resolved_refs = {r.span.start: resolve_reference(r, persons) for r in references}
    roles, agreements, documents, events = [], [], [], []
    excluded = [p.extent for p in persons] + [(r.span.start, r.span.end) for r in references]
    for span in spans:
        documents += find_documents(text, span.start, span.end, when)
        last_agreement = None
        for sentence in sentences(span):
            items = [(p.extent[0], p.extent[1], p.name) for p in persons if sentence.start <= p.span.start < sentence.end]
            items += [(r.span.start, r.span.end, resolved_refs[r.span.start]) for r in references
                      if sentence.start <= r.span.start < sentence.end and resolved_refs[r.span.start]]
            sentence_roles = roles_in_sentence(text, sentence, items)
            roles += sentence_roles
            if sentence_roles:
                events.append(_event(text, sentence, when))
            found = find_agreements(text, sentence, excluded, when)
            last_agreement = _with_counts(text, sentence, found, agreements, last_agreement)
            agreements += found
    return ArticleFacts(page=page, title=page.title.text if page.title else None, published=when,
                        author=about.author(page), province=about.province(page, when),
                        persons=tuple(persons), title_references=tuple(references), roles=tuple(roles),
                        agreements=tuple(agreements), documents=tuple(documents), events=tuple(events[:1]))


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
    """A name already known as an official's, written again alone ("Ông Vũ Chiến Thắng đánh giá cao")."""
    names = sorted({p.name for p in persons}, key=len, reverse=True)
    if not names:
        return []
    taken = [p.extent for p in persons]
    pattern = regex.compile(r"(?<![\p{L}])(?:" + "|".join(regex.escape(n) for n in names) + r")(?![\p{L}])")
    found = []
    for span in spans:
        for match in pattern.finditer(text, span.start, span.end):
            if not any(s <= match.start() < e for s, e in taken):
                found.append(PersonMention(Span(match.start(), match.end(), match.group(), "known-name"), match.group(),
                                           extent=(match.start(), match.end())))
    return found


def post_key(post) -> tuple:
    return (post.title, post.org.chain if post.org else None)


def resolve_reference(reference: TitleReference, persons: list[PersonMention]) -> str | None:
    """The one person of the article who holds every post the reference names, or None."""
    wanted = {post_key(p) for p in reference.posts}
    holders = {p.name for p in persons if wanted <= {post_key(x) for x in p.posts}}
    return holders.pop() if len(holders) == 1 else None


def _event(text: str, sentence: Span, when) -> EventMention:
    kinds = [k for _, _, k in vocab.event_lexicon().finditer(text, sentence.start, sentence.end)]
    order = list(vocab.event_kinds())
    kind = min(kinds, key=order.index) if kinds else "meeting"
    place = _PLACE.search(text, sentence.start, sentence.end)
    return EventMention(sentence, kind, leading_date(sentence.text, when), place.group(1) if place else None)
