"""The layering of the packages, read from their imports (every `import`, also inside functions).

Data flows one way: `core` <- `ingest` -> `normalize` -> `warehouse` -> `export`; only `plans`
runs the stages together, so only it (and the tests) imports `ingest`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What each package may import besides itself.
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "ingest": frozenset({"core"}),
    "normalize": frozenset({"core"}),
    "warehouse": frozenset({"core", "normalize"}),
    "export": frozenset({"core", "normalize", "warehouse"}),
    "plans": frozenset({"core", "ingest", "normalize", "warehouse", "export"}),
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of the project's packages in `path`; `from p import m`
    names the module `p.m` when it is one."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [_submodule(node.module, alias.name) for alias in node.names]
        else:
            continue
        yield from ((node.lineno, name) for name in names if name.split(".")[0] in ALLOWED)


def _submodule(package: str, name: str) -> str:
    folder = ROOT.joinpath(*package.split("."))
    return f"{package}.{name}" if (folder / f"{name}.py").is_file() or (folder / name).is_dir() else package


@cache  # both tests read the same imports
def _imports_by_module() -> dict[Path, tuple[tuple[int, str], ...]]:
    paths = sorted(path for package in ALLOWED for path in (ROOT / package).rglob("*.py"))
    return {path: tuple(_imports(path)) for path in paths}


def test_no_package_imports_a_later_stage_nor_ingest_outside_plans() -> None:
    backwards = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path, imports in _imports_by_module().items()
        for line, name in imports
        if (top := name.split(".")[0]) != (own := _module(path).split(".")[0]) and top not in ALLOWED[own]
    ]
    assert not backwards, "\n".join(backwards)


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of `graph` (module -> modules it imports), or []."""
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = "done"
        path.pop()
        return []

    return next((found for node in sorted(graph) if node not in state and (found := visit(node))), [])


def test_no_module_imports_itself_back() -> None:
    graph: dict[str, set[str]] = {}
    for path, imports in _imports_by_module().items():
        module = _module(path)
        graph.setdefault(module, set()).update(name for _, name in imports if name != module)
    assert not _cycle(graph), " -> ".join(_cycle(graph))


@pytest.mark.parametrize("graph", [{"a": {"b"}, "b": {"c"}, "c": {"a"}}, {"a": {"a.x"}, "a.x": {"a"}}])
def test_the_cycle_check_finds_a_cycle(graph: dict[str, set[str]]) -> None:
    assert _cycle(graph)[0] == _cycle(graph)[-1]
