"""The sample project that the very first run opens."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..bundled import SAMPLE_ARTICLE, seed_path
from ..domain.model import Article
from ..io.importers import read_articles
from .project import Project

SAMPLE_PROJECT_NAME = "sample-project.sqlite"


def ensure_sample_project(data_dir: Path) -> Path:
    """Create the sample project in ``data_dir`` unless it is already there; return its path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SAMPLE_PROJECT_NAME
    if path.exists():
        return path
    partial = path.with_name(path.name + ".creating")
    partial.unlink(missing_ok=True)
    project = Project.open(partial, create=True)
    try:
        project.import_articles([sample_article()])
    finally:
        project.close()
    # A half-made sample never takes the real name: it appears whole or not at all.
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.replace(path)
    return path


def sample_article() -> Article:
    """The bundled sample article with its metadata (title, outlet, date) from its JSON."""
    text_file = seed_path(SAMPLE_ARTICLE)
    (article,) = read_articles(text_file)
    metadata = json.loads(text_file.with_suffix(".json").read_text(encoding="utf-8"))
    fields = {key: metadata[key] for key in ("title", "outlet", "date") if key in metadata}
    return replace(article, **fields)
