"""The README's promises that a test can check."""

import re
from pathlib import Path

from framing_annotator.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_exactly_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["./setup.sh app", "./setup.sh test"]
    assert README.index("```sh") < README.index("\n## ")  # before anything else


def test_ci_runs_the_second_command_and_nothing_else():
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    commands = [line for line in lines if line.strip() and not line.startswith("#")]
    assert commands[-1] == "exec ./setup.sh test"
    assert all(c.startswith(("set ", "cd ", "exec ")) for c in commands)


def test_every_cli_command_and_option_is_in_the_readme():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.choices)
    for name in COMMANDS:
        assert f"framing-annotator {name}" in README, name
        for action in subparsers.choices[name]._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and action.help != "==SUPPRESS==":
                    assert option in README, f"{name} {option}"


def _table_after(marker: str) -> list[str]:
    """The Markdown table that follows ``marker`` in the README (its lines)."""
    lines = README[README.index(marker) :].splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("|"))
    end = next((n for n in range(start, len(lines)) if not lines[n].startswith("|")), len(lines))
    return lines[start:end]


# The benchmark tables are generated: tests/docs/test_bench_figures.py checks them.


def test_reliability_table_is_the_scripts_output():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "reliability_table", ROOT / "scripts" / "reliability_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = _table_after(module.BEGIN)[2:]
    claims = [row.split(" | ")[0].lstrip("| ") for row in rows]
    assert claims == [claim for claim, _test, _counts in module.ROWS]
    assert all(row.split(" | ")[1].strip("` ") for row in rows)
