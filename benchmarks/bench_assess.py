"""Time and peak memory of ``assess`` on synthetic workforces (1,000,000 employees default).

Run: ``.venv/bin/python benchmarks/bench_assess.py [n ...]``. Each size runs in a fresh
process; peak memory is the process's max RSS (it includes the workforce itself).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r}); sys.path.insert(0, {root!r})
from _synthetic import synthetic_staff
import remotecalc as rc
staff, sites = synthetic_staff({n})
wf = rc.read_staffing(staff, sites=sites)
del staff
p = rc.load_parameters("dk-2025")
sc = rc.Scenario(name="2 days", remote_days_per_week=2, release_space=1.0)
rc.assess(rc.datasets.demo_workforce(200), sc, p)  # warm-up (imports, caches)
times = []
for _ in range(3):
    t0 = time.perf_counter()
    res = rc.assess(wf, sc, p)
    times.append(time.perf_counter() - t0)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"best": min(times), "median": sorted(times)[1], "peak_mb": rss,
                   "rows": len(res.per_employee)}}))
"""


def main(sizes):
    print(f"{'employees':>10} {'assess best s':>14} {'median s':>9} {'peak MB':>8}")
    for n in sizes:
        code = CHILD.format(here=str(HERE), root=str(HERE.parent), n=n)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{n:>10,} {r['best']:>14.2f} {r['median']:>9.2f} {r['peak_mb']:>8.0f}")
    print("targets (1,000,000 employees, 2 cores): assess < 2 s, peak < 2,048 MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000_000])
