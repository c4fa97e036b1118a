"""Quote fills keep the text readable (WCAG contrast >= 4.5:1) in light and dark palettes."""

import json

import pytest
from PySide6.QtGui import QColor

from framing_annotator.bundled import resource_path
from framing_annotator.ui.style import NO_FRAME, blend, contrast_ratio, fill_colour

PALETTES = {"light": ("#ffffff", "#000000"), "dark": ("#1e1e1e", "#f0f0f0")}


def codebook_colours():
    colours = {NO_FRAME}
    for path in resource_path("codebooks").glob("*.json"):
        colours |= {frame["colour"] for frame in json.loads(path.read_text())["frames"]}
    return sorted(colours)


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("colour", codebook_colours())
def test_fills_keep_contrast(palette, colour):
    base, text = PALETTES[palette]
    fill = fill_colour(colour, dark=palette == "dark")
    single = blend(fill, QColor(base))
    assert contrast_ratio(single, QColor(text)) >= 4.5
    overlap = blend(fill, single)  # two overlapping quotes of this colour
    assert contrast_ratio(overlap, QColor(text)) >= 4.5


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
