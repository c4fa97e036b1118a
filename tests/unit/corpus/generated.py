"""Generated news-like articles for the corpus tests: quotes of every kind, several outlets."""

from __future__ import annotations

import random

NAMES = ["Maria Okafor", "Daniel Reyes", "Lena Park", "Tom Whitaker", "Nadia Varga"]
SENTENCES = [
    "“{q},” {name} said on {day}.",
    "{surname} told reporters that {c}.",
    "According to {name}, {c}.",
    "“{q},” said {name}, a spokeswoman for the agency. “{q}.”",
    "The council met for six hours and approved the plan after a debate about {topic}.",
    "{c}, officials said.",
    "She called the proposal a “{topic}” and left the room.",
]
CLAUSES = ["the city would add 200 workers", "the budget was balanced for the first time",
           "the bridge will close for a year", "prices are unlikely to rise soon"]
QUOTES = ["We did not get everything we wanted", "This is a small step but a real one",
          "Nobody expected the numbers to be this bad", "We will be back next year"]
TOPICS = ["road repairs", "library hours", "parking tax", "school buses"]
DAYS = ["Monday", "Tuesday", "Friday"]
OUTLETS = ["Daily Ledger", "Evening Post", "Harbour Times"]


def article(rng: random.Random, paragraphs: int = 4) -> str:
    paras = []
    for _ in range(paragraphs):
        sents = []
        for _ in range(3):
            name = rng.choice(NAMES)
            sents.append(rng.choice(SENTENCES).format(
                q=rng.choice(QUOTES), name=name, surname=name.split()[-1],
                day=rng.choice(DAYS), c=rng.choice(CLAUSES), topic=rng.choice(TOPICS)))
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


def records(n: int, seed: int) -> list[dict[str, str]]:
    """Rows for a CSV, JSONL or Parquet file: text with outlet and date."""
    rng = random.Random(seed)
    return [
        {"title": f"Story {i}", "outlet": rng.choice(OUTLETS),
         "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "text": article(rng)}
        for i in range(n)
    ]  # fmt: skip
