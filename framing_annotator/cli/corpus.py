"""``framing-annotator corpus suggest|report``: corpora too big for a project, on Dask.

See docs/guide/corpus.md. Dask and pyarrow come with the ``corpus`` extra; without it
each command says in one line what to install.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

BAR = 30


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"a whole number, not {value!r}") from exc
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def register(subparsers: argparse._SubParsersAction) -> None:
    corpus = subparsers.add_parser(
        "corpus",
        help="suggest over corpora of millions of articles, on Dask",
        description="Suggest quotes over a corpus into Parquet files, and crosstab them. "
        "Needs the corpus extra: pip install 'framing-annotator[corpus]'.",
    )
    commands = corpus.add_subparsers(title="corpus commands", metavar="COMMAND")

    p = commands.add_parser(
        "suggest",
        help="suggest quotes for every article into Parquet files",
        description="Read folders of .txt, .md and .html files, CSV, JSONL and Parquet files "
        "(columns text, title, outlet, date, url), suggest quotes and speakers on Dask "
        "workers and write DIR/quotes/*.parquet and DIR/articles/*.parquet. Run again with "
        "the same arguments to resume: written partitions are skipped.",
    )
    p.add_argument("inputs", type=Path, nargs="+", metavar="INPUT", help="files or folders")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler (tcp://host:8786)"
    )
    where.add_argument(
        "--workers", type=_positive, metavar="N", help="local worker processes (default: cores)"
    )
    p.add_argument(
        "--pipeline", default="auto", help="auto (trained English if installed), blank, or a name"
    )
    p.add_argument(
        "--partition-size",
        type=_positive,
        default=1000,
        metavar="N",
        help="articles per partition and per output file (default 1000)",
    )
    p.add_argument(
        "--frames-from",
        type=Path,
        metavar="PROJECT",
        help="add each frame's probability, from the frame learner of --annotator in PROJECT",
    )
    p.add_argument("--annotator", metavar="NAME", help="with --frames-from: whose learner")
    p.set_defaults(handler=run_corpus_suggest)

    p = commands.add_parser(
        "report",
        help="crosstabs straight from the Parquet output",
        description="Count the suggested quotes of DIR by ROWS and COLS, with row and column "
        "shares and Wilson 95%% intervals, as the results of a project. With frames, a quote "
        "counts under each frame the learner gives it at least 0.5 for.",
    )
    p.add_argument("directory", type=Path, metavar="DIR", help="the --output of corpus suggest")
    p.add_argument("--rows", choices=("frame", "kind", "speaker"), default="frame")
    p.add_argument("--cols", choices=("outlet", "month", "kind"), default="outlet")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler")
    where.add_argument("--workers", type=_positive, metavar="N", help="threads on this machine")
    p.set_defaults(handler=run_corpus_report)

    corpus.set_defaults(handler=lambda args: _help(corpus))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class _ProgressBar:
    """``[#####-----] 3/10 partitions, 2,950 articles, 412/s, ETA 0:17`` on a terminal."""

    def __init__(self) -> None:
        self.show = sys.stderr.isatty()
        self.shown = False

    def __call__(self, state) -> None:  # noqa: ANN001 - corpus.run.Progress, imported lazily
        if not self.show:
            return
        filled = BAR * state.done // max(state.partitions, 1)
        bar = "#" * filled + "-" * (BAR - filled)
        print(
            f"\r[{bar}] {state.done}/{state.partitions} partitions, {state.articles:,} articles, "
            f"{state.rate:,.0f}/s, ETA {_duration(state.eta)} ",
            end="",
            file=sys.stderr,
            flush=True,
        )
        self.shown = True

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def run_corpus_suggest(args: argparse.Namespace) -> int:
    from ..corpus.run import require_corpus_extra, suggest_corpus

    if (args.frames_from is None) != (args.annotator is None):
        print("framing-annotator corpus suggest: error: --frames-from and --annotator go "
              "together", file=sys.stderr)  # fmt: skip
        return 2
    frames = None
    if args.frames_from is not None:
        from ..corpus.frames import load_frame_model

        require_corpus_extra()  # before the model is read, so the missing extra comes first
        frames = load_frame_model(args.frames_from, args.annotator)

    def on_start(link: str | None) -> None:
        if link:
            hint = "" if importlib.util.find_spec("bokeh") else " (pip install bokeh to see it)"
            print(f"Dask dashboard: {link}{hint}", file=sys.stderr)

    bar = _ProgressBar()
    try:
        summary = suggest_corpus(
            args.inputs,
            args.output,
            pipeline=args.pipeline,
            partition_size=args.partition_size,
            scheduler=args.scheduler,
            workers=args.workers,
            frames=frames,
            on_start=on_start,
            progress=bar,
        )
    except KeyboardInterrupt:
        bar.end()
        print(
            "interrupted: written partitions are kept; run the same command again to resume",
            file=sys.stderr,
        )
        return 130
    bar.end()
    for reason in summary.refusals:
        print(f"skipped: {reason}", file=sys.stderr)
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    print(
        f"{summary.written} partitions written, {summary.skipped} already done; "
        f"{summary.articles:,} articles ({summary.words:,} words), {summary.quotes:,} quotes, "
        f"{len(summary.refusals)} refused, in {summary.seconds:.1f} s ({rate:,.0f} articles/s) "
        f"after {summary.startup_seconds:.1f} s of startup, to {args.output}"
    )
    if summary.workers:
        print(_workers_line(summary))
    return 1 if summary.refusals else 0


def _workers_line(summary) -> str:  # noqa: ANN001 - corpus.run.RunSummary, imported lazily
    """How many workers, whether each loaded the pipeline once, and their CPU: what a run
    on more cores or a cluster will need."""
    loads = sorted(set(summary.pipeline_loads.values()))
    pipeline = (
        f"each loaded the pipeline {'once' if loads == [1] else f'{loads} times'}"
        if loads
        else "no pipeline loads reported"
    )
    per_cpu = summary.articles / summary.worker_cpu if summary.worker_cpu else 0.0
    return (
        f"{summary.workers} workers, {pipeline}; their CPU on the partitions "
        f"{summary.worker_cpu:,.1f} s ({per_cpu:,.0f} articles per CPU-second)"
    )


CSV_COLUMNS = ["row", "col", "row_label", "col_label", "count", "row_pct", "row_low", "row_high",
               "col_pct", "col_low", "col_high"]  # fmt: skip
"""The columns of ``framing-annotator report --format csv``, so one script reads both."""


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.1f}%"


def run_corpus_report(args: argparse.Namespace) -> int:
    import csv

    from ..corpus.report import corpus_crosstab
    from .output import print_json, print_table

    table = corpus_crosstab(
        args.directory, rows=args.rows, cols=args.cols, scheduler=args.scheduler,
        workers=args.workers,
    )  # fmt: skip
    if args.format == "json":
        print_json({"directory": str(args.directory), "crosstab": table.as_json()})
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(CSV_COLUMNS)
        for cell in table.cells:
            row = {**vars(cell), "row_label": cell.row, "col_label": cell.col}
            writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    else:
        print(f"{table.total} quotes ({args.directory})")
        print("Cells: quotes (share of the column's quotes).")
        headers = [table.rows, *table.col_categories, "all"]
        rows = []
        for r in table.row_categories:
            cells = [table.cell(r, c) for c in table.col_categories]
            share = table.row_totals[r] / table.total if table.total else None
            rows.append([r, *(f"{c.count} ({_pct(c.col_pct)})" for c in cells),
                         f"{table.row_totals[r]} ({_pct(share)})"])  # fmt: skip
        rows.append(["quotes", *(str(table.col_totals[c]) for c in table.col_categories),
                     str(table.total)])  # fmt: skip
        print_table(rows, headers)
    return 0


def run_import_suggestions(args: argparse.Namespace) -> int:
    """``import PROJECT --suggestions DIR [--sample N --seed S]``."""
    from ..corpus.sample import read_sample, store_sample
    from ..services.project import Project

    if args.files or args.annotations is not None:
        print(
            "framing-annotator import: error: --suggestions goes without FILES and --annotations",
            file=sys.stderr,
        )
        return 2
    sample = read_sample(args.suggestions, sample=args.sample, seed=args.seed)
    for reason in sample.refused:
        print(f"skipped: {reason}", file=sys.stderr)
    project = Project.open(args.project, create=True)  # only once the sample could be read
    try:
        report = store_sample(project, sample)
    finally:
        project.close()
    print(
        f"{report.added} imported, {report.duplicates} already in the project, "
        f"{len(sample.refused)} refused; {report.suggestions} suggestions stored"
    )
    return 1 if sample.refused else 0
