"""Process hygiene: workers die with their parent, Ctrl-C never lands in the middle of a load."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """In a worker: the kernel sends SIGKILL when the parent dies, however it dies (Linux).

    If the parent is already gone (it died before this ran), exit now.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


def ignore_interrupts() -> None:
    """In a worker: Ctrl-C reaches the whole process group; the parent alone decides (it kills the pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Interrupts:
    """Ctrl-C raises KeyboardInterrupt at once, except inside `critical()`, where it is held until
    the block ends (a transaction and the report of what it loaded are never cut in two). A second
    Ctrl-C is ignored: the first one's cleanup (killing workers, publishing) runs to its end."""

    def __init__(self) -> None:
        self._depth = 0
        self._pending = False
        self._fired = False

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self._fired:
            return
        if self._depth:
            self._pending = True
            return
        self._fired = True
        raise KeyboardInterrupt

    @contextmanager
    def installed(self) -> Iterator[Interrupts]:
        """Use this handler for SIGINT within the block (main thread only; elsewhere, a no-op).

        A process started with SIGINT ignored (`nohup`, `cmd &` in a script) keeps it ignored:
        whoever started it asked that Ctrl-C not reach it."""
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
            yield self
            return
        try:
            previous = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread: leave signals alone
            yield self
            return
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, previous)

    @contextmanager
    def critical(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if not self._depth and self._pending:
            self._pending, self._fired = False, True
            raise KeyboardInterrupt
