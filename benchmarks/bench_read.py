"""Time and peak memory to read and validate staff tables (CSV, 1,000,000 rows by default).

Run: ``.venv/bin/python benchmarks/bench_read.py [n_rows ...]``. Each measurement runs in a
fresh process so that peak memory (max RSS) belongs to that step alone.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r})
import remotecalc as rc
t0 = time.perf_counter()
wf = rc.read_staffing({staff!r}, sites={sites!r})
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": dt, "peak_mb": rss, "rows": wf.provenance["rows_read"],
                   "used": wf.provenance["rows_used"]}}))
"""


def main(sizes):
    from _synthetic import synthetic_staff

    print(f"{'rows':>10} {'format':>7} {'read+validate s':>16} {'peak MB':>8}")
    for n in sizes:
        staff, sites = synthetic_staff(n)
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("csv", "parquet"):
                sp = Path(tmp) / f"staff.{fmt}"
                if fmt == "csv":
                    staff.to_csv(sp, index=False)
                else:
                    staff.to_parquet(sp, index=False)
                ss = Path(tmp) / "sites.csv"
                sites.to_csv(ss, index=False)
                code = CHILD.format(here=str(HERE.parent), staff=str(sp), sites=str(ss))
                out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                     text=True, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                assert r["used"] == n
                print(f"{n:>10,} {fmt:>7} {r['seconds']:>16.2f} {r['peak_mb']:>8.0f}")
    print("targets (1,000,000 rows, 2 cores): read+validate < 10 s, peak < 2,048 MB")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    t = time.perf_counter()
    main([int(a) for a in sys.argv[1:]] or [1_000_000])
