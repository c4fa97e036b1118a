"""The application icon: an SVG and its PNGs, rendered by packaging/render_icons.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon, QImage

from framing_annotator.bundled import resource_path

SIZES = (16, 32, 48, 64, 128, 256, 512)
SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "render_icons.py"


def test_svg_icon_loads(qapp):
    icon = QIcon(str(resource_path("icons", "framing-annotator.svg")))
    assert not icon.isNull()
    assert not icon.pixmap(48, 48).isNull()


@pytest.mark.parametrize("size", SIZES)
def test_png_has_its_size_and_a_transparent_corner(qapp, size):
    image = QImage(str(resource_path("icons", f"framing-annotator-{size}.png")))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # the bubble


def largest_channel_difference(a: QImage, b: QImage) -> int:
    b = b.convertToFormat(a.format())
    assert (a.width(), a.height()) == (b.width(), b.height())
    return max(
        abs(x - y)
        for row in range(a.height())
        for pa, pb in ((a.pixelColor(col, row), b.pixelColor(col, row)) for col in range(a.width()))
        for x, y in zip(pa.getRgb(), pb.getRgb(), strict=True)
    )


def test_pngs_match_the_svg(qapp, tmp_path):
    """Rendering again gives the committed PNGs (rerun the script after editing the SVG).

    Within two levels of a channel: the rasteriser rounds an edge pixel differently on
    another CPU (one pixel of the 48-pixel icon differs by one level on this machine's)."""
    spec = importlib.util.spec_from_file_location("render_icons", SCRIPT)
    render_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render_icons)
    render_icons.main([str(tmp_path)])
    for size in SIZES:
        committed = QImage(str(resource_path("icons", f"framing-annotator-{size}.png")))
        fresh = QImage(str(tmp_path / f"framing-annotator-{size}.png"))
        assert largest_channel_difference(committed, fresh) <= 2, size
