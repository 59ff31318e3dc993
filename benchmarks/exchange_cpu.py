"""CPU seconds the exchange benchmark's processes used in a window (Linux /proc).

The machine is shared: messages per second fall when other work takes the cores, CPU per message
does not (much). A sampler thread reads, a few times a second, the CPU time (user + system) of
the processes watched and their descendants (the server's gunicorn workers) and of the PostgreSQL
backends serving the given databases; `between(t0, t1)` is what they used from wall time t0 to
t1 (the first and the last receipt), a process seen only later counted from zero.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path
from types import TracebackType

TICK = os.sysconf("SC_CLK_TCK")
POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a process, None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


class CpuSampler:
    def __init__(self, databases: list[str], interval: float = 0.25) -> None:
        self.databases = databases
        self.interval = interval
        self.roots: set[int] = set()
        self.samples: list[tuple[float, dict[int, float]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, *processes: subprocess.Popen[bytes] | None) -> None:
        self.roots.update(p.pid for p in processes if p is not None)

    def _backends(self, connection: object) -> set[int]:
        rows = connection.execute(  # type: ignore[attr-defined]
            "SELECT pid FROM pg_stat_activity WHERE datname = ANY(%s)", (self.databases,)
        ).fetchall()
        return {int(row[0]) for row in rows}

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            while not self._stop.is_set():
                self.samples.append((time.time(), self._sample(self._backends(connection))))
                self._stop.wait(self.interval)
            self.samples.append((time.time(), self._sample(self._backends(connection))))

    def _sample(self, backends: set[int]) -> dict[int, float]:
        stats = {int(p): s for p in os.listdir("/proc") if p.isdigit() and (s := _stat(int(p)))}
        children: dict[int, list[int]] = {}
        for pid, (parent, _) in stats.items():
            children.setdefault(parent, []).append(pid)
        wanted, todo = set(backends), list(self.roots)
        while todo:
            pid = todo.pop()
            if pid in stats and pid not in wanted:
                wanted.add(pid)
                todo.extend(children.get(pid, []))
        return {pid: stats[pid][1] for pid in wanted if pid in stats}

    def between(self, start: float, end: float) -> float:
        """CPU seconds used from the last sample at or before `start` to the first at or after
        `end` (a process's last sample counts for it after it ended)."""
        first = max((s for s in self.samples if s[0] <= start), default=self.samples[0])
        last = min((s for s in self.samples if s[0] >= end), default=self.samples[-1])
        seen: dict[int, float] = {}
        for at, sample in self.samples:
            if first[0] <= at <= last[0]:
                seen.update(sample)
        return sum(cpu - first[1].get(pid, 0.0) for pid, cpu in seen.items())

    def __enter__(self) -> CpuSampler:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
