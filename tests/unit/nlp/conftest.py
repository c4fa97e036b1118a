"""Fixtures for the nlp tests: one blank pipeline with our components, shared per session."""

from __future__ import annotations

import os
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


@pytest.fixture(autouse=True)
def _skip_slow(request: pytest.FixtureRequest) -> None:
    """Skip tests marked ``slow`` unless the environment sets ``FA_SLOW=1``."""
    if request.node.get_closest_marker("slow") and os.environ.get("FA_SLOW") != "1":
        pytest.skip("slow: set FA_SLOW=1 to run it")
