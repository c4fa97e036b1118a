"""A small copy of the QUOTES.md scoring rules for the tests (bench/ is not a package)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from framing_annotator.domain.model import Suggestion

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "him",
                      "them"})


def norm(s: str | None) -> str:
    s = (s or "").lower().replace("’", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    s = re.sub(r"\b(the|a|an)\b", " ", s)
    return " ".join(s.split())


def load_gold(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def speaker_right(s: Suggestion, gold: dict) -> bool:
    p = norm(s.speaker)
    if not p or p in PRONOUNS:
        return False
    for alias in gold.get("speaker_aliases") or []:
        a = norm(alias)
        if a and a not in PRONOUNS and (
            p == a or p.endswith(" " + a) or a.endswith(" " + p) or f" {a} " in f" {p} "
        ):
            return True
    return False


def score(gold: list[dict], suggestions: list[Suggestion]) -> dict[str, int]:
    """Counts: gold, found, right speaker, suggested, false alarms, scare quotes suggested."""
    quotes = [g for g in gold if g["kind"] in ("direct", "mixed", "indirect")]
    negatives = [g for g in gold if g["kind"] == "negative"]
    used: set[int] = set()
    c = {"gold": len(quotes), "found": 0, "speaker": 0, "suggested": len(suggestions),
         "alarms": 0, "scare": 0, "direct": 0, "direct_found": 0}
    for g in quotes:
        c["direct"] += g["kind"] in ("direct", "mixed")
        inside = [i for i, s in enumerate(suggestions) if i not in used
                  and overlap(s.start, s.end, g["start"], g["end"]) * 2 >= s.end - s.start]
        covered: set[int] = set()
        for i in inside:
            s = suggestions[i]
            covered.update(range(max(s.start, g["start"]), min(s.end, g["end"])))
        if inside and len(covered) * 2 >= g["end"] - g["start"]:
            used.update(inside)
            c["found"] += 1
            c["direct_found"] += g["kind"] in ("direct", "mixed")
            c["speaker"] += any(speaker_right(suggestions[i], g) for i in inside)
    for i, s in enumerate(suggestions):
        if i in used:
            continue
        c["alarms"] += 1
        if any(overlap(s.start, s.end, n["start"], n["end"]) * 2 >= s.end - s.start
               for n in negatives):
            c["scare"] += 1
    return c
