"""Derive ``remotecalc/data/dk_zone_areas.csv``: area per Danish postcode and municipality.

Reads the DAGI boundaries in ``../shared/data/dk`` (``postnumre.geojson``,
``kommuner.geojson``; Geodatastyrelsen og Danske Kommuner, DAGI 1:500,000, 2014) and
measures each zone with :func:`remotecalc.inputs.geography.zone_areas_from_geojson` (spherical
polygon area, no geopandas). Only the derived areas are stored in the repository, never the
boundary files. Run from the repository's root::

    python scripts/derive_zone_areas.py [path/to/shared/data/dk]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from remotecalc.inputs.geography import ZONE_AREAS_FILE, zone_areas_from_geojson

ROOT = Path(__file__).resolve().parents[1]


def derive(data_dir: Path) -> pd.DataFrame:
    """The table: ``kind, code, area_km2`` (km², 2 decimals)."""
    parts = [
        zone_areas_from_geojson(data_dir / "postnumre.geojson", "POSTNR_TXT", "postcode"),
        zone_areas_from_geojson(data_dir / "kommuner.geojson", "KOMKODE", "municipality"),
    ]
    out = pd.concat(parts, ignore_index=True)
    out["area_km2"] = out["area_km2"].round(2)
    return out


def main(argv: list[str]) -> None:
    data_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "dk"
    out = derive(data_dir)
    target = ROOT / "remotecalc" / "data" / ZONE_AREAS_FILE
    out.to_csv(target, index=False, lineterminator="\n")
    print(f"{target}: {len(out)} zones from {data_dir}")


if __name__ == "__main__":
    main(sys.argv)
