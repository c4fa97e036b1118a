"""Throughput of ``corpus suggest`` on Dask against the suggester in one process.

usage: python bench/bench_corpus.py [--articles 20000] [--runs 5] [--partition-size 500]

Generated articles of about 800 words go into one Parquet file (row groups of 1,000).
Each round times, interleaved so that a change in the machine's load hits all three
alike: the blank suggester in this process over the same texts (the peer), then
``suggest_corpus`` with a LocalCluster of 1 and of 2 worker processes (one thread each)
into a fresh folder. Cluster start, the pipeline load in each worker and writing the
Parquet output are inside the timed run; loading the in-process pipeline is not.

CPU time of this process says nothing about work done in the workers, so a corpus run's
CPU time is this process's plus the workers' (``RUSAGE_CHILDREN``: they are reaped when
the cluster closes). Throughput is articles per wall-clock second.

Targets: 2 workers >= 1.7x the throughput of 1 worker (on 2 cores), and 1 worker >=
0.85x the in-process suggester. Other work on the machine depresses the scaling figure:
the load average at start and end is in the results, read it before the ratios.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import MIN_RUNS, Bench, Timing  # noqa: E402

NAMES = ["Maria Okafor", "Daniel Reyes", "Lena Park", "Tom Whitaker", "Nadia Varga", "Omar Haddad"]
SENTENCES = [
    "“{q},” {name} said on {day}.",
    "{surname} told reporters that {c}.",
    "According to {name}, {c}.",
    "“{q},” said {name}, a spokeswoman for the agency. “{q}.”",
    "The council met for six hours and approved the plan after a long debate about {topic}.",
    "{c}, officials said.",
    "She called the proposal a “{topic}” and left the room before the vote was taken.",
    "Residents of the eastern districts have waited for years for news about {topic}.",
]
CLAUSES = ["the city would add 200 workers to the road crews next spring",
           "the budget was balanced for the first time in a decade",
           "the bridge will close for a year while engineers replace the deck",
           "prices are unlikely to rise soon despite the new tariffs"]
QUOTES = ["We did not get everything we wanted, but we got the money for the schools",
          "This is a small step but a real one, and people will see it on their streets",
          "Nobody expected the numbers to be this bad so early in the year",
          "We will be back next year with a better plan and more support"]
TOPICS = ["road repairs", "library hours", "the parking tax", "school buses", "water rates"]
DAYS = ["Monday", "Tuesday", "Friday"]
OUTLETS = ["Daily Ledger", "Evening Post", "Harbour Times", "Valley Courier"]
PROJECTED = 10_000_000


def generated_articles(n: int, seed: int = 17) -> list[dict[str, str]]:
    """News-like articles of about 800 words with quotes of every kind."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras = []
        for _ in range(12):
            sents = []
            for _ in range(4):
                name = rng.choice(NAMES)
                sents.append(rng.choice(SENTENCES).format(
                    q=rng.choice(QUOTES), name=name, surname=name.split()[-1],
                    day=rng.choice(DAYS), c=rng.choice(CLAUSES), topic=rng.choice(TOPICS)))
            paras.append(" ".join(sents))
        out.append({"text": "\n\n".join(paras), "title": f"Story {i}",
                    "outlet": rng.choice(OUTLETS), "date": f"2024-{rng.randint(1, 12):02d}-01"})
    return out  # fmt: skip


def write_corpus(folder: Path, rows: list[dict[str, str]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=1000)
    return path


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(action) -> tuple[float, float]:  # noqa: ANN001
    """(CPU of this process and of its reaped children, wall) of one run."""
    c0, k0, w0 = time.process_time(), children_cpu(), time.perf_counter()
    action()
    return time.process_time() - c0 + children_cpu() - k0, time.perf_counter() - w0


def timing(samples: list[tuple[float, float]]) -> Timing:
    cpu = [c for c, _ in samples]
    return Timing(statistics.median(cpu), statistics.median(w for _, w in samples),
                  len(samples), tuple(cpu))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=MIN_RUNS)
    ap.add_argument("--partition-size", type=int, default=500)
    args = ap.parse_args(argv)
    runs = max(args.runs, MIN_RUNS)

    from framing_annotator.corpus.run import suggest_corpus
    from framing_annotator.nlp import load_suggester

    bench = Bench("corpus")
    rows = generated_articles(args.articles)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    print(f"{args.articles:,} generated articles, {words / args.articles:.0f} words on average; "
          f"{runs} interleaved rounds")  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    try:
        source = write_corpus(work, rows)
        del rows
        suggester = load_suggester("blank")

        def in_process() -> None:
            for _ in suggester.suggest_many(texts, batch_size=32):
                pass

        def corpus(workers: int):  # noqa: ANN202
            def run() -> None:
                out = work / f"out-{workers}"
                shutil.rmtree(out, ignore_errors=True)
                summary = suggest_corpus([source], out, pipeline="blank",
                                         partition_size=args.partition_size, workers=workers)
                assert summary.articles == args.articles, summary

            return run

        samples: dict[str, list[tuple[float, float]]] = {"peer": [], "1": [], "2": []}
        for round_ in range(runs):
            samples["peer"].append(timed(in_process))
            samples["1"].append(timed(corpus(1)))
            samples["2"].append(timed(corpus(2)))
            print(f"round {round_ + 1}/{runs}: " + ", ".join(
                f"{k} {w:.1f} s wall" for k, (_, w) in ((k, v[-1]) for k, v in samples.items())))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    peer, one, two = timing(samples["peer"]), timing(samples["1"]), timing(samples["2"])
    timings = {"peer": peer, "1": one, "2": two}
    rate = {name: args.articles / t.wall_s for name, t in timings.items()}
    vs_peer = rate["1"] / rate["peer"]
    speedup = rate["2"] / rate["1"]
    # Load-independent view: articles per CPU-second, and how much more CPU two workers
    # spend than one on the same work (1.0: none, so two free cores would give 2x).
    per_cpu = {name: args.articles / t.cpu_s for name, t in timings.items()}
    cpu_vs_peer = per_cpu["1"] / per_cpu["peer"]
    cpu_efficiency = one.cpu_s / two.cpu_s
    bench.row(f"in-process suggester (blank), {args.articles:,} articles", peer,
              articles_per_s=rate["peer"], words_per_s=words / peer.wall_s,
              articles_per_cpu_s=per_cpu["peer"])
    bench.row(f"corpus suggest, 1 worker, {args.articles:,} articles", one, peer=peer,
              peer_name="the in-process suggester on the same texts", articles_per_s=rate["1"],
              throughput_vs_peer=vs_peer, goal_throughput_vs_peer=0.85,
              meets_goal=vs_peer >= 0.85, articles_per_cpu_s=per_cpu["1"],
              cpu_throughput_vs_peer=cpu_vs_peer)
    bench.row(f"corpus suggest, 2 workers, {args.articles:,} articles", two, peer=one,
              peer_name="corpus suggest with 1 worker", articles_per_s=rate["2"],
              speedup_vs_1_worker=speedup, goal_speedup=1.7, meets_goal=speedup >= 1.7,
              articles_per_cpu_s=per_cpu["2"], cpu_efficiency_vs_1_worker=cpu_efficiency)
    # The projection: each core as fast as one worker here, scaling as measured from 1 to 2.
    efficiency = min(speedup / 2, 1.0)
    projection = {}
    for cores in (1, 2, 8, 32, 128):
        per_s = rate["1"] * (1 if cores == 1 else cores * efficiency)
        projection[str(cores)] = PROJECTED / per_s / 3600
    bench.notes.update(
        articles=args.articles, words=words, runs=runs, partition_size=args.partition_size,
        scaling_efficiency=efficiency, projection_hours_for_10M_articles=projection,
        cpu_note="corpus rows: CPU of this process plus the workers' (RUSAGE_CHILDREN)",
    )
    bench.finish()
    print(f"2 workers / 1 worker: {speedup:.2f}x throughput (goal 1.7x); "
          f"1 worker / in-process: {vs_peer:.2f}x (goal 0.85x)  [wall clock]")
    print(f"per CPU-second: 1 worker / in-process {cpu_vs_peer:.2f}x; CPU of 1 worker / CPU of "
          f"2 workers {cpu_efficiency:.2f} (1.00: two free cores would give 2x)")
    print(f"projection for {PROJECTED:,} articles of ~{words // args.articles} words "
          f"(1 worker's rate per core, {efficiency:.0%} scaling as measured):")
    for cores, hours in projection.items():
        print(f"  {cores:>4} cores: {hours:8.1f} h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
