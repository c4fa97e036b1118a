"""Time the agreement package on synthetic data of project size (fixed seed).

Run with ``.venv/bin/python bench/bench_agreement.py``. The target from issue 5 is all
coefficients for 1,000 articles x 3 annotators x 20 quotes in under 2 s.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing_annotator.agreement import (  # noqa: E402
    concatenate_continua,
    krippendorff_alpha,
    span_f1,
    unitized_alpha,
)

SEED = 20240605
CODERS = ("ana", "ben", "cy")
ARTICLES = 1_000
QUOTES = 20
ARTICLE_LENGTH = 6_000
UNITS = 20_000


def coded_units(rng: random.Random) -> list[list[int | None]]:
    """3 coders x 20,000 units, 4 categories, 80 % agreement, 5 % missing."""
    rows: list[list[int | None]] = [[] for _ in CODERS]
    for _ in range(UNITS):
        truth = rng.randrange(4)
        for row in rows:
            if rng.random() < 0.05:
                row.append(None)
            else:
                row.append(truth if rng.random() < 0.8 else rng.randrange(4))
    return rows


Article = tuple[int, list[tuple[str, int, int, str]], dict[str, list[tuple[int, int]]]]


def articles(rng: random.Random) -> list[Article]:
    """Each article: 20 quote slots; each coder marks most of them with jittered boundaries."""
    result: list[Article] = []
    slot = ARTICLE_LENGTH // QUOTES
    for _ in range(ARTICLES):
        units: list[tuple[str, int, int, str]] = []
        spans: dict[str, list[tuple[int, int]]] = {coder: [] for coder in CODERS}
        for q in range(QUOTES):
            start = q * slot + rng.randrange(60)
            end = start + rng.randrange(40, 200)
            for coder in CODERS:
                if rng.random() < 0.1:  # missed quote
                    continue
                s = max(q * slot, start + rng.randrange(-5, 6))
                e = min((q + 1) * slot, end + rng.randrange(-5, 6))
                units.append((coder, s, e - s, "quote"))
                spans[coder].append((s, e))
        result.append((ARTICLE_LENGTH, units, spans))
    return result


def timed(label: str, function: Callable[[], Any]) -> tuple[str, float, Any]:
    start = time.perf_counter()
    value = function()
    return label, time.perf_counter() - start, value


def main() -> None:
    rng = random.Random(SEED)
    rows = coded_units(rng)
    docs = articles(rng)

    def per_article_alpha_u() -> float | None:
        values = [unitized_alpha(length, units, coders=CODERS)[0] for length, units, _ in docs]
        return sum(v for v in values if v is not None) / len(values)

    def pooled_alpha_u() -> float | None:
        length, units = concatenate_continua((length, units) for length, units, _ in docs)
        return unitized_alpha(length, units, coders=CODERS)[0]

    def pairwise_f1() -> float | None:
        scores = [
            span_f1(spans[a], spans[b]).f1
            for _, _, spans in docs
            for i, a in enumerate(CODERS)
            for b in CODERS[i + 1 :]
        ]
        return sum(s for s in scores if s is not None) / len(scores)

    coded = f"3 coders x {UNITS:,} units"
    runs = [
        timed(f"alpha nominal, {coded}", lambda: krippendorff_alpha(rows)),
        timed(f"alpha ordinal, {coded}", lambda: krippendorff_alpha(rows, "ordinal")),
        timed(f"alpha interval, {coded}", lambda: krippendorff_alpha(rows, "interval")),
        timed(f"alpha_U per article (mean), {ARTICLES:,} x 3 x {QUOTES}", per_article_alpha_u),
        timed(f"alpha_U pooled, {ARTICLES:,} x 3 x {QUOTES}", pooled_alpha_u),
        timed(f"span F1 pairwise (mean), {ARTICLES:,} x 3 pairs", pairwise_f1),
    ]
    width = max(len(label) for label, _, _ in runs)
    print(f"{'computation':<{width}}  {'seconds':>8}  value")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}")
    for label, seconds, value in runs:
        shown = "None" if value is None else f"{value:.4f}"
        print(f"{label:<{width}}  {seconds:8.3f}  {shown}")
    total = sum(seconds for _, seconds, _ in runs)
    print(f"{'total':<{width}}  {total:8.3f}")


if __name__ == "__main__":
    main()
