"""``framing-annotator corpus report``: crosstabs from the Parquet output, checked by hand."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from framing_annotator.corpus.report import build_crosstab, count_file, wilson  # noqa: E402

from .helpers import run_cli, table  # noqa: E402


def test_kind_by_month_counts_every_quote_once(first_run):
    out = first_run[0]
    code, stdout, _ = run_cli("corpus", "report", out, "--rows", "kind", "--cols", "month",
                              "--format", "json")  # fmt: skip
    assert code == 0
    result = json.loads(stdout)["crosstab"]
    quotes = table(out / "quotes")
    by_hand = Counter((q["kind"], q["date"][:7] if q["date"] else "(no date)") for q in quotes)
    assert {(c["row"], c["col"]): c["count"] for c in result["cells"] if c["count"]} == by_hand
    assert result["total"] == len(quotes)
    assert result["col_categories"][-1] == "(no date)"  # blanks last, months in order
    assert result["col_categories"][:-1] == sorted(result["col_categories"][:-1])
    direct = sum(q["kind"] == "direct" for q in quotes)
    assert result["row_totals"]["direct"] == direct


def test_speaker_by_outlet_as_csv_with_shares_and_wilson_intervals(first_run):
    out = first_run[0]
    code, stdout, _ = run_cli("corpus", "report", out, "--rows", "speaker", "--cols", "outlet",
                              "--format", "csv", "--workers", 2)  # fmt: skip
    assert code == 0
    cells = list(csv.DictReader(io.StringIO(stdout)))
    quotes = table(out / "quotes")
    by_hand = Counter((q["speaker"] or "(no speaker)", q["outlet"] or "(no outlet)")
                      for q in quotes)  # fmt: skip
    assert {(c["row"], c["col"]): int(c["count"]) for c in cells if c["count"] != "0"} == by_hand
    first = cells[0]
    in_row = sum(n for (s, _), n in by_hand.items() if s == first["row"])
    assert float(first["row_pct"]) == pytest.approx(int(first["count"]) / in_row)
    low, high = wilson(int(first["count"]), in_row)
    assert (float(first["row_low"]), float(first["row_high"])) == pytest.approx((low, high))


def test_the_table_shows_column_shares_and_ends_with_totals(first_run):
    code, stdout, _ = run_cli("corpus", "report", first_run[0], "--rows", "kind", "--cols", "kind")
    assert code == 0
    lines = stdout.splitlines()
    quotes = table(first_run[0] / "quotes")
    kinds = sorted({q["kind"] for q in quotes})
    assert lines[0] == f"{len(quotes)} quotes ({first_run[0]})"
    assert lines[2].split() == ["kind", *kinds, "all"]
    per_kind = [str(sum(q["kind"] == k for q in quotes)) for k in kinds]
    assert lines[3].split()[:3] == [kinds[0], per_kind[0], "(100.0%)"]
    assert lines[-1].split() == ["quotes", *per_kind, str(len(quotes))]


def test_frames_count_each_quote_under_every_frame_it_likely_has(tmp_path):
    path = tmp_path / "part-000000.parquet"
    pq.write_table(pa.table({
        "outlet": ["A", "A", "B", None],
        "frame_threat": [0.9, 0.2, 0.5, None],
        "frame_public_safety": [0.7, 0.1, 0.4, 0.6],
    }), path)  # fmt: skip
    counts = count_file(str(path), "frame", "outlet")
    assert counts.total == 4 and counts.frames == ("threat", "public_safety")
    assert counts.cells == {
        ("threat", "A"): 1, ("threat", "B"): 1, ("public_safety", "A"): 1,
        ("public_safety", "(no outlet)"): 1, ("(no frame)", "A"): 1,
    }  # fmt: skip
    crosstab = build_crosstab("frame", "outlet", counts)
    assert crosstab.row_categories == ["threat", "public_safety", "(no frame)"]  # codebook order
    assert crosstab.col_totals == {"A": 2, "B": 1, "(no outlet)": 1}  # quotes, not frame marks
    assert crosstab.cell("threat", "A").col_pct == 0.5


def test_frames_asked_of_a_run_without_them_is_one_line(first_run):
    code, _, stderr = run_cli("corpus", "report", first_run[0], "--rows", "frame")
    assert code == 1 and stderr.count("\n") == 1 and "no frame probabilities" in stderr


def test_a_scheduler_address_that_is_no_address_is_one_line(first_run):
    code, _, stderr = run_cli("corpus", "report", first_run[0], "--rows", "kind",
                              "--scheduler", "nonsense")  # fmt: skip
    assert code == 1 and stderr.count("\n") == 1
    assert "cannot reach a Dask scheduler at nonsense" in stderr
