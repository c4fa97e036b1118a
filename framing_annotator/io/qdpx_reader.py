"""Reading a REFI-QDA ``.qdpx`` archive into an annotation set, safely.

The archive is never extracted: members are read into memory, and only
``project.qde`` and flat ``sources/<name>`` members are used (folder and file names
matched case-insensitively: MAXQDA writes ``Sources/``). A member whose name could
leave a folder (``..``, an absolute path, a drive, a backslash) refuses the whole
archive, as do XML with a DTD or entities (defusedxml), a ``project.qde`` that does
not follow the REFI-QDA schema or comes twice, and any archive over the size limits
below; what is read is counted against a total budget, whatever the headers claim.
Every article passes the limits of every import (``domain/limits.py``).

Another program's project loses nothing silently: codes outside our categories come
in as frames labelled with their code path, a selection's ``Description`` memo and
its notes become the quote's note, and what cannot come in (non-text sources,
unattached notes) is listed in the set's ``notices``, which the import report shows.
See ``io/export/refi_qda.py`` for the mapping.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from ..domain.codebook import FrameType, key_from_label
from ..domain.errors import ImportRejected, KnownError, UnsafeArchive
from ..domain.exchange import AnnotatedArticle, AnnotationSet, ExchangeQuote
from ..domain.limits import MAX_ARTICLE_BYTES, checked_text, make_article
from ..domain.model import QuoteKind
from ..domain.spans import Span, check_span
from ..domain.text import normalise_text
from .collector import SetCollector
from .export import refi_qda as refi
from .qdpx_schema import validate_project

MAX_ARCHIVE_BYTES = 2 * 1024**3
"""The ``.qdpx`` file itself."""
MAX_MEMBERS = 200_000
MAX_MEMBER_BYTES = 512 * 1024**2
"""Uncompressed size of any one member (``project.qde`` is the largest)."""
MAX_TOTAL_BYTES = 4 * 1024**3
"""Uncompressed size of all members together."""
MAX_RATIO = 200
"""Members that inflate more than this (and past 1 MiB) are treated as a zip bomb."""

_NS = {"q": refi.PROJECT_NS}
_KEY_LINE = re.compile(r"(?:^|\n)" + re.escape(refi.KEY_PREFIX) + r"([a-z0-9][a-z0-9_-]*)\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")
_KINDS = {refi.kind_guid(kind): kind for kind in QuoteKind}
_OUR_CATEGORIES = {"frames", "speakers", "quote kinds"}


def _check_names(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeArchive(f"{name}: more than {MAX_MEMBERS} files in the archive")
    total = 0
    for info in infos:
        member = info.filename
        parts = PurePosixPath(member).parts
        if (
            "\\" in member
            or member.startswith("/")
            or ".." in parts
            or (parts and ":" in parts[0])
            or "\x00" in member
        ):
            raise UnsafeArchive(f"{name}: refused, the archive has a file outside its folder "
                                f"({member!r})")  # fmt: skip
        if info.file_size > MAX_MEMBER_BYTES:
            raise UnsafeArchive(f"{name}: {member!r} is larger than {MAX_MEMBER_BYTES} bytes")
        if info.file_size > 1024**2 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeArchive(f"{name}: {member!r} inflates suspiciously (a zip bomb?)")
        total += info.file_size
    projects = [i.filename for i in infos if i.filename.casefold() == "project.qde"]
    if len(projects) > 1:
        raise ImportRejected(
            f"{name}: the archive holds project.qde {len(projects)} times; "
            "which one is the project is unclear, so none is read"
        )
    if total > MAX_TOTAL_BYTES:
        raise UnsafeArchive(f"{name}: the archive unpacks to more than {MAX_TOTAL_BYTES} bytes")


class _Budget:
    """One archive's members by case-folded name, and what has been inflated so far
    (the total uncompressed budget, counted as read: headers can lie)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.used = 0
        self.members = {name.casefold(): name for name in archive.namelist()}


def _read(
    archive: zipfile.ZipFile,
    member: str,
    name: str,
    budget: _Budget,
    limit: int = MAX_MEMBER_BYTES,
) -> bytes:
    """Member ``member`` (folder and file names matched case-insensitively), at most
    ``limit`` bytes and what is left of the archive's total budget."""
    found = budget.members.get(member.casefold())
    if found is None:
        raise ImportRejected(f"{name}: the archive has no {member!r}")
    left = min(limit, MAX_TOTAL_BYTES - budget.used)
    with archive.open(found) as stream:
        data = stream.read(left + 1)  # never trust the sizes in the header
    budget.used += len(data)
    if len(data) > left:
        if budget.used > MAX_TOTAL_BYTES:
            raise UnsafeArchive(
                f"{name}: the archive unpacks to more than {MAX_TOTAL_BYTES} bytes"
            )
        if limit == MAX_ARTICLE_BYTES:
            raise ImportRejected(
                f"{found!r} is over the {limit / 2**20:.1f} MiB limit for one article; "
                "split it"
            )
        raise UnsafeArchive(f"{name}: {found!r} is larger than {limit} bytes")
    return data


def read_qdpx(path: Path) -> AnnotationSet:
    """Read a ``.qdpx`` file; raises :class:`UnsafeArchive` or :class:`ImportRejected`."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ARCHIVE_BYTES:
            raise UnsafeArchive(f"{path.name}: larger than {MAX_ARCHIVE_BYTES} bytes")
        with zipfile.ZipFile(path) as archive:
            _check_names(archive, path.name)
            budget = _Budget(archive)
            root = _parse(_read(archive, "project.qde", path.name, budget), path.name)
            validate_project(root, path.name)
            return _Project(root, archive, path.name, budget).annotation_set()
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise ImportRejected(f"{path.name}: not a readable .qdpx archive ({exc})") from exc
    except OSError as exc:
        raise ImportRejected(f"{path.name}: cannot read it ({exc.strerror or exc})") from exc


def _parse(data: bytes, name: str) -> Element:
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeArchive(
            f"{name}: refused, project.qde declares a DTD or XML entities ({type(exc).__name__})"
        ) from exc
    except ParseError as exc:
        raise ImportRejected(f"{name}: project.qde is not well-formed XML ({exc})") from exc


def _uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value.strip("{}")))
    except ValueError:
        return value


class _Project:
    """One parsed ``project.qde`` with its archive, turned into an annotation set."""

    def __init__(
        self, root: Element, archive: zipfile.ZipFile, name: str, budget: _Budget
    ) -> None:
        self.root, self.archive, self.name, self.budget = root, archive, name, budget
        self.origin = root.get("origin") or ""
        self.collector = SetCollector()
        self.notices: list[str] = []
        self.used_notes: set[str] = set()
        self.users = {
            _uuid(u.get("guid", "")): u.get("name") or u.get("id") or u.get("guid", "")
            for u in root.iterfind("q:Users/q:User", _NS)
        }
        self.variables = {
            _uuid(v.get("guid", "")): v.get("name", "")
            for v in root.iterfind("q:Variables/q:Variable", _NS)
        }
        self.notes = {
            _uuid(n.get("guid", "")): n.findtext("q:PlainTextContent", "", _NS)
            for n in root.iterfind("q:Notes/q:Note", _NS)
        }
        self.links = {
            _uuid(link.get("originGUID", "")): _uuid(link.get("targetGUID", ""))
            for link in root.iterfind("q:Links/q:Link", _NS)
            if link.get("name") == refi.MENTION_LINK
        }
        self.frames: dict[str, str] = {}  # code GUID -> frame key
        self.speakers: dict[str, str] = {}  # code GUID -> speaker name
        self.foreign: list[str] = []  # labels of other programs' codes, now frames
        for code in root.iterfind("q:CodeBook/q:Codes/q:Code", _NS):
            try:
                self._category(code)
            except KnownError as exc:
                raise ImportRejected(
                    f"{name}: code {code.get('name', '')[:60]!r}: {exc.message}"
                ) from exc

    def _category(self, code: Element) -> None:
        guid, name = _uuid(code.get("guid", "")), code.get("name", "")
        children = code.findall("q:Code", _NS)
        if guid == refi.FRAMES_CATEGORY or name == "Frames":
            for child in children:
                self._frame(child)
        elif guid == refi.SPEAKERS_CATEGORY or name == "Speakers":
            for child in children:
                if child.get("isCodable") == "false" and child.findall("q:Code", _NS):
                    for speaker in child.findall("q:Code", _NS):
                        self._speaker(speaker, child.get("name"))
                else:
                    self._speaker(child, None)
        elif name.casefold() not in _OUR_CATEGORIES and guid not in _KINDS:
            self._foreign(code, ())

    def _foreign(self, code: Element, parents: tuple[str, ...]) -> None:
        """Another program's code (and its subcodes) comes in as a frame labelled with
        its code path ("Emotions / Anger"), so no coding is lost."""
        name = code.get("name", "").strip() or "code"
        path = (*parents, name)
        if code.get("isCodable") != "false" and code.get("guid") not in (
            refi.MENTION_CODE, refi.SUGGESTION_CODE,
        ):  # fmt: skip
            label = " / ".join(path)
            description = code.findtext("q:Description", "", _NS)
            frame = FrameType(
                key_from_label(label), label[:200],
                f"Imported from {self.origin or self.name}. {description}".strip(),
                order=len(self.collector.frames),
            )  # fmt: skip
            key = self.collector.frame(label[:200], frame)
            self.frames[_uuid(code.get("guid", ""))] = key
            self.foreign.append(label)
        for child in code.findall("q:Code", _NS):
            self._foreign(child, path)

    def _frame(self, code: Element) -> None:
        label = code.get("name", "").strip() or "frame"
        description = code.findtext("q:Description", "", _NS)
        match = _KEY_LINE.search(description)
        key = match.group(1) if match else _SLUG.sub("_", label.lower()).strip("_") or "frame"
        description = description[: match.start()].strip() if match else description
        colour = code.get("color", "")
        frame = FrameType(
            key, label, description, colour if len(colour) == 7 else "#999999",
            order=len(self.collector.frames),
        )  # fmt: skip
        self.frames[_uuid(code.get("guid", ""))] = self.collector.frame(key, frame)

    def _speaker(self, code: Element, kind: str | None) -> None:
        try:
            name = self.collector.speaker(code.get("name", ""), kind)
        except ValueError:
            name = self.collector.speaker(code.get("name", ""))
        if name:
            self.speakers[_uuid(code.get("guid", ""))] = name
            aliases = code.findtext("q:Description", "", _NS)
            if aliases.startswith(refi.ALIASES_PREFIX):
                self.collector.aliases[name] = tuple(
                    a.strip() for a in aliases[len(refi.ALIASES_PREFIX) :].split(";") if a.strip()
                )

    def annotation_set(self) -> AnnotationSet:
        documents: list[AnnotatedArticle] = []
        if self.foreign:
            shown = ", ".join(self.foreign[:10]) + (", ..." if len(self.foreign) > 10 else "")
            self.notices.append(
                f"{len(self.foreign)} codes from outside our Frames and Speakers came in as "
                f"frames: {shown}"
            )
        others = [e for e in self.root.iterfind("q:Sources/*", _NS)
                  if e.tag != f"{{{refi.PROJECT_NS}}}TextSource"]  # fmt: skip
        if others:
            kinds = sorted({e.tag.split("}")[-1] for e in others})
            self.notices.append(
                f"{len(others)} sources that are not plain text ({', '.join(kinds)}) were "
                "not imported: only text can be annotated here"
            )
        for source in self.root.iterfind("q:Sources/q:TextSource", _NS):
            try:
                documents += self._source(source)
            except (KnownError, ValueError) as exc:
                reason = exc.message if isinstance(exc, KnownError) else str(exc)
                label = source.get("name") or source.get("guid")
                kind = UnsafeArchive if isinstance(exc, UnsafeArchive) else ImportRejected
                raise kind(f"{self.name}: source {label!r}: {reason}") from exc
        unread = [g for g, text in self.notes.items() if g not in self.used_notes and text]
        if unread:
            self.notices.append(
                f"{len(unread)} notes not attached to a coded selection (project memos or "
                "journals) were not imported"
            )
        result = self.collector.annotation_set(documents, Path(self.name).stem)
        return replace(result, notices=tuple(self.notices))

    def _text(self, source: Element) -> str:
        inline = source.find("q:PlainTextContent", _NS)
        if inline is not None:
            return inline.text or ""
        location = source.get("plainTextPath", "")
        if not location.startswith("internal://"):
            raise ImportRejected(f"only internal sources can be read, not {location!r}")
        member = location[len("internal://") :]
        if not member or "/" in member or "\\" in member or member in (".", ".."):
            raise UnsafeArchive(f"refused, the source path {location!r} leaves sources/")
        data = _read(self.archive, f"sources/{member}", self.name, self.budget,
                     limit=MAX_ARTICLE_BYTES)  # fmt: skip
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportRejected(f"the text is not UTF-8 (byte {exc.start})") from exc

    def _note(self, selection: Element) -> str:
        """The selection's memo: its ``Description`` (where QualCoder and MAXQDA keep a
        coding memo) and the notes it refers to (ATLAS.ti, NVivo, us), each once."""
        parts = [selection.findtext("q:Description", "", _NS).strip()]
        for ref in selection.iterfind("q:NoteRef", _NS):
            target = _uuid(ref.get("targetGUID", ""))
            self.used_notes.add(target)
            parts.append(self.notes.get(target, "").strip())
        unique = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
        return checked_text("\n\n".join(unique), "", "note", strip=False)

    def _source(self, source: Element) -> list[AnnotatedArticle]:
        raw = self._text(source)
        text = normalise_text(raw)
        position = _position_map(raw, self.origin)
        values = {
            self.variables.get(_uuid(v.find("q:VariableRef", _NS).get("targetGUID", "")), ""): (
                v.findtext("q:TextValue", "", _NS)
            )
            for v in source.iterfind("q:VariableValue", _NS)
            if v.find("q:VariableRef", _NS) is not None
        }
        article = make_article(
            "", text, title=source.get("name", ""), outlet=values.get("outlet", ""),
            date=values.get("date", ""), url=values.get("url", ""), source=self.name,
        )  # fmt: skip
        mentions: dict[str, Span] = {}
        pending: list[tuple[str, Element, Span, set[str]]] = []
        for selection in source.iterfind("q:PlainTextSelection", _NS):
            start = position(int(selection.get("startPosition", "")))
            end = position(int(selection.get("endPosition", "")))
            span = check_span(text, start, end)
            codes = {
                _uuid(ref.get("targetGUID", ""))
                for ref in selection.iterfind("q:Coding/q:CodeRef", _NS)
            }
            guid = _uuid(selection.get("guid", ""))
            if refi.MENTION_CODE in codes:
                mentions[guid] = span
            elif refi.SUGGESTION_CODE not in codes:
                pending.append((guid, selection, span, codes))
        by_user: dict[str, list[ExchangeQuote]] = {}
        for guid, selection, span, codes in pending:
            user = _uuid(selection.get("creatingUser", ""))
            annotator = self.users.get(user) or user or "imported"
            note = self._note(selection)
            speakers = [self.speakers[c] for c in codes if c in self.speakers]
            by_user.setdefault(annotator, []).append(
                ExchangeQuote(
                    uuid=guid,
                    span=span,
                    kind=next((_KINDS[c] for c in codes if c in _KINDS), QuoteKind.DIRECT),
                    speaker=min(speakers) if speakers else None,
                    mention=mentions.get(self.links.get(guid, "")),
                    frames=tuple(self.frames[c] for c in codes if c in self.frames),
                    note=note,
                    created_at=selection.get("creationDateTime", ""),
                    updated_at=selection.get("modifiedDateTime", "")
                    or selection.get("creationDateTime", ""),
                )
            )
        return [
            AnnotatedArticle(article, annotator, tuple(quotes))
            for annotator, quotes in sorted(by_user.items())
        ]


def _position_map(raw: str, origin: str) -> Callable[[int], int]:
    """Positions in the file's text -> positions in the normalised text.

    Positions count code points. NVivo counts a character beyond U+FFFF as two and
    ATLAS.ti counts ``\\r\\n`` as one (refi-qda README); both are undone here.
    """
    units: list[int] = []  # the normalised position at each position as the file counts
    nvivo, atlas = "nvivo" in origin.lower(), "atlas" in origin.lower()
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if not nvivo and "\r" not in raw:
        return lambda position: position
    normal = 0
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\r" and raw[index + 1 : index + 2] == "\n":
            units.append(normal)
            if not atlas:
                units.append(normal)
            index += 2
        else:
            units.append(normal)
            if nvivo and ord(char) > 0xFFFF:
                units.append(normal)
            index += 1
        normal += 1
    units.append(normal)
    return lambda position: units[position] if 0 <= position < len(units) else position
