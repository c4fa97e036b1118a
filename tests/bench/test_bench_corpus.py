"""The corpus bench in its bounded form, so that it cannot rot: every row, a tiny corpus.

The full size (20,000 articles, about half an hour) is ``python bench/bench_corpus.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[2]


def test_bench_corpus_times_both_phases_of_1_and_2_workers_against_one_process(tmp_path):
    env = {**os.environ, "FA_BENCH_RESULTS": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "bench/bench_corpus.py", "--articles", "16", "--partition-size", "4"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads((tmp_path / "corpus.json").read_text(encoding="utf-8"))
    rows = {row["measure"]: row for row in result["rows"]}
    for workers in ("1 worker", "2 workers"):
        steady = rows[f"corpus suggest, {workers}, steady state, 16 articles"]
        whole = rows[f"corpus suggest, {workers}, end to end, 16 articles"]
        startup = rows[f"corpus startup and shutdown, {workers}"]
        # the workers' CPU is counted, not only this process's: a run costs more CPU
        # than its partitions alone, and the end to end run holds both phases
        assert 0 < steady["cpu_s"] < whole["cpu_s"] and 0 < steady["wall_s"] < whole["wall_s"]
        assert startup["wall_s"] > 0 and startup["cpu_s"] > 0
        assert "meets_goal" in steady and steady["runs"] >= 5 and steady["cores_used"] > 0
    assert rows["partitions in this process, no Dask, 16 articles"]["peer_cpu_s"] > 0
    notes = result["notes"]
    assert len(notes["load_per_round"]) == 5
    assert set(notes["projection_hours_for_10M_articles"]["128"]) == {"free_cores", "as_measured"}
    assert "projection for 10,000,000 articles" in run.stdout
    assert "load average per round:" in run.stdout
