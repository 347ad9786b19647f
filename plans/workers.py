"""Worker processes that extract and normalize files under a time and memory limit.

A parser that loops, allocates without bound or crashes takes only its worker down:
the file fails with a message naming the limit, the pool is rebuilt and the batch goes
on. Results are yielded in the order of the input, whatever the number of workers.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import IO, Generic, TypeVar

from core import findings
from core.limits import MB, Limits
from core.records import Source
from plans.signals import die_with_parent, ignore_interrupts

T = TypeVar("T")
Item = TypeVar("Item")
# How long the main process waits beyond the workers' own limits before it kills the pool.
GRACE_S = 30.0
# Files per task: a worker validates a whole chunk with one pandera call per model (its cost
# is mostly per call); small enough that both workers stay busy until the end.
CHUNK_MAX = 16
# Without `jobs`, a batch of at most this many files is read in the main process: starting a worker
# (an interpreter importing pandas, pandera and the readers) costs far more than reading a small plan.
IN_PROCESS_MAX = 2
# In a worker: where the watchdog writes the traceback of a hung file before it exits.
_watchdog_log: IO[str] | None = None


@dataclass(frozen=True)
class WorkerFailure:
    message: str
    kind: str  # a failure kind of `core.findings` (`timeout`, `worker-crash`...), stored with the source
    retry_alone: bool = False  # out of memory: a fresh worker may manage (the file may not be the cause)


class WorkerTimeout(BaseException):
    """Raised inside a worker by its alarm.

    A BaseException, like KeyboardInterrupt: libraries that catch `Exception` (pandera wraps what
    a check raises into SchemaErrors) must not swallow or rename it.
    """


# Once the time limit is past, the alarm rings again every this many seconds until the task ends:
# a ring raised where it cannot propagate (a gc callback, a `__del__`: "Exception ignored") is not
# the last one.
ALARM_REPEAT_S = 1.0
_alarm = {"rang": False}


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    _alarm["rang"] = True
    raise WorkerTimeout


def init_worker(max_memory_mb: int, parent_pid: int | None = None) -> None:
    """Runs once in each worker: die with the parent, leave Ctrl-C to it, cap the address space,
    arm the alarm handler."""
    global _watchdog_log
    if parent_pid is not None:
        die_with_parent(parent_pid)
        ignore_interrupts()
    limit = max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _on_alarm)
    _watchdog_log = open(os.devnull, "w")  # noqa: SIM115 (open for the worker's whole life)


def reads_in_process(jobs: int | None, files: int) -> bool:
    """True when `files` are read in this process (no `jobs` asked, a small batch, the main thread:
    only it receives the alarm)."""
    return jobs is None and files <= IN_PROCESS_MAX and threading.current_thread() is threading.main_thread()


@contextmanager
def in_process() -> Iterator[None]:
    """The worker's alarm for files read in this process (`reads_in_process`).

    What a worker gives and this does not: no watchdog (it would end the whole process, which may
    be a notebook's: a parser stuck in C code is stopped by the alarm only when that call returns),
    a parser that crashes ends the command (its draft is then never published), and
    --max-memory-mb does not apply."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, previous)


def run_with_alarm(seconds: float, task: Callable[[], T]) -> T:
    """Run `task`, raising `WorkerTimeout` inside it after `seconds` (Python-level hangs).

    In a worker, a watchdog thread that needs no GIL (faulthandler's) also ends the process
    after twice `seconds`, for a hang in C code that the alarm cannot interrupt: the pool
    then re-runs the files of its chunk one by one, and only the culprit fails.
    """
    _alarm["rang"] = False
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT_S)
    if _watchdog_log is not None:
        faulthandler.dump_traceback_later(2 * seconds, exit=True, file=_watchdog_log)
    try:
        result = task()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if _watchdog_log is not None:
            faulthandler.cancel_dump_traceback_later()
    if _alarm["rang"]:  # it rang where it was swallowed, and the task ended past its limit anyway
        raise WorkerTimeout
    return result


def _retry(result: object) -> bool:
    return isinstance(result, WorkerFailure) and result.retry_alone


def chunks(items: list[Item], jobs: int) -> list[list[Item]]:
    """Consecutive chunks of at most `CHUNK_MAX` files, at least two per worker when there are enough files."""
    size = max(1, min(CHUNK_MAX, len(items) // (2 * jobs)))
    return [items[start : start + size] for start in range(0, len(items), size)]


class Workers(Generic[T]):
    """A spawn-based pool that survives its workers: rebuilt after a hang or a crash.

    `work` reads a chunk of files (their `Source`s) and returns one result per file, in order.
    """

    def __init__(self, jobs: int, limits: Limits, work: Callable[[list[Source]], list[T]]) -> None:
        self.jobs, self.limits, self.work = jobs, limits, work
        self.pool = self._new_pool(jobs)
        self._pending: tuple[list[Future[list[T]]], int] = ([], 0)  # map's futures and the chunk it reads next
        self._buffered = 0  # results of the current chunk not yielded yet

    def _new_pool(self, jobs: int) -> ProcessPoolExecutor:
        # spawn: workers start clean (no copy of the main process's DuckDB connection).
        return ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self.limits.max_memory_mb, os.getpid()),
        )

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """Stop now (Ctrl-C): the workers are killed, their files left unread."""
        self._kill(self.pool)

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def next_ready(self) -> bool:
        """True when the result `map` yields next is already there (a caller may batch its work)."""
        futures, index = self._pending
        return self._buffered > 0 or (index < len(futures) and futures[index].done())

    def map(self, sources: list[Source]) -> Iterator[tuple[Source, T | WorkerFailure]]:
        groups = chunks(sources, self.jobs)
        futures = self._submit(groups)
        for index, group in enumerate(groups):
            self._pending = (futures, index + 1)
            results = self._results(futures, index, groups)
            for left, (source, result) in enumerate(zip(group, results, strict=True), start=1):
                self._buffered = len(group) - left
                yield source, result

    def _results(
        self, futures: list[Future[list[T]]], index: int, groups: list[list[Source]]
    ) -> list[T | WorkerFailure]:
        """The results of chunk `index`. After a hang or a crash, each of its files alone; after
        running out of memory, those files alone (the worker may have kept memory from the files
        before). Either way the pool starts afresh."""
        group = groups[index]
        # Each file has its alarm (timeout_s) and the worker's watchdog (2x); this is the last resort.
        wait_s = len(group) * 2 * self.limits.timeout_s + GRACE_S
        results: list[T | WorkerFailure | None] = [None] * len(group)  # None: to run alone
        try:
            results = [None if _retry(r) else r for r in futures[index].result(timeout=wait_s)]
            if None not in results:
                return [r for r in results if r is not None]
            self._kill(self.pool)
        except FutureTimeout:
            self._kill(self.pool)
        except BrokenProcessPool:
            pass  # some worker died; it may not have been this chunk's
        except Exception as error:  # the worker could not even run the task (e.g. out of memory)
            return [self._failure(source, error) for source in group]
        self.pool = self._new_pool(self.jobs)
        alone = iter(self._one_by_one([s for s, result in zip(group, results, strict=True) if result is None]))
        futures[index + 1 :] = self._submit(groups[index + 1 :])
        return [next(alone) if result is None else result for result in results]

    def _submit(self, groups: list[list[Source]]) -> list[Future[list[T]]]:
        return [self.pool.submit(self.work, group) for group in groups]

    def _one_by_one(self, group: list[Source]) -> list[T | WorkerFailure]:
        """Each file of `group` alone, in a one-worker pool replaced after each crash or hang."""
        wait_s = 2 * self.limits.timeout_s + GRACE_S
        results: list[T | WorkerFailure] = []
        solo = self._new_pool(1)
        try:
            for source in group:
                try:
                    results.append(solo.submit(self.work, [source]).result(timeout=wait_s)[0])
                    continue
                except FutureTimeout:
                    stopped = f"no result after {wait_s:.0f} s, worker stopped"
                    results.append(
                        WorkerFailure(
                            f"{source.file_name}: {stopped} ({self.limits.hint('timeout_s')})", findings.TIMEOUT.name
                        )
                    )
                except Exception as error:
                    results.append(self._failure(source, error))
                self._kill(solo)
                solo = self._new_pool(1)
        finally:
            self._kill(solo)
        return results

    def _failure(self, source: Source, error: BaseException) -> WorkerFailure:
        return WorkerFailure(
            f"{source.file_name}: the worker process stopped while reading it ({type(error).__name__}: a parser crash, "
            f"a hang past twice the time limit, or the memory limit; {self.limits.hint('timeout_s')}; "
            f"{self.limits.hint('max_memory_mb')})",
            findings.WORKER_CRASH.name,
        )
