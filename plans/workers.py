"""Worker processes that extract and normalize files under a time and memory limit.

A parser that loops, allocates without bound or crashes takes only its worker down:
the file fails with a message naming the limit, the pool is rebuilt and the batch goes
on. Results are yielded in the order of the input, whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Generic, TypeVar

from ingest.limits import MB, Limits

T = TypeVar("T")
# How long the main process waits beyond the worker's own alarm before it kills the pool.
GRACE_S = 30.0


@dataclass(frozen=True)
class WorkerFailure:
    message: str


class WorkerTimeout(Exception):
    """Raised inside a worker by its alarm."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise WorkerTimeout


def init_worker(max_memory_mb: int) -> None:
    """Runs once in each worker: cap its address space, arm the alarm handler."""
    limit = max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _on_alarm)


def run_with_alarm(seconds: float, task: Callable[[], T]) -> T:
    """Run `task`, raising `WorkerTimeout` inside it after `seconds` (Python-level hangs)."""
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return task()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class Workers(Generic[T]):
    """A spawn-based pool that survives its workers: rebuilt after a hang or a crash."""

    def __init__(self, jobs: int, limits: Limits, work: Callable[[Path], T]) -> None:
        self.jobs, self.limits, self.work = jobs, limits, work
        self.pool = self._new_pool(jobs)
        self._pending: tuple[list[Future[T]], int] = ([], 0)  # map's futures and the index it yields next

    def _new_pool(self, jobs: int) -> ProcessPoolExecutor:
        # spawn: workers start clean (no copy of the main process's DuckDB connection).
        return ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self.limits.max_memory_mb,),
        )

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def next_ready(self) -> bool:
        """True when the result `map` yields next is already there (a caller may batch its work)."""
        futures, index = self._pending
        return index < len(futures) and futures[index].done()

    def map(self, paths: list[Path]) -> Iterator[tuple[Path, T | WorkerFailure]]:
        wait_s = 2 * self.limits.timeout_s + GRACE_S
        futures = self._submit(paths)
        for index, path in enumerate(paths):
            self._pending = (futures, index + 1)
            try:
                result: T | WorkerFailure = futures[index].result(timeout=wait_s)
            except FutureTimeout:
                self._kill(self.pool)
                self.pool = self._new_pool(self.jobs)
                result = WorkerFailure(
                    f"{path.name}: no result after {wait_s:.0f} s, worker stopped "
                    f"(limit --timeout={self.limits.timeout_s:g}; raise it with `plans ingest --timeout ...`)"
                )
                futures[index + 1 :] = self._submit(paths[index + 1 :])
            except BrokenProcessPool:
                # Some worker died; it may not have been this file's: try it alone.
                self.pool = self._new_pool(self.jobs)
                result = self._alone(path, wait_s)
                futures[index + 1 :] = self._submit(paths[index + 1 :])
            except Exception as error:  # the worker could not even run the task (e.g. out of memory)
                result = self._failure(path, error)
            yield path, result

    def _submit(self, paths: list[Path]) -> list[Future[T]]:
        return [self.pool.submit(self.work, path) for path in paths]

    def _alone(self, path: Path, wait_s: float) -> T | WorkerFailure:
        pool = self._new_pool(1)
        try:
            return pool.submit(self.work, path).result(timeout=wait_s)
        except Exception as error:
            return self._failure(path, error)
        finally:
            self._kill(pool)

    def _failure(self, path: Path, error: BaseException) -> WorkerFailure:
        return WorkerFailure(
            f"{path.name}: the worker process failed while reading it ({type(error).__name__}: a parser crash, or "
            f"the memory limit --max-memory-mb={self.limits.max_memory_mb}; raise it with `plans ingest "
            "--max-memory-mb ...`)"
        )
