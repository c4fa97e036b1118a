"""Rolling backups with SQLite's online backup API, and restoring a damaged project."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reliability_support import HERE, PYTHON, WORKER_ENV, integrity, make_project, quote_states

from framing_annotator.domain.errors import KnownError, NotAProject, NotFound
from framing_annotator.domain.model import Article
from framing_annotator.services.backup import (
    BackupPolicy,
    BackupService,
    backup_file,
    latest_backup,
    restore_project,
)
from framing_annotator.services.project import Project
from framing_annotator.store.backup import (
    backup_project,
    list_backups,
    prune_backups,
    verify_backup,
)
from framing_annotator.store.db import check_integrity

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _start_writer(path: Path, seed: int = 1) -> subprocess.Popen:
    """The kill-loop worker, writing until stopped; its output goes to a file, not a pipe
    (a pipe nobody reads fills up and would stall it)."""
    log = path.with_name("writer.log")
    with log.open("w") as out:
        worker = subprocess.Popen(
            [PYTHON, str(HERE / "writer.py"), str(path), "ana", str(seed)],
            stdout=out,
            env=WORKER_ENV,
        )
    deadline = time.monotonic() + 30
    while not log.read_text().startswith("R "):
        assert worker.poll() is None and time.monotonic() < deadline, "the writer did not start"
        time.sleep(0.01)
    return worker


def _stop(worker: subprocess.Popen) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()


def _corrupt_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xa5" * 8192
    path.write_bytes(bytes(data))


def test_backups_taken_while_another_process_writes_are_whole(tmp_path: Path, counts) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    worker = _start_writer(path)
    project = Project.open(path)  # the app's own connection, as the timer would use it
    service = BackupService(project.repo, BackupPolicy(keep=50, folder=tmp_path / "b"))
    sizes = set()
    try:
        for n in range(12):
            time.sleep(0.05)  # let the writer commit a few actions in between
            if n % 2:
                made = service.backup_now(T0 + timedelta(minutes=n))
                assert made is not None
                target = made.path
            else:  # from the file, through a connection of its own
                target = backup_project(path, tmp_path / f"from-file-{n}.sqlite")
            assert integrity(target) == "ok"
            verify_backup(target)
            conn = sqlite3.connect(target)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            conn.close()
            assert not Path(f"{target}-wal").exists()  # one self-contained file
            sizes.add(len(quote_states(target)))
    finally:
        _stop(worker)
        project.close()
    assert len(sizes) > 1, "the backups did not see the writer at work"
    assert integrity(path) == "ok"
    counts.add("backup.taken_during_writes", 12)


def test_corrupted_project_is_refused_then_restored_from_the_latest_backup(
    tmp_path: Path, counts
) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path, articles=60)
    project = Project.open(path)
    BackupService(project.repo).on_open(T0)
    backed_up = [a.title for a in project.articles()]
    project.close()

    # Months later the file is damaged, and a crashed session left a WAL beside it.
    worker = _start_writer(path)
    time.sleep(0.3)
    _stop(worker)
    assert Path(f"{path}-wal").stat().st_size > 0
    _corrupt_middle(path)
    damaged = sha(path)
    # Opening is O(1) and does not read every page (issue 12): the damage is found by the
    # explicit check that the backup worker and "Check project" run, and by any read of it.
    assert check_integrity(path) != "ok"
    with pytest.raises(NotAProject, match="restore it from a backup"):
        project = Project.open(path, read_only=True)  # reading only: the WAL stays as it is
        try:
            project.search("border")
            for summary in project.articles():
                project.article(summary.id)
        finally:
            project.close()
    assert sha(path) == damaged

    offer = latest_backup(path)  # what the window offers
    assert offer is not None and offer.taken_at == T0
    result = restore_project(path, offer)
    assert sha(result.kept_as) == damaged  # the damaged file is kept, not deleted
    assert result.kept_as.name.startswith("project.sqlite.damaged-")
    assert Path(f"{result.kept_as}-wal").exists()  # with its WAL, away from the new file
    assert not Path(f"{path}-wal").exists()

    project = Project.open(path)  # the restored project opens and holds the backup
    try:
        assert [a.title for a in project.articles()] == backed_up
        assert project.repo.quotes() == []
    finally:
        project.close()
    assert integrity(path) == "ok"
    counts.add("backup.restores")


def test_rolling_set_keeps_the_newest_and_skips_unchanged(tmp_path: Path, counts) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    folder = tmp_path / "backups"
    folder.mkdir()
    strangers = [folder / "notes.txt", folder / "other.20200101T000000.000000Z.sqlite"]
    for stranger in strangers:
        stranger.write_text("not ours")
    project = Project.open(path)
    service = BackupService(project.repo, BackupPolicy(timedelta(minutes=10), 3, folder))
    made = []
    try:
        assert service.on_open(T0) is not None
        assert service.on_open(T0) is None  # unchanged: none made
        assert service.maybe_backup(T0 + timedelta(minutes=5)) is None  # not due yet
        for n in range(1, 6):
            project.import_articles([Article(text=f"Article added in round {n}.")])
            now = T0 + timedelta(minutes=10 * n)
            made.append(service.maybe_backup(now))
            assert made[-1] is not None and made[-1].taken_at == now
    finally:
        project.close()
    kept = service.backups()
    assert [b.path for b in kept] == [b.path for b in reversed(made[-3:])]
    assert kept[0].path.name == "project.20250301T095000.000000Z.sqlite"
    assert all(s.read_text() == "not ours" for s in strangers)  # never touched
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    # The newest backup holds all five added articles, the oldest kept one three.
    assert _article_count(kept[0].path) == 1 + 5
    assert _article_count(kept[-1].path) == 1 + 3
    counts.add("backup.rolling_backups", len(made) + 1)


def _article_count(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def test_a_damaged_project_never_replaces_good_backups(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path, articles=60)
    project = Project.open(path)
    service = BackupService(project.repo, BackupPolicy(keep=1))
    good = service.on_open(T0)
    project.close()
    _corrupt_middle(path)
    with pytest.raises(KnownError, match="no backup was made|could not back up"):
        backup_project(path, tmp_path / "attempt.sqlite")
    assert not (tmp_path / "attempt.sqlite").exists()
    assert list_backups(path) == [good]
    verify_backup(good.path)


def test_restore_refuses_a_broken_backup_and_leaves_the_project(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    before = sha(path)
    bad = tmp_path / "project.sqlite.backups" / "project.20250301T090000.000000Z.sqlite"
    bad.parent.mkdir()
    bad.write_bytes(path.read_bytes()[:3000])  # a truncated copy
    with pytest.raises(NotAProject, match="cannot be used as a backup"):
        restore_project(path)
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project.sqlite", bad.parent.name]


def test_no_backup_to_restore_says_so(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    with pytest.raises(NotFound, match="has no backup to restore"):
        restore_project(path)


def test_backup_into_an_impossible_folder_is_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    project = Project.open(path)
    try:
        service = BackupService(project.repo, BackupPolicy(folder=blocker / "backups"))
        with pytest.raises(KnownError, match="could not back up the open project"):
            service.on_open(T0)
        project.import_articles([Article(text="Work goes on after a failed backup.")])
    finally:
        project.close()
    assert integrity(path) == "ok"


def _fake_backups(folder: Path, times: list[datetime], size: int = 1000) -> None:
    folder.mkdir(exist_ok=True)
    for taken in times:
        (folder / f"project.{taken.strftime('%Y%m%dT%H%M%S.%fZ')}.sqlite").write_bytes(b"x" * size)


def test_retention_keeps_the_newest_three_and_one_a_day_for_a_week(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    folder = tmp_path / "b"
    now = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)
    # Four backups a day (at 9, 10, 11, 12 o'clock) for twelve days.
    times = [now - timedelta(days=d, hours=h) for d in range(12) for h in range(4)]
    _fake_backups(folder, times)
    prune_backups(path, folder=folder, keep=3, days=7, now=now)
    kept = [b.taken_at for b in list_backups(path, folder=folder)]
    newest_of_day = [now - timedelta(days=d) for d in range(1, 7)]
    assert kept == [now, now - timedelta(hours=1), now - timedelta(hours=2), *newest_of_day]


def test_retention_stays_within_the_size_budget_but_keeps_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    folder = tmp_path / "b"
    times = [T0 - timedelta(days=d) for d in range(5)]
    _fake_backups(folder, times, size=1000)
    prune_backups(path, folder=folder, keep=3, days=7, budget_bytes=2500, now=T0)
    assert [b.taken_at for b in list_backups(path, folder=folder)] == times[:2]
    prune_backups(path, folder=folder, keep=3, days=7, budget_bytes=10, now=T0)
    assert [b.taken_at for b in list_backups(path, folder=folder)] == times[:1]


def test_an_unchanged_project_is_not_copied_and_a_write_elsewhere_is_seen(
    tmp_path: Path,
) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    policy = BackupPolicy(folder=tmp_path / "b")
    assert backup_file(path, policy, T0) is not None
    for n in range(1, 4):  # reopened and idle: the marker matches, nothing is copied
        Project.open(path).close()
        assert backup_file(path, policy, T0 + timedelta(minutes=n)) is None
    other = sqlite3.connect(path)  # another program commits one row
    other.execute("UPDATE project_meta SET value = value || 'x' WHERE key = 'created_at'")
    other.commit()
    other.close()
    made = backup_file(path, policy, T0 + timedelta(minutes=9))
    assert made is not None and len(list_backups(path, folder=policy.folder)) == 2
    assert backup_file(path, policy, T0 + timedelta(minutes=10)) is None


def test_a_backup_on_a_worker_thread_while_the_window_writes(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path, articles=200)
    project = Project.open(path)
    service = BackupService(project.repo, BackupPolicy(folder=tmp_path / "b"))
    made: list = []
    try:
        with ThreadPoolExecutor(1) as pool:
            job = pool.submit(backup_file, *service.job(), T0)
            for n in range(20):  # the window goes on saving meanwhile, on its thread
                project.import_articles([Article(text=f"Written during the backup {n}.")])
            made.append(job.result(timeout=60))
        service.mark_checked(T0)
        assert not service.due(T0 + timedelta(minutes=1))
    finally:
        project.close()
    assert made[0] is not None
    verify_backup(made[0].path)
    assert 200 <= _article_count(made[0].path) <= 220  # one consistent snapshot
    later = backup_file(*service.job(), T0 + timedelta(minutes=10))  # sees every write
    assert later is not None and _article_count(later.path) == 220


def test_the_policy_reads_as_one_sentence() -> None:
    text = BackupPolicy().describe()
    assert text == (
        "A backup on opening and every 10 minutes when the project has changed; keeps the "
        "newest 3, plus one a day for 7 days, at most 2.0 GiB in all (the oldest go first)."
    )


def test_the_policy_in_the_documentation_is_the_one_in_the_code() -> None:
    doc = (HERE.parents[1] / "docs" / "reliability.md").read_text(encoding="utf-8")
    quoted = doc.split("<!-- backup-policy -->")[1].split("<!-- /backup-policy -->")[0]
    assert " ".join(quoted.split()) == BackupPolicy().describe()


def test_a_backup_timer_firing_after_close_is_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    project = Project.open(path)
    service = BackupService(project.repo)
    project.close()  # the window closed the project; its timer fires once more
    with pytest.raises(KnownError, match="could not back up the open project"):
        service.on_open(T0)
