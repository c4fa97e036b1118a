"""The command line: ``framing-annotator COMMAND ...``.

User errors (a bad file, a locked project) end with a one-line reason and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..domain.errors import KnownError
from ..domain.limits import bad_character
from . import (
    agreement_commands,
    corpus,
    exchange_commands,
    frames_commands,
    project_commands,
    report_commands,
    suggest,
)

COMMANDS = ("import", "articles", "info", "search", "suggest", "agreement", "report", "export",
            "merge", "corpus", "frames")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing-annotator",
        description="Annotate quotes, speakers and frames in news articles. "
        "Run without a command to open the window on the last project, or give "
        "a PROJECT file to open it: framing-annotator PROJECT",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    project_commands.register(subparsers)
    suggest.register(subparsers)
    exchange_commands.register(subparsers)
    agreement_commands.register(subparsers)
    report_commands.register(subparsers)
    corpus.register(subparsers)
    frames_commands.register(subparsers)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    problem = _undecodable_argument(args)
    if problem:
        print(f"framing-annotator: error: {problem}", file=sys.stderr)
        return 2
    try:
        return handler(args)
    except KnownError as exc:
        print(f"framing-annotator: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("framing-annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


_FILE_NAMES = {"output"}
"""Arguments kept as ``str`` that are file names (see ``export -o``)."""


def _undecodable_argument(args: argparse.Namespace) -> str | None:
    """A text argument (a query, a name) typed in bytes that are not UTF-8 arrives with lone
    surrogates (Python's surrogateescape), which SQLite cannot take: say so in one line.
    File names are left alone: the file system accepts such names."""
    for name, value in vars(args).items():
        if name in _FILE_NAMES:
            continue
        for item in value if isinstance(value, list | tuple) else (value,):
            problem = isinstance(item, str) and bad_character(item)
            if problem:
                option = "--" + name.replace("_", "-") if name not in ("query",) else name.upper()
                return f"{option} holds {problem}; type it as UTF-8 text"
    return None
