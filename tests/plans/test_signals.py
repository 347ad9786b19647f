"""Ctrl-C inside a critical block waits for its end; a second Ctrl-C does not cut the cleanup."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from plans.signals import Interrupts


@pytest.fixture
def sigint_handled() -> Iterator[None]:
    """SIGINT with Python's own handler, whatever the test process was started with (a shell
    script's background job starts with SIGINT ignored); put back as it was afterwards."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.usefixtures("sigint_handled")
def test_ctrl_c_waits_for_the_critical_block_then_a_second_is_ignored() -> None:
    interrupts = Interrupts()
    finished = []
    with interrupts.installed():
        with pytest.raises(KeyboardInterrupt), interrupts.critical():
            os.kill(os.getpid(), signal.SIGINT)  # delivered at once, to this (main) thread
            finished.append("load")
        os.kill(os.getpid(), signal.SIGINT)  # the second: ignored while the first is handled
        finished.append("cleanup")
    assert finished == ["load", "cleanup"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


def test_a_process_started_with_ctrl_c_ignored_keeps_it_ignored() -> None:
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with Interrupts().installed():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGINT)  # ignored: no KeyboardInterrupt
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
