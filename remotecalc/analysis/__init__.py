"""Analyses on top of :func:`remotecalc.assess`: many scenarios, uncertainty, big moves.

- :func:`sweep`: many scenarios as one tidy table (scenario-independent work done once);
  :func:`remotecalc.scenario_grid` builds grids of levers.
- :func:`monte_carlo`, :func:`sweep_uncertainty`: ranges from the parameter set's declared
  uncertainty (plus uptake), reproducible by seed.
- :func:`sensitivity`: Sobol' indices (SALib) and one-at-a-time ranges (tornado).
- :func:`relocate`, :func:`assess_relocation`: move positions to another site;
  :func:`relocation_plan`: who follows, who is hired, a ledger over the years and the
  virtual alternative.
- :func:`choose_hubs`: the best k satellite hubs among candidates (facility location).
"""

from remotecalc.analysis.hubs import HubResult, choose_hubs, hub_candidates
from remotecalc.analysis.relocation import (
    RelocationPlan,
    RelocationResult,
    assess_relocation,
    follow_probability,
    relocate,
    relocation_plan,
)
from remotecalc.analysis.sensitivity import SensitivityResult, sensitivity, sobol_indices
from remotecalc.analysis.sweep import LEVERS, lever_values, sweep
from remotecalc.analysis.uncertainty import (
    HEADLINE_METRICS,
    MonteCarloResult,
    draw_inputs,
    monte_carlo,
    parameter_label,
    sweep_uncertainty,
    uncertain_inputs,
)

__all__ = [
    "HEADLINE_METRICS",
    "LEVERS",
    "HubResult",
    "MonteCarloResult",
    "RelocationPlan",
    "RelocationResult",
    "SensitivityResult",
    "assess_relocation",
    "choose_hubs",
    "draw_inputs",
    "follow_probability",
    "hub_candidates",
    "lever_values",
    "monte_carlo",
    "parameter_label",
    "relocate",
    "relocation_plan",
    "sensitivity",
    "sobol_indices",
    "sweep",
    "sweep_uncertainty",
    "uncertain_inputs",
]
