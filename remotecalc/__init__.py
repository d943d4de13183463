"""remotecalc: what remote and hybrid work is worth, from an employer's own staffing data."""
from .errors import ParameterError, RemotecalcError, ScenarioError, StaffingError
from .geography import LocationTable, haversine_km, road_distance_km
from .readers import read_sites, read_staffing
from .workforce import Workforce

__version__ = "0.1.0"

__all__ = [
    "LocationTable", "ParameterError", "RemotecalcError", "ScenarioError", "StaffingError",
    "Workforce", "haversine_km", "read_sites", "read_staffing", "road_distance_km",
]

from . import datasets  # noqa: E402
from .model import Assessment, Prepared, assess, prepare  # noqa: E402
from .parameters import Parameters, list_parameter_sets, load_parameters  # noqa: E402
from .scenario import Scenario, load_scenarios  # noqa: E402

__all__ += ["Assessment", "Parameters", "Prepared", "prepare", "Scenario", "assess", "datasets", "list_parameter_sets",
            "load_parameters", "load_scenarios"]

from . import analysis  # noqa: E402
from .analysis import (HubResult, MonteCarloResult, RelocationResult,  # noqa: E402
                       SensitivityResult, assess_relocation, choose_hubs, hub_candidates,
                       monte_carlo, relocate, sensitivity, sweep, sweep_uncertainty)
from .scenario import scenario_grid  # noqa: E402

__all__ += ["HubResult", "MonteCarloResult", "RelocationResult", "SensitivityResult", "analysis",
            "assess_relocation", "choose_hubs", "hub_candidates", "monte_carlo", "relocate",
            "sensitivity", "sweep", "sweep_uncertainty", "scenario_grid"]

from . import plotting  # noqa: E402
from .report import report  # noqa: E402

__all__ += ["plotting", "report"]


def __getattr__(name):
    # remotecalc.estimation loads statsmodels and holidays: import it on first use only
    if name == "estimation":
        import importlib

        return importlib.import_module(".estimation", __name__)
    raise AttributeError(f"module 'remotecalc' has no attribute {name!r}")
