"""Hostile .qdpx archives are refused with a clear error, and the project stays byte-identical."""

from __future__ import annotations

import zipfile

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.errors import ImportRejected, UnsafeArchive
from framing_annotator.io import qdpx_reader
from framing_annotator.io.annotation_import import read_annotation_file
from framing_annotator.services.exchange import export_annotations


@pytest.fixture
def good_qdpx(annotated, tmp_path):
    out = tmp_path / "good.qdpx"
    export_annotations(annotated.repo, "qdpx", out)
    return out


def rebuild(source, target, *, extra=(), qde=None):
    """Copy an archive, optionally replacing project.qde and adding members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "project.qde" and qde is not None:
                data = qde(data)
            new.writestr(info, data)
        for name, data in extra:
            new.writestr(name, data)
    return target


def refused_by_cli(annotated, archive, capsys):
    """Run the real command on the closed project; return its stderr and assert no change."""
    path = annotated.path
    annotated.close()
    before = path.read_bytes()
    siblings = sorted(p.name for p in path.parent.iterdir())
    code = main(["import", str(path), "--annotations", str(archive)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings
    return err


@pytest.mark.parametrize(
    "member", ["../../evil.txt", "/etc/evil.txt", "sources/../../evil.txt", "..\\evil.txt",
               "C:/evil.txt"],
)  # fmt: skip
def test_zip_slip_is_refused(annotated, good_qdpx, tmp_path, capsys, member):
    evil = rebuild(good_qdpx, tmp_path / "slip.qdpx", extra=[(member, b"pwned")])
    with pytest.raises(UnsafeArchive, match="outside its folder"):
        read_annotation_file(evil)
    assert "outside its folder" in refused_by_cli(annotated, evil, capsys)
    assert not (tmp_path.parent / "evil.txt").exists()


XXE = b'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = b'<?xml version="1.0"?>\n<!DOCTYPE P [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>\n'


@pytest.mark.parametrize("prolog", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_xml_entities_are_refused(annotated, good_qdpx, tmp_path, capsys, prolog):
    def poison(data: bytes) -> bytes:
        body = data.split(b"\n", 1)[1]
        return prolog + body.replace(b'name="ana"', b'name="&xxe;"', 1)

    evil = rebuild(good_qdpx, tmp_path / "xxe.qdpx", qde=poison)
    with pytest.raises(UnsafeArchive, match="DTD or XML entities"):
        read_annotation_file(evil)
    assert "DTD or XML entities" in refused_by_cli(annotated, evil, capsys)


def test_source_paths_must_stay_inside_the_archive(good_qdpx, tmp_path):
    def outside(data: bytes) -> bytes:
        return data.replace(b'plainTextPath="internal://', b'plainTextPath="internal://../', 1)

    with pytest.raises(UnsafeArchive, match="leaves sources"):
        read_annotation_file(rebuild(good_qdpx, tmp_path / "a.qdpx", qde=outside))

    def external(data: bytes) -> bytes:
        head, _, rest = data.partition(b'plainTextPath="internal://')
        return head + b'plainTextPath="file:///etc/passwd" richTextPath="' + rest

    with pytest.raises(ImportRejected, match="only internal sources"):
        read_annotation_file(rebuild(good_qdpx, tmp_path / "b.qdpx", qde=external))


def test_size_limits(good_qdpx, tmp_path, monkeypatch):
    bomb = rebuild(good_qdpx, tmp_path / "bomb.qdpx")
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sources/zeros.txt", b"\0" * (4 * 1024**2))
    with pytest.raises(UnsafeArchive, match="zip bomb"):
        read_annotation_file(bomb)
    monkeypatch.setattr(qdpx_reader, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(UnsafeArchive, match="larger than 100 bytes"):
        read_annotation_file(good_qdpx)


def test_broken_archives_and_positions(good_qdpx, tmp_path):
    (tmp_path / "junk.qdpx").write_bytes(b"not a zip at all")
    with pytest.raises(ImportRejected, match="not a readable .qdpx"):
        read_annotation_file(tmp_path / "junk.qdpx")

    def past_end(data: bytes) -> bytes:
        return data.replace(b'endPosition="', b'endPosition="99999', 1)

    with pytest.raises(ImportRejected, match="runs past the end"):
        read_annotation_file(rebuild(good_qdpx, tmp_path / "c.qdpx", qde=past_end))
    (tmp_path / "x.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ImportRejected, match=".jsonl or a .qdpx"):
        read_annotation_file(tmp_path / "x.txt")


def test_bad_jsonl_names_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "Hi there.", "spans": []}\n'
        '{"text": "Hi there.", "spans": [{"start": 3, "end": 99, "label": "quote"}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected, match=r"bad.jsonl, line 2: field spans\[0\]: .*past the"):
        read_annotation_file(bad)
    bad.write_text('{"text": "Hi", "meta": {"text_sha256": "00"}}\n', encoding="utf-8")
    with pytest.raises(ImportRejected, match="line 1: .*text_sha256"):
        read_annotation_file(bad)
