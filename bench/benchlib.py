"""What every benchmark shares: timing on CPU and wall clocks, the machine, and the results file.

Each bench measures with `measure` (median of at least five runs, CPU time from
`time.process_time` beside wall time), prints its table with `print_table`, and writes the
same table as JSON with `write_results` into `bench/results/NAME.json`. The README's figures
are generated from those files, never typed by hand.

    from benchlib import Bench, measure
    bench = Bench("import")
    bench.row("import 10,000 .txt files", measure(run), peer=measure(peer_run), goal_s=2.0)
    bench.finish()
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(os.environ.get("FA_BENCH_RESULTS") or Path(__file__).resolve().parent / "results")
"""Where results go; ``FA_BENCH_RESULTS`` moves them (the CI run of a bench, in a tmp dir)."""
MIN_RUNS = 5


@dataclass(frozen=True)
class Timing:
    """Medians of repeated runs, in seconds."""

    cpu_s: float
    wall_s: float
    runs: int
    cpu_all: tuple[float, ...] = ()

    def ms(self) -> str:
        return f"{self.cpu_s * 1000:.1f} ms CPU / {self.wall_s * 1000:.1f} ms wall"


def measure(
    action: Callable[[], Any],
    *,
    runs: int = MIN_RUNS,
    setup: Callable[[], Any] | None = None,
) -> Timing:
    """Run `action` `runs` times (at least five) and return the median CPU and wall time.

    `setup`, when given, runs before each timed run and is not timed.
    """
    runs = max(runs, MIN_RUNS)
    cpu, wall = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        c0, w0 = time.process_time(), time.perf_counter()
        action()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return Timing(statistics.median(cpu), statistics.median(wall), runs, tuple(cpu))


def fill_article_index(conn: sqlite3.Connection) -> None:
    """The peer of the project's search index: the same FTS5 table over a bare table
    ``bare(id, title, text, ...)``, filled in one statement."""
    conn.execute(
        "CREATE VIRTUAL TABLE bare_fts USING fts5(title, text, content='bare', content_rowid='id')"
    )
    conn.execute("INSERT INTO bare_fts(rowid, title, text) SELECT id, title, text FROM bare")


def measure_index_fill(path: Path, store_rows: Callable[[], Any]) -> Timing:
    """:func:`fill_article_index` on ``path``, timed; ``store_rows()`` (untimed) writes the
    bare rows into a fresh ``path`` before each run."""
    conns: list[sqlite3.Connection] = []

    def stored() -> None:
        while conns:
            conns.pop().close()
        store_rows()
        conns.append(sqlite3.connect(path))

    def fill() -> None:
        fill_article_index(conns[-1])
        conns[-1].commit()

    timing = measure(fill, setup=stored)
    conns.pop().close()
    return timing


def load_average() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except OSError:
        return None


def machine() -> dict[str, Any]:
    """Platform, cores and the versions that move the figures."""
    import sqlite3

    info: dict[str, Any] = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    for name in ("spacy", "PySide6", "numpy", "dask", "sklearn", "matplotlib"):
        module = sys.modules.get(name)
        if module is None:
            try:
                module = __import__(name)
            except Exception:  # noqa: BLE001 - an absent library is simply not reported
                continue
        info[name] = getattr(module, "__version__", "?")
    return info


@dataclass
class Bench:
    """One benchmark run: rows of figures, each with its same-run peer and ratio."""

    name: str
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    load_start: tuple[float, float, float] | None = field(default_factory=load_average)
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)

    def row(
        self,
        measure_name: str,
        timing: Timing,
        *,
        peer: Timing | None = None,
        peer_name: str = "",
        goal_s: float | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Record one figure; the ratio to the peer is on CPU time."""
        row: dict[str, Any] = {"measure": measure_name, **asdict(timing)}
        row.pop("cpu_all")
        if peer is not None:
            row["peer"] = peer_name
            row["peer_cpu_s"] = peer.cpu_s
            row["peer_wall_s"] = peer.wall_s
            row["ratio_cpu"] = timing.cpu_s / peer.cpu_s if peer.cpu_s else None
        if goal_s is not None:
            row["goal_cpu_s"] = goal_s
            row["meets_goal"] = timing.cpu_s <= goal_s
        row.update(extra)
        self.rows.append(row)
        return row

    def finish(self) -> Path:
        """Print the table and write `bench/results/NAME.json`."""
        result = {
            "bench": self.name,
            "started": self.started,
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "load_start": self.load_start,
            "load_end": load_average(),
            "machine": machine(),
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "rows": self.rows,
            "notes": self.notes,
        }
        print_table(result)
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{self.name}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        print(f"written {path}")
        return path


def print_table(result: dict[str, Any]) -> None:
    m = result["machine"]
    print(
        f"{result['bench']}: {m['platform']}, {m['cores']} cores, Python {m['python']}, "
        f"SQLite {m['sqlite']}; load {_load(result['load_start'])} -> {_load(result['load_end'])}"
    )
    print(f"{'measure':<58} {'CPU s':>9} {'wall s':>9} {'peer CPU s':>11} {'ratio':>7}")
    for row in result["rows"]:
        peer = f"{row['peer_cpu_s']:.4f}" if "peer_cpu_s" in row else ""
        ratio = f"{row['ratio_cpu']:.2f}x" if row.get("ratio_cpu") else ""
        print(
            f"{row['measure'][:58]:<58} {row['cpu_s']:>9.4f} {row['wall_s']:>9.4f} "
            f"{peer:>11} {ratio:>7}"
        )
        if row.get("peer"):
            print(f"{'':<4}peer: {row['peer']}")


def _load(load: tuple[float, float, float] | None) -> str:
    return "?" if load is None else f"{load[0]:.2f}"
