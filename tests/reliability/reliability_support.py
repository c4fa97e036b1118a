"""Helpers shared by the reliability tests and their worker scripts (no Qt, no spaCy)."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).parent
PYTHON = sys.executable
# The scripts run in subprocesses find the package and this module from here.
WORKER_ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(
        [str(HERE.parent.parent), str(HERE), os.environ.get("PYTHONPATH", "")]
    ),
    "PYTHONDONTWRITEBYTECODE": "1",
}
FORBIDDEN_MODULES = ("PySide6", "shiboken6", "spacy", "thinc")
"""Top-level packages the write path must never import (they are slow and not needed)."""


def forbidden_loaded(modules: Iterable[str] | None = None) -> list[str]:
    """The forbidden packages among ``modules`` (by default, this process's ``sys.modules``)."""
    names = sys.modules if modules is None else modules
    return sorted({name.split(".")[0] for name in names} & set(FORBIDDEN_MODULES))


# -- project helpers ------------------------------------------------------------------

ARTICLE_TEXT = (
    "“The border is a threat,” Tony Pham said on Monday. 🙂 Pham added that crime fell.\n\n"
    "“Schools are safe,” said Ana Ruiz, who leads the union. مرحبا بالعالم قال أحمد. "
    "Officials said the talks had failed and that a strike would begin on Friday.\n"
)


def make_project(path: Path, *, articles: int = 1) -> list[int]:
    """A fresh project at ``path`` with ``articles`` articles; returns their ids."""
    from framing_annotator.domain.model import Article
    from framing_annotator.services.project import Project

    project = Project.open(path, create=True)
    try:
        report = project.import_articles(
            Article(text=f"{ARTICLE_TEXT}Article number {n}.\n", title=f"Article {n}")
            for n in range(articles)
        )
        return [article.id for article in report.added]
    finally:
        project.close()


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of a project file, on a connection of our own."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(row[0] for row in rows)
    finally:
        conn.close()


def quote_states(path: Path, annotator: str | None = None) -> dict[str, dict]:
    """Every stored quote as a plain dict, read straight from the file (not through our code)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sql = (
            'SELECT q.uuid, q.start, q."end", q.kind, q.note, q.version, a.name, '
            "(SELECT group_concat(frame_key, ',') FROM "
            " (SELECT frame_key FROM quote_frames f WHERE f.quote_uuid = q.uuid "
            "  ORDER BY frame_key)) "
            "FROM quotes q JOIN annotators a ON a.id = q.annotator_id"
        )
        states = {}
        for uuid, start, end, kind, note, version, name, frames in conn.execute(sql):
            if annotator is not None and name != annotator:
                continue
            states[uuid] = {
                "start": start,
                "end": end,
                "kind": kind,
                "note": note,
                "frames": frames.split(",") if frames else [],
                "version": version,
            }
        return states
    finally:
        conn.close()
