"""Loading the label tables (``remotecalc/i18n/tables/*.toml``): text is data, not code.

A table is ``tables/<name>.toml`` plus any topic files ``tables/<name>-<topic>.toml``
(``texts-relocation.toml``, ``notes-readers.toml``), read in name order; a key defined in
two files is an error, so a topic file adds entries and never silently replaces one. Groups
of entries (``[parameter_labels."key"]``) take entries from several files the same way.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def load_table(name: str) -> dict[str, Any]:
    """The table ``name`` (its main file, then its topic files) as one dict, in file order."""
    folder = resources.files("remotecalc.i18n").joinpath("tables")
    files = [folder.joinpath(f"{name}.toml")] + sorted(
        (f for f in folder.iterdir() if f.name.startswith(f"{name}-") and f.name.endswith(".toml")),
        key=lambda f: f.name,
    )
    out: dict[str, Any] = {}
    for f in files:
        with f.open("rb") as fh:
            table = tomllib.load(fh)
        # a table of tables (labels: mode_field_labels, parameter_labels) is merged one
        # level down, with the same rule: a key defined twice is an error
        nested = {k for k in set(out) & set(table) if _is_group(out[k]) and _is_group(table[k])}
        twice = sorted(set(out) & set(table) - nested)
        twice += sorted(f"{k}.{e}" for k in nested for e in set(out[k]) & set(table[k]))
        if twice:
            raise ValueError(f"i18n table {name!r}: {f.name} defines again {twice}")
        for k, v in table.items():
            out[k] = {**out[k], **v} if k in nested else v
    return out


def _is_group(x: Any) -> bool:
    """A table whose values are all tables (a group of entries, not one entry)."""
    return isinstance(x, dict) and bool(x) and all(isinstance(v, dict) for v in x.values())
