"""Time and peak memory of the analyses on a synthetic workforce (1,000,000 employees default).

Cases: a 50-scenario sweep (remote days 0.5-5 × service levels 0.80-0.99, every scenario
with its own desk demand) serially and with two worker processes; a 2,000-draw Monte Carlo
(parameters only, and with uptake uncertainty); a Sobol' analysis (N = 512). Each case runs
in a fresh process; time is wall-clock for the call (preparation included, reading the data
excluded); peak memory is the process's max RSS (it includes the workforce itself).

Run: ``.venv/bin/python benchmarks/bench_scenarios.py [n ...]``.
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
from remotecalc.analysis import monte_carlo, sensitivity, sweep
from remotecalc.scenario import scenario_grid
staff, sites = synthetic_staff({n})
wf = rc.read_staffing(staff, sites=sites)
del staff
p = rc.load_parameters("dk-2025")
sc = rc.Scenario(name="2 days", remote_days_per_week=2, release_space=1.0)
grid = scenario_grid(rc.Scenario(name="base", release_space=1.0),
                     remote_days_per_week=[0.5 * i for i in range(1, 11)],
                     service_level=[0.80, 0.85, 0.90, 0.95, 0.99])
case = {case!r}
t0 = time.perf_counter()
if case == "sweep":
    out = sweep(wf, grid, p, progress=False)
    detail = f"{{out['scenario_name'].nunique()}} scenarios"
elif case == "sweep2":
    out = sweep(wf, grid, p, progress=False, n_jobs=2)
    detail = f"{{out['scenario_name'].nunique()}} scenarios, 2 processes"
elif case == "mc":
    out = monte_carlo(wf, sc, p, n_draws=2000, seed=1)
    detail = f"{{out.n_draws}} draws, {{len(out.inputs)}} inputs"
elif case == "mc_uptake":
    out = monte_carlo(wf, sc, p, n_draws=2000, seed=1, uptake=(0.5, 1.0))
    detail = f"{{out.n_draws}} draws, {{len(out.inputs)}} inputs incl. uptake"
elif case == "sobol":
    out = sensitivity(wf, sc, p, n_base=512, seed=1, uptake=(0.5, 1.0))
    detail = f"N = 512, {{len(out.inputs)}} inputs, {{512 * (len(out.inputs) + 2):,}} evaluations"
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": dt, "peak_mb": rss, "detail": detail}}))
"""

CASES = {
    "sweep": ("sweep, 50 scenarios", 15.0),
    "sweep2": ("sweep, 50 scenarios, n_jobs=2", 15.0),
    "mc": ("monte_carlo, 2,000 draws", 20.0),
    "mc_uptake": ("monte_carlo, 2,000 draws + uptake", 20.0),
    "sobol": ("sensitivity, Sobol' N = 512", None),
}


def main(sizes):
    print(f"{'employees':>10} {'case':<36} {'seconds':>8} {'peak MB':>8} {'target s':>9}  detail")
    for n in sizes:
        for case, (label, target) in CASES.items():
            code = CHILD.format(here=str(HERE), root=str(HERE.parent), n=n, case=case)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            tgt = f"{target:.0f}" if target else "-"
            print(f"{n:>10,} {label:<36} {r['seconds']:>8.1f} {r['peak_mb']:>8.0f} {tgt:>9}  "
                  f"{r['detail']}")
    print("targets (1,000,000 employees, 2 cores): 50-scenario sweep < 15 s, 2,000-draw "
          "Monte Carlo < 20 s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000_000])
