"""The command line: ``framing-annotator COMMAND ...``.

User errors (a bad file, a locked project) end with a one-line reason and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..domain.errors import KnownError
from . import agreement_commands, exchange_commands, frames_commands, project_commands, suggest

COMMANDS = ("import", "articles", "info", "search", "suggest", "agreement", "export", "merge",
            "frames")  # fmt: skip


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
    frames_commands.register(subparsers)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
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
