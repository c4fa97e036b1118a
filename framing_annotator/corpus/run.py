"""Running the suggester over a corpus on Dask: a local cluster or an existing scheduler.

The client side plans the partitions, skips those already written, submits the rest
as one task each and follows them as they finish. Everything heavy happens in the
workers (:mod:`.work`), which read, suggest and write their own files, so nothing but
small summaries travels back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import KnownError
from ..io.export.files import atomic_paths
from .frames import FrameModel
from .plan import Plan, plan_corpus
from .work import ARTICLES, QUOTES, PartitionResult, is_done, run_partition, warm_up, worker_stats

INSTALL_HINT = "the corpus commands need Dask and pyarrow: pip install 'framing-annotator[corpus]'"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
"""What a local cluster runs with. The workers' statistical profiler (the dashboard's Profile
page) samples every thread's stack a hundred times a second, and the tick that watches
for a blocked event loop wakes every process fifty times a second (4% of a core for the
scheduler and its nannies, 2% for each idle worker, measured): both take the GIL from the
spaCy thread. So do the memory monitor (ten times a second) and the system monitor (twice);
at once a second and once in two seconds a worker's partitions took 7% less CPU (4,000
articles, 4 interleaved rounds, each round faster), and memory limits are still enforced.
The task stream, progress and memory pages do not need more. A cluster of one's own is set
up by its own Dask configuration (docs/guide/corpus.md)."""


def require_corpus_extra() -> None:
    """One clear line when the ``corpus`` extra is not installed."""
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise KnownError(INSTALL_HINT) from exc


@dataclass
class Progress:
    """Where a run is; given to the progress callback after each partition."""

    partitions: int  # to do in this run
    done: int = 0
    articles: int = 0
    expected_articles: int | None = None  # in this run; None when CSV/JSONL make it unknown
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        """Articles a second so far."""
        return self.articles / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, by articles when their number is known, else by partitions."""
        if self.done == 0:
            return None
        if self.expected_articles and self.articles:
            return (self.expected_articles - self.articles) / max(self.rate, 1e-9)
        return self.elapsed * (self.partitions - self.done) / self.done


@dataclass
class RunSummary:
    partitions: int = 0
    written: int = 0
    skipped: int = 0
    articles: int = 0
    words: int = 0
    quotes: int = 0
    refusals: list[str] = field(default_factory=list)
    startup_seconds: float = 0.0  # the cluster started or reached, pipelines loaded
    seconds: float = 0.0  # the partitions, after startup: the steady rate
    workers: int = 0  # connected at the end
    worker_cpu_at_start: float = 0.0  # their CPU seconds when the partitions began
    worker_cpu: float = 0.0  # their CPU seconds on the partitions
    client_cpu: float = 0.0  # this process's (with a local cluster's scheduler) on them
    pipeline_loads: dict[str, int] = field(default_factory=dict)  # worker -> loads (1 each)


def suggest_corpus(
    inputs: list[Path],
    out: Path,
    *,
    pipeline: str = "auto",
    partition_size: int = 1000,
    scheduler: str | None = None,
    workers: int | None = None,
    frames: FrameModel | None = None,
    on_start: Callable[[str | None], None] = lambda link: None,
    progress: Callable[[Progress], None] = lambda state: None,
) -> RunSummary:
    """Suggest quotes for every article of ``inputs`` into Parquet files under ``out``.

    ``scheduler`` is the address of a running Dask scheduler; without it a local cluster
    of ``workers`` processes (one per core by default) is started and stopped. Partitions
    already in ``out`` are skipped. With ``frames``, that learner scores every quote; its
    bytes go to each worker once. ``on_start`` gets the dashboard address.
    Ctrl+C (KeyboardInterrupt) cancels what is running; finished partitions stay.
    """
    require_corpus_extra()
    from distributed import as_completed

    started = time.perf_counter()
    plan = plan_corpus(inputs, partition_size)
    _prepare_output(out, plan, pipeline, partition_size, frames)
    todo = [p for p in plan.partitions if not is_done(out, p)]
    summary = RunSummary(partitions=len(plan.partitions), skipped=len(plan.partitions) - len(todo))
    expected = [p.expected_articles for p in todo]
    state = Progress(len(todo), expected_articles=None if None in expected else sum(expected))
    if not todo:
        return summary
    futures = []
    with _client(scheduler, workers) as client:
        try:
            on_start(client.dashboard_link)
            model = None if frames is None else client.scatter(frames.data, broadcast=True)
            _warm_up(client, pipeline, model)
            summary.startup_seconds = time.perf_counter() - started
            cpu_at_start = _worker_stats(client)
            summary.worker_cpu_at_start = sum(cpu for cpu, _ in cpu_at_start.values())
            state.started, client_cpu = time.perf_counter(), time.process_time()
            futures = client.map(
                run_partition, todo, out=str(out.resolve()), pipeline=pipeline, frames=model,
                frame_keys=frames.keys if frames else (), pure=False,
            )  # fmt: skip
            for future in as_completed(futures):
                try:
                    result: PartitionResult = future.result()
                except OSError as exc:  # a full disk or a folder a worker cannot write
                    raise KnownError(
                        f"{out}: a worker could not write its partition ({exc})"
                    ) from exc
                _add(summary, result)
                state.done += 1
                state.articles += result.articles + len(result.refusals)
                progress(state)
            summary.seconds = state.elapsed
            summary.client_cpu = time.process_time() - client_cpu
            _add_worker_stats(summary, cpu_at_start, _worker_stats(client))
        finally:
            if futures:
                client.cancel(futures)
    return summary


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator:
    """A client of ``scheduler``, or of a local cluster of ``workers`` processes, closed after."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with connect(scheduler) as client:
            yield client
        return
    with _workers_ignore_ctrl_c(), dask.config.set(LOCAL_CLUSTER_CONFIG):
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,  # spaCy holds the GIL: processes, not threads, scale
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,  # not a warning per task cancelled by Ctrl+C
        )
    with cluster, Client(cluster) as client:
        yield client


def _warm_up(client, pipeline: str, model) -> None:  # noqa: ANN001 - Dask's, imported lazily
    """Load the pipeline (and the frame learner) in every connected worker, all at once.

    Workers that join later (a cluster growing) load it with their first partition.
    """
    futures = [
        client.submit(warm_up, pipeline, model, workers=[worker], allow_other_workers=False,
                      pure=False)  # fmt: skip
        for worker in client.nthreads()  # every connected worker
    ]
    client.gather(futures)


def _worker_stats(client) -> WorkerStats:  # noqa: ANN001
    """Each connected worker's CPU seconds so far and pipeline loads; figures, not work, so
    a worker that cannot answer is left out rather than failing a finished run."""
    answers = client.run(worker_stats, on_error="return")
    return {worker: answer for worker, answer in answers.items() if isinstance(answer, tuple)}


def connect(scheduler: str):  # noqa: ANN201 - distributed.Client, imported lazily
    """A client of the scheduler at ``scheduler``, or one line saying why there is none."""
    from distributed import Client

    try:
        return Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise KnownError(
            f"cannot reach a Dask scheduler at {scheduler} ({str(exc).splitlines()[0]})"
        ) from exc


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes with SIGINT ignored (an ignored signal stays ignored in a child).

    Ctrl+C reaches every process of the terminal's process group; the workers would each
    print a traceback. This way only this process sees it, and it stops them in order.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


WorkerStats = dict[str, tuple[float, int]]  # worker -> (CPU seconds so far, pipeline loads)


def _add_worker_stats(summary: RunSummary, at_start: WorkerStats, at_end: WorkerStats) -> None:
    """The workers' CPU on the partitions; one that joined meanwhile counts from its start."""
    summary.workers = len(at_end)
    summary.worker_cpu = sum(cpu - at_start.get(w, (0.0, 0))[0] for w, (cpu, _) in at_end.items())
    summary.pipeline_loads = {worker: loads for worker, (_, loads) in at_end.items()}


def _add(summary: RunSummary, result: PartitionResult) -> None:
    if result.skipped:  # written meanwhile by another run on the same folder
        summary.skipped += 1
        return
    summary.written += 1
    summary.articles += result.articles
    summary.words += result.words
    summary.quotes += result.quotes
    summary.refusals.extend(result.refusals)


def _prepare_output(
    out: Path, plan: Plan, pipeline: str, partition_size: int, frames: FrameModel | None
) -> None:
    """Create ``out`` or check that it holds a run over the same inputs and settings."""
    if out.exists() and not out.is_dir():
        raise KnownError(f"{out}: is a file; --output needs a folder")
    wanted = {
        "format": MANIFEST_FORMAT,
        "pipeline": pipeline,
        "partition_size": partition_size,
        "partitions": len(plan.partitions),
        "plan_sha256": plan.fingerprint,
        "frames": None if frames is None else frames.describe(),
    }
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            found = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KnownError(f"{manifest}: cannot be read ({exc}); give a new --output") from exc
        if found != wanted:
            changed = ", ".join(k for k in wanted if found.get(k) != wanted[k])
            raise KnownError(
                f"{out}: holds a run with other inputs or settings ({changed}); "
                "give a new --output folder, or the same INPUT and options to resume"
            )
    elif out.exists() and any(out.iterdir()):
        raise KnownError(f"{out}: is not empty and holds no corpus run; give a new --output")
    for sub in (QUOTES, ARTICLES):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for stale in (out / sub).glob(".*.part"):  # left by a run killed mid-write
            stale.unlink(missing_ok=True)
    if not manifest.exists():
        with atomic_paths(manifest) as (tmp,):
            tmp.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
