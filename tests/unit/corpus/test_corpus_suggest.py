"""``framing-annotator corpus suggest`` on a real Dask LocalCluster of two worker processes.

The run over the corpus (conftest.py) is shared; the reruns work on copies of its output.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

from framing_annotator import __version__  # noqa: E402
from framing_annotator.corpus.run import suggest_corpus  # noqa: E402
from framing_annotator.io.parquet import ARTICLE_FIELDS_OF_QUOTES, QUOTES_SCHEMA  # noqa: E402

from .generated import records  # noqa: E402
from .helpers import PARTITION, TEXT_FILES, run_cli, table  # noqa: E402

CONTRACT = ("article", "start", "end", "text", "kind", "speaker", "speaker_mention", "cue",
            "confidence")  # fmt: skip


def test_rows_equal_what_suggest_prints_in_one_process(corpus, first_run):
    out, _code, stdout, _ = first_run
    files = sorted(str(p) for p in (corpus / "txt").glob("a*.txt"))
    code, printed, _ = run_cli("suggest", *files, "--format", "jsonl", "--pipeline", "blank")
    assert code == 0
    expected = [json.loads(line) for line in printed.splitlines()]
    rows = [r for r in table(out / "quotes") if r["article"].endswith(".txt")]
    assert len(expected) > TEXT_FILES  # several quotes an article: the comparison means something
    assert [{k: r[k] for k in CONTRACT} for r in rows] == expected
    (pipeline,) = {r["pipeline"] for r in rows}
    assert pipeline.startswith("blank-en+fa-")
    assert f"{TEXT_FILES + 30 + 29:,} articles" in stdout
    # 8 partitions on 2 workers, and the pipeline was loaded once in each
    assert "2 workers, each loaded the pipeline once; their CPU on the partitions" in stdout


def test_records_of_jsonl_and_parquet_carry_their_metadata(corpus, first_run):
    out = first_run[0]
    quotes = table(out / "quotes")
    articles = {a["article"]: a for a in table(out / "articles")}
    jsonl = records(30, seed=1)
    for row in quotes:  # each quote repeats its own article's fields, after refused rows too
        name = row["article"]
        assert {k: row[k] for k in ARTICLE_FIELDS_OF_QUOTES} == {
            k: articles[name][k] for k in ARTICLE_FIELDS_OF_QUOTES
        }
        assert row["app_version"] == __version__
        if "#" not in name:
            continue
        path, number = name.rsplit("#", 1)
        source = jsonl if path.endswith(".jsonl") else records(30, seed=2)
        record = source[int(number) - 1]
        assert record["text"][row["start"] : row["end"]] == row["text"]
        assert (row["outlet"], row["date"]) == (record["outlet"], record["date"])
        assert articles[name]["text_sha256"] == row["text_sha256"]
    assert {n.rsplit("#")[0] for n in articles if "#" in n} == {
        str(corpus / "feed.jsonl"), str(corpus / "archive.parquet")
    }
    first = sorted((out / "quotes").glob("*.parquet"))[0]
    assert pq.read_schema(first).names == QUOTES_SCHEMA.names


def test_a_bad_file_or_row_is_reported_and_the_rest_is_done(corpus, first_run):
    out, code, stdout, stderr = first_run
    assert code == 1
    photo = corpus / "txt" / "photo.txt"
    assert f"skipped: {photo}: this is a PNG image, not a text file" in stderr
    assert f"skipped: {corpus / 'archive.parquet'}, row 5: the 'text' column is empty" in stderr
    refused = {a["article"]: a["refusal"] for a in table(out / "articles") if a["refusal"]}
    assert set(refused) == {str(corpus / "txt" / "photo.txt"), f"{corpus / 'archive.parquet'}#5"}
    words = [a["words"] for a in table(out / "articles") if not a["refusal"]]
    assert len(words) == TEXT_FILES + 30 + 29 and min(words) > 50
    assert "2 refused" in stdout


def test_a_rerun_after_deleting_one_partition_rewrites_only_that_one(corpus, first_run, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(first_run[0], out)
    parts = sorted((out / "quotes").glob("*.parquet"))
    assert len(parts) == 8  # the JSONL file alone, then 30 Parquet rows and 10 files, ...
    before = {p: p.stat().st_mtime_ns for p in [*parts, *(out / "articles").glob("*.parquet")]}
    victim = parts[3]
    expected = pq.read_table(victim).to_pylist()
    victim.unlink()
    from distributed import LocalCluster

    # this time against an existing scheduler, as on a cluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:  # fmt: skip
        code, stdout, _ = run_cli(
            "corpus", "suggest", corpus, "--output", out, "--scheduler", cluster.scheduler_address,
            "--pipeline", "blank", "--partition-size", PARTITION,
        )  # fmt: skip
    assert code == 0  # the refused file sits in a partition that was not rerun
    assert "1 partitions written, 7 already done" in stdout
    assert pq.read_table(victim).to_pylist() == expected
    others = {p: t for p, t in before.items() if p.name != victim.name}
    assert {p: p.stat().st_mtime_ns for p in others} == others  # untouched
    rewritten = out / "articles" / victim.name
    assert rewritten.stat().st_mtime_ns != before[rewritten]
    assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.part"))


def test_other_inputs_into_the_same_folder_are_refused_in_one_line(corpus, first_run):
    out = first_run[0]
    code, _, stderr = run_cli(
        "corpus", "suggest", corpus / "txt", "--output", out, "--pipeline", "blank",
        "--partition-size", PARTITION,
    )  # fmt: skip
    assert code == 1
    assert stderr.count("\n") == 1 and "holds a run with other inputs or settings" in stderr


def test_ctrl_c_stops_cleanly_and_keeps_finished_partitions(corpus, tmp_path):
    out = tmp_path / "stopped"

    def interrupt(state):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        suggest_corpus([corpus / "txt"], out, pipeline="blank", partition_size=20, workers=2,
                       progress=interrupt)  # fmt: skip
    written = sorted(p.name for p in (out / "articles").glob("*.parquet"))
    assert 1 <= len(written) < 13  # the first finished partition stopped the run
    for name in written:  # each written partition is whole
        assert pq.read_table(out / "quotes" / name).num_rows > 0


def project_rows(path: Path) -> tuple[dict[str, str], list[tuple]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        digests = dict(db.execute("SELECT id, text_sha256 FROM articles"))
        suggestions = db.execute(
            'SELECT article_id, start, "end", kind, speaker, mention_start, mention_end, cue,'
            " confidence, pipeline FROM suggestions ORDER BY article_id, start, \"end\""
        ).fetchall()
    return digests, [(digests[a], *rest) for a, *rest in suggestions]


def test_import_brings_a_seeded_sample_and_its_suggestions_into_a_project(first_run, tmp_path):
    out = first_run[0]
    project = tmp_path / "validate.sqlite"
    code, stdout, _ = run_cli("import", project, "--suggestions", out, "--sample", 25, "--seed", 5)
    assert code == 0 and stdout.startswith("25 imported, 0 already in the project, 0 refused")
    digests, stored = project_rows(project)
    assert len(digests) == 25
    expected = sorted(
        (r["text_sha256"], r["start"], r["end"], r["kind"], r["speaker"],
         (r["speaker_mention"] or {}).get("start"), (r["speaker_mention"] or {}).get("end"),
         r["cue"], r["confidence"], r["pipeline"])
        for r in table(out / "quotes") if r["text_sha256"] in set(digests.values())
    )  # fmt: skip
    assert sorted(stored, key=lambda s: (s[0], s[1], s[2])) == expected and len(expected) > 25

    again = tmp_path / "again.sqlite"
    run_cli("import", again, "--suggestions", out, "--sample", 25, "--seed", 5)
    assert sorted(project_rows(again)[0].values()) == sorted(digests.values())
    other = tmp_path / "other.sqlite"
    run_cli("import", other, "--suggestions", out, "--sample", 25, "--seed", 6)
    assert sorted(project_rows(other)[0].values()) != sorted(digests.values())


def test_import_from_a_folder_that_is_no_corpus_run_creates_no_project(tmp_path):
    project = tmp_path / "p.sqlite"
    code, _, stderr = run_cli("import", project, "--suggestions", tmp_path)
    assert code == 1 and "not the --output of framing-annotator corpus suggest" in stderr
    assert not project.exists()


def test_the_pipeline_is_loaded_once_per_process_not_per_partition(corpus, tmp_path):
    from framing_annotator.corpus import work
    from framing_annotator.corpus.plan import plan_corpus

    plan = plan_corpus([corpus / "txt"], 3)
    work._load.cache_clear()
    for partition in plan.partitions[:3]:
        work.run_partition(partition, str(tmp_path), "blank")
    assert (work._load.cache_info().misses, work._load.cache_info().hits) == (1, 2)
    assert len(list((tmp_path / "articles").glob("*.parquet"))) == 3


def test_without_the_extra_the_command_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    code, stdout, stderr = run_cli("corpus", "suggest", tmp_path, "--output", tmp_path / "o")
    assert code == 1 and stdout == ""
    assert stderr == (
        "framing-annotator: error: the corpus commands need Dask and pyarrow: "
        "pip install 'framing-annotator[corpus]'\n"
    )
    assert not (tmp_path / "o").exists()


def test_the_app_and_the_other_commands_do_not_import_dask_or_pyarrow():
    # sqlite-utils imports pandas when it is installed (the bench extra), and pandas then
    # imports pyarrow: that is theirs, so pandas is kept out to see what our code imports.
    code = (
        "import sys; sys.modules['pandas'] = None;"
        "import framing_annotator.cli, framing_annotator.app;"
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)  # fmt: skip
    assert result.stdout.strip() == "[]"
