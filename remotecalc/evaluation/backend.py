"""Backend dispatch: the one place that decides between pandas (in memory) and Dask.

The public entry points (:func:`remotecalc.read_staffing`, :func:`remotecalc.assess`,
:func:`remotecalc.analysis.sweep`, :func:`remotecalc.analysis.monte_carlo`) ask
:func:`uses_dask` and, for a Dask workforce, call the function of the same name here, which
imports the Dask backend (:mod:`remotecalc.evaluation.distributed`) only then. Everything
else (the model, the analyses, the outputs) asks :func:`is_dask` or :func:`require_pandas`
and never imports Dask or the backend: ``import remotecalc`` and an in-memory analysis load
neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from remotecalc.evaluation.assessment import Assessment
    from remotecalc.evaluation.draws import MonteCarloResult
    from remotecalc.inputs.parameters import Parameters
    from remotecalc.inputs.scenario import Scenario
    from remotecalc.inputs.workforce import Workforce

__all__ = [
    "assess",
    "is_dask",
    "monte_carlo",
    "read_staffing",
    "require_pandas",
    "sweep",
    "uses_dask",
]


def is_dask(obj: object) -> bool:
    """True for a Dask DataFrame or Series (without importing Dask).

    Examples
    --------
    >>> import pandas as pd
    >>> is_dask(pd.DataFrame())
    False
    """
    return type(obj).__module__.startswith("dask")


def uses_dask(workforce: object) -> bool:
    """True for a workforce whose staff are a Dask DataFrame (a
    :class:`~remotecalc.evaluation.distributed.DaskWorkforce`), or a Dask DataFrame itself."""
    return is_dask(workforce) or is_dask(getattr(workforce, "staff", None))


def require_pandas(workforce: object, message: str, error: type[Exception] = TypeError) -> None:
    """Raise ``error(message)`` if the workforce's staff are a Dask DataFrame (an analysis
    that needs the staff in memory)."""
    if uses_dask(workforce):
        raise error(message)


def read_staffing(source: Any, sites: Any, *, partition_rows: int, **options: Any) -> Workforce:
    """:func:`remotecalc.evaluation.distributed.read_staffing_dask`."""
    from remotecalc.evaluation.distributed import read_staffing_dask

    return read_staffing_dask(source, sites, partition_rows=partition_rows, **options)


def assess(
    workforce: Any,
    scenario: Scenario,
    params: Parameters | str | None,
    *,
    min_group_size: int,
    sites: Any = None,
) -> Assessment:
    """:func:`remotecalc.evaluation.distributed.assess_dask`."""
    from remotecalc.evaluation.distributed import assess_dask

    return assess_dask(workforce, scenario, params, min_group_size=min_group_size, sites=sites)


def sweep(
    workforce: Any,
    scenarios: list[Scenario],
    params: Parameters | str | None,
    *,
    sites: Any = None,
) -> pd.DataFrame:
    """:func:`remotecalc.evaluation.distributed.sweep_dask` (one pass for all scenarios)."""
    from remotecalc.evaluation.distributed import sweep_dask

    return sweep_dask(workforce, scenarios, params, sites=sites)


def monte_carlo(
    workforce: Any,
    scenario: Scenario,
    params: Parameters | str | None,
    n_draws: int,
    seed: Any,
    *,
    uptake: tuple[float, float] | None,
    sites: Any = None,
) -> MonteCarloResult:
    """:func:`remotecalc.evaluation.distributed.monte_carlo_dask`."""
    from remotecalc.evaluation.distributed import monte_carlo_dask

    return monte_carlo_dask(workforce, scenario, params, n_draws, seed, uptake=uptake, sites=sites)
