"""Commute greenhouse-gas emissions: factors per passenger-km, annual CO2e, vehicle-km.

Pure, vectorised functions: scalars, NumPy arrays or pandas Series in, the same kind out (a
Series keeps its index). Factors are those of the parameter set (e.g. UK DESNZ 2025 per
vehicle-km for cars, per passenger-km for bus and rail; Danish TØE/TERESA per passenger-km).
"""

from __future__ import annotations

import numpy as np

from remotecalc._numeric import BoolLike, Numeric
from remotecalc._numeric import like as _like

__all__ = ["co2e_kg_per_pkm", "commute_co2e_kg_per_year", "vehicle_km_per_year"]


def co2e_kg_per_pkm(
    ttw_kg_per_km: Numeric,
    wtt_kg_per_km: Numeric,
    occupancy: Numeric,
    per_vehicle_km: BoolLike,
    well_to_wheel: BoolLike,
) -> Numeric:
    r"""Emission factor per passenger-km of a commute mode.

    Parameters
    ----------
    ttw_kg_per_km : numeric
        Tank-to-wheel (direct) factor, per vehicle-km where ``per_vehicle_km`` else per
        passenger-km. [kg CO2e/km]
    wtt_kg_per_km : numeric
        Well-to-tank (upstream fuel or electricity) factor, same basis as ``ttw_kg_per_km``.
        Ignored where ``well_to_wheel`` is false. [kg CO2e/km]
    occupancy : numeric
        Persons per vehicle; used only where ``per_vehicle_km`` is true. [persons/vehicle]
    per_vehicle_km : bool or array of bool
        True where the factors are per vehicle-km (private cars), false where they are
        already per passenger-km (bus, rail, bicycle, walking).
    well_to_wheel : bool or array of bool
        True to add the well-to-tank part (well-to-wheel), false for tank-to-wheel only. A
        parameter-set choice, to be stated in reports.

    Returns
    -------
    numeric
        Emission factor per passenger-km. [kg CO2e/pkm]

    Notes
    -----
    .. math::
        f = \frac{\text{ttw} + [\text{wtw}]\,\text{wtt}}{o}
        \;\text{(per vehicle-km)}, \qquad
        f = \text{ttw} + [\text{wtw}]\,\text{wtt} \;\text{(per passenger-km)}

    where :math:`[\text{wtw}]` is 1 for well-to-wheel and 0 for tank-to-wheel, and
    :math:`o` the occupancy. Occupancy is not used where the factor is already per
    passenger-km, so it may be NaN or 0 there.

    References
    ----------
    UK Department for Energy Security and Net Zero (2025). Greenhouse gas reporting:
    conversion factors 2025 (passenger vehicles; WTT tables).

    Examples
    --------
    An average petrol car (DESNZ 2025), driven alone, well-to-wheel:

    >>> round(co2e_kg_per_pkm(0.16272, 0.04599, 1.0, True, True), 5)
    0.20871
    >>> round(co2e_kg_per_pkm(0.16272, 0.04599, 2.0, True, False), 5)
    0.08136
    >>> import numpy as np
    >>> co2e_kg_per_pkm(np.array([0.2, 0.1]), 0.0, np.array([2.0, np.nan]),
    ...                 np.array([True, False]), False)
    array([0.1, 0.1])
    """
    per_vehicle_or_passenger = np.where(well_to_wheel, ttw_kg_per_km + wtt_kg_per_km, ttw_kg_per_km)
    divisor = np.where(per_vehicle_km, occupancy, 1.0)
    return _like(
        per_vehicle_or_passenger / divisor,
        ttw_kg_per_km,
        wtt_kg_per_km,
        occupancy,
        per_vehicle_km,
        well_to_wheel,
    )


def commute_co2e_kg_per_year(annual_commute_km: Numeric, co2e_kg_per_pkm: Numeric) -> Numeric:
    r"""Commute emissions per year.

    Parameters
    ----------
    annual_commute_km : numeric
        Commute distance per year. [passenger-km/yr]
    co2e_kg_per_pkm : numeric
        Emission factor of the employee's mode, see :func:`co2e_kg_per_pkm`. [kg CO2e/pkm]

    Returns
    -------
    numeric
        Commute emissions. [kg CO2e/yr]

    Notes
    -----
    .. math:: E = \text{pkm} \times f

    Examples
    --------
    >>> round(commute_co2e_kg_per_year(4147.2, 0.099), 4)
    410.5728
    """
    return annual_commute_km * co2e_kg_per_pkm


def vehicle_km_per_year(
    annual_pkm: Numeric, occupancy: Numeric, per_vehicle_km: BoolLike
) -> Numeric:
    r"""Vehicle-km per year driven by the employee's own vehicle (for external costs).

    Parameters
    ----------
    annual_pkm : numeric
        Commute distance per year. [passenger-km/yr]
    occupancy : numeric
        Persons per vehicle; used only where ``per_vehicle_km`` is true. [persons/vehicle]
    per_vehicle_km : bool or array of bool
        True for modes driven as a private vehicle (cars); false for passenger-km modes,
        whose vehicles run anyway and are not attributed to the employee.

    Returns
    -------
    numeric
        Vehicle-km per year; 0 for passenger-km modes. [vehicle-km/yr]

    Notes
    -----
    .. math:: \text{vkm} = \begin{cases} \text{pkm} / o & \text{car modes} \\
              0 & \text{otherwise} \end{cases}

    Examples
    --------
    >>> vehicle_km_per_year(4000.0, 1.05, True) == 4000.0 / 1.05
    True
    >>> vehicle_km_per_year(4000.0, 7.1, False)
    0.0
    """
    divisor = np.where(per_vehicle_km, occupancy, 1.0)
    return _like(
        np.where(per_vehicle_km, annual_pkm / divisor, 0.0), annual_pkm, occupancy, per_vehicle_km
    )
