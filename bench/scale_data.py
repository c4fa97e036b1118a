"""Projects of any size for the benches, built quickly through the bulk path and cached.

    from scale_data import scale_project
    path = scale_project(10_000)   # /tmp/fa-bench/scale-10000-v1.sqlite, built once

Each article (about ``WORDS`` words, fixed seed) has ``UNITS`` quotes that three coders
mark, each with a little jitter in the boundaries, a shared speaker most of the time and
some frames; a coder misses a quote now and then. That is about 11 quotes per article.
Projects are built with :meth:`Repository.add_articles` and :meth:`Repository.insert_quotes`
(the bulk path of issue 14) and kept under ``FA_BENCH_CACHE`` (default ``/tmp/fa-bench``),
so a 50,000-article project is built once per machine, not once per bench.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import article_text  # noqa: E402

from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker  # noqa: E402
from framing_annotator.domain.spans import Span  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

VERSION = 1  # bump when the generated data changes, so old caches are not reused
CODERS = ("ana", "ben", "cy")
FRAMES = ("threat", "public_safety", "political_messaging")
UNITS = 4
WORDS = 800
CHUNK = 2_000  # articles per transaction while building
CACHE = Path(os.environ.get("FA_BENCH_CACHE", "/tmp/fa-bench"))


def scale_project(articles: int, *, words: int = WORDS, rebuild: bool = False) -> Path:
    """The cached project of ``articles`` articles, built if missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"scale-{articles}-w{words}-v{VERSION}.sqlite"
    if path.exists() and not rebuild:
        return path
    partial = path.with_name(f".{path.name}.building")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    build_project(partial, articles, words=words)
    os.replace(partial, path)
    print(f"built {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def build_project(path: Path, articles: int, *, words: int = WORDS, seed: int = 14) -> None:
    rng = random.Random(seed)
    project = Project.open(path, create=True)
    repo = project.repo
    try:
        with repo.transaction():
            speakers = [repo.save_speaker(Speaker(f"Speaker {n}")).id for n in range(50)]
        for first in range(0, articles, CHUNK):
            batch = [
                Article(text=article_text(rng, words), title=f"Article {n}",
                        outlet=f"Outlet {n % 7}", date=f"2024-{n % 12 + 1:02d}-01")
                for n in range(first, min(first + CHUNK, articles))
            ]  # fmt: skip
            with repo.transaction():
                stored = [article for article, _ in repo.add_articles(batch)]
                repo.insert_quotes([q for a in stored for q in _quotes(rng, a, speakers)])
        project.index_for_search()  # as the window and the CLI do after an import
    finally:
        project.close()


def _quotes(rng: random.Random, article: Article, speakers: list[int]) -> list[Quote]:
    length = len(article.text)
    step = length // (UNITS + 1)
    made = []
    for n in range(UNITS):
        start, end = n * step + 5, n * step + step // 2
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
                    mention=Span(end + 1, end + 9) if rng.random() < 0.7 else None,
                    frames=frames if rng.random() < 0.85 else frozenset({"threat"}),
                    note="checked" if rng.random() < 0.1 else "",
                    created_at="2024-06-01T00:00:00.000+00:00",
                    updated_at="2024-06-01T00:00:00.000+00:00",
                )
            )
    return made


if __name__ == "__main__":
    for size in map(int, sys.argv[1:] or ["1000"]):
        print(scale_project(size))
