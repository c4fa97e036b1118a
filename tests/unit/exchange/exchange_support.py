"""A real project with three annotators, emoji and overlapping quotes, built through services."""

from __future__ import annotations

from pathlib import Path

from framing_annotator.domain.codebook import FrameType
from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker, SpeakerType
from framing_annotator.domain.spans import Span
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import CreateQuote, SaveSpeaker, SetArticleStatus
from framing_annotator.services.project import Project
from framing_annotator.store.repository import Repository

DATA = Path(__file__).resolve().parents[2] / "data"

PORT = (
    "Port strike 🚢 enters its second week\n\n"
    "“We will not back down 💪, not for a day,” said Ana Ruiz, the union leader. "
    "Interim ICE chief Tony Pham said the strike “is a threat to public safety.” "
    "Officials warned the talks could collapse 🙁 before Friday.\n"
)
FORMULA = (
    '=HYPERLINK("http://example.com/x","click") is what the flyer said, according to Pham.\n'
    "-5 percent, the mayor said, was the cut.\n"
)


def span_of(text: str, piece: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece))


def build_project(path: Path) -> Project:
    """The project of the round-trip tests; returns it open."""
    project = Project.open(path, create=True)
    repo = project.repo
    with repo.transaction():
        repo.save_frame_type(
            FrameType("econ_2", "Economic costs", "Money, jobs, prices.", "#112233", order=9)
        )
    port, formula = project.import_articles(
        [
            Article(text=PORT, title="Port strike", outlet="Daily", date="2024-05-01",
                    url="https://example.com/port"),
            Article(text=FORMULA, title="=cmd|' /C calc'!A0", outlet="+Weekly"),
        ]
    ).added  # fmt: skip
    ana = AnnotationSession(repo, "ana")
    ruiz = ana.execute(SaveSpeaker(Speaker("Ana Ruiz", ("Ruiz",), SpeakerType.ADVOCATE)))
    ana.execute(SaveSpeaker(Speaker("Tony Pham", ("Pham", "interim ICE chief Tony Pham"),
                                    SpeakerType.GOVERNMENT)))  # fmt: skip
    ruiz = repo.speaker_by_name("Ana Ruiz").id
    pham = repo.speaker_by_name("Tony Pham").id
    direct = span_of(PORT, "“We will not back down 💪, not for a day,”")
    threat = span_of(PORT, "“is a threat to public safety.”")
    whole_pham = span_of(PORT, "the strike “is a threat to public safety.”")
    quotes = [
        Quote(port.id, "ana", direct, QuoteKind.DIRECT, ruiz, span_of(PORT, "Ana Ruiz"),
              frozenset({"threat", "econ_2"}), note="strong 💪\nsecond line"),
        Quote(port.id, "ana", threat, QuoteKind.DIRECT, pham, span_of(PORT, "Tony Pham"),
              frozenset({"public_safety"})),
        Quote(port.id, "ana", whole_pham, QuoteKind.MIXED, pham, None, frozenset({"threat"})),
        Quote(port.id, "ben", span_of(PORT, "“We will not back down 💪"), QuoteKind.DIRECT,
              ruiz, span_of(PORT, "Ruiz"), frozenset()),
        Quote(port.id, "ben", span_of(PORT, "the talks could collapse 🙁 before Friday"),
              QuoteKind.INDIRECT, None, span_of(PORT, "Officials"), frozenset({"threat"}),
              note="=SUM(A1)"),
        Quote(port.id, "gold", direct, QuoteKind.DIRECT, ruiz, span_of(PORT, "Ana Ruiz"),
              frozenset({"threat"})),
        Quote(formula.id, "cleo", span_of(FORMULA, '=HYPERLINK("http://example.com/x","click")'),
              QuoteKind.DIRECT, pham, span_of(FORMULA, "Pham"), frozenset({"econ_2"})),
        Quote(formula.id, "cleo", span_of(FORMULA, "-5 percent"), QuoteKind.INDIRECT, None,
              None, frozenset(), note="@mayor"),
    ]  # fmt: skip
    for quote in quotes:
        AnnotationSession(repo, quote.annotator).execute(CreateQuote(quote))
    AnnotationSession(repo, "cleo").execute(SetArticleStatus(port.id, "cleo", "done"))
    return project


def snapshot(repo: Repository, *, origin: bool = True) -> list[tuple]:
    """Every quote by what identifies and describes it, independent of local ids."""
    speakers = {s.id: s for s in repo.speakers()}
    rows = []
    for quote in repo.quotes():
        article = repo.article(quote.article_id)
        speaker = speakers.get(quote.speaker_id)
        rows.append(
            (
                quote.uuid, article.text_sha256, quote.annotator, quote.start, quote.end,
                quote.span.text_of(article.text), quote.kind.value,
                speaker.name if speaker else None,
                speaker.type.value if speaker and speaker.type else None,
                (quote.mention.start, quote.mention.end) if quote.mention else None,
                tuple(sorted(quote.frames)), quote.note, quote.created_at, quote.updated_at,
                quote.origin.value if origin else None,
            )
        )  # fmt: skip
    return sorted(rows)
