"""``framing-annotator suggest FILE...``: print suggested quotes (QUOTES.md contract).

The pipeline is loaded once and the files go through ``nlp.pipe`` in batches. A file
that cannot be read, is not UTF-8, is binary or is empty is reported on stderr in one
line and skipped; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..domain.errors import ImportRejected
from ..domain.suggest_contract import suggestion_record
from ..io.importers import decode_file


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``suggest`` subcommand to the top-level parser's subparsers."""
    parser = subparsers.add_parser(
        "suggest",
        help="suggest quotes and speakers in text files",
        description="Suggest direct, mixed and indirect quotes with their speakers.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="UTF-8 text files (with --all: one PROJECT)"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="store suggestions for every article of the project PROJECT that has none yet; "
        "interrupt with Ctrl+C and run again to resume",
    )
    parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    parser.add_argument(
        "--pipeline",
        default="auto",
        help="auto (a trained English pipeline if installed, else blank), blank, or a package",
    )
    parser.add_argument("--batch-size", type=int, default=32, help=argparse.SUPPRESS)
    parser.set_defaults(handler=run_suggest)


def _short(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _write_table(out: TextIO, records: list[dict[str, object]]) -> None:
    for r in records:
        speaker = str(r["speaker"] or "-")
        line = (f"{r['article']}\t{r['start']:>6}-{r['end']:<6} {r['kind']:<8} "
                f"{_short(speaker, 24):<24} {r['confidence']:.2f}  {_short(str(r['text']), 70)}")
        print(line, file=out)


def run_suggest(args: argparse.Namespace) -> int:
    """Handler of ``suggest``; returns the exit code."""
    if args.all:
        return run_suggest_project(args)
    from ..nlp import load_suggester  # spaCy loads only when the command runs

    failed = False
    queue: deque[tuple[str, str]] = deque()

    def texts() -> Iterator[str]:
        nonlocal failed
        for path in args.files:
            try:
                text = decode_file(Path(path))
            except ImportRejected as exc:
                print(f"framing-annotator suggest: skipped: {exc}", file=sys.stderr)
                failed = True
                continue
            queue.append((path, text))
            yield text

    suggester = load_suggester(args.pipeline)
    out = sys.stdout
    if args.format == "table":
        print(f"# pipeline {suggester.pipeline_name}", file=out)
    for suggestions in suggester.suggest_many(texts(), batch_size=args.batch_size):
        path, text = queue.popleft()
        records = [suggestion_record(path, text, s) for s in suggestions]
        if args.format == "jsonl":
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            _write_table(out, records)
    out.flush()
    return 1 if failed else 0


def run_suggest_project(args: argparse.Namespace) -> int:
    """``suggest PROJECT --all``: suggest for every article not yet read, resumably."""
    from ..services.project import Project
    from ..services.suggestions import load_suggester, suggest_articles

    if len(args.files) != 1:
        print("framing-annotator suggest: error: --all takes one PROJECT", file=sys.stderr)
        return 2
    path = Path(args.files[0])
    Project.open(path).close()  # a clear error now if it is not a project
    suggester = load_suggester(args.pipeline)
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            filled = int(30 * done / max(total, 1))
            bar = "#" * filled + "-" * (30 - filled)
            print(f"\r[{bar}] {done}/{total} articles", end="", file=sys.stderr, flush=True)

    try:
        done = suggest_articles(path, suggester, progress=progress)
    except KeyboardInterrupt:
        print("\ninterrupted: finished articles are saved; run again to resume", file=sys.stderr)
        return 130
    if show:
        print(file=sys.stderr)
    print(f"{done} articles suggested with {suggester.pipeline_name}")
    return 0
