"""Benchmark: import 10,000 articles of about 800 words, then open the project and list them.

    .venv/bin/python bench/bench_import.py [--articles N] [--words N]

Articles are generated with a fixed seed (news-like sentences with quotes), written
as .txt files and as one JSONL file, and imported through the same service the CLI
uses. Prints a table; nothing here is part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from framing_annotator.services.project import Project

WORDS = (
    "the council officials said police city state federal policy plan vote budget school "
    "health border crime safety agency report public community program workers union court "
    "judge mayor governor senator campaign election immigration law enforcement arrests "
    "residents families children economy jobs housing hospital data percent week year "
    "Monday Friday announced warned argued insisted according local national record"
).split()
SPEAKERS = ["Ana Ruiz", "Tony Pham", "Chad Wolf", "Maria Lopez", "the mayor", "officials"]


def article_text(rng: random.Random, words: int) -> str:
    paragraphs, count = [], 0
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
    paragraphs.append(title)
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24)))
            if rng.random() < 0.3:
                sentences.append(f"“{body.capitalize()},” {rng.choice(SPEAKERS)} said.")
            else:
                sentences.append(body.capitalize() + ".")
            count += len(body.split()) + 2
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=800)
    args = parser.parse_args()

    rng = random.Random(20261128)
    texts = [article_text(rng, args.words) for _ in range(args.articles)]
    mean_words = sum(len(t.split()) for t in texts) / len(texts)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for n, text in enumerate(texts):
            path = folder / f"article-{n:05d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        jsonl = folder / "corpus.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for text in texts:
                out.write(json.dumps({"text": text, "outlet": "Bench Daily"}) + "\n")

        for label, sources, name in (
            (f"import {len(files):,} .txt files", files, "txt.sqlite"),
            (f"import 1 JSONL of {len(texts):,} articles", [jsonl], "jsonl.sqlite"),
        ):
            project = Project.open(folder / name, create=True)
            seconds, report = timed(lambda p=project, s=sources: p.import_files(s))
            project.close()
            assert len(report.added) == len(texts), report.rejected[:3]
            rows.append((label, seconds, f"{len(texts) / seconds:,.0f} articles/s"))

        db = folder / "txt.sqlite"
        seconds, project = timed(lambda: Project.open(db))
        rows.append(("open the project", seconds, ""))
        seconds, summaries = timed(project.articles)
        rows.append((f"list {len(summaries):,} articles", seconds, ""))
        seconds, hits = timed(lambda: project.search("immigration enforcement"))
        rows.append(("full-text search, 2 words", seconds, f"{len(hits)} hits (limit 200)"))
        project.close()
        cli = [sys.executable, "-m", "framing_annotator", "articles", str(db)]
        seconds, _ = timed(lambda: subprocess.run(cli, check=True, capture_output=True))
        rows.append(("CLI `articles` (process start to exit)", seconds, ""))
        size = db.stat().st_size / 2**20

    print(
        f"Import benchmark: {args.articles:,} articles, {mean_words:.0f} words each on average; "
        f"project file {size:.0f} MiB"
    )
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    print(f"Machine: {machine}, Python {platform.python_version()}")
    print()
    print(f"| {'step':<42} | {'seconds':>8} | {'rate':<22} |")
    print(f"|{'-' * 44}|{'-' * 10}|{'-' * 24}|")
    for label, seconds, rate in rows:
        print(f"| {label:<42} | {seconds:>8.2f} | {rate:<22} |")


if __name__ == "__main__":
    main()
