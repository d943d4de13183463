"""Work travel replaced by virtual meetings: the pure formulas.

Trips made during working time (mileage claims, travel records) are counted by *purpose*
(:data:`PURPOSES`). A share of each purpose's trips could be held online
(``work_travel.replaceable_share.<purpose>``, a sourced parameter); a scenario holds the
share ``virtual_meeting_share`` of those online. Frontline trips (:data:`NEVER_REPLACEABLE`:
home-care and other home visits, transport of goods) are never replaceable, whatever the
parameters say. Each trip moved online adds a video call (the rebound,
:func:`video_call_co2e_kg`).

Home-care visits have their own lever: a screen visit (skærmbesøg) replaces a physical visit
whose content needs no hands (a medicine reminder, supervision, a short talk). The share
of visits that need no hands is ``work_travel.screen_visit_eligible_share`` (the
:data:`SCREEN_VISIT_PURPOSE`'s "replaceable share"); a scenario makes the share
``screen_visit_share`` of those by screen. The same formulas apply (:func:`kept_share`),
so visits that need hands always stay, and each screen visit adds a short video call.

The functions are pure (arrays in, arrays out, any leading axis); the engine
(:func:`remotecalc.model.engine.work_travel_metrics`) evaluates them per employee, on sums and
for parameter draws alike.

References
----------
Skatterådet's rates of tax-free mileage allowance (befordringsgodtgørelse), 2025 and 2026,
as quoted by TEKNIQ (2025), "Se satserne for skattefrie kørepenge og diæter i 2026".
"""

from __future__ import annotations

import numpy as np

from remotecalc._numeric import Numeric

__all__ = [
    "NEVER_REPLACEABLE",
    "PURPOSES",
    "PURPOSE_LABELS",
    "REIMBURSED_MODES",
    "SCREEN_VISIT_ELIGIBLE_KEY",
    "SCREEN_VISIT_PURPOSE",
    "kept_share",
    "reimbursement_per_year",
    "remaining_km",
    "replaceable_key",
    "screen_visits",
    "trips_moved_online",
    "video_call_co2e_kg",
]

#: Purposes of work trips, in a fixed order (the purpose axis of the engine's blocks).
PURPOSES: tuple[str, ...] = (
    "meeting",
    "training",
    "course",
    "inspection",
    "home_visit",
    "transport_of_goods",
    "other",
)

#: Labels of the purposes: purpose -> (English, Danish).
PURPOSE_LABELS: dict[str, tuple[str, str]] = {
    "meeting": ("Meetings", "Møder"),
    "training": ("Training", "Oplæring og undervisning"),
    "course": ("Courses and conferences", "Kurser og konferencer"),
    "inspection": ("Inspections", "Tilsyn"),
    "home_visit": ("Home visits and care", "Hjemmebesøg og pleje"),
    "transport_of_goods": ("Transport of goods", "Varetransport"),
    "other": ("Other", "Andet"),
}

#: Purposes whose trips are never replaceable by a virtual meeting (frontline work: the
#: visit or the goods are the job). They have no replaceable-share parameter.
NEVER_REPLACEABLE: frozenset[str] = frozenset({"home_visit", "transport_of_goods"})

#: The purpose whose trips a screen visit can replace (a share of them, the rest need hands).
SCREEN_VISIT_PURPOSE = "home_visit"

#: Parameter key of the share of home-care visits that need no hands (could be by screen).
SCREEN_VISIT_ELIGIBLE_KEY = "work_travel.screen_visit_eligible_share"

#: Modes whose trips the employer reimburses per km (own car or motorbike; Danish rules).
REIMBURSED_MODES: tuple[str, ...] = (
    "car",
    "car_petrol",
    "car_diesel",
    "car_hybrid",
    "car_phev",
    "car_ev",
    "motorbike",
)


def replaceable_key(purpose: str) -> str:
    """Parameter key of a purpose's replaceable share (``work_travel.replaceable_share.*``)."""
    return f"work_travel.replaceable_share.{purpose}"


def kept_share(replaceable_share: Numeric, virtual_meeting_share: Numeric) -> Numeric:
    """Share of a purpose's trips still made in person.

    Parameters
    ----------
    replaceable_share : numeric
        Share of the purpose's trips that could be a virtual meeting. [share]
    virtual_meeting_share : numeric
        Share of the replaceable trips held online in the scenario (0 today). [share]

    Returns
    -------
    numeric
        :math:`1 - v r`. [share]

    Examples
    --------
    >>> kept_share(0.6, 0.5)
    0.7
    """
    return 1.0 - virtual_meeting_share * replaceable_share


def remaining_km(
    km: Numeric, replaceable_share: Numeric, virtual_meeting_share: Numeric
) -> Numeric:
    """Work-travel km still driven when part of the replaceable trips go online.

    Parameters
    ----------
    km : numeric
        Km of the purpose's trips today. [km/yr]
    replaceable_share, virtual_meeting_share : numeric
        As in :func:`kept_share`. [share]

    Returns
    -------
    numeric
        :math:`k (1 - v r)`. [km/yr]

    Examples
    --------
    >>> remaining_km(1000.0, 0.6, 0.5)
    700.0
    """
    return km * kept_share(replaceable_share, virtual_meeting_share)


def trips_moved_online(
    trips: Numeric, replaceable_share: Numeric, virtual_meeting_share: Numeric
) -> Numeric:
    """Trips replaced by a virtual meeting: :math:`n v r`. [trips/yr]

    Examples
    --------
    >>> trips_moved_online(10.0, 0.6, 0.5)
    3.0
    """
    return trips * virtual_meeting_share * replaceable_share


def reimbursement_per_year(
    km_per_year: Numeric,
    rate_per_km: Numeric,
    rate_above_band_per_km: Numeric,
    band_km_per_year: Numeric,
) -> Numeric:
    """Mileage allowance an employer pays one employee in a year (Danish two-rate scheme).

    Parameters
    ----------
    km_per_year : numeric
        The employee's reimbursed km in the year. [km/yr]
    rate_per_km : numeric
        Rate for the first ``band_km_per_year`` km (3.81 DKK in 2025). [currency/km]
    rate_above_band_per_km : numeric
        Rate for every km above it (2.23 DKK in 2025). [currency/km]
    band_km_per_year : numeric
        Km a year paid at the high rate (20,000 km). [km/yr]

    Returns
    -------
    numeric
        :math:`a \\min(k, B) + b \\max(k - B, 0)`. [currency/yr]

    Notes
    -----
    Piecewise linear in the km; the band applies per employee (and employer) and year, so
    it is evaluated per employee before summing.

    Examples
    --------
    >>> float(reimbursement_per_year(15_000.0, 3.81, 2.23, 20_000.0))
    57150.0
    >>> float(reimbursement_per_year(25_000.0, 3.81, 2.23, 20_000.0))
    87350.0
    """
    low = np.minimum(km_per_year, band_km_per_year)
    return rate_per_km * low + rate_above_band_per_km * (km_per_year - low)


def screen_visits(km_removed: Numeric, km_per_visit: Numeric) -> Numeric:
    """Home-care visits made by screen, from the driving they remove.

    A home-care claim is often a round (a day's or a week's driving between citizens), not
    one visit, so visits are counted from km: each screen visit removes one stop's driving.

    Parameters
    ----------
    km_removed : numeric
        Home-care km no longer driven. [km/yr]
    km_per_visit : numeric
        Km driven per home-care visit (between two citizens). [km/visit]

    Returns
    -------
    numeric
        :math:`\\Delta k / k_v`. [visits/yr]

    Examples
    --------
    >>> screen_visits(500.0, 2.5)
    200.0
    """
    return km_removed / km_per_visit


def video_call_co2e_kg(
    meetings: Numeric, hours_per_meeting: Numeric, co2e_kg_per_hour: Numeric
) -> Numeric:
    """CO₂e of the video calls that replace trips (the rebound of virtual meetings).

    Parameters
    ----------
    meetings : numeric
        Trips replaced by a video call. [meetings/yr]
    hours_per_meeting : numeric
        Length of the call, for the traveller who no longer travels. [h]
    co2e_kg_per_hour : numeric
        Device, network and data-centre emissions of one participant-hour. [kg CO2e/h]

    Returns
    -------
    numeric
        :math:`m h e`. [kg CO2e/yr]

    Examples
    --------
    >>> round(video_call_co2e_kg(10.0, 1.5, 0.055), 4)
    0.825
    """
    return meetings * hours_per_meeting * co2e_kg_per_hour
