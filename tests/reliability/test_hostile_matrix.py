"""Issue 12: every entry point (article files, CSV, JSONL, annotation sets, ``.qdpx``,
merge) x every hostile input, each with its exact outcome (see ``hostile_cli.Case``)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import ERR, TEXT, Case, G, jsonl_row, qde, qdpx, run_case, selection, stored
from reliability_support import make_project

from framing_annotator.services.project import Project

BIG_LINE = 2 * 1024 * 1024
"""The "50 MB single line" in its bounded CI form; ``test_a_50_mb_line`` (slow) is the full one."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project.sqlite"
    make_project(path, articles=2)
    return path



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
        "wrong_type": {**jsonl_row(), "spans": {"start": 0}},
        "offsets_out_of_range": jsonl_row(spans=[{"start": 0, "end": 10_000}]),
        "start_after_end": jsonl_row(spans=[{"start": 20, "end": 3}]),
        "long_speaker": jsonl_row(spans=[{**span, "speaker": "S" * 10_000}]),
        "sql_and_rtl_frames": jsonl_row(spans=[{**span, "frames": [SQL_FRAME, RTL_FRAME]}]),
    }
    if kind in rows:
        return (json.dumps(rows[kind]) + "\n").encode()
    text = _json_text_for(kind)
    if text is not None:
        return (json.dumps(jsonl_row(text=text)) + ("\r\n" if kind == "crlf" else "\n")).encode()
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
    run_case(case, tmp_path, project, counts)
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
    run_case(case, tmp_path, project, counts)

