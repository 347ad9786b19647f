"""Readers never wait: an ingest writes a private draft of the warehouse and publishes it by rename.

Files beside the warehouse `<db>` (same folder, so that a rename is atomic):
- `<db>.lock`: an ingest holds an exclusive `flock` on it for its whole run, so two ingests queue
  (the second waits `--wait` s). The kernel drops the lock when its process dies, however it dies.
- `<db>.draft` (and DuckDB's `<db>.draft.wal`): the ingest's private copy, the only file it writes.
  A draft left by a killed ingest is deleted by the next one: what it held was never published,
  and those files, absent from the published warehouse, are read again.
- `<db>.publishing`: a copy of the draft on its way to `<db>`.

Publishing = CHECKPOINT the draft (its main file then holds every committed transaction and its
WAL is empty), copy it to `<db>.publishing`, fsync, rename onto `<db>`, fsync the folder. At the
end of a run the draft itself is renamed (no copy). `<db>` is never opened for writing, so readers
(read-only) never conflict with an ingest; a reader sees the state published when it opened the
file, until it reconnects. A kill -9 at any moment leaves `<db>` whole: either the previous or the
new published file, never a mix.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from pathlib import Path
from types import TracebackType

from core.errors import WarehouseError
from warehouse.connect import connect
from warehouse.load import Warehouse

# Least time between two publications during a run; each costs a copy of the warehouse, so the
# interval also grows to COPY_SHARE times the last copy's duration (copying takes at most ~5 % of a run).
PUBLISH_S = 2.0
COPY_SHARE = 20.0


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def draft_path(db: Path) -> Path:
    return db.with_name(db.name + ".draft")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


class WriterLock:
    """The exclusive lock an ingest holds on `<db>.lock`; the file names the holder's PID."""

    def __init__(self, db: Path, wait_s: float) -> None:
        db.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    os.close(self.fd)
                    raise WarehouseError(
                        str(db),
                        f"the warehouse is in use by process {holder} (an ingest); gave up after {wait_s:g} s "
                        "(--wait to wait longer)",
                    ) from None
                time.sleep(0.1)
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)

    def release(self) -> None:
        os.ftruncate(self.fd, 0)
        os.close(self.fd)  # closing drops the flock


class Draft:
    """An ingest's private, writable copy of the warehouse `db`; use as a context manager.

    `warehouse` is open on the draft for the whole run. `publish()` makes what is committed
    visible to readers; leaving the `with` block normally (or on Ctrl-C) publishes what is
    committed, any other error discards the draft (the published warehouse stays as it was).
    """

    def __init__(self, db: Path, wait_s: float) -> None:
        self.db, self.draft = db, draft_path(db)
        self.lock = WriterLock(db, wait_s)
        try:
            _remove(self.draft, _wal(self.draft), db.with_name(db.name + ".publishing"))
            started = time.monotonic()
            if db.exists():
                if _wal(db).exists():  # left by a process that wrote `db` itself (before drafts)
                    connect(db, read_only=False, wait_s=wait_s).close()  # replays and checkpoints it
                shutil.copyfile(db, self.draft)
            self.copy_s = time.monotonic() - started
            self.warehouse = Warehouse(self.draft)
        except BaseException:
            _remove(self.draft, _wal(self.draft))
            self.lock.release()
            raise
        self.published_at = time.monotonic()
        self.changed = not db.exists()

    def __enter__(self) -> Draft:
        return self

    def touch(self) -> None:
        """Something was committed to the draft: publish it at the end, or now if it is time."""
        self.changed = True
        if time.monotonic() - self.published_at >= max(PUBLISH_S, COPY_SHARE * self.copy_s):
            self.publish()

    def publish(self) -> None:
        """Copy what is committed in the draft to `db` (the draft stays open)."""
        self.warehouse.checkpoint()
        started = time.monotonic()
        publishing = self.db.with_name(self.db.name + ".publishing")
        shutil.copyfile(self.draft, publishing)
        _fsync_file(publishing)
        os.replace(publishing, self.db)
        _fsync_dir(self.db.parent)
        self.copy_s = time.monotonic() - started
        self.published_at = time.monotonic()
        self.changed = False

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if error is None or isinstance(error, KeyboardInterrupt):
                self._finish()
            else:
                self.warehouse.close()
        finally:
            _remove(self.draft, _wal(self.draft))
            self.lock.release()

    def _finish(self) -> None:
        """Close the draft and, if it changed, rename it onto `db` (no copy)."""
        if self.changed:
            self.warehouse.checkpoint()
        self.warehouse.close()
        if not self.changed:
            return
        if _wal(self.draft).exists():
            raise WarehouseError(str(self.db), "the draft kept a WAL after its checkpoint; nothing published")
        _fsync_file(self.draft)
        os.replace(self.draft, self.db)
        _fsync_dir(self.db.parent)
