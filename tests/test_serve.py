"""kg serve: every route and content type over real HTTP, on a free port, in a thread."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import FOAF, PROV, VOID

from kg.dumps import dump_bytes
from kg.namespaces import ID, VPS
from tests.chromium import Browser, find_chromium

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
PERSON = "person/vu-viet-van-2008-vinh-phuc"
BODY = "org/2008-vinh-phuc/ubnd"
PROVINCE = "place/2008/vinh-phuc"
PREFIXES = """PREFIX vps: <https://w3id.org/vnps/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
MAX_ROWS = 1000
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    from kg.store import build_into
    folder = tmp_path_factory.mktemp("serve") / "out"
    build_into(folder, [ARTICLES])
    return folder


def count(out, where: str) -> int:
    """How many distinct solutions a pattern has in the build, counted apart from the server."""
    store = ox.Store()
    store.load(b"".join(dump_bytes(out)), format=ox.RdfFormat.N_QUADS)
    rows = store.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {{ {where} }} }}",
                       use_default_graph_as_union=True)
    return int(next(iter(rows))["n"].value)


@pytest.fixture(scope="module")
def people(out) -> int:
    n = count(out, "?p a vps:Person ; foaf:name ?name")
    assert n > 5
    return n


@pytest.fixture(scope="module")
def server(out):
    from kg.serve import make_server
    srv, app = make_server(out, "127.0.0.1", 0, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()
    app.close()


@pytest.fixture(scope="module")
def agreement(server):
    status, _, body = get(server, "/sparql?" + urllib.parse.urlencode({
        "query": PREFIXES + "SELECT ?a WHERE { ?a a vps:CoordinationAgreement ; vps:signatory ?s } ORDER BY ?a LIMIT 1"}))
    return json.loads(body)["results"]["bindings"][0]["a"]["value"]


def request(base, path, accept=None, data=None, content_type=None, method=None):
    headers = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8")


def get(base, path, accept=None):
    status, headers, body = request(base, path, accept)
    return status, headers.get("Content-Type", ""), body


def sparql_get(base, query, accept=None):
    return get(base, "/sparql?" + urllib.parse.urlencode({"query": query}), accept)


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


# --------------------------------------------------------------------------- pages

def test_home(server, out):
    status, ctype, body = get(server, "/", BROWSER)
    assert status == 200 and ctype.startswith("text/html")
    assert f"<b>{count(out, '?a a vps:Article')}</b> bài báo" in body and 'href="/static/style.css"' in body and 'name="viewport"' in body


def test_static_css(server):
    status, ctype, body = get(server, "/static/style.css")
    assert status == 200 and ctype.startswith("text/css") and "@media" in body
    assert get(server, "/static/../serve.py")[0] == 404


def test_search_without_accents(server):
    status, _, body = get(server, "/search?q=" + urllib.parse.quote("vu viet van"), BROWSER)
    assert status == 200 and "Vũ Việt Văn" in body and f'href="/id/{PERSON}"' in body
    status, _, body = get(server, "/search?q=" + urllib.parse.quote("Vĩnh Phúc"), BROWSER)
    assert f'href="/id/{PROVINCE}"' in body


def test_search_escapes(server):
    status, _, body = get(server, "/search?q=" + urllib.parse.quote('<script>alert("x")</script>'), BROWSER)
    assert status == 200 and "<script>" not in body and "&lt;script&gt;" in body


def test_person_page_timeline(server):
    status, ctype, body = get(server, f"/id/{PERSON}", BROWSER)
    assert status == 200 and ctype.startswith("text/html")
    assert "<h1>Vũ Việt Văn</h1>" in body
    assert "2024-02-29" in body and "Phó Chủ tịch Thường trực" in body
    assert 'class="evidence"' in body and "<q>" in body           # quoted evidence sentence
    assert 'href="/id/article/000_efcf34444f6c0f59"' in body       # article link
    assert f"<code>{ID}{PERSON}</code>" in body


def test_person_timeline_in_date_order(server):
    # A person seen in several articles: dates on the page ascend.
    status, _, body = sparql_get(server, PREFIXES + """
        SELECT ?p (COUNT(DISTINCT ?d) AS ?n) WHERE { ?h vps:holder ?p ; vps:observedOn ?d } GROUP BY ?p
        ORDER BY DESC(?n) ?p LIMIT 1""")
    person = json.loads(body)["results"]["bindings"][0]["p"]["value"]
    _, _, page = get(server, "/" + person[len(str(ID)) - 3:], BROWSER)
    timeline = page.split('class="timeline"')[1].split("</table>")[0]
    import re
    dates = re.findall(r'<span class="date">(\d{4}-\d\d-\d\d)</span>', timeline)
    assert dates and dates == sorted(dates)


def test_body_page(server):
    status, _, body = get(server, f"/id/{BODY}", BROWSER)
    assert status == 200 and "Ủy ban nhân dân tỉnh Vĩnh Phúc" in body
    assert "Office holders" in body and f'href="/id/{PERSON}"' in body and f'href="/id/{PROVINCE}"' in body


def test_agreement_page(server, agreement):
    path = "/" + agreement[len(str(ID)) - 3:]
    status, _, body = get(server, path, BROWSER)
    assert status == 200 and "Coordination agreement" in body
    for heading in ("Parties", "Signatories", "Period"):
        assert heading in body
    assert body.count('href="/id/org/') >= 2


def test_province_page(server):
    status, _, body = get(server, f"/id/{PROVINCE}", BROWSER)
    assert status == 200 and "<h1>Vĩnh Phúc</h1>" in body and "Vinh Phuc" in body
    assert 'href="/id/place/2025/phu-tho"' in body and f'href="/id/{BODY}"' in body


def test_article_and_generic_pages(server):
    status, _, body = get(server, "/id/article/000_efcf34444f6c0f59", BROWSER)
    assert status == 200 and "Quoted spans" in body
    status, _, body = get(server, "/vocab/title/chu-tich", BROWSER)
    assert status == 200 and "Referenced by" in body


def test_unknown_entity_404(server):
    assert get(server, "/id/person/nobody-at-all")[0] == 404
    assert get(server, "/nothing-here")[0] == 404


# --------------------------------------------------------------------------- content negotiation

@pytest.mark.parametrize("accept,ctype,fmt", [
    ("text/turtle", "text/turtle", "turtle"), ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"), ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json", "json-ld"),
])
def test_entity_machine_formats(server, out, accept, ctype, fmt):
    status, headers, body = request(server, f"/id/{PERSON}", accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    assert "Accept" in headers["Vary"]
    graph = Graph().parse(data=body, format=fmt)
    person = URIRef(f"{ID}{PERSON}")
    assert str(graph.value(person, FOAF.name)) == "Vũ Việt Văn"
    # The holdings come whole: which post, when observed, from which article.
    holdings = set(graph.subjects(VPS.holder, person))
    assert len(holdings) == count(out, f"?h vps:holder <{person}>") > 0
    assert all(graph.value(h, VPS.observedOn) and graph.value(h, PROV.wasDerivedFrom) for h in holdings)


def test_entity_format_parameter_and_406(server):
    status, ctype, body = get(server, f"/id/{PERSON}?format=ttl", BROWSER)
    assert status == 200 and ctype.startswith("text/turtle")
    assert get(server, f"/id/{PERSON}", "image/png")[0] == 406
    status, ctype, _ = get(server, f"/id/{PERSON}", "*/*")
    assert status == 200


def test_jsonld_uses_context(server):
    _, _, body = get(server, f"/id/{PERSON}", "application/ld+json")
    doc = json.loads(body)
    assert "@context" in doc and '"name": "Vũ Việt Văn"' in json.dumps(doc, ensure_ascii=False)


# --------------------------------------------------------------------------- SPARQL protocol

SELECT = PREFIXES + 'SELECT DISTINCT ?p ?name WHERE { ?p a vps:Person ; foaf:name ?name } ORDER BY ?name'


@pytest.mark.parametrize("accept,ctype", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_formats(server, people, accept, ctype):
    status, got, body = sparql_get(server, SELECT, accept)
    assert status == 200 and got.startswith(ctype)
    if "json" in ctype:
        rows = json.loads(body)["results"]["bindings"]
        assert len(rows) == people and rows[0]["p"]["type"] == "uri"
    elif "xml" in ctype:
        import xml.etree.ElementTree as ET
        root = ET.fromstring(body.encode())
        assert len(root.findall(".//{http://www.w3.org/2005/sparql-results#}result")) == people
    elif ctype == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["p", "name"] and len(rows) == people + 1
    else:
        lines = body.strip().split("\r\n")
        assert lines[0] == "?p\t?name" and lines[1].startswith("<https://") and len(lines) == people + 1


def test_select_html_for_browsers(server):
    status, ctype, body = sparql_get(server, SELECT, BROWSER)
    assert status == 200 and ctype.startswith("text/html") and "Vũ Việt Văn" in body
    status, ctype, _ = get(server, "/sparql", BROWSER)
    assert status == 200 and ctype.startswith("text/html")


def test_service_description_and_cors(server):
    status, ctype, body = get(server, "/sparql", "text/turtle")
    assert status == 200 and ctype.startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(server + "/sparql"), URIRef(sd + "endpoint"), URIRef(server + "/sparql")) in graph
    status, headers, _ = request(server, "/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


def test_post_form_and_direct(server, people):
    status, headers, body = request(server, "/sparql", "application/sparql-results+json",
                                    urllib.parse.urlencode({"query": SELECT}).encode(),
                                    "application/x-www-form-urlencoded")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == people
    status, headers, body = request(server, "/sparql", "text/csv", SELECT.encode("utf-8"),
                                    "application/sparql-query")
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and "Vũ Việt Văn" in body


def test_ask(server):
    ask = PREFIXES + "ASK { ?p a vps:Person }"
    status, _, body = sparql_get(server, ask)
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, _, body = sparql_get(server, ask, "application/sparql-results+xml")
    assert "<boolean>true</boolean>" in body


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_construct_and_describe(server, people, accept, fmt):
    construct = PREFIXES + "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a vps:Person ; foaf:name ?n }"
    status, ctype, body = sparql_get(server, construct, accept)
    assert status == 200 and ctype.startswith(accept)
    assert len(Graph().parse(data=body, format=fmt)) == people
    status, ctype, body = sparql_get(server, f"DESCRIBE <{ID}{PERSON}>", accept)
    assert status == 200 and len(Graph().parse(data=body, format=fmt)) > 3


def test_sparqlwrapper(server, people):
    from SPARQLWrapper import CSV, JSON, JSONLD, POST, TURTLE, XML, SPARQLWrapper
    endpoint = SPARQLWrapper(server + "/sparql")
    endpoint.setQuery(SELECT)
    endpoint.setReturnFormat(JSON)
    assert len(endpoint.query().convert()["results"]["bindings"]) == people
    endpoint.setReturnFormat(XML)
    assert len(endpoint.query().convert().getElementsByTagName("result")) == people
    endpoint.setReturnFormat(CSV)
    assert endpoint.query().convert().decode("utf-8").startswith("p,name")
    endpoint.setMethod(POST)
    endpoint.setReturnFormat(JSON)
    assert len(endpoint.query().convert()["results"]["bindings"]) == people
    endpoint.setQuery(PREFIXES + "ASK { ?p a vps:Person }")
    assert endpoint.query().convert()["boolean"] is True
    endpoint.setQuery(PREFIXES + "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n }")
    endpoint.setReturnFormat(TURTLE)
    assert len(Graph().parse(data=endpoint.query().convert(), format="turtle")) == people
    endpoint.setReturnFormat(JSONLD)
    assert len(endpoint.query().convert()) == people


def assert_up(server):
    status, _, body = sparql_get(server, PREFIXES + "ASK { ?p a vps:Person } ")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = sparql_get(server, PREFIXES + f"ASK {{ <{ID}person/x> ?p ?o }}")
    assert status == 200 and json.loads(body)["boolean"] is False  # no update ever landed


@pytest.mark.parametrize("how", ["form", "direct", "query"])
def test_update_refused(server, how):
    update = PREFIXES + f'INSERT DATA {{ <{ID}person/x> a vps:Person }}'
    if how == "form":
        status, _, body = request(server, "/sparql", None, urllib.parse.urlencode({"update": update}).encode(),
                                  "application/x-www-form-urlencoded")
    elif how == "direct":
        status, _, body = request(server, "/sparql", None, update.encode(), "application/sparql-update")
    else:
        status, _, body = sparql_get(server, update)
    assert status == 400 and "read-only" in body
    assert_up(server)


def test_service_refused(server):
    query = "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } } LIMIT 1"
    status, _, body = sparql_get(server, query)
    assert status == 400 and "SERVICE" in body
    status, _, body = sparql_get(server, "SELECT * WHERE { ?s ?p ?o . service <http://x/sparql> { ?o ?q ?r } }")
    assert status == 400 and "SERVICE" in body
    # The word in a string, an IRI, a comment, a prefix or a variable is no federation, nor an update.
    for harmless in ('SELECT * WHERE { ?s ?p "SERVICE" } LIMIT 1',
                     "SELECT * WHERE { ?s <http://x/SERVICE> ?o } LIMIT 1",
                     "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://x/>",
                     "PREFIX service: <http://x/> PREFIX add: <http://y/> SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
                     "SELECT ?insert ?delete WHERE { ?insert ?delete ?o } LIMIT 1"):
        status, _, body = sparql_get(server, harmless)
        assert status == 200, (harmless, body)
    assert_up(server)


def test_syntax_error_and_bad_requests(server):
    status, _, body = sparql_get(server, "SELECT WHERE {")
    assert status == 400 and "syntax" in body
    status, _, _ = request(server, "/sparql", None, b"query=x", "text/plain")
    assert status == 415
    status, _, _ = request(server, "/", None, b"x", "text/plain", method="PUT")
    assert status == 405


def test_oversized_request(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_000
    status, _, body = request(server, "/sparql", None, big.encode(), "application/sparql-query")
    assert status == 413 and "limit" in body
    assert_up(server)


def test_result_cap(server):
    status, _, body = sparql_get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and f"more than {MAX_ROWS}" in body
    assert sparql_get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")[0] == 200


def test_time_limit(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    start = time.monotonic()
    status, _, body = sparql_get(server, slow)
    assert status == 503 and "time limit" in body
    assert time.monotonic() - start < TIMEOUT + 3
    assert_up(server)
    assert_up(server)  # twice: both workers (one of them replaced) answer


# --------------------------------------------------------------------------- named queries, VoID, dumps

def test_query_list(server):
    status, _, body = get(server, "/queries", BROWSER)
    assert status == 200 and 'href="/queries/person-timeline"' in body and 'href="/queries/articles"' in body


def test_named_query_form_table_csv(server):
    status, _, body = get(server, "/queries/person-timeline", BROWSER)
    assert status == 200 and 'name="name"' in body and "<table" not in body and "any case" in body
    path = "/queries/person-timeline?" + urllib.parse.urlencode({"name": "vũ việt văn"})
    status, _, body = get(server, path, BROWSER)
    assert status == 200 and "Phó Chủ tịch Thường trực" in body and "format=csv" in body
    status, headers, body = request(server, path + "&format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["person", "observed", "position", "former", "source"] and len(rows) > 1
    assert all(row[0] == "Vũ Việt Văn" for row in rows[1:])


def test_named_query_without_params_and_errors(server):
    status, _, body = get(server, "/queries/articles", BROWSER)
    assert status == 200 and "000_efcf34444f6c0f59" in body
    assert get(server, "/queries/no-such-query")[0] == 404
    assert get(server, "/queries/person-timeline?nom=x")[0] == 400
    assert get(server, "/queries/agreements-by-province?province=V&from=abc&to=2020")[0] == 400


def test_void(server):
    status, ctype, body = get(server, "/void", "text/turtle")
    assert status == 200 and ctype.startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert URIRef(server + "/sparql") in set(graph.objects(None, VOID.sparqlEndpoint))
    assert URIRef(server + "/dump/graph.nq") in set(graph.objects(None, VOID.dataDump))
    assert get(server, "/.well-known/void", BROWSER)[1].startswith("text/html")


def test_void_ignores_a_bad_host_header(server):
    req = urllib.request.Request(server + "/void?format=nt", headers={"Host": 'x"> <y'})
    with urllib.request.urlopen(req, timeout=30) as r:
        graph = Graph().parse(data=r.read().decode("utf-8"), format="nt")
    assert URIRef(server + "/sparql") in set(graph.objects(None, VOID.sparqlEndpoint))


def test_dumps(server, out):
    status, headers, body = request(server, "/dump/graph.nq")
    assert status == 200 and headers["Content-Type"].startswith("application/n-quads")
    dataset = Dataset()
    dataset.parse(data=body, format="nquads")
    assert body.encode("utf-8") == b"".join(dump_bytes(out))
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(body.splitlines())
    status, headers, trig = request(server, "/dump/graph.trig")
    assert status == 200 and headers["Content-Type"].startswith("application/trig")
    quads = {str(q) for q in ox.parse(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)}
    assert quads == {str(q) for q in ox.parse(body.encode("utf-8"), format=ox.RdfFormat.N_QUADS)}
    assert request(server, "/dump/secret")[0] == 404


def test_context(server):
    from kg.export import context
    status, headers, body = request(server, "/context.jsonld")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert json.loads(body)["@context"] == context()


def test_head(server):
    status, headers, body = request(server, f"/id/{PERSON}", "text/turtle", method="HEAD")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 0


def test_cli_parser():
    from kg.cli import parser
    args = parser().parse_args(["serve", "--in", "x", "--port", "0", "--timeout", "3", "--max-rows", "5"])
    assert (args.inp, args.port, args.timeout, args.max_rows, args.host) == ("x", 0, 3.0, 5, "127.0.0.1")


def test_missing_build(tmp_path):
    from kg.serve import make_server
    with pytest.raises(FileNotFoundError):
        make_server(tmp_path)


# --------------------------------------------------------------------------- a real browser (Debian's chromium)

PHONE = (390, 844)  # an iPhone's CSS pixels


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = find_chromium()
    if not binary:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    chrome = Browser(binary, tmp_path_factory.mktemp("chromium-profile"))
    chrome.size(*PHONE, mobile=True)
    yield chrome
    chrome.close()


PHONE_PAGES = [
    f"/id/{PERSON}", f"/id/{BODY}", f"/id/{PROVINCE}", "/id/article/000_efcf34444f6c0f59", "/",
    "/search?q=ban+dan+van", "/queries", "/queries/person-timeline?name=V%C5%A9+Vi%E1%BB%87t+V%C4%83n",
    "/sparql?format=html&query=" + urllib.parse.quote(SELECT), "/void",
]
FACTS = """JSON.stringify({
  width: document.documentElement.scrollWidth, viewport: window.innerWidth,
  sheets: Array.from(document.styleSheets).map(s => s.href),
  heads: Array.from(document.querySelectorAll('.scroll thead')).map(t => getComputedStyle(t).display),
  font: parseFloat(getComputedStyle(document.body).fontSize),
  h1: (document.querySelector('h1') || {}).textContent})"""


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_layout_in_chromium(server, browser, path):
    browser.goto(server + path)
    facts = json.loads(browser.js(FACTS))
    assert facts["sheets"] == [server + "/static/style.css"]           # the local stylesheet, nothing else
    assert facts["width"] <= facts["viewport"] == PHONE[0], facts           # no sideways scrolling on a phone
    assert all(display == "none" for display in facts["heads"]), facts  # tables read as one card per row
    assert facts["font"] >= 14 and facts["h1"]


def test_person_timeline_in_chromium(server, browser):
    browser.goto(server + f"/id/{PERSON}")
    rows = browser.js("""Array.from(document.querySelectorAll('table.timeline tbody tr')).map(tr =>
        Array.from(tr.querySelectorAll('td')).map(td => td.innerText))""")
    assert rows and all(row[0][:4].isdigit() for row in rows)
    assert any("Phó Chủ tịch Thường trực" in row[1] for row in rows)
    quotes = browser.js("""Array.from(document.querySelectorAll('table.timeline tbody tr')).map(tr =>
        Array.from(tr.querySelectorAll('blockquote.evidence q')).map(q => q.textContent))""")
    assert all(q and all(text.strip() for text in q) for q in quotes)  # each post with its quoted sentence


def test_kg_serve_command(out):
    """The real command: starts, answers, stops on SIGINT like Ctrl-C, leaving no worker behind; also when started
    with SIGINT ignored, as a shell starts a background job ("kg serve ... &")."""
    import signal
    import subprocess
    import sys
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--in", str(out), "--port", "0", "--quiet",
                             "--workers", "1"], stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parent.parent,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        line = proc.stderr.readline()
        assert line.startswith("serving"), line
        base = line.split(" at ")[1].split("/ ")[0]
        assert get(base, "/", BROWSER)[0] == 200
        assert json.loads(sparql_get(base, PREFIXES + "ASK { ?p a vps:Person }")[2])["boolean"] is True
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_parameters_cannot_change_the_query(server):
    evil = 'x" } } SELECT * WHERE { ?s ?p ?o } #'
    status, _, body = get(server, "/queries/person-timeline?" + urllib.parse.urlencode({"name": evil}), BROWSER)
    assert status == 200 and "0 dòng" in body
    status, headers, body = request(server, "/queries/person-timeline?" + urllib.parse.urlencode(
        {"name": evil, "format": "csv"}))
    assert status == 200 and body.strip() == "person,observed,position,former,source"


def test_negotiate():
    from kg.serve import negotiate
    offered = ["text/html", "text/turtle", "application/ld+json"]
    assert negotiate(None, offered) == "text/html"
    assert negotiate("*/*", offered) == "text/html"
    assert negotiate("text/turtle", offered) == "text/turtle"
    assert negotiate("text/*;q=0.5, application/ld+json", offered) == "application/ld+json"
    assert negotiate("text/html;q=0, */*;q=0.1", offered) == "text/turtle"
    assert negotiate("image/png", offered) is None
