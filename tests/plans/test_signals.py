"""Ctrl-C inside a critical block waits for its end; a second Ctrl-C does not cut the cleanup."""

from __future__ import annotations

import os
import signal

import pytest

from plans.signals import Interrupts


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
