"""Three coders code the sample article through the window; the review shows what the CLI says."""

import json
import shutil

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.model import GOLD
from framing_annotator.services.project import Project

from .conftest import keys, mouse_select

QUOTES = [  # (fragment, frame keys pressed)
    ("“This campaign would be entirely unnecessary", "1"),
    ("“Sanctuary policies result in criminal aliens", "12"),
    ("more than 80\u00a0percent of the 170 immigrants", "2"),  # a no-break space, as printed
]


@pytest.fixture
def sample(tmp_path, data_dir):
    path = tmp_path / "sample.sqlite"
    project = Project.open(path, create=True)
    shutil.copy(data_dir / "seed" / "ice-operation-rise.txt", tmp_path / "seed.txt")
    project.import_files([tmp_path / "seed.txt"])
    project.close()
    return path


def code_as(qtbot, open_window, path, coder, quotes):
    window = open_window(path, annotator=coder)
    view = window.article_view
    text = window.state.article.text
    for fragment, frames in quotes:
        start = text.index(fragment)
        mouse_select(qtbot, view, start + 2, start + len(fragment) - 2)
        keys(qtbot, view, "Return", *frames)
    window.close()


def test_review_matches_cli_and_lists_the_planted_disagreement(qtbot, open_window, sample, capsys):
    code_as(qtbot, open_window, sample, "ana", QUOTES)
    code_as(qtbot, open_window, sample, "ben", QUOTES)
    planted = [QUOTES[0], (QUOTES[1][0], "3"), QUOTES[2]]  # cy frames quote 2 otherwise
    code_as(qtbot, open_window, sample, "cy", planted)

    assert main(["agreement", str(sample), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert cli["annotators"] == ["ana", "ben", "cy"]

    window = open_window(sample, annotator="lead")
    review = window.show_review()
    qtbot.addWidget(review)
    table = review.coefficients
    shown = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    for row in cli["coefficients"]:
        value = "—" if row["value"] is None else f"{row['value']:.3f}"
        assert shown[row["variable"]] == value, row["variable"]
    assert shown["frame:threat"] != "1.000"  # the planted difference counts

    listed = [review.disagreements.item(r).text() for r in range(review.disagreements.count())]
    assert len(listed) == 1 and "Sanctuary policies result" in listed[0]
    assert "frames" in listed[0]
    review.disagreements.setCurrentRow(0)
    assert window.state.article.id == 1  # the article is open on the unit
    versions = review.versions
    frames_column = {versions.item(r, 0).text(): versions.item(r, 4).text() for r in range(3)}
    assert frames_column == {
        "ana": "public_safety, threat",
        "ben": "public_safety, threat",
        "cy": "political_messaging",
    }

    take_ben = review.findChild(type(review.findChild(object, "mergeVersions")), "take_ben")
    take_ben.click()
    repo = window.project.repo
    (gold,) = repo.quotes(annotator=GOLD)
    assert gold.frames == {"threat", "public_safety"} and gold.note == "from ben"
    assert review.progress.text() == "Gold: 1 of 3 units adjudicated"
    review.findChild(type(take_ben), "takeAgreed").click()
    assert len(repo.quotes(annotator=GOLD)) == 3
    assert review.progress.text() == "Gold: 3 of 3 units adjudicated"

    window.undo()  # undo works from the main window's stack
    assert len(repo.quotes(annotator=GOLD)) == 2
    review.close()
