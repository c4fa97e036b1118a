"""Benchmark: export 10,000 articles with 100,000 quotes in every format (goal: < 30 s each).

    .venv/bin/python bench/bench_export.py [--articles N] [--quotes-per-article N] [--words N]

The project is generated with a fixed seed (articles as in ``bench_import.py``, quotes
by three annotators, one of them ``gold``) through the repository, then exported
through the same service the CLI uses. Prints a table; not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from bench_import import SPEAKERS, article_text

from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker
from framing_annotator.domain.spans import Span
from framing_annotator.services.exchange import FORMATS, export_annotations, output_paths
from framing_annotator.services.project import Project

ANNOTATORS = ("ana", "ben", "gold")
FRAMES = ("threat", "public_safety", "political_messaging")


def build(path: Path, articles: int, per_article: int, words: int) -> None:
    rng = random.Random(6)
    project = Project.open(path, create=True)
    repo = project.repo
    with repo.transaction():
        speaker_ids = [repo.save_speaker(Speaker(name)).id for name in SPEAKERS]
    stored = project.import_articles(
        Article(text=article_text(rng, words), title=f"Article {n}", outlet="Bench Daily")
        for n in range(articles)
    ).added
    for first in range(0, len(stored), 500):
        with repo.transaction():
            for article in stored[first : first + 500]:
                size = len(article.text)
                for n in range(per_article):
                    start = rng.randrange(0, size - 200)
                    end = start + rng.randint(40, 190)
                    mention = Span(end + 1, end + 9) if rng.random() < 0.7 else None
                    repo.insert_quote(
                        Quote(
                            article.id,
                            ANNOTATORS[n % len(ANNOTATORS)],
                            Span(start, end),
                            rng.choice(list(QuoteKind)),
                            rng.choice(speaker_ids),
                            mention,
                            frozenset(rng.sample(FRAMES, rng.randint(0, 2))),
                            note="checked" if rng.random() < 0.1 else "",
                        )
                    )
    project.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--words", type=int, default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "bench.sqlite"
        started = time.perf_counter()
        build(path, args.articles, args.quotes_per_article, args.words)
        print(f"built the project in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        project = Project.open(path)
        rows = []
        for fmt in FORMATS:
            out = folder / f"export.{'spacy' if fmt == 'spacy' else fmt}"
            started = time.perf_counter()
            result = export_annotations(project.repo, fmt, out)
            seconds = time.perf_counter() - started
            size = sum(os.path.getsize(p) for p in output_paths(fmt, out))
            rows.append((fmt, result.documents, result.quotes, seconds, size / 1024**2))
        project.close()
    print(f"# export benchmark: {args.articles} articles, "
          f"{args.articles * args.quotes_per_article} quotes, ~{args.words} words each; "
          f"{platform.python_version()}, {os.cpu_count()} cores")  # fmt: skip
    print("| format | documents | quotes | seconds | MiB | goal < 30 s |")
    print("|---|---:|---:|---:|---:|---|")
    for fmt, documents, quotes, seconds, mib in rows:
        verdict = "yes" if seconds < 30 else "NO"
        print(f"| {fmt} | {documents} | {quotes} | {seconds:.1f} | {mib:.1f} | {verdict} |")


if __name__ == "__main__":
    main()
