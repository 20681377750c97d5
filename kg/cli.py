"""The `kg` command line: wires the pipeline's steps together, nothing more."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# the syntaxes kg.export writes, named here so that --help does not load rdflib
EXPORT_FORMATS = ("jsonld", "nq", "nt", "trig", "ttl", "xml")


def cmd_build(args: argparse.Namespace) -> int:
    folder = Path(args.articles)
    if not folder.is_dir():
        print(f"kg build: {folder} is not a folder of articles", file=sys.stderr)
        return 2
    return _build_sources([str(folder.resolve())], Path(args.out), args.quiet, args.jobs)


def cmd_add(args: argparse.Namespace) -> int:
    from kg.store import previous_sources
    out = Path(args.out)
    sources = previous_sources(out)
    if not sources:
        print(f"kg add: {out} is not a build made by 'kg build' (no sources recorded in build.json)", file=sys.stderr)
        return 2
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        print(f"kg add: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    added = [str(Path(f).resolve()) for f in args.files if str(Path(f).resolve()) not in sources]
    return _build_sources(sources + added, out, args.quiet, args.jobs)


def _build_sources(sources: list[str], out: Path, quiet: bool, jobs: int | None) -> int:
    """Build from folders and files into OUT, reusing what the previous build there made."""
    from kg.build import stderr_progress
    from kg.store import build_into
    summary = build_into(out, [Path(s) for s in sources], jobs or default_jobs(), None if quiet else stderr_progress)
    for error in summary.problems:
        print(f"problem: {error}", file=sys.stderr)
    for file, shape, message in summary.violations:
        print(f"violation: {file}: {shape}: {message}", file=sys.stderr)
    print(f"built {summary.articles} articles ({len(summary.problems)} problems, {summary.reused} validations reused), "
          f"{summary.statements} statements → {out}; conforms: {summary.conforms}")
    return 0 if summary.conforms else 1


def default_jobs() -> int:
    """Worker processes for extraction: one per core this process may use."""
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Dataset
    from kg.store import load_dataset
    from kg.validate import summary, validate
    path = Path(args.file)
    data = Dataset(default_union=True)
    try:
        data = load_dataset(path) if path.is_dir() else data.parse(path)
    except FileNotFoundError as err:
        print(f"kg validate: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # rdflib raises many kinds of parse errors
        print(f"kg validate: {path}: cannot parse: {err}", file=sys.stderr)
        return 2
    result = validate(data)
    print(summary(result))
    return 0 if result.conforms else 1


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_rows, load_query, parse_params, run_local
    from kg.store import load_dataset
    from kg import oxstore
    from kg.remote import RemoteError, query_remote
    try:
        query = load_query(args.name)
        bindings = parse_params(query, args.param or [])
        if getattr(args, "endpoint", None):
            header, rows = query_remote(args.endpoint, query.text, bindings, getattr(args, "timeout", 30.0))
        elif oxstore.has_store(Path(args.inp)):
            header, rows = oxstore.run_query(oxstore.open_store(Path(args.inp)), query, bindings)
        else:
            header, rows = run_local(load_dataset(Path(args.inp)), query, bindings)
    except (LookupError, ValueError, FileNotFoundError, RemoteError) as err:
        print(f"kg query: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(format_rows(header, rows, args.format))
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.remote import RemoteError, push
    try:
        graphs, statements = push(Path(args.inp), args.endpoint, args.update_endpoint, timeout=args.timeout)
    except (RemoteError, FileNotFoundError) as err:
        print(f"kg push: {err}", file=sys.stderr)
        return 2
    print(f"pushed {graphs} graphs, {statements} statements → {args.update_endpoint or args.endpoint}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import export_build
    try:
        if not args.output:
            export_build(Path(args.inp), args.format, sys.stdout.buffer)
            return 0
        target = Path(args.output)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with open(partial, "wb") as handle:   # the file appears whole or not at all
                export_build(Path(args.inp), args.format, handle)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    except FileNotFoundError as err:
        print(f"kg export: {err}", file=sys.stderr)
        return 2
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.explain import explain, format_explanation
    from kg.read import read_article
    try:
        article = read_article(Path(args.file))
    except (ValueError, OSError) as err:
        print(f"kg extract: {args.file}: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(format_explanation(explain(article), args.format))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import cmd_serve as serve
    return serve(args)


def cmd_docs(args: argparse.Namespace) -> int:
    from kg.docs import cmd_docs as write_docs
    return write_docs(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kg", description="A knowledge graph of Vietnam's provincial party-state, "
                                                          "built from news articles.")
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="extract, validate and write the graph of a folder of articles")
    p.add_argument("articles", help="folder of .txt/.html articles (and an optional manifest.csv)")
    p.add_argument("--out", required=True, help="output folder (written whole or not at all)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    p.set_defaults(run=cmd_build)
    p = sub.add_parser("add", help="add article files to an existing build (rebuilds what changed)")
    p.add_argument("files", nargs="+", help=".txt/.html article files")
    p.add_argument("--out", required=True, help="the build folder to extend")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    p.set_defaults(run=cmd_add)
    p = sub.add_parser("validate",
                       help="validate an RDF file, or a build folder's graphs, against the project's SHACL shapes")
    p.add_argument("file", help="an RDF file, or a build folder")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("query", help="run a named query (queries/NAME.rq) or a .rq file")
    p.add_argument("name", help="query name or path to a .rq file")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--in", dest="inp", help="a build folder (its Oxigraph store if it has one)")
    where.add_argument("--endpoint", help="a SPARQL query endpoint URL instead of a build folder")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for --endpoint (default 30)")
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="bind a query parameter")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(run=cmd_query)
    p = sub.add_parser("push", help="upload a build's named graphs to a SPARQL store (replacing them)")
    p.add_argument("--in", dest="inp", required=True, help="a build folder")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL (e.g. http://host:7878/store)")
    p.add_argument("--update-endpoint", help="use SPARQL Update at this URL instead of the Graph Store Protocol")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each request (default 60)")
    p.set_defaults(run=cmd_push)
    p = sub.add_parser("export", help="write the graph in a standard RDF syntax")
    p.add_argument("--in", dest="inp", required=True, help="a build folder")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="ttl")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("extract", help="explain what one article yields: every mention, span, rule and entity")
    p.add_argument("file")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=cmd_extract)
    p = sub.add_parser("serve", help="serve the graph: linked data pages, a read-only SPARQL endpoint, named queries")
    p.add_argument("--in", dest="inp", required=True, help="a build folder")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=10.0, help="query time limit in seconds (default 10)")
    p.add_argument("--max-rows", type=int, default=10_000, help="largest result returned (default 10000)")
    p.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    p.add_argument("--base-url", help="the service's public URL for its VoID description (default: the Host header)")
    p.add_argument("--quiet", action="store_true", help="no request log")
    p.set_defaults(run=cmd_serve)
    p = sub.add_parser("docs", help="write bilingual HTML documentation of the ontology and the vocabularies")
    p.add_argument("--out", default="docs", help="output folder (default: docs)")
    p.set_defaults(run=cmd_docs)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


def run() -> None:
    """The `kg` command: main(), then an exit that skips tearing the interpreter down. A build holds millions of
    small objects (its index, the vocabularies' caches), and freeing them one by one at exit took a tenth of a
    rebuild; by the time main() returns, every output is written and closed."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
