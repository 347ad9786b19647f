"""Options shared by the `plans` commands: the warehouse (`--db`, `PLANS_DB`), `--wait`, `--format`,
and the per-file limits of `plans ingest`, generated from `core.limits.Limits`."""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from core.errors import WarehouseError
from core.limits import DEFAULT_WAIT_S, LIMIT_NAMES, InvalidLimit, Limits, option
from plans.render import FORMATS

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
# The warehouse: --db, else this environment variable, else DEFAULT_DB (relative to the current folder).
DB_ENV = "PLANS_DB"
DEFAULT_DB = Path("data/plans.duckdb")
_WAIT_KEY = "plans_wait_s"


def _origin(ctx: click.Context, name: str) -> str:
    source = ctx.get_parameter_source(name)
    if source is ParameterSource.COMMANDLINE:
        return "from --db"
    if source is ParameterSource.ENVIRONMENT:
        return f"from {DB_ENV}"
    return f"the default path, relative to the current folder: no --db, no {DB_ENV}"


def _existing(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """A read command never creates a warehouse: a missing one is a one-line error saying where it looked."""
    if not value.is_file():
        where = f"no warehouse at {value.resolve()} ({_origin(ctx, str(param.name))})"
        raise WarehouseError("", f"{where}; run `plans ingest` first or give --db")
    return value


def db_option(read: bool) -> Decorator:
    """--db; a read command's warehouse must exist (it is opened read-only), `plans ingest` creates it."""
    return click.option(
        "--db",
        type=click.Path(path_type=Path, dir_okay=False),
        envvar=DB_ENV,
        show_envvar=True,
        default=DEFAULT_DB,
        show_default=True,
        callback=_existing if read else None,
        help="DuckDB warehouse file" + (" (opened read-only)." if read else "."),
    )


def _store_wait(ctx: click.Context, _: click.Parameter, value: float) -> float:
    ctx.meta[_WAIT_KEY] = value
    return value


def wait_option(help_text: str) -> Decorator:
    """--wait, kept in the context (`waited`) so that commands need no parameter for it."""
    return click.option(
        "--wait",
        type=float,
        default=DEFAULT_WAIT_S,
        show_default=True,
        expose_value=False,
        callback=_store_wait,
        help=help_text,
    )


def waited(ctx: click.Context) -> float:
    return float(ctx.meta.get(_WAIT_KEY, DEFAULT_WAIT_S))


format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)


def limit_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One option per `Limits` field (name, type, default and help from the dataclass); the command
    gets `limits=Limits(...)`, built by keyword; a value that means nothing is a usage error."""

    @functools.wraps(command)
    def with_limits(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in LIMIT_NAMES}
        try:
            limits = Limits(**values)
        except InvalidLimit as error:
            raise click.UsageError(str(error)) from error
        return command(*args, limits=limits, **kwargs)

    types = typing.get_type_hints(Limits)
    decorated: Callable[..., Any] = with_limits
    for spec in reversed(fields(Limits)):
        help_text = f"{spec.metadata['help']} ({spec.metadata['unit']})."
        decorated = click.option(
            option(spec.name), spec.name, type=types[spec.name], default=spec.default, show_default=True, help=help_text
        )(decorated)
    return decorated
