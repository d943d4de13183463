"""Loading the label tables (``remotecalc/i18n/tables/*.toml``): text is data, not code.

A table is ``tables/<name>.toml`` plus any topic files ``tables/<name>-<topic>.toml``
(``texts-relocation.toml``, ``notes-readers.toml``), read in name order; a key defined in
two files is an error, so a topic file adds entries and never silently replaces one.
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
        if twice:
            raise ValueError(f"i18n table {name!r}: {f.name} defines again {twice}")
        out.update(table)
    return out
