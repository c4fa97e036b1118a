"""What the agreement and adjudication window reads, behind one object.

The ui reaches data only through services (an import-linter contract): the review window
asks :class:`ReviewReads` for the reliability figures, the codebook, articles and the gold
layer, and takes the agreement package's names for a report from here.
"""

from __future__ import annotations

from ..agreement.project import NO_FRAME, AgreementReport, Disagreement, frame_confusion
from ..domain.codebook import Codebook
from ..domain.model import GOLD, Article, Quote
from .agreement import Reliability, reliability
from .diagnostics import Diagnostics, diagnostics
from .project import Project

__all__ = ["NO_FRAME", "AgreementReport", "Disagreement", "ReviewReads", "frame_confusion"]


class ReviewReads:
    """The project as the review window reads it (every write goes through commands)."""

    def __init__(self, project: Project) -> None:
        self._repo = project.repo

    def reliability(self) -> Reliability:
        return reliability(self._repo)

    def diagnostics(self, rel: Reliability, *, suggester: bool) -> Diagnostics:
        return diagnostics(self._repo, rel, suggester=suggester)

    def codebook(self) -> Codebook:
        return self._repo.codebook()

    def speaker_names(self) -> dict[int, str]:
        return {s.id: s.name for s in self._repo.speakers()}

    def article(self, article_id: int) -> Article:
        return self._repo.article(article_id)

    def gold_quotes(self, article_id: int | None = None) -> list[Quote]:
        """The gold layer, of one article or of all."""
        return self._repo.quotes(article_id, GOLD)
