"""REFI-QDA export: schema-valid, flat sources, exact positions, stable GUIDs."""

from __future__ import annotations

import zipfile

import xmlschema
from defusedxml import ElementTree

from framing_annotator.domain.model import QuoteKind, Suggestion
from framing_annotator.io.export import refi_qda as refi
from framing_annotator.services.exchange import ExportOptions, export_annotations

from .exchange_support import DATA, PORT, span_of

NS = {"q": refi.PROJECT_NS}
SCHEMAS = DATA / "refi-qda"


def export(project, tmp_path, name="p.qdpx", **options):
    out = tmp_path / name
    export_annotations(project.repo, "qdpx", out, ExportOptions(**options))
    return out


def test_archive_validates_against_the_schemas(annotated, tmp_path):
    with annotated.repo.transaction():
        annotated.repo.replace_suggestions(
            1, [Suggestion(span_of(PORT, "the talks"), QuoteKind.INDIRECT, "rules", 0.5)]
        )
    out = export(annotated, tmp_path, suggestions=True)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        qde = archive.read("project.qde")
    assert "project.qde" in names
    sources = [n for n in names if n != "project.qde"]
    assert len(sources) == 2 and all(n.startswith("sources/") and n.count("/") == 1
                                     for n in sources)  # fmt: skip
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(qde.decode("utf-8"))
    codebook = (tmp_path / "p.qdc").read_text(encoding="utf-8")
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(codebook)
    assert "Economic costs" in codebook and "Tony Pham" in codebook


def test_positions_slice_the_source_text_to_the_quote(annotated, tmp_path):
    out = export(annotated, tmp_path)
    expected = {q.uuid: q.span.text_of(annotated.repo.article(q.article_id).text)
                for q in annotated.repo.quotes()}  # fmt: skip
    with zipfile.ZipFile(out) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
        seen = {}
        for source in root.iterfind("q:Sources/q:TextSource", NS):
            path = source.get("plainTextPath")
            assert path == f"internal://{source.get('guid')}.txt"
            text = archive.read("sources/" + path.removeprefix("internal://")).decode("utf-8")
            for selection in source.iterfind("q:PlainTextSelection", NS):
                start = int(selection.get("startPosition"))
                end = int(selection.get("endPosition"))
                seen[selection.get("guid")] = text[start:end]
    assert {guid: seen[guid] for guid in expected} == expected  # quote UUIDs are the GUIDs
    assert sum("💪" in t for t in expected.values()) == 3  # positions after an emoji are right
    users = {u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    assert users == {"ana", "ben", "gold", "cleo"}


def test_guids_are_stable_across_exports(annotated, tmp_path):
    first = export(annotated, tmp_path, "one.qdpx")
    second = export(annotated, tmp_path, "two.qdpx")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read("project.qde") == b.read("project.qde")
        assert sorted(a.namelist()) == sorted(b.namelist())
    sha = annotated.repo.article(1).text_sha256
    assert f"sources/{refi.source_guid(sha)}.txt" in zipfile.ZipFile(first).namelist()
    assert refi.frame_guid("threat") == refi.guid("frame", "threat")


def test_codes_tree_holds_frames_speakers_by_type_and_kinds(annotated, tmp_path):
    out = export(annotated, tmp_path)
    root = ElementTree.fromstring(zipfile.ZipFile(out).read("project.qde"))
    top = {c.get("name"): c for c in root.iterfind("q:CodeBook/q:Codes/q:Code", NS)}
    assert list(top) == ["Frames", "Speakers", "Quote kinds", "Speaker mention"]
    frames = [c.get("name") for c in top["Frames"].iterfind("q:Code", NS)]
    assert frames == ["threat", "public safety", "political messaging", "Economic costs"]
    types = {t.get("name"): [s.get("name") for s in t.iterfind("q:Code", NS)]
             for t in top["Speakers"].iterfind("q:Code", NS)}  # fmt: skip
    assert types == {"advocate": ["Ana Ruiz"], "government": ["Tony Pham"]}


def test_notes_are_written_where_qualcoder_maxqda_and_atlas_ti_read_them(annotated, tmp_path):
    """QualCoder and MAXQDA read a selection's Description as its memo; ATLAS.ti and NVivo
    follow its NoteRef to a Note (docs/exports.md). Both hold the note; it comes back once."""
    from framing_annotator.io.qdpx_reader import read_qdpx

    noted = {q.uuid: q.note for q in annotated.repo.quotes() if q.note}
    assert noted  # the fixture has notes to carry
    out = export(annotated, tmp_path)
    with zipfile.ZipFile(out) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    notes = {n.get("guid"): n.findtext("q:PlainTextContent", "", NS)
             for n in root.iterfind("q:Notes/q:Note", NS)}  # fmt: skip
    for selection in root.iter(f"{{{refi.PROJECT_NS}}}PlainTextSelection"):
        if selection.get("guid") in noted:
            note = noted[selection.get("guid")]
            assert selection.findtext("q:Description", None, NS) == note
            (ref,) = selection.iterfind("q:NoteRef", NS)
            assert notes[ref.get("targetGUID")] == note
    back = {q.uuid: q.note for d in read_qdpx(out).documents for q in d.quotes if q.note}
    assert back == noted
