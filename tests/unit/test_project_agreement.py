"""Project agreement on real project files, checked against values computed by hand."""

import json

import pytest

from framing_annotator.__main__ import main
from framing_annotator.agreement import krippendorff_alpha, unitized_alpha
from framing_annotator.agreement.project import build_units, verdict
from framing_annotator.domain.errors import InvalidValue
from framing_annotator.services.agreement import agreement_report

from .coded_project import TEXT, span


def test_units_group_overlapping_quotes_of_different_coders(coded):
    project, article = coded
    units = build_units(project.repo.quotes(article.id))
    assert sorted(len(u.quotes) for u in units) == [2, 3, 3]


def test_coefficients_match_hand_computation(coded):
    project, article = coded
    report = agreement_report(project.repo)
    assert report.annotators == ("ana", "ben", "cy")
    # Units in text order: win (3 coders), rise (3), no comment (ana, ben).
    threat = report.coefficient("frame:threat")
    assert threat.value == pytest.approx(
        krippendorff_alpha([[1, 1, 0], [1, 0, 0], [1, 1, None]], "nominal")
    )
    speaker = report.coefficient("speaker")
    expected = krippendorff_alpha(
        [["Ana Ruiz", "Tony Pham", "spokesman"], ["Ana Ruiz", "Tony Pham", None],
         ["Ana Ruiz", "Tony Pham", None]]
    )  # fmt: skip
    assert speaker.value == pytest.approx(expected)
    units = [
        (coder, s.start, len(s), "quote")
        for coder, s in [("ana", span("“We will win,”")), ("ben", span("“We will win,”")),
                         ("cy", span("“We will win,”")), ("ana", span("costs would rise")),
                         ("ben", span("costs would rise")), ("cy", span("that costs would rise")),
                         ("ana", span("“No comment,”")), ("ben", span("“No comment,”"))]
    ]  # fmt: skip
    overall, _ = unitized_alpha(len(TEXT), units, coders=["ana", "ben", "cy"])
    assert report.coefficient("detection").value == pytest.approx(overall)
    assert report.per_article[article.id] == pytest.approx(overall)
    # public_safety is never coded: no variation, so undefined with a reason.
    safety = report.coefficient("frame:public_safety")
    assert safety.value is None and "no variation" in safety.reason


def test_disagreements_name_what_differs(coded):
    project, _ = coded
    report = agreement_report(project.repo)
    found = {TEXT[d.span.start : d.span.end]: d.variables for d in report.disagreements}
    assert found == {
        "that costs would rise": ("boundaries", "frames"),
        "“No comment,”": ("detection", "speaker"),
    }


def test_pairwise_span_f1(coded):
    project, _ = coded
    pairs = {(p.first, p.second): p for p in agreement_report(project.repo).pairwise}
    assert pairs[("ana", "ben")].spans.f1 == 1.0
    assert pairs[("ana", "cy")].spans.f1 == pytest.approx(2 / 2.5 * 1)  # 2 of 3 vs 2 of 2
    assert pairs[("ana", "cy")].spans.recall == pytest.approx(2 / 3)


def test_filters_and_bad_names(coded):
    project, _ = coded
    two = agreement_report(project.repo, annotators=["ana", "ben"], frame_keys=["threat"])
    assert [c.variable for c in two.coefficients] == ["detection", "speaker", "kind",
                                                      "frame:threat"]  # fmt: skip
    with pytest.raises(InvalidValue, match="no annotator named zoe"):
        agreement_report(project.repo, annotators=["ana", "zoe"])
    with pytest.raises(InvalidValue, match="no frame nope"):
        agreement_report(project.repo, frame_keys=["nope"])


def test_cli_json_matches_the_service(coded, capsys):
    project, _ = coded
    assert main(["agreement", str(project.path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    report = agreement_report(project.repo)
    assert data["annotators"] == ["ana", "ben", "cy"]
    assert [(c["variable"], c["value"]) for c in data["coefficients"]] == [
        (c.variable, c.value) for c in report.coefficients
    ]
    assert data["coefficients"][0]["coefficient"] == "krippendorff_alpha_u"
    assert main(["agreement", str(project.path)]) == 0
    table = capsys.readouterr().out
    assert "Frame: threat" in table and "2 units with disagreements" in table
    assert main(["agreement", str(project.path), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("variable,coefficient,level,value")


def test_verdict_thresholds():
    assert [verdict(v) for v in (None, 0.5, 0.667, 0.79, 0.8)] == [
        "undefined", "unreliable", "tentative", "tentative", "reliable"]  # fmt: skip


def test_frame_confusion_between_two_coders(coded):
    from framing_annotator.agreement.project import NO_FRAME, frame_confusion

    project, _ = coded
    report = agreement_report(project.repo)
    counts = frame_confusion(report.units, "ana", "ben", ["threat", "public_safety"])
    # win: threat/threat; rise: threat/none; no comment: none/none.
    assert counts == {("threat", "threat"): 1, ("threat", NO_FRAME): 1, (NO_FRAME, NO_FRAME): 1}


def test_a_project_without_coders_says_what_is_needed(project, seed_copy, capsys):
    project.import_files([seed_copy])
    assert main(["agreement", str(project.path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 articles coded by all of nobody yet")
    assert "needs at least two coders" in out
