"""`--column-map map.toml` on the command line; workbooks saved as .csv on every path."""

from __future__ import annotations

import io

import pandas as pd
from typer.testing import CliRunner

from remotecalc.cli.main import app

runner = CliRunner()

STAFF = "Person,Sted,Hvordan,Km til arbejde,Dage\nA,R1,bil,12.5,3\nB,R1,cykel,3,5\n"
SITES = "Kontor,Bredde,Længde,Kvadratmeter\nR1,55.64,12.08,1200\n"
MAP = """\
Person = "employee_id"
Sted = "site_id"
Hvordan = "mode"
"Km til arbejde" = "one_way_km"
Dage = "onsite_days_per_week"

[sites]
Kontor = "site_id"
Kvadratmeter = "area_m2"
"""


def test_validate_with_column_map(tmp_path):
    (tmp_path / "s.csv").write_text(STAFF, encoding="utf-8")
    (tmp_path / "o.csv").write_text(SITES, encoding="utf-8")
    (tmp_path / "map.toml").write_text(MAP, encoding="utf-8")
    args = ["validate", str(tmp_path / "s.csv"), "--sites", str(tmp_path / "o.csv")]
    r = runner.invoke(app, [*args, "--column-map", str(tmp_path / "map.toml")])
    assert r.exit_code == 0, r.output
    assert "2 rows read = 2 usable" in r.output
    r = runner.invoke(app, args)  # without the map: a missing column, with a hint
    assert r.exit_code == 1 and "required column" in r.output


def test_column_map_names_a_wrong_target(tmp_path):
    (tmp_path / "s.csv").write_text(STAFF, encoding="utf-8")
    (tmp_path / "map.toml").write_text('Person = "employe_id"\n', encoding="utf-8")
    r = runner.invoke(
        app, ["validate", str(tmp_path / "s.csv"), "--column-map", str(tmp_path / "map.toml")]
    )
    assert r.exit_code == 1 and "expected a canonical column name" in r.output


def test_xlsx_saved_as_csv_on_every_path(tmp_path):
    buf = io.BytesIO()
    pd.DataFrame(
        {"employee_id": ["A"], "site_id": ["R1"], "mode": ["car"], "one_way_km": [3.5]}
    ).to_excel(buf, index=False)
    p = tmp_path / "staff.csv"
    p.write_bytes(buf.getvalue())
    r = runner.invoke(app, ["validate", str(p)])
    assert r.exit_code == 0 and "read as a workbook" in r.output, r.output
    r = runner.invoke(app, ["to-parquet", str(p), str(tmp_path / "pq")])
    assert r.exit_code == 1 and "Excel workbook" in r.output, r.output
    assert "UnicodeDecodeError" not in r.output


def test_column_map_on_assess_sweep_and_report(tmp_path):
    """The same map works wherever staff are read (a 2-person file: allowed explicitly)."""
    (tmp_path / "s.csv").write_text(STAFF, encoding="utf-8")
    (tmp_path / "o.csv").write_text(SITES, encoding="utf-8")
    (tmp_path / "map.toml").write_text(MAP, encoding="utf-8")
    common = ["--sites", str(tmp_path / "o.csv"), "--column-map", str(tmp_path / "map.toml")]
    r = runner.invoke(
        app,
        ["assess", str(tmp_path / "s.csv"), *common, "--remote-days", "2", "--allow-small-groups"],
    )
    assert r.exit_code == 0, r.output
    assert "Commute distance" in r.output
    plan = tmp_path / "plan.toml"
    plan.write_text('[scenario]\nname = "2 days"\nremote_days_per_week = 2\n', encoding="utf-8")
    r = runner.invoke(
        app,
        [
            "sweep",
            str(tmp_path / "s.csv"),
            *common,
            "--scenarios",
            str(plan),
            "--out",
            str(tmp_path / "sw"),
        ],
    )
    # read with the map; a 2-person workforce is refused (privacy) unless allowed
    assert r.exit_code == 1 and "fewer than the minimum group size" in r.output, r.output
    r = runner.invoke(
        app,
        [
            "sweep",
            str(tmp_path / "s.csv"),
            *common,
            "--scenarios",
            str(plan),
            "--out",
            str(tmp_path / "sw"),
            "--allow-small-groups",
        ],
    )
    assert r.exit_code == 0 and "Commute distance" in r.output, r.output
    r = runner.invoke(
        app,
        [
            "report",
            str(tmp_path / "s.csv"),
            *common,
            "--remote-days",
            "2",
            "--out",
            str(tmp_path / "rep"),
            "--format",
            "xlsx",
        ],
    )
    # read with the map; refused only because 2 people are fewer than the minimum group size
    assert r.exit_code == 1 and "fewer than the minimum group size" in r.output, r.output


def test_danish_lokalitet_names_the_site_in_staff_and_sites_files(tmp_path):
    """'Lokalitet' is what the Danish report calls a site: an HR export using it is read."""
    import remotecalc as rc

    staff = tmp_path / "staff.csv"
    staff.write_text(
        "Medarbejdernr;Lokalitet;Transportmiddel;Afstand (km)\nE1;RAAD;bil;12,5\nE2;RAAD;cykel;3\n",
        encoding="cp1252",
    )
    sites = tmp_path / "sites.csv"
    sites.write_text(
        "Lokalitet;Lokalitetsnavn;Breddegrad;Længdegrad\nRAAD;Rådhuset;55,6376;12,0933\n",
        encoding="cp1252",
    )
    wf = rc.read_staffing(staff, sites=sites)
    assert wf.staff["site_id"].astype(str).tolist() == ["RAAD", "RAAD"]
    assert wf.sites["site_name"].tolist() == ["Rådhuset"]
