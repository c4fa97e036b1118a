"""The scale bench in its bounded form, so that it cannot rot: every path, tiny sizes."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_scale_runs_every_path_against_its_peer(tmp_path: Path) -> None:
    env = {**os.environ, "FA_BENCH_RESULTS": str(tmp_path), "FA_BENCH_CACHE": str(tmp_path),
           "PYTHONPATH": str(ROOT)}  # this checkout's code, not the installed one  # fmt: skip
    run = subprocess.run(
        [sys.executable, "bench/bench_scale.py", "--sizes", "60", "120", "--cap", "60"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads((tmp_path / "scale.json").read_text(encoding="utf-8"))
    measures = [row["measure"] for row in result["rows"]]
    for size in ("60", "120"):  # the cheap paths at every size
        for path in ("Project.open", "article list", "search filter", "backup of a changed",
                     "backup of an unchanged"):  # fmt: skip
            assert any(m.startswith(path) and f" {size} articles" in m for m in measures), path
    heavy_paths = ["import 60 articles", "quotes (annotation set", "agreement report"]
    if importlib.util.find_spec("pandas"):  # the CSV peer is a bench-only extra
        heavy_paths.append("CSV export")
    for heavy in heavy_paths:  # capped: measured at one size only (against one peer or two)
        sizes = [row["size"] for row in result["rows"] if heavy in row["measure"]]
        assert sizes and len(set(sizes)) == 1, heavy
    for row in result["rows"]:
        assert row["cpu_s"] > 0 and row["wall_s"] > 0 and row["runs"] >= 5, row
        assert row["peer_cpu_s"] > 0 and row["ratio_cpu"] > 0, row
    assert result["machine"]["cores"] and result["load_start"] is not None
    assert "CPU s" in run.stdout and "peer:" in run.stdout
