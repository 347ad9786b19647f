"""Opening the DuckDB file, and the read-only side that the `plans` read commands use.

Light on purpose (DuckDB only, no pandas, no normalize): `plans list` starts in a fraction of
a second. Writing goes through `warehouse.load.Warehouse`.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import duckdb

from core.errors import WarehouseError
from core.limits import DEFAULT_WAIT_S
from warehouse.rows import Rows

if TYPE_CHECKING:
    import pandas as pd

_HOLDER = re.compile(r"\(PID (\d+)\)")


def connect(path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, retrying while another process holds it (DuckDB allows one writer
    and, while it writes, no reader from another process)."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            text = str(error)
            if "lock" not in text.lower():
                raise WarehouseError(str(path), f"cannot open the warehouse: {text.splitlines()[0]}") from error
            if time.monotonic() >= deadline:
                holder = _HOLDER.search(text)
                who = f"process {holder.group(1)}" if holder else "another process"
                raise WarehouseError(
                    str(path), f"the warehouse is in use by {who}; gave up after {wait_s:g} s (--wait to wait longer)"
                ) from error
            time.sleep(0.1)
        except duckdb.Error as error:
            raise WarehouseError(str(path), f"cannot open the warehouse: {error}") from error


def has_views(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'current_actions'").fetchall()[0][0])


class Connection:
    """An open warehouse: what the read questions (`warehouse.queries`) need. Use as a context manager."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection) -> None:
        self.path, self.con = path, con

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()

    def rows(self, sql: str, params: list[Any] | None = None) -> Rows:
        cursor = self.con.execute(sql, params or [])
        columns = tuple(str(column[0]) for column in cursor.description or ())
        return Rows(columns, cursor.fetchall())


class Reader(Connection):
    """The published warehouse opened read-only."""

    def __init__(self, path: Path, wait_s: float = DEFAULT_WAIT_S) -> None:
        super().__init__(path, connect(path, read_only=True, wait_s=wait_s))
        try:
            views = has_views(self.con)
        except duckdb.Error as error:
            self.con.close()
            raise WarehouseError(str(path), f"cannot read the warehouse: {error}") from error
        if not views:
            self.con.close()
            raise WarehouseError(str(path), "the warehouse predates the views; run `plans ingest` on it once")
