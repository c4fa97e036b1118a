"""The worked example's tables are what the commands print on the example project."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from framing_annotator.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "guide" / "worked-example.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" /
                                                  "screenshots.py")  # fmt: skip
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_results_example(tmp_path_factory.mktemp("example"))


def blocks_after(command: str) -> list[str]:
    """The lines of the output block that follows ``command`` on the page ("..." cut)."""
    after = PAGE[PAGE.index(f"```sh\n{command}\n```"):]
    block = re.search(r"\n```\n(.*?)\n```", after[len(command) + 10:], re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and line != "..."]


@pytest.mark.parametrize("command", [
    "framing-annotator agreement example.sqlite",
    "framing-annotator report example.sqlite --rows frame --cols outlet --plot frames.svg",
])  # fmt: skip
def test_the_page_shows_what_the_command_prints(example, tmp_path, capsys, command):
    args = command.split()[1:]
    args[1] = str(example)
    if "--plot" in args:
        args[args.index("--plot") + 1] = str(tmp_path / "frames.svg")
    assert main(args) == 0
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    shown = blocks_after(command)
    assert len(shown) > 5
    for line in shown:
        # the page leaves out the last column ("why undefined", empty here) and long lines
        assert any(out.startswith(line.rstrip().rstrip("…")) for out in printed), line
