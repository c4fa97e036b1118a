"""Two annotators on one project file at once, in two real processes.

Claims: no "database is locked" (or any other error) reaches either user, no write is
lost, and an edit to a quote the other process changed meanwhile raises ConflictError
while the other process's value survives.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import (
    HERE,
    PYTHON,
    WORKER_ENV,
    integrity,
    make_project,
    quote_states,
)

WRITES = 150  # quotes each annotator creates during the burst
RACE = 60  # edits each annotator makes to the one shared quote
HOLD = 1.0  # seconds one annotator keeps the write lock (the wait allows 10)


class Worker:
    """One annotator process, spoken to over its stdin and stdout."""

    def __init__(self, path: Path, name: str) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [PYTHON, str(HERE / "annotator.py"), str(path), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=WORKER_ENV,
            text=True,
            encoding="utf-8",
        )
        assert self.receive() == {"ready": True}

    def send(self, cmd: str, **args) -> None:
        self.proc.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        self.proc.stdin.flush()

    def receive(self) -> dict:
        line = self.proc.stdout.readline()
        assert line, f"{self.name}'s process died (exit code {self.proc.poll()})"
        reply = json.loads(line)
        assert "error" not in reply, f"{self.name} saw an error: {reply.get('trace')}"
        return reply

    def ask(self, cmd: str, **args) -> dict:
        self.send(cmd, **args)
        return self.receive()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("quit")
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "shared.sqlite"
    make_project(path)
    return path


@pytest.fixture
def pair(project_path: Path) -> Iterator[tuple[Worker, Worker]]:
    ana, ben = Worker(project_path, "ana"), Worker(project_path, "ben")
    yield ana, ben
    ana.close()
    ben.close()


def _together(ana: Worker, ben: Worker, cmd: str, **args) -> tuple[dict, dict]:
    """Send the same request to both and let them start at the same instant."""
    start_at = time.time() + 0.2
    ana.send(cmd, start_at=start_at, **args)
    ben.send(cmd, start_at=start_at, **args)
    return ana.receive(), ben.receive()


def test_two_annotators_write_at_once_and_lose_nothing(project_path, pair, counts) -> None:
    ana, ben = pair
    from_ana, from_ben = _together(ana, ben, "create", n=WRITES)
    stored = quote_states(project_path)
    assert len(stored) == 2 * WRITES  # every acknowledged create is there
    assert set(from_ana["created"]) | set(from_ben["created"]) == set(stored)
    assert set(quote_states(project_path, "ana")) == set(from_ana["created"])
    assert integrity(project_path) == "ok"
    counts.add("concurrent.writes", 2 * WRITES)


def test_writes_wait_for_a_long_transaction_of_the_other(project_path, pair, counts) -> None:
    """Ben's saves queue behind Ana's long transaction (busy_timeout), and none fails."""
    ana, ben = pair
    start_at = time.time() + 0.2
    ana.send("hold_lock", seconds=HOLD, start_at=start_at)
    ben.send("create", n=WRITES, start_at=start_at + 0.1)  # starts while Ana holds the lock
    held, created = ana.receive(), ben.receive()
    assert held["seconds"] >= HOLD
    assert created["seconds"] > HOLD - 0.3  # Ben really waited for Ana
    assert len(quote_states(project_path, "ben")) == WRITES
    assert integrity(project_path) == "ok"
    counts.add("concurrent.writes", WRITES + 1)


def test_a_lock_held_too_long_gives_a_clear_message_and_loses_nothing(
    project_path, pair, counts
) -> None:
    """Past the wait, the user reads "busy … nothing was lost, try again", not a raw error.

    Ben's wait is shortened to 0.2 s so that the test need not outlast the real 10 s.
    """
    ana, ben = pair
    ben.ask("busy_timeout", ms=200)
    ana.send("hold_lock", seconds=HOLD, start_at=time.time())
    time.sleep(0.3)  # Ana has the lock now
    refused = ben.ask("try_create")
    assert refused["code"] == "FA202"  # ProjectUnavailable
    assert refused["known"] == (
        f"{project_path} is busy in another window or program; nothing was lost, try again"
    )
    ana.receive()
    assert quote_states(project_path, "ben") == {}  # the refused create left nothing
    assert len(ben.ask("try_create")["created"]) == 1  # and trying again works
    counts.add("concurrent.writes", 2)


def test_racing_edits_of_one_quote_are_each_kept_or_refused(project_path, pair, counts) -> None:
    ana, ben = pair
    (shared,) = ana.ask("create", n=1)["created"]
    from_ana, from_ben = _together(ana, ben, "race", uuid=shared, n=RACE)
    for reply in (from_ana, from_ben):
        assert reply["wins"] + reply["conflicts"] == RACE  # and no other outcome
    wins = from_ana["wins"] + from_ben["wins"]
    stored = quote_states(project_path)[shared]
    # Each accepted edit added exactly one version: none overwrote another unseen.
    assert stored["version"] == 1 + wins
    assert stored["note"].split()[0] in {"ana", "ben"}
    assert integrity(project_path) == "ok"
    counts.add("concurrent.writes", wins + 1)
    counts.add("concurrent.conflicts_detected", from_ana["conflicts"] + from_ben["conflicts"])


def test_stale_edit_is_refused_and_the_other_value_survives(project_path, pair, counts) -> None:
    ana, ben = pair
    (shared,) = ana.ask("create", n=1)["created"]
    assert ana.ask("hold", uuid=shared)["version"] == 1  # Ana's window shows version 1
    assert ben.ask("hold", uuid=shared)["version"] == 1
    assert ben.ask("edit_held", note="Ben's reading")["version"] == 2  # Ben saves first
    refused = ana.ask("edit_held", note="Ana's reading")
    assert refused["code"] == "FA301"  # ConflictError
    assert "changed in another window meanwhile" in refused["conflict"]
    assert "reload" in refused["conflict"]
    stored = quote_states(project_path)[shared]
    assert stored["note"] == "Ben's reading" and stored["version"] == 2
    counts.add("concurrent.conflicts_detected")


def test_after_a_conflict_a_reload_lets_the_edit_through(project_path, pair) -> None:
    """The conflict message says "reload": after reloading, the edit must succeed."""
    ana, ben = pair
    (shared,) = ana.ask("create", n=1)["created"]  # Ana wrote version 1 herself
    ben.ask("hold", uuid=shared)
    ben.ask("edit_held", note="Ben's reading")
    assert ana.ask("hold", uuid=shared) == {"version": 2, "note": "Ben's reading"}
    reply = ana.ask("edit_held", note="Ana after reading Ben")
    assert reply == {"version": 3}, reply
