"""Benchmark: export 10,000 articles with about 114,000 quotes in every format, with peers.

    .venv/bin/python bench/bench_export.py [--articles N] [--formats csv jsonl qdpx spacy]

The project is ``scale_data.scale_project(N)`` (three coders, about 11 quotes per article,
cached under ``/tmp/fa-bench``), exported through the same service the CLI uses. Each
format is timed from the project file to the finished export (CPU and wall, median of
five) beside a same-run peer doing the bare work:

- CSV: pandas ``DataFrame(rows).to_csv`` of the very rows the export writes (goal <= 2x);
- JSONL: ``json.dumps`` of the very records, one line each (goal <= 3 s);
- REFI-QDA: zipping the article texts alone, which the archive must hold (goal <= 8 s);
- spaCy DocBin: ``spacy.blank("en")`` tokenising every article once (goal <= 15 s).

Writes ``bench/results/export.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import Bench, measure  # noqa: E402
from scale_data import scale_project  # noqa: E402

from framing_annotator.io.export.csv_export import _document_rows, header  # noqa: E402
from framing_annotator.io.export.jsonl import document_record  # noqa: E402
from framing_annotator.services.exchange import (  # noqa: E402
    FORMATS,
    ExportOptions,
    export_annotations,
    gather_annotation_set,
)
from framing_annotator.services.project import Project  # noqa: E402

GOALS_S = {"jsonl": 3.0, "qdpx": 8.0, "spacy": 15.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--name", default="export", help="results file name (bench/results)")
    args = parser.parse_args()
    bench = Bench(args.name)
    project = Project.open(scale_project(args.articles))
    annotations = gather_annotation_set(project.repo, ExportOptions())
    quotes = annotations.quote_count
    bench.notes.update(articles=args.articles, quotes=quotes)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in args.formats:
            out = folder / f"export.{fmt}"
            timing = measure(lambda fmt=fmt, out=out: export_annotations(project.repo, fmt, out))
            peer, peer_name = PEERS[fmt](annotations, folder)
            goal = 2 * peer.cpu_s if fmt == "csv" else GOALS_S[fmt]
            bench.row(f"{fmt} export, {quotes:,} quotes ({args.articles:,} articles)", timing,
                      peer=peer, peer_name=peer_name, goal_s=goal, format=fmt,
                      bytes=sum(p.stat().st_size for p in folder.glob("export*")))  # fmt: skip
            for made in folder.iterdir():
                made.unlink()
    project.close()
    bench.finish()


def _csv_peer(annotations, folder: Path):
    import pandas

    rows = [row for d in annotations.documents for row in _document_rows(annotations, d)]
    columns = header(annotations.codebook)
    out = folder / "peer.csv"
    return (
        measure(lambda: pandas.DataFrame(rows, columns=columns).to_csv(out, index=False)),
        "pandas DataFrame(rows).to_csv of the same rows",
    )


def _jsonl_peer(annotations, folder: Path):
    records = [document_record(annotations, d) for d in annotations.documents]
    out = folder / "peer.jsonl"

    def run() -> None:
        with out.open("w", encoding="utf-8") as stream:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    return measure(run), "json.dumps of the same records, one line each"


def _qdpx_peer(annotations, folder: Path):
    texts = {d.article.text_sha256: d.article.text for d in annotations.documents}
    out = folder / "peer.zip"

    def run() -> None:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for sha, text in texts.items():
                zf.writestr(f"sources/{sha}.txt", text.encode("utf-8"))

    return measure(run), "zipping the article texts alone"


def _spacy_peer(annotations, folder: Path):
    import spacy

    nlp = spacy.blank("en")
    texts = list({d.article.text_sha256: d.article.text for d in annotations.documents}.values())
    return (
        measure(lambda: [nlp.make_doc(text) for text in texts]),
        'spacy.blank("en") tokenising every article once',
    )


PEERS = {"csv": _csv_peer, "jsonl": _jsonl_peer, "qdpx": _qdpx_peer, "spacy": _spacy_peer}


if __name__ == "__main__":
    main()
