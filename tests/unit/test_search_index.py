"""Issue 14: a large import stores its articles first and indexes them for search after.

Whatever waits in the queue, a search finds every article: a writable connection
indexes the queue first, a read-only one searches its own index of it in memory.
Assertions are on the project file: the queue, FTS5's own integrity check and the bytes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.model import Article
from framing_annotator.services.project import INDEX_STEP, Project
from framing_annotator.store.bulk import BATCH

MANY = BATCH + 100  # one batch large enough to be queued


def corpus(n: int = MANY) -> list[Article]:
    """``n`` articles; the last one alone holds the word "zanzibar"."""
    return [
        Article(text=f"Article {i} on port strikes. “We hold,” said Ana Ruiz."
                + (" A ship from zanzibar docked." if i == n - 1 else ""),
                title=f"Strike {i}")  # fmt: skip
        for i in range(n)
    ]


def queued(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM articles_unindexed").fetchone()[0]
    finally:
        conn.close()


def index_is_sound(path) -> bool:
    """FTS5's integrity check of the index; with nothing queued, also against every
    article (rank 1), which a queued article would fail since the index lacks it.
    (Told to delete an article it never held, the index is damaged: the old delete
    trigger made that DELETE fail with "database disk image is malformed".)"""
    against_articles = 1 if queued(path) == 0 else 0
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', ?)",
                     [against_articles])  # fmt: skip
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def indexed(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    report = project.import_articles(corpus())
    project.close()
    assert len(report.added) == MANY
    return path


def test_a_large_import_queues_its_articles_and_a_search_indexes_them_first(imported):
    assert queued(imported) == MANY and indexed(imported) == 0
    project = Project.open(imported)
    assert project.matching_article_ids("zanzibar") == {MANY}
    project.close()
    assert queued(imported) == 0 and indexed(imported) == MANY
    assert index_is_sound(imported)


def test_a_small_import_is_indexed_at_once(tmp_path):
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    project.import_articles(corpus(BATCH - 1))
    project.close()
    assert queued(path) == 0 and indexed(path) == BATCH - 1


def test_indexing_goes_in_steps_reports_progress_and_stops_when_cancelled(imported):
    project = Project.open(imported)
    seen = []
    assert project.index_for_search(progress=lambda d, t: seen.append((d, t)),
                                    cancelled=lambda: len(seen) == 1) == INDEX_STEP  # fmt: skip
    assert seen == [(INDEX_STEP, MANY)] and project.unindexed_count() == MANY - INDEX_STEP
    assert project.index_for_search(progress=lambda d, t: seen.append((d, t))) == 100
    assert seen[-1] == (100, 100) and project.unindexed_count() == 0
    assert project.index_for_search() == 0  # nothing left: nothing done
    project.close()
    assert index_is_sound(imported)
    project = Project.open(imported)
    assert project.matching_article_ids("zanzibar") == {MANY}
    assert len(project.matching_article_ids("strikes")) == MANY
    project.close()


def test_a_read_only_search_finds_queued_articles_and_writes_nothing(imported):
    before = hashlib.sha256(imported.read_bytes()).hexdigest()
    project = Project.open(imported, read_only=True)
    assert project.matching_article_ids("zanzibar") == {MANY}
    assert project.matching_article_ids("zanzibar", outlet=None, frame=None) == {MANY}
    hits = [h for h in project.search("zanzibar") if h.what == "article"]
    assert [h.article_id for h in hits] == [MANY] and "[zanzibar]" in hits[0].text
    assert len(project.matching_article_ids("strikes")) == MANY
    project.close()
    assert hashlib.sha256(imported.read_bytes()).hexdigest() == before
    assert queued(imported) == MANY


def test_deleting_or_changing_a_queued_article_keeps_the_index_sound(imported):
    project = Project.open(imported)
    project.index_for_search(cancelled=iter([False, True]).__next__)  # one step indexed
    project.close()
    conn = sqlite3.connect(imported)
    conn.execute("DELETE FROM articles WHERE id IN (1, ?)", [MANY - 1])  # indexed, queued
    conn.execute("UPDATE articles SET title = 'Renamed' WHERE id IN (2, ?)", [MANY - 2])
    conn.commit()
    conn.close()
    assert queued(imported) == 99 and index_is_sound(imported)
    project = Project.open(imported)
    assert project.matching_article_ids("renamed") == {2, MANY - 2}
    project.close()
    assert index_is_sound(imported)


def test_the_cli_import_leaves_nothing_queued(capsys, tmp_path):
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "".join(json.dumps({"text": a.text, "title": a.title}) + "\n" for a in corpus()),
        encoding="utf-8",
    )
    path = tmp_path / "p.sqlite"
    assert main(["import", str(path), str(source)]) == 0
    assert f"{MANY} imported" in capsys.readouterr().out
    assert queued(path) == 0 and indexed(path) == MANY and index_is_sound(path)
