"""``framing-annotator agreement PROJECT``: reliability coefficients for a project."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from ..agreement.project import AgreementReport, verdict
from ..services.agreement import agreement_report
from ..services.frames import suggestion_use, suggestion_use_line
from .opening import open_for_reading
from .output import print_json, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "agreement",
        help="inter-annotator agreement (Krippendorff's alpha, alpha_U, span F1)",
        description="Detection is alpha_U over the article texts; speaker, kind and each frame "
        "are nominal alpha over units of quotes that overlap by at least half of each. "
        "Values under 0.800 are tentative and under 0.667 unreliable (Krippendorff).",
    )
    p.add_argument("project", type=Path)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument(
        "--annotators", help="coders to compare, comma-separated (default: all but gold)"
    )
    p.add_argument("--articles", help="article ids, comma-separated (default: coded by all)")
    p.add_argument("--frames", help="frame keys, comma-separated (default: the whole codebook)")
    p.set_defaults(handler=run_agreement)


def _split(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def report_as_json(report: AgreementReport) -> dict:
    """The JSON shape of the agreement command (also what the GUI's table shows)."""
    return {
        "annotators": list(report.annotators),
        "coefficients": [
            {
                "variable": c.variable,
                "coefficient": c.coefficient,
                "level": c.level,
                "value": c.value,
                "units": c.units,
                "coders": c.coders,
                "verdict": verdict(c.value),
                "reason": c.reason,
            }
            for c in report.coefficients
        ],
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
        "disagreements": len(report.disagreements),
    }


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def run_agreement(args: argparse.Namespace) -> int:
    articles = _split(args.articles)
    project = open_for_reading(args.project)
    try:
        report = agreement_report(
            project.repo,
            annotators=_split(args.annotators),
            article_ids=[int(a) for a in articles] if articles else None,
            frame_keys=_split(args.frames),
        )
        # Frame suggestions learned from a coder's own coding can pull coders apart or
        # together: the report says who worked with them (issue 16).
        suggestions_line = suggestion_use_line(project.repo, report.annotators)
        use = suggestion_use(project.repo)
    except ValueError as exc:
        print(f"framing-annotator agreement: error: {exc}", file=sys.stderr)
        return 2
    finally:
        project.close()
    data = report_as_json(report)
    data["frame_suggestions_shown"] = {
        name: {"quotes": use[name][0], "accepted": use[name][1]}
        for name in report.annotators
        if name in use
    }
    if args.format == "json":
        print_json(data)
        return 0
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        columns = ["variable", "coefficient", "level", "value", "units", "coders", "verdict",
                   "reason"]  # fmt: skip
        writer.writerow(columns)
        for row in data["coefficients"]:
            writer.writerow([row[c] for c in columns])
        return 0
    articles = len(report.per_article)
    coders = ", ".join(report.annotators) or "none yet"
    print(f"{articles} article{'' if articles == 1 else 's'} coded by all of: {coders}")
    if suggestions_line:
        print(suggestions_line)
    if len(report.annotators) < 2:
        print(
            "Agreement needs at least two coders with quotes: code the articles as a second "
            "annotator, or merge another coder's project (framing-annotator merge)."
        )
    print_table(
        [
            (c["variable"], c["coefficient"], _number(c["value"]), c["units"], c["verdict"],
             c["reason"] or "")
            for c in data["coefficients"]
        ],
        ["variable", "coefficient", "value", "units", "verdict", "why undefined"],
    )  # fmt: skip
    if report.pairwise:
        print()
        print_table(
            [(f"{p.first} / {p.second}", _number(p.spans.f1), _number(p.detection))
             for p in report.pairwise],
            ["pair", "span F1", "alpha_U"],
        )  # fmt: skip
    print(f"\n{len(report.disagreements)} units with disagreements")
    return 0
