"""Results: crosstabs, Wilson intervals and top speakers, computed by hand on a small project;
the ``report`` command's JSON, CSV and chart files."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.model import GOLD
from framing_annotator.services.results import (
    NO_FRAME,
    NO_SPEAKER,
    NO_TYPE,
    Filters,
    crosstab,
    project_crosstab,
    top_speakers,
    wilson,
)


def test_wilson_matches_published_values():
    assert wilson(2, 3) == pytest.approx((0.2077, 0.9385), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)
    assert wilson(0, 0) == (None, None)


def test_frames_by_outlet_by_hand(results_project):
    table, found = project_crosstab(results_project.repo, "frame", "outlet")
    assert found.layer == GOLD and table.total == 6  # ana's quote is not gold
    # every codebook frame is a row, used or not, then quotes without a frame
    assert table.row_categories == ["threat", "public_safety", "political_messaging", NO_FRAME]
    assert table.col_categories == ["Daily", "Herald"]
    assert table.col_totals == {"Daily": 3, "Herald": 3}
    assert table.row_totals == {"threat": 4, "public_safety": 2, "political_messaging": 0,
                                NO_FRAME: 1}  # fmt: skip
    threat = table.cell("threat", "Daily")
    assert threat.count == 2 and threat.row_pct == 0.5 and threat.col_pct == pytest.approx(2 / 3)
    assert (threat.col_low, threat.col_high) == pytest.approx((0.2077, 0.9385), abs=1e-4)
    assert (threat.row_low, threat.row_high) == pytest.approx(wilson(2, 4))
    safety = table.cell("public_safety", "Herald")
    assert (safety.count, safety.row_pct, safety.col_pct) == (0, 0.0, 0.0)
    unused = table.cell("political_messaging", "Daily")
    assert unused.count == 0 and unused.row_pct is None and unused.row_low is None
    # a quote with two frames counts in both: Daily's column shares add up past 100%
    assert sum(table.cell(r, "Daily").col_pct for r in table.row_categories) > 1


def test_speaker_types_months_and_annotators(results_project):
    repo = results_project.repo
    types, _ = project_crosstab(repo, "speaker_type", "outlet")
    assert types.row_totals == {"advocate": 2, "government": 2, NO_SPEAKER: 1, NO_TYPE: 1}
    months, _ = project_crosstab(repo, "frame", "month")
    assert months.col_totals == {"2024-01": 2, "2024-02": 4}
    assert months.cell("threat", "2024-02").count == 2
    by_coder, found = project_crosstab(repo, "frame", "annotator")
    assert found.layer == "every annotator"
    assert by_coder.col_totals == {"ana": 1, GOLD: 6}


def test_filters_by_annotator_outlet_and_date(results_project):
    repo = results_project.repo
    ana, _ = project_crosstab(repo, "frame", "outlet", Filters(annotator="ana"))
    assert ana.total == 1 and ana.cell("threat", "Daily").count == 1
    herald, _ = project_crosstab(repo, "frame", "outlet", Filters(outlets=("Herald",)))
    assert herald.total == 3 and herald.col_categories == ["Herald"]
    february, _ = project_crosstab(repo, "frame", "outlet", Filters(date_from="2024-02-01"))
    assert february.total == 4
    january, _ = project_crosstab(repo, "frame", "outlet", Filters(date_to="2024-01-31"))
    assert january.total == 2
    from framing_annotator.domain.errors import InvalidValue

    with pytest.raises(InvalidValue, match="no annotator named zoe"):
        project_crosstab(repo, "frame", "outlet", Filters(annotator="zoe"))
    with pytest.raises(InvalidValue, match="no article from outlet Gazette"):
        project_crosstab(repo, "frame", "outlet", Filters(outlets=("Gazette",)))


def test_top_speakers_with_their_frames(results_project):
    _, found = project_crosstab(results_project.repo, "frame", "outlet")
    top = top_speakers(found.records, limit=2)
    assert [(s["speaker"], s["speaker_type"], s["quotes"]) for s in top] == [
        ("Pham", "government", 2), ("Ruiz", "advocate", 2)]  # fmt: skip
    assert top[0]["frames"] == {"public_safety": 1, "threat": 1}
    assert top[1]["frames"] == {NO_FRAME: 1, "public_safety": 1, "threat": 1}


def test_the_core_is_pure_over_plain_rows():
    """What a Parquet corpus (issue 17) will call: dicts in, a crosstab out."""
    rows = [{"frame": ("a", "b"), "outlet": "X"}, {"frame": "a", "outlet": "Y"},
            {"frame": ("b",), "outlet": "Y"}]  # fmt: skip
    table = crosstab(rows, "frame", "outlet")
    assert table.row_totals == {"a": 2, "b": 2} and table.col_totals == {"X": 1, "Y": 2}
    assert table.cell("b", "Y").col_pct == 0.5


def test_report_command_json_csv_and_table(results_project, capsys):
    path = str(results_project.path)
    assert main(["report", path, "--rows", "frame", "--cols", "outlet", "--format",
                 "json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["layer"] == GOLD
    cells = {(c["row"], c["col"]): c for c in data["crosstab"]["cells"]}
    assert cells["threat", "Daily"]["count"] == 2
    assert data["crosstab"]["labels"]["public_safety"] == "public safety"
    assert data["top_speakers"][0]["speaker"] == "Pham"

    assert main(["report", path, "--cols", "speaker_type", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    government = next(r for r in rows if r["row"] == "threat" and r["col"] == "government")
    assert government["count"] == "1" and float(government["col_pct"]) == 0.5

    assert main(["report", path, "--annotator", "ana"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 quotes (quotes of ana)") and "1 (100.0%)" in out

    assert main(["report", path, "--annotator", "zoe"]) == 1
    assert "no annotator named zoe" in capsys.readouterr().err
    assert main(["report", path, "--plot", "chart.gif"]) == 2
    assert main(["report", path, "--from", "5 May"]) == 1
    assert "a date must be written YYYY-MM-DD, got '5 May'" in capsys.readouterr().err
    assert main(["report", path, "--top", "-1"]) == 2
    assert main(["report", path, "--plot", "/no/such/folder/chart.svg"]) == 1
    assert "cannot write /no/such/folder/chart.svg" in capsys.readouterr().err


@pytest.mark.parametrize("cols", ["outlet", "month"])
def test_the_svg_parses_and_names_every_category(results_project, tmp_path, capsys, cols):
    out = tmp_path / "chart.svg"
    assert main(["report", str(results_project.path), "--cols", cols, "--plot", str(out)]) == 0
    capsys.readouterr()
    root = ET.parse(out).getroot()
    texts = " ".join(t for node in root.iter() if node.tag.endswith("text")
                     for t in node.itertext())  # fmt: skip
    categories = ["Daily", "Herald"] if cols == "outlet" else ["2024-01", "2024-02"]
    for name in [*categories, "threat", "public safety", "political messaging", NO_FRAME]:
        assert name in texts, name


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_charts_save_as_png_and_pdf(results_project, tmp_path, capsys, suffix, magic):
    out = tmp_path / f"chart{suffix}"
    assert main(["report", str(results_project.path), "--plot", str(out), "--theme",
                 "dark"]) == 0  # fmt: skip
    assert out.read_bytes().startswith(magic)


def test_frames_by_frames_is_the_co_occurrence_table(results_project):
    """As ATLAS.ti's code co-occurrence table: quotes that carry both frames."""
    table, _ = project_crosstab(results_project.repo, "frame", "frame")
    assert table.cell("threat", "public_safety").count == 1  # q2 carries both
    assert table.cell("public_safety", "threat").count == 1
    assert table.cell("threat", "threat").count == table.row_totals["threat"] == 4
