"""One corpus run on a real Dask LocalCluster of two worker processes, shared by the
corpus tests: a few hundred generated articles in text files, a JSONL file and a Parquet
file, plus a file that is not text and a Parquet row with no text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from .generated import article, records
from .helpers import PARTITION, TEXT_FILES, run_cli


@pytest.fixture(scope="package")
def corpus(tmp_path_factory) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("distributed")

    root = tmp_path_factory.mktemp("corpus") / "in"
    (root / "txt").mkdir(parents=True)
    rng = random.Random(17)
    for i in range(TEXT_FILES):
        (root / "txt" / f"a{i:03d}.txt").write_text(article(rng), encoding="utf-8")
    (root / "txt" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with (root / "feed.jsonl").open("w", encoding="utf-8") as f:
        for record in records(30, seed=1):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    rows = records(30, seed=2)
    rows[4]["text"] = "   "  # a bad row refuses that row only
    pq.write_table(pa.Table.from_pylist(rows), root / "archive.parquet", row_group_size=7)
    return root


@pytest.fixture(scope="package")
def first_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "suggested"
    code, stdout, stderr = run_cli(
        "corpus", "suggest", corpus, "--output", out, "--workers", 2,
        "--pipeline", "blank", "--partition-size", PARTITION,
    )  # fmt: skip
    return out, code, stdout, stderr
