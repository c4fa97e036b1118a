"""The exchange commands: ``export``, and ``import --annotations`` (docs/exports.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..services.exchange import (
    FORMATS,
    ExportOptions,
    export_annotations,
    import_annotation_file,
    output_paths,
)
from ..services.output_path import check_output_path, check_output_paths
from ..services.project import Project
from .opening import open_for_reading
from .progress import ProgressLine, finish_search_index


def _names(value: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in value.split(",") if part.strip())
    if not names:
        raise argparse.ArgumentTypeError("give at least one name")
    return names


def _ids(value: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in _names(value))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"article ids are numbers, not {value!r}") from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="export annotations as CSV, JSONL, spaCy DocBin or REFI-QDA",
        description="Export quotes with their speakers and frames. csv writes OUT and "
        "OUT_codebook.csv; qdpx writes OUT and a .qdc codebook beside it. Files are "
        "written whole or not at all. See docs/exports.md.",
    )
    p.add_argument("project", type=Path, help="the project file")
    p.add_argument("--format", choices=FORMATS, required=True, help="the export format")
    # A str, not a Path: Path drops a trailing "/", which says the user meant a folder.
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file")
    p.add_argument(
        "--annotators", type=_names, metavar="A,B", help="only these annotators (or: gold)"
    )
    p.add_argument("--articles", type=_ids, metavar="ID,...", help="only these article ids")
    p.add_argument(
        "--frames", type=_names, metavar="KEY,...", help="only quotes with one of these frames"
    )
    p.add_argument(
        "--suggestions", action="store_true", help="also export suggestions still pending"
    )
    p.add_argument("--excel", action="store_true", help="CSV for Excel (UTF-8 with a BOM)")
    p.set_defaults(handler=run_export)

    p = subparsers.add_parser(
        "merge",
        help="bring annotators' project files together into one",
        description="Merge every annotator's quotes (gold included) from each SOURCE into "
        "TARGET, created when absent. Articles match by text hash, annotators by name, "
        "speakers by canonical name, frames by key and quotes by UUID; merging again adds "
        "nothing. A quote that arrives changed is a conflict: reported, and TARGET keeps its "
        "own version.",
    )
    p.add_argument("target", type=Path, help="the project to merge into")
    p.add_argument("sources", type=Path, nargs="+", help="project files to merge from")
    p.set_defaults(handler=run_merge)


def run_export(args: argparse.Namespace) -> int:
    options = ExportOptions(
        annotators=args.annotators,
        articles=args.articles,
        frames=args.frames,
        suggestions=args.suggestions,
    )
    # Refused before the project is even opened: -o must never name a project, a
    # backup, a device or a folder (the export service checks again).
    check_output_path(args.output, project=args.project)
    out = Path(args.output)
    check_output_paths(output_paths(args.format, out), project=args.project)
    project = open_for_reading(args.project)
    progress = ProgressLine("exporting")
    try:
        result = export_annotations(
            project.repo, args.format, out, options, excel=args.excel, progress=progress
        )
    finally:
        progress.end()
        project.close()
    extra = f" and {result.suggestions} pending suggestions" if args.suggestions else ""
    print(
        f"{result.quotes} quotes{extra} from {result.documents} article/annotator pairs "
        f"written to {', '.join(map(str, result.paths))}"
    )
    return 0


def run_import_annotations(project: Project, path: Path) -> int:
    """``import PROJECT --annotations FILE``: bring an annotation set into the project."""
    progress = ProgressLine("importing annotations")
    try:
        result = import_annotation_file(project.repo, path, progress=progress)
    finally:
        progress.end()
    for conflict in result.conflicts:
        print(f"conflict: {conflict.describe()}; kept the project's", file=sys.stderr)
    finish_search_index(project)
    print(f"{path.name}: {result.summary()}")
    return 1 if result.conflicts else 0


def run_merge(args: argparse.Namespace) -> int:
    from ..services.merge import merge_projects

    line = ProgressLine("merging")
    merged = merge_projects(args.target, args.sources, progress=line)
    line.end()
    target = Project.open(args.target)
    try:
        finish_search_index(target)
    finally:
        target.close()
    conflicts = 0
    for item in merged:
        print(f"{item.source}: {item.result.summary()}")
        for conflict in item.result.conflicts:
            print(f"conflict: {conflict.describe()}; kept the target's", file=sys.stderr)
        conflicts += len(item.result.conflicts)
    return 1 if conflicts else 0
