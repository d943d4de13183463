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
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import remotecalc as rc
from remotecalc.analysis import monte_carlo, sweep
from remotecalc.inputs.scenario import scenario_grid

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

    The previous result is dropped before each call, so at most one is held at a time.
    What a workforce keeps is computed by its first analysis: its geometry (site positions,
    great-circle distances) and, in trees that have ``Workforce.derived``, ``prepare``'s
    scenario-independent work (per-employee inputs, today's baseline and desks, with their
    desk-demand distributions) for the parameter values used. The first of the ``times``
    includes both, the best of them neither (``assess`` also reports a call with the
    workforce's cache emptied). An older tree's module-level cache of distributions is
    emptied before each call.
    """
    from remotecalc.formulas import office

    scope = _reset_peak()
    times, out = [], None
    for _ in range(repeat):
        out = None
        old_cache = getattr(office, "_CDF_CACHE", None)  # a module-level cache (older trees)
        if old_cache is not None:
            old_cache.clear()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "status": "ok",
        "seconds": min(times),
        "times": times,
        "peak_mb": peak,
        "peak_scope": scope,
    }, out


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
    first = stats["times"][0]
    detail = f"{len(res.per_employee):,} employees; first call {first:.2f} s"
    kept = getattr(wf, "derived", None)  # the workforce's cache of prepare (newer trees)
    if kept is not None:
        res = None
        kept.clear()
        t0 = time.perf_counter()
        rc.assess(wf, SCENARIO, PARAMS)
        stats["cold_seconds"] = time.perf_counter() - t0
        detail += f"; {stats['cold_seconds']:.2f} s with the workforce's cache emptied"
    return stats | {"detail": detail}


#: The per-employee metrics of ``assess`` (``remotecalc.evaluation.entry.METRICS``), in the
#: floor's order.
FLOOR_METRICS = (
    "onsite_days",
    "home_days",
    "commute_km",
    "commute_hours",
    "commute_co2e_kg",
    "home_energy_co2e_kg",
    "noncommute_km",
    "noncommute_co2e_kg",
    "ict_co2e_kg",
    "employee_co2e_kg",
    "travel_cost",
    "home_energy_cost",
    "deduction_tax_value",
    "employee_net_cost",
    "time_value",
    "external_cost",
    "fiscal_cost",
)


def _floor_inputs(wf: rc.Workforce) -> dict:
    """The floor's inputs, prepared (untimed) from public API as ``engine.employee_inputs`` does.

    Per employee: one-way km (given, else great-circle × the mode's circuity), fte, on-site
    days today, teleworkable (missing = 1), given minutes (or None), and the mode factors
    gathered by mode index. Scalars: the parameters and the scenario's levers. Built here
    rather than taken from ``rc.prepare(...).inputs`` so that the floor does not depend on
    the model's internals (``--compare`` runs it on other revisions); the check against
    ``assess``'s own totals (``floor``) makes sure it is the same arithmetic.
    """
    staff, p = wf.staff, PARAMS
    modes = p.mode_table()
    pos = modes.index.get_indexer(staff["mode"].astype(str))
    if (pos < 0).any():
        raise RuntimeError("mode without factors")

    def col(name):
        return modes[name].to_numpy(dtype=float)[pos]

    gc = wf.great_circle_km().to_numpy()
    road = rc.road_distance_km(gc, col("circuity"))
    # the commuting deduction's distance: the normal route by car whatever the mode (issue 24)
    car_circuity = float(modes.loc["car", "circuity"]) if "car" in modes.index else np.nan
    ded = rc.road_distance_km(gc, car_circuity) if "car" in modes.index else road
    if "one_way_km" in staff.columns:
        given = staff["one_way_km"].to_numpy(dtype=float)
        road = np.where(np.isnan(given), road, given)
        ded = np.where(np.isnan(given), ded, given)
    # public transport paid in fares: the cheaper of a period pass and single fares (issue 24)
    fare_keys = ("transit.fare_base_per_trip", "transit.fare_per_km")
    fare_keys += ("transit.pass_price_in_single_fares",)
    fare = np.zeros(len(staff), dtype=bool)
    if all(k in p for k in fare_keys):
        fare = np.isin(staff["mode"].astype(str).to_numpy(), ["bus", "train", "metro", "tram"])
    tele = (
        staff["teleworkable"].to_numpy(dtype=float)
        if "teleworkable" in staff.columns
        else np.full(len(staff), np.nan)
    )
    per_v = modes["per_vehicle_km"].to_numpy(dtype=bool)[pos]
    occ = col("occupancy")
    share = p.noncommute_mode_share()
    r = float(p["rebound.noncommute_own_mode_share"])
    nc = modes.reindex(share.index)
    nc_vkm_per_pkm = np.where(
        nc["per_vehicle_km"].to_numpy(dtype=bool), 1.0 / nc["occupancy"].to_numpy(dtype=float), 0.0
    )
    if SCENARIO.applies_to or SCENARIO.wanted_days_column is not None:
        raise RuntimeError("the floor covers scenarios that apply to everybody")
    return {
        "km": np.ascontiguousarray(road, dtype=float),
        "deduction_km": np.ascontiguousarray(ded, dtype=float),
        "fare": fare,
        "fare_base": float(p["transit.fare_base_per_trip"]) if fare.any() else 0.0,
        "fare_per_km": float(p["transit.fare_per_km"]) if fare.any() else 0.0,
        # on-site share of the working days at which a 30-day pass costs what single fares
        # do: n / (2 x 30 x 5/7) (costs.pass_break_even_share)
        "fare_cap": float(p["transit.pass_price_in_single_fares"]) / (2.0 * 30.0 * 5.0 / 7.0)
        if fare.any()
        else 0.0,
        "fte": staff["fte"].to_numpy(dtype=float),
        "onsite": staff["onsite_days_per_week"].to_numpy(dtype=float),
        "tele": np.where(np.isnan(tele), 1.0, tele),
        "minutes": staff["commute_minutes_one_way"].to_numpy(dtype=float)
        if "commute_minutes_one_way" in staff.columns
        else None,
        "co2e_per_pkm": col("co2e_kg_per_pkm"),
        "vkm_per_pkm": np.where(per_v, 1.0 / occ, 0.0),
        "speed": col("speed_km_per_h"),
        "cost_per_km": col("cost_per_km"),
        "external_per_vkm": col("external_cost_per_vkm"),
        # rebound trips: a blend of the commuter's own mode (share r) and the fixed mix
        "nc_co2e_per_km": r * col("co2e_kg_per_pkm")
        + (1.0 - r) * float((share * nc["co2e_kg_per_pkm"]).sum()),
        "nc_cost_per_km": r * col("cost_per_km")
        + (1.0 - r) * float((share * nc["cost_per_km"]).sum()),
        "nc_external_per_km": r * np.where(per_v, 1.0 / occ, 0.0) * col("external_cost_per_vkm")
        + (1.0 - r) * float((share * nc["external_cost_per_vkm"] * nc_vkm_per_pkm).sum()),
        "p": {
            k: float(p[k])
            for k in (
                "workdays_per_year",
                "hours_per_workday",
                "home.extra_electricity_kwh_per_day",
                "home.extra_heat_kwh_per_day",
                "home.heating_season_share",
                "energy.electricity_co2e_kg_per_kwh",
                "energy.heat_co2e_kg_per_kwh",
                "home.co2e_kg_per_fte_hour",
                "rebound.noncommute_share_of_avoided_km",
                "rebound.noncommute_km_per_home_day",
                "ict.co2e_kg_per_workday",
                "energy.electricity_price_per_kwh",
                "energy.heat_price_per_kwh",
                "deduction.threshold_km_round_trip",
                "deduction.upper_km_round_trip",
                "deduction.rate_per_km",
                "deduction.rate_above_upper_per_km",
                "deduction.marginal_tax_value",
                "cost.value_of_time_per_hour",
            )
        },
        "remote_days": float(SCENARIO.remote_days_per_week),
        "uptake": float(SCENARIO.uptake),
    }


def _bare_numpy_floor(a: dict) -> tuple[np.ndarray, np.ndarray]:
    """Everything per employee that ``assess`` computes (desks aside), in bare numpy.

    Scenario on-site days (the policy: remote days capped by 5 × teleworkable, weighted by
    uptake); then for both states every metric of ``FLOOR_METRICS`` per employee, written
    into one (metric, state, employee) block with state = baseline, scenario, change, as
    ``assess`` must hand them all over; then the sums. What does not depend on the state
    (hours per trip, non-commute km per home day, the deduction per on-site day, ...) is
    computed once, and scalar factors are folded: shortcuts ``assess`` could take as well.
    Nothing is skipped that ``assess`` returns. Returns (block, sums [metric, state]).
    """
    p = a["p"]
    km1, fte, onsite_b = a["km"], a["fte"], a["onsite"]
    n = len(km1)
    # scenario on-site days per week (policy.onsite_days_under_policy, applies to everybody)
    taken = np.minimum(a["remote_days"], 5.0 * a["tele"])
    onsite_s = onsite_b - a["uptake"] * np.maximum(0.0, onsite_b - (5.0 - taken))
    # state-independent per-employee factors
    working = fte * p["workdays_per_year"]
    hours_one_way = km1 / a["speed"]
    if a["minutes"] is not None:
        hours_one_way = np.where(np.isnan(a["minutes"]), hours_one_way, a["minutes"] / 60.0)
    nc_km_per_home_day = (p["rebound.noncommute_share_of_avoided_km"] * 2.0) * km1 + p[
        "rebound.noncommute_km_per_home_day"
    ]
    rt = 2.0 * km1
    ded_rt = 2.0 * a["deduction_km"]
    lo, hi = p["deduction.threshold_km_round_trip"], p["deduction.upper_km_round_trip"]
    tax_per_day = (
        p["deduction.rate_per_km"] * np.clip(ded_rt - lo, 0.0, hi - lo)
        + p["deduction.rate_above_upper_per_km"] * np.maximum(ded_rt - hi, 0.0)
    ) * p["deduction.marginal_tax_value"]
    ext_per_pkm = a["vkm_per_pkm"] * a["external_per_vkm"]
    el_kwh, heat_kwh = (
        p["home.extra_electricity_kwh_per_day"],
        p["home.extra_heat_kwh_per_day"] * p["home.heating_season_share"],
    )
    home_co2_per_day = (
        el_kwh * p["energy.electricity_co2e_kg_per_kwh"]
        + heat_kwh * p["energy.heat_co2e_kg_per_kwh"]
        + p["hours_per_workday"] * p["home.co2e_kg_per_fte_hour"]
    )
    fare = a["fare"]
    fare_trip = np.where(fare, 2.0 * (a["fare_base"] + a["fare_per_km"] * km1), 0.0)
    per_km_cost = np.where(fare, 0.0, a["cost_per_km"])  # fare modes are priced by fares
    fare_cap_days = a["fare_cap"] * p["workdays_per_year"]
    energy_cost_per_day = (
        el_kwh * p["energy.electricity_price_per_kwh"] + heat_kwh * p["energy.heat_price_per_kwh"]
    )

    out = np.empty((len(FLOOR_METRICS), 3, n))
    (
        s_,
        h_,
        km_,
        hours_,
        co2_,
        home_co2_,
        nc_km_,
        nc_co2_,
        ict_,
        emp_co2_,
        travel_,
        energy_cost_,
        tax_,
        net_,
        time_,
        ext_,
        fiscal_,
    ) = range(len(FLOOR_METRICS))
    for j, onsite in enumerate((onsite_b, onsite_s)):
        o = out[:, j]
        s = np.multiply(working, onsite / 5.0, out=o[s_])
        h = np.subtract(working, s, out=o[h_])
        km = np.multiply(rt, s, out=o[km_])
        np.multiply(2.0 * s, hours_one_way, out=o[hours_])
        co2 = np.multiply(km, a["co2e_per_pkm"], out=o[co2_])
        home_co2 = np.multiply(h, home_co2_per_day, out=o[home_co2_])
        nc_km = np.multiply(h, nc_km_per_home_day, out=o[nc_km_])
        nc_co2 = np.multiply(nc_km, a["nc_co2e_per_km"], out=o[nc_co2_])
        ict = np.multiply(h, p["ict.co2e_kg_per_workday"], out=o[ict_])
        np.add(co2 + home_co2, nc_co2 + ict, out=o[emp_co2_])
        travel = np.add(km * per_km_cost, nc_km * a["nc_cost_per_km"], out=o[travel_])
        travel += fare_trip * np.minimum(s, fare_cap_days)  # costs.fare_days_per_year
        energy_cost = np.multiply(h, energy_cost_per_day, out=o[energy_cost_])
        tax = np.multiply(s, tax_per_day, out=o[tax_])
        np.subtract(travel + energy_cost, tax, out=o[net_])
        np.multiply(o[hours_], p["cost.value_of_time_per_hour"], out=o[time_])
        np.add(km * ext_per_pkm, nc_km * a["nc_external_per_km"], out=o[ext_])
        o[fiscal_] = tax
    np.subtract(out[:, 1], out[:, 0], out=out[:, 2])
    return out, out.sum(axis=2)


def floor(n: int, repeat: int, data: Path) -> dict:
    """Bare numpy: what ``assess`` computes per employee (desks aside), on the same arrays."""
    wf = _workforce(n)
    a = _floor_inputs(wf)
    res = rc.assess(wf, SCENARIO, PARAMS).per_employee  # untimed: the totals to check against
    expected = {
        (m, st): float(res[f"{m}_{st}"].sum())
        for m in FLOOR_METRICS
        for st in ("baseline", "scenario")
    }
    del res
    stats, (_, sums) = _measure(lambda: _bare_numpy_floor(a), repeat)
    for (m, st), v in expected.items():  # the floor does the same work as assess
        got = sums[FLOOR_METRICS.index(m), ("baseline", "scenario").index(st)]
        if not np.isclose(got, v, rtol=1e-9, atol=1e-9 * abs(v) + 1e-6):
            raise RuntimeError(f"floor {m}_{st} = {got} but assess has {v}")
    km_change = sums[FLOOR_METRICS.index("commute_km"), 2]
    return stats | {
        "detail": f"{len(FLOOR_METRICS)} metrics × 3, commute km change {km_change:,.0f}"
    }


def _grid() -> list:
    return scenario_grid(
        rc.Scenario(name="base", release_space=1.0),
        remote_days_per_week=[0.5 * i for i in range(1, 11)],
        service_level=[0.80, 0.85, 0.90, 0.95, 0.99],
    )


def _sweep(n: int, repeat: int, n_jobs: int) -> dict:
    wf = _workforce(n)
    grid = _grid()
    # warm-up on the demo workforce (first-call imports and set-up), as for assess
    sweep(rc.datasets.demo_workforce(200), grid[:2], PARAMS, progress=False, n_jobs=1)
    extra = {}

    def run(scenarios: list, jobs: int):
        # each sweep prepares the workforce itself: what a newer tree's workforce keeps of
        # an earlier sweep (Workforce.derived) is dropped first, so that t50 - t1 is the
        # cost of 49 further scenarios (the geometry is kept by every tree)
        kept = getattr(wf, "derived", None)
        if kept is not None:
            kept.clear()
        return sweep(wf, scenarios, PARAMS, progress=False, n_jobs=jobs)

    if n_jobs == 1:  # one scenario too: the cost per further scenario, (t50 - t1) / 49
        one, _ = _measure(lambda: run(grid[:1], 1), repeat)
        extra = {"one_scenario_seconds": one["seconds"], "one_scenario_times": one["times"]}
    stats, out = _measure(lambda: run(grid, n_jobs), repeat)
    k = out["scenario_name"].nunique()
    detail = {"detail": f"{k} scenarios, n_jobs={n_jobs}", **extra}
    if extra:
        detail["per_scenario_seconds"] = (stats["seconds"] - extra["one_scenario_seconds"]) / (
            k - 1
        )
    if n_jobs > 1:  # forked workers: largest worker's max RSS (shared pages counted)
        detail["workers_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return stats | detail


def sweep50(n: int, repeat: int, data: Path) -> dict:
    """``sweep`` of 50 scenarios (remote days 0.5-5 × service level 0.80-0.99), serially.

    Also times the sweep of the first scenario alone (before, untimed in ``seconds``) and
    reports ``per_scenario_seconds`` = (time of 50 - time of 1) / 49: what each further
    scenario costs once the workforce is prepared.
    """
    return _sweep(n, repeat, 1)


def sweep50_2jobs(n: int, repeat: int, data: Path) -> dict:
    """The same sweep in two forked worker processes."""
    return _sweep(n, repeat, 2)


def mc2000(n: int, repeat: int, data: Path) -> dict:
    """``monte_carlo`` with 2,000 parameter draws."""
    wf = _workforce(n)
    stats, out = _measure(lambda: monte_carlo(wf, SCENARIO, PARAMS, n_draws=2000, seed=1), repeat)
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


def _fresh_process(cmd: list[str], repeat: int, cwd: str | None = None) -> dict:
    """Best wall time of ``repeat`` runs of ``cmd`` in a fresh process (stdout discarded)."""
    import subprocess

    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)  # warm the OS file cache
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(
            cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd
        )
        times.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "status": "ok",
        "seconds": min(times),
        "times": times,
        "peak_mb": peak,
        "peak_scope": "largest child process",
    }


def import_(n: int, repeat: int, data: Path) -> dict:
    """``python -c "import remotecalc"`` in a fresh process (``n`` is not used)."""
    # run from a neutral folder: ``python -c`` puts the working directory first on sys.path,
    # which would import the tree the benchmark was started from, whatever PYTHONPATH says
    stats = _fresh_process(
        [sys.executable, "-c", "import remotecalc"], repeat, cwd=tempfile.gettempdir()
    )
    return stats | {"detail": f"best of {repeat}, {rc.__file__}"}


def cli_help(n: int, repeat: int, data: Path) -> dict:
    """``remotecalc --help`` in a fresh process (``n`` is not used).

    The ``remotecalc`` script next to this Python (what users run), else the same entry
    point through ``python -c``.
    """
    script = Path(sys.executable).parent / "remotecalc"
    cmd = (
        [str(script), "--help"]
        if script.exists()
        else [
            sys.executable,
            "-c",
            "import sys; from remotecalc.cli.main import app; sys.argv[0] = 'remotecalc'; app()",
            "--help",
        ]
    )
    stats = _fresh_process(cmd, repeat)
    return stats | {"detail": f"best of {repeat}: {' '.join(cmd[-2:])}"}


def explorer(n: int, repeat: int, data: Path) -> dict:
    """The scenario explorer: one lever change -> headline (``benchmarks/explorer_bench.py``)."""
    from explorer_bench import lever_changes

    return lever_changes(n, repeat)


CASES = {
    f.__name__.rstrip("_"): f
    for f in (
        read_csv,
        read_parquet,
        assess,
        floor,
        sweep50,
        sweep50_2jobs,
        mc2000,
        assess_chunked,
        assess_chunked_sync,
        import_,
        cli_help,
        explorer,
    )
}


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
        pq.write_table(
            pa.Table.from_pandas(staff, preserve_index=False),
            data / "staff_rg.parquet",
            row_group_size=1_000_000,
        )
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
