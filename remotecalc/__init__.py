"""remotecalc: what remote and hybrid work is worth, from an employer's own staffing data.

The public names below load on first use (PEP 562): ``import remotecalc`` imports no
pandas, scipy or matplotlib, and ``rc.assess``, ``rc.read_staffing``, ``rc.plotting``,
``from remotecalc import sweep`` and every other name of ``__all__`` work as before. Any
submodule (``rc.model``, ``rc.estimation``) is also imported on first access.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

from remotecalc._version import __version__ as __version__
from remotecalc.errors import ParameterError, RemotecalcError, ScenarioError, StaffingError

# public name -> (submodule it comes from, attribute of it; None: the submodule itself)
_LAZY = {
    "LocationTable": ("inputs.geography", "LocationTable"),
    "haversine_km": ("inputs.geography", "haversine_km"),
    "road_distance_km": ("inputs.geography", "road_distance_km"),
    "read_sites": ("inputs.readers", "read_sites"),
    "read_od": ("inputs.readers", "read_od"),
    "road_distances": ("inputs.roads", "road_distances"),
    "ZoneAreas": ("inputs.geography", "ZoneAreas"),
    "read_staffing": ("evaluation.reading", "read_staffing"),
    "read_work_trips": ("inputs.trips", "read_work_trips"),
    "WorkTrips": ("inputs.trips", "WorkTrips"),
    "Workforce": ("inputs.workforce", "Workforce"),
    "datasets": ("datasets", None),
    "Assessment": ("evaluation.entry", "Assessment"),
    "Prepared": ("evaluation.entry", "Prepared"),
    "assess": ("evaluation.entry", "assess"),
    "climate_account": ("outputs.climate", "climate_account"),
    "prepare": ("evaluation.entry", "prepare"),
    "Parameters": ("inputs.parameters", "Parameters"),
    "list_parameter_sets": ("inputs.parameters", "list_parameter_sets"),
    "load_parameters": ("inputs.parameters", "load_parameters"),
    "Scenario": ("inputs.scenario", "Scenario"),
    "load_scenarios": ("inputs.scenario", "load_scenarios"),
    "scenario_grid": ("inputs.scenario", "scenario_grid"),
    "analysis": ("analysis", None),
    **{
        name: ("analysis", name)
        for name in (
            "HubResult",
            "MonteCarloResult",
            "RelocationPlan",
            "RelocationResult",
            "SensitivityResult",
            "assess_relocation",
            "choose_hubs",
            "hub_candidates",
            "monte_carlo",
            "relocate",
            "relocation_plan",
            "sensitivity",
            "sweep",
            "sweep_uncertainty",
        )
    },
    "plotting": ("outputs.plotting", None),
    "report": ("outputs.report", "report"),
    "explore": ("explorer.app", "explore"),
}

__all__ = [
    "Assessment",
    "HubResult",
    "LocationTable",
    "MonteCarloResult",
    "ParameterError",
    "Parameters",
    "Prepared",
    "RelocationPlan",
    "RelocationResult",
    "RemotecalcError",
    "Scenario",
    "ScenarioError",
    "SensitivityResult",
    "StaffingError",
    "WorkTrips",
    "Workforce",
    "ZoneAreas",
    "analysis",
    "assess",
    "assess_relocation",
    "choose_hubs",
    "climate_account",
    "datasets",
    "explore",
    "haversine_km",
    "hub_candidates",
    "list_parameter_sets",
    "load_parameters",
    "load_scenarios",
    "monte_carlo",
    "plotting",
    "prepare",
    "read_od",
    "read_sites",
    "read_staffing",
    "read_work_trips",
    "relocate",
    "relocation_plan",
    "report",
    "road_distance_km",
    "road_distances",
    "scenario_grid",
    "sensitivity",
    "sweep",
    "sweep_uncertainty",
]

if TYPE_CHECKING:  # what static tools see; at run time these load on first use
    from remotecalc import analysis, datasets, estimation  # noqa: F401

    # sensitivity and sweep are functions here; mypy also sees the submodules of those names
    from remotecalc.analysis import (  # type: ignore[no-redef]
        HubResult,
        MonteCarloResult,
        RelocationPlan,
        RelocationResult,
        SensitivityResult,
        assess_relocation,
        choose_hubs,
        hub_candidates,
        monte_carlo,
        relocate,
        relocation_plan,
        sensitivity,
        sweep,
        sweep_uncertainty,
    )
    from remotecalc.evaluation.entry import Assessment, Prepared, assess, prepare
    from remotecalc.evaluation.reading import read_staffing
    from remotecalc.explorer.app import explore
    from remotecalc.inputs.geography import LocationTable, ZoneAreas, haversine_km, road_distance_km
    from remotecalc.inputs.parameters import Parameters, list_parameter_sets, load_parameters
    from remotecalc.inputs.readers import read_od, read_sites
    from remotecalc.inputs.roads import road_distances
    from remotecalc.inputs.scenario import Scenario, load_scenarios, scenario_grid
    from remotecalc.inputs.trips import WorkTrips, read_work_trips
    from remotecalc.inputs.workforce import Workforce
    from remotecalc.outputs import plotting
    from remotecalc.outputs.climate import climate_account
    from remotecalc.outputs.report import report


def __getattr__(name: str):
    """Load a public name, or a submodule, on first access (PEP 562)."""
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = importlib.import_module(f".{module}", __name__)
        if attr is not None:
            value = getattr(value, attr)
        globals()[name] = value  # later accesses are plain attribute reads
        return value
    if not name.startswith("__") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | {"estimation"})
