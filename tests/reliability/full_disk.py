"""Full-disk worker: import an article under a real file-size limit (RLIMIT_FSIZE).

Usage: ``python full_disk.py PROJECT``. The kernel refuses writes past the limit (EFBIG),
which SQLite sees exactly as it would a full disk that gave out mid-write. SIGXFSZ is
ignored so that the process sees the failed write instead of being killed by it.

Prints one JSON line: the error type and message of the failed import, and the article
count afterwards (the connection must still work), then a small import that fits.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from framing_annotator.domain.errors import KnownError
from framing_annotator.domain.model import Article
from framing_annotator.services.project import Project

HEADROOM = 16 * 1024  # bytes the files may still grow: less than the big article needs


def main(argv: list[str]) -> int:
    path = Path(argv[1])
    project = Project.open(path)
    largest = max(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + HEADROOM, resource.RLIM_INFINITY))
    result: dict = {"error": None}
    try:
        project.import_articles([Article(text="An article far too big to fit. " * 20_000)])
    except KnownError as exc:
        result = {"error": type(exc).__name__, "message": exc.message}
    except Exception as exc:  # noqa: BLE001 - a raw error is what the test must catch
        result = {"error": f"unexpected {type(exc).__name__}", "message": str(exc)}
    result["articles_after"] = project.repo.article_count()
    project.close()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
