"""Named SPARQL queries (queries/*.rq): finding them, binding parameters, formatting rows."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import regex
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.graph import search_key
from kg.namespaces import rebase
from kg.normalize import document_number

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
_PARAM_LINE = regex.compile(r"^#\s*@param\s+(\w+)(?:\s+(\w+))?\s*(.*)$")
_TITLE_LINE = regex.compile(r"^#\s*@title\s+(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: dict[str, str]   # name → type (string, name, number, iri, date, year, integer)
    text: str


def load_query(name_or_path: str) -> NamedQuery:
    path = Path(name_or_path)
    if path.suffix != ".rq" or not path.exists():
        path = QUERY_DIR / f"{name_or_path}.rq"
    if not path.exists():
        known = ", ".join(q.name for q in list_queries())
        raise LookupError(f"no query named {name_or_path!r} (known: {known})")
    text = rebase(path.read_text(encoding="utf-8"))
    title, params, description = path.stem, {}, []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if (m := _TITLE_LINE.match(line)):
            title = m.group(1).strip()
        elif (m := _PARAM_LINE.match(line)):
            params[m.group(1)] = m.group(2) or "string"
        else:
            description.append(line.lstrip("# ").rstrip())
    return NamedQuery(path.stem, title, " ".join(d for d in description if d), params, text)


def list_queries() -> list[NamedQuery]:
    return [load_query(str(p)) for p in sorted(QUERY_DIR.glob("*.rq"))]


def bind_value(kind: str, raw: str):
    """A parameter's value as an RDF term: bound, never pasted into the query text."""
    if kind == "iri":
        return URIRef(raw)
    if kind == "date":
        return Literal(raw, datatype=XSD.date)
    if kind == "year":
        return Literal(raw, datatype=XSD.gYear)
    if kind == "integer":
        return Literal(int(raw), datatype=XSD.integer)
    if kind == "name":  # matched against skos:hiddenLabel, in any case or tone placement
        return search_key(raw)
    if kind == "number":  # a document's number, however its dashes are spaced
        return search_key(document_number(raw))
    return Literal(raw)


def parse_params(query: NamedQuery, pairs: list[str]) -> dict[str, object]:
    bound = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or name not in query.params:
            raise ValueError(f"query {query.name!r} takes {', '.join(query.params) or 'no parameters'}; got {pair!r}")
        bound[name] = bind_value(query.params[name], raw)
    # In the order the query declares them, whatever the order given: Oxigraph's planner
    # starts from the first VALUES block, so a query declares its most selective one first.
    return {name: bound[name] for name in query.params if name in bound}


def run_local(dataset: Dataset, query: NamedQuery, bindings: dict[str, object]) -> tuple[list[str], list[list[str]]]:
    result = dataset.query(query.text, initBindings=bindings)
    header = [str(v) for v in result.vars]
    rows = [["" if value is None else str(value) for value in row] for row in result]
    return header, rows


def format_rows(header: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(header, row)) for row in rows], ensure_ascii=False, indent=1) + "\n"
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]) + "\n"
