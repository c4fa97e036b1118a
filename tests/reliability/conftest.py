"""Shared set-up of the reliability suite: the slow-test switch and the counters.

Every test that proves a claim with a number (kills survived, inputs tried, concurrent
writes, fuzz examples) adds it to ``counts``. At the end of the session the counts are
merged into ``tests/reliability/.results/counts.json``, which
``scripts/reliability_table.py`` turns into the README's table.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

HERE = Path(__file__).parent
RESULTS = HERE / ".results" / "counts.json"
SLOW = os.environ.get("FA_SLOW") == "1"

_session_counts: Counter[str] = Counter()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long tests are opt-in (``FA_SLOW=1``) so that CI stays well under two minutes."""
    if SLOW:
        return
    skip = pytest.mark.skip(reason="slow; run with FA_SLOW=1")
    for item in items:
        if "slow" in item.keywords and item.path.is_relative_to(HERE):
            item.add_marker(skip)


class Counts:
    """Named counters that end up in the reliability table."""

    def add(self, name: str, n: int = 1) -> None:
        _session_counts[name] += n


@pytest.fixture(scope="session")
def counts() -> Counts:
    return Counts()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Merge this run's counts into the results file (a partial run updates its own keys)."""
    if not _session_counts:
        return
    try:
        previous = json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    counters = previous.get("counts", {})
    counters.update(_session_counts)
    RESULTS.parent.mkdir(exist_ok=True)
    payload = {
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        "exitstatus": int(exitstatus),
        "counts": dict(sorted(counters.items())),
    }
    tmp = RESULTS.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, RESULTS)
