"""Issue 14: a large import stores its articles first and indexes them for search after.

Whatever waits in the queue, a search finds every article: a writable connection
indexes the queue first, a read-only one searches its own index of it in memory.
Assertions are on the project file: the queue, FTS5's own integrity check and the bytes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.model import Article, Quote
from framing_annotator.domain.spans import Span
from framing_annotator.services.backup import BackupPolicy, BackupService, restore_project
from framing_annotator.services.merge import merge_projects
from framing_annotator.services.project import Project
from framing_annotator.store.bulk import BATCH
from framing_annotator.store.migrations import SCHEMA_VERSION
from framing_annotator.store.search import SHARED_INDEX_STEP as STEP

MANY = BATCH + 100  # one batch large enough to be queued


def corpus(n: int = MANY) -> list[Article]:
    """``n`` articles; the last one alone holds the word "zanzibar"."""
    return [
        Article(text=f"Article {i} on port strikes. “We hold,” said Ana Ruiz."
                + (" A ship from zanzibar docked." if i == n - 1 else ""),
                title=f"Strike {i}")  # fmt: skip
        for i in range(n)
    ]


def counted(path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def queued(path) -> int:
    return counted(path, "articles_unindexed")


def indexed(path) -> int:
    """Articles the search index holds: FTS5 keeps one row of sizes per indexed article."""
    return counted(path, "articles_fts_docsize")


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
                                    cancelled=lambda: len(seen) == 1,
                                    yield_to_writers=True) == STEP  # fmt: skip
    assert seen == [(STEP, MANY)] and project.unindexed_count() == MANY - STEP
    rest = MANY - STEP
    assert project.index_for_search(progress=lambda d, t: seen.append((d, t))) == rest
    assert seen[-1] == (rest, rest) and project.unindexed_count() == 0
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
    project.index_for_search(cancelled=iter([False, True]).__next__,
                             yield_to_writers=True)  # one step indexed
    project.close()
    conn = sqlite3.connect(imported)
    conn.execute("DELETE FROM articles WHERE id IN (1, ?)", [MANY - 1])  # indexed, queued
    conn.execute("UPDATE articles SET title = 'Renamed' WHERE id IN (2, ?)", [MANY - 2])
    conn.commit()
    conn.close()
    assert queued(imported) == MANY - STEP - 1 and index_is_sound(imported)
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


# -- what else brings or touches queued articles --------------------------------------


def coded(path, n: int = MANY, first: int = 0) -> Project:
    """A project with ``n`` queued articles (words ``u{first + i}`` each), one quote by
    "ana" in each: a merge or an annotation set carries only articles someone coded."""
    project = Project.open(path, create=True)
    articles = [Article(text=f"Port strike, day u{first + i}. “We hold,” said Ana Ruiz.",
                        title=f"Day {first + i}") for i in range(n)]  # fmt: skip
    report = project.import_articles(articles)
    with project.repo.transaction() as repo:
        repo.insert_quotes([
            Quote(a.id, "ana", Span(a.text.index("“"), a.text.index("” said") + 1))
            for a in report.added
        ])  # fmt: skip
    return project


def test_a_merge_of_a_queued_project_into_a_queued_one_finds_everything(tmp_path):
    source, target = tmp_path / "ben.sqlite", tmp_path / "ana.sqlite"
    coded(source, first=0).close()
    coded(target, first=MANY).close()
    assert queued(source) == queued(target) == MANY
    merge_projects(target, [source])
    # The source was read, never indexed; the target queued what it brought as well.
    assert queued(source) == MANY and queued(target) == 2 * MANY and index_is_sound(target)
    project = Project.open(target)
    assert len(project.matching_article_ids("strike")) == 2 * MANY
    assert len(project.matching_article_ids("u0")) == len(project.matching_article_ids(
        f"u{2 * MANY - 1}")) == 1  # fmt: skip
    project.close()
    assert queued(target) == 0 and indexed(target) == 2 * MANY and index_is_sound(target)


def test_the_cli_merge_and_import_of_annotations_leave_nothing_queued(tmp_path, capsys):
    source, target = tmp_path / "ben.sqlite", tmp_path / "ana.sqlite"
    coded(source).close()
    assert main(["merge", str(target), str(source)]) == 0
    assert queued(target) == 0 and indexed(target) == MANY and index_is_sound(target)
    exported = tmp_path / "set.jsonl"
    assert main(["export", str(source), "--format", "jsonl", "--out", str(exported)]) == 0
    fresh = tmp_path / "fresh.sqlite"
    assert main(["import", str(fresh), "--annotations", str(exported)]) == 0
    assert queued(fresh) == 0 and indexed(fresh) == MANY and index_is_sound(fresh)
    capsys.readouterr()
    assert main(["search", str(fresh), f"u{MANY - 1}"]) == 0
    assert f"day [u{MANY - 1}]" in capsys.readouterr().out


def test_a_read_only_search_sees_what_another_connection_queues_or_indexes(imported):
    reader = Project.open(imported, read_only=True)
    assert reader.matching_article_ids("zanzibar") == {MANY}
    writer = Project.open(imported)
    writer.import_articles(corpus_of("lisbon", MANY))  # queued behind the first batch
    assert reader.matching_article_ids("lisbon") == {2 * MANY}
    writer.index_for_search(cancelled=iter([False, True]).__next__)  # one step: both at once
    hits = [h.article_id for h in reader.search("zanzibar") if h.what == "article"]
    assert hits == [MANY] and reader.matching_article_ids("lisbon") == {2 * MANY}
    writer.index_for_search()
    assert reader.matching_article_ids("zanzibar") == {MANY}
    assert len(reader.matching_article_ids("strikes")) == 2 * MANY
    reader.close()
    writer.close()
    assert index_is_sound(imported)


def corpus_of(word: str, n: int) -> list[Article]:
    """``n`` articles unlike those of :func:`corpus`; the last one alone holds ``word``."""
    return [Article(text=f"Dock {i} on port strikes." + (f" Bound for {word}." if i == n - 1
                                                         else ""), title=f"Dock {i}")
            for i in range(n)]  # fmt: skip


def test_a_restored_backup_of_a_queued_project_finds_everything(imported, tmp_path):
    project = Project.open(imported)
    project.index_for_search(cancelled=iter([False, True]).__next__,
                             yield_to_writers=True)  # part indexed
    backup = BackupService(project.repo, BackupPolicy(folder=tmp_path / "backups")).backup_now()
    project.close()
    assert backup is not None
    imported.write_bytes(b"")  # the project is lost
    restore_project(imported, backup)
    assert queued(imported) == MANY - STEP and index_is_sound(imported)
    project = Project.open(imported)
    assert project.matching_article_ids("zanzibar") == {MANY}
    assert len(project.matching_article_ids("strikes")) == MANY
    project.close()
    assert index_is_sound(imported)


def test_a_batch_with_the_same_text_twice_queues_it_once(tmp_path):
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    articles = corpus()
    report = project.import_articles(articles + articles[:50] + [articles[-1]])
    assert len(report.added) == MANY and len(report.duplicates) == 51
    assert project.unindexed_count() == MANY
    assert project.matching_article_ids("zanzibar") == {MANY}
    project.close()
    assert indexed(path) == MANY and index_is_sound(path)


def test_a_schema_5_project_gets_the_queue_on_open_and_keeps_its_index(tmp_path):
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    project.import_articles(corpus(20))
    project.close()
    conn = sqlite3.connect(path)
    for statement in (  # the project as the app before migration 0006 left it
        "DROP TABLE articles_unindexed",
        "DROP TRIGGER articles_fts_delete",
        "DROP TRIGGER articles_fts_update",
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END",
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
        "DELETE FROM _sqlite_migrations WHERE name = '0006_search_backlog'",
        "PRAGMA user_version = 5",
    ):
        conn.execute(statement)
    conn.commit()
    conn.close()
    project = Project.open(path)  # applies 0006
    assert project.repo.schema_version() == SCHEMA_VERSION
    assert project.unindexed_count() == 0 and index_is_sound(path)
    assert project.matching_article_ids("zanzibar") == {20}
    project.import_articles(corpus_of("lisbon", MANY))
    assert project.unindexed_count() == MANY
    project.close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM articles WHERE id IN (1, 21)")  # indexed, queued
    conn.commit()
    conn.close()
    assert index_is_sound(path)
    project = Project.open(path)
    assert project.matching_article_ids("lisbon") == {20 + MANY}
    assert len(project.matching_article_ids("strikes")) == 18 + MANY
    project.close()
    assert index_is_sound(path)


def test_a_read_only_search_sees_queued_articles_changed_by_another_connection(imported):
    """The in-memory index of the queue is rebuilt after any other connection's commit:
    a changed title, or the newest 500 deleted and 500 others imported, leave the queue's
    count and newest id as they were (an id is used again), yet its articles differ."""
    reader = Project.open(imported, read_only=True)
    assert reader.matching_article_ids("zanzibar") == {MANY}
    conn = sqlite3.connect(imported)
    conn.execute("UPDATE articles SET title = 'Renamed' WHERE id = 3")
    conn.commit()
    assert reader.matching_article_ids("renamed") == {3}
    conn.execute("DELETE FROM articles WHERE id > ?", [MANY - BATCH])
    conn.commit()
    conn.close()
    writer = Project.open(imported)
    writer.import_articles(corpus_of("lisbon", BATCH))
    writer.close()
    assert queued(imported) == MANY  # and the newest id is MANY again
    assert reader.matching_article_ids("zanzibar") == set()
    assert reader.matching_article_ids("lisbon") == {MANY}
    reader.close()
    assert index_is_sound(imported)


def test_quotes_written_and_searches_run_while_another_connection_indexes(tmp_path):
    """The window's thread codes and searches while its worker indexes in steps: no
    "database is locked", no quote lost, every article found, the index sound."""
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    project.import_articles(corpus(10 * STEP))
    project.close()
    failures: list[BaseException] = []

    def index() -> None:
        worker = Project.open(path)
        try:
            worker.index_for_search(yield_to_writers=True)  # as the window's worker
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)
        finally:
            worker.close()

    window = Project.open(path)
    text = window.article(1).text
    span = Span(text.index("“"), text.index("” said") + 1)
    thread = threading.Thread(target=index)
    thread.start()
    written, found = 0, set()
    while thread.is_alive() or written < 3:
        with window.repo.transaction() as repo:
            repo.insert_quotes([Quote(1 + written % 10, "ana", span)])
        written += 1
        found |= window.matching_article_ids("zanzibar")
    thread.join()
    assert failures == [] and found == {10 * STEP}
    assert len(window.repo.quotes(annotator="ana")) == written
    window.close()
    assert queued(path) == 0 and indexed(path) == 10 * STEP and index_is_sound(path)


def test_an_id_queued_for_no_article_is_dropped_not_indexed_forever(imported):
    """Only by hand (the delete trigger takes a deleted article out of the queue); were it
    kept, each step would leave it first in the queue, and index_for_search never end."""
    conn = sqlite3.connect(imported)
    conn.execute("INSERT INTO articles_unindexed(article_id) VALUES (?), (?)", [MANY + 1, 10**6])
    conn.commit()
    conn.close()
    project = Project.open(imported)
    steps = iter(range(10))  # a few more than the steps needed, then cancelled
    assert project.index_for_search(cancelled=lambda: next(steps) == 9) == MANY + 2
    assert project.unindexed_count() == 0
    assert project.matching_article_ids("zanzibar") == {MANY}
    project.close()
    assert indexed(imported) == MANY and index_is_sound(imported)


def test_the_windows_indexing_pauses_between_steps_so_its_saves_get_the_lock(
    imported, tmp_path, monkeypatch
):
    """The window's worker (``background.index_for_search``) takes short steps and waits
    after each but the last as long as it took: a writer waiting in SQLite's busy handler
    gets the lock in between. A command's indexing takes long steps and does not wait."""
    from framing_annotator.services import background
    from framing_annotator.services import project as project_module

    pauses: list[float] = []
    monkeypatch.setattr(project_module.time, "sleep", pauses.append)
    project = Project.open(imported)
    seen = []
    assert project.index_for_search(progress=lambda d, t: seen.append((d, t))) == MANY
    project.close()
    assert seen == [(MANY, MANY)] and pauses == []  # the CLI's way: one step, straight on
    other = tmp_path / "other.sqlite"
    project = Project.open(other, create=True)
    project.import_articles(corpus())
    project.close()
    assert background.index_for_search(other, lambda *_: None, lambda: False) == MANY
    assert len(pauses) == -(-MANY // STEP) - 1 and all(p > 0 for p in pauses)
    assert queued(other) == 0 and index_is_sound(other)
