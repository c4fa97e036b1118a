"""Crash safety of the search queue (migration 0006): SIGKILL a large import and the
indexing after it at random moments; the index and the queue always account for every
article, and a search finds the newest one.

A worker (``indexer.py``) imports 3,000 short articles in one transaction, which queues
them, then indexes the queue in steps. After every kill the file must pass
``PRAGMA integrity_check`` and FTS5's own check, every article is either queued or
indexed (never both, never neither), and a search, read-only (its in-memory index of the
queue) and then writable (which indexes the queue first), finds the newest article by the
word only it holds.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from reliability_support import HERE, PYTHON, WORKER_ENV, integrity, make_project

from framing_annotator.services.project import Project

KILLS = int(os.environ.get("FA_INDEX_KILLS", "8"))
ARTICLES = 3000


def _accounts(path: Path) -> tuple[int, int, int, int]:
    """(articles, queued, indexed, queued and indexed both), straight from the file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles_unindexed), "
            "(SELECT count(*) FROM articles_fts_docsize), (SELECT count(*) FROM "
            "articles_fts_docsize d JOIN articles_unindexed u ON u.article_id = d.id)"
        ).fetchone()
    finally:
        conn.close()


def _fts_sound(path: Path, queued: int) -> bool:
    """FTS5's integrity check; against the articles themselves when nothing is queued."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', ?)",
                     [0 if queued else 1])  # fmt: skip
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _newest(path: Path) -> tuple[int, str]:
    """The newest article's id and the word only it holds."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        id_, text = conn.execute(
            "SELECT id, text FROM articles ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return id_, text.rsplit(" ", 1)[-1].rstrip(".")


def test_sigkill_while_importing_or_indexing_keeps_every_article_searchable(
    tmp_path: Path, counts
) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    rng = random.Random(int(os.environ.get("FA_KILL_SEED", "14")))
    errors = tmp_path / "worker-stderr.txt"
    phases = {"importing": 0, "indexing": 0, "done": 0}
    started = time.monotonic()
    for run in range(KILLS):
        with errors.open("w") as stderr:
            worker = subprocess.Popen(
                [PYTHON, str(HERE / "indexer.py"), str(path), str(run), str(ARTICLES)],
                stdout=subprocess.PIPE, stderr=stderr, env=WORKER_ENV, text=True,
            )  # fmt: skip
        head = worker.stdout.readline()
        assert head == "R\n", errors.read_text()
        # Both phases take about 20 ms for 3,000 short articles: half the kills aim at
        # the import, half at the indexing once the import is committed.
        if rng.random() < 0.5:
            head += worker.stdout.readline()
        time.sleep(rng.uniform(0, 0.025))
        os.kill(worker.pid, signal.SIGKILL)
        # The same buffered stream as readline(): it may hold lines read ahead already.
        out = head + worker.stdout.read()
        worker.stdout.close()
        worker.wait(timeout=30)
        lines = out.split("\n")[:-1]  # a kill may cut the last line short
        phase = ("done" if "S 0" in lines else "indexing" if "I" in lines
                 else "importing")  # fmt: skip
        phases[phase] += 1

        assert integrity(path) == "ok", f"kill {run} ({phase}): integrity check failed"
        articles, queued, indexed, both = _accounts(path)
        assert both == 0 and queued + indexed == articles, (
            f"kill {run} ({phase}): {articles} articles, {queued} queued, {indexed} indexed, "
            f"{both} both"
        )
        assert _fts_sound(path, queued), f"kill {run} ({phase}): the full-text index is damaged"
        newest, word = _newest(path)
        # Every other run leaves the queue to the next worker, which indexes it after
        # its own import; the others search writable, which indexes it first.
        for read_only in (True,) if run % 2 else (True, False):
            project = Project.open(path, read_only=read_only)
            try:
                assert project.matching_article_ids(word) == {newest}, (run, phase, read_only)
            finally:
                project.close()
        if not run % 2:
            articles, queued, indexed, both = _accounts(path)
            assert queued == 0 and indexed == articles and _fts_sound(path, 0)

    elapsed = time.monotonic() - started
    counts.add("index_kill.kills_survived", KILLS)
    print(f"\n{KILLS} kills in {elapsed:.1f} s: {phases}")
    assert phases["importing"] + phases["indexing"] >= KILLS // 2, (
        f"too few kills landed in the import or the indexing: {phases}"
    )
