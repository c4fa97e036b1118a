"""The README's benchmark figures are the latest results, never typed by hand."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
spec = importlib.util.spec_from_file_location("bench_tables", ROOT / "scripts" / "bench_tables.py")
bench_tables = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_tables)

FIGURE = re.compile(r"\d[\d,]*(\.\d+)?\s*(ms|s|×|x|%)(?![\w])")


def _generated() -> str:
    return README.split(bench_tables.BEGIN)[1].split(bench_tables.END)[0]


def test_every_figure_in_the_readme_is_in_the_latest_results():
    results, _skipped = bench_tables.load_results()
    rendered = set(bench_tables.render(results).splitlines())
    stale = [line for line in _generated().strip().splitlines() if line and line not in rendered]
    assert stale == [], (
        "README figures not in bench/results (run scripts/bench_tables.py --update README.md): "
        f"{stale[:3]}"
    )


def test_the_benchmarks_section_types_no_figure_by_hand():
    section = README.split("## Benchmarks")[1].split("\n## ")[0]
    prose = section.replace(_generated(), "")
    assert FIGURE.search(prose) is None, FIGURE.search(prose).group(0)


def test_any_results_file_renders_and_a_missing_or_foreign_one_is_skipped(tmp_path):
    (tmp_path / "window.json").write_text(
        json.dumps(
            {
                "bench": "window",
                "rows": [
                    {"measure": "open an article", "cpu_s": 0.0412, "wall_s": 0.05, "marks": 300},
                    {
                        "measure": "tag a quote",
                        "cpu_s": 0.02,
                        "wall_s": 0.03,
                        "peer": "bare",
                        "peer_cpu_s": 0.01,
                        "ratio_cpu": 2.0,
                        "goal_cpu_s": 0.03,
                        "meets_goal": True,
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "notes.json").write_text('["not a result"]', encoding="utf-8")
    results, skipped = bench_tables.load_results(tmp_path)
    assert skipped == ["notes.json"]
    text = bench_tables.render(results)
    assert "| open an article | 41.2 ms | 50.0 ms |  |  |  |  | marks 300 |" in text
    assert "| tag a quote | 20.0 ms | 30.0 ms | bare | 10.0 ms | 2.00× | ≤ 30.0 ms met |  |" in text
    assert bench_tables.render([]).startswith("_No benchmark results yet")


def test_a_row_measured_again_later_is_shown_only_from_the_newer_result():
    def result(bench, started, *measures):
        rows = [{"measure": m, "cpu_s": cpu, "wall_s": cpu} for m, cpu in measures]
        return {"bench": bench, "started": started, "rows": rows}

    old = result("scale", "2026-12-02T10:00:00", ("list", 0.5), ("open", 0.03))
    new = result("scale_list", "2026-12-03T10:00:00", ("list", 0.05))
    older = result("import", "2026-12-01T10:00:00", ("open", 0.9))
    lines = bench_tables.render([older, old, new]).splitlines()
    assert "| list | 50.0 ms | 50.0 ms |  |  |  |  |  |" in lines
    assert not any(line.startswith("| list | 0.50 s") for line in lines)
    assert "| open | 30.0 ms | 30.0 ms |  |  |  |  |  |" in lines
    assert "- 1 more rows were measured again later, in scale_list." in lines
    assert "**import**: every row was measured again later, in scale." in lines
