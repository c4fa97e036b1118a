"""Export and import of annotation sets (issue 6): the use cases behind CLI and GUI.

Export gathers an :class:`AnnotationSet` from a project with filters and hands it
to a writer (CSV, JSONL, spaCy DocBin, REFI-QDA); every file is written to a
temporary name and moved into place only when complete. Import brings a set into
a project in one transaction: articles matched by ``text_sha256``, speakers by
canonical name, frames by key (each created when missing), quotes by UUID.
Both take ``progress(done, total)`` and ``cancelled()`` for a progress dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ..domain.codebook import FrameType, frame_name
from ..domain.errors import ConflictError, InvalidValue, NotFound
from ..domain.exchange import (
    AnnotatedArticle,
    AnnotationSet,
    Cancelled,
    ExchangeQuote,
    OperationCancelled,
    Progress,
    never_cancelled,
)
from ..domain.limits import NAME_MAX, checked_article, checked_text
from ..domain.model import Article, Quote, Speaker, SuggestionStatus
from ..io.annotation_import import read_annotation_file
from ..io.export import (
    atomic_paths,
    codebook_path,
    codebook_xml,
    write_codebook_csv,
    write_csv,
    write_jsonl,
    write_qdpx,
)
from ..store.repository import Repository
from .batch import collector_paused
from .nlp_import import nlp_import_lock
from .output_path import check_output_paths

FORMATS = ("csv", "jsonl", "spacy", "qdpx")
ConflictPolicy = Literal["keep", "replace", "fail"]


@dataclass(frozen=True)
class ExportOptions:
    """Which annotations to export; None means all. ``frames`` keeps quotes with any of them."""

    annotators: tuple[str, ...] | None = None
    articles: tuple[int, ...] | None = None
    frames: tuple[str, ...] | None = None
    suggestions: bool = False


@dataclass(frozen=True)
class ExportResult:
    paths: tuple[Path, ...] = ()
    documents: int = 0
    quotes: int = 0
    suggestions: int = 0
    cancelled: bool = False


def output_paths(fmt: str, out: Path) -> tuple[Path, ...]:
    """Every file an export writes, the main one last (a dialog can ask before overwriting)."""
    out = Path(out)
    if not out.name or out.name in (".", ".."):
        raise InvalidValue(f"{out}: is a folder; give a file name for the export")
    if fmt == "csv":
        return (codebook_path(out), out)
    if fmt == "qdpx":
        return (out.with_suffix(".qdc"), out)
    if fmt in FORMATS:
        return (out,)
    raise InvalidValue(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def gather_annotation_set(
    repo: Repository, options: ExportOptions = ExportOptions(), *, name: str = "annotations"
) -> AnnotationSet:
    """The project's annotations that ``options`` selects, one document per article and annotator.

    A document is included when its annotator has quotes there, has set a status, or
    (with ``suggestions``) still has suggestions pending there.
    """
    codebook = repo.codebook()
    known = {a.name for a in repo.annotators()}
    names = sorted(known if options.annotators is None else set(options.annotators))
    _check_known("annotator", names, known)
    frames = set(options.frames or ())
    _check_known("frame", frames, set(codebook.keys))
    summaries = {s.id: s for s in repo.article_summaries()}
    if options.articles is not None:
        _check_known("article", options.articles, set(summaries))
    speakers = repo.speakers()
    by_doc: dict[tuple[int, str], list[ExchangeQuote]] = {}
    wanted = set(names)
    # One query for all (one per annotator read frames thrice), straight to exchange quotes.
    for article_id, annotator, quote in repo.exchange_quotes():
        if annotator in wanted:
            by_doc.setdefault((article_id, annotator), []).append(quote)
    ids = sorted(summaries) if options.articles is None else sorted(set(options.articles))
    documents: list[AnnotatedArticle] = []
    for article in repo.articles(ids):
        statuses = summaries[article.id].statuses
        suggested = repo.suggestions(article.id) if options.suggestions and not frames else []
        for annotator in names:
            quotes = [
                q for q in by_doc.get((article.id, annotator), ())
                if not frames or not frames.isdisjoint(q.frames)
            ]  # fmt: skip
            pending = ()
            if suggested:
                decided = repo.decisions(article.id, annotator)
                pending = tuple(
                    s for s in suggested
                    if s.id not in decided or decided[s.id].status is SuggestionStatus.PENDING
                )  # fmt: skip
            status = statuses.get(annotator, "")
            touched = status not in ("", "not_started") and not frames
            if quotes or pending or touched:
                documents.append(
                    AnnotatedArticle(article, annotator, tuple(quotes), pending, status)
                )
    return AnnotationSet(codebook, tuple(speakers), tuple(documents), name=name)


def _check_known(what: str, wanted, known: set) -> None:
    unknown = [str(value) for value in wanted if value not in known]
    if unknown:
        choices = ", ".join(sorted(map(str, known))) or "none"
        raise NotFound(f"no {what} {', '.join(unknown)} in this project (it has: {choices})")


def export_annotations(
    repo: Repository,
    fmt: str,
    out: Path,
    options: ExportOptions = ExportOptions(),
    *,
    excel: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled = never_cancelled,
) -> ExportResult:
    """Export to ``out`` in ``fmt``; all files appear together, or none on error or cancel."""
    targets = output_paths(fmt, out)
    check_output_paths(targets, project=repo.path)  # never over a project, backup or device
    with collector_paused():  # many small objects and no cycles: see batch.py
        annotations = gather_annotation_set(repo, options, name=repo.path.stem)
        try:
            _write(fmt, annotations, targets, excel=excel, progress=progress,
                   cancelled=cancelled)  # fmt: skip
        except OperationCancelled:
            return ExportResult(cancelled=True)
        result = ExportResult(
            paths=targets,
            documents=len(annotations.documents),
            quotes=annotations.quote_count,
            suggestions=annotations.suggestion_count,
        )
        # Freed while the collector is paused: alive after it, the whole set would be
        # walked by its next pass (everything made meanwhile is still in its youngest
        # generation), which cost a tenth of a large export.
        del annotations
    return result


def _write(
    fmt: str,
    annotations: AnnotationSet,
    targets: tuple[Path, ...],
    *,
    excel: bool,
    progress: Progress | None,
    cancelled: Cancelled,
) -> None:
    with atomic_paths(*targets) as temps:
        if fmt == "csv":
            write_codebook_csv(annotations.codebook, temps[0], excel=excel)
            write_csv(annotations, temps[1], excel=excel, progress=progress, cancelled=cancelled)
        elif fmt == "jsonl":
            write_jsonl(annotations, temps[0], progress=progress, cancelled=cancelled)
        elif fmt == "qdpx":
            temps[0].write_text(codebook_xml(annotations), encoding="utf-8")
            write_qdpx(annotations, temps[1], progress=progress, cancelled=cancelled)
        else:
            with nlp_import_lock:  # spaCy loads only when needed
                from ..nlp.docbin import write_docbin

            write_docbin(annotations, temps[0], progress=progress, cancelled=cancelled)


# -- import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteConflict:
    """A quote UUID the project already has, with other content than the imported copy."""

    uuid: str
    existing: Quote
    incoming: ExchangeQuote
    annotator: str
    text_sha256: str

    def describe(self) -> str:
        return f"quote {self.uuid} ({self.annotator}) differs from the one in the project"


@dataclass
class ImportResult:
    articles_added: int = 0
    articles_matched: int = 0
    speakers_added: list[str] = field(default_factory=list)
    frames_added: list[str] = field(default_factory=list)
    quotes_added: int = 0
    quotes_unchanged: int = 0
    quotes_replaced: int = 0
    suggestions_skipped: int = 0
    conflicts: list[QuoteConflict] = field(default_factory=list)
    cancelled: bool = False
    notices: list[str] = field(default_factory=list)
    """What the file held that could not come in as it was (from the reader)."""

    def summary(self) -> str:
        if self.cancelled:
            return "import cancelled; the project is unchanged"
        return (
            f"{self.quotes_added} quotes added, {self.quotes_unchanged} already there, "
            f"{self.quotes_replaced} replaced, {len(self.conflicts)} in conflict; "
            f"{self.articles_added} articles added, {self.articles_matched} matched; "
            f"{len(self.speakers_added)} speakers and {len(self.frames_added)} frames added"
        ) + "".join(f"; {notice}" for notice in self.notices)


STATUS_ORDER = {"not_started": 0, "in_progress": 1, "done": 2}


def import_annotation_file(repo: Repository, path: Path, **options) -> ImportResult:
    """Read a ``.jsonl`` or ``.qdpx`` file, then :func:`import_annotation_set` it."""
    return import_annotation_set(repo, read_annotation_file(Path(path)), **options)


def import_annotation_set(
    repo: Repository,
    annotations: AnnotationSet,
    *,
    on_conflict: ConflictPolicy = "keep",
    annotators: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled = never_cancelled,
) -> ImportResult:
    """Bring ``annotations`` into the project as one transaction; a re-import adds nothing.

    A quote whose UUID is already stored with other content is a conflict:
    ``keep`` leaves the stored one and reports it, ``replace`` takes the imported
    one, ``fail`` raises :class:`ConflictError` and stores nothing. ``annotators``
    renames annotators on the way in (e.g. ``{"ana": "ana-laptop"}``).
    """
    if on_conflict not in ("keep", "replace", "fail"):
        raise InvalidValue(f"on_conflict must be keep, replace or fail, not {on_conflict!r}")
    rename = dict(annotators or {})
    result = ImportResult(notices=list(annotations.notices))
    try:
        with collector_paused(), repo.transaction():
            _Importer(repo, annotations, result, on_conflict, rename).run(progress, cancelled)
    except OperationCancelled:
        return ImportResult(cancelled=True)
    return result


class _Importer:
    """The steps of one import, inside the caller's transaction.

    The bulk path: articles, stored quotes, statuses and the codebook are read once for
    the whole set, and every new quote goes in with one :meth:`Repository.insert_quotes`.
    """

    def __init__(
        self,
        repo: Repository,
        annotations: AnnotationSet,
        result: ImportResult,
        on_conflict: ConflictPolicy,
        rename: dict[str, str],
    ) -> None:
        self.repo, self.annotations, self.result = repo, annotations, result
        self.on_conflict, self.rename = on_conflict, rename
        self.speaker_ids: dict[str, int] = {}
        self.known_speakers: list[Speaker] = repo.speakers()
        self.speaker_names: dict[int, str] = {s.id: s.name for s in self.known_speakers}
        self.frame_keys: dict[str, str] = {}  # incoming frame key -> the project's key
        self.pending: dict[str, Quote] = {}  # new quotes, stored together at the end
        self.existing: dict[str, Quote] = {}
        self.statuses: dict[tuple[int, str], str] = {}

    def run(self, progress: Progress | None, cancelled: Cancelled) -> None:
        self._check_names()
        self._frames()
        documents = self.annotations.documents
        stored = self._articles(documents)
        self.existing = self.repo.quotes_by_uuid(
            q.uuid for document in documents for q in document.quotes
        )
        self.statuses = self.repo.article_statuses()
        raised: dict[tuple[int, str], str] = {}
        total = len(documents)
        for done, (document, article) in enumerate(zip(documents, stored, strict=True), 1):
            if cancelled():
                raise OperationCancelled
            annotator = self.rename.get(document.annotator, document.annotator)
            self._document(document, article, annotator)
            # A coder's progress comes along (the further of the two), so that a merged
            # project knows which articles everyone has coded.
            key = (article.id, annotator)
            current = raised.get(key) or self.statuses.get(key, "not_started")
            if STATUS_ORDER.get(document.status, 0) > STATUS_ORDER.get(current, 0):
                raised[key] = document.status
            if progress:
                progress(done, total)
        self.repo.insert_quotes(list(self.pending.values()))
        self.repo.set_article_statuses((a, n, status) for (a, n), status in raised.items())

    def _articles(self, documents: Sequence[AnnotatedArticle]) -> list[Article]:
        """Each document's article as stored: matched by text hash, added when new.

        An article comes once per annotator in a set; it is checked and stored once
        (every check hashes its text, which was a third of importing a large set).
        """
        # The limits of every import apply to merged projects too (domain/limits.py).
        checked: dict[str, Article] = {}  # the incoming digest -> the article checked
        for document in documents:
            incoming = document.article
            if incoming.text_sha256 not in checked:
                where = f"article {incoming.title[:60]!r}"
                checked[incoming.text_sha256] = checked_article(incoming, where)
        # add_articles matches by digest and never keeps an id it is given.
        stored = dict(zip(checked, self.repo.add_articles(list(checked.values())), strict=True))
        seen: set[str] = set()
        for article, added in stored.values():
            if article.text_sha256 in seen:
                continue
            seen.add(article.text_sha256)
            if added:
                self.result.articles_added += 1
            else:
                self.result.articles_matched += 1
        return [stored[d.article.text_sha256][0] for d in documents]

    def _check_names(self) -> None:
        """The limits of every import, for sets that no reader checked (a merge)."""
        where = ""
        for speaker in self.annotations.speakers:
            checked_text(speaker.name, where, "speaker", limit=NAME_MAX)
        for document in self.annotations.documents:
            checked_text(document.annotator, where, "annotator", limit=NAME_MAX)
            for quote in document.quotes:
                if quote.note:  # most have none, and the message is made for each
                    checked_text(quote.note, where, f"the note of quote {quote.uuid}",
                                 strip=False)  # fmt: skip

    def _frames(self) -> None:
        """Match the set's frames to the project's by key or by label (``frame_name``),
        adding the ones the project lacks; ``frame_keys`` maps incoming keys to ours."""
        codebook = self.repo.codebook()
        order = max((f.order for f in codebook.frames), default=-1) + 1
        ours = {frame_name(name): f.key for f in codebook.frames for name in (f.label, f.key)}
        ours.update({frame_name(f.key): f.key for f in codebook.frames})  # keys win
        wanted = {f.key: f for f in self.annotations.codebook.frames}
        used = {k for d in self.annotations.documents for q in d.quotes for k in q.frames}
        for key in sorted(used - set(wanted)):
            wanted[key] = FrameType(key, key)
        for key, frame in wanted.items():
            match = ours.get(frame_name(key)) or ours.get(frame_name(frame.label))
            if match is None:
                self.repo.save_frame_type(replace(frame, order=order, shortcut=""))
                self.result.frames_added.append(key)
                ours[frame_name(key)] = ours[frame_name(frame.label)] = match = key
                order += 1
            self.frame_keys[key] = match

    def _speaker_id(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name not in self.speaker_ids:
            speaker = self.repo.speaker_by_name(name) or next(
                (s for s in self.known_speakers if s.answers_to(name)), None
            )  # by canonical name first, then by any alias, case-insensitively
            if speaker is None:
                known = self.annotations.speaker(name) or Speaker(name)
                speaker = self.repo.save_speaker(replace(known, id=None))
                self.speaker_names[speaker.id] = speaker.name
                self.known_speakers.append(speaker)
                self.result.speakers_added.append(name)
            self.speaker_ids[name] = speaker.id
        return self.speaker_ids[name]

    def _document(self, document: AnnotatedArticle, stored: Article, annotator: str) -> None:
        self.result.suggestions_skipped += len(document.suggestions)
        for incoming in document.quotes:
            quote = Quote(
                article_id=stored.id,
                annotator=annotator,
                span=incoming.span,
                kind=incoming.kind,
                speaker_id=self._speaker_id(incoming.speaker),
                mention=incoming.mention,
                frames=frozenset(self.frame_keys.get(k, k) for k in incoming.frames),
                note=incoming.note,
                origin=incoming.origin,
                uuid=incoming.uuid,
                created_at=incoming.created_at,
                updated_at=incoming.updated_at,
            )
            self._quote(quote, incoming, stored.text_sha256)

    def _quote(self, quote: Quote, incoming: ExchangeQuote, sha: str) -> None:
        existing = self.pending.get(quote.uuid) or self.existing.get(quote.uuid)
        if existing is None:
            self.pending[quote.uuid] = quote
            self.result.quotes_added += 1
            return
        if self._same(existing, quote):
            self.result.quotes_unchanged += 1
            return
        conflict = QuoteConflict(quote.uuid, existing, incoming, quote.annotator, sha)
        if self.on_conflict == "fail":
            raise ConflictError(f"{conflict.describe()}; nothing was imported")
        if self.on_conflict == "keep":
            self.result.conflicts.append(conflict)
            return
        if quote.uuid in self.pending:  # twice in this set: the later copy wins
            self.pending[quote.uuid] = quote
        elif (existing.article_id, existing.annotator) == (quote.article_id, quote.annotator):
            self.existing[quote.uuid] = self.repo.update_quote(
                quote, expected_version=existing.version
            )
        else:
            self.repo.delete_quote(existing.uuid, expected_version=existing.version)
            self.existing[quote.uuid] = self.repo.insert_quote(
                replace(quote, version=existing.version + 1)
            )
        self.result.quotes_replaced += 1

    def _same(self, existing: Quote, quote: Quote) -> bool:
        def content(q: Quote) -> tuple:
            return (q.article_id, q.annotator, q.span, q.kind, q.speaker_id, q.mention,
                    q.frames, q.note)  # fmt: skip

        return content(existing) == content(quote)
