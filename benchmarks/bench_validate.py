"""Validation at scale: seconds kg.shacl_sparql.validate_store takes on many article graphs.

    .venv/bin/python benchmarks/bench_validate.py [GRAPHS ...]      # default 1000 10000

The sample article graphs are copied under new graph and node IRIs into one in-memory store
(persons, bodies and documents shared by about 25 graphs each, as in a real build), validated
twice; the faster time is printed, with the number of results, which must be the samples'
own violations times the copies (none when the samples conform).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build_folder  # noqa: E402
from kg.ontology import ontology_graph, shapes_graph  # noqa: E402
from kg.shacl_sparql import compile_shapes, validate_store  # noqa: E402

BASE = "https://w3id.org/vnps/id/"
_SHARED = re.compile(re.escape(BASE) + r"(person|org|document)/")
_OWN = re.compile(re.escape(BASE) + r"(?!place/|person/|org/|document/)")


def copied_quads(count: int, articles) -> Iterator[str]:
    lines = [(str(a.graph.identifier), a.graph.serialize(format="nt").splitlines()) for a in articles]
    for i in range(count):
        name, triples = lines[i % len(lines)]
        graph = _OWN.sub(f"{BASE}copy{i}/", f" <{name}> .\n")
        for triple in triples:
            if triple.endswith(" ."):
                yield _OWN.sub(f"{BASE}copy{i}/", _SHARED.sub(rf"{BASE}pool{i % 400}/\1/", triple[:-2])) + graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", nargs="*", type=int, default=[1000, 10000])
    args = parser.parse_args()
    articles = build_folder(ROOT / "data" / "articles").articles
    shapes = compile_shapes(shapes_graph(), ontology_graph())
    own = [len(a.validation.violations) for a in articles]
    for count in args.graphs:
        store = ox.Store()
        store.load("".join(copied_quads(count, articles)), format=ox.RdfFormat.N_QUADS)
        times = []
        for _ in range(2):
            start = time.perf_counter()
            found = validate_store(store, shapes)
            times.append(time.perf_counter() - start)
        results = sum(map(len, found.values()))
        expected = sum(own) * (count // len(articles)) + sum(own[: count % len(articles)])
        print(f"{count} graphs, {len(store)} quads: {min(times):.2f} s ({count / min(times):.0f} graphs/s), "
              f"{results} results (expected {expected})")


if __name__ == "__main__":
    main()
