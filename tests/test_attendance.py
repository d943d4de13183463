"""Attendance evidence: readers, the count model, recovery of known coefficients, desks.

Recovery tests simulate many data sets with known coefficients (``synthetic``) and count how
often the 95 % confidence intervals cover the truth. With ``n`` independent replications the
number covering is Binomial(n, 0.95) if the intervals are right; each coefficient must fall in
the central 99.9 % range of that distribution (:func:`coverage_band`), so a correct estimator
fails a given coefficient's check with probability about 0.001. Seeds are fixed: the tests are
deterministic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.discrete.discrete_model import NegativeBinomialResultsWrapper
from statsmodels.genmod.generalized_linear_model import GLMResultsWrapper

from remotecalc.estimation import attendance as att
from remotecalc.estimation.attendance import (
    ATTENDANCE_FORMULA,
    ATTENDANCE_FORMULA_NO_HOLIDAYS,
    attendance_frame,
    compare_desk_models,
    desks_from_attendance,
    fit_attendance,
)
from remotecalc.estimation.synthetic import simulate_occupancy
from remotecalc.formulas import office

#: On-site shares Monday..Friday of the simulated site (Tuesday peak).
WEEK = [0.45, 0.6, 0.55, 0.5, 0.3]
#: Log month effects January..December (summer holidays in July).
MONTHS = [0.0, 0.02, 0.05, 0.05, 0.0, -0.1, -0.6, -0.2, 0.05, 0.05, 0.0, -0.15]
HEADCOUNT = 250


def coverage_band(n: int, level: float = 0.95, prob: float = 0.999) -> tuple[float, float]:
    """Central ``prob`` range of the share of ``n`` intervals covering, if they are right."""
    lo, hi = stats.binom.ppf([(1 - prob) / 2, 1 - (1 - prob) / 2], n, level)
    return lo / n, hi / n


def _coverage(results, truth: pd.Series) -> pd.Series:
    ci = results.conf_int()
    true = truth.reindex(results.params.index)
    assert true.notna().all(), "truth and estimates must be named alike"
    return (ci[0] <= true) & (true <= ci[1])


def _recovery(family, dispersion, reps, seed0):
    hits = []
    for i in range(reps):
        daily, truth = simulate_occupancy(
            "2023-01-02",
            "2024-12-31",
            HEADCOUNT,
            WEEK,
            MONTHS,
            np.log(0.3),
            -0.05,
            dispersion=dispersion,
            seed=seed0 + i,
        )
        hits.append(_coverage(fit_attendance(daily, family), truth["params"]).rename(i))
    return pd.concat(hits, axis=1).mean(axis=1)


# ---------------------------------------------------------------------------------------
# Model frame and fit
# ---------------------------------------------------------------------------------------


def test_model_frame_drops_weekends_and_closed_holidays():
    dates = pd.date_range("2024-03-25", "2024-04-07")  # Easter 2024 inside
    counts = np.where(dates.isin(pd.to_datetime(["2024-03-28", "2024-03-29", "2024-04-01"])), 0, 50)
    frame = attendance_frame(pd.DataFrame({"date": dates, "count": counts}))
    assert frame["date"].dt.day_of_week.max() < 5
    assert frame["holiday"].sum() == 0 and len(frame) == 10 - 3
    assert frame["trend"].iloc[0] == 0.0
    assert frame.attrs["holiday_categories"] == ("public",)


def test_closed_on_every_holiday_fits_without_the_holiday_term():
    daily, _ = simulate_occupancy("2024-01-01", "2024-12-31", 200, WEEK, seed=3)
    closed = att.public_holidays(daily["date"])
    daily.loc[closed, "count"] = 0
    res = fit_attendance(daily)
    assert res.model.formula == ATTENDANCE_FORMULA_NO_HOLIDAYS
    assert len(res.model.data.frame) == len(daily) - closed.sum()


def test_several_sites_need_a_site_id():
    daily = pd.DataFrame(
        {"date": pd.to_datetime(["2024-01-02"] * 2), "site_id": ["A", "B"], "count": [1, 2]}
    )
    with pytest.raises(ValueError, match="2 sites"):
        attendance_frame(daily)
    assert len(attendance_frame(daily, site_id="B")) == 1


def test_fit_returns_statsmodels_own_results():
    daily, _ = simulate_occupancy("2024-01-01", "2024-12-31", 200, WEEK, seed=1)
    poisson = fit_attendance(daily)
    assert isinstance(poisson, GLMResultsWrapper)
    assert isinstance(poisson.model.family, sm.families.Poisson)
    assert poisson.model.formula == ATTENDANCE_FORMULA
    assert "Generalized Linear Model" in str(poisson.summary())
    daily_nb, _ = simulate_occupancy("2024-01-01", "2024-12-31", 200, WEEK, dispersion=0.02, seed=1)
    negbin = fit_attendance(daily_nb, "negbin")
    assert isinstance(negbin, NegativeBinomialResultsWrapper)
    assert "alpha" in negbin.params.index and "alpha" in str(negbin.summary())
    with pytest.raises(ValueError, match="family"):
        fit_attendance(daily, "gamma")


# ---------------------------------------------------------------------------------------
# Recovery of known coefficients
# ---------------------------------------------------------------------------------------


def test_poisson_recovery_coverage():
    """200 Poisson data sets (2 years, month effects, holidays, trend): every coefficient's
    95 % interval covers the truth at a rate inside the 99.9 % Binomial band (0.895-0.99 for
    200). Measured when written: mean 0.952, range 0.935-0.98."""
    cover = _recovery("poisson", 0, 200, seed0=0)
    lo, hi = coverage_band(200)
    assert cover.between(lo, hi).all(), cover[~cover.between(lo, hi)]
    assert abs(cover.mean() - 0.95) < 0.02


def test_quasi_poisson_intervals_with_binomial_counts():
    """Binomial counts are under-dispersed against Poisson; the Pearson-scaled (quasi-Poisson)
    standard errors keep the average coverage (150 replications: mean within 0.95 +- 0.02).
    The quasi-Poisson dispersion is one number, but Binomial counts have dispersion
    1 - mu/H, highest in low months: in July (log effect -0.6) it is about 0.74 against
    0.55 pooled, so July's interval is sqrt(0.74/0.55) = 1.16 times too narrow and covers
    about 91 %. Every coefficient must therefore lie above the 0.05 % point of
    Binomial(150, 0.91)/150 = 0.827 (and below the 99.95 % point for 0.95, 0.993).
    Measured: mean 0.953, July 0.88 (0.905 at 200 replications)."""
    cover = _recovery("poisson", None, 150, seed0=10_000)
    worst = stats.binom.ppf(0.0005, 150, 0.91) / 150
    assert cover.between(worst, coverage_band(150)[1]).all(), cover.sort_values().head()
    assert abs(cover.mean() - 0.95) <= 0.02


def test_negative_binomial_recovery_coverage():
    """150 NB2 data sets (alpha = 0.01): coefficients' coverage inside the 99.9 % band
    (0.88-0.993 for 150). alpha's Wald interval covers less often (measured 0.885 at 200
    replications): its maximum-likelihood estimate is biased down by about k/n (18 mean
    parameters from 520 days), a known small-sample property, so it gets its own, stated
    band of 0.8-1.0."""
    cover = _recovery("negbin", 0.01, 150, seed0=20_000)
    lo, hi = coverage_band(150)
    beta = cover.drop("alpha")
    assert beta.between(lo, hi).all(), beta[~beta.between(lo, hi)]
    assert 0.8 <= cover["alpha"] <= 1.0


# ---------------------------------------------------------------------------------------
# Desks
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("phi", [0.4, 1.0, 3.0])
def test_dispersion_matched_distribution_has_the_stated_moments(phi):
    mu = 120.0
    k = np.arange(0, 2000)
    pmf = np.diff(np.concatenate([[0.0], att._count_cdf(k, mu, "dispersion", phi)]))
    mean = (k * pmf).sum()
    var = ((k - mean) ** 2 * pmf).sum()
    # Binomial trials are rounded to an integer: the variance is off by at most mu/trials
    assert mean == pytest.approx(mu, rel=1e-9)
    assert var == pytest.approx(phi * mu, rel=1e-2)


def test_mixture_quantile_matches_scipy_for_one_day():
    mu = np.array([[100.0]])
    assert att._mixture_quantile(mu, np.array([[1.0]]), "dispersion", 0.95)[0] == stats.poisson.ppf(
        0.95, 100
    )
    assert att._mixture_quantile(mu, np.array([[0.05]]), "negbin", 0.95)[0] == stats.nbinom.ppf(
        0.95, 20, 20 / 120
    )
    # phi = 1 - p with N = mu / p trials is Binomial(N, p) exactly
    assert att._mixture_quantile(mu, np.array([[0.6]]), "dispersion", 0.95)[0] == stats.binom.ppf(
        0.95, 250, 0.4
    )


def test_desks_are_reproducible_and_ordered():
    daily, _ = simulate_occupancy("2023-01-02", "2024-12-31", HEADCOUNT, WEEK, MONTHS, seed=5)
    res = fit_attendance(daily)
    a = desks_from_attendance(res, n_sim=300, seed=7)
    b = desks_from_attendance(res, n_sim=300, seed=7)
    assert a.desks == b.desks and np.array_equal(a.draws, b.draws)
    assert a.weekday == "tue" and list(a.expected_by_weekday.index) == list(office.WEEKDAYS)
    assert a.lower <= a.desks <= a.upper and a.lower <= a.predictive_desks <= a.upper
    fri = desks_from_attendance(res, "friday", n_sim=300, seed=7)
    assert fri.weekday == "fri" and fri.desks < a.desks
    autumn = desks_from_attendance(
        res, dates=pd.bdate_range("2024-09-02", "2024-11-29"), n_sim=300, seed=7
    )
    july = desks_from_attendance(
        res, dates=pd.bdate_range("2024-07-01", "2024-07-31"), n_sim=300, seed=7
    )
    assert july.desks < autumn.desks


def test_site_closed_on_fridays_is_sized_on_its_open_days():
    daily, _ = simulate_occupancy("2023-01-02", "2024-12-31", 200, WEEK, seed=1)
    daily = daily.loc[daily["date"].dt.day_of_week < 4]
    res = fit_attendance(daily)
    d = desks_from_attendance(res, n_sim=100, seed=1)
    assert list(d.expected_by_weekday.index) == ["mon", "tue", "wed", "thu"]
    assert d.weekday == "tue"
    with pytest.raises(ValueError, match=r"weekday\(s\) \['fri'\]"):
        desks_from_attendance(res, dates="2024-10-04", n_sim=50)


def test_desks_need_months_seen_in_the_data():
    daily, _ = simulate_occupancy("2024-01-01", "2024-03-31", 100, WEEK, seed=1)
    with pytest.raises(ValueError, match=r"month\(s\) \[7\]"):
        desks_from_attendance(fit_attendance(daily), dates="2024-07-02", n_sim=50)


def test_attendance_and_binomial_desks_agree_on_binomial_counts():
    """Binomial counts (independent employees, 250 staff, peak share 0.6, no month effects):
    the attendance model's desks and the Binomial model's differ by at most 3 desks (about 2
    % of 163; the estimation error of the peak-day mean and dispersion is about 1 desk
    each), the Binomial value lies inside the attendance model's 95 % interval, and so does
    the true Binomial quantile. Measured over 40 seeds: differences -2..+2, mean +0.3."""
    true_desks = office.attendance_quantile(np.full(HEADCOUNT, WEEK[1]), 0.95)
    diffs = []
    for seed in range(10):
        daily, _ = simulate_occupancy(
            "2023-01-02",
            "2024-12-31",
            HEADCOUNT,
            WEEK,
            None,
            np.log(0.3),
            0.0,
            dispersion=None,
            seed=100 + seed,
        )
        table = compare_desk_models(fit_attendance(daily), HEADCOUNT, n_sim=400, seed=seed)
        model, binomial = table.iloc[0], table.iloc[1]
        assert model["weekday"] == "tue"
        assert abs(model["desks"] - binomial["desks"]) <= 3
        assert model["lower"] <= binomial["desks"] <= model["upper"]
        assert model["lower"] <= true_desks <= model["upper"]
        diffs.append(model["desks"] - binomial["desks"])
    assert abs(np.mean(diffs)) <= 1.5


@pytest.mark.parametrize("family", ["poisson", "negbin"])
def test_attendance_desks_exceed_binomial_when_overdispersed(family):
    """NB2 counts (alpha = 0.01: people come together): on the peak day the variance is
    150 + 225 = 375 against the Binomial's 60, so the attendance model needs ~20 more desks;
    its whole interval lies above the Binomial one and covers the true NB quantile."""
    size = 1 / 0.01
    true_desks = stats.nbinom.ppf(0.95, size, size / (size + HEADCOUNT * WEEK[1]))
    for seed in range(4):
        daily, _ = simulate_occupancy(
            "2023-01-02",
            "2024-12-31",
            HEADCOUNT,
            WEEK,
            None,
            np.log(0.3),
            0.0,
            dispersion=0.01,
            seed=200 + seed,
        )
        table = compare_desk_models(fit_attendance(daily, family), HEADCOUNT, n_sim=400, seed=seed)
        model, binomial = table.iloc[0], table.iloc[1]
        assert model["desks"] > binomial["desks"] + 10
        assert model["lower"] > binomial["upper"]
        assert model["sd_attendance"] > 2 * binomial["sd_attendance"]
        assert model["lower"] <= true_desks <= model["upper"]


def test_compare_adds_the_poisson_binomial_row():
    daily, _ = simulate_occupancy("2024-01-01", "2024-12-31", 100, WEEK, seed=2)
    p = office.weekday_onsite_probability(np.full(100, 2.75), WEEK)[:, 1]
    table = compare_desk_models(fit_attendance(daily), 100, onsite_probability=p, n_sim=200, seed=1)
    row = table.iloc[2]
    assert row["model"].startswith("poisson-binomial")
    assert row["desks"] == office.attendance_quantile(p, 0.95)
    with pytest.raises(ValueError, match="exceeds the headcount"):
        compare_desk_models(fit_attendance(daily), 10, n_sim=50)
