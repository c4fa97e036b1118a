"""Build ``NAME.txt`` and ``NAME.gold.jsonl`` from the marked-up sources in ``_source/``.

Markup: ``{{kind|Speaker|alias;alias:`` opens a gold span and ``}}`` closes it; spans may
nest (a negative scare quote inside an indirect quote). ``{{negative::`` marks a scare
quote or title. Offsets are computed here, so every gold line slices its text exactly.

    python tests/data/quotes/build_gold.py

``held-out/`` holds articles written after the rules they test and never used to tune them;
their figures are reported separately.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
OPEN = re.compile(r"\{\{(direct|mixed|indirect|negative|ignore)\|([^|]*)\|([^:]*):")


def build(marked: str, article: str) -> tuple[str, list[dict]]:
    out: list[str] = []
    stack: list[tuple[int, str, str, list[str]]] = []
    gold: list[dict] = []
    pos = 0
    i = 0
    while i < len(marked):
        m = OPEN.match(marked, i)
        if m:
            aliases = [a for a in m.group(3).split(";") if a]
            stack.append((pos, m.group(1), m.group(2), aliases))
            i = m.end()
            continue
        if marked.startswith("}}", i):
            start, kind, speaker, aliases = stack.pop()
            gold.append({"start": start, "end": pos, "kind": kind, "speaker": speaker or None,
                         "speaker_aliases": ([speaker] if speaker else []) + aliases})
            i += 2
            continue
        out.append(marked[i])
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"{article}: unclosed span")
    text = "".join(out)
    lines = []
    for g in sorted(gold, key=lambda g: g["start"]):
        lines.append({"article": article, "start": g["start"], "end": g["end"],
                      "text": text[g["start"] : g["end"]], "kind": g["kind"],
                      "speaker": g["speaker"], "speaker_aliases": g["speaker_aliases"]})
    return text, lines


def main() -> None:
    # held-out/: articles written after the rules, never used to tune them (reported apart)
    for base in (HERE, HERE / "held-out"):
        for src in sorted((base / "_source").glob("*.marked")):
            build_one(base, src)


def build_one(base: Path, src: Path) -> None:
    name = src.stem
    text, lines = build(src.read_text(encoding="utf-8"), name + ".txt")
    assert len(text.split()) >= 150, f"{name} has only {len(text.split())} words"
    (base / f"{name}.txt").write_text(text, encoding="utf-8")
    with open(base / f"{name}.gold.jsonl", "w", encoding="utf-8") as f:
        for line in lines:
            assert text[line["start"] : line["end"]] == line["text"]
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
