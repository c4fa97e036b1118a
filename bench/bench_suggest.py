"""Speed and linearity of the quote suggester, against spaCy's blank pipeline in the same process.

usage: python bench/bench_suggest.py [--articles N] [--dir DIR] [--max-chars N] [--runs N]

Throughput: the blank suggester (``suggest_many``) and its peer, ``spacy.blank("en")`` +
``sentencizer`` alone (``nlp.pipe``), on the same texts, CPU time (``time.process_time``) and
wall time, median of at least five runs each, interleaved. Texts come from
``../shared/data/polnear-train`` when it exists (read at run time, never copied), else from
articles generated here. Two rows: repeated passes over the same texts, and text neither has
seen (each round a fresh suggester and a fresh peer, warmed on the even-numbered texts, time one
pass over the odd-numbered ones). Tokenizer caches make seen text cheaper, and a new corpus is
unseen, so the goal, at least 0.7x the peer's throughput, is judged on the unseen row.

Linearity: one synthetic article (generated news paragraphs) cut to 1,000 ... 5,000,000
characters, once with its paragraphs and once as a single line, and the CPU time per word of
one ``suggest`` call at each size, against the cost per word at 1,000 characters (goal: within
1.3x at every size). Short texts are repeated within a timed run so each run lasts long enough
to measure. The peer's cost per word on the same text is printed beside it.

Writes ``bench/results/suggest.json``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
# ../shared from the main checkout, ../../shared from a worktree under /work/wt
POLNEAR = next((p / "shared" / "data" / "polnear-train" for p in (ROOT.parent, ROOT.parent.parent)
                if (p / "shared" / "data" / "polnear-train").is_dir()),
               ROOT.parent / "shared" / "data" / "polnear-train")

from benchlib import MIN_RUNS, Bench, Timing  # noqa: E402

NAMES = ["Maria Okafor", "Daniel Reyes", "Lena Park", "Tom Whitaker", "Nadia Varga", "Omar Haddad"]
SENTENCES = [
    "“{q},” {name} said on {day}.",
    "{surname} told reporters that {c}.",
    "According to {name}, {c}.",
    "“{q},” said {name}, a spokeswoman for the agency. “{q}.”",
    "The council met for six hours and approved the plan after a long debate about {topic}.",
    "{c}, officials said.",
    "{surname} had one message for the council: {c}.",  # a colon: the headline rules look around
    "Asked whether {c}, {surname} said no.",
    "She called the proposal a “{topic}” and left the room.",
]
CLAUSES = ["the city would add 200 workers", "the budget was balanced for the first time",
           "the bridge will close for a year", "prices are unlikely to rise soon"]
QUOTES = ["We did not get everything we wanted", "This is a small step but a real one",
          "Nobody expected the numbers to be this bad", "We will be back next year"]
TOPICS = ["road repairs", "library hours", "parking tax", "school buses", "water rates"]
DAYS = ["Monday", "Tuesday", "Friday"]
SIZES = (1_000, 10_000, 100_000, 1_000_000, 5_000_000)
REPEAT_CHARS = 200_000  # the sizes below this are timed on this many characters cut into pieces
LINEAR_GOAL = 1.3
THROUGHPUT_GOAL = 0.7


@dataclass(frozen=True)
class Wording:
    """What generated news is made of: the sentence templates and what fills them."""

    names: list[str]
    sentences: list[str]
    clauses: list[str]
    quotes: list[str]
    topics: list[str]
    days: list[str]


WORDING = Wording(NAMES, SENTENCES, CLAUSES, QUOTES, TOPICS, DAYS)


def news_text(rng: random.Random, paragraphs: int, sentences: int, wording: Wording) -> str:
    """One generated article: ``paragraphs`` of ``sentences`` filled-in templates each."""
    w = wording
    paras = []
    for _p in range(paragraphs):
        sents = []
        for _s in range(sentences):
            name = rng.choice(w.names)
            sents.append(rng.choice(w.sentences).format(
                q=rng.choice(w.quotes), name=name, surname=name.split()[-1],
                day=rng.choice(w.days), c=rng.choice(w.clauses), topic=rng.choice(w.topics)))
        paras.append(" ".join(sents))
    return "\n\n".join(paras)  # fmt: skip


def generated_articles(n: int, seed: int = 7) -> list[str]:
    """News-like articles of about 600 words with quotes of every kind."""
    rng = random.Random(seed)
    return [news_text(rng, 12, 3, WORDING) for _ in range(n)]


def synthetic_article(chars: int, single_line: bool, *, run_on: bool = False) -> str:
    """``chars`` characters of generated news, in paragraphs or as one line; ``run_on``
    also drops every sentence end (a transcript without punctuation: one endless sentence)."""
    body = "\n\n".join(generated_articles(40, seed=11))
    if run_on:
        body = body.translate(RUN_ON)
    text = (body * (chars // len(body) + 1))[:chars]
    return text.replace("\n", " ") if single_line else text


RUN_ON = str.maketrans({".": None, "?": None, "!": None})


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of about ``size`` characters, each cut at a space,
    so that every size below the whole is measured on the same words: a short size repeated
    on the first ``size`` characters measured how dense those were, not what size costs."""
    out, start = [], 0
    while start < len(text):
        end = text.find(" ", start + size) if start + size < len(text) else -1
        end = len(text) if end < 0 else end + 1
        out.append(text[start:end])
        start = end
    return out


Action = Callable[[], object]


def measure_pair(ours: Action, peer: Action, runs: int,
                 fresh: Callable[[], tuple[Action, Action]] | None = None) -> tuple[Timing, Timing]:
    """Median CPU and wall time of ``ours`` and ``peer`` over alternating runs (at least five
    each), so that a change in the machine's load hits both alike. ``fresh``, when given,
    makes a new pair before each round (untimed)."""
    cpu: tuple[list[float], list[float]] = ([], [])
    wall: tuple[list[float], list[float]] = ([], [])
    for _ in range(max(runs, MIN_RUNS)):
        if fresh is not None:
            ours, peer = fresh()
        for k, action in enumerate((ours, peer)):
            c0, w0 = time.process_time(), time.perf_counter()
            action()
            cpu[k].append(time.process_time() - c0)
            wall[k].append(time.perf_counter() - w0)
    ours_t, peer_t = (Timing(statistics.median(cpu[k]), statistics.median(wall[k]), len(cpu[k]),
                             tuple(cpu[k])) for k in (0, 1))
    return ours_t, peer_t


def measure_unseen(texts: list[str], runs: int) -> tuple[Timing, Timing]:
    """:func:`measure_pair` on text neither pipeline has seen: fresh pipelines each round,
    warmed on the even-numbered texts, one pass over the odd-numbered ones."""
    from framing_annotator.nlp import load_suggester

    warm, unseen = texts[::2], texts[1::2]

    def fresh() -> tuple[Action, Action]:
        suggester, peer = load_suggester("blank"), _peer()
        list(suggester.suggest_many(warm))
        list(peer.pipe(warm))
        return (lambda: sum(map(len, suggester.suggest_many(unseen))),
                lambda: list(peer.pipe(unseen)))  # fmt: skip

    return measure_pair(lambda: None, lambda: None, runs, fresh=fresh)


def _peer():
    import spacy

    peer = spacy.blank("en")
    peer.add_pipe("sentencizer")
    peer.max_length = SIZES[-1] + 1  # the peer runs on the 5,000,000-character article too
    return peer


def load_texts(n: int, directory: Path | None) -> tuple[list[str], str]:
    d = directory or (POLNEAR if POLNEAR.is_dir() else None)
    if d is not None and d.is_dir():
        files = sorted(d.glob("*.txt"))[:n]
        if files:
            texts = [f.read_text(encoding="utf-8-sig") for f in files]
            return texts, f"{len(files)} files in {d.name}"
    return generated_articles(n), f"{n} generated articles"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=840)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--max-chars", type=int, default=SIZES[-1])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)

    from framing_annotator.nlp import load_suggester

    bench = Bench("suggest")
    suggester = load_suggester("blank")
    peer = _peer()
    peer_name = 'spacy.blank("en") + sentencizer, nlp.pipe'

    texts, source = load_texts(args.articles, args.dir)
    words = sum(len(t.split()) for t in texts)
    list(suggester.suggest_many(texts[:20]))  # warm up both vocabularies
    list(peer.pipe(texts[:20]))
    ours, alone = measure_pair(lambda: sum(map(len, suggester.suggest_many(texts))),
                               lambda: list(peer.pipe(texts)), args.runs)
    seen = alone.cpu_s / ours.cpu_s
    bench.row(f"suggest_many, {source} ({words:,} words), repeated passes", ours, peer=alone,
              peer_name=peer_name, words=words, words_per_cpu_s=round(words / ours.cpu_s),
              peer_words_per_cpu_s=round(words / alone.cpu_s),
              throughput_vs_peer=round(seen, 3))  # fmt: skip
    ours, alone = measure_unseen(texts, args.runs)
    unseen_words = sum(len(t.split()) for t in texts[1::2])
    throughput = alone.cpu_s / ours.cpu_s
    bench.row(f"suggest_many, the odd-numbered half of {source} ({unseen_words:,} words), unseen",
              ours, peer=alone, peer_name=peer_name + ", also unseen", words=unseen_words,
              words_per_cpu_s=round(unseen_words / ours.cpu_s),
              peer_words_per_cpu_s=round(unseen_words / alone.cpu_s),
              throughput_vs_peer=round(throughput, 3), goal_throughput=THROUGHPUT_GOAL,
              meets_throughput_goal=throughput >= THROUGHPUT_GOAL)  # fmt: skip

    linear: dict[str, list[dict]] = {}
    layouts = (("paragraphs", False, False), ("one line", True, False),
               ("one line, no sentence ends", True, True))  # fmt: skip
    for layout, single_line, run_on in layouts:
        base = None
        for size in (s for s in SIZES if s <= args.max_chars):
            # below REPEAT_CHARS, the same REPEAT_CHARS characters in pieces of this size
            whole = synthetic_article(max(size, REPEAT_CHARS), single_line, run_on=run_on)
            texts = pieces(whole, size) if size < REPEAT_CHARS else [whole]
            n_words = sum(len(text.split()) for text in texts)
            repeat = len(texts)

            def run_ours(texts: list[str] = texts) -> None:
                for text in texts:
                    suggester.suggest(text)

            def run_peer(texts: list[str] = texts) -> None:
                for text in texts:
                    peer(text)

            runs = args.runs if size < 1_000_000 else max(5, min(args.runs, 5))
            t_ours, t_peer = measure_pair(run_ours, run_peer, runs)
            us_word = t_ours.cpu_s / n_words * 1e6
            peer_us_word = t_peer.cpu_s / n_words * 1e6
            base = base or us_word
            label = f"{repeat} pieces of" if repeat > 1 else "one"
            row = bench.row(
                f"suggest {label} {size:,}-char article, {layout}", t_ours, peer=t_peer,
                peer_name="spacy.blank('en') + sentencizer on the same text", chars=size,
                words=n_words, layout=layout, us_per_word=round(us_word, 3),
                peer_us_per_word=round(peer_us_word, 3),
                cost_per_word_vs_1000_chars=round(us_word / base, 3),
                meets_linear_goal=max(us_word / base, base / us_word) <= LINEAR_GOAL)
            linear.setdefault(layout, []).append(row)

    bench.notes["throughput"] = (
        f"on text neither has seen the suggester runs at {throughput:.2f}x the throughput of "
        f"{peer_name} on CPU time (goal >= {THROUGHPUT_GOAL}); on repeated passes over the "
        f"same texts {seen:.2f}x")
    for layout, rows in linear.items():
        ratios = [r["cost_per_word_vs_1000_chars"] for r in rows]
        worst = max(max(ratios), 1 / min(ratios))
        bench.notes[f"linearity, {layout}"] = (
            "CPU us per word by size: " + ", ".join(
                f"{r['chars']:,}: {r['us_per_word']:.2f}" for r in rows)
            + f"; the costs differ by at most {worst:.2f}x from the 1,000-char cost "
              f"(goal <= {LINEAR_GOAL})")
    bench.finish()
    for key, note in bench.notes.items():
        print(f"note: {key}: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
