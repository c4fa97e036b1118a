"""Every published example in tests/data/agreement_oracles.json, within its tolerance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from framing_annotator.agreement import (
    cohen_kappa_result,
    fleiss_kappa_result,
    krippendorff_alpha_result,
    unitized_alpha_result,
)

ORACLES = Path(__file__).resolve().parents[2] / "data" / "agreement_oracles.json"
CASES: list[dict[str, Any]] = json.loads(ORACLES.read_text(encoding="utf-8"))


def _check(actual: float | None, expected: float | None, tolerance: float) -> None:
    if expected is None:
        assert actual is None
    else:
        assert actual is not None
        assert abs(actual - expected) <= tolerance, (actual, expected)


def test_oracle_file_is_not_empty() -> None:
    assert len(CASES) >= 13
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_oracle(case: dict[str, Any]) -> None:
    measure = case["measure"]
    data = case["data"]
    expected = case["expected"]
    tolerance = case["tolerance"]
    if measure == "krippendorff_alpha":
        result = krippendorff_alpha_result(data, case["level"])
    elif measure == "cohen_kappa":
        result = cohen_kappa_result(data["a"], data["b"])
    elif measure == "fleiss_kappa":
        result = fleiss_kappa_result(data)
    elif measure == "unitized_alpha":
        units = [(u["coder"], u["start"], u["length"], u["category"]) for u in data["units"]]
        unitized = unitized_alpha_result(data["length"], units, coders=data.get("coders"))
        result = unitized.overall
        expected_categories = case.get("per_category", {})
        assert set(unitized.per_category) == set(expected_categories)
        for category, value in expected_categories.items():
            _check(unitized.per_category[category].value, value, tolerance)
    else:  # a new kind of oracle must not pass silently
        pytest.fail(f"unknown measure {measure!r} in {case['id']}")
    _check(result.value, expected, tolerance)
    assert (result.reason is None) == (expected is not None)
