"""The `kg` command line: wires the pipeline's steps together, nothing more."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build_folder, stderr_progress
    from kg.store import report_text, write_build
    folder = Path(args.articles)
    if not folder.is_dir():
        print(f"kg build: {folder} is not a folder of articles", file=sys.stderr)
        return 2
    build = build_folder(folder, stderr_progress if not args.quiet else (lambda _: None))
    write_build(build, Path(args.out))
    for error in build.errors:
        print(f"problem: {error}", file=sys.stderr)
    for article in build.articles:
        for v in article.validation.violations:
            if v.severity.endswith("Violation"):
                print(f"violation: {article.resolved.facts.page.article.file}: {v.shape}: {v.message_en}", file=sys.stderr)
    quads = sum(1 for _ in build.dataset.quads((None, None, None, None)))
    print(f"built {len(build.articles)} articles ({len(build.errors)} problems), {quads} statements → {args.out}; "
          f"conforms: {build.conforms}")
    return 0 if build.conforms else 1


def cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Dataset
    from kg.validate import summary, validate
    path = Path(args.file)
    data = Dataset(default_union=True)
    try:
        data.parse(path)
    except Exception as err:  # rdflib raises many kinds of parse errors
        print(f"kg validate: {path}: cannot parse: {err}", file=sys.stderr)
        return 2
    result = validate(data)
    print(summary(result))
    return 0 if result.conforms else 1


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_rows, load_query, parse_params, run_local
    from kg.store import load_dataset
    try:
        query = load_query(args.name)
        bindings = parse_params(query, args.param or [])
        header, rows = run_local(load_dataset(Path(args.inp)), query, bindings)
    except (LookupError, ValueError, FileNotFoundError) as err:
        print(f"kg query: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(format_rows(header, rows, args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import export
    from kg.store import load_dataset
    try:
        dataset = load_dataset(Path(args.inp))
    except FileNotFoundError as err:
        print(f"kg export: {err}", file=sys.stderr)
        return 2
    text = export(dataset, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kg", description="A knowledge graph of Vietnam's provincial party-state, "
                                                          "built from news articles.")
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="extract, validate and write the graph of a folder of articles")
    p.add_argument("articles", help="folder of .txt/.html articles (and an optional manifest.csv)")
    p.add_argument("--out", required=True, help="output folder (written whole or not at all)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(run=cmd_build)
    p = sub.add_parser("validate", help="validate an RDF file against the project's SHACL shapes")
    p.add_argument("file")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("query", help="run a named query (queries/NAME.rq) or a .rq file")
    p.add_argument("name", help="query name or path to a .rq file")
    p.add_argument("--in", dest="inp", required=True, help="a build folder")
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="bind a query parameter")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(run=cmd_query)
    p = sub.add_parser("export", help="write the graph in a standard RDF syntax")
    p.add_argument("--in", dest="inp", required=True, help="a build folder")
    p.add_argument("--format", choices=sorted(EXPORT_FORMATS), default="ttl")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("extract", help="explain what one article yields: every mention, span, rule and entity")
    p.add_argument("file")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=cmd_extract)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
