"""Synthetic staff tables at scale for the benchmarks (no personal data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

MODES = np.array(["car", "car_ev", "bicycle", "train", "bus", "walk", "ebike"])
P = np.array([0.55, 0.07, 0.18, 0.08, 0.05, 0.04, 0.03])


def synthetic_staff(n: int, seed: int = 0, n_sites: int = 50) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (staff, sites) with homes scattered over Zealand (Denmark)."""
    rng = np.random.default_rng(seed)
    sites = pd.DataFrame(
        {
            "site_id": [f"S{i:03d}" for i in range(n_sites)],
            "lat": rng.uniform(55.3, 56.0, n_sites),
            "lon": rng.uniform(11.5, 12.6, n_sites),
            "area_m2": rng.uniform(500, 20000, n_sites).round(),
            "desks": rng.integers(40, 1500, n_sites),
        }
    )
    staff = pd.DataFrame(
        {
            "employee_id": np.char.add("E", np.arange(n).astype(str)),
            "site_id": sites["site_id"].to_numpy()[rng.integers(0, n_sites, n)],
            "mode": MODES[rng.choice(len(MODES), n, p=P)],
            "fte": rng.choice([1.0, 0.8, 0.6, 0.5], n, p=[0.7, 0.15, 0.1, 0.05]),
            "onsite_days_per_week": rng.choice([5.0, 4.0, 3.0], n, p=[0.7, 0.2, 0.1]),
            "home_lat": rng.uniform(55.2, 56.1, n).round(5),
            "home_lon": rng.uniform(11.3, 12.7, n).round(5),
            "teleworkable": rng.uniform(0, 1, n).round(2),
            "department": np.array(["A", "B", "C", "D"])[rng.integers(0, 4, n)],
        }
    )
    return staff, sites
