"""Merging annotators' project files into one, for agreement and adjudication.

Each annotator may code in a project file of their own, on their own machine.
Merging gathers everything from each source (every annotator, gold included) and
imports it into the target with the exchange service: articles match by text
hash, annotators by name, speakers by canonical name, frames by key and quotes by
UUID. Merging the same sources again adds nothing; a quote UUID that arrives with
other content than the target holds is a conflict, reported and left as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import KnownError
from ..store.repository import Repository
from .exchange import ExportOptions, ImportResult, gather_annotation_set, import_annotation_set
from .frames import carry_shown_suggestions
from .project import Project


@dataclass(frozen=True)
class MergeResult:
    source: Path
    result: ImportResult


def merge_projects(
    target: Path,
    sources: Sequence[Path],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[MergeResult]:
    """Merge ``sources`` into ``target`` (created when absent), one transaction per source."""
    merged = []
    project = Project.open(target, create=True)
    try:
        for done, source in enumerate(sources, start=1):
            source_repo = Repository.open(source, read_only=True)  # a source is only read
            try:
                annotation_set = gather_annotation_set(
                    source_repo, ExportOptions(), name=Path(source).stem
                )
                # Who worked with frame suggestions travels with the quotes (issue 16).
                shown = source_repo.frame_suggestions_shown()
            except KnownError as exc:
                raise _naming(source, exc) from exc
            finally:
                source_repo.close()
            try:
                result = import_annotation_set(project.repo, annotation_set)
                carry_shown_suggestions(shown, project.repo)
            except KnownError as exc:
                raise _naming(source, exc) from exc
            merged.append(MergeResult(Path(source), result))
            if progress:
                progress(done, len(sources))
    finally:
        project.close()
    return merged


def _naming(source: Path, exc: KnownError) -> KnownError:
    """The same error, saying which source project it came from (once)."""
    if str(source) in exc.message:
        return exc
    return type(exc)(f"{source}: {exc.message}")
