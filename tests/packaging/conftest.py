"""Packaging tests: slow ones (the PyInstaller build) run only when FA_SLOW=1."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def skip_slow_unless_asked(request: pytest.FixtureRequest) -> None:
    """Skip tests marked ``slow`` unless the environment sets ``FA_SLOW=1``."""
    if request.node.get_closest_marker("slow") and os.environ.get("FA_SLOW") != "1":
        pytest.skip("slow: set FA_SLOW=1 to run it")
