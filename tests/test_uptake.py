"""Uptake from a staff survey: the weighted OrderedModel, recovery, prediction, scenarios.

Recovery tests draw surveys from a known ordered logit (``synthetic.simulate_survey``) of the
demo organisation's 2,000 employees and count how often 95 % intervals cover the truth; each
coefficient must lie in the central 99.9 % range of Binomial(n, 0.95)/n (see
``tests/test_attendance.py``). Seeds are fixed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.miscmodels.ordinal_model import OrderedModel, OrderedResultsWrapper
from statsmodels.tools.numdiff import approx_fprime

from remotecalc import Scenario, StaffingError, assess
from remotecalc.datasets import demo_workforce
from remotecalc.estimation.synthetic import simulate_staff_covariates, simulate_survey
from remotecalc.estimation.uptake import (
    HOME_DAYS,
    UPTAKE_FORMULA,
    add_wanted_days,
    fit_uptake,
    predict_home_days,
)


def coverage_band(n: int, level: float = 0.95, prob: float = 0.999) -> tuple[float, float]:
    """Central ``prob`` range of the share of ``n`` intervals covering, if they are right."""
    lo, hi = stats.binom.ppf([(1 - prob) / 2, 1 - (1 - prob) / 2], n, level)
    return lo / n, hi / n


@pytest.fixture(scope="module")
def workforce():
    """The demo organisation (2,000 staff) with synthetic register covariates."""
    return simulate_staff_covariates(demo_workforce(2000, seed=1), seed=2)


@pytest.fixture(scope="module")
def survey(workforce):
    return simulate_survey(workforce, seed=3)


def _covered(results, truth):
    ci = results.conf_int()
    true = truth.reindex(results.params.index)
    assert true.notna().all(), "truth and estimates must be named alike"
    return (ci[0] <= true) & (true <= ci[1])


# ---------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------


def test_returns_statsmodels_ordered_results(survey):
    res = fit_uptake(survey[0])
    assert isinstance(res, OrderedResultsWrapper) and isinstance(res.model, OrderedModel)
    assert res.model.formula == UPTAKE_FORMULA
    assert "Intercept" not in res.params.index
    assert "SurveyOrderedModel Results" in str(res.summary())
    assert res.mle_retvals["converged"]


def test_analytic_score_matches_numerical_derivative(survey):
    data = survey[0]
    res = fit_uptake(data, weights=data["weight"] * np.linspace(0.5, 2.0, len(data)))
    params = res.params.to_numpy() + 0.05  # away from the optimum too
    numeric = approx_fprime(params, res.model.loglikeobs, centered=True)
    assert np.allclose(res.model.score_obs(params), numeric, rtol=1e-5, atol=1e-6)


def test_unweighted_fit_is_ordered_model(survey):
    """Same estimates as statsmodels' OrderedModel (optimiser tolerance: 1e-5), same standard
    errors (numerical Hessians: 1e-3 relative)."""
    data = survey[0].copy()
    res = fit_uptake(data)
    data["home_days_wanted"] = pd.Categorical(data["home_days_wanted"], ordered=True)
    plain = OrderedModel.from_formula(UPTAKE_FORMULA, data, distr="logit").fit(
        method="bfgs", maxiter=2000, disp=False
    )
    assert np.allclose(res.params, plain.params, atol=1e-5)
    assert np.allclose(res.bse, plain.bse, rtol=1e-3)


def test_frequency_weights_equal_repeated_rows(survey):
    data = survey[0].iloc[:400].reset_index(drop=True)
    counts = np.random.default_rng(0).integers(1, 4, len(data))
    weighted = fit_uptake(data, weights=counts, weights_kind="frequency")
    repeated = fit_uptake(data.loc[data.index.repeat(counts)].reset_index(drop=True))
    assert np.allclose(weighted.params, repeated.params, atol=1e-5)
    assert np.allclose(weighted.bse, repeated.bse, rtol=1e-4)


def test_sampling_weights_do_not_depend_on_their_scale(survey):
    data = survey[0]
    a = fit_uptake(data, weights="weight")
    b = fit_uptake(data, weights=data["weight"] * 37.0)
    assert a.cov_type == "HC0"
    assert np.allclose(a.params, b.params, atol=1e-5)
    assert np.allclose(a.bse, b.bse, rtol=1e-4)


def test_bad_answers_are_reported_by_row(survey):
    data = survey[0].head(20).copy()
    data["home_days_wanted"] = data["home_days_wanted"].astype(object)
    data.loc[[3, 7, 11], "home_days_wanted"] = [6, 2.5, "many"]
    with pytest.raises(StaffingError) as err:
        fit_uptake(data)
    assert "row 4: '6'" in str(err.value) and "row 12: 'many'" in str(err.value)
    assert err.value.problems["row"].tolist() == [4, 8, 12]


def test_missing_covariates_are_left_out_and_counted(survey):
    data = survey[0].copy()
    data.loc[:9, "commute_minutes_one_way"] = np.nan
    assert fit_uptake(data).nobs == len(data) - 10


# ---------------------------------------------------------------------------------------
# Recovery of known coefficients
# ---------------------------------------------------------------------------------------


def test_recovery_coverage(workforce):
    """120 surveys (about 1,000 respondents of 2,000, answering at random): every
    coefficient's and threshold's 95 % interval covers the truth at a rate inside the 99.9 %
    band (0.875-1.0). Measured when written: mean 0.959, per parameter 0.933-1.0."""
    hits = []
    for i in range(120):
        data, truth = simulate_survey(workforce, seed=1000 + i)
        hits.append(_covered(fit_uptake(data), truth["params"]).rename(i))
    cover = pd.concat(hits, axis=1).mean(axis=1)
    lo, hi = coverage_band(120)
    assert cover.between(lo, hi).all(), cover[~cover.between(lo, hi)]
    assert abs(cover.mean() - 0.95) < 0.02


def test_sampling_weights_correct_informative_nonresponse(workforce):
    """Who answers depends on the answer (log-odds +0.7 per desired home day). Weighted by
    the inverse response probabilities, with sandwich standard errors, every interval covers
    the truth at a rate inside the 99.9 % band for 120 replications (0.875-1.0). Measured:
    0.883-0.967 here (mean 0.933), 0.92-0.96 on another 300 (mean 0.944): the sandwich is
    a little liberal at this sample size. Unweighted, the first threshold is biased and its
    interval covers far too rarely (measured 0.475 on the first 40; asserted < 0.7)."""
    weighted, unweighted = [], []
    for i in range(120):
        data, truth = simulate_survey(workforce, response_log_odds_per_day=0.7, seed=5000 + i)
        weighted.append(_covered(fit_uptake(data, weights="weight"), truth["params"]))
        if i < 40:
            unweighted.append(_covered(fit_uptake(data), truth["params"]))
    w = pd.concat(weighted, axis=1).mean(axis=1)
    u = pd.concat(unweighted, axis=1).mean(axis=1)
    lo, hi = coverage_band(120)
    assert w.between(lo, hi).all(), w[~w.between(lo, hi)]
    assert u["0/1"] < 0.7


# ---------------------------------------------------------------------------------------
# Prediction and scenarios
# ---------------------------------------------------------------------------------------


def test_predictions_are_distributions_with_their_mean(workforce, survey):
    res = fit_uptake(survey[0])
    staff = workforce.staff.copy()
    staff.loc[staff.index[0], "teleworkable"] = np.nan
    staff.loc[staff.index[1], "role"] = "astronaut"  # a role the survey never saw
    pred = predict_home_days(res, staff)
    assert pred.index.equals(staff.index)
    probs = pred[[f"p_{k}" for k in HOME_DAYS]]
    assert pred.iloc[:2].drop(columns="employee_id").isna().all().all()
    rest = probs.iloc[2:]
    assert np.allclose(rest.sum(axis=1), 1.0, atol=1e-12)
    assert np.allclose(
        pred["expected_home_days"].iloc[2:], rest.to_numpy() @ np.arange(6), atol=1e-12
    )
    # the fitted model's own predict() gives the same probabilities
    own = res.predict(staff.iloc[2:10])
    assert np.allclose(own.to_numpy(), probs.iloc[2:10].to_numpy(), atol=1e-10)


def test_predicted_population_shares_match_the_truth(workforce):
    """Averaged over the staff, predicted probabilities match the shares of desired home
    days in the whole simulated population (respondents and not) within 3 percentage points
    (one survey of ~1,000: the standard error of a share is about 1.5 points)."""
    data, truth = simulate_survey(workforce, seed=77)
    pred = predict_home_days(fit_uptake(data), workforce.staff)
    predicted = pred[[f"p_{k}" for k in HOME_DAYS]].mean().to_numpy()
    actual = np.bincount(truth["population"]["home_days_wanted"], minlength=6) / len(pred)
    assert np.abs(predicted - actual).max() < 0.03


def test_average_over_a_covariate_the_staff_data_lack(workforce, survey):
    res = fit_uptake(survey[0])
    staff = workforce.staff.drop(columns="caring")
    with pytest.raises(KeyError, match="caring"):
        predict_home_days(res, staff)
    mixed = predict_home_days(res, staff, average_over={"caring": {0: 0.7, 1: 0.3}})
    p0 = predict_home_days(res, staff.assign(caring=0))
    p1 = predict_home_days(res, staff.assign(caring=1))
    cols = ["expected_home_days", *[f"p_{k}" for k in HOME_DAYS]]
    assert np.allclose(mixed[cols], 0.7 * p0[cols] + 0.3 * p1[cols], atol=1e-12)


def test_interval_of_expected_home_days(workforce, survey):
    res = fit_uptake(survey[0])
    pred = predict_home_days(res, workforce.staff.head(50), interval=0.95, n_sim=400, seed=1)
    assert (pred["expected_home_days_lower"] <= pred["expected_home_days"]).all()
    assert (pred["expected_home_days"] <= pred["expected_home_days_upper"]).all()
    again = predict_home_days(res, workforce.staff.head(50), interval=0.95, n_sim=400, seed=1)
    pd.testing.assert_frame_equal(pred, again)


def test_levels_nobody_chose_get_probability_zero(survey):
    data = survey[0].copy()
    data["home_days_wanted"] = data["home_days_wanted"].clip(upper=4)
    res = fit_uptake(data)
    assert res.params.index[-1] == "3/4"
    pred = predict_home_days(res, data)
    assert (pred["p_5"] == 0).all()


def test_wanted_days_cap_the_scenario(workforce, survey):
    res = fit_uptake(survey[0])
    wf = add_wanted_days(workforce, res)
    wf3 = add_wanted_days(workforce, res, column="taken_3", granted=3)
    assert workforce.staff.columns.equals(workforce.staff.columns)  # original untouched
    assert "wanted_remote_days" not in workforce.staff.columns
    wanted, taken = wf.staff["wanted_remote_days"], wf3.staff["taken_3"]
    # E[min(Y, 3)] <= min(E[Y], 3) (Jensen)
    assert (taken <= np.minimum(wanted, 3.0) + 1e-12).all()
    assert wf3.notes[-1].startswith("taken_3: expected home days taken when 3 are granted")

    sc = Scenario(name="3 days", remote_days_per_week=3, wanted_days_column="taken_3")
    out = assess(wf3, sc).per_employee
    staff = wf3.staff
    cap = np.fmin(np.minimum(3.0, 5.0 * staff["teleworkable"]), staff["taken_3"])
    onsite = staff["onsite_days_per_week"]
    expected = onsite - np.maximum(0.0, onsite - (5.0 - cap))
    assert np.allclose(out["onsite_days_per_week_scenario"], expected)
    flat = assess(wf3, Scenario(name="3 days flat", remote_days_per_week=3)).per_employee
    assert (
        out["onsite_days_per_week_scenario"] >= flat["onsite_days_per_week_scenario"] - 1e-12
    ).all()
