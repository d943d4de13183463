r"""Uptake from a staff survey: an ordered logit of desired home days, predicted for all staff.

A survey asks each respondent how many days a week (0–5) they would like to work from home.
The answer is an ordered outcome; the proportional-odds (ordered logit) model

.. math::
    P(Y_i \le k) = F(c_k - x_i'\beta), \qquad k = 0, \dots, 4, \quad
    F(z) = 1 / (1 + e^{-z}),

(:data:`UPTAKE_FORMULA`) is fitted with statsmodels' ``OrderedModel``. Its predictions give
every employee, respondent or not, a distribution over 0–5 desired home days and its mean;
:func:`add_wanted_days` puts that on the Workforce so that a
:class:`~remotecalc.Scenario` with ``wanted_days_column`` caps the days each employee takes
at what they want, instead of one assumed uptake share for all.

Survey weights (inverse response or selection probabilities) are supported by weighted
pseudo-maximum likelihood: ``OrderedModel`` has no weights argument, so
:class:`SurveyOrderedModel` is a small subclass that weights each respondent's
log-likelihood and score.

References
----------
McCullagh, P. (1980). Regression models for ordinal data. Journal of the Royal Statistical
Society B 42(2), 109–142.

Binder, D. A. (1983). On the variances of asymptotically normal estimators from complex
surveys. International Statistical Review 51(3), 279–292.

Skinner, C. J., Holt, D., & Smith, T. M. F. (eds.) (1989). Analysis of Complex Surveys.
Wiley, ch. 3 (pseudo-likelihood).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Mapping
from typing import Any, cast

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import special, stats
from statsmodels.miscmodels.ordinal_model import OrderedModel
from statsmodels.tools.numdiff import approx_fprime

from remotecalc._numeric import Numeric
from remotecalc.errors import StaffingError
from remotecalc.i18n.notes import Note
from remotecalc.inputs.workforce import Workforce

__all__ = [
    "HOME_DAYS",
    "UPTAKE_FORMULA",
    "WEIGHTS_KINDS",
    "SurveyOrderedModel",
    "add_wanted_days",
    "fit_uptake",
    "predict_home_days",
]

#: Ordered logit of the desired home days a week (0–5).
UPTAKE_FORMULA = "home_days_wanted ~ commute_minutes_one_way + teleworkable + caring + C(role)"

#: The answers a survey can give: home days a week. [days/week]
HOME_DAYS = (0, 1, 2, 3, 4, 5)

# Convergence tolerance of BFGS on the gradient of the mean log-likelihood: tight enough
# that estimates agree to about 1e-6 with a Newton solution.
_GTOL = 1e-7

#: Kinds of survey weights -> covariance of the estimates (see :func:`fit_uptake`).
WEIGHTS_KINDS = {"sampling": "HC0", "frequency": "nonrobust"}


class SurveyOrderedModel(OrderedModel):
    r"""statsmodels ``OrderedModel`` with respondent weights.

    Parameters
    ----------
    endog, exog, offset, distr
        As ``OrderedModel``.
    weights : array-like, optional
        Positive weight of each observation; default all 1 (then the model is
        ``OrderedModel`` itself).

    Notes
    -----
    The weighted log-likelihood :math:`\sum_i w_i \ell_i(\theta)` is maximised. The score is
    analytic (for both the slopes and the exponentially-incremented thresholds of
    ``OrderedModel``), with :math:`c_0 = \theta_0`,
    :math:`c_j = \theta_0 + \sum_{l \le j} e^{\theta_l}`:

    .. math::
        \frac{\partial \ell_i}{\partial \beta} = -\frac{f(u_i) - f(l_i)}{P_i} x_i, \qquad
        \frac{\partial \ell_i}{\partial \theta_l} =
        \frac{f(u_i)\,\partial c_{y_i}/\partial\theta_l
              - f(l_i)\,\partial c_{y_i - 1}/\partial\theta_l}{P_i},

    :math:`u_i = c_{y_i} - x_i'\beta`, :math:`l_i = c_{y_i-1} - x_i'\beta`,
    :math:`P_i = F(u_i) - F(l_i)`. For the logit the distribution function is
    ``scipy.special.expit`` (fast); the Hessian is the numerical derivative of the analytic
    score. ``score_obs`` returns :math:`w_i s_i`, so ``cov_type="HC0"`` gives the
    pseudo-likelihood sandwich :math:`H^{-1} (\sum_i w_i^2 s_i s_i') H^{-1}`.
    """

    def __init__(
        self, endog, exog, weights: Any = None, offset=None, distr="logit", **kwds
    ) -> None:
        super().__init__(endog, exog, offset=offset, distr=distr, **kwds)
        if weights is None:
            weights = np.ones(self.nobs)
        weights = np.asarray(weights, dtype=float).ravel()
        if weights.shape != (self.nobs,):
            raise ValueError(f"weights has {weights.size} values for {self.nobs} observations")
        if not np.all(np.isfinite(weights) & (weights > 0)):
            raise ValueError("weights must be positive and finite")
        self.weights = weights
        self._init_keys.append("weights")

    def _is_logit(self) -> bool:
        return self.distr is stats.logistic

    def cdf(self, x: Numeric) -> Numeric:
        """Distribution function of the latent error (``expit`` for the logit)."""
        return special.expit(x) if self._is_logit() else super().cdf(x)

    def pdf(self, x: Numeric) -> Numeric:
        """Density of the latent error."""
        if self._is_logit():
            e = special.expit(x)
            return e * (1.0 - e)
        return super().pdf(x)

    @property
    def start_params(self) -> np.ndarray:
        """Zero slopes and the thresholds of the weighted marginal frequencies."""
        freq = np.bincount(self.endog, weights=self.weights, minlength=self.k_levels)
        start_ppf = self.distr.ppf(np.clip((freq / freq.sum()).cumsum(), 0, 1))
        start_threshold = self.transform_reverse_threshold_params(start_ppf)
        return np.concatenate((np.zeros(self.k_vars), start_threshold))

    def loglikeobs(self, params: ArrayLike) -> np.ndarray:
        """Weighted log-likelihood of each observation, :math:`w_i \\ell_i`."""
        return self.weights * super().loglikeobs(params)

    def score_obs(self, params: ArrayLike) -> np.ndarray:
        """Weighted score of each observation, :math:`w_i s_i` (analytic)."""
        params = np.asarray(params, dtype=float)
        low, upp = self._bounds(params)
        prob = np.maximum(self.prob(low, upp), 1e-300)
        f_low, f_upp = self.pdf(low), self.pdf(upp)
        n_th = self.k_levels - 1
        theta = params[-n_th:]
        step = np.concatenate(([1.0], np.exp(theta[1:])))  # d c_j / d theta_l, l <= j
        level = np.arange(n_th)[None, :]
        y = np.asarray(self.endog)[:, None]
        d_upp = np.where(level <= y, step[None, :], 0.0)  # c_y: l <= y
        d_low = np.where(level <= y - 1, step[None, :], 0.0)  # c_{y-1}: l <= y - 1
        s_beta = (
            (-(f_upp - f_low) / prob)[:, None] * np.asarray(self.exog, dtype=float)
            if self.k_vars
            else np.zeros((self.nobs, 0))
        )
        s_theta = (f_upp[:, None] * d_upp - f_low[:, None] * d_low) / prob[:, None]
        return self.weights[:, None] * np.column_stack((s_beta, s_theta))

    def score(self, params: ArrayLike) -> np.ndarray:
        """Weighted score (gradient of the weighted log-likelihood)."""
        return self.score_obs(params).sum(axis=0)

    def hessian(self, params: ArrayLike) -> np.ndarray:
        """Hessian of the weighted log-likelihood: numerical derivative of the score."""
        params = np.asarray(params, dtype=float)
        key = params.tobytes()
        if getattr(self, "_hessian_cache", (None,))[0] != key:  # fit asks twice at the end
            h = approx_fprime(params, self.score, centered=True)
            self._hessian_cache = (key, (h + h.T) / 2.0)
        return self._hessian_cache[1].copy()


def _formula_columns(formula: str, columns) -> list[str]:
    tokens = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", formula))
    return [c for c in columns if c in tokens]


def fit_uptake(
    survey: pd.DataFrame,
    weights: Any = None,
    *,
    formula: str = UPTAKE_FORMULA,
    weights_kind: str = "sampling",
    distr: str = "logit",
    maxiter: int = 1000,
) -> Any:
    r"""Fit the ordered logit of desired home days to a staff survey.

    Parameters
    ----------
    survey : pandas.DataFrame
        One row per respondent with the outcome (``home_days_wanted``: 0–5 [days/week]) and
        the covariates of ``formula`` (default: ``commute_minutes_one_way`` [min],
        ``teleworkable`` [share], ``caring`` (0/1), ``role``). Rows with a missing value in
        any of them are left out (``results.model.nobs`` counts those used).
    weights : str or array-like, optional
        Survey weights: a column of ``survey`` or one value per row.
    formula : str, default :data:`UPTAKE_FORMULA`
        Any intercept is removed (``OrderedModel``'s thresholds play its part).
    weights_kind : {'sampling', 'frequency'}, default 'sampling'
        What the weights mean, which decides the standard errors (:data:`WEIGHTS_KINDS`).
        ``'sampling'``: inverse probabilities of selection or response (rescaled to mean
        1); the estimates maximise the weighted (pseudo-)likelihood and the covariance is the
        sandwich :math:`H^{-1}(\sum_i w_i^2 s_i s_i')H^{-1}` (``cov_type="HC0"``; Binder 1983),
        which does not depend on the weights' scale and treats respondents as independent draws
        (no strata, clusters or finite-population correction). ``'frequency'``: each row
        stands for :math:`w_i` identical respondents; the covariance is the inverse weighted
        information, exactly as if the rows were repeated.
    distr : {'logit', 'probit'}, default 'logit'
    maxiter : int, default 1000

    Returns
    -------
    statsmodels.miscmodels.ordinal_model.OrderedResults
        statsmodels' own results (of a :class:`SurveyOrderedModel`): ``.summary()``,
        ``.params`` (slopes, then the first threshold and the logs of the increments between
        thresholds), ``.predict(frame)``. Without weights the covariance is the inverse
        observed information, as ``OrderedModel``'s.

    Raises
    ------
    remotecalc.StaffingError
        An answer that is not a whole number of days from 0 to 5, naming the row (numbered
        from 1) and value.

    Notes
    -----
    Only the answers given get a threshold: if nobody wants, say, 5 days the model has
    levels 0–4 and predicts 0 for 5 days.

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> from remotecalc.estimation.synthetic import simulate_survey
    >>> survey, truth = simulate_survey(demo_workforce(600, seed=1), seed=2)
    >>> res = fit_uptake(survey)
    >>> res.params.index[:2].tolist(), bool(res.params["teleworkable"] > 0)
    (['C(role)[T.clerical]', 'C(role)[T.manager]'], True)
    """
    if weights_kind not in WEIGHTS_KINDS:
        raise ValueError(f"weights_kind must be one of {', '.join(WEIGHTS_KINDS)}")
    outcome = formula.split("~")[0].strip()
    if outcome not in survey.columns:
        raise StaffingError(
            f"the survey has no column '{outcome}' (the outcome of the formula "
            f"'{formula}'); its columns: {', '.join(map(str, survey.columns))}"
        )
    used = _formula_columns(formula, survey.columns)
    missing_cols = sorted(
        set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", formula.split("~")[1]))
        - set(survey.columns)
        - {"C", "np", "I", "Q", "Treatment", "Sum", "log", "log1p", "sqrt", "exp"}
    )
    if missing_cols:
        raise StaffingError(
            f"the survey lacks column(s) {', '.join(missing_cols)} used by the formula '{formula}'"
        )
    if isinstance(weights, str):
        w = survey[weights].to_numpy(dtype=float)
    elif weights is not None:
        w = np.asarray(weights, dtype=float).ravel()
        if w.size != len(survey):
            raise ValueError(f"weights has {w.size} values for {len(survey)} survey rows")
    else:
        w = None
    y = pd.to_numeric(survey[outcome], errors="coerce")
    bad = survey[outcome].notna().to_numpy() & ~(y.notna() & y.isin(HOME_DAYS)).to_numpy()
    if bad.any():
        rows = np.flatnonzero(bad)
        problems = pd.DataFrame(
            {
                "file": "<DataFrame>",
                "row": rows + 1,
                "column": outcome,
                "value": survey[outcome].astype("string").to_numpy()[rows],
                "problem": "expected a whole number of days from 0 to 5",
            }
        )
        shown = "; ".join(
            f"row {r}: '{v}'"
            for r, v in zip(problems["row"].head(10), problems["value"].head(10), strict=True)
        )
        raise StaffingError(
            f"<DataFrame>: {bad.sum()} survey answer(s) in '{outcome}' are not "
            f"whole numbers of home days from 0 to 5 (rows numbered from 1): "
            f"{shown}",
            problems=problems,
        )
    complete = survey[used].notna().all(axis=1).to_numpy()
    if w is not None:
        if np.any(~np.isfinite(w[complete]) | (w[complete] <= 0)):
            raise ValueError("survey weights must be positive and finite")
        w = w[complete]
        if weights_kind == "sampling":  # scale-free: estimates and sandwich do not change
            w = w / w.mean()
    data = survey.loc[complete, used].copy()
    levels = sorted(int(v) for v in pd.unique(y[complete]))
    if len(levels) < 2:
        raise ValueError("the survey answers take fewer than two values; nothing to model")
    data[outcome] = pd.Categorical(y[complete].astype(int), categories=levels, ordered=True)
    model = SurveyOrderedModel.from_formula(formula, data, weights=w, distr=distr)
    cov_type = "nonrobust" if w is None else WEIGHTS_KINDS[weights_kind]
    return model.fit(method="bfgs", maxiter=maxiter, gtol=_GTOL, disp=False, cov_type=cov_type)


def _design(results, frame: pd.DataFrame) -> np.ndarray:
    # statsmodels' own transformation of new data for predict() (patsy or formulaic).
    exog, _ = results._transform_predict_exog(frame)
    return np.asarray(exog, dtype=float)


def _level_probabilities(model, params: np.ndarray, X: np.ndarray) -> np.ndarray:
    """P(Y = level) for rows of X (n, k) and parameter rows (R, p) -> (R, n, levels)."""
    params = np.atleast_2d(params)
    n_th = model.k_levels - 1
    beta, theta = params[:, :-n_th], params[:, -n_th:]
    cuts = np.concatenate([theta[:, :1], np.exp(theta[:, 1:])], axis=1).cumsum(axis=1)
    xb = beta @ X.T  # (R, n)
    cum = model.cdf(cuts[:, None, :] - xb[:, :, None])  # (R, n, K-1)
    cum = np.concatenate(
        [np.zeros(cum.shape[:2] + (1,)), cum, np.ones(cum.shape[:2] + (1,))], axis=2
    )
    return np.maximum(np.diff(cum, axis=2), 0.0)


def _home_day_matrix(model, probs: np.ndarray) -> np.ndarray:
    """Spread probabilities over the fitted levels onto columns 0..5 (unused levels 0)."""
    labels = np.asarray(model.labels, dtype=float).astype(int)
    out = np.zeros(probs.shape[:-1] + (len(HOME_DAYS),))
    out[..., labels] = probs
    return out


def predict_home_days(
    results: Any,
    staff: pd.DataFrame | Workforce,
    *,
    average_over: Mapping | None = None,
    interval: float | None = None,
    n_sim: int = 1000,
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    r"""Each employee's distribution of desired home days and its mean, from a fitted survey.

    Parameters
    ----------
    results : OrderedResults
        From :func:`fit_uptake`.
    staff : pandas.DataFrame or Workforce
        Employees with the covariates of the formula.
    average_over : mapping, optional
        For covariates the staff data lack (or lack for some employees), the distribution to
        average the prediction over, e.g. ``{"caring": {0: 0.7, 1: 0.3}}`` (weights are
        normalised). Averaging the probabilities, not plugging in a mean, is what the model
        implies for an unknown covariate.
    interval : float, optional
        If given (e.g. 0.95), add ``expected_home_days_lower``/``_upper``: percentiles of the
        expected days over draws of the estimates from their asymptotic normal distribution.
    n_sim : int, default 1000
        Draws for ``interval``.
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    pandas.DataFrame
        Index of ``staff``; ``employee_id`` (when present), ``expected_home_days``
        :math:`\sum_k k\,P(Y = k)` [days/week] and ``p_0`` .. ``p_5`` [-]. Employees with a
        missing covariate that is not averaged over get NaN.

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> from remotecalc.estimation.synthetic import simulate_staff_covariates, simulate_survey
    >>> wf = simulate_staff_covariates(demo_workforce(600, seed=1), seed=2)
    >>> survey, _ = simulate_survey(wf, seed=3)
    >>> pred = predict_home_days(fit_uptake(survey), wf.staff.drop(columns="caring"),
    ...                          average_over={"caring": {0: 0.7, 1: 0.3}})
    >>> bool(np.allclose(pred.filter(like="p_").sum(axis=1), 1.0))
    True
    """
    staff = staff.staff if isinstance(staff, Workforce) else staff
    model = results.model
    average_over = {k: dict(v) for k, v in (average_over or {}).items()}
    needed = _formula_columns(model.formula.split("~")[1], set(staff.columns) | set(average_over))
    rhs_names = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", model.formula.split("~")[1]))
    data_cols = list(model.data.frame.columns)
    absent = sorted(
        c for c in data_cols if c in rhs_names and c not in staff.columns and c not in average_over
    )
    if absent:
        raise KeyError(
            f"the staff data lack column(s) {', '.join(absent)} that the uptake "
            "model uses; add them or pass average_over={column: {value: share}}"
        )
    frame = staff.reindex(columns=needed).copy()
    # a boolean Series, then (below) its array
    known: Any = frame.drop(columns=list(average_over), errors="ignore").notna().all(axis=1)
    fitted = model.data.frame
    for col in needed:  # a category the survey never saw cannot be predicted
        if (
            col in fitted.columns
            and col not in average_over
            and not pd.api.types.is_numeric_dtype(fitted[col])
        ):
            seen = set(fitted[col].astype(str))
            known &= frame[col].isna() | frame[col].astype(str).isin(seen)
    known = known.to_numpy()
    params = np.asarray(results.params, dtype=float)
    draws = None
    if interval is not None:
        rng = np.random.default_rng(seed)
        draws = rng.multivariate_normal(
            params, np.asarray(results.cov_params(), dtype=float), size=n_sim, method="cholesky"
        )

    combos = (
        [()]
        if not average_over
        else list(itertools.product(*[list(v.items()) for v in average_over.values()]))
    )
    probs = np.zeros((int(known.sum()), len(HOME_DAYS)))
    draw_days = np.zeros((n_sim, int(known.sum()))) if draws is not None else None
    total = 0.0
    rows = frame.loc[known]
    for combo in combos:
        weight = float(np.prod([share for _, share in combo])) if combo else 1.0
        filled = rows.copy()
        for col, (value, _) in zip(average_over, combo, strict=True):
            current = filled[col] if col in filled else pd.Series(np.nan, index=filled.index)
            filled[col] = current.where(current.notna(), value)
        X = _design(results, filled)
        p = _home_day_matrix(model, _level_probabilities(model, params, X)[0])
        probs += weight * p
        if draws is not None:
            pd_ = _home_day_matrix(model, _level_probabilities(model, draws, X))
            draw_days += weight * (pd_ @ np.asarray(HOME_DAYS, dtype=float))
        total += weight
    probs /= total
    out = pd.DataFrame(
        np.nan, index=staff.index, columns=["expected_home_days", *[f"p_{k}" for k in HOME_DAYS]]
    )
    out.loc[known, [f"p_{k}" for k in HOME_DAYS]] = probs
    out.loc[known, "expected_home_days"] = probs @ np.asarray(HOME_DAYS, dtype=float)
    if draw_days is not None:  # drawn only when interval is given
        tail = (1.0 - cast(float, interval)) / 2.0
        lo, hi = np.quantile(draw_days / total, [tail, 1.0 - tail], axis=0)
        out["expected_home_days_lower"] = np.nan
        out["expected_home_days_upper"] = np.nan
        out.loc[known, "expected_home_days_lower"] = lo
        out.loc[known, "expected_home_days_upper"] = hi
    if "employee_id" in staff.columns:
        out.insert(0, "employee_id", staff["employee_id"].to_numpy())
    return out


def add_wanted_days(
    workforce: Workforce,
    results: Any,
    column: str = "wanted_remote_days",
    *,
    granted: float | None = None,
    average_over: Mapping | None = None,
) -> Workforce:
    r"""A new Workforce with each employee's predicted desired home days as a staff column.

    Parameters
    ----------
    workforce : Workforce
    results : OrderedResults
        From :func:`fit_uptake`.
    column : str, default "wanted_remote_days"
        Name of the new column; pass it to ``Scenario(wanted_days_column=...)``.
    granted : float, optional
        The remote days a week the scenario grants. ``None``: the column holds the expected
        desired days :math:`E[Y_i]`. A number :math:`g`: it holds
        :math:`E[\min(Y_i, g)] = \sum_k P(Y_i = k)\min(k, g)`, the expected days taken when
        :math:`g` are granted, which is what the scenario's cap
        :math:`\min(g, 5t_i, \cdot)` needs to be exact for employees whose teleworkability
        allows :math:`g` days (:math:`\min(g, E[Y]) \ge E[\min(g, Y)]` overstates take-up).
        [days/week]
    average_over : mapping, optional
        See :func:`predict_home_days`.

    Returns
    -------
    Workforce
        ``dataclasses.replace`` of ``workforce`` with the new column [days/week] (NaN, i.e.
        no cap, where a covariate is missing) and a note.

    Examples
    --------
    >>> from remotecalc import Scenario, assess
    >>> from remotecalc.datasets import demo_workforce
    >>> from remotecalc.estimation.synthetic import simulate_staff_covariates, simulate_survey
    >>> wf = simulate_staff_covariates(demo_workforce(600, seed=1), seed=2)
    >>> survey, _ = simulate_survey(wf, seed=3)
    >>> wf2 = add_wanted_days(wf, fit_uptake(survey), granted=3)
    >>> sc = Scenario(name="3 days, survey", remote_days_per_week=3,
    ...               wanted_days_column="wanted_remote_days")
    >>> bool(assess(wf2, sc).per_employee["onsite_days_per_week_scenario"].min() >= 2.0)
    True
    """
    pred = predict_home_days(results, workforce.staff, average_over=average_over)
    probs = pred[[f"p_{k}" for k in HOME_DAYS]].to_numpy()
    days = np.asarray(HOME_DAYS, dtype=float)
    if granted is None:
        value, what = probs @ days, Note("wanted_days_desired")
    else:
        value = probs @ np.minimum(days, float(granted))
        what = Note("wanted_days_taken", granted=float(granted))
    n_missing = int(np.isnan(value).sum())
    note = Note(
        "wanted_days_predicted",
        column=str(column),
        what=what,
        model=str(results.model.distr.name),
        n=int(results.nobs),
        missing=Note("wanted_days_missing", n=n_missing) if n_missing else "",
    )
    staff = workforce.staff.assign(**{column: value})
    return dataclasses.replace(workforce, staff=staff, notes=[*workforce.notes, note])
