"""REFI-QDA export: a ``.qdpx`` project and a ``.qdc`` codebook (docs/exports.md).

The mapping, chosen so that every QDA package can show it and we can read it back:

- each article is a ``TextSource`` (``sources/<GUID>.txt``), with outlet, date and url
  as document variables; each annotator is a ``User``;
- each quote is a ``PlainTextSelection`` (code points, end exclusive) whose GUID is the
  quote's UUID, created by its annotator, coded with its kind, its speaker and its
  frames; its note is its ``Description`` and a ``Note``; its mention is a second selection coded
  "Speaker mention" and tied to the quote by a ``Link``;
- codes: "Frames" > one code per frame type (the key on the last line of the
  description); "Speakers" > speaker type > speaker (aliases in the description);
  "Quote kinds" > direct, mixed, indirect. Speakers are codes, not cases, because
  every REFI-QDA importer reads codes and codings, while cases are optional.

GUIDs are UUID5s of stable ids (text hash, frame key, speaker name, ...), so two
exports of the same annotations name everything alike.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha1
from pathlib import Path

from ... import __version__
from ...domain.exchange import (
    AnnotationSet,
    Cancelled,
    ExchangeQuote,
    OperationCancelled,
    Progress,
    never_cancelled,
)
from ...domain.model import Article, QuoteKind, Suggestion

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"Framing Annotator {__version__}"
GUID_NAMESPACE = uuid.UUID("5b0f8a36-3c1e-4d55-9a8e-2f7c1b6d9e40")
KEY_PREFIX = "Key: "
ALIASES_PREFIX = "Also called: "
MENTION_LINK = "speaker mention"
VARIABLES = ("outlet", "date", "url")

_DATETIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[&<>\r"\n\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_CANONICAL_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def guid(kind: str, value: str) -> str:
    """A GUID that depends only on what it names: ``uuid5(GUID_NAMESPACE, "kind:value")``.

    Computed from the SHA-1 directly (the same value as :func:`uuid.uuid5`, a third of the
    time): a large export derives one for every coding.
    """
    digest = bytearray(sha1(_NAMESPACE_BYTES + f"{kind}:{value}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


_NAMESPACE_BYTES = GUID_NAMESPACE.bytes
_cached_guid = lru_cache(maxsize=4096)(guid)  # codes, users, variables: the same few, often


FRAMES_CATEGORY = guid("category", "frames")
SPEAKERS_CATEGORY = guid("category", "speakers")
KINDS_CATEGORY = guid("category", "quote kinds")
MENTION_CODE = guid("code", "speaker mention")
SUGGESTION_CODE = guid("code", "pending suggestion")


def frame_guid(key: str) -> str:
    return _cached_guid("frame", key)


def speaker_guid(name: str) -> str:
    return _cached_guid("speaker", name)


def speaker_type_guid(value: str) -> str:
    return _cached_guid("speaker-type", value)


def kind_guid(kind: QuoteKind) -> str:
    return _cached_guid("kind", kind.value)


def user_guid(annotator: str) -> str:
    return _cached_guid("user", annotator)


def source_guid(text_sha256: str) -> str:
    return guid("article", text_sha256)


def variable_guid(name: str) -> str:
    return _cached_guid("variable", name)


def selection_guid(quote_uuid: str) -> str:
    """The quote's own UUID when it is one (so an import finds the quote again)."""
    if _CANONICAL_UUID.match(quote_uuid):
        return quote_uuid  # already what str(uuid.UUID(...)) would give
    try:
        return str(uuid.UUID(quote_uuid))
    except ValueError:
        return guid("quote", quote_uuid)


@dataclass(frozen=True)
class CodeNode:
    guid: str
    name: str
    codable: bool = True
    colour: str | None = None
    description: str = ""
    children: tuple[CodeNode, ...] = ()


def code_tree(annotations: AnnotationSet) -> list[CodeNode]:
    """Frames, speakers (under their type) and quote kinds, as REFI-QDA codes."""
    frames = tuple(
        CodeNode(
            frame_guid(f.key), f.label, colour=f.colour,
            description="\n\n".join(filter(None, [f.description, KEY_PREFIX + f.key])),
        )
        for f in annotations.codebook.frames
    )  # fmt: skip
    names = {q.speaker for d in annotations.documents for q in d.quotes if q.speaker}
    names |= {s.speaker for d in annotations.documents for s in d.suggestions if s.speaker}
    by_type: dict[str, list[CodeNode]] = {}
    for name in sorted(names):
        speaker = annotations.speaker(name)
        aliases = "; ".join(speaker.aliases) if speaker else ""
        node = CodeNode(speaker_guid(name), name, description=aliases and ALIASES_PREFIX + aliases)
        kind = speaker.type.value if speaker and speaker.type else ""
        by_type.setdefault(kind, []).append(node)
    typed = tuple(
        CodeNode(speaker_type_guid(kind), kind, codable=False, children=tuple(nodes))
        for kind, nodes in sorted(by_type.items())
        if kind
    )
    kinds = tuple(CodeNode(kind_guid(kind), kind.value) for kind in QuoteKind)
    tree = [
        CodeNode(FRAMES_CATEGORY, "Frames", codable=False, children=frames),
        CodeNode(
            SPEAKERS_CATEGORY, "Speakers", codable=False,
            children=typed + tuple(by_type.get("", ())),
        ),
        CodeNode(KINDS_CATEGORY, "Quote kinds", codable=False, children=kinds),
        CodeNode(MENTION_CODE, "Speaker mention"),
    ]  # fmt: skip
    if annotations.suggestion_count:
        tree.append(CodeNode(SUGGESTION_CODE, "Pending suggestion"))
    return tree


def text(value: str) -> str:
    """Element content: escaped, carriage returns kept, characters XML forbids dropped."""
    if not _TEXT_SPECIAL.search(value):
        return value  # most content: nothing to escape, one scan instead of six
    value = _NOT_XML.sub("", value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def attr(value: object) -> str:
    """A double-quoted attribute value whose white space survives parsing."""
    if type(value) is int:
        return f'"{value}"'
    value = str(value)
    if not _ATTR_SPECIAL.search(value):
        return '"' + value + '"'
    escaped = text(str(value)).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\t", "&#9;") + '"'


def _codes_xml(nodes: Iterable[CodeNode], depth: int = 2) -> Iterator[str]:
    pad = "  " * depth
    for node in nodes:
        colour = f" color={attr(node.colour)}" if node.colour else ""
        head = (
            f"{pad}<Code guid={attr(node.guid)} name={attr(node.name)} "
            f"isCodable={attr(str(node.codable).lower())}{colour}"
        )
        if not node.description and not node.children:
            yield head + "/>\n"
            continue
        yield head + ">\n"
        if node.description:
            yield f"{pad}  <Description>{text(node.description)}</Description>\n"
        yield from _codes_xml(node.children, depth + 1)
        yield f"{pad}</Code>\n"


def codebook_xml(annotations: AnnotationSet) -> str:
    """The ``.qdc`` codebook document."""
    body = "".join(_codes_xml(code_tree(annotations), 2))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<CodeBook xmlns={attr(CODEBOOK_NS)} origin={attr(ORIGIN)}>\n"
        f"  <Codes>\n{body}  </Codes>\n</CodeBook>\n"
    )


@lru_cache(maxsize=256)  # a quote's selection and each of its codings share one
def _stamps(user: str, created: str, modified: str = "") -> str:
    """``creatingUser`` and the dates that are valid ``xsd:dateTime`` (others are left out)."""
    out = f" creatingUser={attr(user)}"
    if _DATETIME.match(created or ""):
        out += f" creationDateTime={attr(created)}"
    if modified and _DATETIME.match(modified):
        out += f" modifyingUser={attr(user)} modifiedDateTime={attr(modified)}"
    return out


class _SourceWriter:
    """Builds the XML of one source; collects notes and links for the end of the project."""

    def __init__(self, annotations: AnnotationSet) -> None:
        self.annotations = annotations
        self.notes: list[str] = []
        self.links: list[str] = []
        self.selections = 0

    def coding(self, selection: str, code: str, user: str, created: str) -> str:
        return (
            f"      <Coding guid={attr(guid('coding', selection + code))}"
            f"{_stamps(user, created)}>"
            f"<CodeRef targetGUID={attr(code)}/></Coding>\n"
        )

    def quote(self, annotator: str, quote: ExchangeQuote) -> Iterator[str]:
        sel, user = selection_guid(quote.uuid), user_guid(annotator)
        codes = [kind_guid(quote.kind)]
        codes += [speaker_guid(quote.speaker)] if quote.speaker else []
        codes += [frame_guid(key) for key in quote.frames]
        yield (
            f"    <PlainTextSelection guid={attr(sel)} startPosition={attr(quote.start)} "
            f"endPosition={attr(quote.end)}"
            f"{_stamps(user, quote.created_at, quote.updated_at)}>\n"
        )
        if quote.note:
            # QualCoder reads a selection's Description as its coding memo and does not
            # follow a NoteRef inside a selection (refi.py, RefiImport.load_codings_for_text),
            # and MAXQDA keeps selection memos there too; ATLAS.ti and NVivo read the Note.
            yield f"      <Description>{text(quote.note)}</Description>\n"
        yield from (self.coding(sel, code, user, quote.created_at) for code in codes)
        if quote.note:
            note = guid("note", sel)
            yield f"      <NoteRef targetGUID={attr(note)}/>\n"
            self.notes.append(
                f"    <Note guid={attr(note)} name={attr('Note on a quote')}"
                f"{_stamps(user, quote.created_at, quote.updated_at)}>"
                f"<PlainTextContent>{text(quote.note)}</PlainTextContent></Note>\n"
            )
        yield "    </PlainTextSelection>\n"
        self.selections += 1
        if quote.mention is not None:
            mention = guid("mention", sel)
            yield (
                f"    <PlainTextSelection guid={attr(mention)} name={attr(MENTION_LINK)} "
                f"startPosition={attr(quote.mention.start)} endPosition={attr(quote.mention.end)}"
                f"{_stamps(user, quote.created_at)}>\n"
                f"{self.coding(mention, MENTION_CODE, user, quote.created_at)}"
                "    </PlainTextSelection>\n"
            )
            self.links.append(
                f"    <Link guid={attr(guid('link', sel))} name={attr(MENTION_LINK)} "
                f'direction="OneWay" originGUID={attr(sel)} targetGUID={attr(mention)}/>\n'
            )

    def suggestion(self, article: Article, annotator: str, suggestion: Suggestion) -> str:
        sel = guid("suggestion", f"{article.text_sha256}:{annotator}:{suggestion.id}")
        user = user_guid(annotator)
        codes = [SUGGESTION_CODE, kind_guid(suggestion.kind)]
        codes += [speaker_guid(suggestion.speaker)] if suggestion.speaker else []
        return (
            f"    <PlainTextSelection guid={attr(sel)} name={attr('pending suggestion')} "
            f"startPosition={attr(suggestion.start)} endPosition={attr(suggestion.end)}"
            f"{_stamps(user, '')}>\n"
            + "".join(self.coding(sel, code, user, "") for code in codes)
            + "    </PlainTextSelection>\n"
        )

    def source(self, article: Article, documents: list) -> Iterator[str]:
        src = source_guid(article.text_sha256)
        name = article.title or f"article {article.id or article.text_sha256[:12]}"
        yield (
            f"  <TextSource guid={attr(src)} name={attr(name)} "
            f"plainTextPath={attr(f'internal://{src}.txt')}>\n"
        )
        entries = [(q.start, q.end, d.annotator, q.uuid, q) for d in documents for q in d.quotes]
        for *_, annotator, _uuid, quote in sorted(entries, key=lambda e: e[:4]):
            yield from self.quote(annotator, quote)
        for document in documents:
            for suggestion in document.suggestions:
                yield self.suggestion(article, document.annotator, suggestion)
        for name in VARIABLES:
            value = getattr(article, name)
            if value:
                yield (
                    f"    <VariableValue><VariableRef targetGUID={attr(variable_guid(name))}/>"
                    f"<TextValue>{text(value)}</TextValue></VariableValue>\n"
                )
        yield "  </TextSource>\n"


def write_qdpx(
    annotations: AnnotationSet,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled = never_cancelled,
) -> int:
    """Write the ``.qdpx`` archive to ``path``; returns the number of quote selections."""
    by_source: dict[str, tuple[Article, list]] = {}
    for document in annotations.documents:
        entry = by_source.setdefault(document.article.text_sha256, (document.article, []))
        entry[1].append(document)
    total, done = 2 * len(by_source), 0
    writer = _SourceWriter(annotations)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for sha, (article, _docs) in by_source.items():
            if cancelled():
                raise OperationCancelled
            zf.writestr(f"sources/{source_guid(sha)}.txt", article.text.encode("utf-8"))
            done += 1
            if progress:
                progress(done, total)
        with zf.open("project.qde", "w", force_zip64=True) as raw:
            out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            out.write(_project_head(annotations))
            if by_source:
                out.write("<Sources>\n")
            for article, documents in by_source.values():
                if cancelled():
                    raise OperationCancelled
                out.writelines(writer.source(article, documents))
                done += 1
                if progress:
                    progress(done, total)
            if by_source:
                out.write("</Sources>\n")
            if writer.notes:
                out.write("<Notes>\n" + "".join(writer.notes) + "</Notes>\n")
            if writer.links:
                out.write("<Links>\n" + "".join(writer.links) + "</Links>\n")
            out.write("</Project>\n")
            out.flush()
            out.detach()
    return writer.selections


def _project_head(annotations: AnnotationSet) -> str:
    users = "".join(
        f"  <User guid={attr(user_guid(name))} name={attr(name)}/>\n"
        for name in annotations.annotators
    )
    variables = "".join(
        f'  <Variable guid={attr(variable_guid(name))} name={attr(name)} typeOfVariable="Text"/>\n'
        for name in VARIABLES
    )
    codes = "".join(_codes_xml(code_tree(annotations), 2))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<Project xmlns={attr(PROJECT_NS)} name={attr(annotations.name)} origin={attr(ORIGIN)}>\n"
        + (f"<Users>\n{users}</Users>\n" if users else "")
        + f"<CodeBook>\n <Codes>\n{codes} </Codes>\n</CodeBook>\n"
        + f"<Variables>\n{variables}</Variables>\n"
    )
