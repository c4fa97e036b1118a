"""A small coded project for results: gold quotes on three articles from two outlets and
two months, and one quote of ana's; the crosstabs in tests/unit/test_results.py are worked
out by hand from it."""

import pytest

from framing_annotator.domain.model import GOLD, Article, Quote, Speaker, SpeakerType
from framing_annotator.domain.spans import Span

ARTICLES = [  # (outlet, date, text)
    ("Daily", "2024-01-05", "Pham said it was a threat. Ruiz said streets are unsafe."),
    ("Daily", "2024-02-10", "Pham said patrols keep people safe today."),
    ("Herald", "2024-02-20", "Ruiz said nothing new. Lee said danger. Someone said more."),
]


@pytest.fixture
def results_project(project):
    """Gold quotes on three articles (two outlets, two months) and one of ana's."""
    added = project.import_articles(
        [Article(text=t, title=f"a{i}", outlet=o, date=d) for i, (o, d, t) in
         enumerate(ARTICLES)]  # fmt: skip
    ).added
    repo = project.repo
    with repo.transaction():
        pham = repo.save_speaker(Speaker("Pham", type=SpeakerType.GOVERNMENT))
        ruiz = repo.save_speaker(Speaker("Ruiz", type=SpeakerType.ADVOCATE))
        lee = repo.save_speaker(Speaker("Lee"))

        def add(article, coder, fragment, speaker, frames):
            start = article.text.index(fragment)
            repo.insert_quote(Quote(article_id=article.id, annotator=coder,
                                    span=Span(start, start + len(fragment)),
                                    speaker_id=speaker.id if speaker else None,
                                    frames=frozenset(frames)))  # fmt: skip

        a1, a2, a3 = added
        add(a1, GOLD, "it was a threat", pham, {"threat"})  # q1
        add(a1, GOLD, "streets are unsafe", ruiz, {"threat", "public_safety"})  # q2
        add(a2, GOLD, "patrols keep people safe", pham, {"public_safety"})  # q3
        add(a3, GOLD, "nothing new", ruiz, set())  # q4
        add(a3, GOLD, "danger", lee, {"threat"})  # q5
        add(a3, GOLD, "more", None, {"threat"})  # q6
        add(a1, "ana", "it was a threat", pham, {"threat"})
    return project
