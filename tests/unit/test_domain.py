import dataclasses

import pytest

from framing_annotator.domain.codebook import Codebook, FrameType, codebook_from_dict
from framing_annotator.domain.errors import InvalidValue, SpanError
from framing_annotator.domain.model import Annotator, Article, Speaker
from framing_annotator.domain.spans import Span, check_span, move_edge, same_unit, snap_to_words
from framing_annotator.domain.text import normalise_text, text_digest


def test_normalise_only_drops_bom_and_unifies_line_ends():
    raw = "\ufeff“Quote,” she said.\r\nNext\rline\u00a0nbsp 🙂\ufeff"
    assert normalise_text(raw) == "“Quote,” she said.\nNext\nline\u00a0nbsp 🙂\ufeff"


def test_digest_is_sha256_of_utf8():
    assert text_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_article_computes_and_checks_its_digest():
    article = Article(text="Some text")
    assert article.text_sha256 == text_digest("Some text")
    with pytest.raises(InvalidValue):
        Article(text="Some text", text_sha256="0" * 64)


def test_domain_objects_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Article(text="x").title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 3), (5, 2)])
def test_span_rejects_empty_or_negative(start, end):
    with pytest.raises(SpanError):
        Span(start, end)


def test_check_span_counts_code_points_not_utf16():
    text = "🙂 “Hi,” he said."
    span = check_span(text, 2, 7, "“Hi,”")
    assert span.text_of(text) == "“Hi,”"
    with pytest.raises(SpanError):
        check_span(text, 2, 8, "“Hi,”")
    with pytest.raises(SpanError):
        check_span(text, 2, 99)


def test_same_unit_needs_half_of_each():
    assert same_unit(Span(0, 10), Span(2, 10))
    assert not same_unit(Span(0, 10), Span(0, 30))  # covers under half of the long one
    assert not same_unit(Span(0, 10), Span(10, 20))


def test_gold_is_a_reserved_annotator_name():
    assert Annotator("gold").is_gold
    assert not Annotator("ana").is_gold
    with pytest.raises(InvalidValue):
        Annotator("  ")


def test_speaker_answers_to_aliases_case_insensitively():
    pham = Speaker("Tony Pham", aliases=("Pham", "interim ICE chief Tony Pham"))
    assert pham.answers_to("pham")
    assert not pham.answers_to("Wolf")


def test_codebook_orders_frames_and_rejects_duplicates():
    book = Codebook(
        "b",
        (FrameType("b", "B", order=2), FrameType("a", "A", order=1)),
    )
    assert book.keys == ("a", "b")
    with pytest.raises(InvalidValue):
        Codebook("b", (FrameType("a", "A"), FrameType("a", "A again")))


@pytest.mark.parametrize(
    "fields",
    [
        {"key": "Has Space", "label": "x"},
        {"key": "ok", "label": " "},
        {"key": "ok", "label": "x", "colour": "red"},
    ],
)
def test_frame_type_validates(fields):
    with pytest.raises(InvalidValue):
        FrameType(**fields)


def test_codebook_from_dict_gives_number_shortcuts():
    book = codebook_from_dict(
        {"name": "n", "frames": [{"key": "x", "label": "X"}, {"key": "y", "label": "Y"}]}
    )
    assert [f.shortcut for f in book.frames] == ["1", "2"]
    with pytest.raises(InvalidValue):
        codebook_from_dict({"frames": []})


SNAP_TEXT = "Officials said “the plan is dead,” she added. Wolf warned of a threat."


@pytest.mark.parametrize(
    "rough,expected",
    [
        ("the plan is dead", "“the plan is dead,”"),  # marks and inner comma come along
        ("he plan is de", "“the plan is dead,”"),  # half words grow to whole words
        (" Wolf warned ", "Wolf warned"),  # outer space is trimmed
        ("fficials sai", "Officials said"),
        ("warned of a threat", "warned of a threat"),  # no marks: nothing added
    ],
)
def test_snap_to_words(rough, expected):
    start = SNAP_TEXT.index(rough)
    span = snap_to_words(SNAP_TEXT, start, start + len(rough))
    assert span.text_of(SNAP_TEXT) == expected


def test_snap_of_white_space_is_nothing():
    assert snap_to_words(SNAP_TEXT, 14, 15) is None


def test_move_edges_by_words():
    text = "Pham said “crime is up, and rising,” today."
    span = Span(text.index("crime"), text.index("is up") + len("is"))
    moved = move_edge(text, span, edge="end", direction=1)
    assert moved.text_of(text) == "crime is up,"
    moved = move_edge(text, moved, edge="end", direction=1)
    assert moved.text_of(text) == "crime is up, and"
    moved = move_edge(text, moved, edge="end", direction=-1)
    assert moved.text_of(text) == "crime is up,"
    moved = move_edge(text, moved, edge="start", direction=-1)
    assert moved.text_of(text) == "“crime is up,"
    moved = move_edge(text, moved, edge="start", direction=1)
    assert moved.text_of(text) == "is up,"
    # Never empty, never outside the text.
    one = Span(0, 4)
    assert move_edge(text, one, edge="end", direction=-1) == one
    assert move_edge(text, one, edge="start", direction=-1) == one
    last = Span(len(text) - 6, len(text))
    assert move_edge(text, last, edge="end", direction=1) == last
