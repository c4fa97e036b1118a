"""Print the README's reliability table from the counts the reliability tests record.

    python scripts/reliability_table.py          # run tests/reliability, then print
    python scripts/reliability_table.py --no-run # print the counts of the last run
    python scripts/reliability_table.py --update docs/reliability.md
                                                 # also put it between the table markers

The tests write their counts to ``tests/reliability/.results/counts.json`` (see
``tests/reliability/conftest.py``). Environment variables pass through to the run, so
``FA_KILLS=2000 FA_SLOW=1 python scripts/reliability_table.py`` prints the long mode.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

# The shared helper lives beside this file; tests load the script by path, so say where.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_markers import replace_between  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "tests" / "reliability" / ".results" / "counts.json"
BEGIN, END = "<!-- reliability-table -->", "<!-- /reliability-table -->"

# (claim, test file, counts); "{kill_loop_kills_survived}" reads "kill_loop.kills_survived".
ROWS = [
    (
        "Crash safety: SIGKILL at random moments while creating, editing, deleting, "
        "undoing and redoing; `integrity_check` ok and every acknowledged action present "
        "after each kill",
        "test_kill_loop.py",
        "{kill_loop_kills_survived:,} kills survived; {kill_loop_actions_acknowledged:,} "
        "acknowledged actions all kept ({kill_loop_committed_before_ack:,} killed between "
        "commit and acknowledgement, {kill_loop_rolled_back_in_flight:,} rolled back whole)",
    ),
    (
        "Concurrent use: two processes annotate one file; no lock error, no lost write, "
        "stale edits refused with ConflictError",
        "test_concurrent.py",
        "{concurrent_writes:,} concurrent writes, none lost; "
        "{concurrent_conflicts_detected:,} conflicting edits detected",
    ),
    (
        "Refused imports (empty, binary, non-UTF-8, UTF-16, NUL bytes, over the size limit, "
        "malformed JSON): specific message, project file byte-for-byte unchanged",
        "test_hostile_inputs.py",
        "{hostile_refused_imports:,} inputs",
    ),
    (
        "Hard text imported with exact offsets (CRLF, CR, right-to-left, combining marks, "
        "emoji, a 1,000,000-character line)",
        "test_hostile_inputs.py",
        "{hostile_accepted_imports:,} inputs",
    ),
    (
        "Broken projects (truncated, corrupted, read-only, full disk by pragma and by a real "
        "file-size limit, newer schema, plain SQLite, not SQLite): clear message, file intact",
        "test_hostile_inputs.py",
        "{hostile_broken_projects:,} projects",
    ),
    (
        "Importer fuzzing (hypothesis: random bytes, random text, format-shaped text): only "
        "ImportRejected, accepted text normalised and hashed",
        "test_hostile_inputs.py",
        "{fuzz_import_examples:,} examples",
    ),
    (
        "Nothing a user types destroys a project (issue 12): every entry point (article files, "
        "CSV, JSONL, annotation sets, `.qdpx`, merge) x 14 hostile inputs (empty, binary, NUL, "
        "lone surrogate, UTF-16, cp1252, BOM, CRLF, one huge line, wrong JSON type, offsets out "
        "of range, start > end, 10,000-character speaker, SQL and RTL frame names), one row per "
        "reported hole, export targets, read-only media; exact line, exit code, sha256 unchanged "
        "when refused, `integrity_check` ok",
        "test_hostile_entry_points.py` and `test_hostile_matrix.py",
        "{hostile12_cases:,} cases ({hostile12_matrix:,} entry point x input, "
        "{hostile12_output_paths:,} export targets)",
    ),
    (
        "Annotation-set and `.qdpx` fuzzing (hypothesis: junk fields, broken JSON and XML, "
        "odd folders and bytes): one-line ImportRejected or a set within the limits; a refused "
        "import leaves the project unchanged",
        "test_fuzz_exchange.py",
        "{fuzz_exchange_examples:,} examples",
    ),
    (
        "Nothing from data runs or is fetched: no pickle/eval/exec/marshal/shelve/yaml.load; "
        "SQL-shaped names stored literally; HTML import makes no request",
        "test_no_code_from_data.py",
        "{hostile_sql_shaped_names:,} SQL-shaped names; {no_code_remote_references:,} remote "
        "references in imported HTML, 0 requests",
    ),
    (
        "Backups (online backup API) while another process writes; restore of a corrupted "
        "project; rolling set keeps the newest",
        "test_backup.py",
        "{backup_taken_during_writes:,} backups during writes, all intact; "
        "{backup_restores:,} restore; {backup_rolling_backups:,} rolling backups",
    ),
]


class _Missing:
    def __format__(self, spec: str) -> str:
        return "?"  # a counter the last run did not record


class _Counts(dict):
    def __missing__(self, key: str) -> _Missing:
        return _Missing()


def table(counts: dict[str, int]) -> str:
    """The Markdown table; counter names in the templates use ``_`` for the ``.``."""
    values = _Counts({name.replace(".", "_"): value for name, value in counts.items()})
    lines = ["| What is proved | Test | Count |", "|---|---|---|"]
    for claim, test, template in ROWS:
        lines.append(f"| {claim} | `tests/reliability/{test}` | {template.format_map(values)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-run", action="store_true", help="only print the last counts")
    parser.add_argument(
        "--update",
        type=Path,
        metavar="MARKDOWN",
        help=f"replace the table between {BEGIN} and {END} in this file",
    )
    args = parser.parse_args(argv)
    if not args.no_run:
        RESULTS.unlink(missing_ok=True)  # every count in the table comes from this run
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
            stdout=sys.stderr,  # the table alone goes to stdout
        )
        if run.returncode != 0:
            print("the reliability tests failed; no table", file=sys.stderr)
            return run.returncode
    try:
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"no results yet: {RESULTS} is missing; run without --no-run", file=sys.stderr)
        return 1
    text = table(results["counts"])
    print(text)
    print(f"\n_Counts of the run of {results['updated']}._")
    if args.update:
        replace_between(args.update, BEGIN, END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
