"""The PyInstaller one-folder app builds and runs offscreen (slow: FA_SLOW=1)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_pyinstaller_app_builds_and_opens_the_sample(tmp_path):
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is missing: pip install -c constraints.txt -e '.[packaging]'")
    env = os.environ | {"FA_DIST_DIR": str(tmp_path / "dist"), "FA_BUILD_DIR": str(tmp_path)}
    result = subprocess.run(
        [str(ROOT / "packaging" / "build_app.sh")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    assert '"frozen": true, "articles": 1, "icon": true' in result.stdout
    assert "build_app: ok:" in result.stderr
    assert (tmp_path / "dist" / "framing-annotator" / "framing-annotator").is_file()
