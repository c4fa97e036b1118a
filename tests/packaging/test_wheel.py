"""The wheel works on its own: built, installed in a fresh venv, started offscreen.

The venv sees the main venv's third-party packages through a ``.pth`` file (so PySide6 and
spaCy need not be installed again), but not the editable checkout: ``framing_annotator``
comes only from the wheel, and so do its resources, icons, codebooks and seeds.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import framing_annotator
    from framing_annotator import bundled
    from framing_annotator.io.codebooks import load_preset, preset_names

    package = Path(framing_annotator.__file__).resolve().parent
    venv = Path(sys.prefix).resolve()
    assert venv in package.parents, f"imported from {package}, not the venv {venv}"
    files = {
        "codebook": bundled.resource_path("codebooks", "default.json"),
        "icon": bundled.resource_path("icons", "framing-annotator.svg"),
        "icon_png": bundled.resource_path("icons", "framing-annotator-256.png"),
        "style": bundled.resource_path("style.qss"),
        "guide": bundled.resource_path("guide", "quotes.md"),
        "seed": bundled.seed_path(bundled.SAMPLE_ARTICLE),
    }
    for name, path in files.items():
        assert path.is_file(), f"{name}: {path} is missing"
        assert package in path.resolve().parents, f"{name}: {path} is outside {package}"
    presets = {name: len(load_preset(name).frames) for name in preset_names()}

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from framing_annotator.app import APPLICATION, ORGANISATION, open_main_window

    app = QApplication([])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    icon = QIcon(str(files["icon"]))
    assert not icon.isNull(), "the SVG icon does not load"
    assert not icon.pixmap(64, 64).isNull(), "the SVG icon does not render"
    window = open_main_window(None, annotator="smoke", suggestions=False)
    window.show()
    app.processEvents()
    articles = window.article_list.model.rowCount()
    assert articles == 1, f"{articles} articles in the sample project"
    window.close()
    print(json.dumps({"package": str(package), "presets": presets, "articles": articles}))
    """
)


def _site_packages(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return Path(out.stdout.strip())


def build_wheel(out: Path) -> Path:
    """``pip wheel`` of the checkout (no dependencies); the path of the wheel."""
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
               "--disable-pip-version-check", "--wheel-dir", str(out)]  # fmt: skip
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-build-isolation")  # the backend is here: no download needed
    subprocess.run([*command, str(ROOT)], check=True, cwd=out, timeout=180)
    (wheel,) = out.glob("framing_annotator-*.whl")
    return wheel


def test_wheel_holds_resources_and_seeds(tmp_path):
    wheel = build_wheel(tmp_path / "wheel")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "framing_annotator/__main__.py",
        "framing_annotator/nlp/components.py",
        "framing_annotator/resources/style.qss",
        "framing_annotator/resources/icons/framing-annotator.svg",
        "framing_annotator/resources/codebooks/default.json",
        "framing_annotator/resources/codebooks/policy-frames.json",
        "framing_annotator/resources/codebooks/semetko-valkenburg.json",
        "framing_annotator/seeds/ice-operation-rise.txt",
        "framing_annotator/seeds/ice-operation-rise.json",
    ):
        assert required in names, required
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert f"framing_annotator/resources/icons/framing-annotator-{size}.png" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]

    # A fresh venv with the wheel, and the main venv's other packages behind it.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", "--disable-pip-version-check", str(wheel)],
        check=True, timeout=120,
    )  # fmt: skip
    # Only a site directory runs .pth files, so the checkout's editable .pth stays inert here.
    main_site = Path(sysconfig.get_paths()["purelib"])
    (_site_packages(python) / "zz_main_venv.pth").write_text(f"{main_site}\n", encoding="utf-8")

    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")} | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [str(python), "-I", "-c", CHECK],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(report["package"]).is_relative_to(venv.resolve())
    assert report["presets"] == {"default": 3, "policy-frames": 15, "semetko-valkenburg": 5}
    sample = home / ".local" / "share" / "FramingAnnotator" / "Framing Annotator"
    assert (sample / "sample-project.sqlite").is_file()

    # The console script of the wheel runs the command line.
    version = subprocess.run(
        [str(venv / "bin" / "framing-annotator"), "--version"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("framing-annotator ")
