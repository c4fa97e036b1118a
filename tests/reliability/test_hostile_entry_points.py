"""Issue 12: nothing a user types can destroy a project. One row per reported hole.

Table-driven, through the command line as a user runs it (``cli.main`` in process). Each
row states the exact line the user sees (or the exact stored result), the exit code, and
checks that a refused project is byte-for-byte unchanged (sha256) and passes
``integrity_check``. Every entry point x every hostile input is ``test_hostile_matrix.py``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import (
    ERR,
    TEXT,
    Case,
    G,
    import_annotations,
    import_files,
    jsonl_row,
    qde,
    qdpx,
    run,
    run_case,
    selection,
    sha,
    stored,
)
from reliability_support import integrity, make_project

from framing_annotator.domain.model import Article
from framing_annotator.services.project import Project
from framing_annotator.store.migrations import SCHEMA_VERSION


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project.sqlite"
    make_project(path, articles=2)
    return path



# -- 1. export -o never replaces a project, a backup, a device or a folder ---------------


def _export_to(target: Callable[[Path, Path], str | Path], fmt: str = "csv"):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        return ["export", project, "--format", fmt, "-o", target(tmp, project)]

    return make


def _other_project(tmp: Path, project: Path) -> Path:
    other = tmp / "other.sqlite"
    shutil.copy(project, other)
    return other


def _plain_sqlite(tmp: Path, project: Path) -> Path:
    conn = sqlite3.connect(tmp / "data.db")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    return tmp / "data.db"


def _symlink(tmp: Path, project: Path) -> Path:
    link = tmp / "link.csv"
    link.symlink_to(project)
    return link


def _backups(tmp: Path, project: Path) -> Path:
    (tmp / "project.sqlite.backups").mkdir()
    return tmp / "project.sqlite.backups" / "quotes.csv"


def _qdc_project(tmp: Path, project: Path) -> Path:
    shutil.copy(project, tmp / "q.qdc")
    return tmp / "q.qdpx"


def _relative(tmp: Path, project: Path) -> str:
    return os.path.relpath(project)


HOLE_1 = [
    Case("1-same-path", _export_to(lambda t, p: p), 1,
         (ERR + "{dir}/project.sqlite: is the open project project.sqlite; "
          "choose another file name",)),
    Case("1-dot-slash", _export_to(lambda t, p: f"{t}/./project.sqlite"), 1,
         (ERR + "{dir}/./project.sqlite: is the open project project.sqlite; "
          "choose another file name",)),
    Case("1-dot-dot", _export_to(lambda t, p: f"{t}/../{t.name}/project.sqlite"), 1, None),
    Case("1-relative", _export_to(_relative), 1, None),
    Case("1-symlink", _export_to(_symlink), 1,
         (ERR + "{dir}/link.csv: is the open project project.sqlite; choose another file name",)),
    Case("1-wal-file", _export_to(lambda t, p: f"{p}-wal", "jsonl"), 1,
         (ERR + "{dir}/project.sqlite-wal: is the open project project.sqlite; "
          "choose another file name",)),
    Case("1-another-project", _export_to(_other_project, "jsonl"), 1,
         (ERR + "{dir}/other.sqlite: is a Framing Annotator project; "
          "an export never replaces a project",)),
    Case("1-plain-sqlite-database", _export_to(_plain_sqlite, "jsonl"), 1,
         (ERR + "{dir}/data.db: is an SQLite database; an export never replaces one",)),
    Case("1-device", _export_to(lambda t, p: "/dev/null", "jsonl"), 1,
         (ERR + "/dev/null: is not a regular file (a device, pipe or socket); "
          "choose a file name",)),
    Case("1-folder-slash", _export_to(lambda t, p: f"{t}/", "jsonl"), 1,
         (ERR + "{dir}/: is a folder; give a file name for the export",)),
    Case("1-folder", _export_to(lambda t, p: t, "qdpx"), 1,
         (ERR + "{dir}: is a folder; give a file name for the export",)),
    Case("1-missing-folder", _export_to(lambda t, p: t / "missing" / "x.jsonl", "jsonl"), 1,
         (ERR + "{dir}/missing/x.jsonl: the folder {dir}/missing does not exist; "
          "create it first or choose another",)),
    Case("1-parent-is-a-file", _export_to(lambda t, p: p / "x.jsonl", "jsonl"), 1,
         (ERR + "{dir}/project.sqlite/x.jsonl: {dir}/project.sqlite is a file, not a folder; "
          "choose another",)),
    Case("1-unwritable-folder", _export_to(lambda t, p: "/sys/quotes.jsonl", "jsonl"), 1,
         (ERR + "/sys/quotes.jsonl: cannot be written (Permission denied); nothing was "
          "replaced",)),
    Case("1-backups-folder", _export_to(_backups, "jsonl"), 1,
         (ERR + "{dir}/project.sqlite.backups/quotes.csv: is inside the backups folder "
          "{dir}/project.sqlite.backups; choose another",)),
    Case("1-codebook-beside-is-a-project", _export_to(_qdc_project, "qdpx"), 1,
         (ERR + "{dir}/q.qdc: is a Framing Annotator project; an export never replaces "
          "a project",)),
]  # fmt: skip


def _same_message(tmp: Path, project: Path, out: str, err: str) -> None:
    """A relative or ``..`` spelling gets the same refusal, naming the path as typed."""
    assert err.endswith(": is the open project project.sqlite; choose another file name\n")
    assert err.count("\n") == 1


for _case in HOLE_1:
    if _case.lines is None:
        HOLE_1[HOLE_1.index(_case)] = Case(_case.id, _case.make, 1, None, check=_same_message)


@pytest.mark.parametrize("case", HOLE_1, ids=[c.id for c in HOLE_1])
def test_1_export_never_replaces_a_project_backup_device_or_folder(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    run_case(case, tmp_path, project, counts)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # the device is still a device
    assert not (tmp_path / "missing").exists()  # no folder was created on the way
    counts.add("hostile12.output_paths")


SURROGATE_ROW = '{"text": "Bad \\ud800 text."}'
ROWS = [
    # 2: a lone surrogate is one refused file; the rest of the batch is imported
    Case("2-surrogate-in-batch",
         import_files(("good.txt", "A good article."), ("bad.jsonl", SURROGATE_ROW + "\n"),
                ("good2.txt", "Another good one.")), 1,
         ("skipped: {dir}/bad.jsonl, line 1: the text holds a lone surrogate (U+D800) at "
          "character 4, which is not valid Unicode text",),
         changed=True,
         check=lambda t, p, out, err: (
             out == "2 imported, 0 already in the project, 1 rejected\n"
             and stored(p)["articles"][-2:] == ["A good article.", "Another good one."]
         ) or pytest.fail(out)),
    Case("2-surrogate-in-title",
         import_files(("t.jsonl", '{"text": "Fine.", "title": "\\udfff"}\n')),
         1, ("skipped: {dir}/t.jsonl, line 1: title: holds a lone surrogate (U+DFFF) at "
             "character 0, which is not valid Unicode text",)),
    Case("2-surrogate-in-speaker",
         import_annotations(jsonl_row(spans=[{"start": 0, "end": 22, "speaker": "\ud800"}])), 1,
         (ERR + "set.jsonl, line 1: field spans[0]: speaker: holds a lone surrogate (U+D800) "
          "at character 0, which is not valid Unicode text",)),
    Case("2-surrogate-in-note",
         import_annotations(jsonl_row(spans=[{"start": 0, "end": 22, "note": "ok \udbff"}])), 1,
         (ERR + "set.jsonl, line 1: field spans[0]: note: holds a lone surrogate "
          "(U+DBFF) at character 3, which is not valid Unicode text",)),
    # 7: import --annotations checks NUL like every other path
    Case("7-nul-in-annotation-text", import_annotations(jsonl_row(text="Before\u0000 after.")), 1,
         (ERR + "set.jsonl, line 1: field text: holds a NUL character at character 6",)),
    # 8: an HTML title is cut to 200 characters like every other title
    Case("8-long-html-title",
         import_files(("long.html", f"<title>{'T' * 10_001}</title><p>Body text.</p>")), 0, (),
         changed=True,
         check=lambda t, p, out, err: (stored(p)["articles"][-1] == "T" * 200)
         or pytest.fail(stored(p)["articles"][-1][:50])),
    # 9: wrong JSON types are refused by the schema, naming field, expected and found
    Case("9-frames-string",
         import_annotations(jsonl_row(spans=[{"start": 0, "end": 22, "frames": "threat"}])), 1,
         (ERR + 'set.jsonl, line 1: field spans[0].frames: expected array (or null), found '
          'string "threat"',)),
    Case("9-boolean-offset",
         import_annotations(jsonl_row(spans=[{"start": True, "end": False}])), 1,
         (ERR + "set.jsonl, line 1: field spans[0].start: expected integer, found boolean true",)),
    Case("9-title-object", import_annotations(jsonl_row(meta={"title": {"a": 1}})), 1,
         (ERR + "set.jsonl, line 1: field meta.title: expected string (or null), found an "
          "object",)),
    Case("9-title-object-article-file",
         import_files(("o.jsonl", '{"text": "T.", "title": {"a": 1}}\n')),
         1, ("skipped: {dir}/o.jsonl, line 1: field title: expected string (or null), found "
             "an object",)),
    Case("9-junk-timestamp",
         import_annotations(
             jsonl_row(spans=[{"start": 0, "end": 22, "created_at": "last Tuesday"}])),
         1, (ERR + "set.jsonl, line 1: field spans[0].created_at: expected an ISO 8601 date "
             'and time such as 2026-05-01T12:00:00Z, found string "last Tuesday"',)),
]  # fmt: skip


@pytest.mark.parametrize("case", ROWS, ids=[c.id for c in ROWS])
def test_2_7_8_9_rows_pass_one_schema_and_one_limits_function(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    run_case(case, tmp_path, project, counts)


# -- 3, 6, 13: .qdpx from other programs, and hostile ones -------------------------------


def _qdpx(project: Callable[[], str] | None = None, **options):
    def make(tmp: Path, target: Path) -> list[str | Path]:
        archive = qdpx(tmp, project() if project else None, **options)
        return ["import", target, "--annotations", archive]

    return make


def _huge_article(tmp: Path, project: Path) -> list[str | Path]:
    """A 64 MiB + 1 article (the issue's 16.8 MB archive held 314,572,800 characters)."""
    text = b"a" * (64 * 1024 * 1024 + 1)
    return ["import", project, "--annotations", qdpx(tmp, text=text)]


def _duplicate_qde(tmp: Path, project: Path) -> list[str | Path]:
    path = tmp / "twice.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde())
        archive.writestr("sources/a.txt", TEXT)
    with zipfile.ZipFile(path, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("project.qde", qde(selections=selection(0, 22)))
    return ["import", project, "--annotations", path]


FOREIGN_CODES = (
    f'<Code guid="{G(50)}" name="Emotions" isCodable="false">'
    f'<Code guid="{G(51)}" name="Anger" isCodable="true"/></Code>'
    f'<Code guid="{G(52)}" name="Public Safety" isCodable="true"/>'
)


def _foreign_stored(tmp: Path, project: Path, out: str, err: str) -> None:
    data = stored(project)
    assert data["frames"]["emotions_anger"] == "Emotions / Anger"
    assert "public_safety" in data["frames"]  # matched by label to the project's frame
    assert len([k for k in data["frames"] if "safety" in k]) == 1
    assert data["quotes"] == [(0, 22, "Said with anger.", "emotions_anger,public_safety")]
    assert out == (
        "in.qdpx: 1 quotes added, 0 already there, 0 replaced, 0 in conflict; 1 articles "
        "added, 0 matched; 0 speakers and 1 frames added; 2 codes from outside our Frames "
        "and Speakers came in as frames: Emotions / Anger, Public Safety; 1 sources that are "
        "not plain text (PictureSource) were not imported: only text can be annotated here\n"
    )


PICTURE = f'<PictureSource guid="{G(60)}" name="photo" path="internal://p.png"/>'
QDPX_ROWS = [
    Case("3-qdpx-article-over-the-limit", _huge_article, 1,
         (ERR + "in.qdpx: source 'Article A': 'sources/a.txt' is over the 64.0 MiB limit "
          "for one article; split it",)),
    Case("6-capital-Sources-and-foreign-codes-and-memo",
         _qdpx(lambda: qde(codes=FOREIGN_CODES, extra=PICTURE,
                           selections=selection(0, 22, 51, 52, memo="Said with anger.")),
               folder="Sources"),
         0, (), changed=True, check=_foreign_stored),
    Case("13-duplicate-project-qde", _duplicate_qde, 1,
         (ERR + "twice.qdpx: the archive holds project.qde 2 times; which one is the project "
          "is unclear, so none is read",)),
    Case("13-same-quote-twice-in-one-file",
         import_annotations(jsonl_row(spans=[{"start": 0, "end": 22, "id": "q-1"}]),
                      jsonl_row(spans=[{"start": 0, "end": 22, "id": "q-1", "note": "x"}])), 1,
         (ERR + "set.jsonl, line 2: quote id q-1 was given on line 1 of this same file with "
          "other content; give each quote its own id",)),
    Case("qdpx-not-the-schema",
         _qdpx(lambda: qde(selections=selection(0, 22).replace('startPosition="0"',
                                                               'startPosition="zero"'))), 1,
         (ERR + "in.qdpx: project.qde does not follow the REFI-QDA schema: element "
          "/Project/Sources/TextSource/PlainTextSelection "
          "('00000000-0000-4000-8000-000000000010'): attribute startPosition: expected an "
          "integer, found 'zero'",)),
    Case("qdpx-not-a-guid",
         _qdpx(lambda: qde(selections=selection(0, 22).replace(f'guid="{G(10)}"', 'guid="7"'))),
         1, (ERR + "in.qdpx: project.qde does not follow the REFI-QDA schema: element "
             "/Project/Sources/TextSource/PlainTextSelection ('7'): attribute guid: expected "
             "a GUID such as 01234567-89ab-4def-8123-456789abcdef, found '7'",)),
    Case("qdpx-not-a-colour",
         _qdpx(lambda: qde(codes=f'<Code guid="{G(5)}" name="x" isCodable="true" color="red"/>')),
         1, (ERR + "in.qdpx: project.qde does not follow the REFI-QDA schema: element "
             "/Project/CodeBook/Codes/Code ('x'): attribute color: expected a colour #RRGGBB, "
             "found 'red'",)),
]  # fmt: skip


@pytest.mark.parametrize("case", QDPX_ROWS, ids=[c.id for c in QDPX_ROWS])
def test_3_6_13_refi_qda_exchange(case: Case, tmp_path: Path, project: Path, counts) -> None:
    run_case(case, tmp_path, project, counts)


# -- 4: a project on read-only media can be read ----------------------------------------


def _read_only_mount_works() -> bool:
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c",
         "mount --bind /tmp /tmp && mount -o remount,ro,bind /tmp"],
        capture_output=True,
    ) if shutil.which("unshare") else None  # fmt: skip
    return probe is not None and probe.returncode == 0


def _on_read_only_medium(folder: Path, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    """Run each command with ``folder`` bind-mounted read-only: a real read-only medium
    (as root, file permissions would not stop a write; a read-only mount does)."""
    script = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    results = []
    for argv in commands:
        command = " ".join(
            [sys.executable, "-m", "framing_annotator", *(f"'{a}'" for a in argv)]
        )
        results.append(subprocess.run(
            ["unshare", "-m", "--propagation", "private", "sh", "-c", f"{script} && {command}"],
            capture_output=True, text=True, env=env, timeout=120,
        ))  # fmt: skip
    return results


@pytest.mark.skipif(not _read_only_mount_works(), reason="needs unshare and mount (root)")
def test_4_a_project_on_a_read_only_medium_is_read_with_a_note(tmp_path: Path, counts) -> None:
    medium = tmp_path / "medium"
    medium.mkdir()
    path = medium / "project.sqlite"
    make_project(path, articles=2)
    before = sha(path)
    files = sorted(p.name for p in medium.iterdir())
    out = tmp_path / "quotes.jsonl"
    reading = [["info", path], ["articles", path], ["search", path, "Pham"],
               ["agreement", path], ["export", path, "--format", "jsonl", "-o", out]]  # fmt: skip
    note = (
        f"framing-annotator: note: {path} is on a read-only medium or folder: it is open for "
        "reading only, and changes cannot be saved"
    )
    onto_medium = ["export", path, "--format", "jsonl", "-o", medium / "x.jsonl"]
    results = _on_read_only_medium(medium, *reading, onto_medium, ["import", path, __file__])
    for argv, result in zip(reading, results, strict=False):
        assert result.returncode == 0, (argv, result.stderr)
        assert result.stderr.splitlines()[0] == note, result.stderr
        assert "restore it from a backup" not in result.stderr
    assert "Article 1" in results[1].stdout and out.is_file()
    assert results[-2].returncode == 1 and results[-2].stderr.splitlines() == [
        note,
        f"framing-annotator: error: {medium}/x.jsonl: cannot be written (Read-only file "
        "system); nothing was replaced",
    ]
    assert results[-1].returncode == 1
    assert results[-1].stderr == (
        f"framing-annotator: error: {path} cannot be written (read-only file or folder); "
        "save a copy elsewhere or fix its permissions\n"
    )
    assert sha(path) == before and sorted(p.name for p in medium.iterdir()) == files
    assert integrity(path) == "ok"
    counts.add("hostile12.cases", len(results))


@pytest.mark.skipif(not _read_only_mount_works(), reason="needs unshare and mount (root)")
def test_4_a_queued_project_on_a_read_only_medium_is_searched_in_full(tmp_path, counts) -> None:
    """A large import left its articles queued for the search index (migration 0006),
    and the project went onto a read-only medium: a search indexes the queue in memory
    and finds them; the file and its folder stay as they were."""
    medium = tmp_path / "medium"
    medium.mkdir()
    path = medium / "project.sqlite"
    project = Project.open(path, create=True)
    project.import_articles(
        Article(text=f"Port strike, day {n}." + (" Bound for zanzibar." if n == 599 else ""))
        for n in range(600)
    )
    assert project.unindexed_count() == 600
    project.close()
    before = sha(path)
    files = sorted(p.name for p in medium.iterdir())
    (result,) = _on_read_only_medium(medium, ["search", path, "zanzibar"])
    assert result.returncode == 0, result.stderr
    assert "Bound for [zanzibar]" in result.stdout and "note:" in result.stderr
    assert sha(path) == before and sorted(p.name for p in medium.iterdir()) == files
    assert integrity(path) == "ok"
    counts.add("hostile12.cases")


def test_4_reading_commands_open_mode_ro_and_write_nothing(project: Path, counts) -> None:
    """Also on a writable medium, the reading commands go through ``mode=ro``."""
    before = sha(project)
    opened = Project.open(project, read_only=True)
    try:
        assert opened.read_only and opened.read_only_note is None  # the medium is writable
        assert len(opened.articles()) == 2
    finally:
        opened.close()
    for argv in (["info", project], ["articles", project], ["search", project, "Pham"],
                 ["agreement", project]):  # fmt: skip
        code, _out, err = run(*argv)
        assert code == 0 and "note:" not in err, err
    assert sha(project) == before and integrity(project) == "ok"
    counts.add("hostile12.cases")


# -- 5: frames by key or label, speakers by name or alias --------------------------------


def _frames_by_label(tmp: Path, project: Path, out: str, err: str) -> None:
    data = stored(project)
    assert data["frames"]["public_safety"] == "public safety"  # the project's, unchanged
    assert data["frames"]["economic_cost"] == "Economic cost"  # new: key made from label
    assert [q[3] for q in data["quotes"]] == [
        "public_safety", "public_safety", "public_safety", "economic_cost,threat"
    ]  # fmt: skip


def _speaker_by_alias(tmp: Path, project: Path, out: str, err: str) -> None:
    assert stored(project)["speakers"] == ["Ana Ruiz"]
    assert "0 speakers and 0 frames added" in out


def _ana_with_alias(tmp: Path, project: Path) -> list[str | Path]:
    from framing_annotator.domain.model import Speaker

    opened = Project.open(project)
    with opened.repo.transaction() as repo:
        repo.save_speaker(Speaker("Ana Ruiz", ("A. Ruiz",)))
    opened.close()
    return import_annotations(
        jsonl_row(spans=[{"start": 0, "end": 22, "speaker": "a. ruiz"}])
    )(tmp, project)


def _span(start: int, frames: list[str]) -> dict:
    return {"start": start, "end": start + 5, "frames": frames}


MATCHING = [
    Case("5-frames-by-label-any-case-and-spacing",
         import_annotations(jsonl_row(spans=[
             _span(0, ["public safety"]), _span(10, ["PUBLIC   Safety"]),
             _span(20, ["public_safety"]), _span(30, ["Economic cost", "Threat"])])),
         0, (), changed=True, check=_frames_by_label),
    Case("5-speaker-by-alias", _ana_with_alias, 0, (), changed=True, check=_speaker_by_alias),
]  # fmt: skip


@pytest.mark.parametrize("case", MATCHING, ids=[c.id for c in MATCHING])
def test_5_frames_and_speakers_are_matched_by_any_name(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    run_case(case, tmp_path, project, counts)


# -- 10: a schema version that is not ours ----------------------------------------------



def _user_version(value: int):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        conn = sqlite3.connect(project)
        conn.execute(f"PRAGMA user_version = {value}")
        conn.commit()
        conn.close()
        return ["info", project]

    return make


def _not_ours(value: int) -> tuple[str]:
    return (ERR + "{dir}/project.sqlite: its schema version (PRAGMA user_version "
            f"{value}) is not one this app writes (1 to {SCHEMA_VERSION}, with {SCHEMA_VERSION} "
            "migrations recorded); it "
            "was changed outside the app, restore it from a backup",)  # fmt: skip


VERSIONS = [
    Case("10-user-version-0", _user_version(0), 1, _not_ours(0)),
    Case("10-user-version-minus-1", _user_version(-1), 1, _not_ours(-1)),
    Case("10-user-version-newer", _user_version(99), 1,
         (ERR + "{dir}/project.sqlite was saved by a newer version of Framing Annotator "
          f"(schema 99, this version reads up to {SCHEMA_VERSION}); update the app to open it",)),
]  # fmt: skip


@pytest.mark.parametrize("case", VERSIONS, ids=[c.id for c in VERSIONS])
def test_10_a_schema_version_not_ours_is_refused(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    argv = case.make(tmp_path, project)  # damages the project, then reads it
    before = sha(project)
    code, _out, err = run(*argv)
    assert (code, err.splitlines()) == (1, [line.format(dir=tmp_path) for line in case.lines])
    code, _out, err = run("import", project, __file__)  # nor is it written to
    assert code == 1 and err.splitlines() == [line.format(dir=tmp_path) for line in case.lines]
    assert sha(project) == before and integrity(project) == "ok"
    counts.add("hostile12.cases")


# -- 11: CSV that would merge rows or pick one of two text columns ------------------------

CSV_ROWS = [
    Case("11-csv-unbalanced-quote",
         import_files(("q.csv", 'title,text\nA,"An open quote\nB,next row\nC,more\n')), 1,
         ("skipped: {dir}/q.csv, line 4: malformed CSV (unexpected end of data); check for "
          "an unbalanced quote",)),
    Case("11-csv-quote-closed-mid-field",
         import_files(("q.csv", 'title,text\nA,"An open\nB,"next" row\n')), 1,
         ("skipped: {dir}/q.csv, line 3: malformed CSV (',' expected after '\"'); check for "
          "an unbalanced quote",)),
    Case("11-csv-two-text-columns", import_files(("t.csv", "text,title,text\nOne,T,Two\n")), 1,
         ("skipped: {dir}/t.csv: the CSV header has two 'text' columns (columns 1 and 3); "
          "rename or remove one",)),
    Case("11-csv-extra-column", import_files(("x.csv", "title,text\nA,B,C\n")), 1,
         ("skipped: {dir}/x.csv, line 2: expected 2 columns, found 3",)),
]  # fmt: skip


@pytest.mark.parametrize("case", CSV_ROWS, ids=[c.id for c in CSV_ROWS])
def test_11_csv_mistakes_are_refused(case: Case, tmp_path: Path, project: Path, counts) -> None:
    run_case(case, tmp_path, project, counts)


# -- 12: agreement input from numpy and pandas --------------------------------------------


def test_12_agreement_accepts_numpy_values_and_missing_values(counts) -> None:
    import numpy as np

    from framing_annotator.agreement.coefficients import (
        cohen_kappa,
        fleiss_kappa,
        krippendorff_alpha,
    )

    plain = krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4]], "interval")
    typed = np.array([[1, 2, 3, 3], [1, 2, 3, 4]], dtype=np.float32)
    assert krippendorff_alpha(typed, "interval") == plain
    assert krippendorff_alpha([[np.float32(1), np.int64(2), np.nan, None],
                               [1, 2, 3, 4]], "interval") == 1.0  # fmt: skip
    assert cohen_kappa(np.array(["a", "b", "a"]), ["a", "b", None]) == 1.0
    assert fleiss_kappa(np.array([[2, 0], [1, 1], [0, 2]])) == pytest.approx(1 / 3)
    counts.add("hostile12.cases")


def test_12_agreement_treats_pandas_missing_values_as_missing(counts) -> None:
    pd = pytest.importorskip("pandas")
    from framing_annotator.agreement.coefficients import cohen_kappa, krippendorff_alpha

    assert krippendorff_alpha([[1, 2, pd.NA, 3], [1, 2, 3, None]]) == 1.0
    assert cohen_kappa(pd.Series(["a", "b", pd.NA, "a"], dtype="string"),
                       pd.Series(["a", "b", "a", None])) == 1.0  # fmt: skip
    assert krippendorff_alpha([[pd.NaT, 1, 2], [1, 1, 2]]) == 1.0
    counts.add("hostile12.cases")


# -- command-line arguments typed in bytes that are not UTF-8 -----------------------------


def _latin1_file_name(tmp: Path, project: Path) -> list[str | Path]:
    path = Path(os.fsdecode(bytes(tmp) + b"/caf\xe9.txt"))  # a Latin-1 name on Linux
    path.write_text("An article in a file named in Latin-1.", encoding="utf-8")
    return ["import", project, path]


def _source_shown(tmp: Path, project: Path, out: str, err: str) -> None:
    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    (source,) = conn.execute("SELECT source FROM articles ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert source == "caf\ufffd.txt"


UNDECODABLE = " holds a lone surrogate (U+DCFF) at character 0, which is not valid Unicode " \
              "text; type it as UTF-8 text"  # fmt: skip
ARGUMENTS = [
    Case("args-query", lambda t, p: ["search", p, "\udcff"], 2, (ERR + "QUERY" + UNDECODABLE,)),
    Case("args-speaker", lambda t, p: ["search", p, "", "--speaker", "\udcff"], 2,
         (ERR + "--speaker" + UNDECODABLE,)),
    Case("args-frames", lambda t, p: ["export", p, "--format", "csv", "-o", t / "x.csv",
                                      "--frames", "\udcff"], 2, (ERR + "--frames" + UNDECODABLE,)),
    Case("args-file-name-not-utf8", _latin1_file_name, 0, (), changed=True, check=_source_shown),
]  # fmt: skip


@pytest.mark.parametrize("case", ARGUMENTS, ids=[c.id for c in ARGUMENTS])
def test_arguments_that_are_not_utf8(case: Case, tmp_path: Path, project: Path, counts) -> None:
    run_case(case, tmp_path, project, counts)


# -- files that are not files: a pipe would block forever, /dev/zero would fill memory -----


def _pipe(tmp: Path, name: str) -> Path:
    os.mkfifo(tmp / name)
    return tmp / name


def _zero(tmp: Path, name: str) -> Path:
    (tmp / name).symlink_to("/dev/zero")
    return tmp / name


NOT_REGULAR = ": is not a regular file (a device, pipe or socket); only files can be imported"
NO_PROJECT = " is not a regular file (a device, pipe or socket), so not a project"
NOT_FILES = [
    Case("pipe-as-article-file", lambda t, p: ["import", p, _pipe(t, "a.txt"), _zero(t, "z.csv")],
         1, ("skipped: {dir}/a.txt" + NOT_REGULAR, "skipped: {dir}/z.csv" + NOT_REGULAR)),
    Case("pipe-as-annotation-set", lambda t, p: ["import", p, "--annotations",
                                                 _pipe(t, "set.jsonl")], 1,
         (ERR + "set.jsonl" + NOT_REGULAR,)),
    Case("dev-zero-as-qdpx", lambda t, p: ["import", p, "--annotations", _zero(t, "in.qdpx")], 1,
         (ERR + "in.qdpx" + NOT_REGULAR,)),
    Case("pipe-as-merge-source", lambda t, p: ["merge", p, _pipe(t, "coder.sqlite")], 1,
         (ERR + "{dir}/coder.sqlite" + NO_PROJECT,)),
    Case("pipe-as-project", lambda t, p: ["info", _pipe(t, "fifo.sqlite")], 1,
         (ERR + "{dir}/fifo.sqlite" + NO_PROJECT,)),
]  # fmt: skip


@pytest.mark.parametrize("case", NOT_FILES, ids=[c.id for c in NOT_FILES])
def test_pipes_and_devices_are_refused_not_read(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    run_case(case, tmp_path, project, counts)


def _endless_line(tmp: Path, project: Path) -> list[str | Path]:
    """A line longer than any article may be, with no line break: refused once it is that
    long, never read into memory whole."""
    from framing_annotator.io.annotation_import import MAX_LINE_CHARS

    path = tmp / "set.jsonl"
    first = b'{"text": "A short line.", "spans": []}\n'
    with path.open("wb") as handle:
        handle.write(first)
        handle.truncate(len(first) + MAX_LINE_CHARS + 1)  # sparse NULs: no disk cost
    return ["import", project, "--annotations", path]


@pytest.mark.parametrize("case", [
    Case("annotation-line-over-the-limit", _endless_line, 1,
         (ERR + "set.jsonl, line 2: the line is over 67,108,864 characters",)),
], ids=lambda c: c.id)  # fmt: skip
def test_a_line_without_end_is_refused_at_the_limit(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    run_case(case, tmp_path, project, counts)
