"""Benchmark: import 10,000 articles of about 800 words, then open the project and list them.

    .venv/bin/python bench/bench_import.py [--articles N] [--words N] [--name NAME]

Articles are generated with a fixed seed (news-like sentences with quotes), written
as .txt files and as one JSONL file, and imported through the same service the CLI
uses, against a same-run peer (read, hash and ``executemany`` the same rows; goal: at most
twice that). The import queues its articles for the search index, which is built after
it: that step is timed against one FTS5 fill, and both together against the peer doing
both. Then opening, the article list and search. CPU and wall time, medians of five;
writes ``bench/results/import.json``. Nothing here is part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import Bench, fill_article_index, measure, measure_index_fill  # noqa: E402

from framing_annotator.domain.text import text_digest  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--name", default="import", help="results file name (bench/results)")
    args = parser.parse_args()

    rng = random.Random(20261128)
    texts = [article_text(rng, args.words) for _ in range(args.articles)]
    bench = Bench(args.name)
    bench.notes["articles"] = args.articles
    bench.notes["mean_words"] = round(sum(len(t.split()) for t in texts) / len(texts))
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
        db = folder / "project.sqlite"
        template = folder / "empty.sqlite"
        Project.open(template, create=True).close()

        def fresh() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, db)

        def peer(*, indexed: bool = False) -> None:
            """Read each file, hash it and store the rows with one executemany; ``indexed``
            also fills the full-text index the project keeps, in one statement."""
            rows = []
            for path in files:
                text = path.read_text(encoding="utf-8")
                rows.append((text_digest(text), path.stem, text))
            conn = sqlite3.connect(db)
            conn.execute("CREATE TABLE bare(id INTEGER PRIMARY KEY, sha TEXT UNIQUE, title, text)")
            conn.executemany("INSERT INTO bare(sha, title, text) VALUES (?, ?, ?)", rows)
            if indexed:
                fill_article_index(conn)
            conn.commit()
            conn.close()

        def index(project: Project) -> None:
            assert project.index_for_search() == len(texts)

        bare = measure(peer, setup=fresh)
        bare_indexed = measure(lambda: peer(indexed=True), setup=fresh)
        for label, sources in (
            (f"import {len(files):,} .txt files", files),
            (f"import 1 JSONL of {len(texts):,} articles", [jsonl]),
        ):

            def run(sources=sources, *, then=lambda _project: None) -> None:
                project = Project.open(db)
                report = project.import_files(sources)
                then(project)
                project.close()
                assert len(report.added) == len(texts), report.rejected[:3]

            timing = measure(run, setup=fresh)
            bench.row(label, timing, peer=bare, goal_s=2 * bare.cpu_s,
                      peer_name="read + hash + sqlite3 executemany of the same rows")  # fmt: skip
            # The import queues its articles for the search index, built after it (in the
            # window, in the background). This row is both, against the peer doing both.
            bench.row(f"{label}, then index them for search", measure(
                lambda run=run: run(then=index), setup=fresh), peer=bare_indexed,
                peer_name="the same peer + one FTS5 fill of the same index")  # fmt: skip

        def imported() -> None:  # an import whose articles wait for the index
            fresh()
            run(sources=[jsonl])

        def index_imported() -> None:
            project = Project.open(db)
            index(project)
            project.close()

        indexed = measure(index_imported, setup=imported)
        filled = measure_index_fill(db, lambda: (fresh(), peer()))
        bench.row(f"index the {len(texts):,} articles of one JSONL import for search "
                  "(Project.index_for_search)",
                  indexed, peer=filled,
                  peer_name="one FTS5 fill of the same index, in one statement")  # fmt: skip

        fresh()
        project = Project.open(db)
        project.import_files(files)
        project.index_for_search()
        project.close()
        bench.notes["project_mib"] = round(db.stat().st_size / 2**20, 1)

        def connect_count() -> None:
            conn = sqlite3.connect(db)
            conn.execute("SELECT count(*) FROM articles").fetchone()
            conn.close()

        bench.row("open the project", measure(lambda: Project.open(db).close()),
                  peer=measure(connect_count), peer_name="sqlite3 connect + count(*)",
                  goal_s=0.020)  # fmt: skip
        project = Project.open(db)
        conn = sqlite3.connect(db)
        bare_list = measure(
            lambda: conn.execute(
                "SELECT a.id, a.title, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
                " FROM articles a ORDER BY a.id"
            ).fetchall()
        )
        bench.row(f"list {len(texts):,} articles", measure(project.articles), peer=bare_list,
                  peer_name="bare SELECT id, title, quote count",
                  goal_s=1.5 * bare_list.cpu_s)  # fmt: skip
        fts = measure(
            lambda: conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                ['"immigration" "enforcement"'],
            ).fetchall()
        )
        bench.row("search filter for the list, 2 words",
                  measure(lambda: project.matching_article_ids("immigration enforcement")),
                  peer=fts, peer_name="FTS5 MATCH rowids alone", goal_s=0.100)  # fmt: skip
        bench.row("full-text search hits, 2 words (limit 200)",
                  measure(lambda: project.search("immigration enforcement")),
                  peer=fts, peer_name="FTS5 MATCH rowids alone")  # fmt: skip
        conn.close()
        project.close()
        cli = [sys.executable, "-m", "framing_annotator", "articles", str(db)]
        # A child's CPU is not the parent's process_time: here wall time is the figure.
        run_cli = measure(lambda: subprocess.run(cli, check=True, capture_output=True))
        bench.row("CLI `articles`, process start to exit (wall; CPU is the parent's)", run_cli)
    bench.finish()


if __name__ == "__main__":
    main()
