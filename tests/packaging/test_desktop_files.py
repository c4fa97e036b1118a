"""The Linux desktop entry and AppStream metainfo agree with each other and the project."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from framing_annotator import __version__

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.framingannotator.FramingAnnotator"
DESKTOP = ROOT / "packaging" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / f"{APP_ID}.metainfo.xml"
IMAGES_URL = "https://raw.githubusercontent.com/framingannotator/framing-annotator/main/"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_our_command_with_our_icon():
    entry = desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] in scripts
    assert entry["Icon"] == APP_ID
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    assert (ROOT / "resources" / "icons" / "framing-annotator.svg").is_file()


def test_metainfo_is_well_formed_and_consistent():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.findtext("name") == desktop_entry()["Name"]
    assert root.findtext("summary") and root.find("description/p") is not None
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.findtext("provides/binary") == desktop_entry()["Exec"].split()[0]
    releases = [release.get("version") for release in root.iterfind("releases/release")]
    assert releases[0] == __version__
    images = [image.text for image in root.iterfind("screenshots/screenshot/image")]
    assert images
    for url in images:
        assert url.startswith(IMAGES_URL), url
        assert (ROOT / url.removeprefix(IMAGES_URL)).is_file(), url


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_appstreamcli_validates_the_metainfo():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed"
)
def test_desktop_file_validate_accepts_the_entry():
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
