"""Fixtures of the exchange tests: a real annotated project file in tmp_path."""

from __future__ import annotations

import pytest

from .exchange_support import build_project


@pytest.fixture
def annotated(tmp_path):
    project = build_project(tmp_path / "annotated.sqlite")
    yield project
    project.close()
