"""Bounds on every lever and override (issue 13, item 5).

Each bad value is an error that names the lever or key, the value found and the allowed
range; nothing out of range is coerced or clipped.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.datasets import demo_workforce
from remotecalc.errors import ParameterError, ScenarioError
from remotecalc.inputs.scenario import LEVER_RANGES, Scenario
from remotecalc.model.engine import wanted_remote_days

NAN, INF = math.nan, math.inf

# (lever, bad value, fragments the message must hold: lever, value found, allowed range)
SCENARIO_CASES = [
    ("remote_days_per_week", -1, ["remote_days_per_week", "-1", "0 to 5 days/week"]),
    ("remote_days_per_week", 6, ["remote_days_per_week", "6", "0 to 5 days/week"]),
    ("remote_days_per_week", NAN, ["remote_days_per_week", "finite", "nan", "0 to 5"]),
    ("remote_days_per_week", INF, ["remote_days_per_week", "finite", "inf", "0 to 5"]),
    ("remote_days_per_week", True, ["remote_days_per_week", "not true/false", "True"]),
    ("remote_days_per_week", "lots", ["remote_days_per_week", "'lots'", "0 to 5"]),
    ("uptake", -0.1, ["uptake", "-0.1", "share from 0 to 1"]),
    ("uptake", 1.5, ["uptake", "1.5", "share from 0 to 1"]),
    ("uptake", NAN, ["uptake", "nan", "share from 0 to 1"]),
    ("service_level", 0, ["service_level", "found 0", "strictly between 0 and 1"]),
    ("service_level", 1, ["service_level", "found 1", "strictly between 0 and 1"]),
    ("service_level", NAN, ["service_level", "nan", "strictly between 0 and 1"]),
    ("desk_ratio", 0, ["desk_ratio", "found 0", "> 0"]),
    ("desk_ratio", -0.5, ["desk_ratio", "-0.5", "> 0"]),
    ("desk_ratio", INF, ["desk_ratio", "inf", "> 0"]),
    ("release_space", -0.1, ["release_space", "-0.1", "share from 0 to 1"]),
    ("release_space", 1.1, ["release_space", "1.1", "share from 0 to 1"]),
    ("anchor_weight", 0, ["anchor_weight", "found 0", "> 0"]),
    ("anchor_weight", INF, ["anchor_weight", "inf", "finite"]),
    ("horizon_years", 0, ["horizon_years", "found 0", "100 years"]),
    ("horizon_years", 500, ["horizon_years", "500", "100 years"]),
    ("horizon_years", NAN, ["horizon_years", "nan", "100 years"]),
    ("discount_rate", -0.01, ["discount_rate", "-0.01", "from 0 up to"]),
    ("discount_rate", 1, ["discount_rate", "found 1", "from 0 up to"]),
    ("weekday_profile", (1, 1, INF, 1, 1), ["weekday_profile.2", "inf", "finite weights"]),
    ("weekday_profile", (1, 1, NAN, 1, 1), ["weekday_profile.2", "nan", "finite weights"]),
    ("weekday_profile", (1, -1, 1, 1, 1), ["weekday_profile", "-1", "finite weights >= 0"]),
    ("weekday_profile", (0, 0, 0, 0, 0), ["weekday_profile", "(0, 0, 0, 0, 0)", "positive sum"]),
    ("weekday_profile", (1, 1, 1), ["weekday_profile", "(1, 1, 1)", "5 finite weights"]),
    ("anchor_days", ("someday",), ["anchor_days", "someday", "mon..fri"]),
]


@pytest.mark.parametrize(
    ("lever", "value", "fragments"),
    SCENARIO_CASES,
    ids=[f"{c[0]}={c[1]!r}" for c in SCENARIO_CASES],
)
def test_scenario_lever_out_of_bounds_is_an_error(lever, value, fragments):
    with pytest.raises(ScenarioError) as err:
        Scenario(name="bad", **{lever: value})
    msg = str(err.value)
    for fragment in fragments:
        assert fragment in msg, (fragment, msg)


@pytest.mark.parametrize(
    ("lever", "value"),
    [
        ("remote_days_per_week", 0),
        ("remote_days_per_week", 5),
        ("uptake", 0),
        ("uptake", 1),
        ("service_level", 0.5),
        ("desk_ratio", 2),
        ("release_space", 1),
        ("horizon_years", 100),
        ("discount_rate", 0),
        ("weekday_profile", (0, 0, 1, 0, 0)),
    ],
)
def test_scenario_lever_at_its_bounds_is_accepted(lever, value):
    assert Scenario(name="edge", **{lever: value})


def test_the_range_is_also_named_from_a_toml_file(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('[scenario]\nname = "x"\nweekday_profile = [1, 1, inf, 1, 1]\n')
    with pytest.raises(ScenarioError, match=r"(?s)plan.toml.*weekday_profile\.2.*inf.*allowed"):
        Scenario.from_toml(path)


def test_every_lever_has_its_range_in_words():
    levers = set(Scenario.model_fields) - {"kind", "description"}
    assert levers <= set(LEVER_RANGES)


# (key, bad value, fragments: key, value, allowed range)
OVERRIDE_CASES = [
    ("mode.car.occupancy", 1e-12, ["mode.car.occupancy", "1e-12", ">= 1"]),
    ("mode.car.occupancy", 0.5, ["mode.car.occupancy", "0.5", ">= 1"]),
    ("mode.bus.occupancy", 0, ["mode.bus.occupancy", "value 0", ">= 1"]),
    ("workdays_per_year", 400, ["workdays_per_year", "400", "(0, 261]"]),
    ("workdays_per_year", 0, ["workdays_per_year", "value 0", "(0, 261]"]),
    ("workdays_per_year", -5, ["workdays_per_year", "-5", "(0, 261]"]),
    ("hours_per_workday", 30, ["hours_per_workday", "30", "(0, 24]"]),
    ("hours_per_workday", 0, ["hours_per_workday", "value 0", "(0, 24]"]),
    ("finance.horizon_years", 500, ["finance.horizon_years", "500", "(0, 100]"]),
    ("finance.discount_rate", 1.5, ["finance.discount_rate", "1.5", "[0, 1]"]),
    ("home.heating_season_share", -0.1, ["home.heating_season_share", "-0.1", "[0, 1]"]),
    ("office.support_space_share", 2, ["office.support_space_share", "2", "[0, 1]"]),
    ("deduction.marginal_tax_value", 1.2, ["deduction.marginal_tax_value", "1.2", "[0, 1]"]),
    ("mode.car.circuity", 0.9, ["mode.car.circuity", "0.9", ">= 1"]),
    ("mode.car.speed_km_per_h", 0, ["mode.car.speed_km_per_h", "value 0", "> 0"]),
    ("office.area_per_desk_m2", 0, ["office.area_per_desk_m2", "value 0", "> 0"]),
    ("office.rent_per_m2_per_year", -1, ["office.rent_per_m2_per_year", "-1", ">= 0"]),
    ("mode.car.co2e_ttw_kg_per_km", -0.1, ["mode.car.co2e_ttw_kg_per_km", "-0.1", ">= 0"]),
    ("workdays_per_year", NAN, ["workdays_per_year", "finite number", "nan"]),
    ("hours_per_workday", INF, ["hours_per_workday", "finite number", "inf"]),
    ("workdays_per_year", True, ["workdays_per_year", "must be a number", "True"]),
    ("workdays_per_year", "200", ["workdays_per_year", "must be a number", "'200'"]),
]


@pytest.fixture(scope="module")
def params():
    return rc.load_parameters("dk-2025")


@pytest.mark.parametrize(
    ("key", "value", "fragments"),
    OVERRIDE_CASES,
    ids=[f"{c[0]}={c[1]!r}" for c in OVERRIDE_CASES],
)
def test_override_out_of_bounds_is_an_error(params, key, value, fragments):
    with pytest.raises(ParameterError) as err:
        params.with_overrides({key: value})
    msg = str(err.value)
    for fragment in fragments:
        assert fragment in msg, (fragment, msg)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("mode.car.occupancy", 1),
        ("workdays_per_year", 261),
        ("hours_per_workday", 24),
        ("finance.horizon_years", 100),
        ("home.heating_season_share", 1),
    ],
)
def test_override_at_its_bound_is_accepted(params, key, value):
    assert params.with_overrides({key: value})[key] == value


def test_uncertainty_bounds_must_stay_in_range_too(params):
    bad = {"value": 1.1, "uncertainty": {"dist": "uniform", "low": 0.5, "high": 1.3}}
    with pytest.raises(ParameterError, match=r"mode.car.occupancy: uncertainty bounds .*>= 1"):
        params.with_overrides({"mode.car.occupancy": bad})


# --- wanted days ---------------------------------------------------------------------------
WANTED = Scenario(name="survey", remote_days_per_week=3, wanted_days_column="wanted")

WANTED_CASES = [
    (["lots"], ["'wanted'", "row 2", "'lots'", "not a number", "0 to 5"]),
    ([-3], ["'wanted'", "row 2", "-3", "outside 0-5"]),
    (["-3"], ["'wanted'", "row 2", "'-3'", "outside 0-5"]),
    ([7.5], ["'wanted'", "row 2", "7.5", "outside 0-5"]),
    ([INF], ["'wanted'", "row 2", "inf", "outside 0-5"]),
    ([True], ["'wanted'", "row 2", "True", "not a number"]),
]


@pytest.mark.parametrize(
    ("cells", "fragments"), WANTED_CASES, ids=[repr(c[0][0]) for c in WANTED_CASES]
)
def test_wanted_days_out_of_range_or_not_numbers_are_errors(cells, fragments):
    good = [1.0] * 3
    staff = pd.DataFrame(
        {"source_row": [2, 3, 4, 5], "wanted": pd.Series(cells + good, dtype=object)}
    )
    with pytest.raises(ScenarioError) as err:
        wanted_remote_days(staff, WANTED)
    msg = str(err.value)
    for fragment in fragments:
        assert fragment in msg, (fragment, msg)
    assert "1 value(s)" in msg


def test_wanted_days_empty_cells_mean_no_cap_and_decimal_commas_are_read():
    staff = pd.DataFrame({"wanted": pd.Series(["2", None, "", "n/a", "1,5", 0, 5], dtype=object)})
    out = wanted_remote_days(staff, WANTED)
    np.testing.assert_array_equal(out, [2, np.nan, np.nan, np.nan, 1.5, 0, 5])
    numeric = pd.DataFrame({"wanted": [0.0, np.nan, 5.0]})
    np.testing.assert_array_equal(wanted_remote_days(numeric, WANTED), [0, np.nan, 5])


def test_wanted_days_error_counts_all_and_lists_some():
    staff = pd.DataFrame({"wanted": np.arange(6, 26, dtype=float)})
    with pytest.raises(ScenarioError, match=r"20 value\(s\) are not: row 0: 6 .*and 10 more"):
        wanted_remote_days(staff, WANTED)


def test_wanted_days_error_reaches_assess():
    wf = demo_workforce(60, seed=2)
    wanted = np.full(wf.n_employees, 2.0, dtype=object)
    wanted[7] = "lots"
    wf2 = dataclasses.replace(wf, staff=wf.staff.assign(wanted=wanted))
    row = wf2.staff["source_row"].iloc[7]
    with pytest.raises(ScenarioError, match=rf"'wanted'.*row {row}: 'lots'"):
        rc.assess(wf2, WANTED)
