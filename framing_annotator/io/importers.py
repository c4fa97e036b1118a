"""Reading article files: plain text, Markdown, HTML, CSV and JSONL.

Every reader returns finished :class:`Article` objects or raises
:class:`ImportRejected` naming the file and what is wrong, before anything is
stored, so a file is imported whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import ImportRejected
from ..domain.limits import TITLE_MAX, first_line, make_article
from ..domain.model import Article
from ..domain.text import normalise_text
from .html_text import html_to_text
from .schemas import validate_row

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused: split a corpus this big into several files."""

__all__ = ["TITLE_MAX", "MAX_FILE_BYTES", "read_articles", "decode_file", "decode_bytes"]
METADATA_COLUMNS = ("title", "outlet", "date", "url")

# Signatures of common binary formats, so the message can say what the file is.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(_READERS)


def read_articles(path: Path) -> list[Article]:
    """All articles in one file, or :class:`ImportRejected` with a one-line reason."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportRejected(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
            f"use one of {', '.join(supported_suffixes())}"
        )
    return reader(path, decode_file(path))


def check_regular_file(path: Path, name: str | None = None) -> int:
    """The size of ``path``, or :class:`ImportRejected` when it is not a regular file: a
    pipe would block the import forever and ``/dev/zero`` would fill the memory."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ImportRejected(f"{name or path}: cannot be read ({exc.strerror})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ImportRejected(f"{name or path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ImportRejected(
            f"{name or path}: is not a regular file (a device, pipe or socket); "
            "only files can be imported"
        )
    return info.st_size


def decode_file(path: Path) -> str:
    """Read ``path`` as UTF-8 text, normalised, refusing empty, binary and oversized files."""
    try:
        size = check_regular_file(path)
        if size > MAX_FILE_BYTES:
            raise ImportRejected(
                f"{path}: {_size(size, up=True)} is over the {_size(MAX_FILE_BYTES)} limit "
                "for one file; split it into smaller files"
            )
        with open(path, "rb", buffering=0) as handle:
            # Read what the file reports plus a byte, then on when there was more: the
            # size a file reports can be wrong, and read(limit) would allocate the whole
            # limit for every file (20 µs of an 800-word article's 100).
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
        if len(data) > MAX_FILE_BYTES:
            raise ImportRejected(
                f"{path}: over the {_size(MAX_FILE_BYTES)} limit for one file; "
                "split it into smaller files"
            )
    except IsADirectoryError as exc:
        raise ImportRejected(f"{path}: is a folder, not a file") from exc
    except OSError as exc:
        raise ImportRejected(f"{path}: cannot be read ({exc.strerror})") from exc
    return decode_bytes(data, str(path))


def _size(n: int, *, up: bool = False) -> str:
    """``n`` bytes for a message; ``up`` rounds up, so a file just over the limit never
    reads as the limit itself ("64.1 MiB is over the 64.0 MiB limit")."""
    if n < 2**20:
        return f"{n:,} bytes"
    tenths = n * 10 / 2**20
    return f"{(math.ceil(tenths) if up else round(tenths)) / 10:.1f} MiB"


def decode_bytes(data: bytes, name: str) -> str:
    if not data or data.isspace():  # what `not data.strip()` says, without a copy of the file
        raise ImportRejected(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # What Windows calls "Unicode": text, but not UTF-8 (and full of NUL bytes).
        raise ImportRejected(f"{name}: the file is UTF-16 text; re-save it as UTF-8")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ImportRejected(f"{name}: this is {what}, not a text file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportRejected(
            f"{name}: binary data (a NUL byte at byte {nul}); only UTF-8 text files can be imported"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            f"{name}: not valid UTF-8 at byte {exc.start}; re-save the file as UTF-8"
        ) from exc
    text = normalise_text(text)
    if not text or text.isspace():
        raise ImportRejected(f"{name}: the file has no text")
    return text


def _read_plain(path: Path, text: str) -> list[Article]:
    return [make_article(str(path), text, source=path.name)]


def _read_markdown(path: Path, text: str) -> list[Article]:
    title = first_line(text).lstrip("#").strip()
    return [make_article(str(path), text, title=title, source=path.name)]


def _read_html(path: Path, text: str) -> list[Article]:
    visible, title = html_to_text(text)
    if not visible.strip():
        raise ImportRejected(f"{path}: the HTML page has no visible text")
    return [make_article(str(path), visible, title=title, source=path.name)]


def record_to_article(record: dict, where: str, source: str) -> Article:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ImportRejected(f"{where}: the 'text' column is empty or missing")
    fields = {column: record.get(column) for column in METADATA_COLUMNS}
    return make_article(where, text, source=source, **fields)


def _read_csv(path: Path, text: str) -> list[Article]:
    csv.field_size_limit(MAX_FILE_BYTES)
    # strict: a quote that is never closed, or closed in the middle of a field, is an
    # error instead of one article swallowing every row after it.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        names = next(reader, None)
        if names is None:
            raise ImportRejected(f"{path}: the CSV file has no header row")
        header: dict[str, int] = {}
        for index, name in enumerate(names):
            key = name.strip().lower()
            if key in header and key in ("text", *METADATA_COLUMNS):
                raise ImportRejected(
                    f"{path}: the CSV header has two {key!r} columns (columns "
                    f"{header[key] + 1} and {index + 1}); rename or remove one"
                )
            header.setdefault(key, index)
        if "text" not in header:
            raise ImportRejected(
                f"{path}: the CSV header has no 'text' column (found: {', '.join(names)})"
            )
        articles = []
        start = reader.line_num + 1
        for row in reader:
            where = f"{path}, line {start}"
            if not row:
                start = reader.line_num + 1  # a blank line is no row
                continue
            if reader.line_num > start and len(row) != len(names):
                raise ImportRejected(
                    f"{where}: a quoted field runs on to line {reader.line_num} and the row "
                    f"has {len(row)} columns, not {len(names)}; check for an unbalanced quote"
                )
            if len(row) > len(names):
                raise ImportRejected(
                    f"{where}: expected {len(names)} columns, found {len(row)}"
                )
            record = {key: row[i] if i < len(row) else None for key, i in header.items()}
            articles.append(record_to_article(record, where, path.name))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRejected(
            f"{path}, line {reader.line_num}: malformed CSV ({exc}); "
            "check for an unbalanced quote"
        ) from exc
    if not articles:
        raise ImportRejected(f"{path}: the CSV file has a header but no rows")
    return articles


def _read_jsonl(path: Path, text: str) -> list[Article]:
    articles = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportRejected(f"{where}: not valid JSON ({exc.msg})") from exc
        except RecursionError as exc:  # e.g. a line of 100,000 "["
            raise ImportRejected(f"{where}: the JSON is nested too deeply") from exc
        except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
            raise ImportRejected(f"{where}: the JSON holds a number that is too long") from exc
        if isinstance(record, dict):
            record = {str(key).lower(): value for key, value in record.items()}
        validate_row(record, "article", where)
        articles.append(record_to_article(record, where, path.name))
    if not articles:
        raise ImportRejected(f"{path}: the JSONL file has no records")
    return articles


_READERS: dict[str, Callable[[Path, str], list[Article]]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
}
