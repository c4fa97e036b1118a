"""Hypothesis fuzzing of the annotation-set readers (JSONL and ``.qdpx``), issue 12.

Whatever the bytes or the structure, a reader returns an annotation set whose every
article, quote and name is within the limits, or raises a one-line ImportRejected;
and importing an accepted set into a project either succeeds or refuses with a known
error, leaving a refused project byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import integrity, make_project

from framing_annotator.domain.errors import ImportRejected, KnownError
from framing_annotator.domain.limits import NAME_MAX, TITLE_MAX, bad_character
from framing_annotator.io.annotation_import import read_annotation_file
from framing_annotator.services.exchange import import_annotation_set
from framing_annotator.services.project import Project

FUZZ_EXAMPLES = int(os.environ.get("FA_FUZZ_EXAMPLES", "150"))
_dir = Path(tempfile.mkdtemp(prefix="fa-fuzz-exchange-"))
_project = _dir / "project.sqlite"
make_project(_project, articles=1)
_FUZZED: list[int] = []

TEXT = "“We will not give up,” said Ana Ruiz. Officials disagreed. 🙂 مرحبا"

# Values a careless or hostile file puts where a field should be.
JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["\ud800", "a\x00b", "\u202eevil", "x" * 300,
                                           "'); DROP TABLE quotes;--", "2026-01-01T00:00:00Z"]),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3),
                                                               st.integers(), max_size=2),
)  # fmt: skip
SPAN_KEYS = ["start", "end", "text", "label", "kind", "speaker", "speaker_type", "frames",
             "note", "id", "origin", "created_at", "mention", "confidence"]  # fmt: skip


def _mostly(draw, good, junk=JUNK):
    """A valid value 11 times in 12, else junk: most files get deep enough to be imported."""
    return draw(junk) if draw(st.integers(0, 11)) == 5 else draw(good)  # hypothesis favours 0


@st.composite
def spans(draw) -> dict:
    start = draw(st.integers(-2, len(TEXT)))
    end = _mostly(draw, st.integers(start + 1, len(TEXT) + 1), st.integers(-2, len(TEXT) + 2))
    span = {"start": start, "end": end}
    span["frames"] = _mostly(draw, st.lists(st.sampled_from(
        ["threat", "Public Safety", "public_safety", "\u202eRTL", "x'; --", "New frame"]),
        max_size=3))  # fmt: skip
    span["speaker"] = _mostly(draw, st.sampled_from([None, "Ana Ruiz", "ana ruiz", "Tony"]))
    span["note"] = _mostly(draw, st.one_of(st.none(), st.text(max_size=20)))
    for key in draw(st.lists(st.sampled_from(SPAN_KEYS), max_size=2)):
        if draw(st.integers(0, 7)) == 3:
            span[key] = draw(JUNK)  # one junk field now and then
    return span


@st.composite
def jsonl_files(draw) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=400))
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        row = {"text": _mostly(draw, st.just(TEXT)), "annotator": _mostly(draw, st.just("ana")),
               "spans": _mostly(draw, st.lists(spans(), max_size=3))}  # fmt: skip
        if draw(st.booleans()):
            row["meta"] = _mostly(draw, st.fixed_dictionaries(
                {"title": st.text(max_size=300), "date": st.sampled_from(["", "2026-01-02"])}))
        line = json.dumps(row, ensure_ascii=draw(st.booleans()), allow_nan=True)
        lines.append(line if draw(st.integers(0, 19)) != 7 else line[: len(line) // 2])
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def _qde(selections: str, codes: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p">'
        + (f"<CodeBook><Codes>{codes}</Codes></CodeBook>" if codes else "")
        + "<Sources>"
        + '<TextSource guid="00000000-0000-4000-8000-000000000002" name="A" '
        f'plainTextPath="internal://a.txt">{selections}</TextSource></Sources></Project>'
    )


@st.composite
def qdpx_files(draw) -> bytes:
    from xml.sax.saxutils import quoteattr

    names = st.text(max_size=20).filter(lambda s: not bad_character(s))
    codes = "".join(
        f'<Code guid="00000000-0000-4000-8000-0000000001{i:02d}" name={quoteattr(draw(names))} '
        f'isCodable="{draw(st.sampled_from(["true", "false"]))}"/>'
        for i in range(draw(st.integers(0, 3)))
    )
    selections = "".join(
        f'<PlainTextSelection guid="00000000-0000-4000-8000-0000000002{i:02d}" '
        f'startPosition="{draw(st.integers(-2, 30))}" endPosition="{draw(st.integers(20, 80))}">'
        + (f"<Description>{draw(st.sampled_from(['memo', 'x &amp; y', '']))}</Description>"
           if draw(st.booleans()) else "")
        + "".join(f'<Coding guid="00000000-0000-4000-8000-0000000003{i}{j}"><CodeRef '
                  f'targetGUID="00000000-0000-4000-8000-0000000001{j:02d}"/></Coding>'
                  for j in range(draw(st.integers(0, 2))))
        + "</PlainTextSelection>"
        for i in range(draw(st.integers(0, 3)))
    )  # fmt: skip
    document = _qde(selections, codes)
    if draw(st.integers(0, 5)) == 0:  # break the XML somewhere
        cut = draw(st.integers(0, len(document)))
        document = document[:cut] + draw(st.sampled_from(["<", "&", "\x00", "]]>", ""]))
    text = _mostly(draw, st.just(TEXT.encode()), st.one_of(st.binary(max_size=60),
                   st.text(max_size=60).map(lambda s: s.encode("utf-8", "surrogatepass"))))
    folder = _mostly(draw, st.sampled_from(["sources", "Sources"]), st.just("other"))
    path = _dir / "build.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", document.encode("utf-8", "surrogatepass"))
        archive.writestr(f"{folder}/a.txt", text)
    return path.read_bytes()


def _check(data: bytes, suffix: str) -> None:
    path = _dir / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        annotations = read_annotation_file(path)
    except ImportRejected as exc:
        assert "\n" not in exc.message and exc.message.strip() == exc.message
        return
    for document in annotations.documents:
        article = document.article
        assert not bad_character(article.text) and len(article.title) <= TITLE_MAX
        assert 0 < len(document.annotator) <= NAME_MAX
        for quote in document.quotes:
            assert 0 <= quote.start < quote.end <= len(article.text)
            assert not bad_character(quote.note)
            assert quote.speaker is None or len(quote.speaker) <= NAME_MAX
    before = hashlib.sha256(_project.read_bytes()).hexdigest()
    project = Project.open(_project)
    try:
        import_annotation_set(project.repo, annotations)
    except KnownError as exc:
        assert "\n" not in exc.message
        project.close()
        assert hashlib.sha256(_project.read_bytes()).hexdigest() == before
    else:
        project.close()
    assert integrity(_project) == "ok"


@pytest.fixture(scope="module", autouse=True)
def _count(counts) -> Iterator[None]:
    yield
    counts.add("fuzz.exchange_examples", len(_FUZZED))


@settings(max_examples=FUZZ_EXAMPLES * 2, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(jsonl_files())
def test_fuzzed_jsonl_annotation_sets_are_imported_or_refused(data: bytes) -> None:
    _check(data, ".jsonl")
    _FUZZED.append(1)


@settings(max_examples=FUZZ_EXAMPLES * 2, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(qdpx_files())
def test_fuzzed_qdpx_archives_are_imported_or_refused(data: bytes) -> None:
    _check(data, ".qdpx")
    _FUZZED.append(1)
