"""The agreement report with intervals, plain names, diagnostics and the suggester as a coder,
on real project files, through the service and the command line."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from framing_annotator.__main__ import main
from framing_annotator.agreement import bootstrap_alpha, krippendorff_alpha, unitized_alpha
from framing_annotator.agreement.project import project_agreement
from framing_annotator.domain.model import (
    GOLD,
    Article,
    Origin,
    Quote,
    QuoteKind,
    Suggestion,
)
from framing_annotator.domain.spans import Span
from framing_annotator.services.agreement import coefficient_rows, origin_counts, reliability
from framing_annotator.services.diagnostics import diagnostics

from .coded_project import TEXT, span

SECOND = "“Prices will fall,” said Ana Ruiz. Tony Pham said the plan was a threat to jobs."


def second(fragment: str) -> Span:
    start = SECOND.index(fragment)
    return Span(start, start + len(fragment))


@pytest.fixture
def two_articles(coded):
    """The coded article plus a second one, so that articles can be resampled."""
    project, first = coded
    (article,) = project.import_articles([Article(text=SECOND, title="second")]).added
    repo = project.repo
    ruiz = repo.speaker_by_name("Ana Ruiz")
    with repo.transaction():
        for coder in ("ana", "ben", "cy"):
            repo.insert_quote(Quote(article_id=article.id, annotator=coder,
                                    span=second("“Prices will fall,”"), speaker_id=ruiz.id,
                                    frames=frozenset({"threat"} if coder != "cy" else set()),
                                    origin=Origin.SUGGESTION if coder == "ana" else
                                    Origin.MANUAL))  # fmt: skip
        for coder in ("ana", "ben"):
            repo.insert_quote(Quote(article_id=article.id, annotator=coder,
                                    span=second("the plan was a threat to jobs"),
                                    kind=QuoteKind.INDIRECT))  # fmt: skip
    return project, first, article


def test_every_coefficient_has_an_interval_around_its_value(two_articles):
    project, *_ = two_articles
    rel = reliability(project.repo, draws=500, seed=11)
    rows = {row["variable"]: row for row in coefficient_rows(rel)}
    for coefficient in rel.report.coefficients:
        row = rows[coefficient.variable]
        assert row["value"] == coefficient.value
        if coefficient.variable != "detection":  # the resampled data are the report's data
            assert rel.intervals[coefficient.variable].value == pytest.approx(coefficient.value)
        if row["value"] is None:
            assert row["ci_low"] is None
            continue
        assert row["ci_low"] <= row["value"] + 1e-9 and row["ci_high"] >= row["value"] - 1e-9
    # the threat interval is the bootstrap of the reliability data by hand (5 units)
    threat = [[1, 1, 0, 1, 0], [1, 0, 0, 1, 0], [1, 1, None, 0, None]]
    assert rows["frame:threat"]["value"] == pytest.approx(krippendorff_alpha(threat))
    by_hand = bootstrap_alpha(threat, draws=500, seed=11)
    assert (rows["frame:threat"]["ci_low"], rows["frame:threat"]["ci_high"]) == pytest.approx(
        (by_hand.low, by_hand.high)
    )
    assert rows["frame:threat"]["q_below_0667"] == pytest.approx(by_hand.q_below_0667)


def test_the_detection_interval_resamples_articles(two_articles):
    project, *_ = two_articles
    rel = reliability(project.repo, draws=300, seed=3)
    detection = rel.intervals["detection"]
    assert detection.resampled == "articles" and detection.defined > 0
    # the centre keeps articles apart; the reported value pools them: close, not equal
    assert detection.value == pytest.approx(rel.report.coefficient("detection").value, abs=0.02)


def test_plain_names_and_one_count_of_units(two_articles):
    project, *_ = two_articles
    rel = reliability(project.repo, draws=0)
    rows = {row["variable"]: row for row in coefficient_rows(rel)}
    assert rows["detection"]["name"] == "Krippendorff's αU (quote detection)"
    assert rows["frame:threat"]["name"] == "Krippendorff's α (nominal)"
    assert rows["frame:threat"]["label"] == "Frame: threat"
    assert rows["kind"]["label"] == "Quote kind"
    # detection rests on every unit: the count in the header
    assert rel.unit_count == 5 and rows["detection"]["units"] == 5
    assert rel.shared_unit_count == 5
    assert rows["speaker"]["units"] == 3  # units with a speaker from two coders
    assert all("undefined" in row["about"] for row in rows.values())


def test_cli_json_and_csv_carry_the_intervals_and_repeat_with_the_seed(two_articles, capsys):
    project, *_ = two_articles
    args = ["agreement", str(project.path), "--format", "json", "--draws", "400", "--seed", "9"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == first
    rel = reliability(project.repo, draws=400, seed=9)
    assert first["coefficients"] == coefficient_rows(rel)
    assert first["bootstrap"]["draws"] == 400 and first["units"] == 5
    assert first["quote_origins"]["ana"] == {"quotes": 5, "from_suggestions": 1}

    assert main(["agreement", str(project.path), "--format", "csv", "--seed", "9",
                 "--draws", "400"]) == 0  # fmt: skip
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"ci_low", "ci_high", "q_below_0667", "q_below_0800"} <= set(table[0])
    threat = next(r for r in table if r["variable"] == "frame:threat")
    expected = next(r for r in first["coefficients"] if r["variable"] == "frame:threat")
    assert float(threat["ci_low"]) == pytest.approx(expected["ci_low"])

    assert main(["agreement", str(project.path), "--draws", "200"]) == 0
    out = capsys.readouterr().out
    assert "Krippendorff's αU (quote detection)" in out and "95% interval" in out
    assert "5 units, 5 marked by two or more coders" in out


def test_no_draws_no_intervals(two_articles, capsys):
    project, *_ = two_articles
    assert main(["agreement", str(project.path), "--format", "json", "--draws", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(row["ci_low"] is None for row in data["coefficients"])
    assert main(["agreement", str(project.path), "--draws", "-1"]) == 2
    assert "--draws must be 0 or more" in capsys.readouterr().err


def test_origin_counts_say_which_quotes_began_as_suggestions(two_articles):
    project, *_ = two_articles
    counts = origin_counts(reliability(project.repo, draws=0))
    assert counts == {
        "ana": {"quotes": 5, "from_suggestions": 1},
        "ben": {"quotes": 5, "from_suggestions": 0},
        "cy": {"quotes": 3, "from_suggestions": 0},
    }


def test_coder_diagnostics_against_the_others_and_gold(two_articles, tmp_path):
    project, first, _ = two_articles
    repo = project.repo
    with repo.transaction():  # gold on the first article: ana's version of every quote
        for quote in repo.quotes(first.id, "ana"):
            repo.insert_quote(Quote(article_id=first.id, annotator=GOLD, span=quote.span,
                                    kind=quote.kind, speaker_id=quote.speaker_id,
                                    frames=quote.frames))  # fmt: skip
    rel = reliability(repo, draws=0)
    found = diagnostics(repo, rel)
    rows = {(r.coder, r.variable): r for r in found.coders}
    inputs = rel.inputs
    pair = project_agreement(inputs.articles, ["ana", "cy"], inputs.speaker_names,
                             inputs.frame_keys)  # fmt: skip
    ana_threat = rows["ana", "frame:threat"]
    assert ana_threat.pairs["cy"] == pair.coefficient("frame:threat").value
    assert ana_threat.with_others == pytest.approx(
        (ana_threat.pairs["ben"] + ana_threat.pairs["cy"]) / 2
    )
    others = project_agreement(inputs.articles, ["ben", "cy"], inputs.speaker_names,
                               inputs.frame_keys)  # fmt: skip
    assert ana_threat.without == others.coefficient("frame:threat").value
    # gold is ana's version on the first article: ana matches it exactly there
    assert rows["ana", "detection"].span_f1_gold == 1.0
    assert rows["cy", "detection"].span_f1_gold == pytest.approx(2 * 2 / (3 + 2))
    cy_units = [(c, s.start, len(s), "quote") for c, s in [
        ("gold", span("“We will win,”")), ("gold", span("costs would rise")),
        ("gold", span("“No comment,”")), ("cy", span("“We will win,”")),
        ("cy", span("that costs would rise"))]]  # fmt: skip
    expected, _ = unitized_alpha(len(TEXT), cy_units, coders=["gold", "cy"])
    assert rows["cy", "detection"].with_gold == pytest.approx(expected)
    assert rows["ana", "speaker"].label == "Speaker"

    articles = {row.article_id: row for row in found.articles}
    assert articles[first.id].disagreements == 2 and articles[first.id].units == 3

    for name in ("d.json", "d.csv"):
        path = tmp_path / name
        assert main(["agreement", str(project.path), "--draws", "0", "--diagnostics",
                     str(path)]) == 0  # fmt: skip
        assert path.exists()
    assert main(["agreement", str(project.path), "--draws", "0", "--diagnostics",
                 "/no/such/folder/d.csv"]) == 1  # fmt: skip
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert {row["coder"] for row in data["coders"]} == {"ana", "ben", "cy"}
    table = list(csv.DictReader((tmp_path / "d.csv").open(encoding="utf-8")))
    assert {row["table"] for row in table} == {"coder", "article"}
    assert next(r for r in table if r["coder"] == "cy" and r["variable"] == "detection")[
        "span_f1_gold"] == str(rows["cy", "detection"].span_f1_gold)  # fmt: skip


def test_the_suggester_is_compared_as_a_coder_named_by_its_pipeline(two_articles, capsys):
    project, first, _ = two_articles
    repo = project.repo
    pipeline = "blank-en+fa-0.5"
    with repo.transaction():
        repo.replace_suggestions(first.id, [
            Suggestion(span=span("“We will win,”"), kind=QuoteKind.DIRECT, pipeline=pipeline,
                       confidence=0.9, speaker="Ana Ruiz"),
            Suggestion(span=span("“No comment,”"), kind=QuoteKind.DIRECT, pipeline=pipeline,
                       confidence=0.8, speaker="spokesman"),
        ], pipeline=pipeline)  # fmt: skip
    rel = reliability(repo, draws=0, article_ids=[first.id])
    rows = {r.against: r for r in diagnostics(repo, rel, suggester=True).suggester}
    assert set(rows) == {"ana", "ben", "cy"}  # no gold yet
    ana = rows["ana"]
    assert ana.pipeline == pipeline and ana.articles == 1
    # ana marked 3 quotes, the pipeline 2, both of them ana's: precision 1, recall 2/3
    assert (ana.span_precision, ana.span_recall) == (1.0, pytest.approx(2 / 3))
    units = [(c, s.start, len(s), "quote") for c, s in [
        ("ana", span("“We will win,”")), ("ana", span("costs would rise")),
        ("ana", span("“No comment,”")), (pipeline, span("“We will win,”")),
        (pipeline, span("“No comment,”"))]]  # fmt: skip
    expected, _ = unitized_alpha(len(TEXT), units, coders=["ana", pipeline])
    assert ana.detection == pytest.approx(expected)
    assert ana.speaker == 1.0 or ana.speaker is None  # both name the same speakers

    assert main(["agreement", str(project.path), "--articles", str(first.id), "--suggester",
                 "--format", "json", "--draws", "0"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert {row["against"] for row in data["suggester"]} == {"ana", "ben", "cy"}
    assert main(["agreement", str(project.path), "--articles", str(first.id), "--suggester",
                 "--draws", "0"]) == 0  # fmt: skip
    assert pipeline in capsys.readouterr().out


def test_the_agreement_chart_names_every_variable(two_articles, tmp_path, capsys):
    project, *_ = two_articles
    out = tmp_path / "alpha.svg"
    assert main(["agreement", str(project.path), "--draws", "200", "--plot", str(out)]) == 0
    texts = " ".join(t for node in ET.parse(out).getroot().iter() if node.tag.endswith("text")
                     for t in node.itertext())  # fmt: skip
    for label in ("Quote detection", "Speaker", "Quote kind", "Frame: threat"):
        assert label in texts, label
    assert main(["agreement", str(project.path), "--plot", "alpha.gif"]) == 2
