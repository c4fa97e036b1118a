"""Plain-text tables and JSON for the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO


def print_table(
    rows: Sequence[Sequence[Any]], headers: Sequence[str], *, out: TextIO | None = None
) -> None:
    """Columns padded to their widest cell; long cells are cut with an ellipsis."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = out or sys.stdout
    print(line.rstrip(), file=out)
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), file=out)


def _cell(value: Any, limit: int = 60) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_json(value: Any, *, out: TextIO | None = None) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2), file=out or sys.stdout)


def print_jsonl(value: Any, *, out: TextIO | None = None) -> None:
    print(json.dumps(value, ensure_ascii=False), file=out or sys.stdout)
