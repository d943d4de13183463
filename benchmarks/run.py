"""Speed and memory of remotecalc at scale: one command, one markdown table.

Run ``make bench`` or::

    .venv/bin/python benchmarks/run.py [--sizes 100000 1000000] [--cases assess floor]
                                       [--repeat N] [--out benchmarks/results.json]

It prints a line describing the machine, then a table (markdown, for the README): one row
per case, one column per size (default 100,000, 1,000,000 and 10,000,000 employees), each
cell "wall seconds, peak MB", and the targets at 1,000,000 employees. Progress goes to
stderr. ``--out`` also saves the raw results and the machine description as JSON.

Every case runs on ``synthetic_staff(n)`` (seed 0, ``benchmarks/_synthetic.py``) with the
parameter set ``dk-2025`` and the scenario "2 days" (2 remote days a week, office space
released), each cell in a fresh process (``benchmarks/_cases.py``), so that its peak memory
is its own. Only the call named below is timed; the time is the best of ``--repeat`` runs
(default 3 for ``assess`` and ``floor``, 1 for the rest). Peak memory is the max RSS from
just before the timed call (it includes the inputs the step holds, e.g. the workforce).

Cases:

- ``read_csv``: ``rc.read_staffing(staff.csv, sites=sites.csv)``, read and validate
  (files written beforehand, untimed).
- ``read_parquet``: the same from Parquet files.
- ``assess``: ``rc.assess(wf, scenario, params)`` on a validated workforce, after a warm-up.
- ``floor``: the commute arithmetic of ``assess`` (on-site days, km, CO2e of baseline and
  scenario, change, sums) in bare numpy on the same arrays. The row "assess ÷ bare-numpy
  floor" shows how far ``assess`` is from what the machine can do.
- ``sweep50`` / ``sweep50_2jobs``: ``analysis.sweep`` of 50 scenarios (remote days
  0.5-5 × service level 0.80-0.99), serially / in 2 forked workers (the workers' memory,
  shared with the parent by fork, is in the JSON as ``workers_peak_mb``, not in the cell).
- ``mc2000``: ``analysis.monte_carlo`` with 2,000 draws.
- ``assess_chunked``: out of core, for data that do not fit in memory: one Parquet file in
  row groups of 1,000,000 rows, ``read_staffing(..., backend="dask")`` + ``assess`` +
  ``summary()`` under dask's threaded scheduler (``assess_chunked_sync``, not run by
  default: the synchronous scheduler). "n/a (not available)" while remotecalc has no dask
  backend.

A cell that fails shows "out of memory" (MemoryError, or the process was killed by SIGKILL,
which is what the kernel's OOM killer sends), "failed (rc N)" or "timeout"; the other cells
still run.
"""
from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (100_000, 1_000_000, 10_000_000)

#: case -> (row label, target at 1,000,000 employees, default repeat, input files needed)
CASES = {
    "read_csv": ("read + validate, CSV", "< 10 s", 1, "csv"),
    "read_parquet": ("read + validate, Parquet", "", 1, "parquet"),
    "assess": ("`assess` (2 remote days, space released)", "< 2 s, < 2,048 MB", 3, None),
    "floor": ("bare-numpy floor of its commute arithmetic", "", 3, None),
    "sweep50": ("`sweep`, 50 scenarios", "< 15 s", 1, None),
    "sweep50_2jobs": ("`sweep`, 50 scenarios, `n_jobs=2`", "< 15 s", 1, None),
    "mc2000": ("`monte_carlo`, 2,000 draws", "< 20 s", 1, None),
    "assess_chunked": ("out of core: dask read + `assess` + summary (threads)", "", 1,
                       "parquet_rg"),
    "assess_chunked_sync": ("out of core: dask read + `assess` + summary (synchronous)", "",
                            1, "parquet_rg"),
}
DEFAULT_CASES = [c for c in CASES if c != "assess_chunked_sync"]
RATIO_LABEL = "assess ÷ bare-numpy floor"


def machine() -> dict:
    """What the numbers were measured on."""
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    return {
        "machine": platform.machine(), "cpus": os.cpu_count(), "ram_gb": mem_kb / 1024**2,
        "python": platform.python_version(),
        **{pkg: importlib.metadata.version(pkg) for pkg in ("numpy", "pandas", "pyarrow", "dask")},
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
    }


def run_child(args: list[str], timeout: float) -> dict:
    """Run ``_cases.py ARGS`` in a fresh process; its JSON line, or what went wrong."""
    cmd = [sys.executable, str(HERE / "_cases.py"), *args]
    # own process group, so that a timeout (or Ctrl-C) also stops workers the case forked
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return {"status": f"timeout ({timeout:,.0f} s)"}
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    if proc.returncode == -signal.SIGKILL:
        return {"status": "out of memory", "stderr": err[-2000:]}
    if proc.returncode != 0:
        return {"status": f"failed (rc {proc.returncode})", "stderr": err[-2000:]}
    return json.loads(out.strip().splitlines()[-1])


def cell(r: dict) -> str:
    if r["status"] != "ok":
        return r["status"]
    s = r["seconds"]
    t = f"{s:.2f} s" if s >= 0.1 else f"{s * 1000:.1f} ms"
    return f"{t}, {r['peak_mb']:,.0f} MB"


def ratio_cell(assess: dict | None, floor: dict | None) -> str:
    if not (assess and floor and assess["status"] == floor["status"] == "ok"):
        return "n/a"
    ratio = assess["seconds"] / floor["seconds"]
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def table(results: list[dict], sizes: list[int], cases: list[str]) -> str:
    """Markdown table: rows = cases (+ the assess/floor ratio), columns = sizes, targets."""
    by = {(r["case"], r["employees"]): r for r in results}
    header = ["case", *(f"{n:,} employees" for n in sizes), "target at 1,000,000"]
    rows = [[CASES[c][0], *(cell(by[c, n]) for n in sizes), CASES[c][1]] for c in cases]
    if "assess" in cases and "floor" in cases:
        rows.insert(cases.index("floor") + 1,
                    [RATIO_LABEL, *(ratio_cell(by.get(("assess", n)), by.get(("floor", n)))
                                    for n in sizes), ""])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    numbers = range(1, len(sizes) + 1)  # right-aligned columns

    def line(cells):
        return "| " + " | ".join(c.rjust(w) if i in numbers else c.ljust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i in numbers else "-")
                          for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def run(sizes: list[int], cases: list[str], repeat: int | None, timeout: float) -> list[dict]:
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="remotecalc-bench-") as data:
            formats = sorted({CASES[c][3] for c in cases} - {None})
            written = run_child(["--write", str(n), data, *formats], timeout) if formats \
                else {"status": "ok"}
            for case in cases:
                reps = repeat or CASES[case][2]
                if CASES[case][3] and written["status"] != "ok":
                    r = dict(written, status=f"inputs not written: {written['status']}")
                else:
                    r = run_child([case, str(n), str(reps), data], timeout)
                results.append({"case": case, "employees": n, "repeat": reps, **r})
                print(f"{n:>12,} {case:<20} {cell(r)}", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="N",
                    help="employees (default: 100000 1000000 10000000)")
    ap.add_argument("--cases", nargs="+", choices=list(CASES), default=DEFAULT_CASES,
                    metavar="CASE", help=f"default: {' '.join(DEFAULT_CASES)}; also "
                    "assess_chunked_sync")
    ap.add_argument("--repeat", type=int, help="best of N runs (default: 3 for assess and "
                    "floor, 1 for the rest)")
    ap.add_argument("--timeout", type=float, default=1800.0,
                    help="seconds per cell (default 1800)")
    ap.add_argument("--out", type=Path, help="also save raw results as JSON here")
    a = ap.parse_args(argv)
    cases = [c for c in CASES if c in a.cases]  # table order, not command-line order
    m = machine()
    results = run(a.sizes, cases, a.repeat, a.timeout)
    print(f"machine: {m['machine']}, {m['cpus']} CPUs, {m['ram_gb']:.1f} GB RAM, Python "
          f"{m['python']}, numpy {m['numpy']}, pandas {m['pandas']}, {m['date'][:10]}\n")
    print(table(results, a.sizes, cases))
    if a.out:
        a.out.write_text(json.dumps({"machine": m, "results": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
