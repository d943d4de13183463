"""The scenario explorer's speed: one lever change -> the updated headline.

Targets (issue 17): within 200 ms for 10,000 employees and within 1 s for 100,000.

Run on its own (prints a markdown table and exits 1 when a target is missed)::

    .venv/bin/python benchmarks/explorer_bench.py [--sizes 10000 100000] [--repeat 3]

or as the ``explorer`` case of ``benchmarks/run.py`` (``--cases explorer --sizes 10000
100000``; not in the default cases, which go up to 10,000,000 employees).

What is timed: ``ExplorerModel.headline(ExplorerModel.evaluate(scenario))`` (what the app
calls on every lever change: the sweep Runner's summary, laid out from the metrics registry),
for each of a sequence of lever changes (remote days, uptake, anchor days, service level,
desk ratio, space given up, a department). The workforce is ``synthetic_staff(n)`` (seed 0)
and is prepared once before (``ExplorerModel.runner()``, untimed: the app does it when it
starts). Each change's time is the best of ``repeat`` runs on a fresh model (so a new
service level pays for its desk distributions); the cell is the slowest change.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _synthetic import synthetic_staff

import remotecalc as rc
from remotecalc.explorer.state import ExplorerModel

#: Seconds one lever change may take, by workforce size.
TARGETS = {10_000: 0.2, 100_000: 1.0}

BASE = rc.Scenario(name="explorer", remote_days_per_week=2, uptake=0.8)

#: The lever changes timed, in order (each from the previous state, as a user moves them).
CHANGES: tuple[tuple[str, dict], ...] = (
    ("remote days 2 -> 3", {"remote_days_per_week": 3}),
    ("remote days 3 -> 1.5", {"remote_days_per_week": 1.5}),
    ("uptake 0.8 -> 0.5", {"uptake": 0.5}),
    ("anchor days Tue+Thu", {"anchor_days": ("tue", "thu")}),
    ("service level 0.95 -> 0.9", {"service_level": 0.9}),
    ("desk ratio 0.7", {"desk_ratio": 0.7}),
    ("space given up 1.0", {"release_space": 1.0}),
    ("department A only", {"applies_to": {"department": ["A"]}}),
)


def lever_changes(n: int, repeat: int = 3) -> dict:
    """Time every lever change of :data:`CHANGES` on ``n`` employees."""
    staff, sites = synthetic_staff(n)
    wf = rc.read_staffing(staff, sites=sites)
    per_change: dict[str, float] = {}
    for _ in range(repeat):
        model = ExplorerModel(wf, "dk-2025")
        t0 = time.perf_counter()
        model.runner()
        prepare_s = time.perf_counter() - t0
        model.headline(model.evaluate(BASE))  # the page's first view
        sc = BASE
        for label, change in CHANGES:
            sc = sc.replace(**change)
            t0 = time.perf_counter()
            h = model.headline(model.evaluate(sc))
            dt = time.perf_counter() - t0
            assert len(h) > 0
            per_change[label] = min(per_change.get(label, float("inf")), dt)
    worst = max(per_change, key=per_change.__getitem__)
    return {
        "status": "ok",
        "seconds": per_change[worst],
        "median_seconds": statistics.median(per_change.values()),
        "slowest_change": worst,
        "per_change_seconds": per_change,
        "prepare_seconds": prepare_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_scope": "whole process",
        "detail": f"slowest of {len(CHANGES)} lever changes ({worst}); best of {repeat}",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(TARGETS))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    ok = True
    print("| employees | slowest lever change | median | target | prepare (once) |")
    print("|---:|---|---:|---:|---:|")
    for n in args.sizes:
        r = lever_changes(n, args.repeat)
        target = TARGETS.get(n)
        met = target is None or r["seconds"] <= target
        ok &= met
        print(
            f"| {n:,} | {r['seconds'] * 1000:.0f} ms ({r['slowest_change']}) "
            f"| {r['median_seconds'] * 1000:.0f} ms "
            f"| {'' if target is None else f'≤ {target * 1000:.0f} ms'}{'' if met else ' MISSED'} "
            f"| {r['prepare_seconds']:.2f} s |"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
