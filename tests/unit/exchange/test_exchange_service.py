"""The exchange service: progress, cooperative cancel, atomic files, vendor positions."""

from __future__ import annotations

import json

import pytest

from framing_annotator.domain.model import QuoteKind, Suggestion
from framing_annotator.io.annotation_import import read_annotation_file
from framing_annotator.io.qdpx_reader import _position_map
from framing_annotator.services.exchange import (
    ExportOptions,
    export_annotations,
    import_annotation_set,
    output_paths,
)
from framing_annotator.services.project import Project

from .exchange_support import PORT, snapshot, span_of


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "spacy", "qdpx"])
def test_progress_reaches_the_total(annotated, tmp_path, fmt):
    calls = []
    export_annotations(annotated.repo, fmt, tmp_path / f"x.{fmt}",
                       progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert calls and calls[-1][0] == calls[-1][1] and calls[0][0] == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "spacy", "qdpx"])
def test_cancel_leaves_old_files_and_no_temporaries(annotated, tmp_path, fmt):
    out = tmp_path / "out" / f"x.{fmt}"
    out.parent.mkdir()
    targets = output_paths(fmt, out)
    for target in targets:
        target.write_bytes(b"old")
    calls = []
    result = export_annotations(annotated.repo, fmt, out, progress=lambda d, t: calls.append(d),
                                cancelled=lambda: len(calls) >= 2)  # fmt: skip
    assert result.cancelled and result.paths == ()
    assert sorted(out.parent.iterdir()) == sorted(targets)
    assert all(target.read_bytes() == b"old" for target in targets)


def test_cancelled_import_changes_nothing(annotated, tmp_path):
    export_annotations(annotated.repo, "jsonl", tmp_path / "a.jsonl")
    annotations = read_annotation_file(tmp_path / "a.jsonl")
    fresh = Project.open(tmp_path / "fresh.sqlite", create=True)
    calls = []
    result = import_annotation_set(fresh.repo, annotations, progress=lambda d, t: calls.append(d),
                                   cancelled=lambda: len(calls) >= 2)  # fmt: skip
    assert result.cancelled and snapshot(fresh.repo) == [] and fresh.repo.article_count() == 0
    assert fresh.repo.codebook().keys == ("threat", "public_safety", "political_messaging")
    fresh.close()


def test_suggestions_in_jsonl_and_docbin_are_skipped_on_import(annotated, tmp_path):
    with annotated.repo.transaction():
        annotated.repo.replace_suggestions(
            1, [Suggestion(span_of(PORT, "the talks"), QuoteKind.INDIRECT, "rules", 0.5,
                           speaker="Officials")],
        )  # fmt: skip
    options = ExportOptions(suggestions=True, annotators=("ana",))
    export_annotations(annotated.repo, "jsonl", tmp_path / "s.jsonl", options)
    (line,) = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text("utf-8").splitlines()]
    (pending,) = [s for s in line["spans"] if s["label"] == "suggestion"]
    assert pending["text"] == "the talks" and pending["confidence"] == 0.5
    fresh = Project.open(tmp_path / "fresh.sqlite", create=True)
    result = import_annotation_set(fresh.repo, read_annotation_file(tmp_path / "s.jsonl"))
    assert result.suggestions_skipped == 1 and result.quotes_added == 3
    fresh.close()


def test_vendor_position_quirks_are_undone():
    raw = "a\r\nb😀c"
    normal = "a\nb😀c"
    plain = _position_map(raw, "QualCoder 3.5")  # counts code points, \r\n as two
    assert normal[plain(3) : plain(6)] == "b😀c"
    atlas = _position_map(raw, "ATLAS.ti 23")  # \r\n as one
    assert normal[atlas(2) : atlas(5)] == "b😀c"
    nvivo = _position_map(raw, "NVivo 14")  # \r\n as two, the emoji as two
    assert normal[nvivo(3) : nvivo(7)] == "b😀c"
    assert _position_map("plain", "NVivo")(3) == 3
