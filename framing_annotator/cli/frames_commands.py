"""`framing-annotator frames suggest|evaluate PROJECT --annotator NAME`: learned frames."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.frames import DEFAULT_THRESHOLD
from ..services.frames import (
    FrameSettings,
    current_learner,
    evaluate_frames,
    suggest_frames,
    uncoded_quotes,
)
from ..services.project import Project
from .opening import open_for_reading
from .output import print_json, print_jsonl, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "frames",
        help="frame suggestions learned from one coder's own coding",
        description="A coder's frame learner reads only that coder's coded quotes (never "
        "another coder's, never gold). It starts at 20 coded quotes with 3 of each frame.",
    )
    commands = p.add_subparsers(title="frames commands", metavar="COMMAND")

    s = commands.add_parser(
        "suggest",
        help="suggest frames for NAME's quotes that have none",
        description="Trains NAME's model (or loads it when the coding has not changed) and "
        "prints every quote of NAME without frames, with every codebook frame, most "
        "probable first.",
    )
    s.add_argument("project", type=Path)
    s.add_argument("--annotator", required=True, metavar="NAME")
    s.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    s.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"suggest a frame at this probability or above (default {DEFAULT_THRESHOLD})",
    )
    s.set_defaults(handler=run_suggest)

    e = commands.add_parser(
        "evaluate",
        help="cross-validated precision, recall and F1 of NAME's frame suggestions",
        description="Cross-validation on NAME's coded quotes, with a learning curve at 25, "
        "50, 100, 200, 400 and all coded quotes: how far to trust the suggestions, and "
        "whether coding more would help.",
    )
    e.add_argument("project", type=Path)
    e.add_argument("--annotator", required=True, metavar="NAME")
    e.add_argument("--folds", type=int, default=5)
    e.add_argument("--format", choices=["table", "json"], default="table")
    e.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    e.set_defaults(handler=run_evaluate)
    p.set_defaults(handler=lambda _args: p.print_help() or 2)


def _check_threshold(value: float) -> None:
    if not 0.0 < value <= 1.0:
        raise SystemExit("framing-annotator frames: error: --threshold must be in (0, 1]")


def run_suggest(args: argparse.Namespace) -> int:
    _check_threshold(args.threshold)
    # Writable when it can be, so the model is stored; on a read-only medium the model
    # is trained in memory (or the stored one is used) and nothing is written.
    project = Project.open_for_window(args.project)
    if project.read_only_note:
        print(f"framing-annotator: note: {project.read_only_note}", file=sys.stderr)
    try:
        repo = project.repo
        training = current_learner(repo, args.annotator)
        assert training.learner is not None
        quotes = uncoded_quotes(repo, args.annotator)
        suggestions = suggest_frames(repo, training.learner, quotes, threshold=args.threshold)
        texts = {}
        for quote in quotes:
            if quote.article_id not in texts:
                texts[quote.article_id] = repo.article(quote.article_id).text
    finally:
        project.close()
    rows = []
    for quote, suggestion in zip(quotes, suggestions, strict=True):
        rows.append(
            {
                "quote_id": quote.uuid,
                "article_id": quote.article_id,
                "start": quote.start,
                "end": quote.end,
                "text": texts[quote.article_id][quote.start : quote.end],
                "frames": [
                    {"key": f.key, "probability": round(f.probability, 4)}
                    for f in suggestion.frames
                ],
                "suggested": [f.key for f in suggestion.frames if f.key in suggestion.suggested],
            }
        )
    if args.format == "jsonl":
        for row in rows:
            print_jsonl(row)
        return 0
    print(
        f"{len(rows)} quote{'' if len(rows) == 1 else 's'} of {args.annotator} without frames; "
        f"model trained on {training.trained_on} coded quotes ({training.how})",
        file=sys.stderr,
    )
    print_table(
        [
            (row["quote_id"][:8], row["article_id"], row["text"], ", ".join(row["suggested"]),
             " ".join(f"{f['key']}={f['probability']:.2f}" for f in row["frames"]))
            for row in rows
        ],
        ["quote", "article", "text", "suggested", "probabilities"],
    )  # fmt: skip
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    _check_threshold(args.threshold)
    project = open_for_reading(args.project)  # evaluating writes nothing
    try:
        curve = evaluate_frames(
            project.repo,
            args.annotator,
            folds=args.folds,
            settings=FrameSettings(threshold=args.threshold),
        )
    finally:
        project.close()
    final = curve.final
    data = {
        "annotator": args.annotator,
        "coded_quotes": curve.coded,
        "folds": curve.folds,
        "threshold": curve.threshold,
        "frames": [
            {"key": f.key, "precision": round(f.precision, 3), "recall": round(f.recall, 3),
             "f1": round(f.f1, 3), "support": f.support}
            for f in final.frames
        ],
        "macro": {"precision": round(final.macro_precision, 3),
                  "recall": round(final.macro_recall, 3), "f1": round(final.macro_f1, 3)},
        "learning_curve": [
            {"train_size": p.train_size, "macro_precision": round(p.macro_precision, 3),
             "macro_recall": round(p.macro_recall, 3), "macro_f1": round(p.macro_f1, 3)}
            for p in curve.points
        ],
    }  # fmt: skip
    if args.format == "json":
        print_json(data)
        return 0
    print(
        f"{args.annotator}: {curve.coded} coded quotes, {curve.folds}-fold cross-validation, "
        f"a frame suggested at probability >= {curve.threshold:g}; trained on "
        f"{final.train_size} quotes per fold"
    )
    print_table(
        [(f["key"], f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"{f['f1']:.3f}",
          f["support"]) for f in data["frames"]]
        + [("macro", f"{data['macro']['precision']:.3f}", f"{data['macro']['recall']:.3f}",
            f"{data['macro']['f1']:.3f}", "")],
        ["frame", "precision", "recall", "F1", "quotes"],
    )  # fmt: skip
    print("\nlearning curve (macro-averaged)")
    print_table(
        [(p["train_size"], f"{p['macro_precision']:.3f}", f"{p['macro_recall']:.3f}",
          f"{p['macro_f1']:.3f}") for p in data["learning_curve"]],
        ["coded quotes", "precision", "recall", "F1"],
    )  # fmt: skip
    return 0
