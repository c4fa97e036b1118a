"""Files shipped with the app: resources (codebooks, icons, styles) and seed articles.

In a wheel they live inside the package (``framing_annotator/resources`` and
``framing_annotator/seeds``); in a source checkout they are the top-level
``resources/`` and ``seeds/`` folders. This module is the one place that knows both.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _folder(name: str) -> Path:
    packaged = Path(str(resources.files("framing_annotator"))) / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("codebooks", "default.json")``."""
    return _folder("resources").joinpath(*parts)


def seed_path(name: str) -> Path:
    """A sample article under ``seeds/``."""
    return _folder("seeds") / name


SAMPLE_ARTICLE = "ice-operation-rise.txt"
