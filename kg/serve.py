"""`kg serve`: the graph as linked data and a read-only SPARQL endpoint, standard library only.

Routes
  /                     home page: dataset figures, search, links
  /search?q=            entities by name (accents optional)
  /id/...  /vocab/...   every entity IRI <BASE>id/... described here, by content negotiation:
                        HTML for browsers, Turtle, JSON-LD, N-Triples, RDF/XML for machines
  /sparql               SPARQL 1.1 Protocol, GET and POST (form or application/sparql-query)
  /queries, /queries/NAME?param=...   the named queries (queries/*.rq), as a form, a table, CSV
  /void, /.well-known/void            VoID + DCAT description (kg.describe)
  /dump/graph.nq, /dump/graph.trig    the build's dumps (its segments, one after another)
  /context.jsonld                     the JSON-LD context (ontology/context.jsonld)
  /static/...                         CSS

The IRIs are slash IRIs under https://w3id.org/vnps/; this service answers /id/... with the
description itself (200, Vary: Accept, Content-Location, Link rel=canonical to the IRI) instead
of a 303 to a separate document: the IRIs' host is w3id.org, whose redirect to this service is
already the hop that separates the thing from its description.

Queries sent by users run in worker processes, each with its own copy of the store, so a query
that exceeds the time limit is stopped by killing its worker (a thread cannot be stopped).
"""
from __future__ import annotations

import csv
import io
import json
import os
import queue
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape as xml_escape, quoteattr

import pyoxigraph as ox

from kg.dumps import dump_bytes, dump_files
from kg.namespaces import VPS as _VPS
from kg.oxstore import has_store, open_store, with_values

VPS = str(_VPS)
STATIC_DIR = Path(__file__).resolve().parent / "static"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
MAX_BODY = 64 * 1024          # bytes of a POST body or of a query string
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2

# Media types offered, in the order preferred when the client accepts several equally.
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "application/json": "json",
    "text/html": "html", "application/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
    "application/rdf+xml": "xml", "text/html": "html", "application/json": "jsonld",
    "text/plain": "nt",
}
ENTITY_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html", "text/turtle": "ttl",
    "application/ld+json": "jsonld", "application/n-triples": "nt", "application/rdf+xml": "xml",
    "application/json": "jsonld",
}
# ?format= values (also what SPARQLWrapper sends as format/output/results).
FORMAT_ALIASES = {
    "json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "html": "html",
    "ttl": "ttl", "turtle": "ttl", "n3": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "jsonld": "jsonld", "json-ld": "jsonld", "rdf": "xml", "rdf+xml": "xml", "rdfxml": "xml",
}
RDF_MEDIA = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
             "xml": "application/rdf+xml"}
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


# --------------------------------------------------------------------------- terms

def encode(term) -> tuple | None:
    """A pyoxigraph term as a picklable tuple: ("u", iri), ("b", id), ("l", value, datatype, lang)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("u", term.value)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    if isinstance(term, ox.Literal):
        return ("l", term.value, term.datatype.value, term.language)
    return ("l", str(term), XSD_STRING, None)


def decode(enc: tuple):
    kind = enc[0]
    if kind == "u":
        return ox.NamedNode(enc[1])
    if kind == "b":
        return ox.BlankNode(enc[1])
    _, value, datatype, lang = enc
    if lang:
        return ox.Literal(value, language=lang)
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def to_rdflib(enc: tuple):
    from rdflib import BNode, Literal, URIRef
    if enc[0] == "u":
        return URIRef(enc[1])
    if enc[0] == "b":
        return BNode(enc[1])
    _, value, datatype, lang = enc
    if lang:
        return Literal(value, lang=lang)
    return Literal(value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def nt_term(enc: tuple) -> str:
    """A term in N-Triples syntax (for TSV results)."""
    return str(decode(enc))


# --------------------------------------------------------------------------- query safety

def _strip_strings_iris_comments(text: str) -> str:
    """The query with IRIs, string literals and comments blanked out (same length), for keyword checks."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        j = None
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif c == "<":
            k = i + 1
            while k < n and text[k] not in '<>"{}|^`\\ \t\r\n':
                k += 1
            if k < n and text[k] == ">":  # an IRI; otherwise the < operator
                j = k + 1
        elif c in "\"'":
            quote3 = text[i:i + 3]
            if quote3 in ('"""', "'''"):
                k = text.find(quote3, i + 3)
                j = n if k < 0 else k + 3
            else:
                k = i + 1
                while k < n and text[k] != c and text[k] != "\n":
                    k += 2 if text[k] == "\\" else 1
                j = min(k + 1, n)
        if j is None:
            out.append(c)
            i += 1
        else:
            out.append(" " * (j - i))
            i = j
    return "".join(out)


def bind_values(text: str, bindings: dict[str, tuple]) -> str:
    """The query with VALUES for the bound variables opening its WHERE group (like rdflib's
    initBindings). The values are written as N-Triples terms, so they cannot change the query."""
    try:
        return with_values(text, {name: nt_term(value) for name, value in bindings.items()})
    except ValueError as err:
        raise HttpError(400, str(err)) from None


# Keywords, not parts of names: no letter, ':', '?', '$', '@', '-' or '_' on either side.
_UPDATE = re.compile(r"(?<![\w:?$@-])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)(?![\w:-])", re.I)
_SERVICE = re.compile(r"(?<![\w:?$@-])SERVICE(?![\w:-])", re.I)
_FORM = re.compile(r"(?<![\w:?$@-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.I)


PARAM_PATTERNS = {"year": re.compile(r"-?\d{4}"), "date": re.compile(r"-?\d{4}-\d\d-\d\d"),
                  "integer": re.compile(r"[+-]?\d+"), "iri": re.compile(r"[a-zA-Z][\w+.-]*:[^\s<>\"{}|^`\\]+")}


def check_query(text: str) -> None:
    """Refuse what this read-only endpoint does not do, with a message that says so."""
    bare = _strip_strings_iris_comments(text)
    if _SERVICE.search(bare):
        raise HttpError(400, "SERVICE (federated query) is not allowed on this endpoint: "
                             "it only queries its own data.")
    update = _UPDATE.search(bare)
    form = _FORM.search(bare)
    if update and (not form or update.start() < form.start()):
        raise HttpError(400, f"SPARQL Update ({update.group(1).upper()}) is not allowed: "
                             "this endpoint is read-only.")


# --------------------------------------------------------------------------- worker processes

def _worker_main(fd: int, out: str, max_rows: int) -> None:
    """A query worker (its own process): opens the build's store, then answers requests until told to stop."""
    import signal
    from multiprocessing.connection import Connection
    from kg.oxstore import has_merged_default
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which then stops its workers
    conn = Connection(fd)
    store = open_store(Path(out))
    union = not has_merged_default(store)
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        conn.send(_evaluate(store, request, max_rows, union))


def _evaluate(store, request: dict, max_rows: int, union: bool) -> tuple:
    deadline = time.monotonic() + request.get("timeout", DEFAULT_TIMEOUT)
    limit = request.get("max_rows") or max_rows
    try:
        result = store.query(request["query"], use_default_graph_as_union=union)
        if isinstance(result, ox.QueryBoolean):
            return ("ask", bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) >= limit:
                    return ("error", 400, f"the result has more than {limit} rows, this endpoint's limit: "
                                          f"add LIMIT or narrow the query")
                if time.monotonic() > deadline:
                    return ("timeout",)
                rows.append([encode(solution[n]) for n in names])
            return ("select", names, rows)
        triples = []
        for triple in result:
            if len(triples) >= limit:
                return ("error", 400, f"the result has more than {limit} triples, this endpoint's limit: "
                                      f"add LIMIT or narrow the query")
            if time.monotonic() > deadline:
                return ("timeout",)
            triples.append((encode(triple.subject), encode(triple.predicate), encode(triple.object)))
        return ("graph", triples)
    except SyntaxError as err:
        return ("error", 400, f"query syntax error: {err}")
    except Exception as err:  # evaluation errors from the engine
        return ("error", 400, f"query failed: {err}")


class QueryPool:
    """Worker processes; a query that runs past the time limit costs its worker its life."""

    def __init__(self, out: Path, size: int, timeout: float, max_rows: int):
        self.out, self.timeout, self.max_rows = str(out), timeout, max_rows
        self.idle: queue.Queue = queue.Queue()
        self.closed = False
        self.lock = threading.Lock()
        self.all: set = set()
        starting = [self._spawn() for _ in range(max(1, size))]
        for worker in starting:
            self._wait_ready(worker)
        if self.idle.qsize() == 0:
            raise RuntimeError("no query worker could load the store (see the errors above)")

    def _spawn(self):
        # A fresh interpreter on one end of a socket pair: unlike multiprocessing's spawn, it
        # never re-imports the caller's __main__, and it ends when the server's end closes.
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection
        ours, theirs = socket.socketpair()
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        code = "import sys; from kg.serve import _worker_main; _worker_main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))"
        proc = subprocess.Popen([sys.executable, "-c", code, str(theirs.fileno()), self.out, str(self.max_rows)],
                                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        worker = (proc, Connection(ours.detach()))
        with self.lock:
            self.all.add(worker)
        return worker

    def _wait_ready(self, worker) -> None:
        proc, conn = worker
        try:
            ready = conn.poll(120) and conn.recv() == ("ready",)
        except (EOFError, OSError):
            ready = False
        if ready and not self.closed:
            self.idle.put(worker)
        else:
            self._kill(worker)

    def _replace(self) -> None:
        if not self.closed:
            threading.Thread(target=lambda: self._wait_ready(self._spawn()), daemon=True).start()

    def _kill(self, worker) -> None:
        proc, conn = worker
        with self.lock:
            self.all.discard(worker)
        proc.kill()
        try:
            proc.wait(5)
        except Exception:  # subprocess.TimeoutExpired: the kernel will reap it
            pass
        conn.close()

    def run(self, query: str) -> tuple:
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise HttpError(503, "all query workers are busy; try again later", {"Retry-After": "5"})
        proc, conn = worker
        try:
            conn.send({"query": query, "timeout": self.timeout, "max_rows": self.max_rows})
            if not conn.poll(self.timeout):
                self._kill(worker)
                self._replace()
                raise HttpError(503, f"the query ran longer than this endpoint's time limit of "
                                     f"{self.timeout:g} s and was stopped; narrow it or add LIMIT")
            answer = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._kill(worker)
            self._replace()
            raise HttpError(500, "the query worker failed; try again")
        self.idle.put(worker)
        if answer[0] == "timeout":
            raise HttpError(503, f"the query ran longer than this endpoint's time limit of {self.timeout:g} s "
                                 f"and was stopped; narrow it or add LIMIT")
        if answer[0] == "error":
            raise HttpError(answer[1], answer[2])
        return answer

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers = list(self.all)
        for proc, conn in workers:
            try:
                conn.send(None)
            except OSError:
                pass
        for worker in workers:
            try:
                worker[0].wait(2)
            except Exception:
                pass
            self._kill(worker)


# --------------------------------------------------------------------------- SPARQL results

def results_json(names, rows) -> str:
    def term(enc):
        if enc[0] == "u":
            return {"type": "uri", "value": enc[1]}
        if enc[0] == "b":
            return {"type": "bnode", "value": enc[1]}
        out = {"type": "literal", "value": enc[1]}
        if enc[3]:
            out["xml:lang"] = enc[3]
        elif enc[2] != XSD_STRING:
            out["datatype"] = enc[2]
        return out
    bindings = [{n: term(v) for n, v in zip(names, row) if v is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)


def results_xml(names, rows) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for n, v in zip(names, row):
            if v is None:
                continue
            if v[0] == "u":
                inner = f"<uri>{xml_escape(v[1])}</uri>"
            elif v[0] == "b":
                inner = f"<bnode>{xml_escape(v[1])}</bnode>"
            elif v[3]:
                inner = f"<literal xml:lang={quoteattr(v[3])}>{xml_escape(v[1])}</literal>"
            elif v[2] != XSD_STRING:
                inner = f"<literal datatype={quoteattr(v[2])}>{xml_escape(v[1])}</literal>"
            else:
                inner = f"<literal>{xml_escape(v[1])}</literal>"
            out.append(f"<binding name={quoteattr(n)}>{inner}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out) + "\n"


def boolean_xml(value: bool) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n")


def plain(enc) -> str:
    if enc is None:
        return ""
    return ("_:" + enc[1]) if enc[0] == "b" else enc[1]


def results_csv(names, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([plain(v) for v in row] for row in rows)
    return buffer.getvalue()


def results_tsv(names, rows) -> str:
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if v is None else nt_term(v) for v in row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def triples_graph(triples):
    from rdflib import Graph
    from kg.namespaces import PREFIXES
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for s, p, o in triples:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph


# --------------------------------------------------------------------------- content negotiation

def parse_accept(header: str | None) -> list[tuple[str, float]]:
    ranges = []
    for index, part in enumerate((header or "*/*").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the Accept header likes best (ties: the first offered); None if none."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for media in offered:
        kind = media.split("/")[0] + "/*"
        q, specificity = 0.0, -1
        for accepted, aq in ranges:
            spec = 2 if accepted == media else 1 if accepted == kind else 0 if accepted == "*/*" else -1
            if spec > specificity:
                q, specificity = aq, spec
        if specificity >= 0 and q > best_q:
            best, best_q = media, q
    return best


# --------------------------------------------------------------------------- the data, for pages

def fold(text: str) -> str:
    """Lower case without accents (đ → d): what search compares."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class SearchEntry:
    iri: str
    label: str
    kind: str
    folded: str


class Data:
    """Read access to the build for pages: pattern lookups on an in-memory pyoxigraph store."""

    def __init__(self, out: Path):
        from kg.namespaces import BASE
        self.out = out
        self.base = BASE
        self.store = open_store(out)
        self._labels: dict[str, str] = {}
        self.index = self._build_index()

    def quads(self, s=None, p=None, o=None):
        return self.store.quads_for_pattern(s, p, o, None)

    def objects(self, s, p) -> list:
        seen, out = set(), []
        for q in self.quads(s, p, None):
            if q.object not in seen:
                seen.add(q.object)
                out.append(q.object)
        return out

    def subjects(self, p, o) -> list:
        seen, out = set(), []
        for q in self.quads(None, p, o):
            if q.subject not in seen:
                seen.add(q.subject)
                out.append(q.subject)
        return out

    def first(self, s, p):
        values = self.objects(s, p)
        return values[0] if values else None

    def value(self, s, p) -> str:
        v = self.first(s, p)
        return v.value if v is not None else ""

    def properties(self, s) -> list[tuple]:
        seen, out = set(), []
        for q in self.quads(s, None, None):
            key = (q.predicate, q.object)
            if key not in seen:
                seen.add(key)
                out.append(key)
        return out

    def incoming(self, o, limit: int = 500) -> list[tuple]:
        seen, out = set(), []
        for q in self.quads(None, None, o):
            key = (q.subject, q.predicate)
            if key not in seen:
                seen.add(key)
                out.append(key)
                if len(out) >= limit:
                    break
        return out

    def types(self, s) -> set[str]:
        return {t.value for t in self.objects(s, ox.NamedNode(RDF_TYPE))}

    def exists(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        return any(True for _ in self.quads(node, None, None)) or any(True for _ in self.quads(None, None, node))

    def label(self, term) -> str:
        if isinstance(term, ox.Literal):
            return term.value
        if not isinstance(term, ox.NamedNode):
            return str(term)
        cached = self._labels.get(term.value)
        if cached is not None:
            return cached
        text = ""
        for prop in LABEL_PROPS:
            values = self.objects(term, ox.NamedNode(prop))
            literals = [v for v in values if isinstance(v, ox.Literal)]
            vi = [v for v in literals if v.language == "vi"]
            pick = vi or [v for v in literals if not v.language] or literals
            if pick:
                text = sorted(v.value for v in pick)[0]
                break
        if not text:
            text = self.short(term.value)
        if len(self._labels) < 100_000:
            self._labels[term.value] = text
        return text

    def short(self, iri: str) -> str:
        from kg.describe import curie
        return curie(ox.NamedNode(iri).value) if iri else iri

    def local(self, iri: str) -> str | None:
        """The path this service answers an IRI at, or None when it is not ours."""
        for root in ("id/", "vocab/"):
            if iri.startswith(self.base + root):
                return "/" + root + quote(iri[len(self.base) + len(root):], safe="/-._~:@!$&'()*+,;=")
        return None

    def _build_index(self) -> list[SearchEntry]:
        kinds = {VPS + k: k for k in ("Person", "Organization", "CoordinationAgreement", "AdministrativeUnit",
                                      "Article", "Document", "Post", "Event")}
        entries, seen, type_memo = [], set(), {}
        for prop in LABEL_PROPS + (SKOS + "altLabel",):
            for q in self.quads(None, ox.NamedNode(prop), None):
                s = q.subject
                if not isinstance(s, ox.NamedNode) or not isinstance(q.object, ox.Literal):
                    continue
                key = (s.value, q.object.value)
                if key in seen:
                    continue
                types = type_memo.get(s.value)
                if types is None:
                    types = type_memo[s.value] = self.types(s)
                kind = next((kinds[t] for t in kinds if t in types), None)
                if kind is None:
                    continue
                seen.add(key)
                entries.append(SearchEntry(s.value, q.object.value, kind, fold(q.object.value)))
        return entries

    def search(self, text: str, limit: int = 100) -> list[SearchEntry]:
        words = fold(text).split()
        if not words:
            return []
        hits: dict[str, SearchEntry] = {}
        for entry in self.index:
            if all(w in entry.folded for w in words) and entry.iri not in hits:
                hits[entry.iri] = entry
        order = ("Person", "Organization", "CoordinationAgreement", "AdministrativeUnit", "Post", "Document",
                 "Article", "Event")
        ranked = sorted(hits.values(), key=lambda e: (not e.folded.startswith(words[0]), order.index(e.kind),
                                                      e.label))
        return ranked[:limit]

    def figures(self) -> dict:
        """Counts for the home page (the data never changes while served: counted once)."""
        if getattr(self, "_figures", None) is None:
            self._figures = self._count_figures()
        return dict(self._figures)

    def _count_figures(self) -> dict:
        count = lambda cls: len(self.subjects(ox.NamedNode(RDF_TYPE), ox.NamedNode(VPS + cls)))
        figures = {k: count(k) for k in ("Article", "Person", "Organization", "Post", "Holding",
                                          "CoordinationAgreement", "Event", "Document")}
        articles = self.subjects(ox.NamedNode(RDF_TYPE), ox.NamedNode(VPS + "Article"))
        provinces = {o for a in articles for o in self.objects(a, ox.NamedNode(VPS + "province"))}
        figures["Province"] = len(provinces)
        (row,) = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        figures["quads"] = int(row["n"].value)
        return figures


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
LABEL_PROPS = (FOAF + "name", RDFS + "label", SKOS + "prefLabel", DCT + "title")


# --------------------------------------------------------------------------- the application

@dataclass
class App:
    out: Path
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = DEFAULT_WORKERS
    max_body: int = MAX_BODY
    base_url: str | None = None
    data: Data = field(init=False)
    pool: QueryPool = field(init=False)
    build_info: dict = field(init=False)

    def __post_init__(self):
        from kg.describe import read_build_info
        self.out = Path(self.out)
        if not has_store(self.out):
            raise FileNotFoundError(f"{self.out}: no build here (missing store/); run 'kg build' first")
        self.build_info = read_build_info(self.out)
        self.data = Data(self.out)
        self._void: dict[str, object] = {}
        self._stats: dict | None = None
        self._void_lock = threading.Lock()
        self.pool = QueryPool(self.out, self.workers, self.timeout, self.max_rows)

    def void(self, base_url: str):
        """The VoID description for a base URL: the data is counted once, the description made per URL."""
        from kg.describe import describe, statistics_from_store
        with self._void_lock:
            if self._stats is None:
                self._stats = statistics_from_store(self.data.store)
            cached = self._void.get(base_url)
            if cached is None:
                info = dict(self.build_info, base_url=base_url, sparql_endpoint=base_url + "/sparql")
                cached = describe(None, info, stats=self._stats)
                if len(self._void) < 16:
                    self._void[base_url] = cached
            return cached

    def close(self):
        self.pool.close()


_HOST = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class Handler(BaseHTTPRequestHandler):
    server_version = "vnps-kg"
    protocol_version = "HTTP/1.1"
    app: App  # set on the subclass made per server

    # ---- plumbing

    def log_message(self, format, *args):  # noqa: A002 - quiet unless asked
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def base_url(self) -> str:
        """The service's public URL: --base-url when given, else from the Host header (when it looks like one)."""
        if self.app.base_url:
            return self.app.base_url.rstrip("/")
        host = self.headers.get("Host") or ""
        if not _HOST.fullmatch(host):
            host = f"{self.server.server_address[0]}:{self.server.server_address[1]}"
        return f"http://{host}"

    def send(self, status: int, body: str | bytes, media: str, headers: dict | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if media.startswith("text/") or media.endswith(("+json", "+xml", "/json", "/xml", "n-triples", "/trig",
                                                          "n-quads")):
            media += "; charset=utf-8"
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Access-Control-Allow-Origin", "*")
        if media.startswith("text/html"):
            self.send_header("Content-Security-Policy", "default-src 'self'; style-src 'self'")
        headers = dict(headers or {})
        if not self.path.startswith("/static/"):
            headers.setdefault("Vary", "Accept")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_blocks(self, blocks: Iterator[bytes], media: str, headers: dict, length: int | None) -> None:
        """A large body sent as it is read or made (a dump), never held whole in memory; of unknown
        `length`, it is ended by closing the connection."""
        self.send_response(200)
        self.send_header("Content-Type", media + "; charset=utf-8")
        if length is None:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(length))
        self.send_header("Access-Control-Allow-Origin", "*")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            for block in blocks:
                self.wfile.write(block)

    def fail(self, err: HttpError) -> None:
        accept = self.headers.get("Accept", "") if self.headers else ""
        if "text/html" in accept and negotiate(accept, ["text/plain", "text/html"]) == "text/html":
            from kg import pages
            self.send(err.status, pages.error_page(err.status, err.message), "text/html", err.headers)
        else:
            self.send(err.status, f"{err.status} {HTTPStatus(err.status).phrase}: {err.message}\n",
                      "text/plain", err.headers)

    def handle_one(self, method: str) -> None:
        try:
            self.route(method)
        except HttpError as err:
            if err.status == 413:
                self.close_connection = True
            self.fail(err)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as err:  # a bug: say so, keep serving
            self.fail(HttpError(500, f"internal error: {type(err).__name__}: {err}"))

    def do_GET(self):
        self.handle_one("GET")

    def do_HEAD(self):
        self.handle_one("GET")

    def do_POST(self):
        self.handle_one("POST")

    def do_OPTIONS(self):  # CORS preflight, e.g. a browser POSTing application/sparql-query
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_allowed(self):
        self.fail(HttpError(405, "this service is read-only", {"Allow": "GET, HEAD, POST"}))

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            if self.headers.get("Transfer-Encoding"):
                raise HttpError(411, "send a Content-Length (chunked bodies are not accepted)")
            return b""
        try:
            size = int(length)
        except ValueError:
            raise HttpError(400, "bad Content-Length")
        if size > self.app.max_body:
            if size <= 16 * self.app.max_body:  # read it, so the client sees the answer, not a reset
                self.rfile.read(size)
            raise HttpError(413, f"request body of {size} bytes is larger than this service's limit of "
                                 f"{self.app.max_body} bytes")
        return self.rfile.read(size)

    # ---- routing

    def route(self, method: str) -> None:
        from kg import pages
        parts = urlsplit(self.path)
        if len(parts.query) > self.app.max_body:
            raise HttpError(413, f"query string longer than this service's limit of {self.app.max_body} bytes")
        path = unquote(parts.path)
        params = {k: v for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if path == "/sparql":
            return self.sparql(method, params)
        if method == "POST":
            raise HttpError(405, "POST is only accepted at /sparql", {"Allow": "GET, HEAD"})
        if path in ("/", "/index.html"):
            return self.send(200, pages.home(self.app.data, self.app.build_info), "text/html")
        if path == "/search":
            q = (params.get("q") or [""])[0]
            return self.send(200, pages.search(self.app.data, q, self.app.data.search(q)), "text/html")
        if path == "/queries" or path == "/queries/":
            from kg.query import list_queries
            return self.send(200, pages.query_list(list_queries()), "text/html")
        if path.startswith("/queries/"):
            return self.named_query(path[len("/queries/"):], params)
        if path.startswith(("/id/", "/vocab/")):
            return self.entity(path, params)
        if path in ("/void", "/.well-known/void", "/dataset"):
            return self.describe_dataset(params)
        if path in ("/context.jsonld", "/ns/context.jsonld"):
            from kg.export import context
            return self.send(200, json.dumps({"@context": context()}, ensure_ascii=False, indent=1),
                             "application/ld+json", {"Cache-Control": "max-age=3600"})
        if path.startswith("/dump/"):
            name = path[len("/dump/"):]
            from kg.describe import DUMPS
            media = DUMPS.get(name)
            if media is None:
                raise HttpError(404, f"no dump named {name!r}; there are {' and '.join(DUMPS)}")
            headers = {"Content-Disposition": f'attachment; filename="{name}"'}
            if name == "graph.nq":
                return self.send_blocks(dump_bytes(self.app.out), media, headers,
                                        sum(path.stat().st_size for path in dump_files(self.app.out)))
            from kg.export import trig_blocks
            return self.send_blocks(trig_blocks(self.app.out), media, headers, None)
        if path.startswith("/static/"):
            name = path[len("/static/"):]
            target = (STATIC_DIR / name).resolve()
            if STATIC_DIR.resolve() not in target.parents or not target.is_file():
                raise HttpError(404, f"no such file: {path}")
            media = {".css": "text/css", ".svg": "image/svg+xml"}.get(target.suffix, "application/octet-stream")
            return self.send(200, target.read_bytes(), media, {"Cache-Control": "max-age=3600"})
        if path == "/favicon.ico":
            raise HttpError(404, "no icon")
        raise HttpError(404, f"nothing at {path}")

    # ---- SPARQL protocol

    def sparql(self, method: str, params: dict) -> None:
        from kg import pages
        if method == "POST":
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self.read_body()
            if media == "application/sparql-update":
                raise HttpError(400, "SPARQL Update is not allowed: this endpoint is read-only.")
            if media == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", "replace"))
            elif media == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                raise HttpError(415, "POST a query as application/sparql-query or as a "
                                     "application/x-www-form-urlencoded form with a 'query' field")
        if "update" in params:
            raise HttpError(400, "SPARQL Update is not allowed: this endpoint is read-only.")
        queries = params.get("query") or []
        if len(queries) > 1:
            raise HttpError(400, "send exactly one 'query'")
        if not queries or not queries[0].strip():
            chosen = negotiate(self.headers.get("Accept"), ["text/html", "text/turtle", "application/ld+json",
                                                             "application/n-triples"])
            if chosen in (None, "text/html"):
                return self.send(200, pages.sparql_form(self.app.data), "text/html")
            from kg.export import serialize_graph
            fmt = GRAPH_TYPES[chosen]
            return self.send(200, serialize_graph(self.service_description(), fmt), RDF_MEDIA[fmt])
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise HttpError(400, "default-graph-uri and named-graph-uri are not supported: the default graph "
                                 "is the union of all graphs; use GRAPH in the query")
        text = queries[0]
        check_query(text)
        answer = self.app.pool.run(text)
        fmt = None
        for key in ("format", "output", "results"):
            if params.get(key):
                fmt = FORMAT_ALIASES.get(params[key][0].lower().strip())
                if fmt:
                    break
        accept = self.headers.get("Accept")
        if answer[0] in ("select", "ask"):
            if fmt not in ("json", "xml", "csv", "tsv", "html"):
                chosen = negotiate(accept, list(RESULT_TYPES))
                if chosen is None:
                    raise HttpError(406, "results are available as " + ", ".join(RESULT_MEDIA.values()))
                fmt = RESULT_TYPES[chosen]
            if answer[0] == "ask":
                value = answer[1]
                if fmt == "xml":
                    return self.send(200, boolean_xml(value), RESULT_MEDIA["xml"])
                if fmt in ("csv", "tsv"):
                    return self.send(200, f"boolean\r\n{'true' if value else 'false'}\r\n", RESULT_MEDIA[fmt])
                if fmt == "html":
                    return self.send(200, pages.sparql_form(self.app.data, text, boolean=value), "text/html")
                return self.send(200, json.dumps({"head": {}, "boolean": value}), RESULT_MEDIA["json"])
            names, rows = answer[1], answer[2]
            if fmt == "html":
                return self.send(200, pages.sparql_form(self.app.data, text, names=names, rows=rows), "text/html")
            body = {"json": results_json, "xml": results_xml, "csv": results_csv, "tsv": results_tsv}[fmt](names, rows)
            return self.send(200, body, RESULT_MEDIA[fmt])
        if fmt not in ("ttl", "jsonld", "nt", "xml", "html"):
            chosen = negotiate(accept, list(GRAPH_TYPES))
            if chosen is None:
                raise HttpError(406, "graphs are available as " + ", ".join(RDF_MEDIA.values()))
            fmt = GRAPH_TYPES[chosen]
        from kg.export import serialize_graph
        graph = triples_graph(answer[1])
        if fmt == "html":
            return self.send(200, pages.sparql_form(self.app.data, text, turtle=serialize_graph(graph, "ttl")),
                             "text/html")
        return self.send(200, serialize_graph(graph, fmt), RDF_MEDIA[fmt])

    def service_description(self):
        """SPARQL 1.1 Service Description of this endpoint."""
        from rdflib import BNode, Graph, Namespace, URIRef
        from rdflib.namespace import RDF
        from kg.describe import DATASET
        sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
        graph = Graph()
        graph.bind("sd", sd)
        service = URIRef(self.base_url() + "/sparql")
        graph.add((service, RDF.type, sd.Service))
        graph.add((service, sd.endpoint, service))
        graph.add((service, sd.supportedLanguage, sd.SPARQL11Query))
        graph.add((service, sd.feature, sd.UnionDefaultGraph))
        for media in ("http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/SPARQL_Results_XML",
                      "http://www.w3.org/ns/formats/SPARQL_Results_CSV", "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
                      "http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/JSON-LD",
                      "http://www.w3.org/ns/formats/N-Triples"):
            graph.add((service, sd.resultFormat, URIRef(media)))
        default = BNode("default")
        graph.add((service, sd.defaultDataset, default))
        graph.add((default, RDF.type, sd.Dataset))
        graph.add((default, URIRef("http://rdfs.org/ns/void#inDataset"), DATASET))
        return graph

    # ---- named queries

    def named_query(self, name: str, params: dict) -> None:
        from kg import pages
        from kg.query import bind_value, format_rows, load_query
        if "/" in name or name.startswith("."):
            raise HttpError(404, f"no query named {name!r}")
        try:
            named = load_query(name)
        except LookupError as err:
            raise HttpError(404, str(err))
        values = {k: (params.get(k) or [""])[0].strip() for k in named.params}
        unknown = sorted(set(params) - set(named.params) - {"format"})
        if unknown:
            raise HttpError(400, f"query {name!r} takes {', '.join(named.params) or 'no parameters'}; "
                                 f"got {', '.join(unknown)}")
        ready = all(values.values())
        names, rows = None, None
        if ready:
            subs = {}
            for key, raw in values.items():
                try:
                    pattern = PARAM_PATTERNS.get(named.params[key])
                    if pattern and not pattern.fullmatch(raw):
                        raise ValueError(raw)
                    term = bind_value(named.params[key], raw)
                except ValueError:
                    raise HttpError(400, f"parameter {key!r} must be a {named.params[key]}; got {raw!r}")
                subs[key] = encode_rdflib(term)
            answer = self.app.pool.run(bind_values(named.text, subs))
            names, rows = answer[1], answer[2]
            if (params.get("format") or [""])[0] == "csv":
                text = format_rows(names, [[plain(v) for v in row] for row in rows], "csv")
                return self.send(200, text, "text/csv",
                                 {"Content-Disposition": f'attachment; filename="{name}.csv"'})
        return self.send(200, pages.named_query(self.app.data, named, values, names, rows), "text/html")

    # ---- entities

    def entity(self, path: str, params: dict) -> None:
        from kg import pages
        from kg.export import serialize_graph
        iri = self.app.data.base + path.lstrip("/")
        if not self.app.data.exists(iri):
            raise HttpError(404, f"nothing is known about <{iri}>")
        fmt = FORMAT_ALIASES.get((params.get("format") or [""])[0].lower())
        if fmt not in ("html", "ttl", "jsonld", "nt", "xml"):
            chosen = negotiate(self.headers.get("Accept"), list(ENTITY_TYPES))
            if chosen is None:
                raise HttpError(406, "descriptions are available as text/html, " + ", ".join(RDF_MEDIA.values()))
            fmt = ENTITY_TYPES[chosen]
        headers = {"Vary": "Accept", "Content-Location": path if fmt == "html" else f"{path}?format={fmt}",
                   "Link": f'<{iri}>; rel="canonical"'}
        if fmt == "html":
            return self.send(200, pages.entity(self.app.data, iri), "text/html", headers)
        graph = self.description(iri)
        return self.send(200, serialize_graph(graph, fmt), RDF_MEDIA[fmt], headers)

    def description(self, iri: str):
        """The entity's description: its statements, the statements pointing at it, the full
        statements of the relation nodes that point at it (holdings, participations: a person's
        description says which post, when, from which article), its evidence's quotes, and the
        labels of everything it points to, so the description reads on its own."""
        data = self.app.data
        node = ox.NamedNode(iri)
        relation_types = {VPS + "Holding", VPS + "Participation"}
        triples = {(encode(node), encode(p), encode(o)) for p, o in data.properties(node)}
        incoming = data.incoming(node, limit=2000)
        triples |= {(encode(s), encode(p), encode(node)) for s, p in incoming}
        for s in {s for s, _ in incoming}:
            if data.types(s) & relation_types:
                triples |= {(encode(s), encode(p), encode(o)) for p, o in data.properties(s)}
        named = {o for _, _, o in triples if o[0] == "u"} | {s for s, _, _ in triples if s[0] == "u"}
        for enc in named - {encode(node)}:
            target = ox.NamedNode(enc[1])
            for prop in LABEL_PROPS + (OA + "exact",):
                for label in data.objects(target, ox.NamedNode(prop)):
                    triples.add((enc, ("u", prop), encode(label)))
        return triples_graph(sorted(triples, key=str))

    def describe_dataset(self, params: dict) -> None:
        from kg import pages
        from kg.export import serialize_graph
        graph = self.app.void(self.base_url())
        fmt = FORMAT_ALIASES.get((params.get("format") or [""])[0].lower())
        if fmt not in ("html", "ttl", "jsonld", "nt", "xml"):
            chosen = negotiate(self.headers.get("Accept"), ["text/turtle"] + [m for m in ENTITY_TYPES if m != "text/turtle"])
            if chosen is None:
                raise HttpError(406, "the description is available as " + ", ".join(RDF_MEDIA.values()))
            fmt = ENTITY_TYPES[chosen]
        if fmt == "html":
            return self.send(200, pages.void_page(serialize_graph(graph, "ttl")), "text/html", {"Vary": "Accept"})
        return self.send(200, serialize_graph(graph, fmt), RDF_MEDIA[fmt], {"Vary": "Accept"})


def encode_rdflib(term) -> tuple:
    from rdflib import BNode, Literal, URIRef
    if isinstance(term, URIRef):
        return ("u", str(term))
    if isinstance(term, BNode):
        return ("b", str(term))
    assert isinstance(term, Literal)
    datatype = str(term.datatype) if term.datatype else (RDF_LANGSTRING if term.language else XSD_STRING)
    return ("l", str(term), datatype, term.language)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    verbose = False


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000, timeout: float = DEFAULT_TIMEOUT,
                max_rows: int = DEFAULT_MAX_ROWS, workers: int = DEFAULT_WORKERS,
                base_url: str | None = None) -> tuple[Server, App]:
    app = App(Path(out), timeout=timeout, max_rows=max_rows, workers=workers, base_url=base_url)
    handler = type("BoundHandler", (Handler,), {"app": app})
    try:
        server = Server((host, port), handler)
    except OSError:
        app.close()
        raise
    return server, app


def cmd_serve(args) -> int:
    import signal
    import sys
    # a shell starts a background job with SIGINT ignored, and a child keeps that: Ctrl-C (kill -INT) stops the
    # server however it was started
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        server, app = make_server(Path(args.inp), args.host, args.port, args.timeout, args.max_rows, args.workers,
                                  args.base_url)
    except (FileNotFoundError, OSError, RuntimeError) as err:
        print(f"kg serve: {err}", file=sys.stderr)
        return 2
    server.verbose = not args.quiet
    host, port = server.server_address[:2]
    print(f"serving {args.inp} at http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()
    return 0
