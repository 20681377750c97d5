"""Build throughput and query latency on generated articles: rdflib against Oxigraph.

    .venv/bin/python benchmarks/bench_build.py                 # sizes 100 and 1000
    .venv/bin/python benchmarks/bench_build.py --sizes 100 --repeat 20

Each size runs in its own child process, so its peak memory (ru_maxrss) is its own. For each
size: articles/s of build_folder + write_build, build_folder ms per article (read, extract,
resolve, graph, validate), peak memory, graph.nq and OUT/store sizes, then p50/p95 latency of
every named query on the rdflib Dataset and on the Oxigraph store, with their ratio.
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def sample_params(summary) -> dict[str, list[str]]:
    person = Counter(summary.people).most_common(1)[0][0]
    province = Counter(summary.provinces).most_common(1)[0][0]
    return {
        "agreements-by-province": [f"province={province}", f"from={min(summary.years)}", f"to={max(summary.years) + 5}"],
        "implementing": ["wanted=114-KL/TW"],
        "person-timeline": [f"name={person}"],
        "post-holders": ["title=Chủ tịch", f"province={province}"],
    }


def time_query(run, repeat: int, budget: float) -> dict:
    """p50/p95 of up to `repeat` runs; stops repeating once `budget` seconds are spent."""
    times, rows = [], 0
    try:
        while len(times) < repeat and (not times or sum(times) < budget * 1000):
            start = time.perf_counter()
            rows = len(run()[1])
            times.append((time.perf_counter() - start) * 1000)
    except Exception as err:   # rdflib fails on some queries (e.g. GROUP_CONCAT over unbound)
        return {"error": f"{type(err).__name__}: {err}"[:80]}
    return {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "rows": rows, "runs": len(times)}


def one(size: int, seed: int, repeat: int, budget: float) -> dict:
    from generate import generate
    from kg import oxstore
    from kg.build import build_folder
    from kg.query import list_queries, parse_params, run_local
    from kg.store import GRAPH_NQ, load_dataset, write_build

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        articles, out = Path(tmp) / "articles", Path(tmp) / "out"
        summary = generate(size, articles, seed)
        start = time.perf_counter()
        build = build_folder(articles)
        built = time.perf_counter()
        write_build(build, out)
        written = time.perf_counter()
        store_seconds = None
        if not oxstore.has_store(out):          # until kg.store.write_build writes OUT/store itself
            oxstore.write_store(out / GRAPH_NQ, oxstore.store_path(out))
            store_seconds = time.perf_counter() - written
        problems = len(build.errors)
        del build
        figures = {
            "size": size, "articles": size, "problems": problems,
            "articles_per_s": size / (written - start),
            "build_ms_per_article": (built - start) * 1000 / size,
            "write_s": written - built,
            "store_load_s": store_seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "graph_nq_mb": (out / GRAPH_NQ).stat().st_size / 1e6,
            "store_mb": folder_size(oxstore.store_path(out)) / 1e6,
            "statements": sum(1 for _ in open(out / GRAPH_NQ, encoding="utf-8")),
        }
        start = time.perf_counter()
        dataset = load_dataset(out)
        figures["rdflib_load_s"] = time.perf_counter() - start
        start = time.perf_counter()
        store = oxstore.open_store(out)
        figures["oxigraph_open_s"] = time.perf_counter() - start
        params = sample_params(summary)
        figures["queries"] = {}
        for query in list_queries():
            bindings = parse_params(query, params.get(query.name, []))
            figures["queries"][query.name] = {
                "rdflib": time_query(lambda: run_local(dataset, query, bindings), repeat, budget),
                "oxigraph": time_query(lambda s=store: oxstore.run_query(s, query, bindings), repeat, budget),
            }
        del store
    return figures


def report(f: dict) -> str:
    store_load = f"{f['store_load_s']:.2f} s" if f["store_load_s"] is not None else "in write_build"
    lines = [
        f"== {f['size']} articles ({f['problems']} problems, {f['statements']} statements)",
        f"build+write: {f['articles_per_s']:.1f} articles/s; build_folder (extract, resolve, validate): "
        f"{f['build_ms_per_article']:.1f} ms/article; write_build: {f['write_s']:.2f} s; store bulk load: {store_load}",
        f"peak memory (ru_maxrss): {f['peak_mb']:.0f} MB; graph.nq: {f['graph_nq_mb']:.1f} MB; "
        f"OUT/store: {f['store_mb']:.1f} MB; rdflib load: {f['rdflib_load_s']:.2f} s; "
        f"oxigraph open: {f['oxigraph_open_s'] * 1000:.0f} ms",
        f"{'query':<24} {'rows':>6} {'rdflib p50':>11} {'p95':>9} {'oxigraph p50':>13} {'p95':>9} {'ratio p50':>10} {'runs':>6}",
    ]
    for name, q in f["queries"].items():
        r, o = q["rdflib"], q["oxigraph"]
        rows = o.get("rows", r.get("rows", ""))
        cells = []
        for side in (r, o):
            cells += ["error", ""] if "error" in side else [f"{side['p50']:.1f} ms", f"{side['p95']:.1f} ms"]
        ratio = f"{r['p50'] / o['p50']:.1f}x" if "p50" in r and "p50" in o and o["p50"] > 0 else "-"
        runs = "/".join(str(side.get("runs", "-")) for side in (r, o))
        lines.append(f"{name:<24} {rows:>6} {cells[0]:>11} {cells[1]:>9} {cells[2]:>13} {cells[3]:>9} {ratio:>10} {runs:>6}")
        for side, label in ((r, "rdflib"), (o, "oxigraph")):
            if "error" in side:
                lines.append(f"    {label}: {side['error']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="article counts (default 100 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=10, help="runs of each query (default 10)")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds after which a query is not repeated (default 20)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)   # child: one size, JSON out
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.seed, args.repeat, args.budget)))
        return 0
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(size), "--seed", str(args.seed),
                                "--repeat", str(args.repeat), "--budget", str(args.budget)],
                               capture_output=True, text=True)
        if child.returncode != 0:
            print(f"== {size} articles: failed\n{child.stderr[-2000:]}")
            continue
        print(report(json.loads(child.stdout.strip().splitlines()[-1])), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
