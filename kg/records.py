"""Plain records passed between the pipeline's steps (read → extract → resolve → graph)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Span:
    """A stretch of an article's normalised text and the rule that picked it out."""
    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    url: str | None = None
    site: str | None = None
    province: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Article:
    """One article's normalised text, with whatever a manifest said about it."""
    stem: str
    file: str
    text: str
    sha256: str
    manifest: ManifestEntry | None = None


@dataclass(frozen=True)
class Page:
    """An article cut into its parts; spans point into Article.text."""
    article: Article
    title: Span | None
    dateline: Span | None
    paragraphs: tuple[Span, ...]
    byline: str | None
    site: str | None


@dataclass(frozen=True)
class PartialDate:
    """A date as written: the year may be missing ("Chiều 18/4") or only a month known."""
    year: int | None
    month: int | None
    day: int | None


@dataclass(frozen=True)
class OrgMention:
    """A body as named: kind chain from the body itself outward, and where it sits."""
    span: Span
    chain: tuple[str, ...]
    province: str | None = None      # province id from data/vocab/provinces.csv
    locality: str | None = None      # a district or commune name, when one is given
    unit: str | None = None          # the unit word written: tỉnh, thành phố, huyện...
    name: str | None = None          # a proper name that is part of the body (Báo Nhân Dân)

    @property
    def kind(self) -> str:
        return self.chain[0]


@dataclass(frozen=True)
class PostMention:
    span: Span
    title: str                       # title id from data/vocab/titles.csv
    org: OrgMention | None
    implicit: bool = False           # the body was taken from the context (a side, an earlier post), not this list
    former: bool = False             # held before the article's day ("nguyên Bí thư Tỉnh ủy"), not held then

    @property
    def stated(self) -> str | None:
        """The post as the text writes it, when the text names its body."""
        return None if self.implicit else " ".join(self.span.text.split())


@dataclass(frozen=True)
class PersonMention:
    span: Span                       # the name itself
    name: str
    posts: tuple[PostMention, ...] = ()
    rank: str | None = None
    extent: tuple[int, int] = (0, 0)  # name and titles together


@dataclass(frozen=True)
class TitleReference:
    """Posts named without a person ("Chủ tịch UBND tỉnh phát biểu")."""
    span: Span
    posts: tuple[PostMention, ...]


@dataclass(frozen=True)
class RoleMention:
    person: str
    role: str                        # chair | signatory | attendee | speaker
    span: Span                       # the cue word
    sentence: Span


@dataclass(frozen=True)
class AgreementMention:
    span: Span
    kind: str                        # program | plan | regulation
    period: tuple[int, int] | None = None
    number: str | None = None
    signed: date | None = None
    parties: tuple[OrgMention, ...] = ()
    collectives: tuple[Span, ...] = ()  # parties named as a class of bodies ("các tổ chức thành viên")
    topic: str | None = None
    contents: int | None = None
    tasks: int | None = None
    signing: bool = False            # the article reports this agreement being signed
    implemented_by_next: bool = False  # "Thực hiện <this>, ... ký kết <next>"
    implements_next: bool = False    # "<this> được xây dựng trên cơ sở ... và <next>"
    sides: int | None = None         # "hai bên đã triển khai <this>": its parties are the article's two sides
    between: bool = False            # its parties are named "giữa A và B": whom it is between, in its own words
    another: bool = False            # "Cũng tại buổi lễ, A và B ký ...": a signing besides the one reported before
    cited_whole: bool = False        # "... số 01/2025/NQLT-BCA-... ngày 5/8/2025 giữa A và B": signed elsewhere


@dataclass(frozen=True)
class DocumentMention:
    span: Span
    number: str
    kind: str | None
    issued: date | None
    issuer: OrgMention | None


@dataclass(frozen=True)
class EventMention:
    span: Span
    kind: str                        # signing | review | meeting
    date: date | None
    place: str | None


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article, before resolution."""
    page: Page
    title: str | None
    published: date | None
    author: str | None
    province: str | None
    persons: tuple[PersonMention, ...] = ()
    title_references: tuple[TitleReference, ...] = ()
    roles: tuple[RoleMention, ...] = ()
    agreements: tuple[AgreementMention, ...] = ()
    documents: tuple[DocumentMention, ...] = ()
    events: tuple[EventMention, ...] = ()
