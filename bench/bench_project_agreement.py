"""Benchmark: the agreement report for 1,000 articles x 3 coders x 20 quotes, against its peer.

    .venv/bin/python bench/bench_project_agreement.py [--articles N] [--quotes N] [--name NAME]

Builds a real project file once (quotes jittered between coders, some frames and speakers
differing; through the bulk path, cached under ``/tmp/fa-bench``), then times the whole
report from the file: reading, units, every coefficient, per-article and pairwise alpha_U,
disagreements. The peer is the bare coefficients on the same data (pooled alpha_U and the
nominal alphas for speaker, kind and each frame, from ready-made tables, through the public
functions). Goals (issue 14): at most 1.5x the peer and 0.5 s CPU. A second row times the
report's own numpy kernels for the same coefficients on its unit table, so the rest of the
report's time (mostly reading the quotes) can be seen. Writes
``bench/results/project_agreement.json``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from bench_import import article_text  # noqa: E402
from benchlib import Bench, measure  # noqa: E402
from scale_data import CACHE  # noqa: E402

from framing_annotator.agreement.coefficients import krippendorff_alpha_result  # noqa: E402
from framing_annotator.agreement.kernels import nominal_alpha, unitized_sums  # noqa: E402
from framing_annotator.agreement.project import AgreementReport  # noqa: E402
from framing_annotator.agreement.table import attribute_codes  # noqa: E402
from framing_annotator.agreement.unitizing import (  # noqa: E402
    concatenate_continua,
    unitized_alpha_result,
)
from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker  # noqa: E402
from framing_annotator.domain.spans import Span  # noqa: E402
from framing_annotator.services.agreement import agreement_report  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

CODERS = ("ana", "ben", "cy")
FRAMES = ("threat", "public_safety", "political_messaging")


def build(path: Path, articles: int, quotes: int) -> None:
    rng = random.Random(5)
    project = Project.open(path, create=True)
    stored = project.import_articles(
        Article(text=article_text(rng, 800), title=f"A{n}") for n in range(articles)
    ).added
    repo = project.repo
    made = []
    with repo.transaction():
        speakers = [repo.save_speaker(Speaker(f"Speaker {n}")).id for n in range(50)]
        for article in stored:
            step = len(article.text) // (quotes + 1)
            for n in range(quotes):
                start, end = n * step + 5, n * step + step - 5
                speaker = rng.choice(speakers)
                frames = frozenset(rng.sample(FRAMES, rng.randint(0, 2)))
                for coder in CODERS:
                    if rng.random() < 0.05:
                        continue  # this coder missed the quote
                    jitter = rng.choice((0, 0, 0, 3))
                    made.append(
                        Quote(
                            article_id=article.id,
                            annotator=coder,
                            span=Span(start + jitter, end),
                            kind=QuoteKind.DIRECT if n % 3 else QuoteKind.INDIRECT,
                            speaker_id=speaker if rng.random() < 0.9 else rng.choice(speakers),
                            frames=frames if rng.random() < 0.85 else frozenset({"threat"}),
                        )
                    )
        repo.insert_quotes(made)
    project.close()


def bare_coefficients(
    report: AgreementReport, lengths: dict[int, int], frame_keys: tuple[str, ...] = FRAMES
) -> Callable[[], None]:
    """The peer: the report's coefficients alone, from tables made beforehand."""
    coders = list(report.annotators)
    marked: dict[int, list] = {}
    for unit in report.units:
        for quote in unit.quotes.values():
            marked.setdefault(unit.article_id, []).append(
                (quote.annotator, quote.start, len(quote.span), "quote")
            )
    length, pooled = concatenate_continua(
        [(lengths[a], units) for a, units in sorted(marked.items())], validate=False
    )
    values = [lambda q: q.speaker_id, lambda q: q.kind.value] + [
        lambda q, key=key: int(key in q.frames) for key in frame_keys
    ]
    tables = [[[v(u.quotes[c]) if c in u.quotes else None for u in report.units] for c in coders]
              for v in values]  # fmt: skip

    def peer() -> None:
        unitized_alpha_result(length, pooled, coders=coders, validate=False)
        for table in tables:
            krippendorff_alpha_result(table, "nominal")

    return peer


def kernel_coefficients(
    report: AgreementReport, lengths: dict[int, int], speaker_names: dict[int, str]
) -> Callable[[], None]:
    """The same coefficients through the report's numpy kernels, on its unit table."""
    table, units = report.table, report.unit_table
    sizes = np.array([lengths[a] for a in report.per_article], np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    start, end = table.start + offsets[table.article], table.end + offsets[table.article]
    line, total = np.zeros(len(table), np.int64), np.array([sizes.sum()], np.int64)
    codes = [units.codes(code) for code, _ in attribute_codes(table, speaker_names).values()]

    def kernels() -> None:
        unitized_sums(line, table.coder, start, end, total, len(report.annotators))
        for table_codes in codes:
            nominal_alpha(table_codes)

    return kernels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=20)
    parser.add_argument("--name", default="project_agreement", help="results file name")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"agreement-{args.articles}x{args.quotes}.sqlite"
    if not path.exists():
        partial = path.with_name(f".{path.name}.building")
        partial.unlink(missing_ok=True)
        build(partial, args.articles, args.quotes)
        partial.replace(path)
    bench = Bench(args.name)
    project = Project.open(path)
    report = agreement_report(project.repo)
    lengths = {id_: details.length for id_, details in project.article_details().items()}
    speaker_names = {s.id: s.name for s in project.repo.speakers()}
    peer = measure(bare_coefficients(report, lengths))
    timing = measure(lambda: agreement_report(project.repo))
    label = f"agreement report, {args.articles:,} articles x 3 coders x {args.quotes} quotes"
    bench.row(label, timing, peer=peer, goal_s=min(0.5, 1.5 * peer.cpu_s), units=len(report.units),
              peer_name="the bare coefficients (alpha_U + 5 nominal alphas)")  # fmt: skip
    bench.row("the same coefficients from the report's unit table (its numpy kernels)",
              measure(kernel_coefficients(report, lengths, speaker_names)))  # fmt: skip
    bench.notes["coefficients"] = {c.variable: c.value for c in report.coefficients}
    project.close()
    bench.finish()


if __name__ == "__main__":
    main()
