"""Kill-loop worker for the search queue: import a large batch, then index it in steps.

Usage: ``python indexer.py PROJECT RUN ARTICLES``

It imports ``ARTICLES`` short articles (one transaction, so they are queued for the
search index, migration 0006), each holding a word of its own (``u{RUN}x{n}``), then
indexes the whole queue as the window's worker does (steps of ``SHARED_INDEX_STEP``, a
pause after each), until the parent kills it. It says on stdout, one line each, flushed:
``R`` once the project is open, ``I`` once the import is committed and ``S left`` after
each committed step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from framing_annotator.domain.model import Article
from framing_annotator.services.project import Project


def main() -> None:
    path, run, articles = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    project = Project.open(path)
    print("R", flush=True)
    project.import_articles(
        Article(text=f"Run {run}, article {n}: the port strike goes on. Word u{run}x{n}.",
                title=f"Strike {run}.{n}")  # fmt: skip
        for n in range(articles)
    )
    print("I", flush=True)
    project.index_for_search(progress=lambda done, total: print("S", total - done, flush=True),
                             yield_to_writers=True)
    project.close()


if __name__ == "__main__":
    main()
