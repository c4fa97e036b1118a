"""``framing-annotator corpus report``: crosstabs from the Parquet output, checked by hand."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from framing_annotator.corpus.report import count_file  # noqa: E402

from .helpers import run_cli, table  # noqa: E402


def test_kind_by_month_counts_every_quote_once(first_run):
    out = first_run[0]
    code, stdout, _ = run_cli("corpus", "report", out, "--rows", "kind", "--cols", "month",
                              "--format", "json")  # fmt: skip
    assert code == 0
    result = json.loads(stdout)
    quotes = table(out / "quotes")
    by_hand = Counter(
        (q["kind"], q["date"][:7] if q["date"] else "(no date)") for q in quotes
    )
    assert {(c["kind"], c["month"]): c["count"] for c in result["cells"] if c["count"]} == by_hand
    assert result["quotes"] == len(quotes) and "(no date)" in result["col_labels"]
    assert result["col_labels"][-1] == "(no date)"  # blanks last, months in order
    assert result["col_labels"][:-1] == sorted(result["col_labels"][:-1])


def test_speaker_by_outlet_as_csv_with_row_and_column_shares(first_run):
    out = first_run[0]
    code, stdout, _ = run_cli("corpus", "report", out, "--rows", "speaker", "--cols", "outlet",
                              "--format", "csv", "--workers", 2)  # fmt: skip
    assert code == 0
    cells = list(csv.DictReader(io.StringIO(stdout)))
    quotes = table(out / "quotes")
    by_hand = Counter((q["speaker"] or "(no speaker)", q["outlet"] or "(no outlet)")
                      for q in quotes)  # fmt: skip
    counted = {(c["speaker"], c["outlet"]): int(c["count"]) for c in cells if c["count"] != "0"}
    assert counted == by_hand
    row_total = sum(n for (s, _), n in by_hand.items() if s == cells[0]["speaker"])
    assert float(cells[0]["row_percent"]) == round(100 * int(cells[0]["count"]) / row_total, 1)


def test_the_table_ends_with_totals(first_run):
    code, stdout, _ = run_cli("corpus", "report", first_run[0], "--rows", "kind", "--cols", "kind")
    lines = stdout.splitlines()
    quotes = table(first_run[0] / "quotes")
    kinds = sorted({q["kind"] for q in quotes})
    assert lines[0].split() == ["kind", *kinds, "total"]
    per_kind = [str(sum(q["kind"] == k for q in quotes)) for k in kinds]
    assert lines[-1].split() == ["total", *per_kind, str(len(quotes))]


def test_frames_count_each_quote_under_every_frame_it_likely_has(tmp_path):
    path = tmp_path / "part-000000.parquet"
    pq.write_table(pa.table({
        "outlet": ["A", "A", "B", None],
        "frame_threat": [0.9, 0.2, 0.5, None],
        "frame_public_safety": [0.7, 0.1, 0.4, 0.6],
    }), path)  # fmt: skip
    counter, quotes = count_file(str(path), "frame", "outlet")
    assert quotes == 4
    assert counter == {("threat", "A"): 1, ("threat", "B"): 1, ("public_safety", "A"): 1,
                       ("public_safety", "(no outlet)"): 1, ("(no frame)", "A"): 1}  # fmt: skip


def test_frames_asked_of_a_run_without_them_is_one_line(first_run):
    code, _, stderr = run_cli("corpus", "report", first_run[0], "--rows", "frame")
    assert code == 1 and stderr.count("\n") == 1 and "no frame probabilities" in stderr
