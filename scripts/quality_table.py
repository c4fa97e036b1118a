"""Print the suggester's quality tables, generated from ``bench/results/eval_quotes.json``.

    python scripts/quality_table.py           # print both tables
    python scripts/quality_table.py --update  # also put them into README.md and docs/suggester.md

``bench/eval_quotes.py --write bench/results/eval_quotes.json --label NAME DIR`` adds one data
set to that file. The README shows every set's figures; ``docs/suggester.md`` shows every set's
reliability table (suggestions by confidence band with the share that was right).
``tests/docs/test_quality_figures.py`` fails when either file quotes a figure the results do
not hold, so the figures are never typed by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# The shared helper lives beside this file; tests load the script by path, so say where.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_markers import replace_between  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "eval_quotes.json"
README, GUIDE = ROOT / "README.md", ROOT / "docs" / "suggester.md"
FIGURES_MARKERS = ("<!-- quality-table -->", "<!-- /quality-table -->")
BANDS_MARKERS = ("<!-- reliability-bands -->", "<!-- /reliability-bands -->")


def load_sets(path: Path = RESULTS) -> dict[str, dict[str, Any]]:
    """The data sets ``eval_quotes.py --write`` recorded, by label, in the order written."""
    return json.loads(path.read_text(encoding="utf-8"))["sets"]


def _share(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else ""


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _data(label: str, figures: dict[str, Any]) -> str:
    articles, gold = _count(figures["articles"], "article"), _count(figures["gold"], "gold quote")
    return f"{label} ({articles}, {gold})"


def render_figures(sets: dict[str, dict[str, Any]]) -> str:
    """The README table: one row per data set."""
    lines = [
        "| data | pipeline | measured | precision | recall | F1 | direct + mixed recall "
        "| speaker accuracy | offset errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, f in sets.items():
        lines.append(
            f"| {_data(label, f)} | {f['pipeline']} | {f['measured'][:10]} "
            f"| {_share(f['precision'])} | {_share(f['recall'])} | {_share(f['f1'])} "
            f"| {_share(f['direct_recall'])} | {_share(f['speaker_accuracy'])} "
            f"| {f['offset_errors']} |"
        )
    return "\n".join(lines)


def render_bands(sets: dict[str, dict[str, Any]]) -> str:
    """The guide's reliability tables: one per data set."""
    parts = []
    for label, f in sets.items():
        bands = f.get("reliability") or []
        suggested = sum(band["suggestions"] for band in bands)
        parts.append(f"{_data(label, f)}, {_count(suggested, 'suggestion')} scored:")
        parts.append("")
        parts.append("| confidence | suggestions | mean confidence | share right |")
        parts.append("|---|---:|---:|---:|")
        parts.extend(
            f"| {band['band']} | {band['suggestions']:,} | {band['mean_confidence']:.3f} "
            f"| {band['share_right']:.3f} |"
            for band in bands
        )
        parts.append("")
    return "\n".join(parts).rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--update", action="store_true", help="rewrite them in README.md and docs/suggester.md"
    )
    args = parser.parse_args(argv)
    sets = load_sets()
    figures, bands = render_figures(sets), render_bands(sets)
    print(figures, bands, sep="\n\n")
    if args.update:
        replace_between(README, *FIGURES_MARKERS, figures)
        replace_between(GUIDE, *BANDS_MARKERS, bands)
    return 0


if __name__ == "__main__":
    sys.exit(main())
