"""Atomic output: every export file appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ...domain.errors import CannotWrite


@contextlib.contextmanager
def atomic_paths(*targets: Path) -> Iterator[list[Path]]:
    """Yield temporary paths beside ``targets``; on success each replaces its target.

    The temporary files live in the target's folder, so ``os.replace`` is a rename on
    one file system. On any error (or a cancel) they are removed and the targets are
    left as they were. No folder is created: a missing one is the caller's mistake,
    refused by ``services/output_path.py`` before anything is written. With several
    targets the last one is replaced last, so callers put the main file last.
    """
    temps: list[Path] = []
    try:
        for target in targets:
            handle, name = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".part"
            )
            os.close(handle)
            temps.append(Path(name))
        yield list(temps)
        for temp, target in zip(temps, targets, strict=True):
            os.chmod(temp, 0o644)  # mkstemp makes 0600; an export is meant to be shared
            os.replace(temp, target)
    except OSError as exc:  # a read-only folder, a full disk, a removed drive
        where = targets[len(temps)] if len(temps) < len(targets) else targets[-1]
        raise CannotWrite(
            f"{where}: cannot be written ({exc.strerror or exc}); nothing was replaced"
        ) from exc
    finally:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
