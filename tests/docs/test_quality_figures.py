"""The suggester's quality figures in the README and the guide are the latest results."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "quality_table.py"
spec = importlib.util.spec_from_file_location("quality_table", SCRIPT)
quality_table = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quality_table)

# A share as the tables print it (0.834); prose that types one has copied a figure by hand.
SHARE = re.compile(r"\b[01]\.\d{3}\b")


def _between(path: Path, markers: tuple[str, str]) -> tuple[str, str]:
    """The generated text between the markers, and the document without it."""
    doc = path.read_text(encoding="utf-8")
    begin, end = markers
    before, rest = doc.split(begin)
    generated, after = rest.split(end)
    return generated.strip(), before + after


def test_the_readme_quality_table_is_the_latest_results():
    generated, _ = _between(quality_table.README, quality_table.FIGURES_MARKERS)
    assert generated == quality_table.render_figures(quality_table.load_sets()), (
        "README quality table is not bench/results/eval_quotes.json: "
        "run scripts/quality_table.py --update"
    )


def test_the_guide_reliability_tables_are_the_latest_results():
    generated, _ = _between(quality_table.GUIDE, quality_table.BANDS_MARKERS)
    assert generated == quality_table.render_bands(quality_table.load_sets())


def test_the_suggested_quotes_section_types_no_share_by_hand():
    _, readme = _between(quality_table.README, quality_table.FIGURES_MARKERS)
    section = readme.split("## Suggested quotes")[1].split("\n## ")[0]
    assert SHARE.search(section) is None, SHARE.search(section).group(0)


def test_a_written_set_renders_its_figures_and_bands(tmp_path):
    figures = {"pipeline": "blank-en+fa-0.6", "articles": 1, "gold": 12, "precision": 0.9,
               "recall": 0.75, "f1": 0.8181, "direct_recall": 1.0, "speaker_accuracy": 0.5,
               "offset_errors": 0, "measured": "2026-12-04T02:00:00Z",
               "reliability": [{"band": "0.8-0.9", "suggestions": 10, "mean_confidence": 0.84,
                                "share_right": 0.9}]}  # fmt: skip
    path = tmp_path / "eval_quotes.json"
    path.write_text(json.dumps({"sets": {"mine": figures}}), encoding="utf-8")
    sets = quality_table.load_sets(path)
    assert quality_table.render_figures(sets).splitlines()[2] == (
        "| mine (1 article, 12 gold quotes) | blank-en+fa-0.6 | 2026-12-04 | 0.900 | 0.750 "
        "| 0.818 | 1.000 | 0.500 | 0 |"
    )
    bands = quality_table.render_bands(sets).splitlines()
    assert bands[0] == "mine (1 article, 12 gold quotes), 10 suggestions scored:"
    assert bands[-1] == "| 0.8-0.9 | 10 | 0.840 | 0.900 |"
