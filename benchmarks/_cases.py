"""The benchmark cases, each run in a fresh process by ``benchmarks/run.py`` (the child side).

``python benchmarks/_cases.py CASE N REPEAT DATA_DIR`` runs one case on ``synthetic_staff(N)``
and prints one JSON line (last line of stdout): ``status``, best wall-clock ``seconds`` of
``REPEAT`` runs, all ``times``, ``peak_mb`` and a ``detail``. Everything before the timed
call (imports, synthetic data, validation, warm-up) is untimed.

``python benchmarks/_cases.py --write N DATA_DIR FORMAT ...`` writes the input files of the
file cases to DATA_DIR (``csv``: staff.csv + sites.csv; ``parquet``: staff.parquet +
sites.parquet; ``parquet_rg``: staff_rg.parquet, one file in row groups of 1,000,000 rows,
+ sites.parquet).

Peak memory is the process's max RSS (``getrusage``), with the high-water mark reset just
before the timed call (``/proc/self/clear_refs``, Linux): it is what the step needs on top
of nothing, *including* the inputs it holds (the workforce), not the untimed set-up before.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import remotecalc as rc
from remotecalc.analysis import monte_carlo, sweep
from remotecalc.scenario import scenario_grid

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import synthetic_staff

PARAMS = rc.load_parameters("dk-2025")
SCENARIO = rc.Scenario(name="2 days", remote_days_per_week=2, release_space=1.0)


def _reset_peak() -> str:
    """Restart the max-RSS count now (Linux); returns what ``peak_mb`` will cover."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return "whole process"
    return "timed step"


def _measure(fn, repeat: int) -> tuple[dict, object]:
    """Best wall-clock time of ``repeat`` calls of ``fn``, peak memory; and the last result.

    The previous result is dropped before each call, so at most one is held at a time, and
    the cache of desk-demand distributions is emptied, so every call starts cold.
    """
    from remotecalc import office

    scope = _reset_peak()
    times, out = [], None
    for _ in range(repeat):
        out = None
        office._CDF_CACHE.clear()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"status": "ok", "seconds": min(times), "times": times, "peak_mb": peak,
            "peak_scope": scope}, out


def _workforce(n: int) -> rc.Workforce:
    staff, sites = synthetic_staff(n)
    return rc.read_staffing(staff, sites=sites)


def _read(n: int, repeat: int, staff_path: Path, sites_path: Path) -> dict:
    stats, wf = _measure(lambda: rc.read_staffing(staff_path, sites=sites_path), repeat)
    used = wf.provenance["rows_used"]
    if used != n:
        raise RuntimeError(f"{used:,} of {n:,} rows used")
    return stats | {"detail": f"{used:,} rows used"}


def read_csv(n: int, repeat: int, data: Path) -> dict:
    """``read_staffing`` of staff.csv with sites.csv (read + validate)."""
    return _read(n, repeat, data / "staff.csv", data / "sites.csv")


def read_parquet(n: int, repeat: int, data: Path) -> dict:
    """``read_staffing`` of staff.parquet with sites.parquet (read + validate)."""
    return _read(n, repeat, data / "staff.parquet", data / "sites.parquet")


def assess(n: int, repeat: int, data: Path) -> dict:
    """``assess`` of a validated workforce, after a warm-up on the demo workforce."""
    wf = _workforce(n)
    rc.assess(rc.datasets.demo_workforce(200), SCENARIO, PARAMS)
    stats, res = _measure(lambda: rc.assess(wf, SCENARIO, PARAMS), repeat)
    return stats | {"detail": f"{len(res.per_employee):,} employees"}


def _floor_inputs(n: int) -> tuple[tuple, dict]:
    """The floor's arrays (from ``prepare``) and ``assess``'s baseline totals to check it."""
    prep = rc.prepare(_workforce(n), PARAMS)
    inp = prep.inputs
    args = (inp.one_way_km, inp.fte, inp.onsite_today, inp.teleworkable, inp.co2e_kg_per_pkm,
            PARAMS["workdays_per_year"])
    return args, {f"{m}_baseline": prep.baseline[m].sum()
                  for m in ("onsite_days", "commute_km", "commute_co2e_kg")}


def _commute_floor(km, fte, onsite, tele, factor, workdays) -> dict:
    """On-site days, commute km and CO2e of baseline and scenario, change, and their sums."""
    onsite_s = onsite - np.maximum(0.0, onsite - (5.0 - np.minimum(2.0, 5.0 * tele)))
    days_b = fte * onsite / 5.0 * workdays
    days_s = fte * onsite_s / 5.0 * workdays
    km_b, km_s = 2.0 * km * days_b, 2.0 * km * days_s
    co2_b, co2_s = km_b * factor, km_s * factor
    states = {"onsite_days": (days_b, days_s), "commute_km": (km_b, km_s),
              "commute_co2e_kg": (co2_b, co2_s)}
    return {f"{m}_{state}": float(v.sum()) for m, (b, s) in states.items()
            for state, v in (("baseline", b), ("scenario", s), ("change", s - b))}


def floor(n: int, repeat: int, data: Path) -> dict:
    """Bare numpy: the commute arithmetic of ``assess`` on the same arrays (machine limit)."""
    args, expected = _floor_inputs(n)
    stats, sums = _measure(lambda: _commute_floor(*args), repeat)
    for k, v in expected.items():  # the floor does the same work as assess
        if not np.isclose(sums[k], v, rtol=1e-9):
            raise RuntimeError(f"floor {k} = {sums[k]} but assess's baseline has {v}")
    return stats | {"detail": f"commute km change {sums['commute_km_change']:,.0f}"}


def _sweep(n: int, repeat: int, n_jobs: int) -> dict:
    wf = _workforce(n)
    grid = scenario_grid(rc.Scenario(name="base", release_space=1.0),
                         remote_days_per_week=[0.5 * i for i in range(1, 11)],
                         service_level=[0.80, 0.85, 0.90, 0.95, 0.99])
    stats, out = _measure(lambda: sweep(wf, grid, PARAMS, progress=False, n_jobs=n_jobs),
                          repeat)
    detail = {"detail": f"{out['scenario_name'].nunique()} scenarios, n_jobs={n_jobs}"}
    if n_jobs > 1:  # forked workers: largest worker's max RSS (shared pages counted)
        detail["workers_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return stats | detail


def sweep50(n: int, repeat: int, data: Path) -> dict:
    """``sweep`` of 50 scenarios (remote days 0.5-5 × service level 0.80-0.99), serially."""
    return _sweep(n, repeat, 1)


def sweep50_2jobs(n: int, repeat: int, data: Path) -> dict:
    """The same sweep in two forked worker processes."""
    return _sweep(n, repeat, 2)


def mc2000(n: int, repeat: int, data: Path) -> dict:
    """``monte_carlo`` with 2,000 parameter draws."""
    wf = _workforce(n)
    stats, out = _measure(lambda: monte_carlo(wf, SCENARIO, PARAMS, n_draws=2000, seed=1),
                          repeat)
    return stats | {"detail": f"{out.n_draws:,} draws, {len(out.inputs)} inputs"}


def _chunked(n: int, repeat: int, data: Path, scheduler: str) -> dict:
    import dask

    sites = pd.read_parquet(data / "sites.parquet")
    path = data / "staff_rg.parquet"

    def run():
        wf = rc.read_staffing(path, sites=sites, backend="dask")
        return rc.assess(wf, SCENARIO, PARAMS).summary()

    with dask.config.set(scheduler=scheduler):
        try:
            stats, _ = _measure(run, repeat)
        except TypeError as e:
            if "unexpected keyword argument 'backend'" in str(e):
                return {"status": "n/a (not available)", "detail": str(e)}
            raise
    return stats | {"detail": f"dask scheduler={scheduler}"}


def assess_chunked(n: int, repeat: int, data: Path) -> dict:
    """Out of core: ``read_staffing(..., backend="dask")`` + ``assess`` + ``summary()``."""
    return _chunked(n, repeat, data, "threads")


def assess_chunked_sync(n: int, repeat: int, data: Path) -> dict:
    """The same with dask's single-threaded scheduler."""
    return _chunked(n, repeat, data, "synchronous")


CASES = {f.__name__: f for f in (read_csv, read_parquet, assess, floor, sweep50, sweep50_2jobs,
                                 mc2000, assess_chunked, assess_chunked_sync)}


def write_inputs(n: int, data: Path, formats: list[str]) -> None:
    """Write ``synthetic_staff(n)`` in the given formats (see the module docstring)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    staff, sites = synthetic_staff(n)
    if "csv" in formats:
        staff.to_csv(data / "staff.csv", index=False)
        sites.to_csv(data / "sites.csv", index=False)
    if "parquet" in formats:
        staff.to_parquet(data / "staff.parquet", index=False)
    if "parquet_rg" in formats:
        pq.write_table(pa.Table.from_pandas(staff, preserve_index=False),
                       data / "staff_rg.parquet", row_group_size=1_000_000)
    if {"parquet", "parquet_rg"} & set(formats):
        sites.to_parquet(data / "sites.parquet", index=False)


def main(argv: list[str]) -> None:
    try:
        if argv[0] == "--write":
            write_inputs(int(argv[1]), Path(argv[2]), argv[3:])
            result = {"status": "ok"}
        else:
            case, n, repeat, data = argv
            result = CASES[case](int(n), int(repeat), Path(data))
    except MemoryError:
        result = {"status": "out of memory"}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
