"""Where ``assess`` spends its time: cProfile, top functions by cumulative time.

Run: ``.venv/bin/python benchmarks/profile_assess.py [--employees 1000000] [--runs 3]
[--top 25] [--out assess.prof]``. Same set-up as the ``assess`` case of
``benchmarks/run.py`` (``synthetic_staff(n)``, ``dk-2025``, 2 remote days with space
released, a warm-up call on the demo workforce, then one unprofiled call on the big
workforce so that first-touch page faults are out). The profile accumulates ``--runs``
calls; the table shows seconds per call and each function's share of ``assess``.
cProfile adds a little overhead to every Python call, so read shares rather than absolute
seconds. ``--out`` saves the raw profile (for ``pstats`` or ``snakeviz``).

The workforce keeps ``prepare``'s scenario-independent work from the first call
(``Workforce.derived``), so the profile is of repeated assessments; ``--cold`` empties that
cache before every profiled call (the geometry stays), to profile a first assessment.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from _cases import PARAMS, SCENARIO, _workforce

import remotecalc as rc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--employees", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--out", help="save the raw profile here")
    ap.add_argument("--cold", action="store_true", help="empty the workforce's cache each call")
    a = ap.parse_args()
    wf = _workforce(a.employees)
    rc.assess(rc.datasets.demo_workforce(200), SCENARIO, PARAMS)
    t0 = time.perf_counter()
    rc.assess(wf, SCENARIO, PARAMS)
    print(
        f"assess, {a.employees:,} employees: first call {time.perf_counter() - t0:.2f} s "
        f"(unprofiled); profile of {a.runs} more calls, per call:\n"
    )
    prof = cProfile.Profile()
    for _ in range(a.runs):
        if a.cold:
            wf.derived.clear()
        prof.runcall(rc.assess, wf, SCENARIO, PARAMS)
    stats = pstats.Stats(prof).strip_dirs()
    if a.out:
        stats.dump_stats(a.out)
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][3], reverse=True)
    total = next(ct for (_, _, name), (_, _, _, ct, _) in rows if name == "assess")
    print(f"{'cum s':>7} {'share':>6} {'own s':>7} {'calls':>6}  function")
    for (file, line, name), (_, ncalls, own, cum, _) in rows[: a.top]:
        print(
            f"{cum / a.runs:7.3f} {cum / total:6.1%} {own / a.runs:7.3f} "
            f"{ncalls // a.runs:>6}  {name} ({file}:{line})"
        )


if __name__ == "__main__":
    main()
