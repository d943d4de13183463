"""Scenarios: the policy levers of a remote-work policy, as a frozen, validated object.

A scenario says how many remote days a week are granted (capped per employee by how
teleworkable the job is), how many take it up, on which weekdays people come in, how desks are
provided, whether surplus office space is given up, and to whom it applies. Scenarios load
from TOML files a policy officer can read and edit.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import numpy as np
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
    model_validator,
)

from remotecalc.errors import ScenarioError

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import NDArray

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
_WEEKDAY_ALIASES = {
    "monday": "mon",
    "mandag": "mon",
    "man": "mon",
    "tuesday": "tue",
    "tirsdag": "tue",
    "tir": "tue",
    "tues": "tue",
    "wednesday": "wed",
    "onsdag": "wed",
    "ons": "wed",
    "thursday": "thu",
    "torsdag": "thu",
    "tor": "thu",
    "thur": "thu",
    "thurs": "thu",
    "friday": "fri",
    "fredag": "fri",
    "fre": "fri",
}


#: The allowed range of each lever, in words, added to every validation error that names it.
LEVER_RANGES: dict[str, str] = {
    "name": "a non-empty text",
    "remote_days_per_week": "0 to 5 days/week",
    "uptake": "a share from 0 to 1",
    "weekday_profile": "5 finite weights >= 0 (Mon..Fri) with a positive sum",
    "anchor_days": "weekdays mon..fri (or Danish mandag..fredag)",
    "anchor_weight": "a finite number > 0",
    "service_level": "a share strictly between 0 and 1",
    "desk_ratio": "a number > 0 and <= 2 desks per employee, or none",
    "release_space": "a share from 0 to 1",
    "horizon_years": "a number > 0 and <= 100 years, or none",
    "discount_rate": "a share from 0 up to (not including) 1 a year, or none",
    "applies_to": "a table of column = [values]",
    "wanted_days_column": "the name of a staff column, or none",
    "virtual_meeting_share": "a share from 0 to 1",
    "screen_visit_share": "a share from 0 to 1",
}

_NUMERIC_LEVERS = (
    "remote_days_per_week",
    "uptake",
    "weekday_profile",
    "anchor_weight",
    "service_level",
    "desk_ratio",
    "release_space",
    "horizon_years",
    "discount_rate",
    "virtual_meeting_share",
    "screen_visit_share",
)


class Selection(Mapping[str, tuple[str, ...]]):
    """A read-only, hashable, picklable mapping of column -> values (``Scenario.applies_to``).

    A frozen scenario must not change under its user: ``sc.applies_to["unit"] = ...`` raises
    ``TypeError``. It compares equal to a dict with the same items.

    Examples
    --------
    >>> sel = Selection({"department": ("Jobcenter",)})
    >>> sel == {"department": ("Jobcenter",)}, len(sel), dict(sel)
    (True, 1, {'department': ('Jobcenter',)})
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self._items = dict(items or {})

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._items)

    @classmethod
    def of(cls, items: Mapping[str, Any] | None) -> Selection:
        """A selection from ``{column: value or values}``: each value as text, one value
        as a one-tuple (the one rule of how a selection is read).

        Examples
        --------
        >>> dict(Selection.of({"unit": "Jobcenter", "site_id": ["RAAD", 7]}))
        {'unit': ('Jobcenter',), 'site_id': ('RAAD', '7')}
        """
        if isinstance(items, Selection):
            return items
        return cls(
            {
                str(col): tuple(
                    str(x)
                    for x in (
                        [vals] if isinstance(vals, str) or not hasattr(vals, "__iter__") else vals
                    )
                )
                for col, vals in dict(items or {}).items()
            }
        )

    def mask(self, staff: pd.DataFrame, owner: str = "applies_to") -> NDArray[np.bool_]:
        """Who is selected: True for every row of ``staff`` whose columns hold one of the
        values, for every column (all conditions hold; an empty selection selects
        everybody). Values are compared as text.

        The one rule of who a scenario applies to (the engine, disclosure control, the
        explorer and relocations use it).

        Raises
        ------
        ScenarioError
            If a column is not in ``staff`` (``owner`` says whose selection it is).

        Examples
        --------
        >>> import pandas as pd
        >>> staff = pd.DataFrame({"unit": ["A", "B", "A"], "grade": [1, 2, 2]})
        >>> Selection.of({"unit": "A", "grade": [2]}).mask(staff)
        array([False, False,  True])
        >>> Selection.of({"team": "x"}).mask(staff)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        remotecalc.errors.ScenarioError: applies_to names column 'team', which the staff ...
        """
        selected = np.ones(len(staff), dtype=bool)
        for col, values in self._items.items():
            if col not in staff.columns:
                raise ScenarioError(
                    f"{owner} names column '{col}', which the staff data does not have "
                    f"(its columns: {', '.join(map(str, staff.columns))})"
                )
            selected &= staff[col].astype(str).isin(values).to_numpy()
        return selected

    def __reduce__(self) -> tuple[type, tuple[dict[str, tuple[str, ...]]]]:
        return (Selection, (self._items,))


class Scenario(BaseModel):
    """A remote-work policy to assess against today's baseline.

    Parameters
    ----------
    name : str
        Short name used in tables and figures.
    remote_days_per_week : float, default 0
        Remote days a week granted to a full-time employee, 0-5. [days/week] Each employee
        takes ``min(granted, 5 × teleworkable)``; nobody gets fewer home days than today.
    uptake : float, default 1
        Share of eligible employees who take the granted days up. [share] The model uses the
        expected value: on-site days fall by ``uptake × extra remote days``.
    weekday_profile : tuple of 5 floats, optional
        Relative weights Monday..Friday of on-site attendance in the scenario (e.g. the
        Kastle pattern with a Tuesday peak). Default flat, or built from ``anchor_days``.
    anchor_days : tuple of str, optional
        Days everyone is asked to come in (``"tue"``, ``"tirsdag"``, ...): they get weight
        ``anchor_weight`` against 1 for the other days.
    anchor_weight : float, default 3
        Weight of an anchor day relative to other days.
    service_level : float, default 0.95
        Desks are provided so that on the peak weekday everybody who comes finds a desk with
        this probability. [share]
    desk_ratio : float, optional
        Instead of the service level: desks per employee at each site (e.g. 0.7). [desks/person]
    release_space : float, default 0
        Share of the surplus office area (today's minus the area needed) actually given up,
        0-1. [share] The seat-related part of office costs and CO₂e falls only with it.
    horizon_years, discount_rate : optional
        Override the parameter set's appraisal horizon [yr] and discount rate [share/yr].
    applies_to : dict, optional
        Whom the policy applies to: ``{column: [values]}``, e.g. ``{"department":
        ["Jobcenter"]}``; all conditions must hold. Others keep today's pattern.
    wanted_days_column : str, optional
        A staff column with the remote days each employee wants (e.g. predicted from a
        survey by ``remotecalc.estimation``); days taken are then
        ``min(granted, 5 × teleworkable, wanted)``, times ``uptake``. [days/week]
    virtual_meeting_share : float, default 0
        Share of the replaceable work trips (meetings, courses...; never home-care visits
        or goods transport) held online instead. [share] Counts only when work trips are
        given (``assess(..., work_trips=...)``; :mod:`remotecalc.formulas.travel`).
    screen_visit_share : float, default 0
        Share of the home-care visits that need no hands (medicine reminders, supervision,
        a short talk: ``work_travel.screen_visit_eligible_share`` of all visits, 15 %,
        status M) made as screen visits (skærmbesøg) instead; 0 today. [share] Visits that
        need hands (personal care, nursing) always stay. A typical take-up is 0.2 (range
        0.1-0.4, a judgement from KL's surveys: 20 % of municipalities had screen visits in
        home care in 2019); 0.2 × 0.15 = 3 % of all visits, 0.4 × 0.25 = 10 % at a mature
        adopter. Counts only when work trips with purpose ``home_visit`` are given.
    description : str
        Free text for reports.

    Examples
    --------
    >>> Scenario(name="2 days home", remote_days_per_week=2, anchor_days=("tue", "thu"))
    ... # doctest: +ELLIPSIS
    Scenario(name='2 days home', remote_days_per_week=2.0, ...)
    """

    # allow_inf_nan=False: every number (levers and the weekday weights) must be finite
    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, arbitrary_types_allowed=True
    )

    name: str = Field(min_length=1)
    remote_days_per_week: float = Field(default=0.0, ge=0, le=5)
    uptake: float = Field(default=1.0, ge=0, le=1)
    weekday_profile: tuple[float, float, float, float, float] | None = None
    anchor_days: tuple[str, ...] = ()
    anchor_weight: float = Field(default=3.0, gt=0)
    service_level: float = Field(default=0.95, gt=0, lt=1)
    desk_ratio: float | None = Field(default=None, gt=0, le=2)
    release_space: float = Field(default=0.0, ge=0, le=1)
    horizon_years: float | None = Field(default=None, gt=0, le=100)
    discount_rate: float | None = Field(default=None, ge=0, lt=1)
    applies_to: Annotated[Selection, PlainSerializer(dict, return_type=dict)] = Field(
        default_factory=Selection
    )
    wanted_days_column: str | None = None
    virtual_meeting_share: float = Field(default=0.0, ge=0, le=1)
    screen_visit_share: float = Field(default=0.0, ge=0, le=1)
    description: str = ""
    kind: Literal["policy"] = "policy"

    def __init__(self, **data):
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise ScenarioError(_validation_text(err, data, "<Scenario>")) from None

    @field_validator(*_NUMERIC_LEVERS, mode="before")
    @classmethod
    def _not_bool(cls, v):
        if isinstance(v, bool) or (
            isinstance(v, (list, tuple)) and any(isinstance(x, bool) for x in v)
        ):
            raise ValueError("expected a number, not true/false")
        return v

    @field_validator("anchor_days", mode="before")
    @classmethod
    def _days(cls, v):
        if isinstance(v, str):
            v = [v]
        out = []
        for d in v:
            key = str(d).strip().lower()
            key = _WEEKDAY_ALIASES.get(key, key)
            if key not in WEEKDAYS:
                raise ValueError(
                    f"unknown weekday '{d}'; expected one of {', '.join(WEEKDAYS)}"
                    " (or Danish mandag..fredag)"
                )
            out.append(key)
        return tuple(dict.fromkeys(out))

    @field_validator("weekday_profile")
    @classmethod
    def _profile(cls, v):
        if v is not None and (min(v) < 0 or sum(v) <= 0):
            raise ValueError(
                "weekday_profile needs 5 finite, non-negative weights (Mon..Fri) "
                "that are not all zero"
            )
        return v

    @field_validator("applies_to", mode="before")
    @classmethod
    def _applies(cls, v):
        return Selection.of(v)

    @model_validator(mode="after")
    def _consistent(self):
        if self.weekday_profile is not None and self.anchor_days:
            raise ValueError("give either weekday_profile or anchor_days, not both")
        return self

    def profile(self) -> tuple[float, ...] | None:
        """The weekday weights (Mon..Fri) this scenario implies, or None for flat."""
        if self.weekday_profile is not None:
            return tuple(self.weekday_profile)
        if self.anchor_days:
            return tuple(self.anchor_weight if d in self.anchor_days else 1.0 for d in WEEKDAYS)
        return None

    def replace(self, **changes: Any) -> Scenario:
        """A new scenario with some levers changed (validated again)."""
        return make_scenario({**self.model_dump(exclude={"kind"}), **changes})

    @classmethod
    def from_toml(cls, path: str | Path) -> Scenario:
        """Load one scenario from a TOML file (a ``[scenario]`` table or top-level keys)."""
        data = _read_toml(path)
        return make_scenario(data.get("scenario", data), source=str(path))


def _validation_text(err: ValidationError, data: dict, source: str) -> str:
    lines = [f"{source}: scenario '{data.get('name', '?')}' is not valid:"]
    for e in err.errors():
        loc = ".".join(str(x) for x in e["loc"]) or "(scenario)"
        found = e.get("input")
        found_txt = "" if isinstance(found, dict) else f" (found {found!r})"
        lever = str(e["loc"][0]) if e["loc"] else ""
        allowed = f"; allowed: {LEVER_RANGES[lever]}" if lever in LEVER_RANGES else ""
        lines.append(f"  - {loc}: {e['msg']}{found_txt}{allowed}")
    return "\n".join(lines)


def make_scenario(data: dict, source: str = "<dict>") -> Scenario:
    """Build a :class:`Scenario` from a mapping, turning validation errors into plain text."""
    try:
        return Scenario(**data)
    except ScenarioError as err:
        raise ScenarioError(str(err).replace("<Scenario>", source, 1)) from None


def _read_toml(path) -> dict:
    path = Path(path)
    if not path.exists():
        raise ScenarioError(f"scenario file not found: {path}")
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{path.name}: not valid TOML: {err}") from None


def load_scenarios(path: str | Path) -> list[Scenario]:
    """Load the scenarios of a TOML plan: a ``[base]`` table and variants that override it.

    Parameters
    ----------
    path : str or Path
        TOML file with either ``[[scenario]]`` entries, or ``[base]`` plus
        ``[variants.<name>]`` tables (each variant starts from the base and changes some
        levers), or a single ``[scenario]``. A ``[grid]`` table of lever lists (e.g.
        ``remote_days_per_week = [0, 1, 2, 3, 4, 5]`` and ``service_level = [0.9, 0.95]``)
        adds every combination, built on the base by :func:`scenario_grid`; with a grid the
        base is the grid's template and is not listed on its own.

    Returns
    -------
    list of Scenario
        The base first (when given and there is no grid), then the variants in file order,
        then the grid.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> plan = pathlib.Path(tempfile.mkdtemp()) / "plan.toml"
    >>> _ = plan.write_text('''
    ... [base]
    ... name = "base"
    ... uptake = 0.8
    ... [grid]
    ... remote_days_per_week = [0, 1, 2]
    ... service_level = [0.9, 0.95]
    ... ''')
    >>> [s.name for s in load_scenarios(plan)][:3]
    ['0 days, SL 0.90', '0 days, SL 0.95', '1 day, SL 0.90']
    """
    data = _read_toml(path)
    src = Path(path).name
    out: list[Scenario] = []
    if "scenario" in data:
        entries = data["scenario"]
        entries = entries if isinstance(entries, list) else [entries]
        out += [make_scenario(e, source=src) for e in entries]
    grid = data.get("grid")
    if grid is not None and not isinstance(grid, dict):
        raise ScenarioError(f"{src}: [grid] must be a table of lever = [values]")
    if "base" in data:
        base = dict(data["base"])
        base.setdefault("name", "base")
        base_scenario = make_scenario(base, source=src)
        if grid is None:
            out.append(base_scenario)
        for vname, over in data.get("variants", {}).items():
            changes = ", ".join(f"{k} = {v}" for k, v in over.items() if k != "description")
            desc = over.get("description", f"Variant of '{base['name']}': {changes}")
            out.append(
                make_scenario({**base, "name": vname, **over, "description": desc}, source=src)
            )
    if grid is not None:
        template = base_scenario if "base" in data else Scenario(name="grid")
        try:
            out += scenario_grid(template, **grid)
        except ScenarioError as err:
            raise ScenarioError(f"{src}: [grid]: {err}") from None
    if not out:
        raise ScenarioError(
            f"{src}: no scenarios found; expected [[scenario]] tables or a "
            "[base] table with [variants.<name>] tables (or a [grid])"
        )
    names = [s.name for s in out]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        raise ScenarioError(
            f"{src}: scenario names must be unique; repeated: {', '.join(sorted(dups))}"
        )
    return out


#: Most scenarios a grid may make (:func:`scenario_grid`, a ``[grid]`` table): each is a
#: validated object and a sweep's rows; a larger plan is almost always a typo.
MAX_GRID_SCENARIOS = 10_000

#: How :func:`scenario_grid` writes a lever's value in a scenario's name.
_GRID_NAMES = {
    "remote_days_per_week": lambda v: f"{v:g} day" + ("" if v == 1 else "s"),
    "uptake": lambda v: f"uptake {v:.0%}",
    "service_level": lambda v: f"SL {v:.2f}",
    "desk_ratio": lambda v: "service-level desks" if v is None else f"desk ratio {v:.2f}",
    "release_space": lambda v: f"release {v:.0%}",
    "virtual_meeting_share": lambda v: f"virtual {v:.0%}",
    "screen_visit_share": lambda v: f"screen visits {v:.0%}",
    "anchor_days": lambda v: (
        "no anchor days"
        if not v
        else "anchors " + "+".join(str(d).title() for d in ([v] if isinstance(v, str) else v))
    ),
}


def scenario_grid(base: Scenario, **levers: Any) -> list[Scenario]:
    """Every combination of some levers' values, each a variant of a base scenario.

    Parameters
    ----------
    base : Scenario
        The scenario whose other levers every grid point keeps.
    **levers : list
        Lever name to the values it takes, e.g. ``remote_days_per_week=[0, 1, 2, 3, 4, 5]``,
        ``service_level=[0.9, 0.95]``. Any field of :class:`Scenario` except ``name``.

    Returns
    -------
    list of Scenario
        The cartesian product, the last lever varying fastest, named by their values
        (``"2 days, SL 0.90"``), each validated like any scenario.

    Raises
    ------
    ScenarioError
        For an unknown lever, an empty list of values, a value out of range, or more than
        :data:`MAX_GRID_SCENARIOS` (10,000) combinations.

    Examples
    --------
    >>> grid = scenario_grid(Scenario(name="base", uptake=0.8),
    ...                      remote_days_per_week=[0, 1, 2, 3, 4, 5], service_level=[0.9, 0.95])
    >>> len(grid), grid[5].name, grid[5].uptake
    (12, '2 days, SL 0.95', 0.8)
    """
    import itertools

    fields = [f for f in Scenario.model_fields if f not in ("name", "kind")]
    unknown = [k for k in levers if k not in fields]
    if unknown:
        raise ScenarioError(
            f"unknown lever(s) {', '.join(unknown)}; levers are {', '.join(fields)}"
        )
    values = {
        k: (
            list(v)
            if (isinstance(v, (list, tuple)) and k != "weekday_profile")
            or (k == "weekday_profile" and v and isinstance(v[0], (list, tuple)))
            else [v]
        )
        for k, v in levers.items()
    }
    empty = [k for k, v in values.items() if not v]
    if empty:
        raise ScenarioError(f"lever(s) {', '.join(empty)} have no values")
    n = math.prod(len(v) for v in values.values())
    if n > MAX_GRID_SCENARIOS:
        sizes = " x ".join(f"{len(v):,} {k}" for k, v in values.items())
        raise ScenarioError(
            f"the grid makes {n:,} scenarios ({sizes}); at most {MAX_GRID_SCENARIOS:,} are "
            "allowed: give fewer values, or split the plan into several files"
        )
    combos = list(itertools.product(*values.values()))

    def name(combo, plain=False):
        parts = []
        for k, v in zip(values, combo, strict=True):
            parts.append(f"{k} = {v}" if plain or k not in _GRID_NAMES else _GRID_NAMES[k](v))
        return ", ".join(parts) or base.name

    names = [name(c) for c in combos]
    if len(set(names)) < len(names):  # values too close for the short names
        names = [name(c, plain=True) for c in combos]
    out = []
    base_data = base.model_dump(exclude={"kind"})
    for combo, nm in zip(combos, names, strict=True):
        changes = dict(zip(values, combo, strict=True))
        desc = f"Grid on '{base.name}': " + ", ".join(f"{k} = {v}" for k, v in changes.items())
        out.append(
            make_scenario({**base_data, **changes, "name": nm, "description": desc}, source="grid")
        )
    return out


#: Policy levers that a sweep writes as columns beside every row (NaN: not set).
LEVERS: tuple[str, ...] = (
    "remote_days_per_week",
    "uptake",
    "service_level",
    "desk_ratio",
    "release_space",
    "virtual_meeting_share",
    "screen_visit_share",
)


def lever_values(scenario: Scenario) -> dict[str, float]:
    """The :data:`LEVERS` of a scenario as floats (NaN where a lever is not set).

    Examples
    --------
    >>> lever_values(Scenario(name="x", remote_days_per_week=2))["desk_ratio"]
    nan
    """
    return {
        k: (math.nan if getattr(scenario, k) is None else float(getattr(scenario, k)))
        for k in LEVERS
    }
