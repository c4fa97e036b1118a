"""Benchmark: every path that grows with a project, at 1,000 / 10,000 / 50,000 articles.

    .venv/bin/python bench/bench_scale.py                 # 1k, 10k and 50k (builds once)
    .venv/bin/python bench/bench_scale.py --sizes 1000    # the bounded form (CI runs 300)
    .venv/bin/python bench/bench_scale.py --cap 0         # heavy paths at full size too

Projects come from ``scale_data.py`` (about 11 quotes per article by three coders, built
through the bulk path and cached under ``/tmp/fa-bench``). Each row is the project's path
against a same-run peer doing the bare work, CPU time (``time.process_time``) first, medians
of five runs. Opening, the article list, search and backups are measured at each size; the
heavy paths (importing articles, bulk quote import, the agreement report and the CSV
export) at ``min(size, --cap)`` articles (default 10,000), so the 50k column finishes in
minutes on two cores. Results go to ``bench/results/scale.json`` (``--name`` changes it).
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_project_agreement import bare_coefficients  # noqa: E402
from benchlib import Bench, fill_article_index, measure, measure_index_fill  # noqa: E402
from scale_data import scale_project  # noqa: E402

from framing_annotator.domain.model import Article  # noqa: E402
from framing_annotator.domain.text import text_digest  # noqa: E402
from framing_annotator.io.export.csv_export import _document_rows, header  # noqa: E402
from framing_annotator.services.agreement import agreement_report  # noqa: E402
from framing_annotator.services.backup import BackupPolicy, backup_file  # noqa: E402
from framing_annotator.services.exchange import (  # noqa: E402
    ExportOptions,
    export_annotations,
    gather_annotation_set,
    import_annotation_set,
)
from framing_annotator.services.project import Project  # noqa: E402
from framing_annotator.store.backup import change_marker  # noqa: E402

SEARCH = "immigration enforcement"  # every generated article has both words: the worst case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--cap", type=int, default=10_000, help="0: no cap for heavy paths")
    parser.add_argument("--name", default="scale")
    parser.add_argument("--skip", nargs="*", default=[], help="groups to leave out")
    args = parser.parse_args()
    bench = Bench(args.name)
    bench.notes["sizes"] = args.sizes
    bench.notes["cap"] = args.cap
    measured_heavy: set[int] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = scale_project(size)
            heavy = size if not args.cap else min(size, args.cap)
            for group, run in GROUPS:
                if group in args.skip or (group in HEAVY and heavy in measured_heavy):
                    continue  # a heavy path capped to a size already measured
                gc.collect()
                run(bench, size, heavy, path, Path(tmp))
            measured_heavy.add(heavy)
    bench.finish()


def _open(bench: Bench, size: int, heavy: int, path: Path, tmp: Path) -> None:
    def peer() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT count(*) FROM articles").fetchone()
        conn.close()

    opened = measure(lambda: Project.open(path).close())
    bench.row(f"Project.open + close, {size:,} articles", opened, peer=measure(peer),
              peer_name="sqlite3 connect + count(*)", goal_s=0.020, size=size)  # fmt: skip


def _list_and_search(bench: Bench, size: int, heavy: int, path: Path, tmp: Path) -> None:
    project = Project.open(path)
    conn = sqlite3.connect(path)
    bare = (
        "SELECT a.id, a.title, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) "
        "FROM articles a ORDER BY a.id"
    )
    listed = measure(project.articles)
    peer = measure(lambda: conn.execute(bare).fetchall())
    bench.row(f"article list (Project.articles), {size:,} articles", listed, peer=peer,
              peer_name="bare SELECT id, title, quote count", goal_s=1.5 * peer.cpu_s,
              size=size)  # fmt: skip
    found = measure(lambda: project.matching_article_ids(SEARCH))
    fts = measure(
        lambda: conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
            ['"immigration" "enforcement"'],
        ).fetchall()
    )
    bench.row(f"search filter for the list ({SEARCH!r}), {size:,} articles", found, peer=fts,
              peer_name="FTS5 MATCH rowids alone", goal_s=0.100, size=size)  # fmt: skip
    conn.close()
    project.close()


def _backups(bench: Bench, size: int, heavy: int, path: Path, tmp: Path) -> None:
    folder = tmp / f"backups-{size}"
    policy = BackupPolicy(folder=folder, keep=1, days=0)

    def fresh() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    full = measure(lambda: backup_file(path, policy), setup=fresh)
    copy = measure(lambda: shutil.copyfile(path, tmp / "copy.sqlite"))
    bench.row(f"backup of a changed project (copy + quick_check), {size:,} articles", full,
              peer=copy, peer_name="shutil.copyfile of the file", size=size)  # fmt: skip
    backup_file(path, policy)
    skipped = measure(lambda: backup_file(path, policy))
    assert backup_file(path, policy) is None
    marker = measure(lambda: change_marker(path))
    bench.row(f"backup of an unchanged project (skipped), {size:,} articles", skipped,
              peer=marker, peer_name="reading the change marker alone", goal_s=0.020,
              size=size)  # fmt: skip
    (tmp / "copy.sqlite").unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def _import_articles(bench: Bench, size: int, heavy: int, path: Path, tmp: Path) -> None:
    source = Project.open(scale_project(heavy))
    articles = [Article(a.text, a.title, a.outlet, a.date) for a in source.repo.articles()]
    source.close()
    target = tmp / "import.sqlite"
    template = tmp / "empty.sqlite"
    Project.open(template, create=True).close()

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, target)

    def run(*, index: bool = False) -> None:
        project = Project.open(target)
        project.import_articles(Article(a.text, a.title, a.outlet, a.date) for a in articles)
        if index:
            project.index_for_search()
        project.close()

    def peer(*, indexed: bool = False) -> None:
        conn = sqlite3.connect(target)
        conn.execute(
            "CREATE TABLE bare(id INTEGER PRIMARY KEY, text_sha256 TEXT UNIQUE, title TEXT, "
            "outlet TEXT, date TEXT, text TEXT)"
        )
        conn.executemany(
            "INSERT INTO bare(text_sha256, title, outlet, date, text) VALUES (?, ?, ?, ?, ?)",
            [(text_digest(a.text), a.title, a.outlet, a.date, a.text) for a in articles],
        )
        if indexed:
            fill_article_index(conn)
        conn.commit()
        conn.close()

    def index_imported() -> None:  # below BATCH articles, the import indexed them already
        project = Project.open(target)
        project.index_for_search()
        assert not project.unindexed_count()
        project.close()

    bare = measure(peer, setup=fresh)
    indexed = measure(lambda: peer(indexed=True), setup=fresh)
    timing = measure(run, setup=fresh)
    bench.row(f"import {heavy:,} articles (Project.import_articles)", timing,
              peer=bare, peer_name="sqlite3 executemany of the same rows + hashing",
              goal_s=2 * bare.cpu_s, size=size, articles=heavy)  # fmt: skip
    # The import queues its articles for the search index, which is built after it (in the
    # window, in the background): that step against one FTS5 fill, and both against the
    # peer doing both, so that no cost is hidden by moving it.
    bench.row(f"index {heavy:,} imported articles for search (Project.index_for_search)",
              measure(index_imported, setup=lambda: (fresh(), run())),
              peer=measure_index_fill(target, lambda: (fresh(), peer())),
              peer_name="one FTS5 fill of the same index, in one statement",
              size=size, articles=heavy)  # fmt: skip
    bench.row(f"import {heavy:,} articles, then index them for search",
              measure(lambda: run(index=True), setup=fresh), peer=indexed,
              peer_name="sqlite3 executemany of the same rows + hashing + one FTS5 fill",
              size=size, articles=heavy)  # fmt: skip


def _bulk_quotes(bench: Bench, size: int, heavy: int, path: Path, tmp: Path) -> None:
    source = Project.open(scale_project(heavy))
    annotations = gather_annotation_set(source.repo, ExportOptions())
    articles = source.repo.articles()
    source.close()
    template = tmp / "articles-only.sqlite"
    template.unlink(missing_ok=True)
    project = Project.open(template, create=True)
    project.import_articles(Article(a.text, a.title, a.outlet, a.date) for a in articles)
    project.index_for_search()
    project.close()
    target = tmp / "bulk.sqlite"
    quotes = annotations.quote_count
    rows = [
        (q.uuid, d.article.id, d.annotator, q.start, q.end, q.kind.value, q.note)
        for d in annotations.documents
        for q in d.quotes
    ]

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, target)

    def run() -> None:
        project = Project.open(target)
        result = import_annotation_set(project.repo, annotations)
        assert result.quotes_added == quotes, result.summary()
        project.close()

    def peer() -> None:
        conn = sqlite3.connect(target)
        conn.execute(
            "CREATE TABLE bare(uuid TEXT PRIMARY KEY, article_id INT, annotator TEXT, "
            'start INT, "end" INT, kind TEXT, note TEXT)'
        )
        conn.executemany("INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        conn.commit()
        conn.close()

    timing = measure(run, setup=fresh)
    bench.row(f"import {quotes:,} quotes (annotation set, {heavy:,} articles matched)", timing,
              peer=measure(peer, setup=fresh), peer_name="sqlite3 executemany of bare rows",
              goal_s=quotes / 20_000, size=size, quotes=quotes,
              quotes_per_cpu_s=round(quotes / timing.cpu_s))  # fmt: skip


def _agreement(bench: Bench, size: int, heavy: int, path: Path, tmp: Path) -> None:
    project = Project.open(scale_project(heavy))
    report = agreement_report(project.repo)
    lengths = {id_: details.length for id_, details in project.article_details().items()}
    bare = measure(bare_coefficients(report, lengths))
    timing = measure(lambda: agreement_report(project.repo))
    bench.row(f"agreement report, {heavy:,} articles x 3 coders", timing, peer=bare,
              peer_name="the bare coefficients (alpha_U + 5 nominal alphas)",
              goal_s=1.5 * bare.cpu_s, size=size, units=len(report.units))  # fmt: skip
    project.close()


def _csv(bench: Bench, size: int, heavy: int, path: Path, tmp: Path) -> None:
    try:
        import pandas
    except ImportError:
        print("pandas is not installed (pip install -r requirements/bench.txt): no CSV row")
        return
    project = Project.open(scale_project(heavy))
    annotations = gather_annotation_set(project.repo, ExportOptions())
    rows = [row for d in annotations.documents for row in _document_rows(annotations, d)]
    columns = header(annotations.codebook)
    out = tmp / "export.csv"
    timing = measure(lambda: export_annotations(project.repo, "csv", out))
    peer = measure(lambda: pandas.DataFrame(rows, columns=columns).to_csv(tmp / "pandas.csv",
                                                                          index=False))  # fmt: skip
    bench.row(f"CSV export, {len(rows):,} quotes ({heavy:,} articles)", timing, peer=peer,
              peer_name="pandas DataFrame(rows).to_csv of the same rows",
              goal_s=2 * peer.cpu_s, size=size, quotes=len(rows))  # fmt: skip
    project.close()


HEAVY = {"import", "bulk", "agreement", "csv"}
GROUPS = (
    ("open", _open),
    ("list", _list_and_search),
    ("backup", _backups),
    ("import", _import_articles),
    ("bulk", _bulk_quotes),
    ("agreement", _agreement),
    ("csv", _csv),
)


if __name__ == "__main__":
    main()
