"""Synthetic evidence generators: reproducible, consistent with their stated truth, and
readable by the evidence readers (badge logs -> daily counts -> attendance model)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from remotecalc import Scenario, assess
from remotecalc.datasets import demo_workforce
from remotecalc.estimation import (
    compare_desk_models,
    fit_attendance,
    fit_uptake,
    read_badge_events,
    simulate_badge_events,
    simulate_occupancy,
    simulate_staff_covariates,
    simulate_survey,
)
from remotecalc.formulas import office

WEEK = [0.45, 0.6, 0.55, 0.5, 0.3]


@pytest.fixture(scope="module")
def demo():
    return demo_workforce(600, seed=4)


# ---------------------------------------------------------------------------------------
# Occupancy
# ---------------------------------------------------------------------------------------


def test_occupancy_is_reproducible():
    a, _ = simulate_occupancy("2024-01-01", "2024-06-30", 150, WEEK, seed=9)
    b, _ = simulate_occupancy("2024-01-01", "2024-06-30", 150, WEEK, seed=9)
    c, _ = simulate_occupancy("2024-01-01", "2024-06-30", 150, WEEK, seed=10)
    pd.testing.assert_frame_equal(a, b)
    assert not a["count"].equals(c["count"])
    assert (a["date"].dt.day_of_week < 5).all() and (a["site_id"] == "SITE").all()


def test_occupancy_truth_matches_the_parameters():
    months = {7: -0.6, 12: -0.2}
    daily, truth = simulate_occupancy(
        "2024-01-01", "2024-12-31", 200, WEEK, months, holiday_effect=np.log(0.2), trend=0.1, seed=1
    )
    p, mu = truth["params"], truth["mean_count"]
    assert p["Intercept"] == pytest.approx(np.log(200 * 0.45))
    assert p["C(weekday)[T.fri]"] == pytest.approx(np.log(0.3 / 0.45))
    assert p["C(month)[T.7]"] == pytest.approx(-0.6) and p["C(month)[T.2]"] == 0.0
    assert p["holiday"] == pytest.approx(np.log(0.2)) and p["trend"] == 0.1
    # the mean of the first Monday (New Year's Day, a holiday) follows the formula
    assert mu.iloc[0] == pytest.approx(200 * 0.45 * 0.2)
    # law of large numbers: counts scatter around the truth (mean z-score near 0)
    z = (daily["count"].to_numpy() - mu.to_numpy()) / np.sqrt(mu * (1 - mu / 200)).to_numpy()
    assert abs(z.mean()) < 4 / np.sqrt(len(z)) and 0.8 < z.var() < 1.2


@pytest.mark.parametrize("dispersion, variance_ratio", [(0.0, 1.0), (0.02, None)])
def test_occupancy_dispersion(dispersion, variance_ratio):
    daily, truth = simulate_occupancy(
        "2020-01-01", "2024-12-31", 200, WEEK, trend=0.0, dispersion=dispersion, seed=3
    )
    mu = truth["mean_count"].to_numpy()
    ratio = ((daily["count"].to_numpy() - mu) ** 2 / mu).mean()
    expected = variance_ratio if variance_ratio is not None else 1 + dispersion * mu.mean()
    assert ratio == pytest.approx(expected, rel=0.15)  # ~1,300 days: a few standard errors
    assert truth["distribution"] == ("poisson" if dispersion == 0 else "negbin")


def test_binomial_occupancy_cannot_exceed_the_headcount():
    with pytest.raises(ValueError, match="share on site <= 1"):
        simulate_occupancy("2024-01-01", "2024-12-31", 100, [0.9] * 5, {3: 0.3}, seed=1)


@pytest.mark.parametrize("family, dispersion", [("poisson", None), ("negbin", 0.02)])
def test_truth_is_named_as_the_estimates(family, dispersion):
    daily, truth = simulate_occupancy(
        "2024-03-01", "2025-02-28", 200, WEEK, {8: -0.3}, dispersion=dispersion, seed=4
    )
    res = fit_attendance(daily, family)
    assert list(truth["params"].index) == list(res.params.index)


# ---------------------------------------------------------------------------------------
# Badge logs
# ---------------------------------------------------------------------------------------


def test_badge_events_read_back_to_the_true_daily_counts(demo):
    events, truth = simulate_badge_events(demo, "2024-03-04", "2024-04-26", seed=5)
    daily = read_badge_events(events)
    merged = daily.merge(truth["daily"], on=["date", "site_id"], suffixes=("", "_true"))
    assert len(merged) == len(truth["daily"]) == len(daily)
    assert (merged["count"] == merged["count_true"]).all()
    assert (merged["events"] >= merged["count"]).all()
    hours = events["timestamp"].dt.hour
    assert hours.between(7, 17).all() and (events["timestamp"].dt.day_of_week < 5).all()
    assert set(events["employee_id"]) <= set(demo.staff["employee_id"].astype(str))


def test_badge_events_follow_the_onsite_probabilities(demo):
    """Over a quarter, mean daily counts match the sum of the on-site probabilities within
    4 standard errors of a mean of Poisson-binomial counts."""
    _, truth = simulate_badge_events(
        demo, "2024-09-02", "2024-11-29", weekday_profile=[1, 1.2, 1.1, 1, 0.7], seed=6
    )
    daily = truth["daily"]  # no Danish public holiday in this quarter
    by_site = daily.groupby("site_id")[["count", "expected_count"]].mean()
    n_days = daily["date"].nunique()
    se = np.sqrt(by_site["expected_count"] / n_days)
    assert ((by_site["count"] - by_site["expected_count"]).abs() < 4 * se + 0.5).all()
    p = truth["onsite_probability"]
    days = (demo.staff["onsite_days_per_week"] * demo.staff["fte"]).to_numpy()
    assert np.allclose(p.sum(axis=1).to_numpy(), np.clip(days, 0, 5))


def test_shared_day_shocks_make_counts_over_dispersed(demo):
    """Independent employees give under-dispersed counts (Pearson dispersion < 1); a shared
    daily shock (team days, weather) gives over-dispersed counts, and the attendance model
    then asks for more desks than the Binomial model of the same mean."""
    independent, _ = simulate_badge_events(demo, "2024-01-01", "2024-12-31", seed=7)
    shocked, _ = simulate_badge_events(demo, "2024-01-01", "2024-12-31", day_effect_sd=0.2, seed=7)
    site = demo.staff["site_id"].value_counts().idxmax()
    headcount = int((demo.staff["site_id"] == site).sum())
    r0 = fit_attendance(read_badge_events(independent), site_id=site)
    r1 = fit_attendance(read_badge_events(shocked), site_id=site)
    assert r0.scale < 1.0 and r1.scale > 2.0
    dates = pd.bdate_range("2024-09-02", "2024-11-29")
    t0 = compare_desk_models(r0, headcount, dates=dates, n_sim=300, seed=1)
    t1 = compare_desk_models(r1, headcount, dates=dates, n_sim=300, seed=1)
    assert abs(t0["desks"].iloc[0] - t0["desks"].iloc[1]) <= 3
    assert t1["lower"].iloc[0] > t1["upper"].iloc[1]


# ---------------------------------------------------------------------------------------
# Survey
# ---------------------------------------------------------------------------------------


def test_staff_covariates_match_the_model_commute_time(demo):
    wf = simulate_staff_covariates(demo, seed=1)
    assert "commute_minutes_one_way" not in demo.staff.columns  # original untouched
    assert set(wf.staff["role"]) <= {
        "manager",
        "professional",
        "associate professional",
        "clerical",
        "service and care",
        "manual",
    }
    assert set(wf.staff["caring"]) == {0, 1}
    # the minutes equal what assess derives from distance and mode speed (rounded to 0.1)
    sc = Scenario(name="today")
    hours_from_speed = assess(demo, sc).per_employee["commute_hours_baseline"]
    hours_from_minutes = assess(wf, sc).per_employee["commute_hours_baseline"]
    assert np.allclose(hours_from_minutes, hours_from_speed, rtol=5e-3, atol=0.5)


def test_survey_truth_and_weights(demo):
    wf = simulate_staff_covariates(demo, seed=1)
    survey, truth = simulate_survey(wf, response_rate=0.4, response_log_odds_per_day=0.5, seed=2)
    pop = truth["population"]
    assert len(survey) == pop["responded"].sum()
    assert survey["home_days_wanted"].between(0, 5).all()
    responded = pop.loc[pop["responded"]].reset_index(drop=True)
    assert np.allclose(survey["weight"], 1 / responded["response_probability"])
    # those who want more home days answer more often
    assert survey["home_days_wanted"].mean() > pop["home_days_wanted"].mean()
    # inverse-probability weighting restores the population mean (a few standard errors)
    weighted = np.average(survey["home_days_wanted"], weights=survey["weight"])
    se = pop["home_days_wanted"].std() / np.sqrt(len(survey))
    assert abs(weighted - pop["home_days_wanted"].mean()) < 4 * se
    res = fit_uptake(survey, weights="weight")
    assert list(truth["params"].index) == list(res.params.index)


def test_survey_is_reproducible(demo):
    wf = simulate_staff_covariates(demo, seed=1)
    a, _ = simulate_survey(wf, seed=8)
    b, _ = simulate_survey(wf, seed=8)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="5 increasing"):
        simulate_survey(wf, cutpoints=[1, 0, 2, 3, 4], seed=1)
    with pytest.raises(ValueError, match="lacks role"):
        simulate_survey(wf, role_effects={"manager": 0.0}, seed=1)


def test_office_weekday_probabilities_are_the_generator_s(demo):
    _, truth = simulate_badge_events(demo, "2024-03-04", "2024-03-08", seed=1)
    days = (demo.staff["onsite_days_per_week"] * demo.staff["fte"]).to_numpy()
    assert np.allclose(
        truth["onsite_probability"].to_numpy(),
        office.weekday_onsite_probability(np.clip(days, 0, 5)),
    )


def test_weekday_names_are_the_office_models():
    from remotecalc.estimation import synthetic
    from remotecalc.formulas import office

    assert synthetic.WEEKDAYS == office.WEEKDAYS
