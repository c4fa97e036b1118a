"""Print the README's benchmark tables, generated from ``bench/results/*.json``.

    python scripts/bench_tables.py                    # print the tables
    python scripts/bench_tables.py --update README.md # also put them between the markers

Every results file a bench wrote with ``bench/benchlib.py`` becomes one table, whatever the
bench (import, export, agreement, scale, window, suggester, ...): measure, CPU time, wall
time, the same-run peer, the ratio on CPU time and the goal. No bench needs code here, and a
missing file is simply not shown. A file that is not a benchlib result is named and skipped.
``tests/docs/test_bench_figures.py`` fails when the README quotes a figure that the latest
results do not hold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# The shared helper lives beside this file; tests load the script by path, so say where.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_markers import replace_between  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BEGIN, END = "<!-- bench-tables -->", "<!-- /bench-tables -->"


def load_results(folder: Path = RESULTS) -> tuple[list[dict[str, Any]], list[str]]:
    """The benchlib results in ``folder``, by bench name, and the files that are not."""
    results, skipped = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            skipped.append(path.name)
            continue
        if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
            skipped.append(path.name)
            continue
        data.setdefault("bench", path.stem)
        results.append(data)
    return results, skipped


def _seconds(value: Any) -> str:
    if not isinstance(value, int | float):
        return ""
    if value < 0.1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _load(load: Any) -> str:
    if isinstance(load, list | tuple) and load:
        return f"{load[0]:.2f}"
    return "?"


STANDARD = {"measure", "cpu_s", "wall_s", "runs", "peer", "peer_cpu_s", "peer_wall_s",
            "ratio_cpu", "goal_cpu_s", "meets_goal"}  # fmt: skip


def _value(value: Any) -> str:
    """A figure as the table shows it: integers with separators, floats to 3 digits."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, dict):
        return "; ".join(f"{k} {_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value)
    return str(value)


def _other(row: dict[str, Any]) -> str:
    """A bench's own fields of a row (words/s, quotes, units, ...), whatever they are."""
    return "; ".join(f"{k} {_value(v)}" for k, v in row.items() if k not in STANDARD)


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def newest_runs(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """For each measure, the result that measured it last (by its ``started`` time).

    A bench re-run under another name after a change (``scale_list`` after the list changed)
    measures some rows of an older file again; the older figures then describe old code.
    """
    newest: dict[str, dict[str, Any]] = {}
    for result in results:
        for row in result["rows"]:
            if not isinstance(row, dict):
                continue
            seen = newest.get(row.get("measure", ""))
            if seen is None or str(result.get("started", "")) >= str(seen.get("started", "")):
                newest[row.get("measure", "")] = result
    return newest


def render(results: list[dict[str, Any]]) -> str:
    """One Markdown table per result, in the order given, of the rows no later result re-measured.

    The rows a later result measured again are named under the table instead of shown, and a
    result whose every row was re-measured is one line.
    """
    newest = newest_runs(results)
    parts = []
    for result in results:
        rows = [row for row in result["rows"] if isinstance(row, dict)]
        last = [newest[row.get("measure", "")] for row in rows]
        current = [row for row, run in zip(rows, last, strict=True) if run is result]
        later = sorted({run["bench"] for run in last} - {result["bench"]})
        if rows and not current:
            parts.append(f"**{_cell(result['bench'])}**: every row was measured again later, in "
                         f"{', '.join(later)}.")  # fmt: skip
            parts.append("")
            continue
        machine = result.get("machine") or {}
        versions = ", ".join(
            f"{name} {machine[key]}"
            for name, key in (("Python", "python"), ("SQLite", "sqlite"), ("spaCy", "spacy"),
                              ("PySide6", "PySide6"))
            if key in machine
        )  # fmt: skip
        parts.append(
            f"**{_cell(result['bench'])}**: `{_cell(result.get('command', ''))}`, "
            f"{_cell(result.get('started', '?'))}; {_cell(machine.get('machine', '?'))}, "
            f"{_cell(machine.get('cores', '?'))} cores, {versions}; load average "
            f"{_load(result.get('load_start'))} at start, {_load(result.get('load_end'))} at end."
        )
        parts.append("")
        parts.append(
            "| measure | CPU | wall | peer | peer CPU | ratio (CPU) | goal (CPU) | other |"
        )
        parts.append("|---|---:|---:|---|---:|---:|---|---|")
        for row in current:
            ratio = row.get("ratio_cpu")
            goal = row.get("goal_cpu_s")
            verdict = ""
            if isinstance(goal, int | float):
                verdict = f"≤ {_seconds(goal)} " + (
                    "met" if row.get("meets_goal") else "**missed**"
                )
            parts.append(
                f"| {_cell(row.get('measure', ''))} | {_seconds(row.get('cpu_s'))} | "
                f"{_seconds(row.get('wall_s'))} | {_cell(row.get('peer', ''))} | "
                f"{_seconds(row.get('peer_cpu_s'))} | "
                f"{f'{ratio:.2f}×' if isinstance(ratio, int | float) else ''} | {verdict} | "
                f"{_cell(_other(row))} |"
            )
        parts.extend(f"- {_cell(key)}: {_cell(_value(value))}"
                     for key, value in (result.get("notes") or {}).items())  # fmt: skip
        if later:
            parts.append(f"- {len(rows) - len(current)} more rows were measured again later, in "
                         f"{', '.join(later)}.")  # fmt: skip
        parts.append("")
    if not parts:
        return "_No benchmark results yet: run the scripts in `bench/`._"
    return "\n".join(parts).rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--update",
        type=Path,
        metavar="MARKDOWN",
        help=f"replace the text between {BEGIN} and {END} in this file",
    )
    args = parser.parse_args(argv)
    results, skipped = load_results()
    for name in skipped:
        print(f"skipped {name}: not a bench/benchlib.py result", file=sys.stderr)
    text = render(results)
    print(text)
    if args.update:
        replace_between(args.update, BEGIN, END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
