"""The one registry of metrics: names, units, perspectives, labels (en/da), headline rows.

Every result remotecalc reports is a :class:`Metric` here. The engine computes them
(:mod:`remotecalc.model.engine`) in their *storage unit*; tables of results (``per_employee``,
``per_site``, ``Assessment.by()``) keep that unit, and the column name says it (a ``_kg``
column holds kg). Summaries (``Assessment.summary()``, sweeps, Monte Carlo draws) show each
metric in its *display unit*, under its *display name* (``commute_co2e_kg`` is summarised as
``commute_co2e_t``, in tonnes), with the unit in a ``unit`` column. Money is in the parameter
set's currency, written into the unit (``DKK/yr``).

Add a metric in one place: write its formula in :func:`remotecalc.model.engine.employee_metrics`
(or :func:`~remotecalc.model.engine.office_metrics`,
:func:`~remotecalc.model.engine.derived_metrics`)
and its entry in :data:`REGISTRY`; summaries, ``by()``, sweeps, Monte Carlo, labels, the
report and the CLI read it from here.

Examples
--------
>>> m = REGISTRY["commute_co2e_kg"]
>>> m.display_name, m.display_unit(), m.scale
('commute_co2e_t', 't CO2e/yr', 0.001)
>>> REGISTRY["net_cost"].display_unit("DKK")
'DKK/yr'
>>> get("commute_co2e_t").name  # by display name too
'commute_co2e_kg'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from remotecalc.i18n.formats import check_lang

__all__ = [
    "DERIVED",
    "EMPLOYEE",
    "HEADLINE_ORDER",
    "REGISTRY",
    "SITE",
    "LevelView",
    "Metric",
    "by_level",
    "display_names",
    "get",
    "headline",
    "headline_names",
    "metric_label",
    "register",
    "unregister",
    "waterfall_steps",
]

EMPLOYEE, SITE, DERIVED = "employee", "site", "derived"


@dataclass(frozen=True)
class Metric:
    """One metric: how it is stored, shown and labelled.

    Attributes
    ----------
    name : str
        Name in per-employee and per-site tables (``<name>_baseline`` etc.); its suffix
        names the storage unit where there is one (``_kg``, ``_m2``).
    level : {"employee", "site", "derived"}
        Summed over employees, over sites, or combined from other metrics.
    unit : str
        Storage unit; ``{cur}`` stands for the parameter set's currency.
    perspective : str
        Whose gain or loss: ``employee``, ``employer``, ``state``, ``society``, ``climate``.
    label_en, label_da : str
        Labels in English and Danish.
    short_en, short_da : str
        Short labels for figures and headline tables ('' : the label).
    scale : float
        Display value = stored value × scale (1e-3 for kg shown as t).
    display_unit_template : str
        Unit of summaries ('' : the storage unit).
    display_name_override : str
        Name in summaries ('' : ``name``, or ``name`` with ``_kg`` -> ``_t`` when scaled).
    headline_scale : float, headline_unit_template : str
        Scale and unit in the headline table (``None`` scale: not a headline metric).
    waterfall_en, waterfall_da : str
        Step label in the CO₂e waterfall ('' : not a step).
    present_value : bool
        A present value: summaries add the horizon and discount rate to its label.
    formula : callable, optional
        For a metric added by a user (the built-in ones are written in
        :mod:`remotecalc.model.engine`): ``employee`` level: ``formula(blocks, values, factors)``
        of :class:`~remotecalc.model.engine.Blocks`, :class:`~remotecalc.model.engine.Values` and
        :class:`~remotecalc.model.engine.ModeFactors`, and it must be *linear in the blocks* (it is
        evaluated per employee and on sums); ``site`` level: ``formula(offices)`` of the
        dict of :func:`~remotecalc.model.engine.office_metrics`; ``derived``: ``formula(totals)``
        of the dict of totals of one state.
    """

    name: str
    level: str
    unit: str
    perspective: str
    label_en: str
    label_da: str
    short_en: str = ""
    short_da: str = ""
    scale: float = 1.0
    display_unit_template: str = ""
    display_name_override: str = ""
    headline_scale: float | None = None
    headline_unit_template: str = ""
    waterfall_en: str = ""
    waterfall_da: str = ""
    formula: Callable[..., Any] | None = None
    present_value: bool = False

    @property
    def display_name(self) -> str:
        """The metric's name in summaries (says the display unit)."""
        if self.display_name_override:
            return self.display_name_override
        if self.scale == 1e-3 and self.name.endswith("_kg"):
            return self.name[:-3] + "_t"
        return self.name

    def display_unit(self, currency: str = "") -> str:
        """Unit of the summary value, with the currency filled in."""
        return (self.display_unit_template or self.unit).format(cur=currency)

    def storage_unit(self, currency: str = "") -> str:
        """Unit of the stored value, with the currency filled in."""
        return self.unit.format(cur=currency)

    def headline_unit(self, currency: str = "") -> str:
        """Unit of the headline table's value."""
        return (self.headline_unit_template or self.display_unit_template or self.unit).format(
            cur=currency
        )

    def label(self, lang: str = "en", short: bool = False) -> str:
        """Label in ``lang`` (``"en"`` or ``"da"``); the short form where asked and known."""
        if short:
            text = self.short_da if lang == "da" else self.short_en
            if text:
                return text
        return self.label_da if lang == "da" else self.label_en

    def summary_label(
        self, lang: str = "en", horizon: float | None = None, rate: float | None = None
    ) -> str:
        """The label of a summary row; a present value names its horizon and rate."""
        text = self.label(lang)
        if not self.present_value or horizon is None or rate is None:
            return text
        if lang == "da":
            pct = f"{rate * 100:.1f}".replace(".", ",")
            return f"{text} over {horizon:g} år med {pct} % diskonteringsrente"
        return f"{text} over {horizon:g} yr at {rate:.1%}"

    @property
    def is_headline(self) -> bool:
        """True for metrics of the headline table."""
        return self.headline_scale is not None


_KG_T: dict[str, Any] = {"scale": 1e-3, "display_unit_template": "t CO2e/yr"}

_ENTRIES: tuple[Metric, ...] = (
    # -- per employee, summed over employees ---------------------------------------------
    Metric("onsite_days", EMPLOYEE, "days/yr", "employee", "On-site days", "Fremmødedage"),
    Metric("home_days", EMPLOYEE, "days/yr", "employee", "Home-working days", "Hjemmearbejdsdage"),
    Metric(
        "commute_km",
        EMPLOYEE,
        "km/yr",
        "employee",
        "Commute distance",
        "Pendlingsafstand",
        headline_scale=1e-3,
        headline_unit_template="1,000 km/yr",
    ),
    Metric(
        "commute_hours",
        EMPLOYEE,
        "h/yr",
        "employee",
        "Commute time",
        "Pendlingstid",
        headline_scale=1e-3,
        headline_unit_template="1,000 h/yr",
    ),
    Metric(
        "commute_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Commute CO2e",
        "CO₂e fra pendling",
        "Commute CO2e",
        "CO₂e fra pendling",
        headline_scale=1e-3,
        headline_unit_template="t CO2e/yr",
        waterfall_en="Commute\nsaved",
        waterfall_da="Sparet\npendling",
        **_KG_T,
    ),
    Metric(
        "home_energy_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Home energy CO2e (rebound)",
        "CO₂e fra energi i hjemmet (rebound)",
        headline_scale=1e-3,
        headline_unit_template="t CO2e/yr",
        waterfall_en="Home energy\nadded",
        waterfall_da="Ekstra energi\ni hjemmet",
        **_KG_T,
    ),
    Metric(
        "noncommute_km",
        EMPLOYEE,
        "km/yr",
        "employee",
        "Extra non-commute travel (rebound)",
        "Ekstra øvrige ture (rebound)",
    ),
    Metric(
        "noncommute_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Non-commute travel CO2e (rebound)",
        "CO₂e fra ekstra øvrige ture (rebound)",
        "Other trips CO2e (rebound)",
        "CO₂e fra øvrige ture (rebound)",
        headline_scale=1e-3,
        headline_unit_template="t CO2e/yr",
        waterfall_en="Other trips\nadded",
        waterfall_da="Ekstra\nøvrige ture",
        **_KG_T,
    ),
    Metric(
        "ict_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Extra ICT CO2e of home days",
        "Ekstra CO₂e fra IT på hjemmedage",
        waterfall_en="ICT\nadded",
        waterfall_da="Ekstra\nIT",
        **_KG_T,
    ),
    Metric(
        "employee_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Travel and home CO2e",
        "CO₂e fra transport og hjem",
        **_KG_T,
    ),
    Metric(
        "travel_cost",
        EMPLOYEE,
        "{cur}/yr",
        "employee",
        "Travel cost (running cost, fares)",
        "Transportudgift (drift, billetter)",
    ),
    Metric(
        "home_energy_cost",
        EMPLOYEE,
        "{cur}/yr",
        "employee",
        "Home energy cost",
        "Udgift til energi i hjemmet",
    ),
    Metric(
        "deduction_tax_value",
        EMPLOYEE,
        "{cur}/yr",
        "employee",
        "Tax value of commuting deduction",
        "Skatteværdi af befordringsfradrag",
    ),
    Metric(
        "employee_net_cost",
        EMPLOYEE,
        "{cur}/yr",
        "employee",
        "Net money cost to the employee",
        "Medarbejdernes nettoudgift",
        "Employees' money cost",
        "Medarbejdernes udgift",
        headline_scale=1e-3,
        headline_unit_template="1,000 {cur}/yr",
    ),
    Metric(
        "time_value",
        EMPLOYEE,
        "{cur}/yr",
        "employee",
        "Value of commuting time",
        "Værdi af pendlingstid",
    ),
    Metric(
        "external_cost",
        EMPLOYEE,
        "{cur}/yr",
        "society",
        "External costs of car travel (commute and rebound trips)",
        "Eksterne omkostninger ved bilkørsel (pendling og ekstra ture)",
    ),
    Metric(
        "fiscal_cost",
        EMPLOYEE,
        "{cur}/yr",
        "state",
        "State revenue forgone (commuting deduction)",
        "Statens provenutab (befordringsfradrag)",
    ),
    # -- work travel replaced by virtual meetings (remotecalc.formulas.travel; 0 without trips)
    # ------
    Metric(
        "work_trips",
        EMPLOYEE,
        "trips/yr",
        "employer",
        "Work trips made in person",
        "Tjenesterejser foretaget fysisk",
    ),
    Metric(
        "work_travel_km",
        EMPLOYEE,
        "km/yr",
        "employer",
        "Work travel distance (trips in working time)",
        "Tjenstlig kørsel (ture i arbejdstiden)",
        "Work travel",
        "Tjenstlig kørsel",
    ),
    Metric(
        "work_travel_hours",
        EMPLOYEE,
        "h/yr",
        "employer",
        "Work travel time",
        "Tid brugt på tjenstlig kørsel",
    ),
    Metric(
        "work_travel_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Work travel CO2e (GHG Protocol Scope 3 cat. 6)",
        "CO₂e fra tjenstlig kørsel (GHG-protokollen scope 3 kat. 6)",
        "Work travel CO2e",
        "CO₂e fra tjenstlig kørsel",
        waterfall_en="Work travel\nsaved",
        waterfall_da="Sparet tjenstlig\nkørsel",
        **_KG_T,
    ),
    Metric(
        "virtual_meeting_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Video calls that replace trips CO2e (rebound)",
        "CO₂e fra videomøder, der erstatter ture (rebound)",
        "Video calls CO2e",
        "CO₂e fra videomøder",
        waterfall_en="Video calls\nadded",
        waterfall_da="Ekstra\nvideomøder",
        **_KG_T,
    ),
    Metric(
        "work_travel_reimbursement_cost",
        EMPLOYEE,
        "{cur}/yr",
        "employer",
        "Mileage allowance paid (per km, two-rate band)",
        "Udbetalt kørselsgodtgørelse (pr. km, to satser)",
        "Mileage allowance",
        "Kørselsgodtgørelse",
    ),
    Metric(
        "work_travel_time_value",
        EMPLOYEE,
        "{cur}/yr",
        "employer",
        "Value of work travel time",
        "Værdi af tid brugt på tjenstlig kørsel",
    ),
    # -- home care: screen visits (skærmbesøg) replace visits that need no hands; the km,
    # hours and CO2e below are the home-care part of the work-travel totals above ---------
    Metric(
        "screen_visits",
        EMPLOYEE,
        "visits/yr",
        "employer",
        "Home-care visits made by screen",
        "Besøg i hjemmeplejen som skærmbesøg",
        "Screen visits",
        "Skærmbesøg",
    ),
    Metric(
        "home_visit_km",
        EMPLOYEE,
        "km/yr",
        "employer",
        "Driving to home-care visits (part of work travel)",
        "Kørsel til besøg i hjemmeplejen (del af den tjenstlige kørsel)",
        "Home-care driving",
        "Kørsel i hjemmeplejen",
    ),
    Metric(
        "home_visit_hours",
        EMPLOYEE,
        "h/yr",
        "employer",
        "Care staff's driving time to home-care visits",
        "Plejepersonalets køretid til besøg i hjemmeplejen",
        "Home-care driving time",
        "Køretid i hjemmeplejen",
    ),
    Metric(
        "home_visit_co2e_kg",
        EMPLOYEE,
        "kg CO2e/yr",
        "climate",
        "Home-care driving CO2e (part of work travel CO2e)",
        "CO₂e fra kørsel i hjemmeplejen (del af CO₂e fra tjenstlig kørsel)",
        "Home-care driving CO2e",
        "CO₂e fra kørsel i hjemmeplejen",
        **_KG_T,
    ),
    Metric(
        "home_visit_time_cost",
        EMPLOYEE,
        "{cur}/yr",
        "employer",
        "Care staff's driving time at the home-care hourly price (time freed for care)",
        "Plejepersonalets køretid til timeprisen i hjemmeplejen (tid frigjort til pleje)",
        "Home-care driving time, value",
        "Køretid i hjemmeplejen, værdi",
    ),
    # -- per site, summed over sites -----------------------------------------------------
    Metric(
        "desks_needed",
        SITE,
        "desks",
        "employer",
        "Desks needed at the service level",
        "Arbejdspladser, der er brug for",
        "Desks needed",
        "Arbejdspladser",
        headline_scale=1.0,
    ),
    Metric("area_m2", SITE, "m2", "employer", "Office area held", "Kontorareal"),
    Metric(
        "area_released_m2",
        SITE,
        "m2",
        "employer",
        "Office area given up",
        "Kontorareal afgivet",
        headline_scale=1.0,
    ),
    Metric(
        "attendee_days", SITE, "days/yr", "employer", "Attendee-days", "Fremmødedage på lokaliteten"
    ),
    Metric(
        "seat_cost",
        SITE,
        "{cur}/yr",
        "employer",
        "Rent and operating cost",
        "Husleje og driftsudgift",
    ),
    Metric(
        "occupancy_cost",
        SITE,
        "{cur}/yr",
        "employer",
        "Occupancy cost (cleaning, consumables)",
        "Brugsafhængig udgift (rengøring, forbrug)",
    ),
    Metric(
        "office_cost",
        SITE,
        "{cur}/yr",
        "employer",
        "Office cost",
        "Kontorudgift",
        "Employer's office cost",
        "Arbejdsgivers kontorudgift",
        headline_scale=1e-3,
        headline_unit_template="1,000 {cur}/yr",
    ),
    Metric(
        "office_co2e_kg",
        SITE,
        "kg CO2e/yr",
        "climate",
        "Office CO2e (energy and embodied)",
        "CO₂e fra kontorer (energi og indlejret)",
        "Office CO2e",
        "CO₂e fra kontorer",
        headline_scale=1e-3,
        headline_unit_template="t CO2e/yr",
        waterfall_en="Office\nsaved",
        waterfall_da="Sparet\nkontor",
        **_KG_T,
    ),
    # -- derived: combinations of the above (remotecalc.model.engine.derived_metrics) ----------
    Metric(
        "net_co2e_kg",
        DERIVED,
        "kg CO2e/yr",
        "climate",
        "Net CO2e (travel, home and office)",
        "Netto-CO₂e (transport, hjem og kontor)",
        "Net CO2e",
        "Netto-CO₂e",
        headline_scale=1e-3,
        headline_unit_template="t CO2e/yr",
        **_KG_T,
    ),
    Metric(
        "net_cost",
        DERIVED,
        "{cur}/yr",
        "employee+employer",
        "Net money cost (employees' travel and home energy + employer's offices and mileage "
        "allowance)",
        "Nettoudgift (medarbejdernes transport og energi + arbejdsgivers kontorer og "
        "kørselsgodtgørelse)",
        "Net money cost",
        "Nettoudgift",
        headline_scale=1e-3,
        headline_unit_template="1,000 {cur}/yr",
    ),
    Metric(
        "npv_employee_net_cost",
        DERIVED,
        "{cur}",
        "employee",
        "Present value of employee money",
        "Nutidsværdi af medarbejdernes udgifter",
        present_value=True,
    ),
    Metric(
        "npv_office_cost",
        DERIVED,
        "{cur}",
        "employer",
        "Present value of employer office cost",
        "Nutidsværdi af arbejdsgivers kontorudgift",
        present_value=True,
    ),
    Metric(
        "one_off_home_office_cost",
        DERIVED,
        "{cur}",
        "employer",
        "One-off home-office equipment",
        "Engangsudgift til hjemmearbejdsplads",
        "One-off home-office kit",
        "Engangsudgift, hjemmearbejdsplads",
        headline_scale=1e-3,
        headline_unit_template="1,000 {cur}",
    ),
)

#: Every metric by name, in summary order.
REGISTRY: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    """Add a metric to :data:`REGISTRY` (its formula must exist in the engine).

    Raises
    ------
    ValueError
        If a metric of that name or display name is registered already.
    """
    taken = {m.display_name for m in REGISTRY.values()} | set(REGISTRY)
    if metric.name in taken or metric.display_name in taken:
        raise ValueError(f"a metric named {metric.name!r} ({metric.display_name!r}) exists")
    if metric.level not in (EMPLOYEE, SITE, DERIVED):
        raise ValueError(f"level must be employee, site or derived, not {metric.level!r}")
    REGISTRY[metric.name] = metric
    return metric


for _m in _ENTRIES:
    register(_m)
_BUILT_IN = frozenset(REGISTRY)


def unregister(name: str) -> None:
    """Remove a metric added with :func:`register` (built-in metrics cannot be removed)."""
    if name in _BUILT_IN:
        raise ValueError(f"{name!r} is a built-in metric")
    REGISTRY.pop(name)


def by_level(level: str) -> tuple[str, ...]:
    """Names of the metrics of one level (``employee``, ``site``, ``derived``), in order."""
    return tuple(n for n, m in REGISTRY.items() if m.level == level)


class LevelView(Mapping[str, tuple[str, str, str]]):
    """The metrics of one level as a read-only mapping that follows :data:`REGISTRY`:
    name -> (storage unit, perspective, English label)."""

    def __init__(self, level: str) -> None:
        self.level = level

    def __getitem__(self, name: str) -> tuple[str, str, str]:
        m = REGISTRY[name]
        if m.level != self.level:
            raise KeyError(name)
        return m.unit, m.perspective, m.label_en

    def __iter__(self) -> Iterator[str]:
        return iter(by_level(self.level))

    def __len__(self) -> int:
        return len(by_level(self.level))

    def __repr__(self) -> str:
        return f"LevelView({self.level!r}: {', '.join(self)})"


def get(name: str) -> Metric:
    """A metric by its name or its display name.

    Raises
    ------
    KeyError
        Naming the metrics there are.
    """
    if name in REGISTRY:
        return REGISTRY[name]
    for m in REGISTRY.values():
        if m.display_name == name:
            return m
    raise KeyError(f"no metric {name!r}; metrics: {', '.join(display_names())}")


def display_names() -> list[str]:
    """Display names of every metric, in summary order."""
    return [m.display_name for m in REGISTRY.values()]


#: Order of the headline table (headline metrics registered later follow these).
HEADLINE_ORDER: tuple[str, ...] = (
    "commute_km",
    "commute_hours",
    "commute_co2e_kg",
    "home_energy_co2e_kg",
    "noncommute_co2e_kg",
    "office_co2e_kg",
    "net_co2e_kg",
    "employee_net_cost",
    "office_cost",
    "net_cost",
    "one_off_home_office_cost",
    "desks_needed",
    "area_released_m2",
)


def headline() -> Iterator[Metric]:
    """The metrics of the headline table, in order."""
    rank = {n: i for i, n in enumerate(HEADLINE_ORDER)}
    found = [m for m in REGISTRY.values() if m.is_headline]
    return iter(sorted(found, key=lambda m: rank.get(m.name, len(rank))))


def headline_names() -> tuple[str, ...]:
    """Display names of the headline metrics, in order."""
    return tuple(m.display_name for m in headline())


def waterfall_steps() -> tuple[Metric, ...]:
    """The metrics that are steps of the CO₂e waterfall, in order."""
    return tuple(m for m in REGISTRY.values() if m.waterfall_en)


def metric_label(
    metric: str, lang: str = "en", english: str | None = None, short: bool = False
) -> str:
    """Label of a metric (``net_co2e_t``, ``commute_km``, ...) in ``lang``, from the registry.

    Parameters
    ----------
    metric : str
        Metric name as in ``Assessment.summary()["metric"]`` or ``per_employee``
        (:func:`remotecalc.model.metrics.get` finds either).
    lang : {"en", "da"}
    english : str, optional
        The English label to use (e.g. the ``label`` column of a summary, which names a
        present value's horizon); by default the registry's.
    short : bool, default False
        A short form for axis labels where one exists.

    Examples
    --------
    >>> metric_label("net_co2e_t", "da", short=True)
    'Netto-CO₂e'
    >>> metric_label("commute_co2e_t")
    'Commute CO₂e'
    """
    check_lang(lang)
    try:
        m = get(metric)
    except KeyError:
        return (english or metric).replace("CO2e", "CO₂e")
    if lang == "en" and english is not None and not short:
        text = english
    else:
        text = m.label(lang, short=short)
    return text.replace("CO2e", "CO₂e")
