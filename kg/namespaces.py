"""Namespaces and IRI roots of the graph.

Everything the project mints lives under one base IRI. It defaults to
DEFAULT_BASE and can be changed with the KG_BASE_IRI environment variable;
the ontology files are written against DEFAULT_BASE and re-based on load
(see kg.ontology), so one setting moves data and ontology together.
"""
from __future__ import annotations

import os

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, VOID, XSD, DCAT

DEFAULT_BASE = "https://w3id.org/vnps/"
BASE = os.environ.get("KG_BASE_IRI", DEFAULT_BASE)
if not BASE.endswith(("/", "#")):
    BASE += "/"



class _Namespace(Namespace):
    """A Namespace that makes each attribute's term once: rdflib makes a new URIRef at every
    access, and building a graph reads vps:evidence and its kin thousands of times."""

    def __getattr__(self, name: str):
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


VPS = _Namespace(BASE + "ontology#")
ID = _Namespace(BASE + "id/")
VOCAB = _Namespace(BASE + "vocab/")
GRAPH = _Namespace(BASE + "graph/")
OA = _Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "vps": VPS, "id": ID, "vocab": VOCAB, "org": ORG, "prov": PROV, "skos": SKOS,
    "dct": DCTERMS, "foaf": FOAF, "schema": SDO, "oa": OA, "time": TIME, "owl": OWL,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "sh": SH, "void": VOID, "dcat": DCAT,
}


def rebase(text: str) -> str:
    """Rewrite IRIs written against DEFAULT_BASE to the configured base."""
    return text if BASE == DEFAULT_BASE else text.replace(DEFAULT_BASE, BASE)
