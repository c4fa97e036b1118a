"""Round trips: export to JSONL and qdpx, import into a fresh project, same quotes."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.errors import ConflictError
from framing_annotator.io.annotation_import import read_annotation_file
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import EditQuote
from framing_annotator.services.exchange import (
    export_annotations,
    import_annotation_file,
    import_annotation_set,
)
from framing_annotator.services.project import Project

from .exchange_support import snapshot


@pytest.mark.parametrize("fmt", ["jsonl", "qdpx"])
def test_fresh_project_gets_the_same_quotes(annotated, tmp_path, fmt):
    out = tmp_path / f"set.{fmt}"
    export_annotations(annotated.repo, fmt, out)
    fresh = Project.open(tmp_path / "fresh.sqlite", create=True)
    try:
        result = import_annotation_file(fresh.repo, out)
        assert result.quotes_added == 8 and not result.conflicts
        assert result.articles_added == 2 and result.frames_added == ["econ_2"]
        assert sorted(result.speakers_added) == ["Ana Ruiz", "Tony Pham"]
        assert snapshot(fresh.repo) == snapshot(annotated.repo)
        assert {s.name: s.aliases for s in fresh.repo.speakers()}["Tony Pham"] == (
            ("Pham", "interim ICE chief Tony Pham") if fmt == "qdpx" else ()
        )
        again = import_annotation_file(fresh.repo, out)  # re-import adds nothing
        assert (again.quotes_added, again.quotes_unchanged, again.articles_added) == (0, 8, 0)
        assert again.speakers_added == [] and again.frames_added == []
        assert again.articles_matched == 2
        # import -> export -> import gives identical quotes
        second = tmp_path / f"second.{fmt}"
        export_annotations(fresh.repo, fmt, second)
        third = Project.open(tmp_path / "third.sqlite", create=True)
        import_annotation_file(third.repo, second)
        assert snapshot(third.repo) == snapshot(annotated.repo)
        third.close()
    finally:
        fresh.close()


def test_qdpx_keeps_frame_labels_and_jsonl_keeps_keys(annotated, tmp_path):
    export_annotations(annotated.repo, "qdpx", tmp_path / "a.qdpx")
    frames = {f.key: f for f in read_annotation_file(tmp_path / "a.qdpx").codebook.frames}
    assert frames["econ_2"].label == "Economic costs"
    assert frames["econ_2"].description == "Money, jobs, prices."
    assert frames["econ_2"].colour == "#112233"


def test_changed_quote_is_a_conflict_with_three_policies(annotated, tmp_path):
    out = tmp_path / "set.jsonl"
    export_annotations(annotated.repo, "jsonl", out)
    annotations = read_annotation_file(out)
    quote = annotated.repo.quotes(annotator="ana")[0]
    AnnotationSession(annotated.repo, "ana").execute(
        EditQuote(quote, replace(quote, note="edited here"))
    )
    before = snapshot(annotated.repo)
    with pytest.raises(ConflictError):
        import_annotation_set(annotated.repo, annotations, on_conflict="fail")
    assert snapshot(annotated.repo) == before
    kept = import_annotation_set(annotated.repo, annotations)
    (conflict,) = kept.conflicts
    assert conflict.uuid == quote.uuid and conflict.existing.note == "edited here"
    assert kept.quotes_unchanged == 7 and snapshot(annotated.repo) == before
    replaced = import_annotation_set(annotated.repo, annotations, on_conflict="replace")
    assert replaced.quotes_replaced == 1
    assert annotated.repo.quote(quote.uuid).note == quote.note


def test_annotators_can_be_renamed_on_the_way_in(annotated, tmp_path):
    out = tmp_path / "set.jsonl"
    export_annotations(annotated.repo, "jsonl", out)
    fresh = Project.open(tmp_path / "fresh.sqlite", create=True)
    import_annotation_file(fresh.repo, out, annotators={"ana": "ana-laptop"})
    assert set(fresh.repo.quote_counts()) == {"ana-laptop", "ben", "gold", "cleo"}
    fresh.close()


def test_command_line_export_then_import(annotated, tmp_path, capsys):
    path = annotated.path
    annotated.close()
    for fmt, name in (("csv", "q.csv"), ("jsonl", "q.jsonl"), ("spacy", "q.spacy"),
                      ("qdpx", "q.qdpx")):  # fmt: skip
        code = main(["export", str(path), "--format", fmt, "-o", str(tmp_path / name),
                     "--annotators", "ana,ben,gold,cleo"])  # fmt: skip
        assert code == 0 and (tmp_path / name).exists()
    assert "8 quotes" in capsys.readouterr().out
    target = tmp_path / "new.sqlite"
    assert main(["import", str(target), "--annotations", str(tmp_path / "q.qdpx")]) == 0
    assert "8 quotes added" in capsys.readouterr().out
    assert main(["import", str(target), "--annotations", str(tmp_path / "q.jsonl")]) == 0
    assert "0 quotes added, 8 already there" in capsys.readouterr().out
    assert main(["export", str(target), "--format", "jsonl", "-o", str(tmp_path / "n.jsonl"),
                 "--articles", "1"]) == 0  # fmt: skip
    lines = (tmp_path / "n.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["meta"]["article_id"] for line in lines} == {1}
    assert main(["import", str(target)]) == 2
    assert main(["export", str(target), "--format", "csv", "-o", str(tmp_path / "x.csv"),
                 "--frames", "nope"]) == 1  # fmt: skip
    assert "no frame nope" in capsys.readouterr().err
