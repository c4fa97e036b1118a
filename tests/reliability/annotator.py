"""Concurrency worker: one annotator's session, driven line by line over stdin.

Usage: ``python annotator.py PROJECT ANNOTATOR``. Each request is one JSON line on stdin,
each reply one JSON line on stdout. Any exception other than the expected
:class:`ConflictError` is reported as ``{"error": ...}`` with its type, so the parent can
assert that nothing like "database is locked" ever reached the user.

Requests:

- ``{"cmd": "create", "n": N, "start_at": t}``: wait until wall time ``t`` (so that both
  processes start together), then create N quotes, one transaction each.
- ``{"cmd": "hold", "uuid": u}``: read the quote and keep that copy, as a window would.
- ``{"cmd": "edit_held", "note": s}``: edit the held copy (stale if someone changed it).
- ``{"cmd": "race", "uuid": u, "n": N, "start_at": t}``: N times, read the quote fresh and
  edit its note, as a user who reloads after each conflict; counts wins and conflicts.
- ``{"cmd": "hold_lock", "seconds": s, "start_at": t}``: one transaction that keeps the
  write lock for ``s`` seconds, as a long import on a slow disk would.
- ``{"cmd": "busy_timeout", "ms": n}``: shorten this connection's wait for the lock.
- ``{"cmd": "try_create"}``: one create; a KnownError comes back as ``{"known": message}``.
- ``{"cmd": "quit"}``.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from dataclasses import replace
from pathlib import Path

from framing_annotator.domain.errors import ConflictError, KnownError
from framing_annotator.domain.model import Quote
from framing_annotator.domain.spans import Span
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import CreateQuote, EditQuote
from framing_annotator.store.repository import Repository


def _wait(start_at: float | None) -> None:
    if start_at is not None:
        time.sleep(max(0.0, start_at - time.time()))


class Annotator:
    def __init__(self, path: Path, name: str) -> None:
        self.repo = Repository.open(path)
        self.name = name
        self.session = AnnotationSession(self.repo, name)
        self.article = self.repo.article(self.repo.article_summaries()[0].id)
        self.held: Quote | None = None

    def create(self, n: int, start_at: float | None = None) -> dict:
        _wait(start_at)
        started = time.monotonic()
        uuids = []
        length = len(self.article.text)
        for i in range(n):
            start = (i * 7) % (length - 20)
            quote = Quote(
                article_id=self.article.id,
                annotator=self.name,
                span=Span(start, start + 10),
                note=f"{self.name} {i}",
            )
            self.session.execute(CreateQuote(quote))
            uuids.append(quote.uuid)
        return {"created": uuids, "seconds": time.monotonic() - started}

    def hold_lock(self, seconds: float, start_at: float | None = None) -> dict:
        _wait(start_at)
        started = time.monotonic()
        with self.repo.transaction() as repo:  # BEGIN IMMEDIATE: the write lock, at once
            repo.set_meta("lock_held_by", self.name)
            time.sleep(seconds)
        return {"seconds": time.monotonic() - started}

    def busy_timeout(self, ms: int) -> dict:
        self.repo.db.execute(f"PRAGMA busy_timeout = {int(ms)}")
        return {}

    def try_create(self) -> dict:
        try:
            return self.create(1)
        except KnownError as exc:
            return {"known": exc.message, "code": exc.code}

    def hold(self, uuid: str) -> dict:
        self.held = self.repo.quote(uuid)
        return {"version": self.held.version, "note": self.held.note}

    def edit_held(self, note: str) -> dict:
        assert self.held is not None
        try:
            command = EditQuote(self.held, replace(self.held, note=note))
            self.session.execute(command)
        except ConflictError as exc:
            return {"conflict": exc.message, "code": exc.code}
        return {"version": command.current.version}

    def race(self, uuid: str, n: int, start_at: float | None = None) -> dict:
        _wait(start_at)
        wins = conflicts = 0
        for i in range(n):
            quote = self.repo.quote(uuid)  # reload, as the conflict message asks
            try:
                self.session.execute(EditQuote(quote, replace(quote, note=f"{self.name} {i}")))
                wins += 1
            except ConflictError:
                conflicts += 1
        return {"wins": wins, "conflicts": conflicts}


def main(argv: list[str]) -> int:
    worker = Annotator(Path(argv[1]), argv[2])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        cmd = request.pop("cmd")
        if cmd == "quit":
            break
        try:
            reply = getattr(worker, cmd)(**request)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            reply = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
        print(json.dumps(reply), flush=True)
    worker.repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
