from hypothesis import given
from hypothesis import strategies as st

from framing_annotator.ui.offsets import OffsetMap


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.sampled_from(["a", " ", "é", "\u0301", "🙂", "𝔘", "ש", "\n"])))
def test_round_trip_matches_utf16_encoding(text):
    offsets = OffsetMap(text)
    for offset in range(len(text) + 1):
        position = offsets.to_utf16(offset)
        assert position == utf16_length(text[:offset])
        assert offsets.to_code_point(position) == offset


def test_inside_a_surrogate_pair_maps_to_the_character():
    offsets = OffsetMap("x🙂y")
    assert offsets.to_code_point(2) == 1  # between the halves of 🙂
    assert offsets.to_utf16(2) == 3
