"""Which assumption matters: Sobol' indices (SALib) and one-at-a-time ranges (tornado).

The inputs and their distributions are the ones the parameter set declares, exactly as
Monte Carlo draws them (:func:`remotecalc.analysis.uncertainty.uncertain_inputs`): SALib
samples the unit hypercube (Saltelli's scheme on a scrambled Sobol' sequence) and each
point is turned into parameter values by the same inverse CDFs. The model is evaluated by
the same fast path as Monte Carlo, so a full Sobol' analysis of a large workforce takes
seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import (
    FastModel,
    complete_shares,
    uncertain_inputs,
    values_from_unit,
)
from remotecalc.evaluation.entry import resolve_params
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import Scenario
from remotecalc.inputs.workforce import Workforce
from remotecalc.model import engine

__all__ = ["SensitivityResult", "sensitivity", "sobol_indices"]


def sobol_indices(
    func: Callable[[pd.DataFrame], pd.DataFrame],
    inputs: pd.DataFrame,
    n_base: int = 512,
    seed: int | np.random.Generator | None = None,
    *,
    num_resamples: int = 100,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """First- and total-order Sobol' indices of a function's outputs, through SALib.

    Parameters
    ----------
    func : callable
        Takes a DataFrame of input values (one row per point, one column per input key) and
        returns a DataFrame of outputs (same rows, one column per output).
    inputs : pandas.DataFrame
        The uncertain inputs, with the columns of
        :meth:`remotecalc.inputs.parameters.Parameters.uncertain` (``key, dist, value, low, mode,
        high, sd``; ``unit`` optional).
    n_base : int, default 512
        Base sample size N, a power of 2; the function is evaluated N × (inputs + 2) times.
    seed : int, numpy.random.Generator or None
        Seeds the scrambled Sobol' sequence and the bootstrap of the confidence intervals.
    num_resamples : int, default 100
        Bootstrap resamples for the confidence intervals.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Columns ``output, parameter, S1, S1_conf, ST, ST_conf`` (``*_conf``: half-width of
        the bootstrap confidence interval). An output that does not vary gets zeros.

    Notes
    -----
    Sampling ``SALib.sample.sobol.sample`` (Saltelli 2002; Campolongo et al. 2011) and
    estimators ``SALib.analyze.sobol.analyze`` (Saltelli et al. 2010 for S1, Jansen 1999
    for ST), without second-order indices. Each unit-cube point becomes input values by the
    inverse CDF of the input's distribution (:func:`~.uncertainty.values_from_unit`).

    References
    ----------
    Saltelli, A. et al. (2010). Variance based sensitivity analysis of model output.
    Computer Physics Communications 181(2), 259–270. doi:10.1016/j.cpc.2009.09.018

    Examples
    --------
    A linear function's indices are its variance shares (here 1/5 and 4/5):

    >>> t = pd.DataFrame({"key": ["a", "b"], "dist": ["uniform"] * 2, "value": [0.5, 0.5],
    ...                   "low": [0.0, 0.0], "mode": [np.nan] * 2, "high": [1.0, 1.0],
    ...                   "sd": [np.nan] * 2})
    >>> f = lambda x: pd.DataFrame({"y": x["a"] + 2 * x["b"]})
    >>> s = sobol_indices(f, t, n_base=1024, seed=1)
    >>> s["S1"].round(1).tolist()
    [0.2, 0.8]
    """
    from SALib.analyze import sobol as sobol_analyze

    n_base = int(n_base)
    if n_base < 2 or n_base & (n_base - 1):
        raise ValueError(f"n_base must be a power of 2 (Sobol' sequence), found {n_base}")
    if len(inputs) == 0:
        raise ValueError("no uncertain inputs to analyse")
    names = list(inputs["key"])
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    rng = np.random.default_rng(seed)
    seed_sample, seed_boot = (int(x) for x in rng.integers(1, 2**31 - 1, size=2))
    unit = saltelli_sample(problem, n_base, seed=seed_sample)
    outputs = func(values_from_unit(inputs, unit))
    rows = []
    for out in outputs.columns:
        y = outputs[out].to_numpy(dtype=float)
        if not np.isfinite(y).all():
            raise ValueError(f"output {out!r} is not finite for some inputs")
        if y.std() <= 1e-12 * (abs(y.mean()) + 1e-300):
            si = {k: np.zeros(len(names)) for k in ("S1", "S1_conf", "ST", "ST_conf")}
        else:
            si = sobol_analyze.analyze(
                problem,
                y,
                calc_second_order=False,
                num_resamples=num_resamples,
                conf_level=conf_level,
                seed=seed_boot,
            )
        rows.append(
            pd.DataFrame(
                {
                    "output": out,
                    "parameter": names,
                    **{
                        k: np.asarray(si[k], dtype=float)
                        for k in ("S1", "S1_conf", "ST", "ST_conf")
                    },
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def saltelli_sample(problem: dict[str, Any], n_base: int, seed: int) -> np.ndarray:
    """Saltelli's sample without second order: ``SALib.sample.sobol.sample`` vectorised.

    The same points in the same order as ``sample(problem, n_base, calc_second_order=False,
    scramble=True, seed=seed)`` (no groups): per base point ``i`` the rows ``A_i``,
    ``A_i`` with column ``k`` from ``B_i`` for each ``k``, then ``B_i``, where ``A`` and ``B``
    are the two halves of a scrambled Sobol' sequence of ``2 D`` dimensions; scaled to the
    bounds by SALib's own ``scale_samples``. SALib copies the cells one by one in Python
    (a quarter of a second for 20 inputs and 512 points); here they are copied as arrays.

    Parameters
    ----------
    problem : dict
        SALib problem (``num_vars``, ``names``, ``bounds``; no ``groups``).
    n_base : int
        Base sample size N. [points]
    seed : int
        Seed of the scrambling.

    Returns
    -------
    numpy.ndarray
        ``N × (D + 2)`` rows, ``D`` columns.
    """
    from SALib.util import scale_samples
    from scipy.stats import qmc

    d = int(problem["num_vars"])
    if problem.get("groups") is not None:
        raise ValueError("saltelli_sample does not take groups of inputs")
    base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(n_base)
    a, b = base[:, :d], base[:, d:]
    points = np.empty((n_base, d + 2, d))
    points[:, 0, :] = a
    points[:, 1 : d + 1, :] = a[:, None, :]
    cols = np.arange(d)
    points[:, cols + 1, cols] = b
    points[:, d + 1, :] = b
    return np.asarray(scale_samples(points.reshape(n_base * (d + 2), d), problem))


@dataclass(frozen=True, repr=False)
class SensitivityResult:
    """Sobol' indices and one-at-a-time ranges of some metrics of a scenario.

    Attributes
    ----------
    indices : pandas.DataFrame
        ``metric, parameter, label, S1, S1_conf, ST, ST_conf``: first-order and total
        Sobol' indices of each metric's change, with bootstrap confidence half-widths;
        sorted by ST within each metric.
    tornado : pandas.DataFrame
        ``metric, parameter, label, low, high, change_low, change_high, central``: the
        input's low and high values (its ``oat_range`` quantiles), the metric's deviation
        from its central value with the input at low / high and all others at the set's
        values, and the central value (the deterministic change, summary units); sorted by
        swing ``|change_high - change_low|``.
    inputs : pandas.DataFrame
        The uncertain inputs analysed (:func:`~.uncertainty.uncertain_inputs`).
    fixed : pandas.DataFrame
        Declared-uncertain parameters left fixed because they cannot change any result for
        this workforce (``key, reason``), e.g. the factors of a mode nobody commutes by.
    n_base : int
    seed : object
    """

    indices: pd.DataFrame
    tornado: pd.DataFrame
    inputs: pd.DataFrame
    fixed: pd.DataFrame
    n_base: int
    seed: object = None
    notes: list = field(default_factory=list)

    def __repr__(self) -> str:
        lines = [f"<remotecalc.SensitivityResult: {len(self.inputs)} inputs, N = {self.n_base}>"]
        for m, g in self.indices.groupby("metric", sort=False):
            top = ", ".join(f"{r.parameter} (ST {r.ST:.2f})" for r in g.head(3).itertuples())
            lines.append(f"  {m}: {top}")
        return "\n".join(lines)


def _inert(inputs: pd.DataFrame, runner: Runner, params: Parameters) -> dict[str, str]:
    """Declared-uncertain keys that cannot change any result for this workforce."""
    modes = list(params.modes)
    m = len(modes)
    inp = runner.inputs
    counts = np.bincount(inp.mode_pos, minlength=m)
    geo_counts = np.bincount(inp.mode_pos[np.isnan(inp.given_km)], minlength=m)
    nc_modes = [k.rsplit(".", 1)[1] for k in params if k.startswith(engine.SHARE_PREFIX)]
    wtw = params.emission_scope == "well_to_wheel"
    out = {}
    links = params.links()
    for key in inputs["key"]:
        parts = key.split(".")
        if len(parts) != 3 or parts[0] != "mode" or parts[1] not in modes:
            continue
        mode, fld = parts[1], parts[2]
        # a root moves its own mode and every mode linked to it (same_as)
        linked = [k.split(".") for k, r in links.items() if r == key]
        i = [modes.index(mode)] + [
            modes.index(q[1]) for q in linked if len(q) == 3 and q[0] == "mode" and q[1] in modes
        ]
        rebound = mode in nc_modes
        if fld == "co2e_wtt_kg_per_km" and not wtw:
            out[key] = "tank-to-wheel set: upstream factors are not counted"
        elif fld in ("external_cost_per_vkm", "occupancy") and not params.factor_per_vehicle_km(
            mode
        ):
            out[key] = "not a vehicle-km mode"
        elif counts[i].sum() == 0 and not (rebound and fld not in ("circuity", "speed_km_per_h")):
            out[key] = "nobody commutes by this mode"
        elif fld == "circuity" and geo_counts[i].sum() == 0:
            out[key] = "every commuter by this mode has a given distance"
    return out


def sensitivity(
    workforce: Workforce,
    scenario: Scenario,
    params: Parameters | str | None = None,
    metrics: Sequence[str] = ("net_co2e_t", "net_cost"),
    n_base: int = 512,
    seed: int | np.random.Generator | None = None,
    top: int | None = None,
    *,
    uptake: tuple[float, float] | None = None,
    oat_range: tuple[float, float] = (0.05, 0.95),
) -> SensitivityResult:
    """Which assumptions drive a scenario's results: Sobol' indices and a tornado.

    Parameters
    ----------
    workforce : Workforce
    scenario : Scenario
    params : Parameters or str, optional
        Default ``"dk-2025"``; its declared uncertainties are the inputs.
    metrics : sequence of str, default ("net_co2e_t", "net_cost")
        Summary metrics whose change is analysed.
    n_base : int, default 512
        Sobol' base sample (a power of 2); N × (inputs + 2) evaluations.
    seed : int, numpy.random.Generator or None
    top : int, optional
        Keep only the ``top`` inputs per metric (by ST in ``indices``, by swing in
        ``tornado``).
    uptake : (float, float), optional
        Also vary uptake uniformly over this range (behavioural uncertainty).
    oat_range : (float, float), default (0.05, 0.95)
        Quantiles of each input's distribution used as its low and high value in the
        tornado; ``(0, 1)`` gives a bounded distribution's ends.

    Returns
    -------
    SensitivityResult

    Notes
    -----
    Inputs are those of :func:`~.uncertainty.monte_carlo` (the same distributions, the same
    renormalisation of the non-commute mode shares, the same uptake treatment), minus the
    parameters that cannot change any result for this workforce (listed in ``.fixed``),
    whose indices would be 0.

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(300, seed=1)
    >>> res = sensitivity(wf, rc.Scenario(name="2 days", remote_days_per_week=2),
    ...                   metrics=("net_co2e_t",), n_base=64, seed=1, top=3)
    >>> len(res.indices), list(res.tornado.columns)  # doctest: +NORMALIZE_WHITESPACE
    (3, ['metric', 'parameter', 'label', 'low', 'high', 'change_low', 'change_high',
         'central'])
    """
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario must be a remotecalc.Scenario")
    p = resolve_params(params)
    metrics = list(metrics)
    runner = Runner(workforce, p, scenario.service_level)
    fast = FastModel(runner)
    state = fast.state(scenario, uptake)
    known = fast.changes(state, pd.DataFrame(index=[0]), n=1)
    unknown = [m for m in metrics if m not in known.columns]
    if unknown:
        raise ValueError(f"unknown metric(s) {unknown}; choose from {list(known.columns)}")
    central = known.iloc[0][metrics]
    table = uncertain_inputs(p, uptake)
    inert = _inert(table, runner, p)
    inputs = table[~table["key"].isin(list(inert))].reset_index(drop=True)
    labels = dict(zip(inputs["key"], inputs["label"], strict=True))

    def evaluate(values: pd.DataFrame) -> pd.DataFrame:
        return fast.changes(state, complete_shares(values, p))[metrics]

    idx = sobol_indices(evaluate, inputs, n_base, seed).rename(columns={"output": "metric"})
    idx.insert(2, "label", idx["parameter"].map(labels))
    order = {m: i for i, m in enumerate(metrics)}
    idx = idx.sort_values(
        ["metric", "ST"], key=lambda c: c.map(order) if c.name == "metric" else -c, kind="stable"
    )
    # one at a time: each input at its low and high quantile, the others at the set's values
    base = {k: (scenario.uptake if k == "uptake" else p[k]) for k in inputs["key"]}
    ends = values_from_unit(
        inputs, np.array([[oat_range[0]] * len(inputs), [oat_range[1]] * len(inputs)])
    )
    rows = pd.DataFrame([base] * (2 * len(inputs)))
    for i, k in enumerate(inputs["key"]):
        rows.loc[2 * i, k], rows.loc[2 * i + 1, k] = ends.loc[0, k], ends.loc[1, k]
    res = evaluate(rows)
    parts = []
    for m in metrics:
        parts.append(
            pd.DataFrame(
                {
                    "metric": m,
                    "parameter": inputs["key"],
                    "label": inputs["label"],
                    "low": ends.loc[0].to_numpy(),
                    "high": ends.loc[1].to_numpy(),
                    "change_low": res[m].to_numpy()[0::2] - central[m],
                    "change_high": res[m].to_numpy()[1::2] - central[m],
                    "central": central[m],
                }
            )
        )
    tornado = pd.concat(parts, ignore_index=True)
    swing = (tornado["change_high"] - tornado["change_low"]).abs()
    tornado = (
        tornado.assign(_swing=swing)
        .sort_values(
            ["metric", "_swing"],
            key=lambda c: c.map(order) if c.name == "metric" else -c,
            kind="stable",
        )
        .drop(columns="_swing")
    )
    if top is not None:
        idx = idx.groupby("metric", sort=False).head(int(top))
        tornado = tornado.groupby("metric", sort=False).head(int(top))
    fixed = pd.DataFrame({"key": list(inert), "reason": list(inert.values())})
    return SensitivityResult(
        indices=idx.reset_index(drop=True),
        tornado=tornado.reset_index(drop=True),
        inputs=inputs,
        fixed=fixed,
        n_base=int(n_base),
        seed=seed,
    )
