"""Loading the label tables (``remotecalc/i18n/tables/*.toml``): text is data, not code.

A table is ``tables/<name>.toml`` plus any topic files ``tables/<name>-<topic>.toml``
(``texts-relocation.toml``, ``notes-readers.toml``), read in name order; a key defined in
two files is an error, so a topic file adds entries and never silently replaces one. A group
of entries (``[mode_names."carpool"]`` in ``labels-readers.toml``) adds to the group of that
name, under the same rule: an entry of the group defined twice is an error.
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
        twice = sorted(set(out) & set(table))
        groups = [k for k in twice if _is_group(out[k]) and _is_group(table[k])]
        for k in groups:
            again = sorted(set(out[k]) & set(table[k]))
            if again:
                raise ValueError(f"i18n table {name!r}: {f.name} defines again {k}.{again}")
            out[k] = {**out[k], **table[k]}
        twice = [k for k in twice if k not in groups]
        if twice:
            raise ValueError(f"i18n table {name!r}: {f.name} defines again {twice}")
        out.update({k: v for k, v in table.items() if k not in groups})
    return out


def _is_group(value: Any) -> bool:
    """A group of entries (a table of tables), not an entry (a table of texts)."""
    return (
        isinstance(value, dict) and bool(value) and all(isinstance(v, dict) for v in value.values())
    )
