"""The ``suggest`` subcommand through register(), with a real argparse parser."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from framing_annotator.cli import suggest as suggest_cli


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="framing-annotator")
    subparsers = parser.add_subparsers(dest="command", required=True)
    suggest_cli.register(subparsers)
    args = parser.parse_args(argv)
    return args.handler(args)


ARTICLE = "Intro line.\r\n\r\n“We won,” said Ana Lima.\r\nLima said the vote was close.\r\n"


def test_jsonl_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert run(["suggest", str(path), "--format", "jsonl", "--pipeline", "blank"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    text = ARTICLE.replace("\r\n", "\n")
    assert len(lines) == 2
    first = lines[0]
    assert list(first) == ["article", "start", "end", "text", "kind", "speaker",
                           "speaker_mention", "cue", "confidence"]
    assert first["article"] == str(path)
    assert first["text"] == text[first["start"] : first["end"]] == "“We won,”"
    assert first["kind"] == "direct" and first["speaker"] == "Ana Lima"
    mention = first["speaker_mention"]
    assert text[mention["start"] : mention["end"]] == mention["text"] == "Ana Lima"
    assert lines[1]["kind"] == "indirect"


def test_unreadable_files_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    code = run(["suggest", str(missing), str(empty), str(good), str(binary), str(latin),
                "--pipeline", "blank"])
    assert code == 1
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 4
    for path in (missing, empty, binary, latin):
        assert any(str(path) in line for line in errors)
    articles = {json.loads(x)["article"] for x in captured.out.splitlines()}
    assert articles == {str(good)}


def test_table_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run(["suggest", str(path), "--format", "table", "--pipeline", "blank"]) == 0
    out = capsys.readouterr().out
    assert "blank-en+fa-0.9" in out
    assert "Ana Lima" in out and "direct" in out
