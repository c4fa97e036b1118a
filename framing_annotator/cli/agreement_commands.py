"""``framing-annotator agreement PROJECT``: reliability coefficients for a project."""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import asdict
from pathlib import Path

from ..agreement.bootstrap import DEFAULT_DRAWS, DEFAULT_SEED
from ..services.agreement import (
    Reliability,
    coefficient_rows,
    origin_counts,
    reliability,
    summary_line,
)
from ..services.diagnostics import diagnostics, suggester_rows, write_diagnostics
from ..services.frames import suggestion_use, suggestion_use_line
from .opening import open_for_reading
from .output import print_json, print_table

# The first eight as before the intervals came, so scripts that read columns by place still work.
CSV_COLUMNS = ["variable", "coefficient", "level", "value", "units", "coders", "verdict", "reason",
               "ci_low", "ci_high", "q_below_0667", "q_below_0800", "label", "name"]  # fmt: skip


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "agreement",
        help="inter-annotator agreement (Krippendorff's alpha, alpha_U, span F1) with intervals",
        description="Detection is alpha_U over the article texts; speaker, kind and each frame "
        "are nominal alpha over units of quotes that overlap by at least half of each. "
        "Each has a bootstrapped 95% interval and the share of resamples below 0.667 and "
        "0.800 (Hayes and Krippendorff 2007). Values under 0.800 are tentative and under "
        "0.667 unreliable (Krippendorff).",
    )
    p.add_argument("project", type=Path)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument(
        "--annotators", help="coders to compare, comma-separated (default: all but gold)"
    )
    p.add_argument("--articles", help="article ids, comma-separated (default: coded by all)")
    p.add_argument("--frames", help="frame keys, comma-separated (default: the whole codebook)")
    p.add_argument("--draws", type=int, default=DEFAULT_DRAWS,
                   help=f"bootstrap resamples for the intervals (default {DEFAULT_DRAWS}; "
                   "0: no intervals)")  # fmt: skip
    p.add_argument("--seed", type=int, default=DEFAULT_SEED,
                   help=f"seed of the resampling, for the same interval again "
                   f"(default {DEFAULT_SEED})")  # fmt: skip
    p.add_argument("--suggester", action="store_true",
                   help="also compare each pipeline's suggestions, as a coder named by the "
                   "pipeline, with every coder and gold")  # fmt: skip
    p.add_argument("--diagnostics", type=Path, metavar="OUT.csv|OUT.json",
                   help="write per-coder and per-article diagnostics to this file")  # fmt: skip
    p.add_argument("--plot", type=Path, metavar="OUT.svg|png|pdf",
                   help="also save a chart of every alpha with its 95%% interval")  # fmt: skip
    p.set_defaults(handler=run_agreement)


def _split(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def report_as_json(rel: Reliability, suggester: list | None = None) -> dict:
    """The JSON shape of the agreement command; its coefficients are the window's table."""
    report = rel.report
    data = {
        "annotators": list(report.annotators),
        "articles": rel.article_count,
        "units": rel.unit_count,
        "units_marked_by_two_or_more": rel.shared_unit_count,
        "bootstrap": {"draws": rel.draws, "seed": rel.seed, "resampled": "units; articles "
                      "for detection"},  # fmt: skip
        "coefficients": coefficient_rows(rel),
        "pairwise": [
            {
                "annotators": [p.first, p.second],
                "span_precision": p.spans.precision,
                "span_recall": p.spans.recall,
                "span_f1": p.spans.f1,
                "detection_alpha_u": p.detection,
            }
            for p in report.pairwise
        ],
        "per_article": [
            {"article_id": article_id, "detection_alpha_u": value}
            for article_id, value in report.per_article.items()
        ],
        "quote_origins": origin_counts(rel),
        "disagreements": len(report.disagreements),
    }
    if suggester is not None:
        data["suggester"] = [asdict(row) for row in suggester]
    return data


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _interval(row: dict) -> str:
    if row["ci_low"] is None:
        return "—"
    return f"[{row['ci_low']:.3f}, {row['ci_high']:.3f}]"


def run_agreement(args: argparse.Namespace) -> int:
    if args.draws < 0:
        print("framing-annotator agreement: error: --draws must be 0 or more", file=sys.stderr)
        return 2
    if args.plot and args.plot.suffix.lower() not in (".svg", ".png", ".pdf"):
        print(f"framing-annotator agreement: error: --plot must end in .svg, .png or .pdf, "
              f"not {args.plot.name!r}", file=sys.stderr)  # fmt: skip
        return 2
    articles = _split(args.articles)
    project = open_for_reading(args.project)
    try:
        rel = reliability(
            project.repo,
            annotators=_split(args.annotators),
            article_ids=[int(a) for a in articles] if articles else None,
            frame_keys=_split(args.frames),
            draws=args.draws,
            seed=args.seed,
        )
        suggested = suggester_rows(project.repo, rel) if args.suggester else None
        # Frame suggestions learned from a coder's own coding can pull coders apart or
        # together: the report says who worked with them (issue 16).
        suggestions_line = suggestion_use_line(project.repo, rel.report.annotators)
        use = suggestion_use(project.repo)
        if args.diagnostics:
            write_diagnostics(
                diagnostics(project.repo, rel, suggester=args.suggester), args.diagnostics
            )
        if args.plot:
            from ..services.charts import agreement_figure, save_figure  # matplotlib if asked

            save_figure(agreement_figure(coefficient_rows(rel)), args.plot)
    except ValueError as exc:
        print(f"framing-annotator agreement: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the diagnostics file or the chart could not be written
        print(f"framing-annotator agreement: error: cannot write {exc.filename}: "
              f"{exc.strerror or exc}", file=sys.stderr)  # fmt: skip
        return 1
    finally:
        project.close()
    data = report_as_json(rel, suggested)
    data["frame_suggestions_shown"] = {
        name: {"quotes": use[name][0], "accepted": use[name][1]}
        for name in rel.report.annotators
        if name in use
    }
    if args.format == "json":
        print_json(data)
        return 0
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(CSV_COLUMNS)
        for row in data["coefficients"]:
            writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
        return 0
    _print_tables(rel, data, suggestions_line)
    return 0


def _print_tables(rel: Reliability, data: dict, suggestions_line: str | None) -> None:
    print(summary_line(rel))
    if suggestions_line:
        print(suggestions_line)
    if len(rel.report.annotators) < 2:
        print(
            "Agreement needs at least two coders with quotes: code the articles as a second "
            "annotator, or merge another coder's project (framing-annotator merge)."
        )
    print_table(
        [
            (c["label"], c["name"], _number(c["value"]), _interval(c), _number(c["q_below_0667"]),
             _number(c["q_below_0800"]), c["units"], c["verdict"], c["reason"] or "")
            for c in data["coefficients"]
        ],
        ["variable", "coefficient", "value", "95% interval", "q(α<.667)", "q(α<.800)", "units",
         "verdict", "why undefined"],
    )  # fmt: skip
    if rel.intervals:
        print(f"Intervals: {rel.draws} bootstrap resamples of the units (articles for "
              f"detection), seed {rel.seed}.")  # fmt: skip
    if rel.report.pairwise:
        print()
        print_table(
            [(f"{p.first} / {p.second}", _number(p.spans.f1), _number(p.detection))
             for p in rel.report.pairwise],
            ["pair", "span F1", "αU (detection)"],
        )  # fmt: skip
    origins = data["quote_origins"]
    if origins:
        print()
        print_table(
            [(coder, n["quotes"], n["from_suggestions"]) for coder, n in origins.items()],
            ["coder", "quotes", "began as an accepted suggestion"],
        )
    if data.get("suggester") is not None:
        print()
        if not data["suggester"]:
            print("No suggestions on these articles: run framing-annotator suggest first.")
        else:
            print_table(
                [(s["pipeline"], s["against"], s["articles"], _number(s["detection"]),
                  _number(s["span_f1"]), _number(s["speaker"]), _number(s["kind"]))
                 for s in data["suggester"]],
                ["suggester", "against", "articles", "αU (detection)", "span F1", "α speaker",
                 "α kind"],
            )  # fmt: skip
    print(f"\n{len(rel.report.disagreements)} units with disagreements")
