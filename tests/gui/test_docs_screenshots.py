"""The screenshots in docs/ are current: regenerated from the real app, they barely differ."""

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "screenshots.py"
SHOTS = ["main-window.png", "review-coefficients.png", "review-coders.png",
         "review-disagreements.png", "results-crosstab.png", "results-months.png"]


def differing_share(one: QImage, other: QImage) -> float:
    """The share of sampled pixels whose colour differs noticeably (any channel by > 40)."""
    if one.size() != other.size():
        return 1.0
    step, differ, total = 3, 0, 0
    for y in range(0, one.height(), step):
        for x in range(0, one.width(), step):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)
            total += 1
            if max(abs(a.red() - b.red()), abs(a.green() - b.green()),
                   abs(a.blue() - b.blue())) > 40:  # fmt: skip
                differ += 1
    return differ / total


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("shots")
    module.main(out)
    return out


@pytest.mark.parametrize("name", SHOTS)
def test_committed_screenshot_is_current(qapp, regenerated, name):
    committed = QImage(str(ROOT / "docs" / "images" / name))
    fresh = QImage(str(regenerated / name))
    assert not committed.isNull() and not fresh.isNull()
    share = differing_share(committed, fresh)
    assert share < 0.02, (
        f"docs/images/{name} is out of date ({share:.1%} of pixels differ); "
        "run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py"
    )
