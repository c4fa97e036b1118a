"""`framing-annotator frames suggest|evaluate` through the real entry point, on a project file."""

import json
import shlex
import subprocess
import sys

import pytest

from framing_annotator.__main__ import main
from framing_annotator.services.project import Project

from .frames_project import code, labelled

ROWS = labelled("default")
KEYS = {"threat", "public_safety", "political_messaging"}


def run(capsys, *argv):
    status = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def coded(tmp_path):
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    code(project, "ana", ROWS[:60])
    uncoded = code(project, "ana", ROWS[60:64], with_frames=False)
    code(project, "ben", ROWS[64:70], with_frames=False)  # another coder's: never listed
    project.close()
    return path, uncoded


def test_suggest_prints_one_json_line_per_uncoded_quote(capsys, coded):
    path, uncoded = coded
    status, out, err = run(capsys, "frames", "suggest", path, "--annotator", "ana")
    assert status == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["quote_id"] for line in lines] == [q.uuid for q in uncoded]
    first = lines[0]
    assert set(first) == {"quote_id", "article_id", "start", "end", "text", "frames", "suggested"}
    assert first["text"] == ROWS[60]["text"]
    assert {f["key"] for f in first["frames"]} == KEYS
    probabilities = [f["probability"] for f in first["frames"]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert first["suggested"] == [f["key"] for f in first["frames"] if f["probability"] >= 0.5]


def test_suggest_threshold_and_table(capsys, coded):
    path, uncoded = coded
    status, out, _ = run(capsys, "frames", "suggest", path, "--annotator", "ana",
                         "--threshold", "0.01")  # fmt: skip
    assert status == 0
    assert all(len(json.loads(line)["suggested"]) == 3 for line in out.splitlines())
    status, out, err = run(capsys, "frames", "suggest", path, "--annotator", "ana",
                           "--format", "table")  # fmt: skip
    assert status == 0
    assert out.splitlines()[0].split() == ["quote", "article", "text", "suggested",
                                           "probabilities"]  # fmt: skip
    assert len(out.splitlines()) == 1 + len(uncoded)
    assert "trained on 60 coded quotes (reused)" in err  # the first run stored the model


def test_evaluate_json_and_table(capsys, coded):
    path, _ = coded
    status, out, err = run(capsys, "frames", "evaluate", path, "--annotator", "ana",
                           "--folds", "3", "--format", "json")  # fmt: skip
    assert status == 0, err
    data = json.loads(out)
    assert data["coded_quotes"] == 60 and data["folds"] == 3
    assert [f["key"] for f in data["frames"]] == ["threat", "public_safety", "political_messaging"]
    assert set(data["macro"]) == {"precision", "recall", "f1"}
    assert [p["train_size"] for p in data["learning_curve"]] == [25, 40]
    status, out, _ = run(capsys, "frames", "evaluate", path, "--annotator", "ana", "--folds", "3")
    assert status == 0
    assert "learning curve" in out and "macro" in out


@pytest.mark.parametrize("command", ["suggest", "evaluate"])
def test_too_little_coding_exits_with_one_line(capsys, coded, command):
    path, _ = coded
    before = path.read_bytes()
    status, out, err = run(capsys, "frames", command, path, "--annotator", "ben")
    assert status == 1 and out == ""
    assert err.splitlines() == [
        "framing-annotator: error: ben has coded frames on 0 quotes; "
        "frame suggestions start at 20"
    ]
    assert path.read_bytes() == before


def test_agreement_report_says_who_worked_with_frame_suggestions(capsys, tmp_path):
    from framing_annotator.domain.frames import FrameSuggestion
    from framing_annotator.services.frames import record_shown

    path = tmp_path / "two.sqlite"
    project = Project.open(path, create=True)
    ana = code(project, "ana", ROWS[:8])
    code(project, "ben", ROWS[:8])
    status, out, _ = run(capsys, "agreement", path)
    assert status == 0 and "Frame suggestions" not in out
    suggestion = FrameSuggestion.from_probabilities(ana[0].uuid, {"threat": 0.9}, 0.5)
    record_shown(project.repo, suggestion)
    project.close()
    status, out, _ = run(capsys, "agreement", path)
    assert status == 0
    assert "Frame suggestions learned from each coder's own coding were shown to: " \
        "ana (1 quote, 0 accepted)" in out.splitlines()  # fmt: skip
    status, out, _ = run(capsys, "agreement", path, "--format", "json")
    assert json.loads(out)["frame_suggestions_shown"] == {"ana": {"quotes": 1, "accepted": 0}}


def test_merging_a_coders_project_brings_which_suggestions_were_shown(capsys, tmp_path):
    from framing_annotator.domain.frames import FrameSuggestion
    from framing_annotator.services.frames import record_shown

    own = tmp_path / "ana.sqlite"
    project = Project.open(own, create=True)
    ana = code(project, "ana", ROWS[:8])
    suggestion = FrameSuggestion.from_probabilities(ana[1].uuid, {"threat": 0.8}, 0.5)
    record_shown(project.repo, suggestion)
    project.close()
    target = tmp_path / "team.sqlite"
    status, _, err = run(capsys, "merge", target, own)
    assert status == 0, err
    project = Project.open(target)
    (shown,) = project.repo.frame_suggestions_shown()
    assert shown.quote_uuid == ana[1].uuid and shown.suggested == {"threat"}
    project.close()
    status, _, _ = run(capsys, "merge", target, own)  # again: nothing new, nothing doubled
    project = Project.open(target)
    assert len(project.repo.frame_suggestions_shown()) == 1
    project.close()


def test_suggest_and_evaluate_work_on_a_read_only_medium(tmp_path, coded):
    """A bind mount made read-only: as root, file permissions would not stop a write."""
    path, uncoded = coded
    before = path.read_bytes()
    files = sorted(p.name for p in tmp_path.iterdir())
    mount = f"mount --bind {tmp_path} {tmp_path} && mount -o remount,ro,bind {tmp_path}"
    results = []
    for argv in (["frames", "suggest", path, "--annotator", "ana"],
                 ["frames", "evaluate", path, "--annotator", "ana", "--format", "json"]):
        command = shlex.join([sys.executable, "-m", "framing_annotator", *map(str, argv)])
        results.append(subprocess.run(
            ["unshare", "-m", "--propagation", "private", "sh", "-c", f"{mount} && {command}"],
            capture_output=True, text=True, timeout=600,
        ))  # fmt: skip
        if results[-1].returncode and "mount" in results[-1].stderr:
            pytest.skip("needs unshare and mount (root)")
    suggest, evaluate = results
    note = f"framing-annotator: note: {path} is on a read-only medium or folder"
    assert suggest.returncode == 0 and suggest.stderr.startswith(note), suggest.stderr
    lines = [json.loads(line) for line in suggest.stdout.splitlines()]
    assert [line["quote_id"] for line in lines] == [q.uuid for q in uncoded]
    assert all(len(line["frames"]) == len(KEYS) for line in lines)
    assert evaluate.returncode == 0 and evaluate.stderr.startswith(note), evaluate.stderr
    assert json.loads(evaluate.stdout)["coded_quotes"] == 60
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == files
