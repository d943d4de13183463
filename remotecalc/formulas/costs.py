"""Costs of commuting and office use from three perspectives, and their present value.

* employee: travel cost (vehicle running cost or fares) and value of travel time;
* society: external costs per vehicle-km, and the fiscal effect of the commuting tax
  deduction where the parameter set has one (Danish befordringsfradrag);
* multi-year totals as a net present value at a stated discount rate.

Money is in the parameter set's currency throughout (``cost_per_year``). Pure, vectorised
functions: scalars, NumPy arrays or pandas Series in, the same kind out (a Series keeps its
index).
"""

from __future__ import annotations

import numpy as np

from remotecalc._numeric import Numeric
from remotecalc._numeric import like as _like

__all__ = [
    "PASS_WORKDAYS",
    "annuity_factor",
    "bridge_allowance_per_year",
    "commuting_deduction_per_year",
    "deduction_from_km",
    "deduction_km_per_year",
    "external_cost_per_year",
    "fare_days_per_year",
    "fare_per_trip",
    "fiscal_effect_per_year",
    "npv",
    "pass_break_even_share",
    "public_transport_fare_per_year",
    "running_cost_per_km",
    "split_outer_area_km",
    "travel_cost_per_year",
    "value_of_time_per_year",
]


def travel_cost_per_year(annual_pkm: Numeric, cost_per_pkm: Numeric) -> Numeric:
    r"""Employee's commuting cost per year (running cost of the vehicle, or fares).

    Parameters
    ----------
    annual_pkm : numeric
        Commute distance per year. [passenger-km/yr]
    cost_per_pkm : numeric
        Cost per passenger-km of the mode (e.g. the running-cost rate for a car driven
        alone, a fare per km for public transport). [currency/pkm]

    Returns
    -------
    numeric
        Travel cost. [currency/yr]

    Notes
    -----
    .. math:: C = \text{pkm} \times c

    Examples
    --------
    >>> round(travel_cost_per_year(4147.2, 2.23), 6)
    9248.256
    """
    return annual_pkm * cost_per_pkm


def running_cost_per_km(
    fuel_l_per_km: Numeric,
    fuel_price_per_l: Numeric,
    electricity_kwh_per_km: Numeric,
    electricity_price_per_kwh: Numeric,
    tyres_per_km: Numeric,
    maintenance_per_km: Numeric,
    depreciation_per_km: Numeric,
) -> Numeric:
    r"""What a car owner pays for one more km: the marginal running cost.

    Parameters
    ----------
    fuel_l_per_km : numeric
        Fuel used (0 for a battery-electric car). [l/vehicle-km]
    fuel_price_per_l : numeric
        Pump price, taxes included. [currency/l]
    electricity_kwh_per_km : numeric
        Electricity drawn from the grid (0 for a fuel car). [kWh/vehicle-km]
    electricity_price_per_kwh : numeric
        Household price of electricity (charging at home), taxes included. [currency/kWh]
    tyres_per_km, maintenance_per_km : numeric
        Tyre wear and the distance-related part of service and repairs. [currency/vehicle-km]
    depreciation_per_km : numeric
        The part of the car's loss of value that comes from driving more. [currency/vehicle-km]

    Returns
    -------
    numeric
        Marginal running cost. [currency/vehicle-km]

    Notes
    -----
    .. math:: c = f p_f + e p_e + c_\text{tyres} + c_\text{maint} + c_\text{depr}

    Insurance, registration tax, green owner tax and the part of depreciation that comes
    with age are not saved by driving less, so they are not in it. This is the money an
    employee saves per km not driven; it is not the tax deduction's rate (which covers
    fixed costs too, :func:`commuting_deduction_per_year`).

    Examples
    --------
    >>> round(running_cost_per_km(1 / 14.1, 14.49, 0.0, 2.1, 0.1, 0.2, 0.15), 4)  # petrol
    1.4777
    >>> round(running_cost_per_km(0.0, 14.49, 0.2, 2.1, 0.12, 0.1, 0.1), 4)  # electric
    0.74
    """
    return (
        fuel_l_per_km * fuel_price_per_l
        + electricity_kwh_per_km * electricity_price_per_kwh
        + tyres_per_km
        + maintenance_per_km
        + depreciation_per_km
    )


def fare_per_trip(one_way_km: Numeric, base_per_trip: Numeric, per_km: Numeric) -> Numeric:
    r"""Single fare of one public-transport trip, as a straight line through a zone tariff.

    Parameters
    ----------
    one_way_km : numeric
        Trip distance. [km]
    base_per_trip : numeric
        The line's value at 0 km. [currency/trip]
    per_km : numeric
        Added fare per km (the fare of one more zone / the zone's width). [currency/km]

    Returns
    -------
    numeric
        Single fare. [currency/trip]

    Notes
    -----
    .. math:: f(d) = a + b d

    Examples
    --------
    >>> round(fare_per_trip(18.0, 14.0, 1.27), 2)  # about 4 zones in DOT's tariff
    36.86
    """
    return base_per_trip + per_km * one_way_km


#: Working days in the 30 days a period pass is valid: 30 × 5 / 7. [days]
PASS_WORKDAYS = 30.0 * 5.0 / 7.0


def pass_break_even_share(pass_price_in_single_fares: Numeric) -> Numeric:
    r"""On-site days per working day above which a period pass is cheaper than single fares.

    Parameters
    ----------
    pass_price_in_single_fares : numeric
        Price of a 30-day pass divided by the single fare of the same trip. [trips]

    Returns
    -------
    numeric
        Break-even on-site share of the working days. [share]

    Notes
    -----
    A pass covers :math:`30 \times 5 / 7` working days; single fares cost two trips per
    on-site day. They cost the same at :math:`w^* = n / (2 \times 30 \times 5 / 7)`.

    Examples
    --------
    >>> round(pass_break_even_share(26.0), 4)  # DOT: about 3 days a week
    0.6067
    """
    return pass_price_in_single_fares / (2.0 * PASS_WORKDAYS)


def fare_days_per_year(
    onsite_days_per_year: Numeric, workdays_per_year: Numeric, break_even_share: Numeric
) -> Numeric:
    r"""On-site days a year paid at single fares by a commuter who buys what is cheaper.

    Parameters
    ----------
    onsite_days_per_year : numeric
        Days commuted, :math:`S`. [days/yr]
    workdays_per_year : numeric
        Working days of a full-time year, :math:`W`. [days/yr]
    break_even_share : numeric
        :func:`pass_break_even_share`, :math:`w^*`. [share]

    Returns
    -------
    numeric
        :math:`\min(S, w^* W)`: the days themselves while single fares are cheaper, else
        the pass's price in days of single fares. [days/yr]

    Examples
    --------
    >>> round(fare_days_per_year(216.0, 216.0, 0.6067), 2)  # 5 days a week: the pass
    131.05
    >>> fare_days_per_year(43.2, 216.0, 0.6067)  # 1 day a week: single fares
    43.2
    """
    out = np.minimum(onsite_days_per_year, break_even_share * workdays_per_year)
    return _like(out, onsite_days_per_year, workdays_per_year, break_even_share)


def public_transport_fare_per_year(
    one_way_km: Numeric,
    onsite_days_per_year: Numeric,
    workdays_per_year: Numeric,
    *,
    base_per_trip: Numeric,
    per_km: Numeric,
    pass_price_in_single_fares: Numeric,
) -> Numeric:
    r"""What a public-transport commuter pays a year: the cheaper of a pass and single fares.

    Parameters
    ----------
    one_way_km : numeric
        Trip distance. [km]
    onsite_days_per_year : numeric
        Days commuted. [days/yr]
    workdays_per_year : numeric
        Working days of a full-time year (the pass is bought for them). [days/yr]
    base_per_trip, per_km : numeric, keyword-only
        Single fare line (:func:`fare_per_trip`). [currency/trip], [currency/km]
    pass_price_in_single_fares : numeric, keyword-only
        Price of a 30-day pass in single fares of the same trip. [trips]

    Returns
    -------
    numeric
        Fares. [currency/yr]

    Notes
    -----
    .. math:: C = 2 f(d) \min(S, w^* W)

    (:func:`fare_days_per_year`). A pass holder who stays home one day a week keeps the pass
    and saves nothing; one who comes in on fewer days than the break-even
    (:func:`pass_break_even_share`, about 3 days a week in DOT's tariff) drops it and pays
    single fares. Vectorised; the engine evaluates the same formula as blocks (fare days
    and fare-day km by mode).

    Examples
    --------
    >>> kw = dict(base_per_trip=14.0, per_km=1.27, pass_price_in_single_fares=26.0)
    >>> full = public_transport_fare_per_year(18.0, 216.0, 216.0, **kw)
    >>> public_transport_fare_per_year(18.0, 172.8, 216.0, **kw) == full  # 1 day home
    True
    >>> round(full - public_transport_fare_per_year(18.0, 43.2, 216.0, **kw), 2)  # 4 days
    6475.56
    """
    days = fare_days_per_year(
        onsite_days_per_year, workdays_per_year, pass_break_even_share(pass_price_in_single_fares)
    )
    return 2.0 * fare_per_trip(one_way_km, base_per_trip, per_km) * days


def value_of_time_per_year(hours_per_year: Numeric, value_per_hour: Numeric) -> Numeric:
    r"""Value of the time spent commuting per year.

    Parameters
    ----------
    hours_per_year : numeric
        Commute time. [h/yr]
    value_per_hour : numeric
        Value of travel time per person-hour (e.g. Danish TERESA unit values). [currency/h]

    Returns
    -------
    numeric
        Value of commuting time. [currency/yr]

    Notes
    -----
    .. math:: V = T \times v

    Examples
    --------
    >>> round(value_of_time_per_year(100.0, 100.0), 6)
    10000.0
    """
    return hours_per_year * value_per_hour


def external_cost_per_year(vehicle_km_per_year: Numeric, external_cost_per_vkm: Numeric) -> Numeric:
    r"""External costs of commute driving per year (congestion, accidents, noise, air).

    Parameters
    ----------
    vehicle_km_per_year : numeric
        Vehicle-km driven, see :func:`remotecalc.formulas.emissions.vehicle_km_per_year`.
        [vehicle-km/yr]
    external_cost_per_vkm : numeric
        External cost per vehicle-km, excluding CO2 if CO2e is valued separately.
        [currency/vehicle-km]

    Returns
    -------
    numeric
        External cost borne by society. [currency/yr]

    Notes
    -----
    .. math:: C_\text{ext} = \text{vkm} \times c_\text{ext}

    Examples
    --------
    >>> round(external_cost_per_year(4000.0, 2.5), 6)
    10000.0
    """
    return vehicle_km_per_year * external_cost_per_vkm


def commuting_deduction_per_year(
    one_way_km: Numeric,
    onsite_days_per_year: Numeric,
    threshold_km_round_trip: Numeric = 24.0,
    upper_km_round_trip: Numeric = 120.0,
    *,
    rate_per_km: Numeric,
    rate_above_upper_per_km: Numeric,
    outer_area: Numeric = False,
    outer_area_rate_per_km: Numeric = 0.0,
    bridge_per_onsite_day: Numeric = 0.0,
) -> Numeric:
    r"""Danish commuting tax deduction (befordringsfradrag) per year.

    Parameters
    ----------
    one_way_km : numeric
        One-way distance home to workplace (the shortest normal route). [km]
    onsite_days_per_year : numeric
        Days actually commuted. [days/yr]
    threshold_km_round_trip : numeric, default 24
        Round-trip km per day that give no deduction. [km/day]
    upper_km_round_trip : numeric, default 120
        Round-trip km per day up to which ``rate_per_km`` applies. [km/day]
    rate_per_km : numeric, keyword-only
        Rate for round-trip km above the threshold up to the upper limit (2.23 in 2024 and
        2025, 2.28 in 2026). [currency/km]
    rate_above_upper_per_km : numeric, keyword-only
        Rate for round-trip km above the upper limit (1.12 in 2025, 1.14 in 2026, as
        published). [currency/km]
    outer_area : bool or array of bool, default False
        True for residents of an outer municipality or a listed small island (ligningsloven
        § 9 C, stk. 3; :func:`remotecalc.model.dkrules.outer_area_mask`). [-]
    outer_area_rate_per_km : numeric, default 0
        Their rate on every round-trip km above the threshold: in 2024-2027 the ordinary
        rate + 10.75 % (2.47 in 2025). [currency/km]
    bridge_per_onsite_day : numeric, default 0
        Bridge allowance per day commuted (Storebælt, Øresund: two passages a day,
        :func:`remotecalc.model.dkrules.bridge_deduction_per_onsite_day`). [currency/day]

    Returns
    -------
    numeric
        Deduction from taxable income. [currency/yr]

    Notes
    -----
    With round trip :math:`R = 2 \times \text{one\_way\_km}`, threshold :math:`a`, upper
    limit :math:`b`, :math:`S` days commuted and bridge allowance :math:`g` per day:

    .. math::
        F = S \left[ r \, \min(\max(R - a, 0), b - a)
              + r_\text{above} \max(R - b, 0) + g \right]

    and for residents of the outer areas :math:`F = S [ r_\text{outer} \max(R - a, 0) + g ]`.
    Only days actually commuted count, so fewer on-site days lower the deduction and with it
    the state's revenue foregone (:func:`fiscal_effect_per_year`). Not modelled: the
    increased deduction for low incomes, ferries and the rule that only one person in a
    shared car gets the bridge allowance.

    The rates are keyword-only and have no default: they change every year and belong to
    the parameter set (``remotecalc/data/rules/dk_deduction.toml`` holds them by year).

    References
    ----------
    Ligningsloven § 9 C (befordringsfradrag); rates set yearly by Skatterådet; outer areas:
    lov nr. 109 af 31. januar 2024, Den juridiske vejledning C.A.4.3.3.2.2.

    Examples
    --------
    >>> round(commuting_deduction_per_year(30.0, 1.0, rate_per_km=2.23,
    ...                                    rate_above_upper_per_km=1.12), 6)
    80.28
    >>> commuting_deduction_per_year(10.0, 216.0, rate_per_km=2.23, rate_above_upper_per_km=1.12)
    0.0
    >>> round(commuting_deduction_per_year(150.0, 1.0, rate_per_km=2.23,
    ...     rate_above_upper_per_km=1.12, outer_area=True, outer_area_rate_per_km=2.47), 2)
    681.72
    """
    km_at_rate, km_above_upper = deduction_km_per_year(
        one_way_km, onsite_days_per_year, threshold_km_round_trip, upper_km_round_trip
    )
    km_rate, km_above, km_outer = split_outer_area_km(km_at_rate, km_above_upper, outer_area)
    return _like(
        deduction_from_km(
            km_rate,
            km_above,
            rate_per_km,
            rate_above_upper_per_km,
            km_outer,
            outer_area_rate_per_km,
            bridge_allowance_per_year(onsite_days_per_year, bridge_per_onsite_day),
        ),
        one_way_km,
        onsite_days_per_year,
        threshold_km_round_trip,
        upper_km_round_trip,
        rate_per_km,
        rate_above_upper_per_km,
    )


def deduction_km_per_year(
    one_way_km: Numeric,
    onsite_days_per_year: Numeric,
    threshold_km_round_trip: Numeric = 24.0,
    upper_km_round_trip: Numeric = 120.0,
) -> tuple[Numeric, Numeric]:
    r"""Round-trip km a year in each band of the commuting deduction (its building block).

    Parameters
    ----------
    one_way_km : numeric
        One-way distance home to workplace. [km]
    onsite_days_per_year : numeric
        Days actually commuted. [days/yr]
    threshold_km_round_trip, upper_km_round_trip : numeric
        Band limits of the round trip, as in :func:`commuting_deduction_per_year`. [km/day]

    Returns
    -------
    (numeric, numeric)
        Km at the ordinary rate (between the threshold and the upper limit) and km above the
        upper limit, summed over the days commuted. [km/yr]

    Notes
    -----
    .. math::
        K_1 = S \min(\max(R - a, 0), b - a), \qquad K_2 = S \max(R - b, 0)

    Both are additive over employees, so the deduction of a group is
    :func:`deduction_from_km` of their sums. For residents of the outer areas the two
    bands are paid alike (:func:`split_outer_area_km`).

    Examples
    --------
    >>> deduction_km_per_year(70.0, 2.0)  # round trip 140: 96 km at the rate, 20 above
    (192.0, 40.0)
    """
    round_trip_km = 2.0 * one_way_km
    km_at_rate = np.clip(
        round_trip_km - threshold_km_round_trip, 0.0, upper_km_round_trip - threshold_km_round_trip
    )
    km_above_upper = np.maximum(round_trip_km - upper_km_round_trip, 0.0)
    return (
        _like(km_at_rate * onsite_days_per_year, one_way_km, onsite_days_per_year),
        _like(km_above_upper * onsite_days_per_year, one_way_km, onsite_days_per_year),
    )


def split_outer_area_km(
    km_at_rate_per_year: Numeric, km_above_upper_per_year: Numeric, outer_area: Numeric
) -> tuple[Numeric, Numeric, Numeric]:
    r"""The deduction's bands with residents of the outer areas moved to their own band.

    Parameters
    ----------
    km_at_rate_per_year, km_above_upper_per_year : numeric
        From :func:`deduction_km_per_year`. [km/yr]
    outer_area : bool or array of bool
        True for residents of an outer municipality or a listed small island. [-]

    Returns
    -------
    (numeric, numeric, numeric)
        Km at the ordinary rate, km above the upper limit (both 0 for residents of the outer
        areas) and km at the outer-area rate (:math:`K_1 + K_2` for them, else 0). [km/yr]

    Examples
    --------
    >>> split_outer_area_km(192.0, 40.0, True)
    (0.0, 0.0, 232.0)
    >>> split_outer_area_km(192.0, 40.0, False)
    (192.0, 40.0, 0.0)
    """
    outer = np.asarray(outer_area, dtype=bool)
    ordinary = ~outer
    out = (
        np.where(ordinary, km_at_rate_per_year, 0.0),
        np.where(ordinary, km_above_upper_per_year, 0.0),
        np.where(outer, km_at_rate_per_year + km_above_upper_per_year, 0.0),
    )
    if np.ndim(out[0]) == 0:
        return float(out[0]), float(out[1]), float(out[2])
    return out


def bridge_allowance_per_year(onsite_days_per_year: Numeric, per_onsite_day: Numeric) -> Numeric:
    r"""Bridge allowance of the commuting deduction per year (Storebælt, Øresund).

    Parameters
    ----------
    onsite_days_per_year : numeric
        Days actually commuted. [days/yr]
    per_onsite_day : numeric
        Allowance per day commuted: two passages times the amount per passage of the
        bridge and vehicle. [currency/day]

    Returns
    -------
    numeric
        Extra deduction. [currency/yr]

    Notes
    -----
    .. math:: G = S \times g

    Examples
    --------
    >>> bridge_allowance_per_year(200.0, 2 * 110.0)  # car over Storebælt, both ways
    44000.0
    """
    return onsite_days_per_year * per_onsite_day


def deduction_from_km(
    km_at_rate_per_year: Numeric,
    km_above_upper_per_year: Numeric,
    rate_per_km: Numeric,
    rate_above_upper_per_km: Numeric,
    km_outer_area_per_year: Numeric = 0.0,
    outer_area_rate_per_km: Numeric = 0.0,
    bridge_allowance: Numeric = 0.0,
) -> Numeric:
    r"""Commuting deduction from the km in its bands (:func:`deduction_km_per_year`).

    Parameters
    ----------
    km_at_rate_per_year, km_above_upper_per_year : numeric
        Round-trip km a year at the ordinary rate and above the upper limit. [km/yr]
    rate_per_km, rate_above_upper_per_km : numeric
        The two rates. [currency/km]
    km_outer_area_per_year : numeric, default 0
        Round-trip km above the threshold of residents of the outer areas
        (:func:`split_outer_area_km`). [km/yr]
    outer_area_rate_per_km : numeric, default 0
        Their rate. [currency/km]
    bridge_allowance : numeric, default 0
        Bridge allowance (:func:`bridge_allowance_per_year`). [currency/yr]

    Returns
    -------
    numeric
        Deduction from taxable income. [currency/yr]

    Notes
    -----
    .. math:: F = r K_1 + r_\text{above} K_2 + r_\text{outer} K_\text{outer} + G

    Linear in every band, so the deduction of a group is this function of the group's sums.

    Examples
    --------
    >>> round(deduction_from_km(192.0, 40.0, 2.23, 1.12), 2)
    472.96
    """
    return (
        rate_per_km * km_at_rate_per_year
        + rate_above_upper_per_km * km_above_upper_per_year
        + outer_area_rate_per_km * km_outer_area_per_year
        + bridge_allowance
    )


def fiscal_effect_per_year(deduction_per_year: Numeric, marginal_tax_value: Numeric) -> Numeric:
    r"""State revenue foregone through a tax deduction.

    Parameters
    ----------
    deduction_per_year : numeric
        Deduction from taxable income, see :func:`commuting_deduction_per_year`.
        [currency/yr]
    marginal_tax_value : numeric
        Tax value of a deduction, as a share of it (about 0.26 in Denmark). [-]

    Returns
    -------
    numeric
        Revenue foregone by the state (a cost to society's public budget, a gain to the
        employee). [currency/yr]

    Notes
    -----
    .. math:: T = F \times \tau

    References
    ----------
    Ligningsloven § 9 C.

    Examples
    --------
    >>> round(fiscal_effect_per_year(10000.0, 0.26), 6)
    2600.0
    """
    return deduction_per_year * marginal_tax_value


def annuity_factor(discount_rate: Numeric, horizon_years: Numeric) -> Numeric:
    r"""Present value of 1 paid at the end of each year for a number of years.

    Parameters
    ----------
    discount_rate : numeric
        Annual discount rate, e.g. 0.035. [1/yr]
    horizon_years : numeric
        Number of years. [yr]

    Returns
    -------
    numeric
        Annuity factor. [yr]

    Notes
    -----
    .. math:: a = \sum_{t=1}^{T} (1 + r)^{-t} = \frac{1 - (1 + r)^{-T}}{r},
              \qquad a = T \text{ for } r = 0

    Evaluated as :math:`-\operatorname{expm1}(-T \log1p(r)) / r`, which stays accurate
    for rates close to 0.

    Examples
    --------
    >>> round(annuity_factor(0.035, 10), 4)
    8.3166
    >>> annuity_factor(0.0, 10)
    10.0
    """
    rate = np.asarray(discount_rate, dtype=float)
    horizon = np.asarray(horizon_years, dtype=float)
    safe_rate = np.where(rate == 0.0, 1.0, rate)
    # 1 - (1 + r)**-T written with expm1/log1p: no cancellation for rates near 0
    factor = np.where(rate == 0.0, horizon, -np.expm1(-horizon * np.log1p(safe_rate)) / safe_rate)
    return _like(factor, discount_rate, horizon_years)


def npv(
    annual_amount: Numeric, discount_rate: Numeric, horizon_years: Numeric, one_off: Numeric = 0.0
) -> Numeric:
    r"""Net present value of a yearly amount plus a one-off amount now.

    Parameters
    ----------
    annual_amount : numeric
        Amount each year, paid at the end of years 1 to T. [currency/yr]
    discount_rate : numeric
        Annual discount rate. [1/yr]
    horizon_years : numeric
        Number of years. [yr]
    one_off : numeric, default 0.0
        Amount at time 0, undiscounted, with the same sign convention as
        ``annual_amount`` (e.g. a saving positive, a home-office kit negative). [currency]

    Returns
    -------
    numeric
        Present value. [currency]

    Notes
    -----
    .. math:: \text{NPV} = C_0 + A \, \frac{1 - (1 + r)^{-T}}{r}

    Examples
    --------
    >>> round(npv(1000.0, 0.035, 10, one_off=-2000.0), 2)
    6316.61
    >>> npv(1000.0, 0.0, 10)
    10000.0
    """
    return one_off + annual_amount * annuity_factor(discount_rate, horizon_years)
