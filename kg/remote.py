"""A build on a remote SPARQL store: pushing its named graphs, running named queries there.

push() replaces each named graph of the build's N-Quads dump on the server, with the SPARQL 1.1 Graph
Store HTTP Protocol (PUT ENDPOINT?graph=IRI) or, given an update endpoint, with SPARQL Update
(DROP SILENT GRAPH + INSERT DATA). It then replaces the server's default graph with the merge
of those graphs (each distinct triple once), as kg.oxstore does locally, so the named queries
(which expect the merge as their default graph) work on any SPARQL 1.1 server without a
"union default graph" setting. Pushing the same build twice leaves the same triples.
Run Oxigraph *without* `--union-default-graph` (it would add the named graphs again, as a
multiset: right answers under DISTINCT, but slow).

query_remote() runs a named query with SPARQLWrapper and returns rows formatted like
kg.query.run_local. Parameters are bound with a VALUES block whose terms are written by
rdflib's `.n3()`, never pasted in as raw strings.

Credentials come from KG_SPARQL_USER / KG_SPARQL_PASSWORD only (a URL with user:password@ is refused) and
are sent as HTTP Basic auth; every failure raises RemoteError with a one-line message that
names the endpoint (without user info) and never contains the credentials.
"""
from __future__ import annotations

import base64
import json
import math
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.dumps import dump_files
from kg.oxstore import with_values

USER_ENV = "KG_SPARQL_USER"
PASSWORD_ENV = "KG_SPARQL_PASSWORD"
POST_OVER = 1500          # queries longer than this (URL-encoded) go by POST


class RemoteError(Exception):
    """A remote SPARQL store could not be reached or did not answer as one."""


class _Endpoint:
    """An endpoint URL split into the URL to call, its printable name and its credentials."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            shown = url.split("://", 1)[-1].rsplit("@", 1)[-1] if "@" in url else url
            raise RemoteError(_one_line(f"{shown}: not an http(s) endpoint URL", ()))
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        self.url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        self.name = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        user = os.environ.get(USER_ENV) or ""
        password = os.environ.get(PASSWORD_ENV) or ""
        self.user, self.password = user, password
        self.secrets = tuple(s for s in {user, password, parts.username, parts.password,
                                         parts.netloc if "@" in parts.netloc else None} if s)
        if parts.username or parts.password:
            # a command line is seen by every process on the machine and kept in shell history
            raise self.error(f"credentials go in {USER_ENV} and {PASSWORD_ENV}, not in the endpoint URL")

    def auth_header(self) -> dict[str, str]:
        if not self.user and not self.password:
            return {}
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}

    def error(self, what: str) -> RemoteError:
        return RemoteError(_one_line(f"{self.name}: {what}", self.secrets))


def _one_line(message: str, secrets: Iterable[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 4:
            message = message.replace(secret, "***")
        elif secret:   # a very short secret: only where it stands alone, not inside words
            message = re.sub(rf"(?<![\w]){re.escape(secret)}(?![\w])", "***", message)
    message = " ".join(message.split())
    return message if len(message) <= 300 else message[:297] + "..."


def _describe(err: BaseException) -> str:
    """What went wrong, in a few words (no response bodies, no URLs)."""
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason or ''}".strip()
    if isinstance(err, (socket.timeout, TimeoutError)):
        return "no answer in time (timeout)"
    if isinstance(err, urllib.error.URLError):
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return "no answer in time (timeout)"
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        if isinstance(reason, socket.gaierror):
            return "unknown host"
        return f"cannot connect ({getattr(reason, 'strerror', None) or reason})"
    if isinstance(err, ConnectionError):
        return f"connection failed ({type(err).__name__})"
    return f"{type(err).__name__}: {err}"


# ---------------------------------------------------------------------------------- push

def build_graphs(out: Path) -> dict[ox.NamedNode | ox.BlankNode | None, list[ox.Triple]]:
    """The build's statements grouped by graph (None for the default graph, normally empty)."""
    graphs: dict = {}
    for path in dump_files(Path(out)):
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name
            graphs.setdefault(name, []).append(quad.triple)
    return graphs


def _request(endpoint: _Endpoint, url: str, method: str, body: bytes, content_type: str,
             timeout: float, action: str) -> None:
    headers = {"Content-Type": content_type, **endpoint.auth_header()}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            if response.status >= 300:
                raise endpoint.error(f"HTTP {response.status} while {action}")
    except RemoteError:
        raise
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise endpoint.error(f"{_describe(err)} while {action}") from None


def merged_triples(out: Path, graphs: dict) -> list[ox.Triple]:
    """The merge of the build's graphs: from OUT/store's default graph if it holds it."""
    from kg import oxstore
    if oxstore.has_store(out):
        store = oxstore.open_store(out)
        if oxstore.has_merged_default(store):
            return [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    return list(dict.fromkeys(triple for triples in graphs.values() for triple in triples))


def push(out: Path, endpoint: str, update_endpoint: str | None = None, timeout: float = 60.0,
         merged_default: bool = True) -> tuple[int, int]:
    """Replace each of the build's named graphs on the server, then (with `merged_default`) the
    default graph with their merge. Returns (named graphs, statements in them) sent."""
    graphs = build_graphs(out)
    store = _Endpoint(endpoint)
    update = _Endpoint(update_endpoint) if update_endpoint else None
    statements = sum(len(triples) for triples in graphs.values())
    if merged_default:
        merge = merged_triples(out, graphs)
        graphs = {name: triples for name, triples in graphs.items() if name is not None}
    for name, triples in sorted(graphs.items(), key=lambda item: "" if item[0] is None else item[0].value):
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        label = "the default graph" if name is None else f"graph {name}"
        if update is not None:
            if name is None:
                text = b"CLEAR SILENT DEFAULT ;\nINSERT DATA {\n" + body + b"}\n"
            elif isinstance(name, ox.BlankNode):
                raise update.error(f"cannot address blank-node graph {name} by SPARQL Update")
            else:
                target = str(name).encode()
                text = b"DROP SILENT GRAPH " + target + b" ;\nINSERT DATA { GRAPH " + target + b" {\n" + body + b"} }\n"
            _request(update, update.url, "POST", text, "application/sparql-update; charset=utf-8",
                     timeout, f"replacing {label}")
        else:
            if isinstance(name, ox.BlankNode):
                raise store.error(f"cannot address blank-node graph {name} by the Graph Store Protocol")
            selector = "default" if name is None else "graph=" + urllib.parse.quote(name.value, safe="")
            url = store.url + ("&" if urllib.parse.urlsplit(store.url).query else "?") + selector
            _request(store, url, "PUT", body, "application/n-triples; charset=utf-8", timeout,
                     f"replacing {label}")
    if merged_default:
        body = ox.serialize(merge, format=ox.RdfFormat.N_TRIPLES) or b""
        if update is not None:
            _request(update, update.url, "POST", b"CLEAR SILENT DEFAULT ;\nINSERT DATA {\n" + body + b"}\n",
                     "application/sparql-update; charset=utf-8", timeout, "replacing the default graph")
        else:
            url = store.url + ("&" if urllib.parse.urlsplit(store.url).query else "?") + "default"
            _request(store, url, "PUT", body, "application/n-triples; charset=utf-8", timeout,
                     "replacing the default graph")
    return len([name for name in graphs if name is not None]), statements


# --------------------------------------------------------------------------------- query

def _n3(value) -> str:
    if isinstance(value, str) and not isinstance(value, (URIRef, Literal, BNode)):
        value = Literal(value)
    if isinstance(value, BNode):
        raise ValueError("a query parameter cannot be a blank node")
    if not isinstance(value, (URIRef, Literal)):
        raise ValueError(f"cannot bind {value!r}: not an RDF term")
    try:
        return value.n3()
    except Exception as err:   # rdflib refuses IRIs that cannot be written safely
        raise ValueError(f"cannot bind {value!r}: {err}") from None


def bind_query(query_text: str, bindings: dict[str, object] | None) -> str:
    """The query with its parameters bound in a VALUES block of rdflib-serialized terms."""
    return with_values(query_text, {name: _n3(value) for name, value in (bindings or {}).items()})


def query_remote(endpoint: str, query_text: str, bindings: dict[str, object] | None = None,
                 timeout: float = 30.0) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT (or ASK) on a SPARQL endpoint; rows as kg.query.run_local formats them."""
    from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    target = _Endpoint(endpoint)
    text = bind_query(query_text, bindings)
    client = SPARQLWrapper(target.url)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    client.setTimeout(max(1, math.ceil(timeout)))   # SPARQLWrapper keeps whole seconds; 0 means none
    client.setMethod(POST if len(urllib.parse.quote(text)) > POST_OVER else GET)
    if target.user or target.password:
        client.setCredentials(target.user, target.password)
    try:
        answer = client.query()
        content_type = answer.response.headers.get("Content-Type", "") or ""
        raw = answer.response.read()
    except SPARQLWrapperException as err:
        code = {"EndPointNotFound": 404, "QueryBadFormed": 400, "Unauthorized": 401, "URITooLong": 414,
                "EndPointInternalError": 500}.get(type(err).__name__)
        raise target.error(f"HTTP {code} {type(err).__name__}" if code else type(err).__name__) from None
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise target.error(_describe(err)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        kind = content_type.split(";")[0].strip() or "no content type"
        raise target.error(f"not a SPARQL JSON results answer ({kind})")
    if "boolean" in data:
        return ["boolean"], [["true" if data["boolean"] else "false"]]
    results = data.get("results")
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise target.error("not a SPARQL JSON results answer (no results.bindings)")
    header = [str(v) for v in data["head"].get("vars", [])]
    rows = [[str(binding.get(var, {}).get("value", "")) for var in header] for binding in results["bindings"]]
    return header, rows
