"""Frame suggestions: the learner's learning curve against a scikit-learn peer, and its speed.

usage: python bench/bench_frames.py [--folds 5] [--repeats 3] [--quick] [--jobs 2]

Quality: for each codebook in ``tests/data/frames``, cross-validated macro-F1 at each
training size (25, 50, 100, 200, 400, all) of the learner (``nlp/frames.py``) and of the same-run
peer, scikit-learn ``TfidfVectorizer`` + one-vs-rest ``LogisticRegression``, on the same
splits and the same input text (quote, speaker type and context). The curve is averaged over
``--repeats`` different shuffles. Then both are trained on all of a codebook's quotes and
scored once on its held-out file, which no setting was tuned on.

Speed: training on 1,000 coded quotes and suggesting for 10,000, each the median of five
runs on CPU (``time.process_time``) and wall clocks, with the peer beside it.

scikit-learn is a bench-only extra: ``pip install -e '.[bench]'`` (pinned in
constraints.txt). Writes ``bench/results/frames.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import Bench, measure  # noqa: E402

from framing_annotator.nlp.frames import FrameLearner, LearnerSettings  # noqa: E402
from framing_annotator.nlp.frames_eval import (  # noqa: E402
    CURVE_SIZES,
    Fit,
    cross_validate,
    fold_splits,
    score,
)
from framing_annotator.nlp.frames_text import FrameText, feature_text  # noqa: E402

DATA = ROOT / "tests" / "data" / "frames"
CODEBOOKS = ("default", "semetko-valkenburg")
SIZES = CURVE_SIZES


def load(name: str) -> tuple[list[FrameText], list[frozenset[str]]]:
    items, frames = [], []
    for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        items.append(FrameText(row["text"], row["context"], row["speaker_type"]))
        frames.append(frozenset(row["frames"]))
    return items, frames


def codebook_keys(name: str) -> list[str]:
    data = json.loads((ROOT / "resources" / "codebooks" / f"{name}.json").read_text())
    return [frame["key"] for frame in data["frames"]]


def learner_fit(keys: Sequence[str], settings: LearnerSettings) -> Fit:
    def fit(items, frames):
        learner = FrameLearner(keys, settings)
        learner.train(items, frames)
        return learner.predict

    return fit


def peer_fit(keys: Sequence[str], context: str, *, class_weight: str | None = None) -> Fit:
    """TfidfVectorizer (unigrams and bigrams, sublinear tf) + a LogisticRegression per frame.

    It reads the same text as the learner (quote, speaker type, context) through its own
    analyser. ``class_weight="balanced"`` is the stronger peer at a 0.5 threshold: plain
    logistic regression on a few hundred quotes rarely gives a rare frame 0.5.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    def fit(items, frames):
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        x = vectorizer.fit_transform([feature_text(i, context=context) for i in items])
        models: dict[str, object] = {}
        for key in keys:
            y = [key in f for f in frames]
            if 0 < sum(y) < len(y):
                models[key] = LogisticRegression(max_iter=1000, class_weight=class_weight).fit(x, y)
            else:  # no example (or only examples) of the frame in a small sample
                models[key] = float(bool(y) and y[0])

        def predict(batch):
            xb = vectorizer.transform([feature_text(i, context=context) for i in batch])
            columns = {
                key: [m] * len(batch) if isinstance(m, float) else m.predict_proba(xb)[:, 1]
                for key, m in models.items()
            }
            return [{key: float(columns[key][n]) for key in keys} for n in range(len(batch))]

        return predict

    return fit


def curve(name: str, fit_for: dict[str, Fit], *, folds: int, repeats: int) -> dict[str, list]:
    """Macro-F1 per training size, averaged over ``repeats`` shuffles, for each fitter."""
    items, frames = load(name)
    keys = codebook_keys(name)
    sums: dict[str, dict[int, list[float]]] = {label: {} for label in fit_for}
    for seed in range(repeats):
        splits = fold_splits(len(items), folds, seed=seed)
        for label, fit in fit_for.items():
            result = cross_validate(items, frames, keys, fit, sizes=SIZES, splits=splits)
            for point in result.points:
                sums[label].setdefault(point.train_size, []).append(point.macro_f1)
    return {
        label: [(size, sum(v) / len(v)) for size, v in sorted(by_size.items())]
        for label, by_size in sums.items()
    }


def held_out(name: str, fit_for: dict[str, Fit]) -> dict[str, dict]:
    items, frames = load(name)
    test_items, test_frames = load(f"{name}-heldout")
    keys = codebook_keys(name)
    out = {}
    for label, fit in fit_for.items():
        scores = score(keys, test_frames, fit(items, frames)(test_items), train_size=len(items))
        out[label] = {
            "macro_f1": round(scores.macro_f1, 3),
            "macro_precision": round(scores.macro_precision, 3),
            "macro_recall": round(scores.macro_recall, 3),
            "per_frame_f1": {f.key: round(f.f1, 3) for f in scores.frames},
        }
    return out


def replicated(name: str, count: int) -> tuple[list[FrameText], list[frozenset[str]]]:
    """``count`` coded quotes for timing: the codebook's quotes over again, each copy varied
    by a number so the tokenizer's cache cannot make later copies free."""
    items, frames = load(name)
    out_items, out_frames = [], []
    for n in range(count):
        item = items[n % len(items)]
        out_items.append(FrameText(f"{item.text} ({n})", item.context, item.speaker_type))
        out_frames.append(frames[n % len(items)])
    return out_items, out_frames


def quality(job: tuple[str, LearnerSettings, int, int]) -> tuple[list[dict], dict, str]:
    """One codebook's learning curve and held-out scores, with the lines to print."""
    name, settings, folds, repeats = job
    keys = codebook_keys(name)
    fits = {
        "learner": learner_fit(keys, settings),
        "peer": peer_fit(keys, settings.context, class_weight="balanced"),
        "peer_defaults": peer_fit(keys, settings.context),
    }
    curves = curve(name, fits, folds=folds, repeats=repeats)
    lines = [f"\n{name}: cross-validated macro-F1 ({folds} folds, {repeats} shuffles)",
             f"{'train size':>10} {'learner':>8} {'peer':>8} {'diff':>7} {'peer, defaults':>15}"]
    rows = []
    for (size, ours), (_, theirs), (_, plain) in zip(
        curves["learner"], curves["peer"], curves["peer_defaults"], strict=True
    ):
        # The goal: match or beat the peer from 100 quotes up, within 0.05 below that.
        goal = ours >= theirs - 1e-9 if size >= 100 else ours >= theirs - 0.05
        rows.append({"train_size": size, "learner_macro_f1": round(ours, 3),
                     "peer_macro_f1": round(theirs, 3), "diff": round(ours - theirs, 3),
                     "peer_defaults_macro_f1": round(plain, 3), "meets_goal": goal})
        lines.append(f"{size:>10} {ours:>8.3f} {theirs:>8.3f} {ours - theirs:>+7.3f} "
                     f"{plain:>15.3f}{'' if goal else '  below goal'}")
    held = held_out(name, fits)
    lines.append(f"held out ({name}-heldout.jsonl, trained on all {len(load(name)[0])}): "
                 f"learner {held['learner']['macro_f1']:.3f}, peer {held['peer']['macro_f1']:.3f}, "
                 f"peer with defaults {held['peer_defaults']['macro_f1']:.3f}")
    return rows, held, "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="one shuffle, not --repeats")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the quality figures")
    args = ap.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    settings = LearnerSettings()
    bench = Bench("frames")
    bench.notes["learner_settings"] = settings.__dict__
    bench.notes["peer"] = (
        "TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) + "
        "LogisticRegression(max_iter=1000, class_weight='balanced') per frame; "
        "peer_defaults: the same without class_weight"
    )
    bench.notes["threshold"] = 0.5

    # Each codebook's quality figures in a process of its own: they are independent, and
    # on two cores this halves the wall time. The speed rows below run in this process.
    jobs = [(name, settings, args.folds, repeats) for name in CODEBOOKS]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for name, (rows, held, printed) in zip(CODEBOOKS, pool.map(quality, jobs), strict=True):
            print(printed)
            bench.notes[f"curve_{name}"] = rows
            bench.notes[f"held_out_{name}"] = held

    keys = codebook_keys("default")
    train_items, train_frames = replicated("default", 1000)
    suggest_items, _ = replicated("default", 10_000)
    learner = FrameLearner(keys, settings)
    peer = peer_fit(keys, settings.context, class_weight="balanced")
    bench.row(
        "train on 1,000 coded quotes",
        measure(lambda: FrameLearner(keys, settings).train(train_items, train_frames)),
        peer=measure(lambda: peer(train_items, train_frames)),
        peer_name="TfidfVectorizer + LogisticRegression per frame",
        goal_s=10.0,
    )
    learner.train(train_items, train_frames)
    peer_predict = peer(train_items, train_frames)
    bench.row(
        "suggest frames for 10,000 quotes",
        measure(lambda: learner.predict(suggest_items)),
        peer=measure(lambda: peer_predict(suggest_items)),
        peer_name="TfidfVectorizer + LogisticRegression per frame",
        goal_s=5.0,
    )
    model = learner.to_bytes()
    bench.notes["model_bytes"] = len(model)
    bench.row("load a model from its bytes", measure(lambda: FrameLearner.from_bytes(model)))
    bench.finish()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
