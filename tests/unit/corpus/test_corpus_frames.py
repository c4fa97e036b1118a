"""``corpus suggest --frames-from PROJECT --annotator NAME``: a coder's frame learner on Dask."""

from __future__ import annotations

import json
import random

import pytest

pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

from framing_annotator.nlp.frames import predict_frames  # noqa: E402
from framing_annotator.nlp.frames_text import context_around  # noqa: E402
from framing_annotator.services.frames import model_bytes  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

from ..frames.frames_project import code, labelled  # noqa: E402
from .generated import article  # noqa: E402
from .helpers import run_cli, table  # noqa: E402


@pytest.fixture
def coded_project(tmp_path):
    path = tmp_path / "coded.sqlite"
    project = Project.open(path, create=True)
    code(project, "ana", labelled("default")[:168])
    project.close()
    return path


def test_each_quote_gets_the_probability_of_every_frame_from_the_shipped_model(
    coded_project, tmp_path
):
    model = model_bytes(coded_project, "ana")  # trains and stores ana's model
    before = coded_project.read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    rng = random.Random(3)
    texts = {}
    for i in range(12):
        path = folder / f"f{i:02d}.txt"
        texts[str(path)] = article(rng)
        path.write_text(texts[str(path)], encoding="utf-8")
    out = tmp_path / "out"
    code_, stdout, stderr = run_cli(
        "corpus", "suggest", folder, "--output", out, "--workers", 2, "--pipeline", "blank",
        "--partition-size", 4, "--frames-from", coded_project, "--annotator", "ana",
    )  # fmt: skip
    assert code_ == 0, stderr
    rows = table(out / "quotes")
    keys = ["threat", "public_safety", "political_messaging"]
    assert [c for c in pq.read_schema(next((out / "quotes").glob("*.parquet"))).names
            if c.startswith("frame_")] == [f"frame_{k}" for k in keys]  # fmt: skip
    items = [(r["text"], context_around(texts[r["article"]], r["start"], r["end"])) for r in rows]
    expected = predict_frames(model, items)
    assert len(rows) > 12
    for row, probabilities in zip(rows, expected, strict=True):
        assert [row[f"frame_{k}"] for k in keys] == pytest.approx([probabilities[k] for k in keys])
    assert coded_project.read_bytes() == before  # read, never retrained or written

    code_, stdout, _ = run_cli("corpus", "report", out, "--rows", "frame", "--cols", "kind",
                               "--format", "json")  # fmt: skip
    counted = {c["row"] for c in json.loads(stdout)["crosstab"]["cells"]}
    assert set(keys) <= counted


def test_a_coder_without_a_model_is_one_line_that_says_how_to_train_it(coded_project, tmp_path):
    code_, _, stderr = run_cli(
        "corpus", "suggest", tmp_path, "--output", tmp_path / "out", "--frames-from",
        coded_project, "--annotator", "ana",
    )  # fmt: skip
    assert code_ == 1 and stderr.count("\n") == 1
    hint = f"train it first: framing-annotator frames suggest {coded_project} --annotator ana"
    assert hint in stderr
    assert not (tmp_path / "out").exists()


def test_frames_from_needs_an_annotator(tmp_path):
    code_, _, stderr = run_cli("corpus", "suggest", tmp_path, "--output", tmp_path / "o",
                               "--frames-from", tmp_path / "p.sqlite")  # fmt: skip
    assert code_ == 2 and "--frames-from and --annotator go together" in stderr
