"""The command line, run in-process through the real entry point, on real files."""

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.text import text_digest


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def corpus(tmp_path, seed_copy):
    (tmp_path / "b.html").write_text(
        "<title>Council delays vote</title><p>The council said it would wait.</p>",
        encoding="utf-8",
    )
    (tmp_path / "c.csv").write_text(
        'title,outlet,date,text\nPort strike,Daily,2024-01-02,"“We are done,” said Ana Ruiz."\n',
        encoding="utf-8",
    )
    return [seed_copy, tmp_path / "b.html", tmp_path / "c.csv"]


def test_import_then_list_then_import_again_adds_nothing(capsys, tmp_path, corpus):
    project = tmp_path / "p.db"
    code, out, _ = run(capsys, "import", project, *corpus)
    assert code == 0 and "3 imported" in out
    code, out, _ = run(capsys, "articles", project, "--format", "json")
    listed = json.loads(out)
    assert listed[0]["title"].startswith("U.S. Immigration and Customs Enforcement officials")
    assert [a["title"] for a in listed[1:]] == ["Council delays vote", "Port strike"]
    assert [a["source"] for a in listed] == ["ice-operation-rise.txt", "b.html", "c.csv"]
    assert list(listed[2]) == ["id", "title", "outlet", "date", "url", "source", "text_sha256",
                               "characters", "quotes", "status"]  # fmt: skip
    text = "“We are done,” said Ana Ruiz."
    assert (listed[2]["characters"], listed[2]["text_sha256"]) == (len(text), text_digest(text))
    assert (listed[2]["quotes"], listed[2]["status"]) == ({}, {})
    code, out, _ = run(capsys, "import", project, *corpus)
    assert code == 0 and "0 imported, 3 already in the project" in out
    code, out, _ = run(capsys, "articles", project)
    assert code == 0 and "Council delays vote" in out and "Port strike" in out
    assert len(out.strip().splitlines()) == 4  # header and three articles


def test_bad_files_are_one_line_each_and_the_rest_is_imported(capsys, tmp_path, corpus):
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(tmp_path / "c.csv", tmp_path / "keep.csv")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    files = ["latin1.txt", "empty.txt", "photo.txt"]
    code, out, err = run(
        capsys, "import", tmp_path / "p.db", *corpus[:2], *(tmp_path / f for f in files)
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert "latin1.txt" in lines[0] and "byte 3" in lines[0]
    assert "empty.txt" in lines[1] and "empty" in lines[1]
    assert "photo.txt" in lines[2] and "PNG" in lines[2]
    assert "Traceback" not in err
    assert "2 imported" in out


def test_opening_a_random_file_fails_clearly_and_changes_nothing(capsys, tmp_path):
    path = tmp_path / "random.db"
    path.write_bytes(bytes(range(256)) * 40)
    before = path.read_bytes()
    for command in ("articles", "info"):
        code, out, err = run(capsys, command, path)
        assert code == 1
        assert err.count("\n") == 1 and "not a Framing Annotator project" in err
    assert path.read_bytes() == before


def test_a_plain_sqlite_file_is_refused_untouched(capsys, tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    code, _, err = run(capsys, "import", path, tmp_path / "nothing.txt")
    assert code == 1 and "not a Framing Annotator project" in err
    assert path.read_bytes() == before


def test_info_reports_the_project(capsys, tmp_path, corpus):
    project = tmp_path / "p.db"
    run(capsys, "import", project, *corpus)
    code, out, _ = run(capsys, "info", project, "--format", "json")
    info = json.loads(out)
    assert code == 0
    assert info["articles"] == 3 and info["schema_version"] >= 1
    assert info["frames"] == ["threat", "public_safety", "political_messaging"]
    code, out, _ = run(capsys, "info", project)
    assert "articles" in out and "3" in out


def test_search_finds_articles_and_refuses_an_empty_query(capsys, tmp_path, corpus):
    project = tmp_path / "p.db"
    run(capsys, "import", project, *corpus)
    code, out, _ = run(capsys, "search", project, "Ana Ruiz", "--format", "jsonl")
    (hit,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and hit["type"] == "article" and hit["title"] == "Port strike"
    code, _, err = run(capsys, "search", project, "  ")
    assert code == 2 and "QUERY" in err


@pytest.mark.parametrize("command", ["import", "articles", "info", "search", "suggest"])
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: framing-annotator " + command in capsys.readouterr().out


def test_missing_arguments_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["import"])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_installed_entry_point_and_module_run(tmp_path):
    """The console script and ``python -m`` are the same program."""
    exe = shutil.which("framing-annotator", path=str(sys.prefix) + "/bin")
    assert exe, "the framing-annotator script is not installed in this environment"
    for argv in ([exe, "--version"], [sys.executable, "-m", "framing_annotator", "--version"]):
        done = subprocess.run(argv, capture_output=True, text=True, check=True)
        assert done.stdout.startswith("framing-annotator ")


def test_window_without_display_says_so_in_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "framing_annotator"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "no display" in done.stderr
    assert not (tmp_path / ".local").exists()  # nothing was created before the check
