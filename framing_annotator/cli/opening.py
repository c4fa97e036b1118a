"""Opening a project for a command that only reads (info, articles, search, agreement, export)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..services.project import Project


def open_for_reading(path: Path) -> Project:
    """The project through a ``mode=ro`` connection: nothing is written, and a project on
    a read-only medium opens, with a one-line note that changes could not be saved."""
    project = Project.open(path, read_only=True)
    if project.read_only_note:
        print(f"framing-annotator: note: {project.read_only_note}", file=sys.stderr)
    return project
