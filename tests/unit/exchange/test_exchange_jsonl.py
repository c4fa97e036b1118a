"""JSONL export: the issue's shape, one line per article and annotator."""

from __future__ import annotations

import json

from framing_annotator.services.exchange import ExportOptions, export_annotations

from .exchange_support import PORT


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_shape_and_one_line_per_article_and_annotator(annotated, tmp_path):
    out = tmp_path / "a.jsonl"
    export_annotations(annotated.repo, "jsonl", out)
    records = lines(out)
    pairs = [(r["meta"]["article_id"], r["annotator"]) for r in records]
    # cleo marked article 1 done without quotes: an empty line of hers is kept
    assert pairs == [(1, "ana"), (1, "ben"), (1, "cleo"), (1, "gold"), (2, "cleo")]
    ana = records[0]
    assert {"text", "annotator", "meta", "spans"} <= set(ana)
    assert ana["text"] == PORT
    assert {"article_id", "title", "outlet", "date", "url", "text_sha256"} <= set(ana["meta"])
    assert ana["meta"]["title"] == "Port strike" and ana["meta"]["date"] == "2024-05-01"
    span = ana["spans"][0]
    for key in ("start", "end", "label", "kind", "speaker", "speaker_type", "mention", "frames",
                "note"):  # fmt: skip
        assert key in span
    assert span["label"] == "quote" and span["kind"] == "direct"
    assert PORT[span["start"] : span["end"]] == span["text"]
    assert set(span["mention"]) >= {"start", "end"}
    assert span["speaker"] == "Ana Ruiz" and span["speaker_type"] == "advocate"
    assert span["frames"] == ["econ_2", "threat"]
    assert records[2]["spans"] == [] and records[2]["meta"]["status"] == "done"
    assert "💪" in out.read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    untouched = next(s for s in records[1]["spans"] if s["note"] is None)
    assert untouched["note"] is None


def test_frame_filter_drops_empty_lines(annotated, tmp_path):
    out = tmp_path / "a.jsonl"
    export_annotations(annotated.repo, "jsonl", out, ExportOptions(frames=("econ_2",)))
    records = lines(out)
    assert [(r["meta"]["article_id"], r["annotator"]) for r in records] == [(1, "ana"), (2, "cleo")]
    assert all("econ_2" in s["frames"] for r in records for s in r["spans"])


def test_each_line_is_exactly_json_dumps_of_its_record(annotated, tmp_path):
    """The writer encodes each article's text once for all its lines; the bytes are still
    those of ``json.dumps(document_record(...), ensure_ascii=False)`` line by line."""
    from framing_annotator.io.export.jsonl import document_record
    from framing_annotator.services.exchange import gather_annotation_set

    for options in (ExportOptions(), ExportOptions(suggestions=True, annotators=("ana",))):
        out = tmp_path / "a.jsonl"
        export_annotations(annotated.repo, "jsonl", out, options)
        annotations = gather_annotation_set(annotated.repo, options)
        expected = "".join(
            json.dumps(document_record(annotations, d), ensure_ascii=False) + "\n"
            for d in annotations.documents
        )
        assert out.read_bytes() == expected.encode("utf-8")
