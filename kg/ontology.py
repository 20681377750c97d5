"""The project's ontology, SKOS schemes and SHACL shapes as rdflib graphs.

The Turtle files under ontology/ are written against DEFAULT_BASE; they are read as
text and passed through kg.namespaces.rebase so KG_BASE_IRI moves them together with
the data. Graphs are cached: callers must treat them as read-only (copy before
changing one).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

from kg.namespaces import PREFIXES, rebase

# Repository root / ontology, independent of the current working directory.
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILES = ("vps.ttl", "concepts.ttl")
SHAPES_FILE = "shapes.ttl"


def _parse(graph: Graph, name: str) -> Graph:
    """Parse one re-based Turtle file from ONTOLOGY_DIR into graph."""
    text = (ONTOLOGY_DIR / name).read_text(encoding="utf-8")
    # publicID keeps relative IRIs (there should be none) from resolving to a local path.
    graph.parse(data=rebase(text), format="turtle", publicID=rebase("https://w3id.org/vnps/"))
    return graph


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


@cache
def ontology_graph() -> Graph:
    """The OWL ontology (vps.ttl) and the closed SKOS schemes (concepts.ttl), re-based."""
    graph = _new_graph()
    for name in ONTOLOGY_FILES:
        _parse(graph, name)
    return graph


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes (shapes.ttl), re-based."""
    graph = _new_graph()
    graph.bind("vpsh", rebase("https://w3id.org/vnps/shapes#"))
    return _parse(graph, SHAPES_FILE)
