"""Crash safety: SIGKILL the write path at random moments; nothing acknowledged is lost.

A worker (``writer.py``) runs AnnotationSession commands on a real project file and says
which quote each action touches and what it will look like ("intent"), then acknowledges
the action once it is committed. The parent kills it with SIGKILL at a random moment,
checks the file, and starts it again.

After every kill the file must pass ``PRAGMA integrity_check`` and hold exactly the
acknowledged state, except that the one action announced but not yet acknowledged may be
either fully there or fully absent (the kill fell between COMMIT and the acknowledgement,
or before COMMIT): never half of it.

``FA_KILLS`` sets the number of kills (200 by default, about 30 to 50 s on two cores);
``FA_KILLS=2000`` is the long mode to run by hand.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from reliability_support import (
    HERE,
    PYTHON,
    WORKER_ENV,
    forbidden_loaded,
    integrity,
    make_project,
    quote_states,
)

KILLS = int(os.environ.get("FA_KILLS", "200"))
ANNOTATOR = "ana"


def _parse(out: str) -> tuple[list[dict], set[int], dict | None]:
    """(intents in order, acknowledged sequence numbers, ready line) from worker output.

    A kill can cut the last line short; an incomplete last line is ignored (it was never
    a complete acknowledgement).
    """
    intents, acks, ready = [], set(), None
    lines = out.split("\n")
    for line in lines[:-1]:  # the text after the last newline is an unfinished line
        kind, _, payload = line.partition(" ")
        if kind == "I":
            intents.append(json.loads(payload))
        elif kind == "A":
            acks.add(int(payload))
        elif kind == "R":
            ready = json.loads(payload)
        else:
            raise AssertionError(f"unexpected worker output: {line!r}")
    return intents, acks, ready


def _apply(expected: dict[str, dict], intent: dict) -> dict[str, dict]:
    result = dict(expected)
    if intent["after"] is None:
        result.pop(intent["uuid"], None)
    else:
        result[intent["uuid"]] = intent["after"]
    return result


def test_sigkill_loses_no_acknowledged_action(tmp_path: Path, counts) -> None:
    path = tmp_path / "project.sqlite"
    make_project(path)
    rng = random.Random(int(os.environ.get("FA_KILL_SEED", "7")))
    expected: dict[str, dict] = {}
    acknowledged = in_flight_committed = in_flight_lost = 0
    started = time.monotonic()
    errors = tmp_path / "worker-stderr.txt"
    for kill in range(KILLS):
        with errors.open("w") as stderr:
            worker = subprocess.Popen(
                [PYTHON, str(HERE / "writer.py"), str(path), ANNOTATOR, str(rng.randrange(2**31))],
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=WORKER_ENV,
                text=True,
                encoding="utf-8",
            )
        head = ""
        if rng.random() < 0.85:
            # Mostly kill while it writes; sometimes while it starts (opening, migrating
            # nothing, registering the annotator) or before it is even running.
            head = worker.stdout.readline()
            time.sleep(rng.uniform(0, 0.06))
        else:
            time.sleep(rng.uniform(0, 0.2))
        os.kill(worker.pid, signal.SIGKILL)
        # Read through the same buffered stream as readline() above: communicate() would
        # read the pipe directly and miss lines that readline() had already buffered.
        out = worker.stdout.read()
        worker.stdout.close()
        worker.wait(timeout=30)
        assert worker.returncode == -signal.SIGKILL, (
            f"kill {kill}: the worker stopped by itself ({worker.returncode}): "
            f"{out[-500:]}{errors.read_text()}"
        )
        intents, acks, ready = _parse(head + out)
        if ready is not None:
            assert ready["forbidden"] == [], f"the write path imported {ready['forbidden']}"

        assert integrity(path) == "ok", f"kill {kill}: integrity check failed"
        pending = None
        for intent in intents:
            if intent["seq"] in acks:
                expected = _apply(expected, intent)
                acknowledged += 1
            else:
                assert intent is intents[-1], "only the last action can be unacknowledged"
                pending = intent
        stored = quote_states(path, ANNOTATOR)
        if stored != expected:
            assert pending is not None, f"kill {kill}: an acknowledged action is missing"
            with_pending = _apply(expected, pending)
            assert stored == with_pending, (
                f"kill {kill}: the file holds neither the acknowledged state nor that state "
                f"plus the action in flight ({pending['op']} of {pending['uuid']})"
            )
            expected = with_pending  # committed just before the kill: now it is the truth
            in_flight_committed += 1
        elif pending is not None:
            in_flight_lost += 1

    elapsed = time.monotonic() - started
    counts.add("kill_loop.kills_survived", KILLS)
    counts.add("kill_loop.actions_acknowledged", acknowledged)
    counts.add("kill_loop.committed_before_ack", in_flight_committed)
    counts.add("kill_loop.rolled_back_in_flight", in_flight_lost)
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s: {acknowledged} acknowledged actions kept, "
        f"{in_flight_committed} committed before their acknowledgement, "
        f"{in_flight_lost} in flight and rolled back; {len(expected)} quotes at the end"
    )
    # The run proves something only if the kills landed among the writes.
    assert acknowledged >= KILLS, "too few actions between kills: the loop tests nothing"


def test_write_path_imports_no_qt_and_no_spacy() -> None:
    """Importing the session (the write path) stays cheap: no GUI and no NLP stack."""
    code = (
        "import framing_annotator.services.annotation, framing_annotator.services.commands\n"
        "import framing_annotator.services.project\n"
        "from reliability_support import forbidden_loaded\n"
        "print(','.join(forbidden_loaded()))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, env=WORKER_ENV, check=True
    )
    assert result.stdout.strip() == ""


def test_forbidden_module_check_can_fail() -> None:
    """The guard would notice Qt or spaCy, even as a submodule."""
    assert forbidden_loaded(["os", "spacy.lang.en", "PySide6.QtCore", "json"]) == [
        "PySide6",
        "spacy",
    ]
    assert forbidden_loaded(["os", "spacy_lookups_data_not_spacy"]) == []
