"""What the issue-12 hostile suites share: running the command line in process, reading a
project straight from its file, building annotation sets and ``.qdpx`` archives, and the
``Case`` table row with the checks every row makes (exact lines, exit code, sha256,
``integrity_check``)."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from reliability_support import integrity

from framing_annotator.cli import main

TEXT = "“We will not give up,” said Ana Ruiz on Monday. Officials disagreed.\n"


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


def jsonl_row(**fields) -> dict:
    row = {"text": TEXT, "annotator": "ana", "spans": [{"start": 0, "end": 22, "label": "quote"}]}
    row.update(fields)
    return row


def annotation_file(tmp_path: Path, *rows: dict | str, name: str = "set.jsonl") -> Path:
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


def run_case(case: Case, tmp_path: Path, project: Path, counts) -> None:
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


ERR = "framing-annotator: error: "



def import_files(*named: tuple[str, bytes | str]):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        paths = []
        for name, data in named:
            path = tmp / name
            path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str)
                             else data)  # fmt: skip
            paths.append(path)
        return ["import", project, *paths]

    return make


def import_annotations(*rows: dict | str, name: str = "set.jsonl"):
    def make(tmp: Path, project: Path) -> list[str | Path]:
        return ["import", project, "--annotations", annotation_file(tmp, *rows, name=name)]

    return make


