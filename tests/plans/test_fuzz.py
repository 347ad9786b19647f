"""Mutated sample files: every one ends ok, review, not-a-plan or failed with a one-line message.

`make test` runs a bounded, derandomized set of cases (the same every run); `make fuzz`
runs many more, random ones (PLANS_FUZZ_EXAMPLES=2000, PLANS_FUZZ_RANDOM=1).
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.limits import DEFAULT_LIMITS
from ingest import identify
from normalize import NormalizedPlan, Overrides
from plans.pipeline import process_chunk
from plans.workers import WorkerFailure
from tests.conftest import sample_files

pytestmark = pytest.mark.slow  # dozens of mutated samples, each read to the end

SAMPLES = {path.name: path.read_bytes() for path in sample_files()}
EXAMPLES = int(os.environ.get("PLANS_FUZZ_EXAMPLES", "60"))
FUZZ_TIMEOUT = 20.0


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """A sample with some bytes replaced, removed or repeated; inside its zip part for Office files."""
    name = draw(st.sampled_from(sorted(SAMPLES)))
    data = SAMPLES[name]
    if data.startswith(b"PK") and draw(st.booleans()):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        part = draw(st.sampled_from(sorted(p for p in parts if p.endswith(".xml"))))
        parts[part] = _mutate(draw, parts[part])
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, content in parts.items():
                archive.writestr(member, content)
        return name, out.getvalue()
    return name, _mutate(draw, data)


def _mutate(draw: st.DrawFn, data: bytes) -> bytes:
    start = draw(st.integers(0, max(len(data) - 1, 0)))
    length = draw(st.integers(0, 64))
    how = draw(st.sampled_from(["replace", "delete", "repeat", "truncate"]))
    if how == "replace":
        return data[:start] + draw(st.binary(min_size=1, max_size=64)) + data[start + length :]
    if how == "delete":
        return data[:start] + data[start + length :]
    if how == "repeat":
        return data[: start + length] + data[start : start + length] * draw(st.integers(2, 50)) + data[start + length :]
    return data[:start]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("PLANS_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutations())
def test_a_mutated_sample_ends_with_an_outcome(mutated: tuple[str, bytes]) -> None:
    name, data = mutated
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "plans-fuzz"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    [result] = process_chunk([identify(path)], Overrides(), replace(DEFAULT_LIMITS, timeout_s=FUZZ_TIMEOUT))
    if isinstance(result, WorkerFailure):
        assert result.message.strip() and "\n" not in result.message
        assert "unexpected" not in result.message, result.message  # a parser error we did not name
    else:
        assert isinstance(result, NormalizedPlan)
        assert result.plan["plan_key"] and set(result.schedule["action_ref"]) <= set(result.actions["action_ref"])
