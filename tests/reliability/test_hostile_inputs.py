"""Hostile and broken inputs: clear one-line messages, and the project never harmed.

"Unchanged" is checked byte for byte: a closed project is hashed, opened, given the bad
input, closed, and hashed again. (Opening and closing a project without writing leaves
its file identical: the WAL holds nothing to checkpoint.) Where a test must open the
project in a way that leaves sidecar files (read-only), it says so and checks them too.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import HERE, PYTHON, WORKER_ENV, integrity, make_project

from framing_annotator.domain.errors import (
    ImportRejected,
    KnownError,
    NewerSchema,
    NotAProject,
    ProjectUnavailable,
)
from framing_annotator.domain.model import Article, Quote
from framing_annotator.domain.spans import Span
from framing_annotator.domain.text import text_digest
from framing_annotator.io import importers
from framing_annotator.io.importers import read_articles
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import CreateQuote
from framing_annotator.services.project import Project
from framing_annotator.store.db import check_integrity, open_database
from framing_annotator.store.migrations import SCHEMA_VERSION
from framing_annotator.store.repository import Repository

FUZZ_EXAMPLES = int(os.environ.get("FA_FUZZ_EXAMPLES", "150"))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """A closed project with a few articles, as it is on disk between sessions."""
    path = tmp_path / "project.sqlite"
    make_project(path, articles=3)
    assert not Path(f"{path}-wal").exists()
    return path


def _one_line(message: str) -> str:
    assert "\n" not in message and message.strip() == message
    return message


# -- refused imports ---------------------------------------------------------------------


def _oversized(path: Path) -> None:
    """A real file one byte over the limit; sparse, so it costs no disk space or time."""
    with path.open("wb") as handle:
        handle.write(b"text ")
        handle.truncate(importers.MAX_FILE_BYTES + 1)


REFUSED = [
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b" \n\t\r\n ", "the file is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "this is a PNG image, not a text file"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "this is a PDF document, not a text file"),
    (
        "program.txt",
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64,
        "binary data (a NUL byte at byte 7)",
    ),
    ("latin1.txt", "Le café est fermé".encode("latin-1"), "not valid UTF-8 at byte 6"),
    ("cp1252.csv", b"title,text\nA,\x93Quoted\x94 text\n", "not valid UTF-8 at byte 13"),
    ("utf16.txt", "“Quote,” she said.".encode("utf-16"), "the file is UTF-16 text"),
    ("nul.txt", b"Officials said\x00 the talks failed.", "a NUL byte at byte 14"),
    ("nul.jsonl", b'{"text": "a\\u0000b"}\n', "line 1: the text holds a NUL character"),
    ("deep.jsonl", b"[" * 100_000 + b"\n", "line 1: the JSON is nested too deeply"),
    ("bigint.jsonl", b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n", "a number that is too long"),
    ("big.txt", _oversized, "64.1 MiB is over the 64.0 MiB limit for one file"),
]


@pytest.mark.parametrize("name,content,message", REFUSED, ids=[name for name, _, _ in REFUSED])
def test_refused_import_names_the_problem_and_leaves_the_project(
    project_path: Path, tmp_path: Path, name, content, message, counts
) -> None:
    path = tmp_path / name
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ImportRejected) as caught:
        read_articles(path)
    assert message in _one_line(caught.value.message) and str(path) in caught.value.message

    before = sha(project_path)
    project = Project.open(project_path)
    report = project.import_files([path])
    summaries = project.articles()
    project.close()
    assert report.rejected == [(path, caught.value.message)] and not report.added
    assert len(summaries) == 3
    assert sha(project_path) == before
    counts.add("hostile.refused_imports")


# -- accepted imports with exact offsets -------------------------------------------------

SAID = "“We will not give up,” said Ana Ruiz."
ACCEPTED = {
    "crlf.txt": ("Strike\r\n\r\n" + SAID + "\r\nOfficials disagreed.\r\n").encode(),
    "lone-cr.md": ("# Strike\r\r" + SAID + "\rThe end.").encode(),
    "rtl.txt": (
        "\u200fقال أحمد: «لن نستسلم» أمس.\n" + SAID + " שלום, אמר דוד. \u202eevil\u202c\n"
    ).encode(),
    "combining.txt": ("Ame\u0301lie said: cafe\u0301, Zoë, ñ, Z\u0308\u0301.\n" + SAID).encode(),
    "emoji.html": ("<p>🇩🇪 The family 👩‍👩‍👧 waved 👋🏽.</p><p>" + SAID + " 🙂𝄞</p>").encode(),
    "emoji.jsonl": (json.dumps({"title": "😀 T", "text": "👍🏿 ok. " + SAID}) + "\n").encode(),
    "emoji.csv": ('title,text\r\n"🎉 Party","Line 1\r\n' + SAID + ' 🥳"\r\n').encode(),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_hard_text_imports_with_offsets_that_slice_exactly(
    project_path: Path, tmp_path: Path, name: str, counts
) -> None:
    path = tmp_path / name
    path.write_bytes(ACCEPTED[name])
    project = Project.open(project_path)
    try:
        (article,) = project.import_files([path]).added
        text = project.article(article.id).text
        assert "\r" not in text and article.text_sha256 == text_digest(text)
        # Nothing is re-normalised: combining marks stay decomposed, RTL marks stay put.
        if name == "combining.txt":
            assert "e\u0301" in text and unicodedata.normalize("NFC", text) != text
        if name == "rtl.txt":
            assert text.startswith("\u200f") and "\u202eevil\u202c" in text
        _assert_quote_slices(project, article.id, text, SAID)
    finally:
        project.close()
    counts.add("hostile.accepted_imports")


def _assert_quote_slices(project: Project, article_id: int, text: str, wanted: str) -> None:
    """A quote on ``wanted`` slices it back in Python and in SQLite (FTS via substr)."""
    start = text.index(wanted)
    span = Span(start, start + len(wanted))
    assert text[span.start : span.end] == wanted
    session = AnnotationSession(project.repo, "ana")
    session.execute(CreateQuote(Quote(article_id=article_id, annotator="ana", span=span)))
    hits = [h for h in project.search("Ruiz") if h.what == "quote"]
    assert [h.text for h in hits if h.article_id == article_id] == [wanted]


def test_a_single_line_of_a_million_characters(project_path: Path, tmp_path: Path, counts):
    filler = "word 🙂 é " * 120_000  # astral and combining-free accents, no newline
    text = (filler + SAID)[-1_000_000:]
    assert len(text) == 1_000_000 and "\n" not in text
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    project = Project.open(project_path)
    try:
        (article,) = project.import_files([path]).added
        stored = project.article(article.id).text
        assert stored == text and len(stored) == 1_000_000
        assert article.title == text[: importers.TITLE_MAX]
        _assert_quote_slices(project, article.id, stored, SAID)
    finally:
        project.close()
    counts.add("hostile.accepted_imports")


# -- broken projects ---------------------------------------------------------------------


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xa5" * 8192
    path.write_bytes(bytes(data))


def _newer_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _plain_sqlite(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('Robert''); DROP TABLE people;--')")
    conn.commit()
    conn.close()


def _csv_named_like_a_project(path: Path) -> None:
    path.write_text("title,text\nA,B\n", encoding="utf-8")


BROKEN = [
    ("truncated", _truncate, NotAProject, "restore it from a backup"),
    ("newer-schema", _newer_schema, NewerSchema, "saved by a newer version of Framing Annotator"),
    ("plain-sqlite", _plain_sqlite, NotAProject, "an SQLite database but not a Framing Annotator"),
    ("not-sqlite", _csv_named_like_a_project, NotAProject, "(not an SQLite database)"),
]


@pytest.mark.parametrize(
    "damage,error,message", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_project_is_refused_with_a_clear_message_untouched(
    tmp_path: Path, damage, error, message, counts
) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path, articles=60)  # big enough for the middle to be inside a table
    damage(path)
    before = sha(path)
    with pytest.raises(error) as caught:
        Project.open(path)
    assert message in _one_line(caught.value.message) and str(path) in caught.value.message
    assert sha(path) == before
    _assert_no_sidecar_data(path)
    counts.add("hostile.broken_projects")


def test_corrupted_pages_are_found_by_the_check_and_by_any_read_that_meets_them(
    tmp_path: Path, counts
) -> None:
    """Opening is O(1) (no page scan), so damage inside a table is found by
    ``check_integrity`` (the backup worker's and "Check project"'s check) and by the
    first read that touches it, each with the same advice; the file stays as it was."""
    path = tmp_path / "project.sqlite"
    make_project(path, articles=60)
    _corrupt_middle(path)
    before = sha(path)
    assert check_integrity(path) != "ok"
    healthy = tmp_path / "healthy.sqlite"
    make_project(healthy, articles=2)
    project = Project.open(healthy)
    assert project.check() == "ok" and project.check(thorough=True) == "ok"
    project.close()
    with pytest.raises(NotAProject) as caught:
        project = Project.open(path)
        try:
            for summary in project.articles():
                project.article(summary.id)
            project.search("border")  # this file's damage lies in the search index
        finally:
            project.close()
    assert "restore it from a backup" in _one_line(caught.value.message)
    assert sha(path) == before
    counts.add("hostile.broken_projects")


def _assert_no_sidecar_data(path: Path) -> None:
    """Nothing was written beside the project either.

    The read-only probe of a WAL-mode file may leave an empty ``-wal`` and a ``-shm``
    (SQLite needs them to read such a file and a read-only connection cannot delete
    them); the ``-wal`` must hold no frame.
    """
    extra = sorted(p.name for p in path.parent.iterdir() if p != path)
    assert set(extra) <= {f"{path.name}-wal", f"{path.name}-shm"}, extra
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_unwritable_project_refuses_writes_and_stays_intact(project_path: Path, counts) -> None:
    """Simulated with a read-only connection (``mode=ro``): tests run as root.

    A read-only connection cannot remove the (empty) WAL and shared-memory files it opens,
    so those are checked to be empty instead of absent; the project file itself is
    compared byte for byte.
    """
    before = sha(project_path)
    repo = Repository(open_database(project_path, read_only=True), project_path)
    project = Project(repo)
    try:
        assert len(project.articles()) == 3  # reading works
        writes = [
            lambda: AnnotationSession(repo, "ana"),
            lambda: project.import_articles([Article(text="A new article.")]),
        ]
        for write in writes:
            with pytest.raises(ProjectUnavailable) as caught:
                write()
            assert _one_line(caught.value.message) == (
                f"{project_path} cannot be written (read-only file or folder); "
                "save a copy elsewhere or fix its permissions"
            )
    finally:
        project.close()
    assert sha(project_path) == before
    _assert_no_sidecar_data(project_path)
    assert integrity(project_path) == "ok"
    counts.add("hostile.broken_projects")


def test_full_disk_by_max_page_count_rolls_the_action_back(project_path: Path, counts) -> None:
    before = sha(project_path)
    project = Project.open(project_path)
    try:
        pages = project.repo.db.execute("PRAGMA page_count").fetchone()[0]
        project.repo.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(ProjectUnavailable) as caught:
            project.import_articles([Article(text="Too big to fit. " * 50_000)])
        assert "is full; the last change was not saved" in _one_line(caught.value.message)
        assert len(project.articles()) == 3  # earlier data is all there, nothing half-added
    finally:
        project.close()
    assert sha(project_path) == before  # the failed transaction left no trace
    counts.add("hostile.broken_projects")


def test_full_disk_by_a_real_file_size_limit(project_path: Path, counts) -> None:
    """A real refused write (RLIMIT_FSIZE in a subprocess), not a pragma."""
    before = sha(project_path)
    result = subprocess.run(
        [PYTHON, str(HERE / "full_disk.py"), str(project_path)],
        capture_output=True,
        text=True,
        env=WORKER_ENV,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["error"] == "ProjectUnavailable", outcome
    assert "the disk is full or failing" in _one_line(outcome["message"])
    assert "the last change was not saved" in outcome["message"]
    assert outcome["articles_after"] == 3
    assert integrity(project_path) == "ok"
    assert sha(project_path) == before
    counts.add("hostile.broken_projects")


# -- fuzzing the importers ---------------------------------------------------------------

SUFFIXES = [".txt", ".md", ".html", ".csv", ".jsonl"]
_fuzz_dir = Path(tempfile.mkdtemp(prefix="fa-fuzz-"))


def _check_import(data: bytes, suffix: str) -> None:
    """Only ImportRejected may come out; accepted articles are normalised and hashed."""
    path = _fuzz_dir / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        articles = read_articles(path)
    except ImportRejected as exc:
        _one_line(exc.message)
        return
    assert articles
    for article in articles:
        assert "\r" not in article.text and article.text.strip()
        assert article.text_sha256 == text_digest(article.text)
        assert len(article.title) <= importers.TITLE_MAX
        Span(0, len(article.text))  # the whole text is a valid span


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


TAGS = st.sampled_from(
    [
        *"<p> </p> <script> </script> <pre> </pre> <title> <h1> </h1> <br/> <!-- --> <![CDATA[ "
        "]]> &amp; &#x1F600; &#0; &#xD800; <!DOCTYPE_html> < > </".split(),
        "<img src='http://127.0.0.1:9/x.png'>",
        "\r\n",
    ]
)


@st.composite
def documents(draw) -> tuple[bytes, str]:
    """Random bytes, random text, or text shaped like each supported format."""
    suffix = draw(st.sampled_from(SUFFIXES))
    kind = draw(st.sampled_from(["bytes", "text", "shaped"]))
    if kind == "bytes":
        return draw(st.binary(max_size=600)), suffix
    text = draw(st.text(max_size=400))
    if kind == "shaped":
        if suffix == ".csv":
            text = f"title,text\r\n{_csv_field(text[:20])},{_csv_field(text)}\n"
        elif suffix == ".jsonl":
            text = json.dumps({"title": text[:20], "text": text, "outlet": None}) + "\n"
        elif suffix == ".html":
            parts = draw(st.lists(st.one_of(TAGS, st.text(max_size=30)), max_size=40))
            text = "".join(parts)
    return text.encode("utf-8"), suffix


_FUZZED: list[int] = []


@pytest.fixture(scope="module", autouse=True)
def _count_fuzz_examples(counts) -> Iterator[None]:
    yield
    counts.add("fuzz.import_examples", len(_FUZZED))


@settings(
    max_examples=FUZZ_EXAMPLES * 3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents())
def test_fuzzed_files_are_imported_or_refused_never_a_crash(document) -> None:
    _check_import(*document)
    _FUZZED.append(1)


def test_known_error_is_the_only_escape() -> None:
    """ImportRejected is a KnownError: the app shows it as one line and logs no bug."""
    assert issubclass(ImportRejected, KnownError)
