"""Rebound of home working: extra home energy, extra non-commute travel, ICT, and the long run.

The two rebound terms are kept apart so that each can be switched off on its own (set its
inputs to zero): home energy per home day, and non-commute travel per home day, by default in
the commuter's own mode (:func:`rebound_per_km`; a fixed mode mix is the option). A third,
small term covers ICT use per working day. Two long-run terms, off in the short-run parameter
sets, complete it: employees who become hybrid move farther from work
(:func:`moved_one_way_km`), and part of the remote days is spent at a third place with its
own trip (:func:`third_place_km_per_year`).

Home energy is counted on every home day, whatever the commute mode: for a cyclist or a
walker, whose commute and (own-mode) rebound trips emit nothing, it is the only term of the
rebound that can make the net change positive, and it is reported on its own
(``home_energy_co2e_kg``).

Pure, vectorised functions: scalars, NumPy arrays or pandas Series in, the same kind out (a
Series keeps its index).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from remotecalc._numeric import Numeric

__all__ = [
    "HomeEnergy",
    "home_energy_co2e_kg_per_year",
    "home_energy_kwh_per_year",
    "homeworking_co2e_kg_per_year",
    "homeworking_fte_hours_per_year",
    "ict_co2e_kg_per_year",
    "moved_one_way_km",
    "moved_share_after_years",
    "noncommute_co2e_kg_per_year",
    "noncommute_km_per_year",
    "rebound_km_per_year",
    "rebound_per_km",
    "third_place_km_per_year",
]


class HomeEnergy(NamedTuple):
    """Extra home energy per year; a tuple ``(electricity_kwh, heat_kwh)``."""

    electricity_kwh: object
    """Extra electricity at home. [kWh/yr]"""
    heat_kwh: object
    """Extra heat at home (the heating-season share already applied). [kWh/yr]"""


def home_energy_kwh_per_year(
    home_days_per_year: Numeric,
    extra_electricity_kwh_per_day: Numeric,
    extra_heat_kwh_per_day: Numeric,
    heating_season_share: Numeric,
) -> HomeEnergy:
    r"""Extra electricity and heat used at home on home-working days.

    Parameters
    ----------
    home_days_per_year : numeric
        Home-working days per year, ``H``. [days/yr]
    extra_electricity_kwh_per_day : numeric
        Extra electricity on a home day (equipment, light, cooking). [kWh/day]
    extra_heat_kwh_per_day : numeric
        Extra heat on a home day in the heating season. [kWh/day]
    heating_season_share : numeric
        Share of home days that fall in the heating season, 0 to 1. [-]

    Returns
    -------
    HomeEnergy
        ``(electricity_kwh, heat_kwh)``, each numeric. [kWh/yr]

    Notes
    -----
    .. math::
        E_\text{el} = H \, e_\text{el}, \qquad
        E_\text{heat} = H \, e_\text{heat} \, s_\text{season}

    References
    ----------
    IEA (2020). Working from home can save energy and reduce emissions. But how much?
    International Energy Agency, Paris.

    Examples
    --------
    >>> el, heat = home_energy_kwh_per_year(100.0, 0.25, 6.0, 0.6)
    >>> round(el, 6), round(heat, 6)
    (25.0, 360.0)
    """
    return HomeEnergy(
        home_days_per_year * extra_electricity_kwh_per_day,
        home_days_per_year * extra_heat_kwh_per_day * heating_season_share,
    )


def home_energy_co2e_kg_per_year(
    home_days_per_year: Numeric,
    extra_electricity_kwh_per_day: Numeric,
    extra_heat_kwh_per_day: Numeric,
    heating_season_share: Numeric,
    electricity_co2e_kg_per_kwh: Numeric,
    heat_co2e_kg_per_kwh: Numeric,
    co2e_kg_per_fte_hour: Numeric = 0.0,
    hours_per_workday: Numeric = 7.4,
) -> Numeric:
    r"""Emissions of the extra home energy on home-working days.

    Two routes, which add up: extra kWh times carrier factors (the IEA-style route), and a
    flat factor per working hour at home (the UK DESNZ homeworking route). Use one of them:
    the DESNZ factor already covers equipment and heating, so set the kWh inputs to zero
    when ``co2e_kg_per_fte_hour`` is used, or leave it at 0 when the kWh route is used.

    Parameters
    ----------
    home_days_per_year : numeric
        Home-working days per year, ``H``. [days/yr]
    extra_electricity_kwh_per_day : numeric
        Extra electricity on a home day. [kWh/day]
    extra_heat_kwh_per_day : numeric
        Extra heat on a home day in the heating season. [kWh/day]
    heating_season_share : numeric
        Share of home days in the heating season, 0 to 1. [-]
    electricity_co2e_kg_per_kwh : numeric
        Grid electricity factor. [kg CO2e/kWh]
    heat_co2e_kg_per_kwh : numeric
        Factor of the home's heat (district heating, gas, ...). [kg CO2e/kWh]
    co2e_kg_per_fte_hour : numeric, default 0.0
        Homeworking factor per full-time-equivalent working hour at home (DESNZ 2025:
        0.33378, equipment 0.03144 + heating 0.30234). [kg CO2e/h]
    hours_per_workday : numeric, default 7.4
        Working hours in a full working day (37 h / 5). [h/day]

    Returns
    -------
    numeric
        Extra emissions at home. [kg CO2e/yr]

    Notes
    -----
    .. math::
        E = H\,(e_\text{el}\,g_\text{el} + e_\text{heat}\,g_\text{heat}\,s_\text{season})
            + H \, h_\text{day} \, g_\text{hour}

    A home day of a part-timer is still a full working day (``H`` already carries the FTE,
    see :func:`remotecalc.formulas.commute.home_days_per_year`), so the per-hour route multiplies by
    full-day hours.

    References
    ----------
    IEA (2020). Working from home can save energy and reduce emissions. But how much?

    UK Department for Energy Security and Net Zero (2025). Greenhouse gas reporting:
    conversion factors 2025, homeworking.

    Examples
    --------
    >>> round(home_energy_co2e_kg_per_year(100.0, 0.25, 6.0, 0.6, 0.135, 0.0878), 4)
    34.983
    >>> round(home_energy_co2e_kg_per_year(100.0, 0.0, 0.0, 0.6, 0.135, 0.0878,
    ...                                    co2e_kg_per_fte_hour=0.33378), 4)
    246.9972
    """
    electricity_kwh, heat_kwh = home_energy_kwh_per_year(
        home_days_per_year,
        extra_electricity_kwh_per_day,
        extra_heat_kwh_per_day,
        heating_season_share,
    )
    return (
        electricity_kwh * electricity_co2e_kg_per_kwh
        + heat_kwh * heat_co2e_kg_per_kwh
        + homeworking_co2e_kg_per_year(
            homeworking_fte_hours_per_year(home_days_per_year, hours_per_workday),
            co2e_kg_per_fte_hour,
        )
    )


def homeworking_fte_hours_per_year(
    home_days_per_year: Numeric, hours_per_workday: Numeric
) -> Numeric:
    r"""Full-time-equivalent working hours worked at home per year.

    Parameters
    ----------
    home_days_per_year : numeric
        Home-working days per year, ``H``; already scaled by the employee's FTE
        (:func:`remotecalc.formulas.commute.home_days_per_year`). [days/yr]
    hours_per_workday : numeric
        Working hours in a full working day (e.g. 37 h / 5 = 7.4). [h/day]

    Returns
    -------
    numeric
        FTE working hours at home. [FTE-h/yr]

    Notes
    -----
    .. math:: T = H \, h_\text{day}

    Because ``H`` carries the FTE, ``T`` is in full-time-equivalent hours: a half-time
    employee's home day counts as a full day of a half-time worker's year, i.e. half the
    hours of a full-timer's year. Additive over employees.

    Examples
    --------
    >>> round(homeworking_fte_hours_per_year(86.4, 7.4), 6)
    639.36
    """
    return home_days_per_year * hours_per_workday


def homeworking_co2e_kg_per_year(
    fte_hours_at_home_per_year: Numeric, co2e_kg_per_fte_hour: Numeric
) -> Numeric:
    r"""Homeworking emissions by the UK DESNZ method: FTE working hours at home × factor.

    The average-data route of the UK government's GHG conversion factors: one factor per
    full-time-equivalent working hour at home, covering office equipment and heating,
    applied to the hours worked at home. It needs no home energy data, and is the route
    climate accounts use for teleworking in GHG Protocol Scope 3 Category 7
    (:func:`remotecalc.outputs.climate.climate_account`).

    Parameters
    ----------
    fte_hours_at_home_per_year : numeric
        FTE working hours at home, :func:`homeworking_fte_hours_per_year`. [FTE-h/yr]
    co2e_kg_per_fte_hour : numeric
        Homeworking factor per FTE working hour (DESNZ 2025: 0.33378 = office equipment
        0.03144 + heating 0.30234). [kg CO2e/FTE-h]

    Returns
    -------
    numeric
        Homeworking emissions. [kg CO2e/yr]

    Notes
    -----
    .. math:: E = T \, g_\text{hour}

    The factor is gross, not net of the office: it is the home's energy for work. Office
    energy is counted by the office metrics, commuting by the commute metrics.

    References
    ----------
    UK Department for Energy Security and Net Zero (2025). Greenhouse gas reporting:
    conversion factors 2025, flat file, "Homeworking", "Homeworking (office equipment +
    heating)", per FTE Working Hour, 0.33378 kg CO2e (ID 32_603_9999_12_1).

    Examples
    --------
    100 FTE-years of 225 days × 7.5 h, a fifth of them at home, with the DESNZ 2025 factor:

    >>> round(homeworking_co2e_kg_per_year(100 * 225 * 7.5 / 5, 0.33378), 4)
    11265.075
    """
    return fte_hours_at_home_per_year * co2e_kg_per_fte_hour


def noncommute_km_per_year(
    one_way_km: Numeric,
    home_days_per_year: Numeric,
    share_of_avoided_km: Numeric,
    km_per_home_day: Numeric,
) -> Numeric:
    r"""Extra non-commute travel caused by home-working days.

    Errands and trips that were combined with the commute, a midday drive, and so on.

    Parameters
    ----------
    one_way_km : numeric
        One-way commute distance. [km]
    home_days_per_year : numeric
        Home-working days per year, ``H``. [days/yr]
    share_of_avoided_km : numeric
        Extra travel as a share of the commute km a home day avoids, e.g. 0.25 for the
        ADEME 25 % rebound. [-]
    km_per_home_day : numeric
        Extra travel per home day, independent of the commute distance. [km/day]

    Returns
    -------
    numeric
        Non-commute travel caused by home working. [passenger-km/yr]

    Notes
    -----
    .. math::
        \text{km} = H \, (r \times 2 \times \text{one\_way\_km} + k_\text{day})

    The term is defined per home day, not per avoided day, so that baseline and scenario are
    computed by this same function and the change is their difference,
    :math:`\Delta H (2 r\, \text{one\_way\_km} + k_\text{day})`: with ``r`` alone that is
    exactly the share ``r`` of the commute km the scenario avoids. A baseline with home days
    carries its own rebound, which the difference removes.

    References
    ----------
    ADEME / datagir (2020). Télétravail simulator (avoided commute emissions with a 25 %
    rebound). Hook, Court, Sovacool & Sorrell (2020), Environmental Research Letters 15
    093003.

    Examples
    --------
    >>> round(noncommute_km_per_year(20.0, 100.0, 0.25, 0.0), 6)
    1000.0
    >>> round(noncommute_km_per_year(20.0, 100.0, 0.0, 3.0), 6)
    300.0
    """
    return rebound_km_per_year(
        2.0 * one_way_km * home_days_per_year,
        home_days_per_year,
        share_of_avoided_km,
        km_per_home_day,
    )


def rebound_km_per_year(
    home_day_commute_km: Numeric,
    home_days_per_year: Numeric,
    share_of_avoided_km: Numeric,
    km_per_home_day: Numeric,
) -> Numeric:
    r"""Extra non-commute travel from its building blocks (additive over employees).

    Parameters
    ----------
    home_day_commute_km : numeric
        Round-trip commute km not travelled on home days, :math:`2 d H`. [km/yr]
    home_days_per_year : numeric
        Home-working days, ``H``. [days/yr]
    share_of_avoided_km, km_per_home_day : numeric
        As in :func:`noncommute_km_per_year`.

    Returns
    -------
    numeric
        Non-commute travel caused by home working. [passenger-km/yr]

    Notes
    -----
    .. math:: \text{km} = r K + k_\text{day} H, \qquad K = 2 d H

    Examples
    --------
    >>> rebound_km_per_year(4000.0, 100.0, 0.25, 3.0)
    1300.0
    """
    return share_of_avoided_km * home_day_commute_km + km_per_home_day * home_days_per_year


def _weighted_factor(mode_share, co2e_kg_per_pkm_by_mode):
    """Σ share × factor over the modes in ``mode_share``; a zero share needs no factor."""
    shares = (
        pd.Series(mode_share, dtype=float)
        if isinstance(mode_share, Mapping)
        else mode_share.astype(float)
    )
    factors = (
        pd.Series(co2e_kg_per_pkm_by_mode, dtype=float)
        if isinstance(co2e_kg_per_pkm_by_mode, Mapping)
        else co2e_kg_per_pkm_by_mode
    )
    factors = factors.reindex(shares.index).to_numpy(dtype=float)
    shares = shares.to_numpy(dtype=float)
    # a mode absent from the factors makes the result NaN, unless its share is 0
    return float(np.sum(np.where(shares == 0.0, 0.0, shares * factors)))


def noncommute_co2e_kg_per_year(
    noncommute_km_per_year: Numeric, mode_share: Numeric, co2e_kg_per_pkm_by_mode: Numeric
) -> Numeric:
    r"""Emissions of the extra non-commute travel, with its own mode mix.

    Parameters
    ----------
    noncommute_km_per_year : numeric
        Extra non-commute travel, see :func:`noncommute_km_per_year`. [passenger-km/yr]
    mode_share : pandas.Series or dict
        Share of the extra passenger-km by mode, indexed by mode; normally sums to 1. [-]
    co2e_kg_per_pkm_by_mode : pandas.Series or dict
        Emission factor by mode, indexed by mode. [kg CO2e/pkm]

    Returns
    -------
    numeric
        Emissions of the extra travel. [kg CO2e/yr]

    Notes
    -----
    .. math:: E = \text{km} \times \sum_m s_m f_m

    Shares and factors are matched by mode label. A mode with a positive share but no
    factor gives NaN (never a silent zero); a mode with share 0 needs no factor.

    Examples
    --------
    >>> import pandas as pd
    >>> share = pd.Series({"car": 0.5, "bicycle": 0.3, "walk": 0.2})
    >>> factor = pd.Series({"car": 0.14, "bicycle": 0.0, "walk": 0.0, "bus": 0.1})
    >>> round(noncommute_co2e_kg_per_year(1000.0, share, factor), 6)
    70.0
    """
    return noncommute_km_per_year * _weighted_factor(mode_share, co2e_kg_per_pkm_by_mode)


def ict_co2e_kg_per_year(working_days_per_year: Numeric, co2e_kg_per_workday: Numeric) -> Numeric:
    r"""Emissions of ICT use (devices, video calls, data) per year.

    Parameters
    ----------
    working_days_per_year : numeric
        Days to which the factor applies: working days ``D`` for an ICT footprint per
        working day, or home days ``H`` for a factor that is the extra ICT use of a home
        day. [days/yr]
    co2e_kg_per_workday : numeric
        ICT emissions per such day. [kg CO2e/day]

    Returns
    -------
    numeric
        ICT emissions. [kg CO2e/yr]

    Notes
    -----
    .. math:: E = D \times f_\text{ICT}

    Tao et al. (2023) found the ICT term small next to lifestyle and workplace changes.

    References
    ----------
    Tao, Y., Yang, L., Jaffe, S., Amini, F., Bergen, P., Hecht, B., & You, F. (2023).
    Climate mitigation potentials of teleworking are sensitive to changes in lifestyle and
    workplace rather than ICT usage. PNAS 120(39), e2304099120.
    https://doi.org/10.1073/pnas.2304099120

    Examples
    --------
    >>> round(ict_co2e_kg_per_year(172.8, 0.05), 6)
    8.64
    """
    return working_days_per_year * co2e_kg_per_workday


def rebound_per_km(own_per_km: Numeric, mix_per_km: Numeric, own_mode_share: Numeric) -> Numeric:
    r"""Emission factor (or cost) per km of the rebound trips: own mode and fixed mix blended.

    Parameters
    ----------
    own_per_km : numeric
        The factor of the commuter's own commute mode, e.g. [kg CO2e/pkm] or [currency/pkm].
    mix_per_km : numeric
        The same factor weighted by the fixed rebound mode mix
        (``rebound.noncommute_mode_share.*``).
    own_mode_share : numeric
        Share of the rebound km travelled in the commuter's own mode, 0 to 1
        (``rebound.noncommute_own_mode_share``). [-]

    Returns
    -------
    numeric
        Factor per km of the rebound trips, in the unit of the inputs.

    Notes
    -----
    .. math:: f_\text{rebound} = o\, f_\text{own} + (1 - o)\, f_\text{mix}

    With :math:`o = 1` (the default, ADEME's convention) the rebound trips go by the
    commuter's own mode. The change of a commuter's travel CO₂e (commute plus rebound trips,
    share-of-avoided-km route) is then :math:`-(1 - r)\, \Delta K f_\text{own} \le 0`
    (:math:`r \le 1` the share of avoided km, :math:`\Delta K` the commute km avoided):
    never positive, and exactly 0 for a cyclist or walker (:math:`f_\text{own} = 0`).
    With :math:`o = 0` every commuter's rebound trips use the fixed mix, which is mostly car:
    a teleworking cyclist's travel CO₂e then rises, and a train commuter's rebound can
    exceed the commute CO₂e it saved per km.

    References
    ----------
    ADEME & Greenworking (2020). Caractérisation des effets rebond induits par le
    télétravail. ADEME, Angers.

    Examples
    --------
    >>> rebound_per_km(0.0, 0.1, 1.0)  # a cyclist, own mode: nothing
    0.0
    >>> round(rebound_per_km(0.0, 0.1, 0.0), 6)  # a cyclist, fixed mix
    0.1
    >>> round(rebound_per_km(0.036, 0.1, 0.5), 6)
    0.068
    """
    return own_mode_share * own_per_km + (1.0 - own_mode_share) * mix_per_km


def third_place_km_per_year(
    home_days_per_year: Numeric, share_of_home_days: Numeric, one_way_km: Numeric
) -> Numeric:
    r"""Travel to third places (cafés, co-working spaces) on remote days.

    Parameters
    ----------
    home_days_per_year : numeric
        Remote (home-working) days, ``H``. [days/yr]
    share_of_home_days : numeric
        Share of remote days spent at a third place, :math:`\varphi`. [-]
    one_way_km : numeric
        One-way trip from home to the third place, :math:`k`. [km]

    Returns
    -------
    numeric
        Third-place travel. [passenger-km/yr]

    Notes
    -----
    .. math:: \text{km} = 2\, \varphi\, k\, H

    Linear in the home days, so baseline and scenario are computed by this one function and
    the change is :math:`2 \varphi k \Delta H`. The engine counts these trips with the
    commute, in the commuter's own mode (Caros, Guo & Zhao treat them as commutes);
    ignoring them understated commute emissions by 24 % in their Chicago study.

    References
    ----------
    Caros, N. S., Guo, X. & Zhao, J. (2022). The emerging spectrum of flexible work
    locations: implications for travel demand and carbon emissions. arXiv:2201.01281.

    Examples
    --------
    >>> round(third_place_km_per_year(80.0, 1 / 3, 4.0), 6)
    213.333333
    """
    return 2.0 * share_of_home_days * one_way_km * home_days_per_year


def moved_one_way_km(one_way_km: Numeric, growth_share: Numeric) -> Numeric:
    r"""One-way commute of an employee who became hybrid and moved home (the long run).

    Parameters
    ----------
    one_way_km : numeric
        One-way commute today, :math:`d`. [km]
    growth_share : numeric
        Relative increase of the commute after moving, :math:`g`. [-]

    Returns
    -------
    numeric
        :math:`d (1 + g)`. [km]

    Notes
    -----
    Applied by the engine only to employees who *become* hybrid under a scenario (under one
    home day a week today, at least one in the scenario), in the share of them who take the
    remote days up; the commutes of employees hybrid today are observed and already hold
    any move. Every quantity of a mover's commute (km, time, CO₂e, costs, the commuting
    deduction's bands, the rebound's avoided km) uses the moved distance.

    References
    ----------
    Böhnen, C. & Kuhnimhof, T. (2024). Working from home and commuter travel in Germany –
    panel data analysis of long-term effects. Transportation Research Part A 104257.
    doi:10.1016/j.tra.2024.104257

    Examples
    --------
    >>> round(moved_one_way_km(20.0, 0.15), 6)
    23.0
    """
    return one_way_km * (1.0 + growth_share)


def moved_share_after_years(annual_move_share: Numeric, years: Numeric) -> Numeric:
    r"""Share of a group who have moved home at least once after some years.

    Parameters
    ----------
    annual_move_share : numeric
        Chance that a person moves home in a year, :math:`m`. [share/yr]
    years : numeric
        Years since the change, :math:`t`. [yr]

    Returns
    -------
    numeric
        :math:`1 - (1 - m)^t`. [share]

    Notes
    -----
    The long-run growth of new hybrid workers' commutes appears only when they move
    (Böhnen & Kuhnimhof 2024: "years later when a change in commuting distance is
    pending"), so the engine weights movers by this share: the growth builds up over the
    years at the yearly moving rate instead of applying at once.

    Examples
    --------
    >>> round(moved_share_after_years(0.08, 1), 4), round(moved_share_after_years(0.08, 10), 4)
    (0.08, 0.5656)
    >>> moved_share_after_years(0.08, 0)
    0.0
    """
    out = 1.0 - np.power(1.0 - np.asarray(annual_move_share, dtype=float), years)
    return float(out) if np.ndim(out) == 0 else out
