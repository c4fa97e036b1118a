"""CSV export: exact header, frame columns, formula neutralising, Excel BOM, filters."""

from __future__ import annotations

import csv

import pytest

from framing_annotator.domain.errors import NotFound
from framing_annotator.domain.model import QuoteKind, Suggestion
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import DecideSuggestion
from framing_annotator.services.exchange import ExportOptions, export_annotations

from .exchange_support import FORMULA, PORT, span_of

HEADER = (
    "article_id,text_sha256,title,outlet,date,annotator,quote_id,start,end,text,kind,speaker,"
    "speaker_type,mention_start,mention_end,mention_text,frames,frame_threat,frame_public_safety,"
    "frame_political_messaging,frame_econ_2,note,created_at,updated_at"
).split(",")


def read_rows(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as stream:
        return list(csv.DictReader(stream))


def test_header_columns_and_values(annotated, tmp_path):
    out = tmp_path / "quotes.csv"
    result = export_annotations(annotated.repo, "csv", out)
    assert result.quotes == 8 and out.read_bytes()[:3] != b"\xef\xbb\xbf"
    with open(out, encoding="utf-8", newline="") as stream:
        assert next(csv.reader(stream)) == HEADER
    rows = read_rows(out)
    assert len(rows) == 8
    first = next(r for r in rows if r["annotator"] == "ana" and r["kind"] == "direct"
                 and r["speaker"] == "Ana Ruiz")  # fmt: skip
    assert first["text"] == "“We will not back down 💪, not for a day,”"
    assert PORT[int(first["start"]) : int(first["end"])] == first["text"]
    assert first["frames"] == "econ_2;threat"
    assert (first["frame_threat"], first["frame_econ_2"], first["frame_public_safety"]) == (
        "1", "1", "0",
    )  # fmt: skip
    assert first["speaker_type"] == "advocate" and first["mention_text"] == "Ana Ruiz"
    assert first["note"] == "strong 💪\nsecond line"
    assert {r["annotator"] for r in rows} == {"ana", "ben", "gold", "cleo"}
    codebook = read_rows(tmp_path / "quotes_codebook.csv")
    assert [r["key"] for r in codebook] == ["threat", "public_safety", "political_messaging",
                                            "econ_2"]  # fmt: skip
    assert codebook[3]["label"] == "Economic costs"


def test_formulas_are_neutralised(annotated, tmp_path):
    out = tmp_path / "quotes.csv"
    export_annotations(annotated.repo, "csv", out)
    rows = [r for r in read_rows(out) if r["annotator"] == "cleo"]
    hyperlink = next(r for r in rows if "HYPERLINK" in r["text"])
    assert hyperlink["text"] == "'" + '=HYPERLINK("http://example.com/x","click")'
    assert hyperlink["title"] == "'=cmd|' /C calc'!A0" and hyperlink["outlet"] == "'+Weekly"
    minus = next(r for r in rows if "percent" in r["text"])
    assert minus["text"] == "'-5 percent" and minus["note"] == "'@mayor"
    ben = [r for r in read_rows(out) if r["annotator"] == "ben"]
    assert any(r["note"] == "'=SUM(A1)" for r in ben)
    raw = out.read_text(encoding="utf-8")
    assert ",=HYPERLINK" not in raw and ',"=HYPERLINK' not in raw
    assert FORMULA.startswith("=HYPERLINK(")


def test_excel_gets_a_bom(annotated, tmp_path):
    out = tmp_path / "excel.csv"
    export_annotations(annotated.repo, "csv", out, excel=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "excel_codebook.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(read_rows(out, encoding="utf-8-sig")) == 8


def test_pandas_reads_it(annotated, tmp_path):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "quotes.csv"
    export_annotations(annotated.repo, "csv", out)
    frame = pandas.read_csv(out, keep_default_na=False)
    assert list(frame.columns) == HEADER and len(frame) == 8
    assert frame["frame_threat"].isin([0, 1]).all()


def test_filters_annotators_articles_frames(annotated, tmp_path):
    out = tmp_path / "f.csv"
    export_annotations(annotated.repo, "csv", out, ExportOptions(annotators=("gold",)))
    assert {r["annotator"] for r in read_rows(out)} == {"gold"}
    export_annotations(annotated.repo, "csv", out, ExportOptions(articles=(2,)))
    assert {r["article_id"] for r in read_rows(out)} == {"2"}
    export_annotations(annotated.repo, "csv", out, ExportOptions(frames=("public_safety",)))
    (row,) = read_rows(out)
    assert row["frames"] == "public_safety"
    export_annotations(
        annotated.repo, "csv", out, ExportOptions(annotators=("ben", "cleo"), frames=("econ_2",))
    )
    assert [r["annotator"] for r in read_rows(out)] == ["cleo"]
    with pytest.raises(NotFound, match="nobody"):
        export_annotations(annotated.repo, "csv", out, ExportOptions(annotators=("nobody",)))
    with pytest.raises(NotFound, match="economy"):
        export_annotations(annotated.repo, "csv", out, ExportOptions(frames=("economy",)))


def test_pending_suggestions_only_on_request(annotated, tmp_path):
    repo = annotated.repo
    with repo.transaction():
        repo.replace_suggestions(
            1,
            [Suggestion(span_of(PORT, "the talks could collapse"), QuoteKind.INDIRECT, "rules",
                        0.8, speaker="officials", mention=span_of(PORT, "Officials"))],
            pipeline="rules",
        )  # fmt: skip
    (suggestion,) = repo.suggestions(1)
    AnnotationSession(repo, "ben").execute(DecideSuggestion(suggestion, "ben"))
    out = tmp_path / "s.csv"
    export_annotations(repo, "csv", out)
    assert not any(r["quote_id"].startswith("suggestion:") for r in read_rows(out))
    export_annotations(repo, "csv", out, ExportOptions(suggestions=True))
    pending = [r for r in read_rows(out) if r["quote_id"].startswith("suggestion:")]
    # ben rejected it; ana, gold and cleo (who marked the article done) have not decided
    assert sorted(r["annotator"] for r in pending) == ["ana", "cleo", "gold"]
    assert pending[0]["text"] == "the talks could collapse"
    assert "pending suggestion (rules" in pending[0]["note"]
