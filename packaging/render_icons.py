"""Render the application icon's PNGs from its SVG, with Qt's own SVG renderer.

    .venv/bin/python packaging/render_icons.py

Writes ``resources/icons/framing-annotator-<size>.png`` for every size in ``SIZES``.
The PNGs are committed, so nothing at run time needs this script.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "framing-annotator.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent square of ``size`` pixels."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    """Render every size next to the SVG (or into the folder given as the only argument)."""
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else ICONS
    out.mkdir(parents=True, exist_ok=True)
    _app = QGuiApplication.instance() or QGuiApplication([])
    for size in SIZES:
        target = out / f"framing-annotator-{size}.png"
        if not render(SVG, size).save(str(target), "PNG"):
            raise SystemExit(f"render_icons: could not write {target}")
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
