"""Write the example organisation: ``staff.csv`` and ``sites.csv`` (UTF-8, comma-separated).

The files are ``remotecalc.datasets.demo.demo_tables(2000, seed=0)``: a synthetic but
realistic Danish municipal employer modelled on Roskilde Kommune (see that module for what is
illustrative and what is calibrated to which statistic). Re-run after changing the generator::

    .venv/bin/python data/examples/make_examples.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
N_EMPLOYEES = 2000
SEED = 0

try:
    from remotecalc.datasets.demo import demo_tables
except ImportError:  # running from a checkout without the package installed
    sys.path.insert(0, str(HERE.parents[1]))
    from remotecalc.datasets.demo import demo_tables


def write_examples(out_dir: Path = HERE) -> tuple[Path, Path]:
    """Write ``staff.csv`` and ``sites.csv`` into ``out_dir``; return their paths."""
    staff, sites = demo_tables(N_EMPLOYEES, seed=SEED)
    staff_path, sites_path = out_dir / "staff.csv", out_dir / "sites.csv"
    staff.to_csv(staff_path, index=False, encoding="utf-8", lineterminator="\n")
    sites.to_csv(sites_path, index=False, encoding="utf-8", lineterminator="\n")
    return staff_path, sites_path


if __name__ == "__main__":
    for path in write_examples():
        print(f"wrote {path}")
