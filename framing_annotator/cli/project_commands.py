"""The project commands: import, articles, info, search."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..services.project import Project
from . import exchange_commands
from .opening import open_for_reading
from .output import print_json, print_jsonl, print_table
from .progress import finish_search_index


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import",
        help="import article files into a project (created if missing)",
        description="Import .txt, .md, .html, .csv or .jsonl files. CSV and JSONL need a 'text' "
        "column and may have title, outlet, date and url. The same text is never imported twice. "
        "With --annotations, also import quotes exported as JSONL or .qdpx.",
    )
    p.add_argument("project", type=Path, help="the project file (.sqlite)")
    p.add_argument("files", type=Path, nargs="*", help="article files")
    p.add_argument(
        "--annotations",
        type=Path,
        metavar="FILE",
        help="an annotation set (.jsonl or .qdpx export) to bring into the project",
    )
    p.add_argument(
        "--suggestions",
        type=Path,
        metavar="DIR",
        help="articles and suggestions from a `corpus suggest` output folder (see --sample)",
    )
    p.add_argument("--sample", type=int, metavar="N", help="with --suggestions: N random articles")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="with --sample: the seed")
    p.set_defaults(handler=run_import)

    p = subparsers.add_parser("articles", help="list a project's articles with quote counts")
    p.add_argument("project", type=Path)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(handler=run_articles)

    p = subparsers.add_parser("info", help="describe a project")
    p.add_argument("project", type=Path)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(handler=run_info)

    p = subparsers.add_parser(
        "search",
        help="full-text search over quotes and articles",
        description="Every word of QUERY must occur. With --speaker or --frame only quotes are "
        "searched, and QUERY may be empty ('').",
    )
    p.add_argument("project", type=Path)
    p.add_argument("query", help="words to find (may be '' with --speaker or --frame)")
    p.add_argument("--speaker", help="only quotes by this speaker (canonical name or alias)")
    p.add_argument("--frame", help="only quotes with this frame key")
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.set_defaults(handler=run_search)


def run_import(args: argparse.Namespace) -> int:
    if args.suggestions is not None:
        from .corpus import run_import_suggestions

        return run_import_suggestions(args)
    if not args.files and args.annotations is None:
        print("framing-annotator import: error: give FILES or --annotations", file=sys.stderr)
        return 2
    project = Project.open(args.project, create=True)
    try:
        if not args.files:
            return exchange_commands.run_import_annotations(project, args.annotations)
        show = sys.stderr.isatty() and len(args.files) > 1

        def progress(done: int, total: int) -> None:
            if show:
                print(f"\rimporting {done}/{total}", end="", file=sys.stderr, flush=True)

        report = project.import_files(args.files, progress=progress)
        if show:
            print(file=sys.stderr)
        finish_search_index(project)
    finally:
        project.close()
    for _path, reason in report.rejected:
        print(f"skipped: {reason}", file=sys.stderr)
    print(
        f"{len(report.added)} imported, {len(report.duplicates)} already in the project, "
        f"{len(report.rejected)} rejected"
    )
    if args.annotations is not None:
        project = Project.open(args.project)
        try:
            if exchange_commands.run_import_annotations(project, args.annotations):
                return 1
        finally:
            project.close()
    return 0 if report.ok else 1


def run_articles(args: argparse.Namespace) -> int:
    project = open_for_reading(args.project)
    try:
        summaries = project.articles()
        details = project.article_details() if args.format == "json" else {}
    finally:
        project.close()
    if args.format == "json":
        print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "outlet": s.outlet,
                    "date": s.date,
                    "url": details[s.id].url,
                    "source": details[s.id].source,
                    "text_sha256": details[s.id].text_sha256,
                    "characters": details[s.id].length,
                    "quotes": s.quote_counts,
                    "status": s.statuses,
                }
                for s in summaries
            ]
        )
        return 0
    rows = [
        (
            s.id,
            s.title,
            s.outlet,
            s.date,
            ", ".join(f"{name}: {n}" for name, n in sorted(s.quote_counts.items())) or "-",
        )
        for s in summaries
    ]
    print_table(rows, ["id", "title", "outlet", "date", "quotes"])
    return 0


def run_info(args: argparse.Namespace) -> int:
    project = open_for_reading(args.project)
    try:
        info = project.info()
    finally:
        project.close()
    data = {
        "path": str(info.path),
        "schema_version": info.schema_version,
        "created_at": info.created_at,
        "created_by_version": info.app_version,
        "articles": info.articles,
        "suggestions": info.suggestions,
        "speakers": info.speakers,
        "codebook": info.codebook,
        "frames": list(info.frames),
        "quotes": info.quotes_by_annotator,
    }
    if args.format == "json":
        print_json(data)
        return 0
    data["frames"] = ", ".join(info.frames)
    data["quotes"] = (
        ", ".join(f"{name}: {n}" for name, n in info.quotes_by_annotator.items()) or "none yet"
    )
    print_table(list(data.items()), ["property", "value"])
    return 0


def run_search(args: argparse.Namespace) -> int:
    if not args.query.strip() and not (args.speaker or args.frame):
        print(
            "framing-annotator search: error: give a QUERY, --speaker or --frame", file=sys.stderr
        )
        return 2
    project = open_for_reading(args.project)
    try:
        hits = project.search(args.query, speaker=args.speaker, frame=args.frame)
    finally:
        project.close()
    if args.format == "jsonl":
        for hit in hits:
            print_jsonl(
                {
                    "type": hit.what,
                    "article_id": hit.article_id,
                    "title": hit.title,
                    "text": hit.text,
                    "start": hit.start,
                    "end": hit.end,
                    "quote_id": hit.quote_uuid,
                    "annotator": hit.annotator,
                    "speaker": hit.speaker,
                    "kind": hit.kind.value if hit.kind else None,
                    "frames": sorted(hit.frames),
                }
            )
        return 0
    rows = [
        (
            hit.what,
            hit.article_id,
            hit.annotator or "",
            hit.speaker or "",
            ";".join(sorted(hit.frames)),
            hit.text,
        )
        for hit in hits
    ]
    print_table(rows, ["type", "article", "annotator", "speaker", "frames", "text"])
    if not hits:
        print("no matches", file=sys.stderr)
    return 0
