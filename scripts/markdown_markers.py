"""Put generated text between two marker comments of a Markdown file.

Shared by ``bench_tables.py`` and ``reliability_table.py``, whose ``--update`` options
rewrite the README's figures in place.
"""

from __future__ import annotations

from pathlib import Path


def replace_between(path: Path, begin: str, end: str, text: str) -> None:
    """Put ``text`` between the ``begin`` and ``end`` markers of ``path`` (written atomically)."""
    doc = path.read_text(encoding="utf-8")
    start, stop = doc.index(begin) + len(begin), doc.index(end)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(doc[:start] + "\n" + text + "\n" + doc[stop:], encoding="utf-8")
    tmp.replace(path)
