"""Shared fixtures. Reference data is read from ../shared/data (never copied into the repo)."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def shared_file(*parts) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared reference data not found at {path} (expected ../shared/data "
                    "beside the project)")
    return path


@pytest.fixture
def dk_postcodes() -> Path:
    return shared_file("dk", "postcodes.csv")


@pytest.fixture
def dk_municipalities() -> Path:
    return shared_file("dk", "municipalities.csv")
