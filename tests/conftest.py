"""Shared test set-up: offscreen Qt, isolated user settings, real project files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Before anything imports Qt: no display is needed, and none is used even if present.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Settings and data of the app go to a fresh folder for every test, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    # QSettings decides its folder once per process: point it at this test's home.
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / ".config"))
    return home


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A copy of the sample article, as a user would have it on disk."""
    target = tmp_path / "ice-operation-rise.txt"
    shutil.copy(DATA / "seed" / "ice-operation-rise.txt", target)
    return target


@pytest.fixture
def project(tmp_path):
    from framing_annotator.services.project import Project

    project = Project.open(tmp_path / "project.sqlite", create=True)
    yield project
    project.close()
