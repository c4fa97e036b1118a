"""A project in which three coders coded one article, with planted differences."""

import pytest

from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker
from framing_annotator.domain.spans import Span
from framing_annotator.services.project import Project

TEXT = (
    "“We will win,” said Ana Ruiz. Officials said talks failed. "
    "Tony Pham warned that costs would rise. 🙂 “No comment,” a spokesman said."
)


def span(fragment):
    start = TEXT.index(fragment)
    return Span(start, start + len(fragment))


@pytest.fixture
def coded(tmp_path):
    """Three coders on one article, with planted differences."""
    project = Project.open(tmp_path / "p.sqlite", create=True)
    (article,) = project.import_articles([Article(text=TEXT, title="t")]).added
    repo = project.repo
    with repo.transaction():
        ruiz = repo.save_speaker(Speaker("Ana Ruiz"))
        pham = repo.save_speaker(Speaker("Tony Pham"))
        spokesman = repo.save_speaker(Speaker("spokesman"))

        def add(coder, fragment, kind, speaker, frames):
            repo.insert_quote(
                Quote(article_id=article.id, annotator=coder, span=span(fragment), kind=kind,
                      speaker_id=speaker.id if speaker else None, frames=frozenset(frames))
            )  # fmt: skip

        direct, indirect = QuoteKind.DIRECT, QuoteKind.INDIRECT
        for coder in ("ana", "ben", "cy"):
            add(coder, "“We will win,”", direct, ruiz, {"threat"})
        add("ana", "costs would rise", indirect, pham, {"threat"})
        add("ben", "costs would rise", indirect, pham, set())  # planted: frame differs
        add("cy", "that costs would rise", indirect, pham, {"threat"})  # boundary differs
        add("ana", "“No comment,”", direct, spokesman, set())
        add("ben", "“No comment,”", direct, None, set())  # no speaker: missing
        # cy did not mark "No comment" at all: a detection disagreement
    yield project, article
    project.close()
