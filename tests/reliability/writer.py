"""Kill-loop worker: annotate through the service layer until killed.

Usage: ``python writer.py PROJECT ANNOTATOR SEED``

It runs random AnnotationSession commands (create, edit frames/note/span, delete, undo,
redo) on the first article of PROJECT and talks to the parent on stdout, one line each,
flushed:

- ``R {"forbidden": [...]}`` once the session is open (Qt or spaCy modules loaded, if any);
- ``I {"seq": n, "op": ..., "uuid": ..., "after": state | null}`` before an action: the
  quote it touches and the state that quote will have once the action is committed;
- ``A n`` once action ``n`` is committed (the acknowledgement the user would see).

After each commit the worker reads the quote back and stops with exit code 2 if it is not
the announced state, so a wrong prediction is a failure, not a silent pass.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from reliability_support import forbidden_loaded

from framing_annotator.domain.errors import NotFound
from framing_annotator.domain.model import Quote, QuoteKind
from framing_annotator.domain.spans import Span
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import Command, CreateQuote, DeleteQuote, EditQuote
from framing_annotator.store.repository import Repository

MAX_QUOTES = 25  # keeps the project small, so a restart stays fast


def state(quote: Quote | None) -> dict | None:
    """The fields the parent checks, in the shape ``reliability_support.quote_states`` reads."""
    if quote is None:
        return None
    return {
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind.value,
        "note": quote.note,
        "frames": sorted(quote.frames),
        "version": quote.version,
    }


@dataclass
class Step:
    """One command on the worker's own undo stack, with the quote it touches."""

    command: Command
    uuid: str
    before: Quote | None  # the quote's fields before ``do`` (None: it did not exist)
    after: Quote | None  # and after


class Writer:
    def __init__(self, repo: Repository, annotator: str, rng: random.Random) -> None:
        self.repo = repo
        self.rng = rng
        self.session = AnnotationSession(repo, annotator)
        self.annotator = annotator
        self.article = repo.article(repo.article_summaries()[0].id)
        self.frames = list(repo.codebook().keys)
        # What is stored now, by UUID; after a restart this is re-read from the file.
        self.current: dict[str, Quote] = {q.uuid: q for q in repo.quotes(annotator=annotator)}
        self.deleted_version: dict[str, int] = {}
        self.done: list[Step] = []
        self.undone: list[Step] = []
        self.seq = 0

    # -- predicting what a step stores ------------------------------------------------

    def predicted(self, uuid: str, target: Quote | None) -> Quote | None:
        """The stored quote once ``uuid`` is set to ``target``'s fields.

        Inserts keep the version a quote had (a new quote starts at 1); every update adds one.
        """
        if target is None:
            return None
        now = self.current.get(uuid)
        if now is None:
            return replace(target, version=self.deleted_version.get(uuid, 1))
        return replace(target, version=now.version + 1)

    def run(self, op: str, uuid: str, target: Quote | None, action) -> None:
        self.seq += 1
        after = self.predicted(uuid, target)
        line = {"seq": self.seq, "op": op, "uuid": uuid, "after": state(after)}
        print("I", json.dumps(line), flush=True)
        action()
        try:
            stored = self.repo.quote(uuid)
        except NotFound:
            stored = None
        if state(stored) != state(after):
            print("E", json.dumps({"seq": self.seq, "stored": state(stored)}), flush=True)
            sys.exit(2)
        print("A", self.seq, flush=True)
        if stored is None:
            self.deleted_version[uuid] = self.current.pop(uuid).version
        else:
            self.current[uuid] = stored

    # -- the actions -------------------------------------------------------------------

    def random_span(self) -> Span:
        n = len(self.article.text)
        start = self.rng.randrange(0, n - 1)
        return Span(start, self.rng.randrange(start + 1, min(n, start + 80) + 1))

    def execute(self, op: str, command: Command, uuid: str, before, after) -> None:
        step = Step(command, uuid, before, after)

        def action() -> None:
            self.session.execute(command)
            self.done.append(step)
            self.undone.clear()

        self.run(op, uuid, after, action)

    def create(self) -> None:
        quote = Quote(
            article_id=self.article.id,
            annotator=self.annotator,
            span=self.random_span(),
            kind=self.rng.choice(list(QuoteKind)),
            frames=frozenset(self.rng.sample(self.frames, self.rng.randint(0, 2))),
            note=self.rng.choice(["", "check", "ironic?"]),
        )
        self.execute("create", CreateQuote(quote), quote.uuid, None, quote)

    def edit(self) -> None:
        quote = self.current[self.rng.choice(sorted(self.current))]
        what = self.rng.choice(["frames", "note", "span"])
        if what == "frames":
            new = replace(
                quote, frames=frozenset(self.rng.sample(self.frames, self.rng.randint(0, 3)))
            )
        elif what == "note":
            new = replace(quote, note=f"note {self.seq} ‘é’ 🙂")
        else:
            new = replace(quote, span=self.random_span())
        self.execute(f"edit-{what}", EditQuote(quote, new), quote.uuid, quote, new)

    def delete(self) -> None:
        quote = self.current[self.rng.choice(sorted(self.current))]
        self.execute("delete", DeleteQuote(quote), quote.uuid, quote, None)

    def undo(self) -> None:
        step = self.done[-1]

        def action() -> None:
            self.session.undo()
            self.undone.append(self.done.pop())

        self.run("undo", step.uuid, step.before, action)

    def redo(self) -> None:
        step = self.undone[-1]

        def action() -> None:
            self.session.redo()
            self.done.append(self.undone.pop())

        self.run("redo", step.uuid, step.after, action)

    def step(self) -> None:
        choices = ["create"] * 3
        if self.current:
            choices += ["edit"] * 4 + ["delete"] * (1 + len(self.current) // 8)
        if self.done:
            choices += ["undo"] * 2
        if self.undone:
            choices += ["redo"] * 2
        if len(self.current) >= MAX_QUOTES:
            choices = [c for c in choices if c != "create"]
        getattr(self, self.rng.choice(choices))()


def main(argv: list[str]) -> int:
    path, annotator, seed = Path(argv[1]), argv[2], int(argv[3])
    forbidden = forbidden_loaded()
    if forbidden:  # the write path must start fast: no GUI and no NLP stack
        print("R", json.dumps({"forbidden": forbidden}), flush=True)
        return 3
    writer = Writer(Repository.open(path), annotator, random.Random(seed))
    print("R", json.dumps({"forbidden": forbidden_loaded()}), flush=True)
    limit = int(argv[4]) if len(argv) > 4 else -1
    while limit != 0:  # until killed (or, for a bounded run, ``limit`` actions)
        writer.step()
        limit -= 1
    writer.repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
