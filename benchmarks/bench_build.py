"""Builds and queries at scale, on generated articles, as a user runs them.

    .venv/bin/python benchmarks/bench_build.py                         # sizes 100 1000 10000
    .venv/bin/python benchmarks/bench_build.py --sizes 1000 --repeat 20

For each size: `kg build` of the whole folder (wall time, articles/s, peak memory of the
build's whole process tree: the command, its extraction workers, validator and store
loader), the sizes of the N-Quads dump (OUT/graph/*.nq) and OUT/store; rebuilds after one
article changed (--rebuilds times) and one after nothing changed (the incremental path);
then p50/p95 latency of every named query on the build's embedded Oxigraph store (what
`kg query --in` uses), on an Oxigraph server over the SPARQL protocol (what `kg query --endpoint` uses), and on rdflib's in-memory Dataset
(loaded from the N-Quads dump), with the ratios. A query slower than --timeout on rdflib is
stopped and reported as a lower bound.
"""
from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
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


# --------------------------------------------------------------------------- builds

def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def timed_build(articles: Path, out: Path) -> dict:
    """`kg build` in its own process: wall seconds and the peak memory of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(articles), "--out", str(out), "--quiet"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kb(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"kg build exited {process.returncode}: {stderr[-2000:]}")
    return {"s": seconds, "peak_mb": peak / 1024, "summary": stdout.strip().splitlines()[-1]}


def change_one(articles: Path) -> None:
    """One article gains an official: the smallest edit a corpus sees."""
    path = sorted(articles.glob("*.txt"))[len(list(articles.glob("*.txt"))) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", "\n\nĐồng chí Phạm Văn Tư, Phó Chủ tịch UBND tỉnh phát biểu.\n\n", 1),
                    encoding="utf-8")
    old = time.time() - 10      # older than a build's "just written" window, as a file edited earlier is
    os.utime(path, (old, old))


# --------------------------------------------------------------------------- queries

def time_runs(run, repeat: int, budget: float) -> dict:
    """p50/p95 of up to `repeat` runs; stops repeating once `budget` seconds are spent."""
    times, rows = [], 0
    try:
        while len(times) < repeat and (not times or sum(times) < budget * 1000):
            start = time.perf_counter()
            rows = len(run()[1])
            times.append((time.perf_counter() - start) * 1000)
    except TimeoutError:
        return {"over": True}
    except Exception as err:   # noqa: BLE001 - reported, not fatal
        return {"error": f"{type(err).__name__}: {err}"[:80]}
    return {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "rows": rows, "runs": len(times)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_server(store: Path):
    """`oxigraph serve-read-only` on the build's store, on a free port; (process, endpoint URL)."""
    binary = Path(sys.executable).with_name("oxigraph")
    port = free_port()
    process = subprocess.Popen([str(binary if binary.exists() else "oxigraph"), "serve-read-only", "--location",
                                str(store), "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2).read()
            return process, endpoint
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the Oxigraph server did not start")


def query_oxigraph(out: Path, params: dict, repeat: int, budget: float) -> dict:
    from kg import oxstore
    from kg.query import list_queries, parse_params
    from kg.remote import query_remote
    store = oxstore.open_store(out)
    found = {}
    for query in list_queries():
        bindings = parse_params(query, params.get(query.name, []))
        found[query.name] = {"embedded": time_runs(lambda: oxstore.run_query(store, query, bindings), repeat, budget)}
    del store
    server, endpoint = oxigraph_server(oxstore.store_path(out))
    try:
        for query in list_queries():
            bindings = parse_params(query, params.get(query.name, []))
            found[query.name]["server"] = time_runs(lambda: query_remote(endpoint, query.text, bindings, 600.0),
                                                    repeat, budget)
    finally:
        server.terminate()
        server.wait()
    return found


def query_rdflib(out: Path, params: dict, repeat: int, budget: float, timeout: float) -> dict:
    """rdflib's in-memory Dataset of the build's N-Quads dump; each query stopped after `timeout` seconds."""
    from kg.query import list_queries, parse_params, run_local
    from kg.store import load_dataset

    def stop(signum, frame):
        raise TimeoutError
    signal.signal(signal.SIGALRM, stop)
    start = time.perf_counter()
    dataset = load_dataset(out)
    found = {"load_s": time.perf_counter() - start, "queries": {}}
    for query in list_queries():
        bindings = parse_params(query, params.get(query.name, []))

        def run(q=query, b=bindings):
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                return run_local(dataset, q, b)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        found["queries"][query.name] = time_runs(run, repeat, budget)
    return found


# --------------------------------------------------------------------------- one size

def one(size: int, seed: int, repeat: int, budget: float, timeout: float, work: Path, rebuilds: int) -> dict:
    from generate import generate
    articles, out = work / "articles", work / "out"
    summary = generate(size, articles, seed)
    figures: dict = {"size": size}
    figures["build"] = timed_build(articles, out)
    from kg.dumps import dump_bytes, dump_files
    figures["graph_nq_mb"] = sum(path.stat().st_size for path in dump_files(out)) / 1e6
    figures["store_mb"] = folder_size(out / "store") / 1e6
    figures["statements"] = sum(block.count(b"\n") for block in dump_bytes(out))
    figures["one_changed"] = []
    for _ in range(rebuilds):
        change_one(articles)
        figures["one_changed"].append(timed_build(articles, out))
    figures["nothing_changed"] = timed_build(articles, out)
    params = sample_params(summary)
    figures["queries"] = query_oxigraph(out, params, repeat, budget)
    rdflib = _rdflib_child(out, params, repeat, budget, timeout)
    figures["rdflib_load_s"] = rdflib.get("load_s")
    for name, timing in rdflib.get("queries", {}).items():
        figures["queries"][name]["rdflib"] = timing
    if "error" in rdflib:
        figures["rdflib_error"] = rdflib["error"]
    return figures


def _rdflib_child(out: Path, params: dict, repeat: int, budget: float, timeout: float) -> dict:
    """rdflib in a process of its own, so its memory is not the build's or the next size's."""
    child = subprocess.run([sys.executable, __file__, "--rdflib-child", str(out), "--repeat", str(repeat),
                            "--budget", str(budget), "--timeout", str(timeout), "--params", json.dumps(params)],
                           capture_output=True, text=True)
    if child.returncode != 0:
        return {"error": child.stderr.strip().splitlines()[-1] if child.stderr.strip() else f"exit {child.returncode}"}
    return json.loads(child.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- report

def _cell(timing: dict | None, timeout: float) -> tuple[str, str]:
    if not timing:
        return "-", "-"
    if timing.get("over"):
        return f"> {timeout:.0f} s", ""
    if "error" in timing:
        return "error", ""
    return f"{timing['p50']:.1f} ms", f"{timing['p95']:.1f} ms"


def _ratio(slow: dict | None, fast: dict | None, timeout: float) -> str:
    if not slow or not fast or "p50" not in fast or fast["p50"] <= 0:
        return "-"
    if slow.get("over"):
        return f"> {timeout * 1000 / fast['p50']:.0f}x"
    return f"{slow['p50'] / fast['p50']:.0f}x" if "p50" in slow else "-"


def report(f: dict, timeout: float) -> str:
    build = f["build"]
    changed = [run["s"] for run in f["one_changed"]]
    lines = [
        f"== {f['size']} articles, {f['statements']} statements",
        f"kg build: {build['s']:.1f} s ({f['size'] / build['s']:.0f} articles/s), peak memory {build['peak_mb']:.0f} MB "
        f"(the process tree); N-Quads dump {f['graph_nq_mb']:.0f} MB, OUT/store {f['store_mb']:.0f} MB",
        f"rebuild, one article changed, {len(changed)} times: median {percentile(changed, 0.5):.2f} s "
        f"({min(changed):.2f}-{max(changed):.2f} s, {max(r['peak_mb'] for r in f['one_changed']):.0f} MB); "
        f"nothing changed: {f['nothing_changed']['s']:.2f} s",
        f"rdflib load of the N-Quads dump: {f['rdflib_load_s']:.1f} s" if f.get("rdflib_load_s") else
        f"rdflib: {f.get('rdflib_error', 'not run')}",
        f"{'query':<24} {'rows':>6} {'oxigraph p50':>13} {'p95':>9} {'server p50':>11} {'p95':>9} "
        f"{'rdflib p50':>11} {'p95':>9} {'rdflib/oxigraph':>16}",
    ]
    for name, q in f["queries"].items():
        embedded, server, rdflib = q.get("embedded"), q.get("server"), q.get("rdflib")
        cells = [*_cell(embedded, timeout), *_cell(server, timeout), *_cell(rdflib, timeout)]
        rows = (embedded or {}).get("rows", "")
        lines.append(f"{name:<24} {rows:>6} {cells[0]:>13} {cells[1]:>9} {cells[2]:>11} {cells[3]:>9} "
                     f"{cells[4]:>11} {cells[5]:>9} {_ratio(rdflib, embedded, timeout):>16}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=10, help="runs of each query (default 10)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds after which a query is not repeated")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds an rdflib query may take (default 120)")
    parser.add_argument("--rebuilds", type=int, default=5, help="rebuilds after one article changed (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--rdflib-child", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rdflib_child:
        print(json.dumps(query_rdflib(Path(args.rdflib_child), json.loads(args.params), args.repeat, args.budget,
                                      args.timeout)))
        return 0
    # Python writes a module's bytecode at its first import, so a user's builds start from it; where
    # PYTHONDONTWRITEBYTECODE is set (as on the machine of RESULTS.md), every command would compile the project
    # again (about 40 ms), so it is compiled once here
    compileall.compile_dir(ROOT / "kg", quiet=1)
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
        try:
            figures = one(size, args.seed, args.repeat, args.budget, args.timeout, work, args.rebuilds)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(report(figures, args.timeout), flush=True)
        if args.json:
            print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
