"""Throughput of ``corpus suggest`` on Dask against the suggester in one process.

usage: python bench/bench_corpus.py [--articles 20000] [--runs 5] [--partition-size 500]
                                    [--quiet-load 1.5 --max-wait 600]

Generated articles of about 800 words go into one Parquet file (a row group a partition).
Each round times, interleaved so that a change in the machine's load hits all alike:

- the peer: the blank suggester in this process over the same texts (pipeline loaded);
- the same partitions run one after the other in this process, no Dask: read the Parquet
  rows, suggest, build and write the two output tables (what the engine adds besides Dask);
- ``suggest_corpus`` with a LocalCluster of 1 and of 2 worker processes (one thread each)
  into a fresh folder.

A corpus run has two phases, reported apart: startup (plan, cluster start, the pipeline
loaded in every worker) and the steady state (the partitions), whose rate is what ten
million articles see. CPU time counts every process: for the steady state the workers'
own CPU on the partitions (each worker's ``process_time``, asked before and after) plus
this process's (the client, the scheduler and the nannies); end to end, this process's
plus its reaped children's (``RUSAGE_CHILDREN``), so startup and shutdown are in it.

Targets: 2 workers >= 1.7x the throughput of 1 worker (on 2 cores), and 1 worker >=
0.85x the in-process suggester, both on wall-clock throughput. Other work on the machine
depresses those figures, so the bench prints the load average before each round and, with
--quiet-load, waits (at most --max-wait seconds) for the 1-minute load to fall that low.
Articles per CPU-second are the load-independent second figure, and the cores used in the
steady state (CPU over wall: 1.0 and 2.0 on idle cores) say how much of the machine the
workers were given.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_suggest import Wording, news_text  # noqa: E402
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
WORDING = Wording(NAMES, SENTENCES, CLAUSES, QUOTES, TOPICS, DAYS)
"""Longer sentences than the suggester bench's, for articles of about 800 words."""


def generated_articles(n: int, seed: int = 17) -> list[dict[str, str]]:
    """News-like articles of about 800 words with quotes of every kind."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = news_text(rng, 12, 4, WORDING)
        out.append({"text": text, "title": f"Story {i}", "outlet": rng.choice(OUTLETS),
                    "date": f"2024-{rng.randint(1, 12):02d}-01"})  # fmt: skip
    return out


def write_corpus(folder: Path, rows: list[dict[str, str]], row_group: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group)
    return path


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(action) -> tuple[float, float]:  # noqa: ANN001
    """(CPU of this process, wall) of one run."""
    c0, w0 = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - c0, time.perf_counter() - w0


@dataclass(frozen=True)
class CorpusRun:
    """One ``suggest_corpus`` run, split into its phases (seconds)."""

    wall: float  # end to end
    cpu: float  # end to end: this process and its reaped children (the workers)
    startup_wall: float
    steady_wall: float
    steady_cpu: float  # the workers' CPU on the partitions plus this process's
    worker_cpu_at_start: float  # the workers' CPU when the partitions began


def corpus_run(source: Path, out: Path, workers: int, partition_size: int,
               articles: int) -> CorpusRun:  # fmt: skip
    from framing_annotator.corpus.run import suggest_corpus

    shutil.rmtree(out, ignore_errors=True)
    c0, k0, w0 = time.process_time(), children_cpu(), time.perf_counter()
    summary = suggest_corpus([source], out, pipeline="blank", partition_size=partition_size,
                             workers=workers)  # fmt: skip
    wall = time.perf_counter() - w0
    cpu = time.process_time() - c0 + children_cpu() - k0
    assert summary.articles == articles and summary.workers == workers, summary
    assert set(summary.pipeline_loads.values()) == {1}, summary.pipeline_loads
    steady_cpu = summary.worker_cpu + summary.client_cpu
    return CorpusRun(wall, cpu, summary.startup_seconds, summary.seconds, steady_cpu,
                     summary.worker_cpu_at_start)  # fmt: skip


def wait_for_quiet(limit: float | None, max_wait: float) -> float:
    """The 1-minute load average, after waiting up to ``max_wait`` s for it to reach ``limit``."""
    deadline = time.monotonic() + max_wait
    while limit is not None and os.getloadavg()[0] > limit and time.monotonic() < deadline:
        time.sleep(10)
    return os.getloadavg()[0]


def median_timing(cpu: list[float], wall: list[float]) -> Timing:
    return Timing(statistics.median(cpu), statistics.median(wall), len(cpu), tuple(cpu))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=MIN_RUNS)
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--quiet-load", type=float, default=None,
                    help="before each round, wait for the 1-minute load average to fall this low")
    ap.add_argument("--max-wait", type=float, default=600, help="seconds to wait for it, a round")
    args = ap.parse_args(argv)  # fmt: skip
    runs = max(args.runs, MIN_RUNS)

    from framing_annotator.corpus.plan import plan_corpus
    from framing_annotator.corpus.work import run_partition, worker_suggester

    bench = Bench("corpus")
    rows = generated_articles(args.articles)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    print(f"{args.articles:,} generated articles, {words / args.articles:.0f} words on average; "
          f"{runs} interleaved rounds; {os.cpu_count()} cores")  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    peer_s: list[tuple[float, float]] = []
    engine_s: list[tuple[float, float]] = []
    runs_by_workers: dict[int, list[CorpusRun]] = {1: [], 2: []}
    loads: list[float] = []
    try:
        source = write_corpus(work, rows, args.partition_size)
        del rows
        suggester = worker_suggester("blank")  # the one the in-process partitions use too
        plan = plan_corpus([source], args.partition_size)

        def in_process() -> None:
            for _ in suggester.suggest_many(texts, batch_size=32):
                pass

        def in_process_partitions() -> None:
            out = work / "out-in-process"
            shutil.rmtree(out, ignore_errors=True)
            for partition in plan.partitions:
                run_partition(partition, str(out), "blank")

        for round_ in range(runs):
            loads.append(wait_for_quiet(args.quiet_load, args.max_wait))
            peer_s.append(timed(in_process))
            engine_s.append(timed(in_process_partitions))
            for workers, done in runs_by_workers.items():
                done.append(corpus_run(source, work / f"out-{workers}", workers,
                                       args.partition_size, args.articles))  # fmt: skip
            one, two = runs_by_workers[1][-1], runs_by_workers[2][-1]
            print(f"round {round_ + 1}/{runs} (load {loads[-1]:.2f}): in-process "
                  f"{peer_s[-1][1]:.1f} s, partitions in-process {engine_s[-1][1]:.1f} s, "
                  f"1 worker {one.startup_wall:.1f} + {one.steady_wall:.1f} s, "
                  f"2 workers {two.startup_wall:.1f} + {two.steady_wall:.1f} s (startup + steady)",
                  flush=True)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(bench, args, words, loads, peer_s, engine_s, runs_by_workers)
    return 0


def report(bench: Bench, args: argparse.Namespace, words: int, loads: list[float],
           peer_s: list[tuple[float, float]], engine_s: list[tuple[float, float]],
           runs_by_workers: dict[int, list[CorpusRun]]) -> None:  # fmt: skip
    n = args.articles
    peer = median_timing([c for c, _ in peer_s], [w for _, w in peer_s])
    engine = median_timing([c for c, _ in engine_s], [w for _, w in engine_s])
    steady = {k: median_timing([r.steady_cpu for r in v], [r.steady_wall for r in v])
              for k, v in runs_by_workers.items()}  # fmt: skip
    whole = {k: median_timing([r.cpu for r in v], [r.wall for r in v])
             for k, v in runs_by_workers.items()}  # fmt: skip
    startup = {k: median_timing([r.cpu - r.steady_cpu for r in v], [r.startup_wall for r in v])
               for k, v in runs_by_workers.items()}  # fmt: skip

    def rate(t: Timing) -> float:
        return n / t.wall_s

    def per_cpu(t: Timing) -> float:
        return n / t.cpu_s

    vs_peer = {"steady": rate(steady[1]) / rate(peer), "end_to_end": rate(whole[1]) / rate(peer)}
    speedup = {"steady": rate(steady[2]) / rate(steady[1]),
               "end_to_end": rate(whole[2]) / rate(whole[1])}  # fmt: skip
    cpu_vs_peer = per_cpu(steady[1]) / per_cpu(peer)
    cpu_efficiency = steady[1].cpu_s / steady[2].cpu_s  # 1.0: two free cores give 2x
    size = f"{n:,} articles"
    bench.row(f"in-process suggester (blank), {size}", peer, articles_per_s=rate(peer),
              words_per_s=words / peer.wall_s, articles_per_cpu_s=per_cpu(peer))  # fmt: skip
    bench.row(f"partitions in this process, no Dask, {size}", engine, peer=peer,
              peer_name="the in-process suggester on the same texts",
              articles_per_s=rate(engine), articles_per_cpu_s=per_cpu(engine),
              note="reading the Parquet rows, building and writing the two tables")  # fmt: skip
    for workers in (1, 2):
        label = "1 worker" if workers == 1 else f"{workers} workers"
        goal = ({"throughput_vs_peer": vs_peer["steady"], "goal_throughput_vs_peer": 0.85,
                 "meets_goal": vs_peer["steady"] >= 0.85, "cpu_throughput_vs_peer": cpu_vs_peer}
                if workers == 1 else
                {"speedup_vs_1_worker": speedup["steady"], "goal_speedup": 1.7,
                 "meets_goal": speedup["steady"] >= 1.7,
                 "cpu_efficiency_vs_1_worker": cpu_efficiency})  # fmt: skip
        bench.row(f"corpus suggest, {label}, steady state, {size}", steady[workers],
                  peer=peer if workers == 1 else steady[1],
                  peer_name=("the in-process suggester on the same texts" if workers == 1
                             else "corpus suggest with 1 worker, steady state"),
                  articles_per_s=rate(steady[workers]),
                  articles_per_cpu_s=per_cpu(steady[workers]),
                  cores_used=steady[workers].cpu_s / steady[workers].wall_s, **goal)  # fmt: skip
        end_goal = ({"throughput_vs_peer": vs_peer["end_to_end"],
                     "meets_goal": vs_peer["end_to_end"] >= 0.85} if workers == 1 else
                    {"speedup_vs_1_worker": speedup["end_to_end"],
                     "meets_goal": speedup["end_to_end"] >= 1.7})  # fmt: skip
        bench.row(f"corpus suggest, {label}, end to end, {size}", whole[workers],
                  peer=peer if workers == 1 else whole[1],
                  peer_name=("the in-process suggester on the same texts" if workers == 1
                             else "corpus suggest with 1 worker, end to end"),
                  articles_per_s=rate(whole[workers]), **end_goal)  # fmt: skip
        bench.row(f"corpus startup and shutdown, {label}", startup[workers],
                  note="wall: plan, cluster start, pipeline loaded in every worker; CPU: "
                  "end to end minus steady state, all processes")  # fmt: skip
    projection = project(rate(steady[1]), per_cpu(steady[1]), speedup["steady"], cpu_efficiency,
                         startup[1].wall_s)  # fmt: skip
    bench.notes.update(
        articles=n, words=words, runs=len(loads), partition_size=args.partition_size,
        load_per_round=[round(x, 2) for x in loads],
        worker_cpu_at_start_s={k: statistics.median(r.worker_cpu_at_start for r in v)
                               for k, v in runs_by_workers.items()},
        projection_hours_for_10M_articles=projection,
        cpu_note="steady state: the workers' CPU on the partitions plus this process's; "
        "end to end: this process's plus its reaped children's (RUSAGE_CHILDREN)",
    )  # fmt: skip
    bench.finish()
    print(f"load average per round: {', '.join(f'{x:.2f}' for x in loads)}")
    print(f"2 workers / 1 worker: {speedup['steady']:.2f}x throughput steady, "
          f"{speedup['end_to_end']:.2f}x end to end (goal 1.7x)")  # fmt: skip
    print(f"1 worker / in-process suggester: {vs_peer['steady']:.2f}x steady, "
          f"{vs_peer['end_to_end']:.2f}x end to end (goal 0.85x)  [wall clock]")  # fmt: skip
    print(f"per CPU-second: 1 worker / in-process {cpu_vs_peer:.2f}x, partitions without Dask "
          f"/ in-process {per_cpu(engine) / per_cpu(peer):.2f}x; CPU of 1 worker / CPU of 2 "
          f"workers {cpu_efficiency:.2f} (1.00: two free cores would give 2x)")  # fmt: skip
    print(f"cores the machine gave (steady CPU / wall): 1 worker "
          f"{steady[1].cpu_s / steady[1].wall_s:.2f} of 1, 2 workers "
          f"{steady[2].cpu_s / steady[2].wall_s:.2f} of 2: the wall-clock speedup cannot be "
          "more than their ratio")  # fmt: skip
    print(f"startup: 1 worker {startup[1].wall_s:.1f} s, 2 workers {startup[2].wall_s:.1f} s "
          "(wall, not in the steady rate)")
    print(f"projection for {PROJECTED:,} articles of ~{words // n} words, hours on N cores:")
    print(f"  {'cores':>5} {'free cores (CPU)':>17} {'as measured (wall)':>19}")
    for cores, hours in projection.items():
        print(f"  {cores:>5} {hours['free_cores']:>17.1f} {hours['as_measured']:>19.1f}")


def project(rate: float, per_cpu: float, speedup: float, cpu_efficiency: float,
            startup_s: float) -> dict[str, dict[str, float]]:  # fmt: skip
    """Hours for PROJECTED articles on N cores, from one worker's steady rate per core.

    ``free_cores``: each core gives one worker's articles per CPU-second, at the CPU
    efficiency measured from 1 to 2 workers (what a machine of idle cores gives);
    ``as_measured``: one worker's wall-clock rate here, at the wall-clock scaling measured
    from 1 to 2 workers (this machine's load included). Startup is added once.
    """
    out = {}
    for cores in (1, 2, 8, 32, 128):
        scale = 1.0 if cores == 1 else cores
        free = per_cpu * scale * (1.0 if cores == 1 else min(cpu_efficiency, 1.0))
        measured = rate * scale * (1.0 if cores == 1 else min(speedup / 2, 1.0))
        out[str(cores)] = {"free_cores": (PROJECTED / free + startup_s) / 3600,
                           "as_measured": (PROJECTED / measured + startup_s) / 3600}  # fmt: skip
    return out


if __name__ == "__main__":
    sys.exit(main())
