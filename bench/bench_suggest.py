"""Words per second of the quote suggester, printed as a table.

usage: python bench/bench_suggest.py [--pipeline blank] [--articles N] [--dir DIR]

Texts come from ``../shared/data/polnear-train`` when it exists (read at run time, never
copied), else from articles generated here. When textacy and a trained English pipeline
are installed, textacy's ``extract.triples.direct_quotations`` runs on the same texts in
the same run, and the trained pipeline alone is timed too, for comparison.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "data" / "polnear-train"

NAMES = ["Maria Okafor", "Daniel Reyes", "Lena Park", "Tom Whitaker", "Nadia Varga", "Omar Haddad"]
SENTENCES = [
    "“{q},” {name} said on {day}.",
    "{surname} told reporters that {c}.",
    "According to {name}, {c}.",
    "“{q},” said {name}, a spokeswoman for the agency. “{q}.”",
    "The council met for six hours and approved the plan after a long debate about {topic}.",
    "{c}, officials said.",
    "She called the proposal a “{topic}” and left the room.",
]
CLAUSES = ["the city would add 200 workers", "the budget was balanced for the first time",
           "the bridge will close for a year", "prices are unlikely to rise soon"]
QUOTES = ["We did not get everything we wanted", "This is a small step but a real one",
          "Nobody expected the numbers to be this bad", "We will be back next year"]
TOPICS = ["road repairs", "library hours", "parking tax", "school buses", "water rates"]
DAYS = ["Monday", "Tuesday", "Friday"]


def generated_articles(n: int, seed: int = 7) -> list[str]:
    """News-like articles of about 600 words with quotes of every kind."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        paras = []
        for _p in range(12):
            sents = []
            for _s in range(3):
                name = rng.choice(NAMES)
                sents.append(rng.choice(SENTENCES).format(
                    q=rng.choice(QUOTES), name=name, surname=name.split()[-1], day=rng.choice(DAYS),
                    c=rng.choice(CLAUSES), topic=rng.choice(TOPICS)))
            paras.append(" ".join(sents))
        out.append("\n\n".join(paras))
    return out


def load_texts(n: int, directory: Path | None) -> tuple[list[str], str]:
    d = directory or (POLNEAR if POLNEAR.is_dir() else None)
    if d is not None and d.is_dir():
        files = sorted(d.glob("*.txt"))[:n]
        if files:
            return [f.read_text(encoding="utf-8-sig") for f in files], f"{len(files)} files in {d}"
    return generated_articles(n), f"{n} generated articles"


def words_per_second(fn, texts: list[str]) -> tuple[float, float]:
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    fn(texts)
    wall = time.perf_counter() - t0
    return words / wall, wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pipeline", default="blank")
    ap.add_argument("--articles", type=int, default=840)
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args(argv)
    texts, source = load_texts(args.articles, args.dir)
    words = sum(len(t.split()) for t in texts)

    from framing_annotator.nlp import load_suggester

    rows: list[tuple[str, float, float]] = []
    suggester = load_suggester(args.pipeline)
    suggester.suggest(texts[0])  # warm up
    wps, wall = words_per_second(lambda ts: sum(map(len, suggester.suggest_many(ts))), texts)
    rows.append((f"framing-annotator ({suggester.pipeline_name})", wps, wall))

    notes = []
    trained = next((n for n in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")
                    if importlib.util.find_spec(n)), None)
    if trained and args.pipeline == "blank":
        s2 = load_suggester(trained)
        wps, wall = words_per_second(lambda ts: sum(map(len, s2.suggest_many(ts))), texts)
        rows.append((f"framing-annotator ({s2.pipeline_name})", wps, wall))
    if trained:
        import spacy

        nlp = spacy.load(trained)
        wps, wall = words_per_second(lambda ts: list(nlp.pipe(ts)), texts)
        rows.append((f"{trained} alone", wps, wall))
        if importlib.util.find_spec("textacy"):
            from textacy.extract.triples import direct_quotations

            def textacy_run(ts: list[str]) -> None:
                for doc in nlp.pipe(ts):
                    list(direct_quotations(doc))

            wps, wall = words_per_second(textacy_run, texts)
            rows.append((f"textacy direct_quotations on {trained}", wps, wall))
        else:
            notes.append("textacy is not installed: its row is skipped")
    else:
        notes.append("no trained English pipeline installed: textacy and trained rows skipped")

    print(f"# {source}, {words:,} words, one process")
    print(f"| {'pipeline':<52} | {'words/s':>10} | {'seconds':>8} |")
    print(f"|{'-' * 54}|{'-' * 12}|{'-' * 10}|")
    for name, wps, wall in rows:
        print(f"| {name:<52} | {wps:>10,.0f} | {wall:>8.2f} |")
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
