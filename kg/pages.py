"""HTML pages of `kg serve`: string templates, every text escaped, one small local stylesheet.

Pages read the build through kg.serve.Data (pattern lookups on the store); nothing here
writes, nothing loads from outside the service (no scripts, no fonts, no CDN).
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SDO = "https://schema.org/"

KIND_NAMES = {
    "Person": ("Người", "Person"), "Organization": ("Cơ quan", "Body"),
    "CoordinationAgreement": ("Chương trình phối hợp", "Agreement"),
    "AdministrativeUnit": ("Tỉnh, thành phố", "Province"), "Article": ("Bài báo", "Article"),
    "Document": ("Văn bản", "Document"), "Post": ("Chức vụ", "Post"), "Event": ("Sự kiện", "Event"),
}


def _vps() -> str:
    from kg.namespaces import VPS
    return str(VPS)


VPS = _vps()
N = ox.NamedNode


def e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


def layout(title: str, body: str, lang: str = "vi") -> str:
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} · vnps-kg</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header class="site">
<a class="brand" href="/">vnps-kg</a>
<nav><a href="/search">Tìm · Search</a> <a href="/queries">Truy vấn · Queries</a> <a href="/sparql">SPARQL</a> <a href="/void">VoID</a></nav>
</header>
<main>
{body}
</main>
<footer class="site">Dữ liệu trích từ tin báo · Data extracted from news articles · CC BY 4.0 ·
<a href="/dump/graph.nq">graph.nq</a> · <a href="/dump/graph.trig">graph.trig</a></footer>
</body>
</html>
"""


def error_page(status: int, message: str) -> str:
    return layout(f"{status}", f'<h1>{e(status)}</h1>\n<p class="error">{e(message)}</p>\n'
                               f'<p><a href="/">Trang chủ · Home</a></p>', "en")


# --------------------------------------------------------------------------- small helpers

def link(data, term, text: str | None = None) -> str:
    """A term as HTML: ours linked to its page, others to themselves, literals as text."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return e(term.value)
    if isinstance(term, ox.BlankNode):
        return f"<code>_:{e(term.value)}</code>"
    label = text if text is not None else data.label(term)
    local = data.local(term.value)
    if local:
        return f'<a href="{e(local)}">{e(label)}</a>'
    if term.value.startswith(("http://", "https://")):
        return f'<a href="{e(term.value)}" rel="nofollow">{e(label)}</a>'
    return e(label)


def cell(data, enc) -> str:
    """A result cell (kg.serve's encoded term) as HTML."""
    if enc is None:
        return ""
    if enc[0] == "u":
        return link(data, N(enc[1]), data.label(N(enc[1])) if data.local(enc[1]) else enc[1])
    if enc[0] == "b":
        return f"<code>_:{e(enc[1])}</code>"
    return e(enc[1])


def table(header: list[str], rows: list[list[str]], cls: str = "") -> str:
    """rows hold ready HTML."""
    if not rows:
        return '<p class="empty">—</p>'
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f'<td data-label="{e(h)}">{c}</td>' for h, c in zip(header, row)) + "</tr>"
                     for row in rows)
    return f'<div class="scroll"><table class="{e(cls)}"><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table></div>'


def dl(pairs: list[tuple[str, str]]) -> str:
    items = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in pairs if v)
    return f"<dl class=\"facts\">{items}</dl>" if items else ""


def values(data, s, p: str) -> list:
    return data.objects(s, N(p))


def joined(data, terms) -> str:
    return ", ".join(link(data, t) for t in sorted(terms, key=lambda t: data.label(t)))


def lang_labels(data, s, p: str) -> dict[str, str]:
    out = {}
    for v in values(data, s, p):
        if isinstance(v, ox.Literal):
            out.setdefault(v.language or "", v.value)
    return out


def quote_of(data, evidence) -> str:
    exact = data.value(evidence, N(OA + "exact"))
    return f"<q>{e(exact)}</q>" if exact else ""


def quotes(data, node) -> str:
    spans = sorted(values(data, node, VPS + "evidence"),
                   key=lambda s: int(data.value(s, N(OA + "start")) or 0))
    return "".join(f'<blockquote class="evidence">{quote_of(data, s)}</blockquote>' for s in spans)


def article_link(data, article) -> str:
    if article is None:
        return ""
    date = data.value(article, N(DCT + "issued"))
    title = data.value(article, N(DCT + "title")) or data.label(article)
    text = link(data, article, title)
    url = data.first(article, N(SDO + "url"))
    if url is not None:
        text += f' <a class="ext" href="{e(url.value)}" rel="nofollow noopener">↗</a>'
    return text + (f' <span class="date">{e(date)}</span>' if date else "")


def formats_footer(data, iri: str) -> str:
    local = data.local(iri) or ""
    links = " · ".join(f'<a href="{e(local)}?format={f}">{name}</a>'
                       for f, name in (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"),
                                       ("xml", "RDF/XML")))
    return f'<p class="iri">IRI <code>{e(iri)}</code><br>{links}</p>'


def period(data, node) -> str:
    start = data.value(node, N(VPS + "periodStart"))
    end = data.value(node, N(VPS + "periodEnd"))
    return f"{start}–{end}" if start or end else ""


# --------------------------------------------------------------------------- home, search

def home(data, build_info: dict) -> str:
    f = data.figures()
    names = [("Article", "bài báo", "articles"), ("Person", "người", "people"), ("Organization", "cơ quan", "bodies"),
             ("Post", "chức vụ", "posts"), ("Holding", "lần giữ chức", "post holdings"),
             ("CoordinationAgreement", "chương trình phối hợp", "agreements"), ("Event", "sự kiện", "events"),
             ("Document", "văn bản", "documents"), ("Province", "tỉnh có tin", "provinces with articles"),
             ("quads", "câu lệnh RDF", "RDF statements")]
    figures = "".join(f'<li><b>{f.get(k, 0)}</b> {e(vi)} <span class="en">{e(en)}</span></li>' for k, vi, en in names)
    articles = data.subjects(N(RDF_TYPE), N(VPS + "Article"))
    articles = sorted(articles, key=lambda a: data.value(a, N(DCT + "issued")), reverse=True)[:20]
    rows = [[f'<span class="date">{e(data.value(a, N(DCT + "issued")))}</span>', article_link(data, a).split(' <span class="date">')[0],
             joined(data, values(data, a, VPS + "province"))] for a in articles]
    version = build_info.get("version", "")
    body = f"""<h1>Bộ máy Đảng và chính quyền cấp tỉnh <span class="en">Vietnam's provincial party-state</span></h1>
<p>Đồ thị tri thức trích từ tin báo: mỗi dữ kiện kèm bài báo nguồn và câu trích dẫn.
<span class="en">A knowledge graph extracted from news articles; every fact keeps its article and quoted sentence.</span></p>
{search_form("")}
<ul class="figures">{figures}</ul>
<h2>Bài báo mới nhất <span class="en">Latest articles</span></h2>
{table(["Ngày · Date", "Bài báo · Article", "Tỉnh · Province"], rows)}
<h2>Dữ liệu <span class="en">Data</span></h2>
<ul>
<li><a href="/queries">Truy vấn có sẵn · Named queries</a></li>
<li><a href="/sparql">SPARQL endpoint</a> <code>/sparql</code></li>
<li><a href="/void">VoID / DCAT</a> · <a href="/dump/graph.nq">graph.nq</a> · <a href="/dump/graph.trig">graph.trig</a></li>
</ul>
<p class="meta">vnps-kg {e(version)}</p>"""
    return layout("Trang chủ · Home", body)


def search_form(q: str) -> str:
    return f"""<form class="search" action="/search" method="get" role="search">
<label for="q">Tìm theo tên · Search by name</label>
<input id="q" name="q" type="search" value="{e(q)}" placeholder="Vũ Việt Văn, Vĩnh Phúc, Ban Dân vận…">
<button type="submit">Tìm · Search</button>
</form>"""


def search(data, q: str, hits) -> str:
    if not q.strip():
        results = ""
    elif not hits:
        results = f'<p class="empty">Không tìm thấy · Nothing found for “{e(q)}”.</p>'
    else:
        rows = [[f'<a href="{e(data.local(h.iri) or h.iri)}">{e(h.label)}</a>',
                 e(" · ".join(KIND_NAMES.get(h.kind, (h.kind, h.kind))))] for h in hits]
        results = f"<p>{len(hits)} kết quả · results</p>" + table(["Tên · Name", "Loại · Kind"], rows)
    return layout(f"Tìm · Search {q}", f"<h1>Tìm · Search</h1>\n{search_form(q)}\n{results}")


# --------------------------------------------------------------------------- entities

def entity(data, iri: str) -> str:
    """The page of an entity, with links to its machine-readable descriptions in the head."""
    page = _entity(data, iri)
    local = e(data.local(iri) or "")
    alternates = "".join(f'<link rel="alternate" type="{media}" href="{local}?format={fmt}">\n'
                         for fmt, media in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                            ("nt", "application/n-triples")))
    return page.replace('<link rel="stylesheet"', alternates + '<link rel="stylesheet"', 1)


def _entity(data, iri: str) -> str:
    node = N(iri)
    types = data.types(node)
    if VPS + "Person" in types:
        return person_page(data, node)
    if VPS + "Organization" in types:
        return body_page(data, node)
    if VPS + "CoordinationAgreement" in types:
        return agreement_page(data, node)
    if VPS + "AdministrativeUnit" in types or VPS + "Province" in types:
        return province_page(data, node)
    if VPS + "Article" in types:
        return article_page(data, node)
    return generic_page(data, node)


def holding_rows(data, holdings, show_person: bool = False, show_post: bool = True) -> list[list[str]]:
    def key(h):
        return (data.value(h, N(VPS + "observedOn")), data.label(data.first(h, N(VPS + "post")) or h))
    rows = []
    for h in sorted(holdings, key=key):
        post = data.first(h, N(VPS + "post"))
        body = data.first(post, N(ORG + "postIn")) if post is not None else None
        row = [f'<span class="date">{e(data.value(h, N(VPS + "observedOn")))}</span>']
        if show_person:
            row.append(link(data, data.first(h, N(VPS + "holder"))))
        if show_post:
            row.append(link(data, post) + (f'<br><small>{link(data, body)}</small>' if body is not None else ""))
        row.append(article_link(data, data.first(h, N(PROV + "wasDerivedFrom"))).split(' <span class="date">')[0])
        row.append(quotes(data, h))
        rows.append(row)
    return rows


def person_page(data, node) -> str:
    name = data.label(node)
    holdings = data.subjects(N(VPS + "holder"), node)
    timeline = table(["Ngày · Observed", "Chức vụ · Post", "Bài báo · Article", "Trích dẫn · Evidence"],
                     holding_rows(data, holdings), "timeline")
    participations = data.subjects(N(VPS + "participant"), node)
    prow = []
    for part in participations:
        events = data.subjects(N(VPS + "participation"), part)
        event = events[0] if events else None
        article = data.first(part, N(PROV + "wasDerivedFrom"))
        date = (data.value(event, N(VPS + "date")) if event is not None else "") or \
               (data.value(article, N(DCT + "issued")) if article is not None else "")
        prow.append((date, [f'<span class="date">{e(date)}</span>', link(data, event),
                            link(data, data.first(part, N(VPS + "role"))),
                            article_link(data, article).split(' <span class="date">')[0], quotes(data, part)]))
    events = table(["Ngày · Date", "Sự kiện · Event", "Vai trò · Role", "Bài báo · Article", "Trích dẫn · Evidence"],
                   [r for _, r in sorted(prow, key=lambda x: x[0])])
    signed = data.subjects(N(VPS + "signatory"), node)
    srows = [[link(data, a), e(period(data, a))] for a in signed]
    facts = dl([("Tên · Name", e(name)), ("Cấp bậc · Rank", joined(data, values(data, node, VPS + "rank"))),
                ("Chức vụ · Posts held", joined(data, values(data, node, ORG + "holds"))),
                ("Ghi chú hợp nhất · Merge", e(data.value(node, N(VPS + "mergeReason"))))])
    body = f"""<p class="kind">Người · Person</p>
<h1>{e(name)}</h1>
{facts}
<h2>Chức vụ theo thời gian <span class="en">Posts over time</span></h2>
{timeline}
<h2>Sự kiện <span class="en">Events</span></h2>
{events}
<h2>Ký kết <span class="en">Agreements signed</span></h2>
{table(["Chương trình · Agreement", "Giai đoạn · Period"], srows)}
{formats_footer(data, node.value)}"""
    return layout(name, body)


def body_page(data, node) -> str:
    name = data.label(node)
    labels = lang_labels(data, node, RDFS + "label")
    children = data.subjects(N(ORG + "subOrganizationOf"), node)
    facts = dl([("Tên · Name", e(labels.get("vi", name))), ("English", e(labels.get("en", ""))),
                ("Loại · Kind", joined(data, values(data, node, VPS + "orgKind"))),
                ("Cấp · Level", joined(data, values(data, node, VPS + "level"))),
                ("Tỉnh · Province", joined(data, values(data, node, VPS + "province"))),
                ("Trực thuộc · Part of", joined(data, values(data, node, ORG + "subOrganizationOf"))),
                ("Đơn vị trực thuộc · Units", joined(data, children))])
    posts = data.subjects(N(ORG + "postIn"), node)
    rows = []
    for post in sorted(posts, key=data.label):
        for row in holding_rows(data, data.subjects(N(VPS + "post"), post), show_person=True, show_post=False):
            rows.append([link(data, post)] + row)
    # Agreements of the body and of its units (a People's Committee signs through its party cell).
    agreements = {}
    for member in [node] + sorted(children, key=data.label):
        for a in data.subjects(N(VPS + "party"), member):
            agreements.setdefault(a, member)
    arows = [[link(data, a), joined(data, values(data, a, VPS + "agreementKind")), e(period(data, a)),
              link(data, member), joined(data, [p for p in values(data, a, VPS + "party") if p != member])]
             for a, member in sorted(agreements.items(), key=lambda am: (data.value(am[0], N(VPS + "periodStart")),
                                                                         data.label(am[0])))]
    documents = data.subjects(N(VPS + "issuer"), node)
    body = f"""<p class="kind">Cơ quan · Body</p>
<h1>{e(name)}</h1>
{facts}
<h2>Người giữ chức vụ <span class="en">Office holders</span></h2>
{table(["Chức vụ · Post", "Ngày · Observed", "Người · Person", "Bài báo · Article", "Trích dẫn · Evidence"], rows, "timeline")}
<h2>Chương trình phối hợp <span class="en">Agreements</span></h2>
{table(["Chương trình · Agreement", "Loại · Kind", "Giai đoạn · Period", "Bên · Party", "Bên kia · Other parties"], arows)}
<h2>Văn bản ban hành <span class="en">Documents issued</span></h2>
{table(["Văn bản · Document"], [[link(data, d)] for d in documents])}
{formats_footer(data, node.value)}"""
    return layout(name, body)


def agreement_page(data, node) -> str:
    name = data.label(node)
    events = data.subjects(N(VPS + "concerns"), node)
    erows = [[f'<span class="date">{e(data.value(ev, N(VPS + "date")))}</span>', link(data, ev),
              article_link(data, data.first(ev, N(PROV + "wasDerivedFrom"))).split(' <span class="date">')[0]]
             for ev in events]
    facts = dl([("Loại · Kind", joined(data, values(data, node, VPS + "agreementKind"))),
                ("Giai đoạn · Period", e(period(data, node))),
                ("Ngày ký · Signed on", e(data.value(node, N(VPS + "signedOn")))),
                ("Số · Number", e(data.value(node, N(VPS + "documentNumber")))),
                ("Chủ đề · Topic", e(data.value(node, N(VPS + "topic")))),
                ("Nội dung · Contents", e(data.value(node, N(VPS + "contentCount")))),
                ("Nhiệm vụ · Tasks", e(data.value(node, N(VPS + "taskCount")))),
                ("Các bên · Parties", "<br>".join(link(data, p) for p in
                                                  sorted(values(data, node, VPS + "party"), key=data.label))),
                ("Người ký · Signatories", joined(data, values(data, node, VPS + "signatory"))),
                ("Thực hiện · Implements", joined(data, values(data, node, VPS + "implements"))),
                ("Được thực hiện bởi · Implemented by", joined(data, data.subjects(N(VPS + "implements"), node))),
                ("Nguồn · Sources", "<br>".join(article_link(data, a) for a in
                                               values(data, node, PROV + "wasDerivedFrom")))])
    body = f"""<p class="kind">Chương trình phối hợp · Coordination agreement</p>
<h1>{e(name)}</h1>
{facts}
<h2>Sự kiện <span class="en">Events</span></h2>
{table(["Ngày · Date", "Sự kiện · Event", "Bài báo · Article"], erows)}
<h2>Trích dẫn <span class="en">Evidence</span></h2>
{quotes(data, node) or '<p class="empty">—</p>'}
{formats_footer(data, node.value)}"""
    return layout(name, body)


def province_page(data, node) -> str:
    labels = lang_labels(data, node, SKOS + "prefLabel")
    name = labels.get("vi") or data.label(node)
    within = data.subjects(N(VPS + "province"), node)
    bodies = [b for b in within if VPS + "Organization" in data.types(b)]
    articles = [a for a in within if VPS + "Article" in data.types(a)]
    agreements = {a for b in bodies for a in data.subjects(N(VPS + "party"), b)}
    facts = dl([("Tên · Name", e(name)), ("English", e(labels.get("en", ""))),
                ("Tên khác · Also", e(", ".join(sorted(v.value for v in values(data, node, SKOS + "altLabel"))))),
                ("Mã · Code", e(data.value(node, N(VPS + "code")))),
                ("Loại · Type", e(data.value(node, N(VPS + "unitType")))),
                ("Hiệu lực · Valid", e(" – ".join(x for x in (data.value(node, N(VPS + "validFrom")),
                                                               data.value(node, N(VPS + "validUntil"))) if x))),
                ("Hợp nhất vào · Succeeded by", joined(data, values(data, node, VPS + "succeededBy"))),
                ("Tiền thân · Preceded by", joined(data, data.subjects(N(VPS + "succeededBy"), node)))])
    arows = [[link(data, a), e(period(data, a))] for a in sorted(agreements, key=data.label)]
    body = f"""<p class="kind">Tỉnh, thành phố · Province</p>
<h1>{e(name)}</h1>
{facts}
<h2>Cơ quan <span class="en">Bodies</span></h2>
{table(["Cơ quan · Body", "Cấp · Level"], [[link(data, b), joined(data, values(data, b, VPS + "level"))] for b in sorted(bodies, key=data.label)])}
<h2>Chương trình phối hợp <span class="en">Agreements</span></h2>
{table(["Chương trình · Agreement", "Giai đoạn · Period"], arows)}
<h2>Bài báo <span class="en">Articles</span></h2>
{table(["Bài báo · Article"], [[article_link(data, a)] for a in sorted(articles, key=lambda a: data.value(a, N(DCT + "issued")))])}
{formats_footer(data, node.value)}"""
    return layout(name, body)


def article_page(data, node) -> str:
    title = data.value(node, N(DCT + "title")) or data.label(node)
    url = data.first(node, N(SDO + "url"))
    facts = dl([("Ngày · Date", e(data.value(node, N(DCT + "issued")))),
                ("Tác giả · By", e(data.value(node, N(DCT + "creator")))),
                ("Trang · Site", e(data.value(node, N(VPS + "site")))),
                ("URL", f'<a href="{e(url.value)}" rel="nofollow noopener">{e(url.value)}</a>' if url is not None else ""),
                ("Tỉnh · Province", joined(data, values(data, node, VPS + "province"))),
                ("Tệp · File", e(data.value(node, N(VPS + "sourceFile"))))])
    derived = data.subjects(N(PROV + "wasDerivedFrom"), node)
    kinds = {}
    for d in derived:
        for t in data.types(d):
            kinds.setdefault(t, []).append(d)
    holdings = table(["Ngày · Observed", "Người · Person", "Chức vụ · Post", "Trích dẫn · Evidence"],
                     [r[:3] + r[4:] for r in holding_rows(data, kinds.get(VPS + "Holding", []), show_person=True)])
    others = "".join(f"<li>{link(data, x)}</li>" for t in (VPS + "CoordinationAgreement", VPS + "Event", VPS + "Document")
                     for x in kinds.get(t, []))
    spans = sorted(data.subjects(N(VPS + "inArticle"), node), key=lambda s: int(data.value(s, N(OA + "start")) or 0))
    srows = [[e(data.value(s, N(OA + "start"))), e(data.value(s, N(VPS + "rule"))), quote_of(data, s)] for s in spans]
    body = f"""<p class="kind">Bài báo · Article</p>
<h1>{e(title)}</h1>
{facts}
<h2>Chức vụ được nêu <span class="en">Posts stated</span></h2>
{holdings}
<h2>Chương trình, sự kiện, văn bản <span class="en">Agreements, events, documents</span></h2>
<ul>{others}</ul>
<h2>Các đoạn trích <span class="en">Quoted spans</span></h2>
{table(["Vị trí · Offset", "Quy tắc · Rule", "Trích dẫn · Quote"], srows)}
{formats_footer(data, node.value)}"""
    return layout(title, body)


def generic_page(data, node) -> str:
    name = data.label(node)
    kinds = ", ".join(data.short(t) for t in sorted(data.types(node)))
    props = sorted(data.properties(node), key=lambda po: (data.short(po[0].value), str(po[1])))
    rows = [[e(data.short(p.value)), link(data, o) + (f' <small>{e(o.language)}</small>'
                                                     if isinstance(o, ox.Literal) and o.language else "")]
            for p, o in props]
    incoming = sorted(data.incoming(node, limit=500), key=lambda sp: (data.short(sp[1].value), data.label(sp[0])))
    irows = [[link(data, s), e(data.short(p.value))] for s, p in incoming]
    body = f"""<p class="kind">{e(kinds)}</p>
<h1>{e(name)}</h1>
{quotes(data, node)}
<h2>Thuộc tính <span class="en">Statements</span></h2>
{table(["Thuộc tính · Property", "Giá trị · Value"], rows)}
<h2>Được nhắc tới bởi <span class="en">Referenced by</span></h2>
{table(["Chủ thể · Subject", "Thuộc tính · Property"], irows)}
{formats_footer(data, node.value)}"""
    return layout(name, body)


# --------------------------------------------------------------------------- queries, SPARQL, VoID

INPUT_TYPES = {"date": 'type="date"', "year": 'type="number" min="1900" max="2100"',
               "integer": 'type="number"', "iri": 'type="url"', "string": 'type="text"'}
# what a parameter's kind means to someone filling the form
KIND_HINTS = {"name": "chữ hoa, thường đều được · any case", "number": "số hiệu văn bản · document number",
              "year": "năm · year", "date": "ngày · date", "iri": "IRI", "integer": "số · number", "string": "chữ · text"}


def query_form(named, values: dict) -> str:
    fields = []
    for k, t in named.params.items():
        kind = INPUT_TYPES.get(t, INPUT_TYPES["string"])
        fields.append(f'<label for="p-{e(k)}">{e(k)} <small>({e(KIND_HINTS.get(t, t))})</small></label>'
                      f'<input id="p-{e(k)}" name="{e(k)}" {kind} value="{e(values.get(k, ""))}" required>')
    return (f'<form class="query" action="/queries/{quote(named.name)}" method="get">{"".join(fields)}'
            f'<button type="submit">Chạy · Run</button></form>')


def query_list(queries) -> str:
    items = "\n".join(f'<li><a href="/queries/{quote(q.name)}">{e(q.title)}</a><br><small>{e(q.description)}</small>'
                      + (f'<br><small>tham số · parameters: {e(", ".join(q.params))}</small>' if q.params else "")
                      + "</li>" for q in queries)
    return layout("Truy vấn · Queries", f"<h1>Truy vấn có sẵn <span class=\"en\">Named queries</span></h1>\n"
                                        f"<ul class=\"queries\">\n{items}\n</ul>")


def named_query(data, named, values: dict, names, rows) -> str:
    result = ""
    if names is not None:
        shown = rows[:2000]
        csv_link = f"/queries/{quote(named.name)}?" + urlencode({**values, "format": "csv"})
        result = (f'<p>{len(rows)} dòng · rows · <a href="{e(csv_link)}" download>CSV</a></p>'
                  + table(names, [[cell(data, v) for v in row] for row in shown], "results"))
    elif named.params:
        result = '<p class="empty">Điền tham số rồi chạy · Fill in the parameters and run.</p>'
    body = f"""<p class="kind"><a href="/queries">Truy vấn · Queries</a></p>
<h1>{e(named.title)}</h1>
<p>{e(named.description)}</p>
{query_form(named, values)}
{result}
<details><summary>SPARQL</summary><pre>{e(named.text)}</pre></details>"""
    return layout(named.title, body)


EXAMPLE_QUERY = """PREFIX vps: <https://w3id.org/vnps/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?post ?date WHERE {
  ?h vps:holder ?p ; vps:post ?x ; vps:observedOn ?date .
  ?p foaf:name ?name .
  ?x rdfs:label ?post FILTER(lang(?post) = "vi")
}
ORDER BY ?name ?date
LIMIT 100"""


def sparql_form(data, text: str = "", names=None, rows=None, boolean=None, turtle=None) -> str:
    from kg.namespaces import rebase
    query = text or rebase(EXAMPLE_QUERY)
    result = ""
    if names is not None:
        result = f"<p>{len(rows)} dòng · rows</p>" + table(names, [[cell(data, v) for v in row] for row in rows[:2000]],
                                                           "results")
    elif boolean is not None:
        result = f'<p class="boolean">{"true" if boolean else "false"}</p>'
    elif turtle is not None:
        result = f"<pre>{e(turtle)}</pre>"
    body = f"""<h1>SPARQL</h1>
<p>SPARQL 1.1 Protocol: GET or POST <code>/sparql</code>; read-only (no Update, no SERVICE).
Results as JSON, XML, CSV, TSV (SELECT, ASK) or Turtle, JSON-LD, N-Triples (CONSTRUCT, DESCRIBE), by Accept.</p>
<form class="sparql" action="/sparql" method="post">
<label for="query">Truy vấn · Query</label>
<textarea id="query" name="query" rows="12" spellcheck="false">{e(query)}</textarea>
<label for="format">Định dạng · Format</label>
<select id="format" name="format"><option value="html">HTML</option><option value="json">JSON</option>
<option value="xml">XML</option><option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="ttl">Turtle</option><option value="jsonld">JSON-LD</option><option value="nt">N-Triples</option></select>
<button type="submit">Chạy · Run</button>
</form>
{result}"""
    return layout("SPARQL", body, "en")


def void_page(turtle: str) -> str:
    body = f"""<h1>VoID / DCAT</h1>
<p><a href="/void?format=ttl">Turtle</a> · <a href="/void?format=jsonld">JSON-LD</a> · <a href="/void?format=nt">N-Triples</a></p>
<pre>{e(turtle)}</pre>"""
    return layout("VoID", body, "en")
