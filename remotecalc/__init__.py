"""remotecalc: what remote and hybrid work is worth, from an employer's own staffing data.

The public names below load on first use (PEP 562): ``import remotecalc`` imports no
pandas, scipy or matplotlib, and ``rc.assess``, ``rc.read_staffing``, ``rc.plotting``,
``from remotecalc import sweep`` and every other name of ``__all__`` work as before. Any
submodule (``rc.model``, ``rc.estimation``) is also imported on first access.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import TYPE_CHECKING

from ._version import __version__ as __version__
from .errors import ParameterError, RemotecalcError, ScenarioError, StaffingError

# public name -> (submodule it comes from, attribute of it; None: the submodule itself)
_LAZY = {
    "LocationTable": ("geography", "LocationTable"),
    "haversine_km": ("geography", "haversine_km"),
    "road_distance_km": ("geography", "road_distance_km"),
    "read_sites": ("readers", "read_sites"),
    "read_od": ("readers", "read_od"),
    "ZoneAreas": ("geography", "ZoneAreas"),
    "read_staffing": ("reading", "read_staffing"),
    "read_work_trips": ("readers_trips", "read_work_trips"),
    "WorkTrips": ("readers_trips", "WorkTrips"),
    "Workforce": ("workforce", "Workforce"),
    "datasets": ("datasets", None),
    "Assessment": ("model", "Assessment"),
    "Prepared": ("model", "Prepared"),
    "assess": ("model", "assess"),
    "climate_account": ("climate", "climate_account"),
    "prepare": ("model", "prepare"),
    "Parameters": ("parameters", "Parameters"),
    "list_parameter_sets": ("parameters", "list_parameter_sets"),
    "load_parameters": ("parameters", "load_parameters"),
    "Scenario": ("scenario", "Scenario"),
    "load_scenarios": ("scenario", "load_scenarios"),
    "scenario_grid": ("scenario", "scenario_grid"),
    "analysis": ("analysis", None),
    **{
        name: ("analysis", name)
        for name in (
            "HubResult",
            "MonteCarloResult",
            "RelocationResult",
            "SensitivityResult",
            "assess_relocation",
            "choose_hubs",
            "hub_candidates",
            "monte_carlo",
            "relocate",
            "sensitivity",
            "sweep",
            "sweep_uncertainty",
        )
    },
    "plotting": ("plotting", None),
    "report": ("report", "report"),
    "explore": ("explorer", "explore"),
}

__all__ = [
    "Assessment",
    "HubResult",
    "LocationTable",
    "MonteCarloResult",
    "ParameterError",
    "Parameters",
    "Prepared",
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
    "report",
    "road_distance_km",
    "scenario_grid",
    "sensitivity",
    "sweep",
    "sweep_uncertainty",
]

if TYPE_CHECKING:  # what static tools see; at run time these load on first use
    from . import analysis, datasets, estimation, plotting  # noqa: F401

    # sensitivity and sweep are functions here; mypy also sees the submodules of those names
    from .analysis import (  # type: ignore[no-redef]
        HubResult,
        MonteCarloResult,
        RelocationResult,
        SensitivityResult,
        assess_relocation,
        choose_hubs,
        hub_candidates,
        monte_carlo,
        relocate,
        sensitivity,
        sweep,
        sweep_uncertainty,
    )
    from .climate import climate_account
    from .explorer import explore
    from .geography import LocationTable, ZoneAreas, haversine_km, road_distance_km
    from .model import Assessment, Prepared, assess, prepare
    from .parameters import Parameters, list_parameter_sets, load_parameters
    from .readers import read_od, read_sites
    from .readers_trips import WorkTrips, read_work_trips
    from .reading import read_staffing
    from .report import report
    from .scenario import Scenario, load_scenarios, scenario_grid
    from .workforce import Workforce


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


class _Package(types.ModuleType):
    """Keeps a public function that shares its name with its submodule (``report``).

    Importing a submodule binds it on the package (``remotecalc.report = <module>``); when the
    package exports a function of that name (``rc.report(...)``) the function is kept, as it
    was when the package imported everything eagerly.
    """

    def __setattr__(self, name: str, value: object) -> None:
        attr = _LAZY.get(name, (None, None))[1]
        if (
            isinstance(value, types.ModuleType)
            and value.__name__ == f"{__name__}.{name}"
            and attr is not None
        ):
            value = getattr(value, attr)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
