"""Progress of a long command on stderr, and the step every command that adds articles ends with."""

from __future__ import annotations

import sys

from ..services.project import Project


class ProgressLine:
    """``\\r``-updated progress on stderr when it is a terminal; silent otherwise."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.show = sys.stderr.isatty()
        self.shown = False
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if self.show and percent != self.last:
            self.last, self.shown = percent, True
            print(f"\r{self.verb} {done}/{total} ({percent}%)", end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def finish_search_index(project: Project) -> None:
    """Index what a large import or merge queued for search before the command ends, so
    that a read-only ``search`` afterwards has nothing left to index in memory."""
    line = ProgressLine("indexing for search")
    try:
        project.index_for_search(progress=line)
    finally:
        line.end()
