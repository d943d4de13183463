"""The benchmarks' bare-numpy floor is an independent re-implementation of what ``assess``
computes per employee; it checks itself against ``assess``'s totals (to 1e-9). Run here on
a small workforce so that it cannot fall behind the model unnoticed (it did once: issue 24's
fares and deduction distance made `benchmarks/run.py --cases floor` fail)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def test_bare_numpy_floor_agrees_with_assess(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        import _cases
    finally:
        sys.path.remove(str(BENCH))
    out = _cases.floor(3_000, 1, tmp_path)  # raises if any metric's total differs
    assert out["status"] == "ok"
    assert "17 metrics" in out["detail"]
