"""``python -m framing_annotator`` and the ``framing-annotator`` entry point.

With no arguments, or with a project file as the only argument, the window
opens; anything else is a command-line command.
"""

from __future__ import annotations

import sys


def wants_window(argv: list[str]) -> bool:
    from .cli import COMMANDS

    return not argv or (len(argv) == 1 and argv[0] not in COMMANDS and not argv[0].startswith("-"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if wants_window(argv):
        from .app import run_window

        return run_window(argv[0] if argv else None)
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
