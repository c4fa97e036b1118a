"""Colours of the annotation marks, readable on light and dark palettes.

Frame colours come from the codebook (the defaults are Okabe-Ito, safe for
colour-blind readers). A quote's fill is that colour, translucent, over the page,
so overlapping quotes darken where they meet and stay visible.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap

NO_FRAME = "#9e9e9e"
FILL_ALPHA_LIGHT = 0.30
FILL_ALPHA_DARK = 0.38


def fill_colour(hex_colour: str | None, *, dark: bool) -> QColor:
    colour = QColor(hex_colour or NO_FRAME)
    colour.setAlphaF(FILL_ALPHA_DARK if dark else FILL_ALPHA_LIGHT)
    return colour


def stripe_colour(hex_colour: str, *, dark: bool) -> QColor:
    colour = QColor(hex_colour)
    return colour.lighter(130) if dark else colour


def blend(top: QColor, bottom: QColor) -> QColor:
    """``top`` (with its alpha) painted over an opaque ``bottom``."""
    a = top.alphaF()
    return QColor.fromRgbF(
        top.redF() * a + bottom.redF() * (1 - a),
        top.greenF() * a + bottom.greenF() * (1 - a),
        top.blueF() * a + bottom.blueF() * (1 - a),
    )


def contrast_ratio(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio between two opaque colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def swatch(colour: str, size: int = 12) -> QIcon:
    """A small square of ``colour``, for frames in lists and check boxes."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
