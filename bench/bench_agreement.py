"""Time the agreement package on synthetic data of project size (fixed seed).

Run with ``.venv/bin/python bench/bench_agreement.py``. Each coefficient is timed (CPU
and wall, median of five) beside a same-run peer: a bare numpy nominal alpha for the alphas
(checked to give the same value), sorting the same units for alpha_U and span F1. Writes
``bench/results/agreement.json``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import Bench, measure  # noqa: E402

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


def numpy_nominal_alpha(rows: list[list[int | None]]) -> float:
    """The peer: nominal alpha from a coincidence matrix in numpy (no checks, no reasons)."""
    data = numpy.array([[-1 if v is None else v for v in row] for row in rows]).T
    categories = int(data.max()) + 1
    counts = numpy.zeros((len(data), categories))
    for column in range(data.shape[1]):
        present = data[:, column] >= 0
        counts[numpy.nonzero(present)[0], data[present, column]] += 1
    pairable = counts.sum(axis=1)
    counts, pairable = counts[pairable >= 2], pairable[pairable >= 2]
    weights = 1 / (pairable - 1)  # each pairable unit counts its pairs once
    o = numpy.einsum("u,ui,uj->ij", weights, counts, counts) - numpy.diag(
        (weights[:, None] * counts).sum(axis=0)
    )
    n_c = o.sum(axis=1)
    n = n_c.sum()
    observed = n - numpy.trace(o)
    expected = (n * n - (n_c * n_c).sum()) / (n - 1)
    return 1 - observed / expected


def main() -> None:
    rng = random.Random(SEED)
    rows = coded_units(rng)
    docs = articles(rng)
    bench = Bench("agreement")

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

    every_unit = [unit for _, units, _ in docs for unit in units]
    assert abs(numpy_nominal_alpha(rows) - krippendorff_alpha(rows)) < 1e-9
    numpy_peer = measure(lambda: numpy_nominal_alpha(rows))
    sort_peer = measure(lambda: sorted(every_unit))
    coded = f"3 coders x {UNITS:,} units"
    for label, action, peer, peer_name in (
        (f"alpha nominal, {coded}", lambda: krippendorff_alpha(rows), numpy_peer,
         "nominal alpha in numpy (coincidence matrix)"),
        (f"alpha ordinal, {coded}", lambda: krippendorff_alpha(rows, "ordinal"), numpy_peer,
         "nominal alpha in numpy (coincidence matrix)"),
        (f"alpha interval, {coded}", lambda: krippendorff_alpha(rows, "interval"), numpy_peer,
         "nominal alpha in numpy (coincidence matrix)"),
        (f"alpha_U per article (mean), {ARTICLES:,} x 3 x {QUOTES}", per_article_alpha_u,
         sort_peer, "sorting the same units"),
        (f"alpha_U pooled, {ARTICLES:,} x 3 x {QUOTES}", pooled_alpha_u, sort_peer,
         "sorting the same units"),
        (f"span F1 pairwise (mean), {ARTICLES:,} x 3 pairs", pairwise_f1, sort_peer,
         "sorting the same units"),
    ):  # fmt: skip
        bench.row(label, measure(action), peer=peer, peer_name=peer_name, value=action())
    bench.finish()


if __name__ == "__main__":
    main()
