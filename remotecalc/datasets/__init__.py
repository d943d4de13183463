"""Example data: a synthetic Danish municipal employer (no real person is in it)."""

from __future__ import annotations

from remotecalc.datasets.demo import STAFF_EXTRA_COLUMNS, demo_tables, demo_work_trips, load_towns
from remotecalc.inputs.readers import read_sites, read_staffing
from remotecalc.inputs.workforce import Workforce

__all__ = [
    "STAFF_EXTRA_COLUMNS",
    "demo_tables",
    "demo_work_trips",
    "demo_workforce",
    "load_towns",
]


def demo_workforce(n_employees: int = 2000, seed: int | None = 0) -> Workforce:
    """The demo organisation (Roskilde Kommune, illustrative) as a validated Workforce.

    Parameters
    ----------
    n_employees : int, default 2000
        Number of employees to generate.
    seed : int or None, default 0
        Seed of the generator; the same seed gives the same organisation.

    Returns
    -------
    Workforce
        Read through the same validation as an employer's own file
        (``provenance['file'] == '<DataFrame>'``).

    Examples
    --------
    >>> wf = demo_workforce(300, seed=1)
    >>> wf.n_employees, len(wf.sites)
    (300, 9)
    """
    staff, sites = demo_tables(n_employees=n_employees, seed=seed)
    return read_staffing(staff, sites=read_sites(sites))
