"""Suggestions stored for a whole project, resumably, with the real blank pipeline."""

import pytest

from framing_annotator.__main__ import main
from framing_annotator.services.suggestions import load_suggester, suggest_articles
from framing_annotator.store.repository import Repository

ARTICLES = [
    "“The bridge will reopen in May,” said Mayor Ana Ruiz. Critics said the delay was costly.",
    "No one was quoted in this short note about the weather, which stayed mild all week.",
    "Police chief Tom Berg told reporters: “We arrested four suspects.” He added that more "
    "arrests were likely.",
]


@pytest.fixture(scope="module")
def suggester():
    return load_suggester("blank")


@pytest.fixture
def project_path(tmp_path):
    for number, text in enumerate(ARTICLES):
        (tmp_path / f"a{number}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "p.sqlite"
    assert main(["import", str(path), *(str(tmp_path / f"a{n}.txt") for n in range(3))]) == 0
    return path


def test_an_interrupted_run_keeps_finished_articles_and_resumes(project_path, suggester):
    seen = []
    done = suggest_articles(
        project_path,
        suggester,
        progress=lambda n, total: seen.append((n, total)),
        cancelled=lambda: bool(seen),
    )
    repo = Repository.open(project_path)
    try:
        assert done == 1 and seen == [(1, 3)]
        assert repo.articles_suggested(suggester.pipeline_name) == {1}
        assert suggest_articles(project_path, suggester) == 2
        assert repo.articles_suggested(suggester.pipeline_name) == {1, 2, 3}
        # The article without quotes counts as read, so a third run does nothing.
        assert suggest_articles(project_path, suggester) == 0
        texts = {s.span.text_of(ARTICLES[0]) for s in repo.suggestions(1)}
        assert "“The bridge will reopen in May,”" in texts
        (bridge,) = [s for s in repo.suggestions(1) if s.kind.value == "direct"]
        assert bridge.speaker == "Ana Ruiz" and bridge.pipeline == suggester.pipeline_name
    finally:
        repo.close()


def test_cli_suggest_all(project_path, capsys):
    assert main(["suggest", str(project_path), "--all", "--pipeline", "blank"]) == 0
    assert "3 articles suggested with blank" in capsys.readouterr().out
    assert main(["suggest", str(project_path), "--all", "--pipeline", "blank"]) == 0
    assert "0 articles suggested" in capsys.readouterr().out


def test_cli_suggest_all_refuses_a_non_project(tmp_path, capsys):
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"not a database at all")
    assert main(["suggest", str(path), "--all"]) == 1
    assert "not a Framing Annotator project" in capsys.readouterr().err
