"""The window's two spaCy workers (the quote suggester and the frame learner) start
together; each imports nlp/ under one lock, or the two imports meet spaCy half made
("cannot import name 'Language' from partially initialized module 'spacy.language')."""

from __future__ import annotations

import threading

from framing_annotator.services import frames, suggestions
from framing_annotator.services.nlp_import import nlp_import_lock
from framing_annotator.services.project import Project

HOLD_S = 1.5
"""How long the test holds the lock: far longer than either job takes once spaCy is
imported (a tenth of a second or so), so a job that finishes meanwhile took no lock."""


def _waits_for_the_lock(job) -> bool:
    """True when ``job``, run in a thread, cannot finish while the lock is held and does
    once it is released."""
    job()  # spaCy and our modules imported first: what is left is fast
    done = threading.Event()
    worker = threading.Thread(target=lambda: (job(), done.set()))
    with nlp_import_lock:
        worker.start()
        blocked = not done.wait(HOLD_S)
    worker.join(30)
    return blocked and done.is_set()


def test_loading_the_suggester_imports_under_the_lock():
    assert _waits_for_the_lock(lambda: suggestions.load_suggester("blank"))


def test_the_frame_learner_imports_under_the_lock(tmp_path):
    Project.open(tmp_path / "p.sqlite", create=True).close()

    def stored_learner() -> None:  # a worker opens its own connection
        project = Project.open(tmp_path / "p.sqlite")
        try:
            frames.stored_learner(project.repo, "ana")
        finally:
            project.close()

    assert _waits_for_the_lock(stored_learner)
