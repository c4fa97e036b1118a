"""Issue 12: nothing a user types can destroy a project.

Table-driven, through the command line as a user runs it (``cli.main`` in process):
one row per hole the issue lists, then every entry point (article files, CSV, JSONL,
annotation sets, ``.qdpx``, merge) x every hostile input. Each row states the exact
line the user sees (or the exact stored result), the exit code, and checks that a
refused project is byte-for-byte unchanged (sha256) and passes ``integrity_check``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_support import integrity, make_project

from framing_annotator.cli import main
from framing_annotator.services.project import Project

BIG_LINE = 2 * 1024 * 1024
"""The "50 MB single line" in its bounded CI form; ``test_a_50_mb_line`` (slow) is the full one."""

TEXT = "“We will not give up,” said Ana Ruiz on Monday. Officials disagreed.\n"
RULE = "QUOTE"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*argv: str | Path) -> tuple[int, str, str]:
    """``framing-annotator ARGV`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def stored(project: Path) -> dict:
    """What the project holds, read straight from the file (not through our code)."""
    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        q = conn.execute
        return {
            "articles": [r[0] for r in q("SELECT title FROM articles ORDER BY id")],
            "texts": [r[0] for r in q("SELECT text FROM articles ORDER BY id")],
            "frames": {r[0]: r[1] for r in q("SELECT key, label FROM frame_types")},
            "speakers": [r[0] for r in q("SELECT name FROM speakers ORDER BY id")],
            "quotes": [
                (r[0], r[1], r[2], r[3])
                for r in q('SELECT start, "end", note, '
                           "(SELECT group_concat(frame_key) FROM quote_frames f "
                           " WHERE f.quote_uuid = quotes.uuid) FROM quotes ORDER BY start")
            ],  # fmt: skip
        }
    finally:
        conn.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project.sqlite"
    make_project(path, articles=2)
    return path


def _jsonl_row(**fields) -> dict:
    row = {"text": TEXT, "annotator": "ana", "spans": [{"start": 0, "end": 22, "label": "quote"}]}
    row.update(fields)
    return row


def _annotation_file(tmp_path: Path, *rows: dict | str, name: str = "set.jsonl") -> Path:
    path = tmp_path / name
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=True) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- REFI-QDA archives ------------------------------------------------------------------

G = "00000000-0000-4000-8000-{:012d}".format


def qde(
    *,
    selections: str = "",
    codes: str = "",
    source: str = 'plainTextPath="internal://a.txt"',
    extra: str = "",
) -> str:
    codebook = f"<CodeBook><Codes>{codes}</Codes></CodeBook>" if codes else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="QualCoder 3.6">'
        f'<Users><User guid="{G(1)}" name="ana"/></Users>{codebook}'
        f'<Sources><TextSource guid="{G(2)}" name="Article A" {source}>{selections}'
        f"</TextSource>{extra}</Sources></Project>"
    )


def qdpx(
    tmp_path: Path,
    project: str | None = None,
    text: bytes = TEXT.encode(),
    *,
    folder: str = "sources",
    members: dict[str, bytes] | None = None,
    name: str = "in.qdpx",
) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project if project is not None else qde())
        # stored, not deflated: a long text must meet the article limit, not the zip-bomb ratio
        archive.writestr(f"{folder}/a.txt", text, compress_type=zipfile.ZIP_STORED)
        for member, data in (members or {}).items():
            archive.writestr(member, data)
    return path


def selection(start: int, end: int, *codes: int, memo: str = "", guid: int = 10) -> str:
    refs = "".join(
        f'<Coding guid="{G(100 + guid * 10 + i)}"><CodeRef targetGUID="{G(c)}"/></Coding>'
        for i, c in enumerate(codes)
    )
    description = f"<Description>{memo}</Description>" if memo else ""
    return (
        f'<PlainTextSelection guid="{G(guid)}" startPosition="{start}" endPosition="{end}" '
        f'creatingUser="{G(1)}">{description}{refs}</PlainTextSelection>'
    )


# -- the rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it, the command, and what the user must see."""

    id: str
    make: Callable[[Path, Path], list[str | Path]]
    """(tmp_path, project) -> the command line after ``framing-annotator``."""
    code: int
    lines: tuple[str, ...] | None
    """Every line on stderr, exactly ({dir} is tmp_path); None: checked by ``check``."""
    changed: bool = False
    """True when the project is meant to change (a correct import); else sha256 equal."""
    check: Callable[[Path, Path, str, str], None] | None = None
    """(tmp_path, project, stdout, stderr) -> asserts on the stored result."""


def _run_case(case: Case, tmp_path: Path, project: Path, counts) -> None:
    argv = case.make(tmp_path, project)
    before = sha(project)
    code, out, err = run(*argv)
    assert "Traceback" not in err, err
    if case.lines is not None:
        expected = [line.format(dir=tmp_path) for line in case.lines]
        assert err.splitlines() == expected, err
    assert code == case.code, (code, out, err)
    if not case.changed:
        assert sha(project) == before, "a refused input changed the project"
    assert integrity(project) == "ok"
    if case.check is not None:
        case.check(tmp_path, project, out, err)
    counts.add("hostile12.cases")


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


ERR = "framing-annotator: error: "
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
    _run_case(case, tmp_path, project, counts)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # the device is still a device
    assert not (tmp_path / "missing").exists()  # no folder was created on the way
    counts.add("hostile12.output_paths")


# -- 2, 7, 8, 9: every row through the same limits and schema ----------------------------


def _files(*named: tuple[str, bytes | str]):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        paths = []
        for name, data in named:
            path = tmp / name
            path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str)
                             else data)  # fmt: skip
            paths.append(path)
        return ["import", project, *paths]

    return make


def _annotations(*rows: dict | str, name: str = "set.jsonl"):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        return ["import", project, "--annotations", _annotation_file(tmp, *rows, name=name)]

    return make


SURROGATE_ROW = '{"text": "Bad \\ud800 text."}'
ROWS = [
    # 2: a lone surrogate is one refused file; the rest of the batch is imported
    Case("2-surrogate-in-batch",
         _files(("good.txt", "A good article."), ("bad.jsonl", SURROGATE_ROW + "\n"),
                ("good2.txt", "Another good one.")), 1,
         ("skipped: {dir}/bad.jsonl, line 1: the text holds a lone surrogate (U+D800) at "
          "character 4, which is not valid Unicode text",),
         changed=True,
         check=lambda t, p, out, err: (
             out == "2 imported, 0 already in the project, 1 rejected\n"
             and stored(p)["articles"][-2:] == ["A good article.", "Another good one."]
         ) or pytest.fail(out)),
    Case("2-surrogate-in-title", _files(("t.jsonl", '{"text": "Fine.", "title": "\\udfff"}\n')),
         1, ("skipped: {dir}/t.jsonl, line 1: title: holds a lone surrogate (U+DFFF) at "
             "character 0, which is not valid Unicode text",)),
    Case("2-surrogate-in-speaker",
         _annotations(_jsonl_row(spans=[{"start": 0, "end": 22, "speaker": "\ud800"}])), 1,
         (ERR + "set.jsonl, line 1: field spans[0]: speaker: holds a lone surrogate (U+D800) "
          "at character 0, which is not valid Unicode text",)),
    Case("2-surrogate-in-note",
         _annotations(_jsonl_row(spans=[{"start": 0, "end": 22, "note": "ok \udbff"}])), 1,
         (ERR + "set.jsonl, line 1: field spans[0]: note: holds a lone surrogate "
          "(U+DBFF) at character 3, which is not valid Unicode text",)),
    # 7: import --annotations checks NUL like every other path
    Case("7-nul-in-annotation-text", _annotations(_jsonl_row(text="Before\u0000 after.")), 1,
         (ERR + "set.jsonl, line 1: field text: holds a NUL character at character 6",)),
    # 8: an HTML title is cut to 200 characters like every other title
    Case("8-long-html-title",
         _files(("long.html", f"<title>{'T' * 10_001}</title><p>Body text.</p>")), 0, (),
         changed=True,
         check=lambda t, p, out, err: (stored(p)["articles"][-1] == "T" * 200)
         or pytest.fail(stored(p)["articles"][-1][:50])),
    # 9: wrong JSON types are refused by the schema, naming field, expected and found
    Case("9-frames-string",
         _annotations(_jsonl_row(spans=[{"start": 0, "end": 22, "frames": "threat"}])), 1,
         (ERR + 'set.jsonl, line 1: field spans[0].frames: expected array (or null), found '
          'string "threat"',)),
    Case("9-boolean-offset",
         _annotations(_jsonl_row(spans=[{"start": True, "end": False}])), 1,
         (ERR + "set.jsonl, line 1: field spans[0].start: expected integer, found boolean true",)),
    Case("9-title-object", _annotations(_jsonl_row(meta={"title": {"a": 1}})), 1,
         (ERR + "set.jsonl, line 1: field meta.title: expected string (or null), found an "
          "object",)),
    Case("9-title-object-article-file", _files(("o.jsonl", '{"text": "T.", "title": {"a": 1}}\n')),
         1, ("skipped: {dir}/o.jsonl, line 1: field title: expected string (or null), found "
             "an object",)),
    Case("9-junk-timestamp",
         _annotations(_jsonl_row(spans=[{"start": 0, "end": 22, "created_at": "last Tuesday"}])),
         1, (ERR + "set.jsonl, line 1: field spans[0].created_at: expected an ISO 8601 date "
             'and time such as 2026-05-01T12:00:00Z, found string "last Tuesday"',)),
]  # fmt: skip


@pytest.mark.parametrize("case", ROWS, ids=[c.id for c in ROWS])
def test_2_7_8_9_rows_pass_one_schema_and_one_limits_function(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    _run_case(case, tmp_path, project, counts)


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
         _annotations(_jsonl_row(spans=[{"start": 0, "end": 22, "id": "q-1"}]),
                      _jsonl_row(spans=[{"start": 0, "end": 22, "id": "q-1", "note": "x"}])), 1,
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
    _run_case(case, tmp_path, project, counts)


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
    return _annotations(
        _jsonl_row(spans=[{"start": 0, "end": 22, "speaker": "a. ruiz"}])
    )(tmp, project)


def _span(start: int, frames: list[str]) -> dict:
    return {"start": start, "end": start + 5, "frames": frames}


MATCHING = [
    Case("5-frames-by-label-any-case-and-spacing",
         _annotations(_jsonl_row(spans=[
             _span(0, ["public safety"]), _span(10, ["PUBLIC   Safety"]),
             _span(20, ["public_safety"]), _span(30, ["Economic cost", "Threat"])])),
         0, (), changed=True, check=_frames_by_label),
    Case("5-speaker-by-alias", _ana_with_alias, 0, (), changed=True, check=_speaker_by_alias),
]  # fmt: skip


@pytest.mark.parametrize("case", MATCHING, ids=[c.id for c in MATCHING])
def test_5_frames_and_speakers_are_matched_by_any_name(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    _run_case(case, tmp_path, project, counts)


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
            f"{value}) is not one this app writes (1 to 2, with 2 migrations recorded); it "
            "was changed outside the app, restore it from a backup",)  # fmt: skip


VERSIONS = [
    Case("10-user-version-0", _user_version(0), 1, _not_ours(0)),
    Case("10-user-version-minus-1", _user_version(-1), 1, _not_ours(-1)),
    Case("10-user-version-newer", _user_version(99), 1,
         (ERR + "{dir}/project.sqlite was saved by a newer version of Framing Annotator "
          "(schema 99, this version reads up to 2); update the app to open it",)),
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
         _files(("q.csv", 'title,text\nA,"An open quote\nB,next row\nC,more\n')), 1,
         ("skipped: {dir}/q.csv, line 4: malformed CSV (unexpected end of data); check for "
          "an unbalanced quote",)),
    Case("11-csv-quote-closed-mid-field",
         _files(("q.csv", 'title,text\nA,"An open\nB,"next" row\n')), 1,
         ("skipped: {dir}/q.csv, line 3: malformed CSV (',' expected after '\"'); check for "
          "an unbalanced quote",)),
    Case("11-csv-two-text-columns", _files(("t.csv", "text,title,text\nOne,T,Two\n")), 1,
         ("skipped: {dir}/t.csv: the CSV header has two 'text' columns (columns 1 and 3); "
          "rename or remove one",)),
    Case("11-csv-extra-column", _files(("x.csv", "title,text\nA,B,C\n")), 1,
         ("skipped: {dir}/x.csv, line 2: expected 2 columns, found 3",)),
]  # fmt: skip


@pytest.mark.parametrize("case", CSV_ROWS, ids=[c.id for c in CSV_ROWS])
def test_11_csv_mistakes_are_refused(case: Case, tmp_path: Path, project: Path, counts) -> None:
    _run_case(case, tmp_path, project, counts)


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


# -- every entry point x every hostile input ---------------------------------------------

SQL_FRAME = "x'); DROP TABLE quotes;--"
RTL_FRAME = "\u202eevil\u202c frame"
INPUTS = ("empty", "binary", "nul", "surrogate", "utf16", "cp1252", "bom", "crlf", "big_line",
          "wrong_type", "offsets_out_of_range", "start_after_end", "long_speaker",
          "sql_and_rtl_frames")  # fmt: skip


def _text_for(kind: str) -> bytes | None:
    """The article text each input means, as bytes in a file; None: not applicable."""
    return {
        "empty": b"",
        "binary": bytes(range(256)) * 4,
        "nul": b"Officials said\x00 the talks failed.",
        "surrogate": b"A lone \xed\xa0\x80 surrogate.",  # U+D800 as (invalid) UTF-8
        "utf16": TEXT.encode("utf-16"),
        "cp1252": "\u201cQuoted\u201d caf\u00e9".encode("cp1252"),
        "bom": b"\xef\xbb\xbf" + TEXT.encode(),
        "crlf": TEXT.replace("\n", "\r\n").encode() + b"Second line.\r\n",
        "big_line": (("word " * (BIG_LINE // 5)) + TEXT.strip()).encode(),
    }.get(kind)


def _json_text_for(kind: str) -> str | None:
    """The same inputs inside a JSON string (NUL and surrogate as JSON escapes)."""
    return {
        "nul": "Officials said\u0000 the talks failed.",
        "surrogate": "A lone \ud800 surrogate.",
        "bom": "\ufeff" + TEXT,
        "crlf": TEXT.replace("\n", "\r\n"),
        "big_line": ("word " * (BIG_LINE // 5)) + TEXT.strip(),
    }.get(kind)


def _raw(kind: str, name: str):
    """Entry points that read a whole file: the bytes are the hostile input."""

    def make(tmp: Path, project: Path) -> list[str | Path]:
        data = _text_for(kind)
        if name.endswith(".csv") and kind not in ("empty", "binary", "utf16"):
            data = b"title,text\r\nT," + b'"' + data.replace(b'"', b'""') + b'"\r\n'
        path = tmp / name
        path.write_bytes(data)
        return ["import", project, path]

    return make


def _article_jsonl(kind: str):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        path = tmp / "a.jsonl"
        if kind == "wrong_type":
            data = b'{"text": 5}\n'
        elif _json_text_for(kind) is not None:
            data = (json.dumps({"text": _json_text_for(kind)}) + "\n").encode()
        else:
            data = _text_for(kind)
            if kind == "cp1252":
                data = b'{"text": "' + data + b'"}\n'
        path.write_bytes(data)
        return ["import", project, path]

    return make


def _annotation_rows(kind: str) -> bytes | None:
    span = {"start": 0, "end": 22, "label": "quote"}
    rows = {
        "wrong_type": {**_jsonl_row(), "spans": {"start": 0}},
        "offsets_out_of_range": _jsonl_row(spans=[{"start": 0, "end": 10_000}]),
        "start_after_end": _jsonl_row(spans=[{"start": 20, "end": 3}]),
        "long_speaker": _jsonl_row(spans=[{**span, "speaker": "S" * 10_000}]),
        "sql_and_rtl_frames": _jsonl_row(spans=[{**span, "frames": [SQL_FRAME, RTL_FRAME]}]),
    }
    if kind in rows:
        return (json.dumps(rows[kind]) + "\n").encode()
    text = _json_text_for(kind)
    if text is not None:
        return (json.dumps(_jsonl_row(text=text)) + ("\r\n" if kind == "crlf" else "\n")).encode()
    data = _text_for(kind)
    if kind == "cp1252":
        return b'{"text": "' + data + b'", "spans": []}\n'
    return data


def _annotation_jsonl(kind: str):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        path = tmp / "set.jsonl"
        path.write_bytes(_annotation_rows(kind))
        return ["import", project, "--annotations", path]

    return make


FRAMES = f'<Code guid="{G(70)}" name="Frames" isCodable="false">{{}}</Code>'
SPEAKERS = f'<Code guid="{G(80)}" name="Speakers" isCodable="false">{{}}</Code>'


def _code(guid: int, name: str) -> str:
    from xml.sax.saxutils import quoteattr

    return f'<Code guid="{G(guid)}" name={quoteattr(name)} isCodable="true"/>'


def _qdpx_input(kind: str):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        text = TEXT.encode()
        document = qde(selections=selection(0, 22))
        if kind == "empty":
            path = tmp / "in.qdpx"
            path.write_bytes(b"")
            return ["import", project, "--annotations", path]
        if kind == "binary":
            path = tmp / "in.qdpx"
            path.write_bytes(bytes(range(256)) * 4)
            return ["import", project, "--annotations", path]
        if kind in ("nul", "surrogate", "utf16", "cp1252", "bom", "crlf", "big_line"):
            text = _text_for(kind)
            document = qde(selections=selection(0, 5))
        elif kind == "wrong_type":
            document = qde(selections=selection(0, 22).replace('endPosition="22"',
                                                               'endPosition="true"'))
        elif kind == "offsets_out_of_range":
            document = qde(selections=selection(0, 10_000))
        elif kind == "start_after_end":
            document = qde(selections=selection(20, 3))
        elif kind == "long_speaker":
            document = qde(codes=SPEAKERS.format(_code(81, "S" * 10_000)),
                           selections=selection(0, 22, 81))
        elif kind == "sql_and_rtl_frames":
            frames = _code(71, SQL_FRAME) + _code(72, RTL_FRAME)
            document = qde(codes=FRAMES.format(frames), selections=selection(0, 22, 71, 72))
        return ["import", project, "--annotations", qdpx(tmp, document, text)]

    return make


NUL_DIGEST = hashlib.sha256(b"Officials said\x00 the talks.").hexdigest()


def _merge_input(kind: str):
    """A source project holding the hostile input, as another coder's file would."""

    def make(tmp: Path, project: Path) -> list[str | Path]:
        from framing_annotator.domain.codebook import FrameType
        from framing_annotator.domain.model import Article, Quote, Speaker
        from framing_annotator.domain.spans import Span
        from framing_annotator.services.annotation import AnnotationSession
        from framing_annotator.services.commands import CreateQuote

        source = tmp / "coder.sqlite"
        if kind in ("empty", "binary"):
            source.write_bytes(_text_for(kind))
            return ["merge", project, source]
        make_project(source, articles=0)
        opened = Project.open(source)
        (article,) = opened.import_articles([Article(text=TEXT, title="Merged")]).added
        speaker = None
        with opened.repo.transaction() as repo:
            if kind == "long_speaker":
                speaker = repo.save_speaker(Speaker("S" * 10_000)).id
            if kind == "sql_and_rtl_frames":
                repo.save_frame_type(FrameType("sql", SQL_FRAME, order=10))
                repo.save_frame_type(FrameType("rtl", RTL_FRAME, order=11))
        frames = frozenset({"sql", "rtl"}) if kind == "sql_and_rtl_frames" else frozenset()
        AnnotationSession(opened.repo, "bo").execute(CreateQuote(Quote(
            article_id=article.id, annotator="bo", span=Span(0, 22), speaker_id=speaker,
            frames=frames)))  # fmt: skip
        opened.close()
        damage = {
            "nul": "UPDATE articles SET text = 'Officials said' || char(0) || ' the talks.', "
                   f"text_sha256 = '{NUL_DIGEST}'",
            "surrogate": "UPDATE articles SET text = CAST(X'41eda080' AS TEXT)",
            "cp1252": "UPDATE articles SET text = CAST(X'93517594' AS TEXT)",
            "offsets_out_of_range": 'UPDATE quotes SET "end" = 10000',
            "start_after_end": 'UPDATE quotes SET start = 20, "end" = 3',
            "wrong_type": "UPDATE quotes SET start = 'zero'",
        }.get(kind)
        if damage:
            conn = sqlite3.connect(source)
            conn.execute("PRAGMA ignore_check_constraints = ON")
            conn.execute("DROP TRIGGER IF EXISTS quotes_fts_update")
            conn.execute(damage)
            conn.commit()
            conn.close()
        return ["merge", project, source]

    return make


ENTRY_POINTS = {
    "txt": lambda kind: _raw(kind, "a.txt") if _text_for(kind) is not None else None,
    "csv": lambda kind: _raw(kind, "a.csv") if _text_for(kind) is not None else None,
    "jsonl": lambda kind: _article_jsonl(kind)
    if _text_for(kind) is not None or kind == "wrong_type" else None,
    "annotations": lambda kind: _annotation_jsonl(kind),
    "qdpx": lambda kind: _qdpx_input(kind),
    "merge": lambda kind: _merge_input(kind)
    if kind not in ("utf16", "bom", "crlf", "big_line") else None,
}
"""utf16, bom, crlf and big lines are file encodings: a merge source is a project, not a
file of text, so they have no meaning there."""


def _last_text(expected: str):
    def check(tmp: Path, project: Path, out: str, err: str) -> None:
        assert stored(project)["texts"][-1] == expected

    return check


def _big_line_stored(tmp: Path, project: Path, out: str, err: str) -> None:
    text = stored(project)["texts"][-1]
    assert text == _text_for("big_line").decode() and "\n" not in text


def _literal_frames(tmp: Path, project: Path, out: str, err: str) -> None:
    """SQL and RTL overrides are stored as the text they are, keys made from them."""
    frames = stored(project)["frames"]
    assert SQL_FRAME in frames.values() and RTL_FRAME in frames.values()
    assert stored(project)["quotes"][-1][0:2] == (0, 22)
    assert sqlite3.connect(project).execute("SELECT count(*) FROM quotes").fetchone()[0] >= 1


CRLF_TEXT = TEXT + "Second line.\n"
NOT_UTF8 = "skipped: {dir}/a.%s: not valid UTF-8 at byte %d; re-save the file as UTF-8"
UTF16 = "skipped: {dir}/a.%s: the file is UTF-16 text; re-save it as UTF-8"
EMPTY = "skipped: {dir}/a.%s: the file is empty"
BINARY = ("skipped: {dir}/a.%s: binary data (a NUL byte at byte %d); only UTF-8 text files "
          "can be imported")  # fmt: skip
ANN = ERR + "set.jsonl"
QDPX = ERR + "in.qdpx"
SOURCE = ERR + "{dir}/coder.sqlite"
OFFSETS_UNCLEAR = ", line 1: field text: has a BOM or carriage returns, so its offsets are unclear"
SURROGATE = "a lone surrogate (U+D800) at character 7, which is not valid Unicode text"
BAD_UTF8_PROJECT = (" holds text that is not valid UTF-8, which this app never writes; if it is a "
                    "project, restore it from a backup")  # fmt: skip
ADDED = "{name}: 1 quotes added, 0 already there, 0 replaced, 0 in conflict; 1 articles "
EXPECTED: dict[tuple[str, str], tuple[int, tuple[str, ...], Callable | None]] = {
    ("txt", "empty"): (1, (EMPTY % "txt",), None),
    ("txt", "binary"): (1, (BINARY % ("txt", 0),), None),
    ("txt", "nul"): (1, (BINARY % ("txt", 14),), None),
    ("txt", "surrogate"): (1, (NOT_UTF8 % ("txt", 7),), None),
    ("txt", "utf16"): (1, (UTF16 % "txt",), None),
    ("txt", "cp1252"): (1, (NOT_UTF8 % ("txt", 0),), None),
    ("txt", "bom"): (0, (), _last_text(TEXT)),
    ("txt", "crlf"): (0, (), _last_text(CRLF_TEXT)),
    ("txt", "big_line"): (0, (), _big_line_stored),
    ("csv", "empty"): (1, (EMPTY % "csv",), None),
    ("csv", "binary"): (1, (BINARY % ("csv", 0),), None),
    ("csv", "nul"): (1, (BINARY % ("csv", 29),), None),
    ("csv", "surrogate"): (1, (NOT_UTF8 % ("csv", 22),), None),
    ("csv", "utf16"): (1, (UTF16 % "csv",), None),
    ("csv", "cp1252"): (1, (NOT_UTF8 % ("csv", 15),), None),
    ("csv", "bom"): (0, (), _last_text(TEXT)),  # a BOM inside a cell is text's, dropped
    ("csv", "crlf"): (0, (), _last_text(CRLF_TEXT)),
    ("csv", "big_line"): (0, (), _big_line_stored),
    ("jsonl", "empty"): (1, (EMPTY % "jsonl",), None),
    ("jsonl", "binary"): (1, (BINARY % ("jsonl", 0),), None),
    ("jsonl", "nul"): (1, ("skipped: {dir}/a.jsonl, line 1: the text holds a NUL character "
                           "at character 14",), None),
    ("jsonl", "surrogate"): (1, ("skipped: {dir}/a.jsonl, line 1: the text holds " + SURROGATE,),
                             None),
    ("jsonl", "utf16"): (1, (UTF16 % "jsonl",), None),
    ("jsonl", "cp1252"): (1, (NOT_UTF8 % ("jsonl", 10),), None),
    ("jsonl", "bom"): (0, (), _last_text(TEXT)),
    ("jsonl", "crlf"): (0, (), _last_text(TEXT)),
    ("jsonl", "big_line"): (0, (), _big_line_stored),
    ("jsonl", "wrong_type"): (1, ("skipped: {dir}/a.jsonl, line 1: field text: expected "
                                  "string, found integer 5",), None),
    ("annotations", "empty"): (1, (ANN + ": the file has no annotation lines",), None),
    ("annotations", "binary"): (1, (ANN + ": not UTF-8 (byte 128); re-save it as UTF-8",), None),
    ("annotations", "nul"): (1, (ANN + ", line 1: field text: holds a NUL character at "
                                 "character 14",), None),
    ("annotations", "surrogate"): (1, (ANN + ", line 1: field text: holds " + SURROGATE,), None),
    ("annotations", "utf16"): (1, (ANN + ": not UTF-8 (byte 0); re-save it as UTF-8",), None),
    ("annotations", "cp1252"): (1, (ANN + ": not UTF-8 (byte 10); re-save it as UTF-8",), None),
    ("annotations", "bom"): (1, (ANN + OFFSETS_UNCLEAR,), None),
    ("annotations", "crlf"): (1, (ANN + OFFSETS_UNCLEAR,), None),
    ("annotations", "big_line"): (0, (), _big_line_stored),
    ("annotations", "wrong_type"): (1, (ANN + ", line 1: field spans: expected array (or "
                                        "null), found an object",), None),
    ("annotations", "offsets_out_of_range"): (1, (ANN + ", line 1: field spans[0]: span [0, "
                                                  "10000) runs past the end of the text (69 "
                                                  "characters)",), None),
    ("annotations", "start_after_end"): (1, (ANN + ", line 1: field spans[0]: span [20, 3) is "
                                             "empty or negative",), None),
    ("annotations", "long_speaker"): (1, (ANN + ", line 1: field spans[0].speaker: expected at "
                                          "most 200 characters, found 10,000",), None),
    ("annotations", "sql_and_rtl_frames"): (0, (), _literal_frames),
    ("qdpx", "empty"): (1, (QDPX + ": not a readable .qdpx archive (File is not a zip file)",),
                        None),
    ("qdpx", "binary"): (1, (QDPX + ": not a readable .qdpx archive (File is not a zip file)",),
                         None),
    ("qdpx", "nul"): (1, (QDPX + ": source 'Article A': the text holds a NUL character at "
                          "character 14",), None),
    ("qdpx", "surrogate"): (1, (QDPX + ": source 'Article A': the text is not UTF-8 (byte 7)",),
                            None),
    ("qdpx", "utf16"): (1, (QDPX + ": source 'Article A': the text is not UTF-8 (byte 0)",),
                        None),
    ("qdpx", "cp1252"): (1, (QDPX + ": source 'Article A': the text is not UTF-8 (byte 0)",),
                         None),
    ("qdpx", "bom"): (0, (), _last_text(TEXT)),
    ("qdpx", "crlf"): (0, (), _last_text(CRLF_TEXT)),
    ("qdpx", "big_line"): (0, (), _big_line_stored),
    ("qdpx", "wrong_type"): (1, (QDPX + ": project.qde does not follow the REFI-QDA schema: "
                                 "element /Project/Sources/TextSource/PlainTextSelection "
                                 "('00000000-0000-4000-8000-000000000010'): attribute "
                                 "endPosition: expected an integer, found 'true'",), None),
    ("qdpx", "offsets_out_of_range"): (1, (QDPX + ": source 'Article A': span [0, 10000) runs "
                                           "past the end of the text (69 characters)",), None),
    ("qdpx", "start_after_end"): (1, (QDPX + ": source 'Article A': span [20, 3) is empty or "
                                      "negative",), None),
    ("qdpx", "long_speaker"): (1, (QDPX + ": code 'Speakers': speaker: expected at most 200 "
                                   "characters, found 10,000",), None),
    ("qdpx", "sql_and_rtl_frames"): (0, (), _literal_frames),
    ("merge", "empty"): (1, (SOURCE + " is not a Framing Annotator project (not an SQLite "
                             "database)",), None),
    ("merge", "binary"): (1, (SOURCE + " is not a Framing Annotator project (not an SQLite "
                              "database)",), None),
    ("merge", "nul"): (1, (SOURCE + ": article 'Merged': the text holds a NUL character at "
                           "character 14",), None),
    ("merge", "surrogate"): (1, (SOURCE + BAD_UTF8_PROJECT,), None),
    ("merge", "cp1252"): (1, (SOURCE + BAD_UTF8_PROJECT,), None),
    ("merge", "wrong_type"): (1, (SOURCE + ": span offsets must be integers, got 'zero', 22",),
                              None),
    ("merge", "offsets_out_of_range"): (1, (SOURCE + ": span [0, 10000) runs past the "
                                            "article's 69 characters",), None),
    ("merge", "start_after_end"): (1, (SOURCE + ": span [20, 3) is empty or negative",), None),
    ("merge", "long_speaker"): (1, (SOURCE + ": speaker: expected at most 200 characters, "
                                    "found 10,000",), None),
    ("merge", "sql_and_rtl_frames"): (0, (), _literal_frames),
}  # fmt: skip

MATRIX = [
    Case(f"{entry}-{kind}", factory(kind), *EXPECTED[(entry, kind)][:2],
         changed=EXPECTED[(entry, kind)][0] == 0, check=EXPECTED[(entry, kind)][2])
    for entry, factory in ENTRY_POINTS.items()
    for kind in INPUTS
    if factory(kind) is not None
]  # fmt: skip


def test_the_matrix_covers_every_entry_point_and_input() -> None:
    assert {c.id for c in MATRIX} == {f"{e}-{k}" for e, k in EXPECTED}
    assert {e for e, _ in EXPECTED} == set(ENTRY_POINTS)
    assert {k for _, k in EXPECTED} == set(INPUTS)


@pytest.mark.parametrize("case", MATRIX, ids=[c.id for c in MATRIX])
def test_every_entry_point_x_every_hostile_input(
    case: Case, tmp_path: Path, project: Path, counts
) -> None:
    _run_case(case, tmp_path, project, counts)
    counts.add("hostile12.matrix")


@pytest.mark.slow
@pytest.mark.parametrize("entry", ["txt", "csv", "jsonl", "annotations", "qdpx"])
def test_a_50_mb_line_through_every_entry_point(
    entry: str, tmp_path: Path, project: Path, counts, monkeypatch
) -> None:
    """The full 50 MB single line (FA_SLOW=1): stored whole, exactly."""
    monkeypatch.setattr(sys.modules[__name__], "BIG_LINE", 50 * 1024 * 1024)
    assert len(_text_for("big_line")) > 50 * 1024 * 1024 - 100
    code, _lines, check = EXPECTED[(entry, "big_line")]
    case = Case(f"{entry}-50mb", ENTRY_POINTS[entry]("big_line"), code, (), changed=True,
                check=check)  # fmt: skip
    _run_case(case, tmp_path, project, counts)


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
    _run_case(case, tmp_path, project, counts)


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
    _run_case(case, tmp_path, project, counts)
