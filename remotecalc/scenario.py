"""Scenarios: the policy levers of a remote-work policy, as a frozen, validated object.

A scenario says how many remote days a week are granted (capped per employee by how
teleworkable the job is), how many take it up, on which weekdays people come in, how desks are
provided, whether surplus office space is given up, and to whom it applies. Scenarios load
from TOML files a policy officer can read and edit.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, \
    model_validator

from .errors import ScenarioError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
_WEEKDAY_ALIASES = {
    "monday": "mon", "mandag": "mon", "man": "mon",
    "tuesday": "tue", "tirsdag": "tue", "tir": "tue", "tues": "tue",
    "wednesday": "wed", "onsdag": "wed", "ons": "wed",
    "thursday": "thu", "torsdag": "thu", "tor": "thu", "thur": "thu", "thurs": "thu",
    "friday": "fri", "fredag": "fri", "fre": "fri",
}


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
    description : str
        Free text for reports.

    Examples
    --------
    >>> Scenario(name="2 days home", remote_days_per_week=2, anchor_days=("tue", "thu"))
    ... # doctest: +ELLIPSIS
    Scenario(name='2 days home', remote_days_per_week=2.0, ...)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    applies_to: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    wanted_days_column: str | None = None
    description: str = ""
    kind: Literal["policy"] = "policy"

    def __init__(self, **data):
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise ScenarioError(_validation_text(err, data, "<Scenario>")) from None

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
                raise ValueError(f"unknown weekday '{d}'; expected one of {', '.join(WEEKDAYS)}"
                                 " (or Danish mandag..fredag)")
            out.append(key)
        return tuple(dict.fromkeys(out))

    @field_validator("weekday_profile")
    @classmethod
    def _profile(cls, v):
        if v is not None and (min(v) < 0 or sum(v) <= 0):
            raise ValueError("weekday_profile needs 5 non-negative weights (Mon..Fri) that "
                             "are not all zero")
        return v

    @field_validator("applies_to", mode="before")
    @classmethod
    def _applies(cls, v):
        if v is None:
            return {}
        return {str(k): tuple(str(x) for x in (vals if isinstance(vals, (list, tuple))
                                                else [vals])) for k, vals in dict(v).items()}

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

    def replace(self, **changes) -> "Scenario":
        """A new scenario with some levers changed (validated again)."""
        return make_scenario({**self.model_dump(exclude={"kind"}), **changes})

    @classmethod
    def from_toml(cls, path: str | Path) -> "Scenario":
        """Load one scenario from a TOML file (a ``[scenario]`` table or top-level keys)."""
        data = _read_toml(path)
        return make_scenario(data.get("scenario", data), source=str(path))


def _validation_text(err: ValidationError, data: dict, source: str) -> str:
    lines = [f"{source}: scenario '{data.get('name', '?')}' is not valid:"]
    for e in err.errors():
        loc = ".".join(str(x) for x in e["loc"]) or "(scenario)"
        found = e.get("input")
        found_txt = "" if isinstance(found, dict) else f" (found {found!r})"
        lines.append(f"  - {loc}: {e['msg']}{found_txt}")
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
        levers), or a single ``[scenario]``.

    Returns
    -------
    list of Scenario
        The base first (when given), then the variants in file order.
    """
    data = _read_toml(path)
    src = Path(path).name
    out: list[Scenario] = []
    if "scenario" in data:
        entries = data["scenario"]
        entries = entries if isinstance(entries, list) else [entries]
        out += [make_scenario(e, source=src) for e in entries]
    if "base" in data:
        base = dict(data["base"])
        base.setdefault("name", "base")
        out.append(make_scenario(base, source=src))
        for vname, over in data.get("variants", {}).items():
            changes = ", ".join(f"{k} = {v}" for k, v in over.items() if k != "description")
            desc = over.get("description", f"Variant of '{base['name']}': {changes}")
            out.append(make_scenario({**base, "name": vname, **over, "description": desc},
                                     source=src))
    if not out:
        raise ScenarioError(f"{src}: no scenarios found; expected [[scenario]] tables or a "
                            "[base] table with [variants.<name>] tables")
    names = [s.name for s in out]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        raise ScenarioError(f"{src}: scenario names must be unique; repeated: "
                            f"{', '.join(sorted(dups))}")
    return out
