"""SHACL validation of many article graphs at once, compiled to SPARQL over a pyoxigraph store.

Why: pyshacl (kg.validate, the reference for what "conforms" means) costs about 28 ms per
article graph, too slow for 10,000 articles. Here the shapes are compiled once into SPARQL
SELECT queries that validate every named graph of a store together, each graph on its own, as
if kg.validate.validate(graph) had been called on that graph alone, and give the same results.

How it stays fast (Oxigraph pays about a microsecond per intermediate row, so every quad
should be touched about once):

- sh:minCount 1: one anti-join per node shape, its focus nodes against all its properties.
- Everything else on a path is first *screened*: one aggregate per path flags the graphs where
  a node has two values (sh:maxCount) or a value that an expression does not prove acceptable,
  and anti-joins flag the graphs where a value lacks its sh:class or a sh:lessThan pair is not
  proven in order. Only flagged graphs then get the detailed queries, which find the nodes.
- sh:pattern is tested once per distinct value of its path, then the failures are located.
- The rest (sh:or, qualified shapes, sh:uniqueLang, SPARQL constraints) runs directly; the
  queries run on a thread pool (pyoxigraph releases the GIL while it evaluates).

How pyshacl's (0.40) semantics are kept (read its constraints/ package when changing this):

- pyshacl's data graph is the article graph plus the RDFS/OWL axioms it copies from the
  ontology ("inoculation"), computed here with pyshacl's own code: their rdf:type statements
  count for sh:class, their rdfs:subClassOf closure expands each sh:targetClass and sh:class
  into VALUES, and their statements about a node (the rdfs:label of an ontology term) are values
  of that node: the few graphs using such a node as a focus node get one exact query per
  property shape instead of the screens, which read the store only.
- Tests of the value alone (sh:datatype, sh:nodeKind, sh:languageIn, sh:in, sh:minInclusive and
  kin, sh:pattern) are decided in Python by pyshacl's rules on the rdflib term: rdflib's idea of
  an ill-typed literal, plain literals passing xsd:string, `re.search` on str() of an IRI,
  language ranges compared lower-cased, pyshacl's own compare_literal. SPARQL only narrows the
  rows down: a value is dropped only when an expression proves pyshacl accepts it.
- sh:lessThan / sh:lessThanOrEquals compare each pair in Python with rdflib's ordering (strings
  and IRIs as str; incomparable pairs fail), one result per failing pair, duplicates included;
  a blank node raises, as in pyshacl.
- sh:uniqueLang gives one result per duplicated lower-cased language, without sh:value.
- A SPARQL-based constraint's WHERE group is inlined next to the focus pattern inside GRAPH ?g,
  so $this is bound for every filter as pyshacl pre-binds it; rows are made distinct on
  ($this, ?path, ?value, other variables) as pyshacl does, an unbound ?value of a node shape
  reports the focus node, and messages keep their language tags (kg.validate restores them).

What a store cannot tell apart, so is refused or cannot match:

- pyoxigraph (0.5) stores every integer-derived datatype (xsd:nonNegativeInteger, xsd:int...)
  as xsd:integer and xsd:dateTimeStamp as xsd:dateTime, so a shape asking for one of them is
  refused at compile time (ontology/shapes.ttl uses xsd:integer with sh:minInclusive 0).
- RDF 1.1 stores make "x" and "x"^^xsd:string one term (values come back plain), keep language
  tags lower-cased, and write numbers, booleans and time zones canonically ("500.0"^^xsd:decimal
  comes back "500"): a reported sh:value is the stored form.
- The class hierarchy is the ontology's: validate_store refuses graphs whose own
  rdfs:subClassOf statements would change it, rather than answer differently.

A SHACL feature the compiler does not know raises NotImplementedError at compile time, so a
shape added later cannot be silently skipped. Timing: `KG_SHACL_BENCH=10000 pytest
tests/test_shacl_sparql.py -k bench -s` (the sample graphs copied into a store of that many).
"""
from __future__ import annotations

import operator
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import partial

import pyoxigraph as ox
from pyshacl.rdfutil.compare import compare_literal
from pyshacl.rdfutil.inoculate import inoculate
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.paths import Path as RdflibPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, _toPythonMapping

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
Row = tuple[OxTerm | None, ...]


# ---------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    """One validation result, carrying the nodes pyshacl puts in its report."""

    focus: Node
    path: Node | None  # the predicate, or the shapes graph's blank node of an inverse path
    source_shape: Node  # the shapes graph's node (a blank node for property shapes)
    constraint: URIRef  # the constraint component, e.g. sh:MinCountConstraintComponent
    severity: URIRef
    value: Node | None
    messages: tuple[Literal, ...]  # the sh:message literals, language tags kept
    source_constraint: Node | None = None  # the sh:sparql node of a SPARQL-based constraint


@dataclass(frozen=True)
class CompiledShapes:
    """Queries compiled from a shapes graph: build once per process, run on any store."""

    min_ones: tuple[_Query, ...]  # sh:minCount 1, a query per node shape
    direct: tuple[_Query, ...]  # the property shapes' branches run on every graph
    screens: tuple[_Screen, ...]  # and those run where a screen flags a graph
    sparql: tuple[_Query, ...]  # SPARQL-based constraints
    patterns: tuple[_PatternCheck, ...]
    exact: tuple[_Query, ...]  # every property shape in one query each, for background graphs
    hierarchy_guard: str  # finds graphs whose own rdfs:subClassOf would change a closure
    background_guard: str | None  # finds graphs needing the exact queries (see _background_guard)


@dataclass(frozen=True)
class _Check:
    """What one constraint of one shape reports."""

    source_shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None
    source_constraint: Node | None = None

    def result(self, focus: Node, value: Node | None = None, path: Node | None = None) -> Result:
        return Result(focus, self.path if path is None else path, self.source_shape, self.component,
                      self.severity, value, self.messages, self.source_constraint)


# ---------------------------------------------------------------------------------------
# Vocabulary of the compiler
# ---------------------------------------------------------------------------------------

# Variables of the generated queries; a SPARQL constraint must not use them.
G, K, V, W, T, X, C, B = "?shg", "?shk", "?shv", "?shw", "?sht", "?shx", "?shc", "?shb"
THIS = "?this"
NO_PATH, NO_VALUE = "?shpath", "?shvalue"  # stand in, unbound, for what a SPARQL constraint does not select
OWN_VARIABLES = frozenset(name[1:] for name in (G, K, V, W, T, X, C, B, NO_PATH, NO_VALUE))

# Datatypes pyoxigraph (0.5) stores as their base type (xsd:integer, xsd:dateTime), losing them.
OXIGRAPH_FOLDED_TYPES = frozenset(XSD[name] for name in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "dateTimeStamp"))
# sh:minInclusive and kin: the comparison of compare_literal(value, bound) with 0 that passes.
RANGES = {SH.minInclusive: (SH.MinInclusiveConstraintComponent, operator.ge),
          SH.minExclusive: (SH.MinExclusiveConstraintComponent, operator.gt),
          SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, operator.le),
          SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, operator.lt)}
SPARQL_OPERATORS = {operator.ge: ">=", operator.gt: ">", operator.le: "<=", operator.lt: "<"}

ANNOTATIONS = frozenset({SH.name, SH.description, SH.order, SH.group, SH.message, SH.severity})
NODE_SHAPE_KEYS = ANNOTATIONS | {SH.targetClass, SH.property, SH.sparql}
PROPERTY_SHAPE_KEYS = ANNOTATIONS | set(RANGES) | {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH.flags,
    SH.languageIn, SH["in"], SH.uniqueLang, SH["or"], SH.qualifiedValueShape, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.lessThan, SH.lessThanOrEquals}
NESTED_SHAPE_KEYS = frozenset({SH["class"], SH.languageIn, SH.nodeKind, SH["in"]})
SPARQL_KEYS = frozenset({SH.select, SH.message, SH.prefixes})
UNSUPPORTED_ANYWHERE = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.rule, SH.node,
                        SH["and"], SH["not"], SH.xone, SH.closed, SH.deactivated)
# Operators of a SPARQL constraint that cannot be inlined next to the focus pattern.
SPARQL_REJECTED = frozenset({
    "Minus", "MinusGraphPattern", "ToMultiSet", "values", "InlineData", "InlineDataOneVar", "InlineDataFull",
    "Group", "GroupClause", "AggregateJoin", "OrderBy", "OrderClause", "Slice", "ServiceGraphPattern", "Graph",
    "GraphGraphPattern", "SubSelect", "HavingClause", "Reduced"})


# ---------------------------------------------------------------------------------------
# Terms
# ---------------------------------------------------------------------------------------

def sparql_term(node: Node) -> str:
    """An rdflib IRI or literal in SPARQL syntax, escaped by pyoxigraph's serializer."""
    if isinstance(node, URIRef):
        return str(ox.NamedNode(str(node)))
    if isinstance(node, Literal):
        if node.language:
            return str(ox.Literal(str(node), language=node.language))
        if node.datatype is not None and node.datatype != XSD.string:
            return str(ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))))
        return str(ox.Literal(str(node)))
    raise NotImplementedError(f"blank node {node.n3()} cannot be written into a query")


def to_rdflib(term: OxTerm) -> Node:
    """A store term as the rdflib term pyshacl sees in the article graph (xsd:string plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _values(var: str, nodes: Iterable[Node]) -> str:
    return f"VALUES {var} {{ {' '.join(sorted(sparql_term(n) for n in nodes))} }}"


# ---------------------------------------------------------------------------------------
# pyshacl's rules on one rdflib value (True: the value fails)
# ---------------------------------------------------------------------------------------

PYTHON_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
                XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}


def fails_datatype(datatype: URIRef, value: Node) -> bool:
    """DatatypeConstraintComponent: ill-typed literals fail; plain literals pass xsd:string."""
    if not isinstance(value, Literal):
        return True
    if value.datatype == datatype:
        return bool(value.ill_typed) or not _python_type_matches(value, datatype)
    if datatype == RDFS.Literal or (datatype == RDFS.Datatype and value.datatype):
        return False
    if (value.datatype is None and value.language is None and datatype == XSD.string) or \
            (datatype == RDF.langString and value.language):
        return not _python_type_matches(value, datatype)
    return True


def _python_type_matches(value: Literal, datatype: URIRef) -> bool:
    return datatype not in PYTHON_TYPES or isinstance(value.value, PYTHON_TYPES[datatype])


def fails_node_kind(kind: URIRef, value: Node) -> bool:
    if isinstance(value, BNode):
        return kind not in (SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI)
    if isinstance(value, Literal):
        return kind not in (SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral)
    return kind not in (SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI)


def fails_language_in(languages: frozenset[str], value: Node) -> bool:
    """languages lower-cased; a tag also matches by its first subtag."""
    if not isinstance(value, Literal) or not value.language:
        return True
    lang = str(value.language).lower()
    return not ("*" in languages or lang in languages or lang.split("-")[0] in languages)


def fails_in(members: frozenset[Node], value: Node) -> bool:
    return value not in members


def fails_range(passes: Callable[[int, int], bool], bound: Literal, value: Node) -> bool:
    """sh:minInclusive and kin: only literals compare; a string against a non-string fails."""
    if not isinstance(value, Literal) or isinstance(value.value, str) != isinstance(bound.value, str):
        return True
    try:
        return not passes(compare_literal(value, bound), 0)
    except (TypeError, NotImplementedError):
        return True


def fails_pattern(pattern: re.Pattern, value: Node) -> bool:
    """PatternConstraintComponent: Python regex search in the value's string form."""
    if isinstance(value, BNode):
        return True
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        text = str(value.value)
    else:
        text = str(value)
    return not (pattern.match(text) or pattern.search(text))


def fails_comparison(strict: bool, value: Node, other: Node) -> bool:
    """sh:lessThan (strict) or sh:lessThanOrEquals on one pair: strings and IRIs compare as
    str, a string against a non-string fails, anything else uses rdflib's Literal ordering."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        raise ValueError("Cannot use sh:lessThan or sh:lessThanOrEquals to compare a BlankNode.")
    left, left_is_string = _comparable(value)
    right, right_is_string = _comparable(other)
    if left_is_string != right_is_string:
        return True
    return not (left < right if strict else left <= right)


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


# ---------------------------------------------------------------------------------------
# SPARQL expressions: exact tests, and proofs that pyshacl accepts a value
# ---------------------------------------------------------------------------------------

_DATE = '"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"'


def accepted_datatype(datatype: URIRef) -> str:
    """True only for values ?shv pyshacl's sh:datatype accepts (false when unsure)."""
    dt = sparql_term(datatype)
    literal = f"isLiteral({V}) && datatype({V}) = {dt}"
    if datatype == XSD.string or datatype not in _toPythonMapping or _toPythonMapping[datatype] is None:
        return literal  # rdflib keeps the lexical form, or does not parse it: never ill-typed
    if datatype == XSD.integer:  # a lexical form the store could not read stays as written
        return f"{literal} && sameTerm({dt}(STR({V})), {V})"
    if datatype == XSD.date:
        return (f"{literal} && REGEX(STR({V}), {_DATE}) && SUBSTR(STR({V}), 1, 4) != \"0000\" "
                f"&& sameTerm({dt}(STR({V})), {V})")
    if datatype == XSD.boolean:
        return f"{literal} && STR({V}) IN (\"true\", \"false\")"
    return "false"


def accepted_range(passes: Callable[[int, int], bool], bound: Literal) -> str:
    """True only for integer values ?shv within an integer bound (other bounds: Python)."""
    if bound.datatype != XSD.integer or not isinstance(bound.value, int):
        return "false"
    integer = sparql_term(XSD.integer)
    return f"isLiteral({V}) && datatype({V}) = {integer} && {V} {SPARQL_OPERATORS[passes]} {bound.value}"


def node_kind_test(kind: URIRef, var: str = V) -> str:
    tests = {SH.IRI: "isIRI", SH.Literal: "isLiteral", SH.BlankNode: "isBlank"}
    parts = {SH.BlankNodeOrIRI: (SH.BlankNode, SH.IRI), SH.BlankNodeOrLiteral: (SH.BlankNode, SH.Literal),
             SH.IRIOrLiteral: (SH.IRI, SH.Literal)}.get(kind, (kind,))
    if any(part not in tests for part in parts):
        raise NotImplementedError(f"sh:nodeKind {kind.n3()} is not a SHACL node kind")
    return "(" + " || ".join(f"{tests[part]}({var})" for part in parts) + ")"


def language_in_test(languages: frozenset[str], var: str = V) -> str:
    tagged = f"isLiteral({var}) && LANG({var}) != \"\""
    if "*" in languages:
        return f"({tagged})"
    listed = ", ".join(sparql_term(Literal(lang)) for lang in sorted(languages))
    first = f"IF(CONTAINS(LANG({var}), \"-\"), STRBEFORE(LANG({var}), \"-\"), LANG({var}))"
    return f"({tagged} && (LCASE(LANG({var})) IN ({listed}) || LCASE({first}) IN ({listed})))"


def accepted_language(languages: frozenset[str]) -> str:
    """True only for values sh:languageIn accepts: the store keeps language tags lower-cased."""
    if "*" in languages:
        return f"LANG({V}) != \"\""
    return f"LANG({V}) IN ({', '.join(sparql_term(Literal(lang)) for lang in sorted(languages))})"


def in_test(members: frozenset[Node], var: str = V) -> str:
    if any(isinstance(m, BNode) for m in members):
        raise NotImplementedError("sh:in with blank node members is not supported")
    return "(" + (" || ".join(f"sameTerm({var}, {sparql_term(m)})" for m in sorted(members)) or "false") + ")"


def accepted_comparison(strict: bool) -> str:
    """True only for pairs (?shv, ?shw) rdflib puts in the wanted order: two integers or two
    plain dates (anything else goes to Python)."""
    op = "<" if strict else "<="
    integer, xsd_date = sparql_term(XSD.integer), sparql_term(XSD.date)
    integers = f"isLiteral({V}) && isLiteral({W}) && datatype({V}) = {integer} && datatype({W}) = {integer}"
    dates = (f"isLiteral({V}) && isLiteral({W}) && datatype({V}) = {xsd_date} && datatype({W}) = {xsd_date} "
             f"&& REGEX(STR({V}), {_DATE}) && REGEX(STR({W}), {_DATE}) "
             f"&& sameTerm({xsd_date}(STR({V})), {V}) && sameTerm({xsd_date}(STR({W})), {W})")
    return f"(({integers}) || ({dates})) && {V} {op} {W}"


# ---------------------------------------------------------------------------------------
# Compile-time context: the shapes, and what pyshacl adds from the ontology
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    shapes: Graph
    background: Graph  # pyshacl's inoculation of the ontology, present in every data graph
    closures: set[frozenset[Node]]  # every class closure compiled, for the hierarchy guard

    def closure(self, classes: Iterable[Node]) -> frozenset[Node]:
        """The classes and their subclasses, as pyshacl's rdfs:subClassOf walk finds them."""
        closure = frozenset(sub for cls in classes for sub in self.background.transitive_subjects(RDFS.subClassOf, cls))
        self.closures.add(closure)
        return closure

    def instances(self, classes: frozenset[Node]) -> frozenset[Node]:
        """Nodes typed with one of the classes by the ontology axioms themselves."""
        return frozenset(s for cls in classes for s in self.background.subjects(RDF.type, cls))

    def hierarchy_guard(self) -> str:
        """Graphs stating X rdfs:subClassOf Y with Y in a compiled closure and X not in it:
        pyshacl would read that statement, the compiled closures cannot."""
        statement = f"GRAPH {G} {{ {X} {sparql_term(RDFS.subClassOf)} {C} }}"
        closures = sorted((c for c in self.closures if c), key=sorted)
        escapes = " UNION ".join(f"{{ {_values(C, c)} {statement} FILTER(!{in_test(c, X)}) }}" for c in closures)
        return f"SELECT DISTINCT {G} WHERE {{ {escapes} }} LIMIT 10"

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = list(self.shapes.objects(node, predicate))
        if len(values) > 1:
            raise NotImplementedError(f"{node.n3()} has several {predicate.n3()} values")
        return values[0] if values else None

    def integer(self, node: Node, predicate: URIRef) -> int | None:
        value = self.one(node, predicate)
        if value is not None and not (isinstance(value, Literal) and isinstance(value.value, int)):
            raise NotImplementedError(f"{node.n3()}: {predicate.n3()} must be an integer")
        return None if value is None else value.value

    def reject_unknown(self, node: Node, allowed: frozenset[URIRef], what: str) -> None:
        """NotImplementedError naming any SHACL predicate on `node` this compiler does not know."""
        for predicate in sorted(set(self.shapes.predicates(node, None))):
            if predicate.startswith(str(SH)) and predicate not in allowed:
                raise NotImplementedError(f"{what} {node.n3()}: sh:{predicate[len(str(SH)):]} "
                                          "is not supported by kg.shacl_sparql")

    def messages(self, shape: Node) -> tuple[Literal, ...]:
        messages = tuple(sorted(m for m in self.shapes.objects(shape, SH.message) if isinstance(m, Literal)))
        if not messages:
            raise NotImplementedError(f"shape {shape.n3()} has no sh:message; "
                                      "pyshacl's generic messages are not reproduced")
        return messages

    def severity(self, shape: Node) -> URIRef:
        return self.one(shape, SH.severity) or SH.Violation


# ---------------------------------------------------------------------------------------
# Paths and focus nodes
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Path:
    node: Node  # as written in the shapes graph: the result path
    predicate: URIRef
    inverse: bool
    background: tuple[tuple[Node, Node], ...]  # (focus, value) pairs from the ontology axioms

    def stored(self, focus: str, value: str) -> str:
        """A pattern binding `value` to each value of `focus` stated in graph ?shg."""
        p = sparql_term(self.predicate)
        return f"GRAPH {G} {{ {value} {p} {focus} }}" if self.inverse else f"GRAPH {G} {{ {focus} {p} {value} }}"

    def values(self, focus: str, value: str) -> str:
        """The same, with the values the ontology axioms give too, in each graph typing the node."""
        if not self.background:
            return self.stored(focus, value)
        rows = " ".join(f"({sparql_term(f)} {sparql_term(v)})" for f, v in self.background)
        given = f"VALUES ({focus} {value}) {{ {rows} }} GRAPH {G} {{ {focus} a {B} }}"
        return f"{{ {self.stored(focus, value)} }} UNION {{ {given} }}"


def _path(ctx: _Context, node: Node, shape: Node) -> _Path:
    if isinstance(node, URIRef):
        predicate, inverse = node, False
    elif isinstance(node, BNode) and set(ctx.shapes.predicates(node, None)) == {SH.inversePath} \
            and isinstance(ctx.shapes.value(node, SH.inversePath), URIRef):
        predicate, inverse = ctx.shapes.value(node, SH.inversePath), True
    else:
        raise NotImplementedError(f"property shape {shape.n3()}: only predicate and sh:inversePath paths are supported")
    pairs = []
    for s, o in ctx.background.subject_objects(predicate):
        focus, value = (o, s) if inverse else (s, o)
        if isinstance(focus, Literal):
            continue
        if isinstance(focus, BNode) or isinstance(value, BNode):
            raise NotImplementedError(f"{predicate.n3()}: the ontology axioms give it blank node values")
        pairs.append((focus, value))
    return _Path(node, predicate, inverse, tuple(sorted(pairs)))


@dataclass(frozen=True)
class _Focus:
    classes: frozenset[Node]  # the target classes with their subclasses

    def pattern(self, inside: str = "") -> str:
        """?this bound to each focus node of graph ?shg; `inside` joins it in the same group."""
        return f"{_values(T, self.classes)} GRAPH {G} {{ {THIS} a {T} . {inside}}}"


def _focus(ctx: _Context, shape: Node) -> _Focus:
    classes = ctx.closure(ctx.shapes.objects(shape, SH.targetClass))
    if ctx.instances(classes):
        raise NotImplementedError(f"{shape.n3()}: the ontology axioms have instances of its target classes")
    return _Focus(classes)


# ---------------------------------------------------------------------------------------
# Decoders: a row (value, witness...) of one focus node to its results
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Report:
    """One result per row; the row's value is reported when the constraint has one."""

    check: _Check
    with_value: bool

    def results(self, focus: Node, row: Row) -> list[Result]:
        return [self.check.result(focus, to_rdflib(row[0]) if self.with_value else None)]


@dataclass(frozen=True)
class _ValueTests:
    """A candidate value, judged by each test exactly as pyshacl judges it."""

    tests: tuple[tuple[_Check, Callable[[Node], bool]], ...]

    def results(self, focus: Node, row: Row) -> list[Result]:
        value = to_rdflib(row[0])
        return [check.result(focus, value) for check, fails in self.tests if fails(value)]


@dataclass(frozen=True)
class _Comparison:
    """A candidate pair (value, other), compared as pyshacl compares it."""

    check: _Check
    strict: bool

    def results(self, focus: Node, row: Row) -> list[Result]:
        value = to_rdflib(row[0])
        return [self.check.result(focus, value)] if fails_comparison(self.strict, value, to_rdflib(row[1])) else []


@dataclass(frozen=True)
class _SparqlRows:
    """Rows of a SPARQL-based constraint: (?path, ?value, other projected variables)."""

    check: _Check
    projects_this: bool

    def results(self, focus: Node, row: Row) -> list[Result]:
        path, value = (None if t is None else to_rdflib(t) for t in row[:2])
        if not self.projects_this and path is None and value is None:
            return []  # pyshacl ignores such a row
        return [self.check.result(focus, focus if value is None else value, path)]


Decoder = _Report | _ValueTests | _Comparison | _SparqlRows


@dataclass(frozen=True)
class _Query:
    """A SELECT of ?shg ?this ?shk and the row variables its decoders read (?shk: decoder index)."""

    text: str
    row_variables: tuple[str, ...]
    decoders: tuple[Decoder, ...]


# ---------------------------------------------------------------------------------------
# Property shapes: a UNION branch per constraint, sorted by how the fast path runs it
# ---------------------------------------------------------------------------------------

Branch = tuple[str, Decoder]


def _query(branches: list[Branch]) -> _Query:
    parts = [f"{{ {body} BIND({i} AS {K}) }}" for i, (body, _) in enumerate(branches)]
    text = f"SELECT {G} {THIS} {K} {V} {W} WHERE {{\n" + "\nUNION\n".join(parts) + "\n}"
    return _Query(text, (V, W), tuple(decoder for _, decoder in branches))


@dataclass
class _Plan:
    """One property shape's constraints. The exact query holds them all; the fast path runs
    sh:minCount 1 with the node shape's others, `direct` branches on every graph, and
    `screened` ones only on the graphs where the path's screen finds two values for one
    focus node or a value its `accepts` do not prove acceptable, or one of its `probes` finds
    something (a value without its class, a pair not proven in order)."""

    path: _Path
    focus: _Focus
    min_one: Decoder | None = None
    direct: list[Branch] = field(default_factory=list)
    screened: list[Branch] = field(default_factory=list)
    accepts: list[str] = field(default_factory=list)
    probes: list[str] = field(default_factory=list)  # more screens: SELECTs of graphs to look at
    duplicates: bool = False

    def exact(self) -> _Query | None:
        branches = [(self.count_below(None, 1), self.min_one)] if self.min_one else []
        branches += self.direct + self.screened
        return _query(branches) if branches else None

    def candidates(self, condition: str) -> str:
        """Rows (?this, ?shv) whose value meets the condition and ?this is a focus node; the
        focus pattern is only tried on those rows (IF keeps the optimizer from joining it)."""
        return f"{self.path.values(THIS, V)} FILTER(IF({condition}, EXISTS {{ {self.focus.pattern()} }}, false))"

    def count_below(self, condition: str | None, minimum: int) -> str:
        """Focus nodes with fewer than `minimum` values ?shx meeting the condition."""
        if minimum == 1:
            test = f" FILTER({condition})" if condition else ""
            return f"{self.focus.pattern()} FILTER NOT EXISTS {{ {self.path.values(THIS, X)}{test} }}"
        return self._count(condition, f"< {minimum}")

    def count_above(self, condition: str | None, maximum: int) -> str:
        """Focus nodes with more than `maximum` values ?shx meeting the condition."""
        if maximum == 1 and condition is None:
            pairs = f"{self.path.values(THIS, V)} {self.path.values(THIS, X)} FILTER(!sameTerm({V}, {X}))"
            return f"{{ SELECT DISTINCT {G} {THIS} WHERE {{ {pairs} }} }} {self.focus.pattern()}"
        return self._count(condition, f"> {maximum}")

    def _count(self, condition: str | None, comparison: str) -> str:
        test = f" FILTER({condition})" if condition else ""
        counted = (f"SELECT {G} {THIS} (COUNT(DISTINCT {X}) AS {W}) WHERE {{ {self.focus.pattern()} "
                   f"OPTIONAL {{ {self.path.values(THIS, X)}{test} }} }} GROUP BY {G} {THIS}")
        return f"{{ {counted} }} FILTER({W} {comparison})"


def _plan(ctx: _Context, focus: _Focus, shape: Node) -> _Plan:
    ctx.reject_unknown(shape, PROPERTY_SHAPE_KEYS, "property shape")
    plan = _Plan(_path(ctx, ctx.one(shape, SH.path), shape), focus)
    check = partial(_Check, shape, severity=ctx.severity(shape), messages=ctx.messages(shape), path=plan.path.node)
    _cardinality(ctx, shape, plan, check)
    _value_tests(ctx, shape, plan, check)
    _value_shapes(ctx, shape, plan, check)
    _pairs(ctx, shape, plan, check)
    return plan


def _cardinality(ctx: _Context, shape: Node, plan: _Plan, check: Callable[..., _Check]) -> None:
    minimum, maximum = ctx.integer(shape, SH.minCount), ctx.integer(shape, SH.maxCount)
    if minimum == 1 and not plan.path.inverse:
        plan.min_one = _Report(check(SH.MinCountConstraintComponent), False)
    elif minimum is not None and minimum > 0:
        plan.direct.append((plan.count_below(None, minimum), _Report(check(SH.MinCountConstraintComponent), False)))
    if maximum == 0:
        plan.direct.append((plan.count_above(None, 0), _Report(check(SH.MaxCountConstraintComponent), False)))
    elif maximum is not None:  # only a focus node with two values can break it
        plan.screened.append((plan.count_above(None, maximum), _Report(check(SH.MaxCountConstraintComponent), False)))
        plan.duplicates = True


def _value_tests(ctx: _Context, shape: Node, plan: _Plan, check: Callable[..., _Check]) -> None:
    """Tests of the value alone: one candidate branch, each candidate judged in Python."""
    tests: list[tuple[_Check, Callable[[Node], bool]]] = []
    accepted: list[str] = []
    if (datatype := ctx.one(shape, SH.datatype)) is not None:
        if datatype in OXIGRAPH_FOLDED_TYPES:
            raise NotImplementedError(f"{shape.n3()}: sh:datatype {datatype.n3()}, which pyoxigraph stores as its "
                                      "base type (for counts use xsd:integer with sh:minInclusive 0)")
        tests.append((check(SH.DatatypeConstraintComponent), partial(fails_datatype, datatype)))
        accepted.append(accepted_datatype(datatype))
    if (kind := ctx.one(shape, SH.nodeKind)) is not None:
        tests.append((check(SH.NodeKindConstraintComponent), partial(fails_node_kind, kind)))
        accepted.append(node_kind_test(kind))
    if (head := ctx.one(shape, SH.languageIn)) is not None:
        languages = _languages(ctx, head)
        tests.append((check(SH.LanguageInConstraintComponent), partial(fails_language_in, languages)))
        accepted.append(accepted_language(languages))
    if (head := ctx.one(shape, SH["in"])) is not None:
        members = frozenset(Collection(ctx.shapes, head))
        tests.append((check(SH.InConstraintComponent), partial(fails_in, members)))
        accepted.append(in_test(members))
    for key, (component, passes) in RANGES.items():
        for bound in sorted(ctx.shapes.objects(shape, key)):
            if not isinstance(bound, Literal):
                raise NotImplementedError(f"{shape.n3()}: {key.n3()} must be a literal")
            tests.append((check(component), partial(fails_range, passes, bound)))
            accepted.append(accepted_range(passes, bound))
    if tests:
        proof = " && ".join(f"COALESCE({a}, false)" for a in accepted)
        plan.screened.append((plan.candidates(f"!({proof})"), _ValueTests(tuple(tests))))
        plan.accepts.append(proof)


def _languages(ctx: _Context, head: Node) -> frozenset[str]:
    return frozenset(str(lang).lower() for lang in Collection(ctx.shapes, head))


def _class_test(ctx: _Context, cls: Node, var: str = V) -> str:
    """Exact: the value is an instance of cls (or a subclass) in the same graph."""
    closure = ctx.closure([cls])
    typed = f"(!isLiteral({var}) && EXISTS {{ {_values(C, closure)} GRAPH {G} {{ {var} a {C} }} }})"
    known = ctx.instances(closure)
    return f"({typed} || {in_test(known, var)})" if known else typed


def _untyped_probe(ctx: _Context, path: _Path, closure: frozenset[Node]) -> str:
    """Graphs with a value of the path not typed with the closure in that graph: an anti-join,
    cheaper than a lookup per value."""
    untyped = f"FILTER NOT EXISTS {{ {_values(C, closure)} GRAPH {G} {{ {V} a {C} }} }}"
    known = f" FILTER(!{in_test(known)})" if (known := ctx.instances(closure)) else ""
    return f"SELECT DISTINCT {G} WHERE {{ {path.stored(X, V)} {untyped}{known} }}"


def _nested_test(ctx: _Context, shape: Node, var: str) -> str:
    """Exact: the value conforms to a nested shape (a member of sh:or, a qualified shape)."""
    ctx.reject_unknown(shape, NESTED_SHAPE_KEYS, "nested shape")
    tests = [_class_test(ctx, cls, var) for cls in sorted(ctx.shapes.objects(shape, SH["class"]))]
    if (kind := ctx.one(shape, SH.nodeKind)) is not None:
        tests.append(node_kind_test(kind, var))
    if (head := ctx.one(shape, SH.languageIn)) is not None:
        tests.append(language_in_test(_languages(ctx, head), var))
    if (head := ctx.one(shape, SH["in"])) is not None:
        tests.append(in_test(frozenset(Collection(ctx.shapes, head)), var))
    return "(" + (" && ".join(tests) or "true") + ")"


def _value_shapes(ctx: _Context, shape: Node, plan: _Plan, check: Callable[..., _Check]) -> None:
    """sh:class, sh:or, sh:qualifiedValueShape and sh:uniqueLang: decided in SPARQL."""
    for cls in sorted(ctx.shapes.objects(shape, SH["class"])):
        report = _Report(check(SH.ClassConstraintComponent), True)
        plan.screened.append((plan.candidates(f"!{_class_test(ctx, cls)}"), report))
        plan.probes.append(_untyped_probe(ctx, plan.path, ctx.closure([cls])))
    if (head := ctx.one(shape, SH["or"])) is not None:
        either = " || ".join(_nested_test(ctx, member, V) for member in Collection(ctx.shapes, head))
        plan.direct.append((plan.candidates(f"!({either})"), _Report(check(SH.OrConstraintComponent), True)))
    if (qualified := ctx.one(shape, SH.qualifiedValueShape)) is not None:
        _qualified(ctx, shape, qualified, plan, check)
    unique = ctx.one(shape, SH.uniqueLang)
    if unique is not None and not (isinstance(unique, Literal) and isinstance(unique.value, bool)):
        raise NotImplementedError(f"{shape.n3()}: sh:uniqueLang must be a boolean")
    if unique is not None and unique.value:
        same = (f"{plan.path.values(THIS, V)} {plan.path.values(THIS, X)} FILTER(isLiteral({V}) && "
                f"!sameTerm({V}, {X}) && LANG({V}) != \"\" && LCASE(LANG({V})) = LCASE(LANG({X})))")
        languages = f"SELECT DISTINCT {G} {THIS} {W} WHERE {{ {same} BIND(LCASE(LANG({V})) AS {W}) }}"
        plan.direct.append((f"{{ {languages} }} {plan.focus.pattern()}",
                            _Report(check(SH.UniqueLangConstraintComponent), False)))


def _qualified(ctx: _Context, shape: Node, qualified: Node, plan: _Plan, check: Callable[..., _Check]) -> None:
    disjoint = ctx.one(shape, SH.qualifiedValueShapesDisjoint)
    if disjoint is not None and not (isinstance(disjoint, Literal) and disjoint.value is False):
        raise NotImplementedError(f"{shape.n3()}: sh:qualifiedValueShapesDisjoint is not supported")
    conforms = _nested_test(ctx, qualified, X)
    minimum, maximum = ctx.integer(shape, SH.qualifiedMinCount), ctx.integer(shape, SH.qualifiedMaxCount)
    if minimum is None and maximum is None:
        raise NotImplementedError(f"{shape.n3()}: sh:qualifiedValueShape without a qualified count")
    if minimum is not None and minimum > 0:
        report = _Report(check(SH.QualifiedMinCountConstraintComponent), False)
        plan.direct.append((plan.count_below(conforms, minimum), report))
    if maximum is not None:
        report = _Report(check(SH.QualifiedMaxCountConstraintComponent), False)
        plan.direct.append((plan.count_above(conforms, maximum), report))


def _pairs(ctx: _Context, shape: Node, plan: _Plan, check: Callable[..., _Check]) -> None:
    """sh:lessThan and sh:lessThanOrEquals: candidate pairs, compared in Python."""
    for key, strict, component in ((SH.lessThan, True, SH.LessThanConstraintComponent),
                                   (SH.lessThanOrEquals, False, SH.LessThanOrEqualsConstraintComponent)):
        for other in sorted(ctx.shapes.objects(shape, key)):
            if not isinstance(other, URIRef):
                raise NotImplementedError(f"{shape.n3()}: {key.n3()} must be an IRI")
            other_path = _path(ctx, other, shape)
            candidate = f"!COALESCE({accepted_comparison(strict)}, false)"
            both = f"{plan.path.values(THIS, V)} {other_path.values(THIS, W)}"
            plan.screened.append((f"{both} FILTER(IF({candidate}, EXISTS {{ {plan.focus.pattern()} }}, false))",
                                  _Comparison(check(component), strict)))
            pairs = f"{plan.path.stored(X, V)} {other_path.stored(X, W)}"
            plan.probes.append(f"SELECT DISTINCT {G} WHERE {{ {pairs} FILTER({candidate}) }}")


def _min_one_query(plans: list[_Plan]) -> _Query | None:
    """sh:minCount 1 of all a node shape's paths at once: one anti-join (values the ontology
    axioms give are left to the exact queries)."""
    plans = [p for p in plans if p.min_one and not p.path.inverse]
    if not plans:
        return None
    rows = " ".join(f"({sparql_term(p.path.predicate)} {i})" for i, p in enumerate(plans))
    body = (f"{plans[0].focus.pattern()} VALUES ({X} {K}) {{ {rows} }} "
            f"FILTER NOT EXISTS {{ GRAPH {G} {{ {THIS} {X} {C} }} }}")
    return _Query(f"SELECT {G} {THIS} {K} {V} {W} WHERE {{ {body} }}", (V, W), tuple(p.min_one for p in plans))


# ---------------------------------------------------------------------------------------
# Screens: one pass over a path's statements, flagging the graphs worth a closer look
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Screen:
    texts: tuple[str, ...]  # each selects graphs to look at
    details: tuple[_Query, ...]  # the screened branches of the plans on this path


def _screens(plans: list[_Plan]) -> list[_Screen]:
    by_path: dict[tuple[URIRef, bool], list[_Plan]] = defaultdict(list)
    for plan in plans:
        if plan.screened:
            by_path[(plan.path.predicate, plan.path.inverse)].append(plan)
    return [_Screen(_screen_texts(on_path), tuple(_query(p.screened) for p in on_path))
            for _, on_path in sorted(by_path.items())]


def _screen_texts(plans: list[_Plan]) -> tuple[str, ...]:
    """Graphs with a node having two values on the path or a value not proven acceptable (an
    aggregate, or a plain scan when no plan counts values), and the plans' probes."""
    statements = plans[0].path.stored(X, V)
    accepts = " && ".join(dict.fromkeys(a for p in plans for a in p.accepts))
    texts = [probe for p in plans for probe in p.probes]
    if any(p.duplicates for p in plans):
        flags = f"COUNT(*) != COUNT(DISTINCT {X})" + (f" || SUM(IF({accepts}, 0, 1)) > 0" if accepts else "")
        texts.insert(0, f"SELECT {G} WHERE {{ {statements} }} GROUP BY {G} HAVING ({flags})")
    elif accepts:
        texts.insert(0, f"SELECT DISTINCT {G} WHERE {{ {statements} FILTER(!({accepts})) }}")
    return tuple(dict.fromkeys(texts))


def _background_guard(plans: list[_Plan]) -> str | None:
    """Graphs where a node the ontology axioms give values to is a focus node of a shape on
    such a path: the fast path's screens read the store only, so these get the exact queries."""
    touched = [p for p in plans if p.path.background]
    if not touched:
        return None
    nodes = {focus for p in touched for focus, _ in p.path.background}
    classes = frozenset(c for p in touched for c in p.focus.classes)
    typed = f"GRAPH {G} {{ {THIS} a {T} }} FILTER({in_test(classes, T)})"  # a lookup per node, not a scan
    return f"SELECT DISTINCT {G} WHERE {{ {_values(THIS, nodes)} {typed} }}"


# ---------------------------------------------------------------------------------------
# sh:pattern: tested once per distinct value, then located
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _PatternCheck:
    path: _Path
    focus: _Focus
    tests: tuple[tuple[_Check, re.Pattern], ...]

    def distinct_values(self) -> str:
        """Every value of the path in the graphs (a superset of the focus nodes' values)."""
        return f"SELECT DISTINCT {V} WHERE {{ {self.path.values(X, V)} }}"

    def failing(self, values: Iterable[OxTerm]) -> list[OxTerm]:
        return [v for v in values if any(fails_pattern(p, to_rdflib(v)) for _, p in self.tests)]

    def locate(self, values: list[OxTerm]) -> _Query:
        """The focus nodes having one of the failing values."""
        named = [v for v in values if not isinstance(v, ox.BlankNode)]
        parts = []
        if named:
            parts.append(f"{{ VALUES {V} {{ {' '.join(map(str, named))} }} "
                         f"{self.path.values(THIS, V)} {self.focus.pattern()} }}")
        if len(named) < len(values):
            parts.append(f"{{ {self.path.values(THIS, V)} FILTER(isBlank({V})) {self.focus.pattern()} }}")
        decoder = _ValueTests(tuple((check, partial(fails_pattern, p)) for check, p in self.tests))
        return _Query(f"SELECT {G} {THIS} {K} {V} WHERE {{ {' UNION '.join(parts)} BIND(0 AS {K}) }}", (V,), (decoder,))


def _pattern_check(ctx: _Context, focus: _Focus, shape: Node) -> _PatternCheck | None:
    patterns = sorted(ctx.shapes.objects(shape, SH.pattern))
    if not patterns:
        return None
    flags = str(ctx.one(shape, SH.flags) or "").lower()
    # pyshacl honours these two flags only
    re_flags = (re.IGNORECASE if "i" in flags else 0) | (re.MULTILINE if "m" in flags else 0)
    path = _path(ctx, ctx.one(shape, SH.path), shape)
    check = _Check(shape, SH.PatternConstraintComponent, ctx.severity(shape), ctx.messages(shape), path.node)
    return _PatternCheck(path, focus, tuple((check, re.compile(_pattern_text(p), re_flags)) for p in patterns))


def _pattern_text(pattern: Node) -> str:
    if not isinstance(pattern, Literal):
        raise NotImplementedError(f"sh:pattern {pattern.n3()} is not a literal")
    return str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)


# ---------------------------------------------------------------------------------------
# SPARQL-based constraints
# ---------------------------------------------------------------------------------------

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def _where_group(text: str) -> tuple[int, int]:
    """Indexes of the braces around the query's WHERE group (skipping strings, IRIs, comments)."""
    depth, start, i = 0, -1, 0
    while i < len(text):
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif c == "<" and (m := _IRI.match(text, i)):
            i = m.end() - 1
        elif c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < len(text) and text[j:j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote) - 1
        elif c == "{":
            depth, start = depth + 1, start if depth else i
        elif c == "}":
            depth -= 1
            if depth == 0:
                return start, i
        i += 1
    raise NotImplementedError("SPARQL constraint without a WHERE group")


def _prefixes(ctx: _Context, constraint: Node) -> dict[str, str]:
    """sh:prefixes resolved as pyshacl's SPARQLQueryHelper.collect_prefixes does."""
    prefixes = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
    ontologies = set(ctx.shapes.subjects(RDF.type, OWL.Ontology))
    graph_declares = set(ctx.shapes.objects(ctx.shapes.identifier, SH.declare))
    global_declares = graph_declares | {d for o in ontologies for d in ctx.shapes.objects(o, SH.declare)}
    for holder in ctx.shapes.objects(constraint, SH.prefixes):
        own = set(ctx.shapes.objects(holder, SH.declare))
        for declare in (own | graph_declares) if own and holder in ontologies else (global_declares | own):
            prefixes[str(ctx.one(declare, SH.prefix))] = str(ctx.one(declare, SH.namespace))
    return prefixes


def _inspect(ctx: _Context, algebra: object, variables: set[str]) -> None:
    """Reject what cannot be inlined and triple patterns the ontology axioms could answer
    (they are not in the store); collect the variables."""
    if isinstance(algebra, CompValue):
        if algebra.name in SPARQL_REJECTED or algebra.name.startswith("Aggregate_"):
            raise NotImplementedError(f"SPARQL constraint uses {algebra.name}, which cannot be inlined")
        for triple in _triples(dict.get(algebra, "triples") or []):  # CompValue.get returns the key
            _inspect_triple(ctx, triple)
        children: Iterable[object] = algebra.values()
    elif isinstance(algebra, (list, tuple, set)):
        children = algebra
    else:
        if isinstance(algebra, Variable):
            variables.add(str(algebra))
        return
    for child in children:
        _inspect(ctx, child, variables)


def _triples(found: list) -> Iterable[list[Node]]:
    """Triples of an algebra BGP (a list of triples) or of a parse tree (flat s p o s p o lists)."""
    flat = [term for item in found for term in (item if isinstance(item, (list, tuple)) else [item])]
    return (flat[i:i + 3] for i in range(0, len(flat), 3))


def _inspect_triple(ctx: _Context, triple: list[Node]) -> None:
    _, predicate, obj = triple
    if isinstance(predicate, RdflibPath) or not isinstance(predicate, URIRef):
        raise NotImplementedError("SPARQL constraint with a variable predicate or a property path")
    if predicate == RDF.type and isinstance(obj, URIRef) and (None, RDF.type, obj) not in ctx.background:
        return
    if (None, predicate, None) in ctx.background:
        raise NotImplementedError(f"SPARQL constraint reads {predicate.n3()}, which the ontology axioms also state")


def _compile_sparql(ctx: _Context, node_shape: Node, focus: _Focus, constraint: Node) -> _Query:
    ctx.reject_unknown(constraint, SPARQL_KEYS, "SPARQL constraint")
    if set(ctx.shapes.objects(node_shape, SH.message)):
        raise NotImplementedError(f"{node_shape.n3()}: sh:message on a shape with sh:sparql is not supported")
    select = str(ctx.one(constraint, SH.select))
    messages = tuple(sorted(ctx.shapes.objects(constraint, SH.message)))
    if any(re.search(r"[$?](PATH|currentShape|shapesGraph|failure)\b|\{[$?]\w+\}", text)
           for text in (select, *map(str, messages))):
        raise NotImplementedError(f"SPARQL constraint {constraint.n3()}: $PATH, $currentShape, $shapesGraph, "
                                  "?failure and message templates are not supported")
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _prefixes(ctx, constraint).items())
    algebra = prepareQuery(prologue + select).algebra
    variables: set[str] = set()
    _inspect(ctx, algebra, variables)
    if variables & OWN_VARIABLES:
        raise NotImplementedError(f"SPARQL constraint uses reserved variables {sorted(variables & OWN_VARIABLES)}")
    start, end = _where_group(select)
    projected = [str(v) for v in algebra["PV"]]
    extra = [f"?{v}" for v in projected if v not in ("this", "path", "value")]
    path = "?path" if "path" in projected else NO_PATH
    value = "?value" if "value" in projected else NO_VALUE
    text = (f"{prologue}SELECT {G} {THIS} {K} {path} {value} {' '.join(extra)} "
            f"WHERE {{ {focus.pattern(select[start + 1:end])} BIND(0 AS {K}) }}")
    check = _Check(node_shape, SH.SPARQLConstraintComponent, ctx.severity(node_shape), messages, None, constraint)
    return _Query(text, (path, value, *extra), (_SparqlRows(check, "this" in projected),))


# ---------------------------------------------------------------------------------------
# Compiling
# ---------------------------------------------------------------------------------------

def compile_shapes(shapes: Graph, ontology: Graph) -> CompiledShapes:
    """Compile every shape with a sh:targetClass; NotImplementedError for unknown features."""
    background = Graph()
    inoculate(background, ontology)
    ctx = _Context(shapes, background, set())
    _reject_global_features(ctx)
    plans: list[_Plan] = []
    min_ones: list[_Query | None] = []
    sparql: list[_Query] = []
    patterns: list[_PatternCheck | None] = []
    for node_shape in sorted(set(shapes.subjects(SH.targetClass, None))):
        ctx.reject_unknown(node_shape, NODE_SHAPE_KEYS, "node shape")
        focus = _focus(ctx, node_shape)
        properties = sorted(shapes.objects(node_shape, SH.property))
        shape_plans = [_plan(ctx, focus, shape) for shape in properties]
        plans += shape_plans
        min_ones.append(_min_one_query(shape_plans))
        patterns += [_pattern_check(ctx, focus, shape) for shape in properties]
        sparql += [_compile_sparql(ctx, node_shape, focus, c) for c in sorted(shapes.objects(node_shape, SH.sparql))]
    return CompiledShapes(
        min_ones=tuple(q for q in min_ones if q), direct=tuple(_query(p.direct) for p in plans if p.direct),
        screens=tuple(_screens(plans)), sparql=tuple(sparql), patterns=tuple(p for p in patterns if p),
        exact=tuple(q for q in (p.exact() for p in plans) if q), hierarchy_guard=ctx.hierarchy_guard(),
        background_guard=_background_guard(plans))


def _reject_global_features(ctx: _Context) -> None:
    """Targets and shape kinds this compiler does not know, wherever they are."""
    for predicate in UNSUPPORTED_ANYWHERE:
        if (None, predicate, None) in ctx.shapes:
            raise NotImplementedError(f"sh:{predicate[len(str(SH)):]} is not supported by kg.shacl_sparql")
    if (None, RDF.type, SH.ConstraintComponent) in ctx.shapes:
        raise NotImplementedError("custom constraint components are not supported by kg.shacl_sparql")
    for shape in set(ctx.shapes.subjects(RDF.type, SH.NodeShape)) | set(ctx.shapes.subjects(SH.targetClass, None)):
        if (shape, RDF.type, RDFS.Class) in ctx.shapes or (shape, RDF.type, OWL.Class) in ctx.shapes:
            raise NotImplementedError(f"{shape.n3()}: implicit class targets are not supported")
        if (shape, SH.path, None) in ctx.shapes and (shape, SH.targetClass, None) in ctx.shapes:
            raise NotImplementedError(f"{shape.n3()}: property shapes with targets are not supported")


# ---------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------

def validate_store(store: ox.Store, compiled: CompiledShapes,
                   graphs: Iterable[str] | None = None) -> dict[str, list[Result]]:
    """Results per named graph IRI (only graphs with results), each graph validated on its
    own; restricted to `graphs` when given (the changed articles of an incremental build)."""
    wanted = None if graphs is None else set(graphs)
    if wanted is not None and not wanted:
        return {}
    scope = _scope(wanted)
    escaping = _graphs(store, compiled.hierarchy_guard, scope)
    if escaping := escaping if wanted is None else escaping & wanted:
        raise NotImplementedError(f"graphs extend the class hierarchy with rdfs:subClassOf, which the fast path "
                                  f"does not read: {sorted(escaping)[:10]}")
    exact = _graphs(store, compiled.background_guard, scope) if compiled.background_guard else set()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        run = partial(pool.submit, _rows, store)
        fast = [run(q, scope) for q in (*compiled.min_ones, *compiled.direct)]
        screens = [(s, [pool.submit(_graphs, store, text, scope) for text in s.texts]) for s in compiled.screens]
        everywhere = [run(q, scope) for q in compiled.sparql]
        everywhere += [run(q, _scope(exact)) for q in compiled.exact if exact]
        patterns = [(c, pool.submit(_distinct, store, c.distinct_values(), scope)) for c in compiled.patterns]
        for screen, flags in screens:  # the fast path's second step: the flagged graphs
            if flagged := set().union(*(f.result() for f in flags)):
                fast += [run(q, _scope(flagged)) for q in screen.details]
        for check, values in patterns:
            if failing := check.failing(values.result()):
                everywhere.append(run(check.locate(failing), scope))
        found = _merge([f.result() for f in fast], [e.result() for e in everywhere], exact)
    return found if wanted is None else {graph: results for graph, results in found.items() if graph in wanted}


# Up to this many graphs, queries are given them as their dataset (pyoxigraph's named_graphs),
# which is fast for a few graphs but slows down with each graph added; beyond it, every graph
# is validated and the results of the others are dropped.
SMALL_SCOPE = 500


def _scope(names: set[str] | None) -> list[ox.NamedNode] | None:
    return None if names is None or len(names) > SMALL_SCOPE else [ox.NamedNode(n) for n in sorted(names)]


def _merge(fast: list[dict[str, list[Result]]], everywhere: list[dict[str, list[Result]]],
           exact: set[str]) -> dict[str, list[Result]]:
    """All results by graph; for the graphs given the exact queries, the fast path's are dropped."""
    by_graph: dict[str, list[Result]] = defaultdict(list)
    for found in fast:
        for graph, results in found.items():
            if graph not in exact:
                by_graph[graph] += results
    for found in everywhere:
        for graph, results in found.items():
            by_graph[graph] += results
    return {graph: results for graph, results in by_graph.items() if results}


def _graphs(store: ox.Store, text: str, scope: list[ox.NamedNode] | None) -> set[str]:
    """The graph names a query selects as ?shg."""
    return {solution[0].value for solution in store.query(text, named_graphs=scope)}


def _rows(store: ox.Store, query: _Query, scope: list[ox.NamedNode] | None) -> dict[str, list[Result]]:
    """The query's distinct rows (graph, focus, row values, decoder index), decoded."""
    variables = [v[1:] for v in (G, THIS, *query.row_variables, K)]
    rows = {tuple(solution[v] for v in variables) for solution in store.query(query.text, named_graphs=scope)}
    by_graph: dict[str, list[Result]] = defaultdict(list)
    for graph, focus, *row, index in rows:
        by_graph[graph.value] += query.decoders[int(index.value)].results(to_rdflib(focus), tuple(row))
    return by_graph


def _distinct(store: ox.Store, text: str, scope: list[ox.NamedNode] | None) -> list[OxTerm]:
    return [solution[0] for solution in store.query(text, named_graphs=scope)]


# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------

def report_graph(results: list[Result], conforms: bool, *, shapes: Graph | None = None) -> Graph:
    """A SHACL validation report as pyshacl writes it; with `shapes`, blank source shapes,
    paths and SPARQL constraints are described too, as pyshacl copies them (ids kept)."""
    report = Graph()
    report.bind("sh", SH)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(conforms)))
    for result in results:
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        for predicate, obj in ((SH.focusNode, result.focus), (SH.resultPath, result.path),
                               (SH.resultSeverity, result.severity), (SH.sourceShape, result.source_shape),
                               (SH.sourceConstraintComponent, result.constraint), (SH.value, result.value),
                               (SH.sourceConstraint, result.source_constraint)):
            if obj is not None:
                report.add((node, predicate, obj))
                if shapes is not None:
                    _copy_blank(shapes, obj, report)
        for message in result.messages:
            report.add((node, SH.resultMessage, message))
    return report


def _copy_blank(source: Graph, node: Node, target: Graph) -> None:
    """The statements about a blank node, recursively through blank objects."""
    if not isinstance(node, BNode) or (node, None, None) in target:
        return
    for predicate, obj in source.predicate_objects(node):
        target.add((node, predicate, obj))
        _copy_blank(source, obj, target)
