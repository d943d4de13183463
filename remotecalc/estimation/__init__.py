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
"""
from .attendance import (
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
from .synthetic import (
    simulate_badge_events,
    simulate_occupancy,
    simulate_staff_covariates,
    simulate_survey,
)
from .teleworkability import (
    CodeMatch,
    add_teleworkability,
    load_dingel_neiman,
    load_jrc_index,
    map_isco_to_jrc,
    map_soc_to_dingel_neiman,
    teleworkable_share_by,
)
from .uptake import (
    UPTAKE_FORMULA,
    SurveyOrderedModel,
    add_wanted_days,
    fit_uptake,
    predict_home_days,
)

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
