"""Fixtures for the nlp tests: one blank pipeline with our components, shared per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing_annotator.nlp.suggest import Suggester, load_suggester

DATA = Path(__file__).resolve().parents[2] / "data" / "quotes"


@pytest.fixture(scope="session")
def suggester() -> Suggester:
    return load_suggester("blank")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
