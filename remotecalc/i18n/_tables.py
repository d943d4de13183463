"""Loading the label tables (``remotecalc/i18n/tables/*.toml``): text is data, not code."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def load_table(name: str) -> dict[str, Any]:
    """The table ``tables/<name>.toml`` as a dict (in the file's order)."""
    with resources.files("remotecalc.i18n").joinpath("tables", f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)
