"""``framing-annotator report PROJECT``: crosstabs of coded quotes, as a table and a chart."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from ..services.results import (
    CSV_COLUMNS,
    DIMENSIONS,
    Filters,
    category_labels,
    crosstab_csv_rows,
    project_crosstab,
    results_json,
)
from .opening import open_for_reading
from .output import print_json, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "report",
        help="crosstabs of quotes (frames by outlet, speaker type, month, annotator) and a chart",
        description="Counts, row and column percentages with Wilson 95% intervals, and the "
        "top speakers with their frames. A quote with several frames counts once per frame, "
        "so column percentages of frames can add up to more than 100%.",
    )
    p.add_argument("project", type=Path)
    p.add_argument("--rows", choices=DIMENSIONS, default="frame")
    p.add_argument("--cols", choices=DIMENSIONS, default="outlet")
    p.add_argument("--annotator", metavar="NAME|gold",
                   help="whose quotes to count (default: gold where it exists, else every "
                   "coder)")  # fmt: skip
    p.add_argument("--outlets", help="only these outlets, comma-separated")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", default="",
                   help="only articles dated on or after this day")  # fmt: skip
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", default="",
                   help="only articles dated on or before this day")  # fmt: skip
    p.add_argument("--top", type=int, default=10, help="how many top speakers (default 10)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--plot", type=Path, metavar="OUT.svg|png|pdf",
                   help="also save the chart: stacked bars, or lines by month")  # fmt: skip
    p.add_argument("--theme", choices=["light", "dark"], default="light",
                   help="the chart's colours (default light)")  # fmt: skip
    p.set_defaults(handler=run_report)


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.1f}%"


def run_report(args: argparse.Namespace) -> int:
    if args.plot and args.plot.suffix.lower() not in (".svg", ".png", ".pdf"):
        print(f"framing-annotator report: error: --plot must end in .svg, .png or .pdf, not "
              f"{args.plot.name!r}", file=sys.stderr)  # fmt: skip
        return 2
    if args.top < 0:
        print("framing-annotator report: error: --top must be 0 or more", file=sys.stderr)
        return 2
    outlets = tuple(o.strip() for o in (args.outlets or "").split(",") if o.strip())
    filters = Filters(args.annotator, outlets, args.date_from, args.date_to)
    project = open_for_reading(args.project)
    try:
        table, found = project_crosstab(project.repo, args.rows, args.cols, filters)
    finally:
        project.close()
    labels = category_labels(table, found)
    if args.plot:
        from ..services.charts import crosstab_figure, save_figure  # matplotlib only when asked

        try:
            save_figure(crosstab_figure(table, labels, theme=args.theme), args.plot)
        except OSError as exc:
            print(f"framing-annotator report: error: cannot write {args.plot}: "
                  f"{exc.strerror or exc}", file=sys.stderr)  # fmt: skip
            return 1
    data = results_json(table, found, args.top)
    if args.format == "json":
        print_json(data)
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(crosstab_csv_rows(table, labels))
    else:
        _print_tables(table, found, labels, data)
    if args.plot:
        print(f"chart saved to {args.plot}", file=sys.stderr)
    return 0


def _print_tables(table, found, labels, data) -> None:
    print(f"{table.total} quotes ({found.description})")
    print(f"Cells: quotes (share of the column's quotes). {labels.get(table.rows, '')}".rstrip())
    headers = [table.rows, *(labels[c] for c in table.col_categories), "all"]
    rows = []
    for r in table.row_categories:
        cells = [table.cell(r, c) for c in table.col_categories]
        share = table.row_totals[r] / table.total if table.total else None
        rows.append([labels[r], *(f"{c.count} ({_pct(c.col_pct)})" for c in cells),
                     f"{table.row_totals[r]} ({_pct(share)})"])  # fmt: skip
    rows.append(["quotes", *(str(table.col_totals[c]) for c in table.col_categories),
                 str(table.total)])  # fmt: skip
    print_table(rows, headers)
    if data["top_speakers"]:
        print()
        print_table(
            [(s["speaker"], s["speaker_type"], s["quotes"],
              ", ".join(f"{found.frame_labels.get(k, k)} {n}" for k, n in s["frames"].items()))
             for s in data["top_speakers"]],
            ["speaker", "type", "quotes", "frames"],
        )  # fmt: skip
