"""Score the quote suggester against gold directories in the QUOTES.md format.

usage: python bench/eval_quotes.py [--pipeline blank] [--cmd CMD] [--by-outlet] [--show]
       [--write bench/results/eval_quotes.json --label NAME] [--calibrate] DIR...

Each DIR holds ``NAME.txt`` articles with ``NAME.gold.jsonl`` beside them. By default the
suggester runs in this process; ``--cmd`` runs a command instead (the article paths are
appended and it must print the jsonl contract). The scoring follows QUOTES.md:

- a gold quote is found when the suggestions lying mostly inside it (at least half of
  each suggestion) together cover at least half of it;
- a found quote has the right speaker when one of those suggestions names one of the gold
  aliases (token-boundary containment either way, pronouns never count) or its mention
  overlaps the gold mention;
- a suggestion that helps find no gold quote is a false alarm unless it touches a span
  marked ``ignore``; one lying mostly inside a ``negative`` span is a scare quote suggested.

The outlet of an article is its file name up to the first ``_`` (the polnear naming).

A reliability table follows the figures: suggestions by confidence band with the share that
was right (helped find a gold quote). ``--calibrate`` prints that share per rule, kind and
speaker mention, which is the table in ``framing_annotator/nlp/confidence.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "him",
                      "them"})
COUNTS = ("pred", "tp", "gold", "gold_hit", "direct", "direct_hit", "spk", "spk_ok", "neg_hit",
          "offset_errors", "words")


@dataclass
class Article:
    name: str
    path: str
    text: str
    gold: list[dict]


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    articles: int = 0

    def add(self, other: dict[str, int]) -> None:
        self.articles += 1
        for k, val in other.items():
            self.counts[k] += val

    def figures(self) -> dict[str, float | int | None]:
        c = self.counts
        p = c["tp"] / c["pred"] if c["pred"] else 0.0
        r = c["gold_hit"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "articles": self.articles, "gold": c["gold"], "suggested": c["pred"],
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "direct_recall": round(c["direct_hit"] / c["direct"], 3) if c["direct"] else None,
            "speaker_accuracy": round(c["spk_ok"] / c["spk"], 3) if c["spk"] else None,
            "scare_quotes_suggested": c["neg_hit"], "offset_errors": c["offset_errors"],
            "words": c["words"],
            # the counts behind the rounded shares, so a figure at a target's edge can be read
            "gold_found": c["gold_hit"], "direct_found": c["direct_hit"],
            "direct_gold": c["direct"], "speakers_right": c["spk_ok"], "speakers_scored": c["spk"],
        }


def _norm(s: str | None) -> str:
    s = (s or "").lower().replace("’", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    s = re.sub(r"\b(the|a|an)\b", " ", s)
    return " ".join(s.split())


def speaker_right(pred: dict, gold: dict) -> bool:
    """The QUOTES.md speaker rule for one suggestion against one gold quote."""
    mention = pred.get("speaker_mention") or {}
    gs, ge = gold.get("speaker_start"), gold.get("speaker_end")
    if gs is not None and ge is not None and mention.get("start") is not None:
        if min(ge, mention["end"]) > max(gs, mention["start"]):
            return True
    p = _norm(pred.get("speaker"))
    if not p or p in PRONOUNS:
        return False
    for alias in gold.get("speaker_aliases") or []:
        a = _norm(alias)
        if not a or a in PRONOUNS:
            continue
        if p == a or p.endswith(" " + a) or a.endswith(" " + p) or f" {a} " in f" {p} ":
            return True
    return False


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def score_article(art: Article, preds: list[dict], show: list[str] | None = None,
                  right: list[bool] | None = None) -> dict[str, int]:
    """Counts for one article (see the module docstring for the rules). When ``right`` is a
    list, it receives for each prediction whether it helped find a gold quote (None for one
    that touches an ``ignore`` span and so does not count)."""
    c = dict.fromkeys(COUNTS, 0)
    text = art.text
    c["words"] = len(text.split())
    gold = [g for g in art.gold if g["kind"] in ("direct", "indirect", "mixed")]
    negs = [g for g in art.gold if g["kind"] == "negative"]
    ignored = [g for g in art.gold if g["kind"] == "ignore"]
    good = []
    for p in preds:
        s, e = p.get("start"), p.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or text[s:e] != p.get("text"):
            c["offset_errors"] += 1
        if isinstance(s, int) and isinstance(e, int) and e > s:
            good.append(p)
    c["gold"] = len(gold)
    c["direct"] = sum(g["kind"] in ("direct", "mixed") for g in gold)
    used: set[int] = set()
    for g in gold:
        inside = [i for i, p in enumerate(good)
                  if i not in used and _overlap(p, g) >= 0.5 * (p["end"] - p["start"])]
        covered: set[int] = set()
        for i in inside:
            covered.update(range(max(good[i]["start"], g["start"]), min(good[i]["end"], g["end"])))
        if not inside or len(covered) < 0.5 * (g["end"] - g["start"]):
            if show is not None:
                show.append(f"MISS {art.name} {g['kind']} {g['text'][:90]!r} {g.get('speaker')}")
            continue
        used.update(inside)
        c["gold_hit"] += 1
        c["direct_hit"] += g["kind"] in ("direct", "mixed")
        if g.get("speaker") or g.get("speaker_start") is not None:
            c["spk"] += 1
            if any(speaker_right(good[i], g) for i in inside):
                c["spk_ok"] += 1
            elif show is not None:
                got = [good[i].get("speaker") for i in inside]
                show.append(f"SPEAKER {art.name} {g['text'][:60]!r} gold {g.get('speaker')!r} "
                            f"got {got}")
    verdict: dict[int, bool | None] = {}
    for i, p in enumerate(good):
        if i in used:
            c["tp"] += 1
            c["pred"] += 1
            verdict[id(p)] = True
            continue
        if any(_overlap(p, x) > 0 for x in ignored):
            verdict[id(p)] = None
            continue
        verdict[id(p)] = False
        c["pred"] += 1
        if any(_overlap(p, x) >= 0.5 * (p["end"] - p["start"]) for x in negs):
            c["neg_hit"] += 1
        if show is not None:
            show.append(f"ALARM {art.name} {text[p['start']:p['end']][:90]!r} {p.get('speaker')}")
    if right is not None:
        right.extend(verdict.get(id(p), False) for p in preds)
    return c


BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def reliability(pairs: list[tuple[float, bool]]) -> list[dict]:
    """Suggestions by confidence band: how many, mean confidence, share right."""
    rows = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        band = [(c, r) for c, r in pairs if lo <= c < hi]
        if band:
            rows.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "suggestions": len(band),
                         "mean_confidence": round(sum(c for c, _ in band) / len(band), 3),
                         "share_right": round(sum(r for _, r in band) / len(band), 3)})
    return rows


def print_reliability(rows: list[dict]) -> None:
    print("| confidence | suggestions | mean confidence | share right |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['band']} | {r['suggestions']} | {r['mean_confidence']} | {r['share_right']} |")


def calibrate(arts: list[Article], pipeline: str) -> dict:
    """Share right of the suggestions of each (rule, kind, has mention), from the component's
    records (the rule is not part of the public output)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from framing_annotator.nlp import load_suggester
    from framing_annotator.nlp.components import FOUND_KEY, TEXT_KEY

    suggester = load_suggester(pipeline)
    groups: dict[tuple[str, str, bool], list[bool]] = defaultdict(list)
    rules: dict[str, list[bool]] = defaultdict(list)
    for art in arts:
        doc = suggester.nlp.make_doc(art.text)
        doc.user_data[TEXT_KEY] = art.text
        records = suggester.nlp(doc).user_data.get(FOUND_KEY, [])
        preds = [{"start": r.start, "end": r.end, "text": art.text[r.start:r.end],
                  "speaker": r.speaker} for r in records]
        right: list[bool] = []
        score_article(art, preds, None, right)
        for r, ok in zip(records, right, strict=True):
            if ok is None:
                continue
            groups[(r.rule, r.kind, r.mention is not None)].append(ok)
            rules[r.rule].append(ok)
    table = {k: (len(v), round(sum(v) / len(v), 2)) for k, v in sorted(groups.items())}
    by_rule = {k: (len(v), round(sum(v) / len(v), 2)) for k, v in sorted(rules.items())}
    return {"table": table, "by_rule": by_rule}


def write_figures(path: Path, label: str, result: dict, table: list[dict]) -> None:
    """Add this data set's figures to the JSON file (one entry per label), for the README."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"sets": {}}
    data["sets"][label] = {**result, "reliability": table,
                           "measured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def load_dirs(dirs: list[str]) -> list[Article]:
    """Every article with a gold file beside it, text normalised as QUOTES.md says."""
    arts = []
    for d in dirs:
        for txt in sorted(Path(d).glob("*.txt")):
            gold_path = txt.with_name(txt.name[:-4] + ".gold.jsonl")
            if not gold_path.exists():
                continue
            raw = txt.read_text(encoding="utf-8-sig")
            text = raw.replace("\r\n", "\n").replace("\r", "\n")
            lines = gold_path.read_text(encoding="utf-8").splitlines()
            gold = [json.loads(x) for x in lines if x.strip()]
            arts.append(Article(txt.name, str(txt), text, gold))
    return arts


def predict_in_process(arts: list[Article], pipeline: str) -> tuple[dict[str, list[dict]], str]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from framing_annotator.domain.suggest_contract import suggestion_record
    from framing_annotator.nlp import load_suggester

    suggester = load_suggester(pipeline)
    preds: dict[str, list[dict]] = {}
    for art, sugg in zip(arts, suggester.suggest_many(a.text for a in arts), strict=True):
        preds[art.name] = [suggestion_record(art.path, art.text, s) for s in sugg]
    return preds, suggester.pipeline_name


def predict_by_command(arts: list[Article], cmd: str) -> dict[str, list[dict]]:
    proc = subprocess.run(shlex.split(cmd) + [a.path for a in arts], capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{cmd} failed with exit {proc.returncode}: {proc.stderr[-2000:]}")
    preds: dict[str, list[dict]] = defaultdict(list)
    for line in proc.stdout.splitlines():
        if line.strip():
            p = json.loads(line)
            preds[Path(str(p.get("article", ""))).name].append(p)
    return preds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--pipeline", default="blank")
    ap.add_argument("--cmd", help="run this command instead of the in-process suggester")
    ap.add_argument("--by-outlet", action="store_true")
    ap.add_argument("--show", action="store_true", help="print misses and false alarms")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--calibrate", action="store_true",
                    help="print the share right per rule, kind and mention (nlp/confidence.py)")
    ap.add_argument("--write", type=Path, help="also write the figures as JSON to this file")
    ap.add_argument("--label", default="", help="the name of this data set in --write")
    args = ap.parse_args(argv)
    arts = load_dirs(args.dirs)
    if args.calibrate:
        cal = calibrate(arts, args.pipeline)
        print("TABLE = {")
        for (rule, kind, has), (n, share) in cal["table"].items():
            if n >= 20:
                print(f"    ({rule!r}, {kind!r}, {has}): {share},  # {n} suggestions")
        print("}\nBY_RULE = {")
        for rule, (n, share) in cal["by_rule"].items():
            print(f"    {rule!r}: {share},  # {n} suggestions")
        print("}")
        return 0
    t0 = time.perf_counter()
    if args.cmd:
        preds, name = predict_by_command(arts, args.cmd), args.cmd
    else:
        preds, name = predict_in_process(arts, args.pipeline)
    wall = time.perf_counter() - t0
    total = Tally()
    outlets: dict[str, Tally] = defaultdict(Tally)
    show: list[str] | None = [] if args.show else None
    pairs: list[tuple[float, bool]] = []
    for art in arts:
        right: list[bool] = []
        art_preds = preds.get(art.name, [])
        counts = score_article(art, art_preds, show, right)
        pairs.extend((float(p.get("confidence") or 0.0), ok)
                     for p, ok in zip(art_preds, right, strict=True) if ok is not None)
        total.add(counts)
        outlets[art.name.split("_")[0]].add(counts)
    for line in show or []:
        print(line)
    result = {"pipeline": name, **total.figures(), "wall_s": round(wall, 2)}
    table = reliability(pairs)
    if args.write:
        write_figures(args.write, args.label or ",".join(args.dirs), result, table)
    if args.json:
        out = {"overall": result}
        if args.by_outlet:
            out["outlets"] = {k: t.figures() for k, t in sorted(outlets.items())}
        print(json.dumps(out))
        return 0
    print(" ".join(f"{k}={v}" for k, v in result.items()))
    print_reliability(table)
    if args.by_outlet:
        keys = ("articles", "gold", "precision", "recall", "f1", "direct_recall",
                "speaker_accuracy", "offset_errors")
        print("| outlet | " + " | ".join(keys) + " |")
        print("|---" * (len(keys) + 1) + "|")
        for outlet, t in sorted(outlets.items()):
            f = t.figures()
            print(f"| {outlet} | " + " | ".join(str(f[k]) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
