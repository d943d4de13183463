"""Estimation from the employer's own evidence (statsmodels).

Assumed parameters are the weakest part of a benefit estimate; employers hold better
evidence. This subpackage turns it into the model's inputs, with statistical uncertainty:

* :mod:`~remotecalc.estimation.attendance`: daily occupancy or badge logs -> a count model
  (quasi-Poisson GLM or negative binomial) with weekday, month, Danish public holidays and
  trend -> desks needed at a service level, with an interval, beside the Binomial desk model.
* :mod:`~remotecalc.estimation.uptake`: a staff survey of desired home days -> an ordered
  logit (``OrderedModel``, survey weights supported) -> each employee's desired home days,
  for ``Scenario(wanted_days_column=...)``.
* :mod:`~remotecalc.estimation.teleworkability`: ISCO-08/DISCO-08 codes -> the JRC index of
  Sostero et al. (2020); SOC/O*NET codes -> Dingel & Neiman (2020); with a report of the codes
  that did not match.
* :mod:`~remotecalc.estimation.synthetic`: evidence with known true parameters for the demo
  organisation (occupancy counts, badge logs, a survey).

Fitting functions return statsmodels' own results objects.

Every name loads its submodule on first use (PEP 562): ``teleworkability`` needs only pandas,
``attendance`` and ``uptake`` load statsmodels.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# public name -> submodule that defines it
_LAZY = {
    "ATTENDANCE_FORMULA": "attendance",
    "ATTENDANCE_FORMULA_NO_HOLIDAYS": "attendance",
    "AttendanceDesks": "attendance",
    "attendance_frame": "attendance",
    "compare_desk_models": "attendance",
    "daily_counts": "attendance",
    "desks_from_attendance": "attendance",
    "fit_attendance": "attendance",
    "public_holidays": "attendance",
    "read_badge_events": "attendance",
    "read_occupancy": "attendance",
    "simulate_badge_events": "synthetic",
    "simulate_occupancy": "synthetic",
    "simulate_staff_covariates": "synthetic",
    "simulate_survey": "synthetic",
    "CodeMatch": "teleworkability",
    "add_teleworkability": "teleworkability",
    "load_dingel_neiman": "teleworkability",
    "load_jrc_index": "teleworkability",
    "map_isco_to_jrc": "teleworkability",
    "map_soc_to_dingel_neiman": "teleworkability",
    "teleworkable_share_by": "teleworkability",
    "UPTAKE_FORMULA": "uptake",
    "SurveyOrderedModel": "uptake",
    "add_wanted_days": "uptake",
    "fit_uptake": "uptake",
    "predict_home_days": "uptake",
}

__all__ = [
    "ATTENDANCE_FORMULA",
    "ATTENDANCE_FORMULA_NO_HOLIDAYS",
    "UPTAKE_FORMULA",
    "AttendanceDesks",
    "CodeMatch",
    "SurveyOrderedModel",
    "add_teleworkability",
    "add_wanted_days",
    "attendance_frame",
    "compare_desk_models",
    "daily_counts",
    "desks_from_attendance",
    "fit_attendance",
    "fit_uptake",
    "load_dingel_neiman",
    "load_jrc_index",
    "map_isco_to_jrc",
    "map_soc_to_dingel_neiman",
    "predict_home_days",
    "public_holidays",
    "read_badge_events",
    "read_occupancy",
    "simulate_badge_events",
    "simulate_occupancy",
    "simulate_staff_covariates",
    "simulate_survey",
    "teleworkable_share_by",
]

if TYPE_CHECKING:  # what static tools see; at run time names load on first use
    from remotecalc.estimation.attendance import (
        ATTENDANCE_FORMULA,
        ATTENDANCE_FORMULA_NO_HOLIDAYS,
        AttendanceDesks,
        attendance_frame,
        compare_desk_models,
        daily_counts,
        desks_from_attendance,
        fit_attendance,
        public_holidays,
        read_badge_events,
        read_occupancy,
    )
    from remotecalc.estimation.synthetic import (
        simulate_badge_events,
        simulate_occupancy,
        simulate_staff_covariates,
        simulate_survey,
    )
    from remotecalc.estimation.teleworkability import (
        CodeMatch,
        add_teleworkability,
        load_dingel_neiman,
        load_jrc_index,
        map_isco_to_jrc,
        map_soc_to_dingel_neiman,
        teleworkable_share_by,
    )
    from remotecalc.estimation.uptake import (
        UPTAKE_FORMULA,
        SurveyOrderedModel,
        add_wanted_days,
        fit_uptake,
        predict_home_days,
    )


def __getattr__(name: str):
    """Load a public name from its submodule on first access (PEP 562)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
