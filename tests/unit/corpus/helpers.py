"""Running the command line in-process and reading a corpus run's tables."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from framing_annotator.__main__ import main

TEXT_FILES = 240
PARTITION = 40


def run_cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def table(folder: Path) -> list[dict]:
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for path in sorted(folder.glob("*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows
