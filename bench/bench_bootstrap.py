"""Time the bootstrapped intervals on data of project size (fixed seed).

Run with ``.venv/bin/python bench/bench_bootstrap.py``. 1,000 resamples should cost about
as much as computing the coefficient once: the peer of each row is that single exact
coefficient on the same data, in the same process; for a whole project, the report
without intervals.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import tempfile  # noqa: E402

from bench_project_agreement import build  # noqa: E402
from benchlib import Bench, measure  # noqa: E402

from framing_annotator.agreement import (  # noqa: E402
    bootstrap_alpha,
    bootstrap_unitized_alpha,
    concatenate_continua,
    krippendorff_alpha,
    unitized_alpha,
)
from framing_annotator.services.agreement import agreement_report, reliability  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

SEED = 20070101
CODERS = ("ana", "ben", "cy")
UNITS = 20_000
ARTICLES = 1_000
QUOTES = 20
LENGTH = 6_000


def nominal_data(rng: random.Random) -> list[list[int | None]]:
    """3 coders x 20,000 units, 4 categories, 80% agreement, 5% missing."""
    rows: list[list[int | None]] = [[] for _ in CODERS]
    for _ in range(UNITS):
        truth = rng.randrange(4)
        for row in rows:
            value = truth if rng.random() < 0.8 else rng.randrange(4)
            row.append(None if rng.random() < 0.05 else value)
    return rows


def articles(rng: random.Random) -> list[tuple[int, list]]:
    """1,000 articles x 3 coders x about 20 quotes with jittered boundaries."""
    documents = []
    for _ in range(ARTICLES):
        units = []
        for position in range(QUOTES):
            start = position * 290 + rng.randrange(20)
            for coder in CODERS:
                if rng.random() < 0.9:
                    begin = start + rng.randrange(-3, 4)
                    units.append((coder, max(0, begin), 150 + rng.randrange(-3, 4), "quote"))
        documents.append((LENGTH, units))
    return documents


def main() -> None:
    rng = random.Random(SEED)
    bench = Bench("bootstrap")
    data = nominal_data(rng)
    bench.row(
        "alpha nominal, 20,000 units x 3 coders, 1,000 resamples",
        measure(lambda: bootstrap_alpha(data, "nominal", draws=1000, seed=1)),
        peer=measure(lambda: krippendorff_alpha(data, "nominal")),
        peer_name="the exact alpha once",
    )
    interval = [[None if v is None else v * 1.5 for v in row] for row in data]
    bench.row(
        "alpha interval, 20,000 units x 3 coders, 1,000 resamples",
        measure(lambda: bootstrap_alpha(interval, "interval", draws=1000, seed=1)),
        peer=measure(lambda: krippendorff_alpha(interval, "interval")),
        peer_name="the exact alpha once",
    )
    documents = articles(rng)
    length, pooled = concatenate_continua(documents)
    bench.row(
        "alpha_U, 1,000 articles x 3 coders x 20 quotes, 1,000 resamples",
        measure(lambda: bootstrap_unitized_alpha(documents, CODERS, draws=1000, seed=1)),
        peer=measure(lambda: unitized_alpha(length, pooled, coders=CODERS)),
        peer_name="the exact pooled alpha_U once",
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agreement.sqlite"
        build(path, 1000, 20)
        project = Project.open(path)
        bench.row(
            "project report with intervals, 1,000 articles x 3 coders x 20 quotes",
            measure(lambda: reliability(project.repo, draws=1000, seed=1)),
            peer=measure(lambda: agreement_report(project.repo)),
            peer_name="the same report without intervals",
        )
        project.close()
    bench.finish()


if __name__ == "__main__":
    main()
