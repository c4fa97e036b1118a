"""Three coders code the sample article through the window; the review shows what the CLI says."""

import json
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from framing_annotator.__main__ import main
from framing_annotator.domain.model import GOLD
from framing_annotator.services.project import Project
from framing_annotator.services.suggestions import load_suggester, suggest_articles

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
    shown = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(7)]
             for r in range(table.rowCount())}  # fmt: skip
    for row in cli["coefficients"]:
        value = "—" if row["value"] is None else f"{row['value']:.3f}"
        label, name, text, ci, _q667, _q800, units = shown[row["label"]]
        assert (name, text, units) == (row["name"], value, str(row["units"])), row["variable"]
        if row["ci_low"] is not None:  # the same seed: the same interval as the command
            assert ci == f"[{row['ci_low']:.3f}, {row['ci_high']:.3f}]"
    assert shown["Frame: threat"][2] != "1.000"  # the planted difference counts
    assert shown["Quote detection"][1] == "Krippendorff's αU (quote detection)"
    assert shown["Frame: threat"][1] == "Krippendorff's α (nominal)"
    # one count of units: the header's is the one the detection row rests on
    assert f"· {cli['units']} units," in review.summary.text()
    assert shown["Quote detection"][6] == str(cli["units"])
    assert "undefined" in table.item(0, 0).toolTip()

    listed = [review.disagreements.item(r).text() for r in range(review.disagreements.count())]
    assert len(listed) == 1 and "Sanctuary policies result" in listed[0]
    assert "frames" in listed[0]
    review.disagreements.setCurrentRow(0)
    assert window.state.article.id == 1  # the article is open on the unit
    versions = review.versions
    frames_column = {versions.item(r, 0).text(): versions.item(r, 4).text() for r in range(3)}
    assert frames_column == {  # codebook labels, not keys
        "ana": "public safety, threat",
        "ben": "public safety, threat",
        "cy": "political messaging",
    }
    assert {versions.item(r, 5).text() for r in range(3)} == {"by hand"}

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


def test_coders_tab_sorts_jumps_to_an_article_and_exports(qtbot, open_window, sample, tmp_path,
                                                          monkeypatch):  # fmt: skip
    code_as(qtbot, open_window, sample, "ana", QUOTES)
    code_as(qtbot, open_window, sample, "ben", QUOTES[:2])  # ben misses the third quote
    window = open_window(sample, annotator="lead")
    review = window.show_review()
    qtbot.addWidget(review)
    review.tabs.setCurrentWidget(review.coders_page)
    coders = review.coder_table
    assert coders.rowCount() == 2 * review.coefficients.rowCount()
    rows = [[coders.item(r, c).text() for c in range(6)] for r in range(coders.rowCount())]
    detection = [row for row in rows if row[1] == "Quote detection"]
    assert {row[0] for row in detection} == {"ana", "ben"}
    assert detection[0][2] == detection[1][2] != "—"  # two coders: one pair, one value
    assert detection[0][3] == "—"  # one coder left: no alpha without the other
    coders.sortItems(2)  # sorting by the number column puts undefined values last
    values = [coders.item(r, 2).text() for r in range(coders.rowCount())]
    defined = [v for v in values if v != "—"]
    assert values[: len(defined)] == sorted(defined, key=float)

    articles = review.article_table
    assert articles.rowCount() == 1 and articles.item(0, 3).text() == "1"
    articles.setCurrentCell(0, 0)
    qtbot.mouseClick(review.findChild(QPushButton, "jumpToArticle"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert review.tabs.currentIndex() == 3 and review.disagreements.currentRow() == 0

    target = tmp_path / "diagnostics.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(review.findChild(QPushButton,
                                      "exportDiagnostics"), Qt.MouseButton.LeftButton)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [row["coder"] for row in data["coders"]][:1] == ["ana"]
    assert data["articles"][0]["disagreements"] == 1

    review.tabs.setCurrentWidget(review.coders_page)
    assert not review.suggester_table.isVisible()
    suggest_articles(sample, load_suggester("blank"))  # the blank pipeline's suggestions
    review.recompute()
    review.with_suggester.click()
    assert review.suggester_table.isVisible()
    table = review.suggester_table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert {row[1] for row in rows} == {"ana", "ben"}  # against each coder (no gold yet)
    assert all(row[0].startswith("blank-en+fa-") for row in rows)  # named by its pipeline
    assert all(row[3] != "—" for row in rows)  # a detection alpha_U for each
    review.close()
