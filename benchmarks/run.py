"""Speed and memory of remotecalc at scale: one command, one markdown table.

Run ``make bench`` or::

    .venv/bin/python benchmarks/run.py [--sizes 100000 1000000] [--cases assess floor]
                                       [--repeat N] [--out benchmarks/results.json]
                                       [--compare REV]

It prints a line describing the machine, then a table (markdown, for the README): one row
per case, one column per size (default 100,000, 1,000,000 and 10,000,000 employees), each
cell "wall seconds, peak MB", and the targets at 1,000,000 employees. Progress goes to
stderr. ``--out`` also saves the raw results and the machine description as JSON.

The code measured is the ``remotecalc`` of the tree this script is in (its root is put first
on ``PYTHONPATH`` of every child process, ahead of any installed copy). ``--compare REV``
also measures git revision REV (any commit-ish: ``main``, ``HEAD~3``, a hash), checked out
with ``git worktree add --detach`` into a temporary directory and removed afterwards, with
the same cases (this tree's ``benchmarks/_cases.py``) and the same inputs; each cell runs
"before" (REV) then "after" (this tree). It then prints one table: case, size, before,
after, ratio (after ÷ before: below 1 is faster), target.

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
  The workforce keeps its geometry and ``prepare``'s scenario-independent work
  (``Workforce.derived``) from the first call, so the best of the repeats is a repeated
  assessment of the same workforce; the JSON's ``detail`` also gives the first call and
  one call with that cache emptied (``cold_seconds``).
- ``floor``: bare numpy doing the per-employee work of ``assess`` (desks aside) on the same
  arrays, prepared untimed the way ``engine.employee_inputs`` does (distance, mode factors gathered
  by mode index, fte, on-site days): scenario on-site days, then for baseline and scenario
  every per-employee metric of ``assess`` (on-site and home days, commute km, hours and
  CO2e, home-energy CO2e, non-commute km and CO2e, ICT CO2e, employee CO2e, travel cost,
  home-energy cost, tax value of the commuting deduction (Danish bands: 24 / 120 km round
  trip), net cost, time value, external and fiscal cost), the changes, all in one block of
  (metric × state × employee) as ``assess`` must return them, and the sums. Its baseline and
  scenario sums are checked against ``assess``'s (a mismatch fails the cell). The row
  "assess ÷ bare-numpy floor" shows how far ``assess`` is from what the machine can do.
- ``sweep50`` / ``sweep50_2jobs``: ``analysis.sweep`` of 50 scenarios (remote days
  0.5-5 × service level 0.80-0.99), serially / in 2 forked workers (the workers' memory,
  shared with the parent by fork, is in the JSON as ``workers_peak_mb``, not in the cell),
  after a warm-up sweep on the demo workforce. ``sweep50`` also times a sweep of its first
  scenario alone; the row "`sweep`, cost per further scenario" is (time of 50 − time of 1)
  / 49, the fixed cost each scenario adds once the workforce is prepared. Each of the two
  sweeps prepares the workforce itself (what a workforce keeps of an earlier analysis,
  ``Workforce.derived``, is emptied first; its geometry is kept).
- ``mc2000``: ``analysis.monte_carlo`` with 2,000 draws.
- ``assess_chunked``: out of core, for data that do not fit in memory: one Parquet file in
  row groups of 1,000,000 rows, ``read_staffing(..., backend="dask")`` + ``assess`` +
  ``summary()`` under dask's threaded scheduler (``assess_chunked_sync``, not run by
  default: the synchronous scheduler). "n/a (not available)" while remotecalc has no dask
  backend.
- ``import``: ``python -c "import remotecalc"``, wall time of a fresh process, best of
  ``--repeat`` (default 5) after one untimed run (file cache warm); peak = the child's RSS.
- ``cli_help``: ``remotecalc --help`` (the installed script), the same way.
  These two do not depend on the size: they run once per size all the same (the spread
  between the columns is noise).

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
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (100_000, 1_000_000, 10_000_000)

ROOT = HERE.parent

#: case -> (row label, target at 1,000,000 employees, default repeat, input files needed)
CASES = {
    "read_csv": ("read + validate, CSV", "< 10 s", 1, "csv"),
    "read_parquet": ("read + validate, Parquet", "", 1, "parquet"),
    "assess": ("`assess` (2 remote days, space released)", "≤ 0.3 s, < 2,048 MB", 3, None),
    "floor": ("bare-numpy floor: the per-employee work of `assess`", "", 3, None),
    "sweep50": ("`sweep`, 50 scenarios", "≤ 5 s (≤ 1 s at 100,000)", 1, None),
    "sweep50_2jobs": ("`sweep`, 50 scenarios, `n_jobs=2`", "≤ 5 s", 1, None),
    "mc2000": ("`monte_carlo`, 2,000 draws", "≤ 2 s", 1, None),
    "assess_chunked": (
        "out of core: dask read + `assess` + summary (threads)",
        "",
        1,
        "parquet_rg",
    ),
    "assess_chunked_sync": (
        "out of core: dask read + `assess` + summary (synchronous)",
        "",
        1,
        "parquet_rg",
    ),
    "import": ("`import remotecalc` (fresh process)", "≤ 0.5 s", 5, None),
    "cli_help": ("`remotecalc --help` (fresh process)", "≤ 0.5 s", 5, None),
    # not by default: run with --cases explorer --sizes 10000 100000 (benchmarks/explorer_bench.py)
    "explorer": (
        "explorer: one lever change → headline",
        "≤ 0.2 s at 10,000, ≤ 1 s at 100,000",
        3,
        None,
    ),
}
DEFAULT_CASES = [c for c in CASES if c not in ("assess_chunked_sync", "explorer")]
RATIO_LABEL = "assess ÷ bare-numpy floor"
RATIO_TARGET = "≤ 3×"
PER_SCENARIO_LABEL = "`sweep`, cost per further scenario ((t50 − t1) / 49)"
PER_SCENARIO_TARGET = "≤ 15 ms at 100,000"


def machine() -> dict:
    """What the numbers were measured on."""
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "ram_gb": mem_kb / 1024**2,
        "python": platform.python_version(),
        **{pkg: importlib.metadata.version(pkg) for pkg in ("numpy", "pandas", "pyarrow", "dask")},
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
    }


def run_child(args: list[str], timeout: float, root: Path = ROOT) -> dict:
    """Run ``_cases.py ARGS`` in a fresh process importing the ``remotecalc`` under ``root``;
    its JSON line, or what went wrong."""
    cmd = [sys.executable, str(HERE / "_cases.py"), *args]
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(root), *filter(None, [os.environ.get("PYTHONPATH")])]),
    )
    # own process group, so that a timeout (or Ctrl-C) also stops workers the case forked
    with subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    ) as proc:
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


def seconds(s: float) -> str:
    return f"{s:.2f} s" if s >= 0.1 else f"{s * 1000:.1f} ms"


def cell(r: dict | None, memory: bool = True) -> str:
    if r is None:
        return "n/a"
    if r["status"] != "ok":
        return r["status"]
    return f"{seconds(r['seconds'])}, {r['peak_mb']:,.0f} MB" if memory else seconds(r["seconds"])


def times_ratio(ratio: float) -> str:
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.2f}×" if ratio < 1 else f"{ratio:.1f}×"


def ratio_cell(assess: dict | None, floor: dict | None) -> str:
    if not (assess and floor and assess["status"] == floor["status"] == "ok"):
        return "n/a"
    return times_ratio(assess["seconds"] / floor["seconds"])


def per_scenario_cell(sweep: dict | None) -> str:
    if not (sweep and sweep["status"] == "ok" and "per_scenario_seconds" in sweep):
        return "n/a"
    return seconds(sweep["per_scenario_seconds"])


def rows(
    by: dict, sizes: list[int], cases: list[str], memory: bool = True
) -> list[tuple[str, list[str], str]]:
    """(label, one cell per size, target) per case, with the derived rows after theirs."""
    out = []
    for c in cases:
        out.append((CASES[c][0], [cell(by.get((c, n)), memory) for n in sizes], CASES[c][1]))
        if c == "floor" and "assess" in cases:
            out.append(
                (
                    RATIO_LABEL,
                    [ratio_cell(by.get(("assess", n)), by.get(("floor", n))) for n in sizes],
                    RATIO_TARGET,
                )
            )
        if c == "sweep50":
            out.append(
                (
                    PER_SCENARIO_LABEL,
                    [per_scenario_cell(by.get((c, n))) for n in sizes],
                    PER_SCENARIO_TARGET,
                )
            )
    return out


def markdown(header: list[str], body: list[list[str]], numbers: set[int]) -> str:
    """A markdown table; the columns in ``numbers`` right-aligned."""
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(cells):
        return (
            "| "
            + " | ".join(
                c.rjust(w) if i in numbers else c.ljust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join("-" * (w + 1) + (":" if i in numbers else "-") for i, w in enumerate(widths))
        + "|"
    )
    return "\n".join([line(header), rule, *(line(r) for r in body)])


def table(results: list[dict], sizes: list[int], cases: list[str]) -> str:
    """Markdown table: rows = cases (+ the derived rows), columns = sizes, targets."""
    by = {(r["case"], r["employees"]): r for r in results}
    header = ["case", *(f"{n:,} employees" for n in sizes), "target at 1,000,000"]
    body = [[label, *cells, target] for label, cells, target in rows(by, sizes, cases)]
    return markdown(header, body, set(range(1, len(sizes) + 1)))


def compare_table(before: list[dict], after: list[dict], sizes: list[int], cases: list[str]) -> str:
    """Markdown table: case, size, before, after, ratio (after ÷ before), target."""
    rb = rows({(r["case"], r["employees"]): r for r in before}, sizes, cases, memory=False)
    ra = rows({(r["case"], r["employees"]): r for r in after}, sizes, cases, memory=False)
    body = []
    for (label, cb, target), (_, ca, _) in zip(rb, ra, strict=True):
        for n, b, a in zip(sizes, cb, ca, strict=True):
            try:
                ratio = times_ratio(_parse_seconds(a) / _parse_seconds(b))
            except (ValueError, ZeroDivisionError):
                ratio = "n/a"
            body.append([label, f"{n:,}", b, a, ratio, target])
    return markdown(
        ["case", "employees", "before", "after", "ratio", "target at 1,000,000"], body, {1, 2, 3, 4}
    )


def _parse_seconds(c: str) -> float:
    """Seconds of a cell ("1.23 s", "45.6 ms") or a ratio cell ("12×"); ValueError else."""
    c = c.replace(",", "")
    if c.endswith(" ms"):
        return float(c[:-3]) / 1000
    if c.endswith(" s"):
        return float(c[:-2])
    if c.endswith("×"):
        return float(c[:-1])
    raise ValueError(c)


def run(
    sizes: list[int], cases: list[str], repeat: int | None, timeout: float, roots: dict[str, Path]
) -> dict[str, list[dict]]:
    """Every (size, case) cell for each code tree in ``roots`` (label -> root), in turn."""
    results: dict[str, list[dict]] = {label: [] for label in roots}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="remotecalc-bench-") as data:
            formats = sorted({CASES[c][3] for c in cases} - {None})
            written = (
                run_child(["--write", str(n), data, *formats], timeout)
                if formats
                else {"status": "ok"}
            )
            for case in cases:
                reps = repeat or CASES[case][2]
                for label, root in roots.items():
                    if CASES[case][3] and written["status"] != "ok":
                        r = dict(written, status=f"inputs not written: {written['status']}")
                    else:
                        r = run_child([case, str(n), str(reps), data], timeout, root)
                    results[label].append({"case": case, "employees": n, "repeat": reps, **r})
                    tag = f" [{label}]" if len(roots) > 1 else ""
                    print(f"{n:>12,} {case:<20} {cell(r)}{tag}", file=sys.stderr, flush=True)
    return results


@contextmanager
def checkout(rev: str):
    """A temporary ``git worktree`` of ``rev`` (detached); removed afterwards."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    tmp = Path(tempfile.mkdtemp(prefix="remotecalc-compare-"))
    path = tmp / "tree"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(path), commit],
        check=True,
    )
    try:
        yield path, commit
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False
        )
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(SIZES),
        metavar="N",
        help="employees (default: 100000 1000000 10000000)",
    )
    ap.add_argument(
        "--cases",
        nargs="+",
        choices=list(CASES),
        default=DEFAULT_CASES,
        metavar="CASE",
        help=f"default: {' '.join(DEFAULT_CASES)}; also assess_chunked_sync",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        help="best of N runs (default: 3 for assess and "
        "floor, 5 for import and cli_help, 1 for the rest)",
    )
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per cell (default 1800)")
    ap.add_argument(
        "--compare",
        metavar="REV",
        help="also run on git revision REV and print a before (REV) / after (this tree) table",
    )
    ap.add_argument("--out", type=Path, help="also save raw results as JSON here")
    a = ap.parse_args(argv)
    cases = [c for c in CASES if c in a.cases]  # table order, not command-line order
    m = machine()
    head = (
        f"machine: {m['machine']}, {m['cpus']} CPUs, {m['ram_gb']:.1f} GB RAM, Python "
        f"{m['python']}, numpy {m['numpy']}, pandas {m['pandas']}, {m['date'][:10]}"
    )
    if a.compare is None:
        results = run(a.sizes, cases, a.repeat, a.timeout, {"after": ROOT})["after"]
        print(head + "\n")
        print(table(results, a.sizes, cases))
        saved = {"machine": m, "results": results}
    else:
        with checkout(a.compare) as (tree, commit):
            res = run(a.sizes, cases, a.repeat, a.timeout, {"before": tree, "after": ROOT})
        print(f"{head}\nbefore: {a.compare} ({commit[:12]}); after: this tree ({ROOT})\n")
        print(compare_table(res["before"], res["after"], a.sizes, cases))
        print("\nafter:\n")
        print(table(res["after"], a.sizes, cases))
        saved = {
            "machine": m,
            "before_rev": a.compare,
            "before_commit": commit,
            "results": res["after"],
            "before": res["before"],
        }
    if a.out:
        a.out.write_text(json.dumps(saved, indent=1) + "\n")


if __name__ == "__main__":
    main()
