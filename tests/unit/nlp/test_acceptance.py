"""The seed article's acceptance bar and aggregate floors on our own test set."""

from __future__ import annotations

from pathlib import Path

from framing_annotator.domain.text import normalise_text
from framing_annotator.nlp.suggest import Suggester

from .scoring import load_gold, overlap, score, speaker_right


def read(path: Path) -> str:
    return normalise_text(path.read_text(encoding="utf-8"))


def test_every_gold_line_slices_exactly(data_dir: Path) -> None:
    articles = sorted(data_dir.glob("*.txt"))
    assert len(articles) >= 16
    for txt in articles:
        text = read(txt)
        gold = load_gold(txt.with_name(txt.stem + ".gold.jsonl"))
        assert gold, txt.name
        for g in gold:
            assert text[g["start"] : g["end"]] == g["text"], (txt.name, g)
            assert g["article"] == txt.name


def test_own_articles_are_long_enough(data_dir: Path) -> None:
    own = [p for p in data_dir.glob("*.txt") if p.stem != "ice-operation-rise"]
    assert len(own) >= 15
    assert all(len(read(p).split()) >= 150 for p in own)


def test_seed_article_acceptance(suggester: Suggester, data_dir: Path) -> None:
    txt = data_dir / "ice-operation-rise.txt"
    text = read(txt)
    gold = load_gold(data_dir / "ice-operation-rise.gold.jsonl")
    suggestions = suggester.suggest(text)
    counts = score(gold, suggestions)
    assert counts["found"] >= 8
    assert counts["scare"] == 0
    # every direct and mixed quote is found with the right speaker
    for g in gold:
        if g["kind"] not in ("direct", "mixed"):
            continue
        inside = [s for s in suggestions
                  if overlap(s.start, s.end, g["start"], g["end"]) * 2 >= s.end - s.start]
        covered = sum(overlap(s.start, s.end, g["start"], g["end"]) for s in inside)
        assert covered * 2 >= g["end"] - g["start"], g["text"]
        assert any(speaker_right(s, g) for s in inside), g["text"]
    # no suggestion lies mostly inside one of its scare quotes
    for n in (g for g in gold if g["kind"] == "negative"):
        for s in suggestions:
            assert overlap(s.start, s.end, n["start"], n["end"]) * 2 < s.end - s.start


def test_own_test_set_floors(suggester: Suggester, data_dir: Path) -> None:
    total = {"gold": 0, "found": 0, "speaker": 0, "suggested": 0, "alarms": 0, "scare": 0,
             "direct": 0, "direct_found": 0}
    for txt in sorted(data_dir.glob("*.txt")):
        counts = score(load_gold(txt.with_name(txt.stem + ".gold.jsonl")),
                       suggester.suggest(read(txt)))
        for k, v in counts.items():
            total[k] += v
    recall = total["found"] / total["gold"]
    precision = (total["suggested"] - total["alarms"]) / total["suggested"]
    assert recall >= 0.85
    assert precision >= 0.85
    assert total["direct_found"] / total["direct"] >= 0.95
    assert total["speaker"] / total["found"] >= 0.85
    assert total["scare"] <= 1
