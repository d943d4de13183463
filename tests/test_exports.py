"""Every XLSX and CSV the package writes is safe to open, and outputs are robust.

Names from the user's data that start with ``= + - @``, tab or CR never become formulas;
numbers stay numbers; file names are unique and short; ``--out`` naming a file, no row
left after ``--lenient``, a huge grid, ``$`` in names and Parquet files that differ in
optional columns all end in a clear message or a working result.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc import plotting
from remotecalc.cli.main import app
from remotecalc.errors import ScenarioError
from remotecalc.exports import (
    DANGEROUS_PREFIXES,
    MAX_STEM_LENGTH,
    file_stems,
    safe_frame,
    write_csv,
    write_xlsx,
)
from remotecalc.inputs.scenario import MAX_GRID_SCENARIOS, scenario_grid

ROOT = Path(__file__).resolve().parents[1]
STAFF = ROOT / "data" / "examples" / "staff.csv"
SITES = ROOT / "data" / "examples" / "sites.csv"
runner = CliRunner()

PREFIXES = ["=", "+", "-", "@", "\t", "\r"]
#: Scenario names, one per dangerous first character (TOML escapes for tab and CR).
SCENARIOS_TOML = """
[[scenario]]
name = "=HYPERLINK(\\"http://x\\";\\"2 days\\")"
remote_days_per_week = 2

[[scenario]]
name = "+1 day"
remote_days_per_week = 1

[[scenario]]
name = "-5 dage"
remote_days_per_week = 3

[[scenario]]
name = "@SUM(1)"
remote_days_per_week = 1.5

[[scenario]]
name = "\\t2.5 days"
remote_days_per_week = 2.5

[[scenario]]
name = "\\rfour days"
remote_days_per_week = 4
"""


def _hostile_files(tmp_path: Path, bad_rows: bool = True) -> tuple[Path, Path, Path]:
    """The example staff and sites with every department, unit and site name starting
    with a dangerous character (one department also holds mathtext), and a scenario plan
    named likewise."""
    staff = pd.read_csv(STAFF, dtype=str)
    sites = pd.read_csv(SITES, dtype=str)
    deps = sorted(staff["department"].unique())
    dep_map = {d: PREFIXES[i % 6] + d for i, d in enumerate(deps)}
    dep_map[deps[0]] = "=Team $\\foo{$"  # also not mathtext in the report's figures
    staff["department"] = staff["department"].map(dep_map)
    units = sorted(staff["unit"].unique())
    staff["unit"] = staff["unit"].map({u: PREFIXES[i % 6] + u for i, u in enumerate(units)})
    sites["site_name"] = [PREFIXES[i % 6] + n for i, n in enumerate(sites["site_name"])]
    if bad_rows:  # excluded rows (user text in them too) for validate --excluded-out
        staff.loc[3, "fte"] = "-5 dage"
        staff.loc[7, "mode"] = "=cmd|' /C calc'!A0"
    paths = tmp_path / "staff.csv", tmp_path / "sites.csv", tmp_path / "plan.toml"
    staff.to_csv(paths[0], index=False, quoting=csv.QUOTE_ALL)  # CR in quotes
    sites.to_csv(paths[1], index=False, quoting=csv.QUOTE_ALL)
    paths[2].write_text(SCENARIOS_TOML, encoding="utf-8")
    return paths


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_xlsx(path: Path) -> tuple[int, int]:
    """No formula anywhere; returns (numeric cells, text cells with a dangerous start)."""
    wb = openpyxl.load_workbook(path)
    numbers = dangerous = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name}!{ws.title}!{cell.coordinate}"
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    numbers += 1
                elif isinstance(cell.value, str) and cell.value.startswith(DANGEROUS_PREFIXES):
                    dangerous += 1  # a string cell: shown as text, never evaluated
    return numbers, dangerous


def _check_csv(path: Path) -> int:
    """No field starts with a dangerous character unless it is a number; returns the
    number of neutralised (quote-prefixed) fields."""
    neutralised = 0
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            for field in row:
                if field.startswith(DANGEROUS_PREFIXES):
                    assert _is_number(field), f"{path.name}: unescaped {field!r}"
                if field.startswith("'") and field[1:2] in PREFIXES:
                    neutralised += 1
    return neutralised


def test_safe_frame_prefixes_text_and_keeps_numbers():
    df = pd.DataFrame(
        {
            "name": ["=1+1", "+a", "-5 dage", "@x", "\tt", "\rr", "plain", None],
            "value": [-5, 1, 2, 3, 4, 5, 6, 7],
            "mixed": [-1.5, "=2", 3, "x", None, "-", "a", 2],
            "cat": pd.Categorical(["=a", "b"] * 4),
        },
        index=[f"@i{i}" for i in range(8)],
    ).rename(columns={"value": "=value"})
    out = safe_frame(df)
    assert list(out["name"][:6]) == ["'" + v for v in df["name"][:6]]
    assert out["name"].iloc[6] == "plain" and pd.isna(out["name"].iloc[7])
    assert out["'=value"].tolist() == [-5, 1, 2, 3, 4, 5, 6, 7]
    assert out["'=value"].dtype == df["=value"].dtype  # numbers stay numbers
    assert out["mixed"].tolist()[:4] == [-1.5, "'=2", 3, "x"]  # numbers in text columns too
    assert out["cat"].iloc[0] == "'=a" and out.index[0] == "'@i0"
    assert df["name"].iloc[0] == "=1+1"  # the caller's frame is not changed
    clean = pd.DataFrame({"a": ["x"], "b": [-1]})
    assert safe_frame(clean) is clean


def test_write_xlsx_and_csv_round_trip(tmp_path):
    df = pd.DataFrame({"name": ["=SUM(A1:A2)", "-5 dage", "ok"], "v": [-5, 2.5, 0]})
    write_xlsx({"Sheet": df, "=bad/name": df}, tmp_path / "a.xlsx", index=("Sheet",))
    numbers, dangerous = _check_xlsx(tmp_path / "a.xlsx")
    assert numbers == 6 + 3 and dangerous == 4  # the index (0, 1, 2) is numeric too
    back = pd.read_excel(tmp_path / "a.xlsx", sheet_name=1)
    pd.testing.assert_frame_equal(back, df)  # XLSX keeps the text exactly, as text
    write_csv(df, tmp_path / "a.csv")
    assert _check_csv(tmp_path / "a.csv") == 2
    back = pd.read_csv(tmp_path / "a.csv")
    assert back["v"].tolist() == [-5, 2.5, 0]
    assert back["name"].tolist() == ["'=SUM(A1:A2)", "'-5 dage", "ok"]


def test_every_workbook_and_csv_written_has_no_formula_from_user_text(tmp_path):
    staff, sites, plan = _hostile_files(tmp_path)
    out = tmp_path / "out"
    # validate --excluded-out
    r = runner.invoke(
        app,
        ["validate", str(staff), "--sites", str(sites), "--lenient"]
        + ["--excluded-out", str(out / "excluded.csv")],
    )
    assert r.exit_code == 0, r.output
    # assess: summary.csv, summary.xlsx, one workbook per scenario
    r = runner.invoke(
        app,
        ["assess", str(staff), "--sites", str(sites), "--scenario", str(plan), "--lenient"]
        + ["--out", str(out / "assess")],
    )
    assert r.exit_code == 0, r.output
    # sweep: sweep.csv
    r = runner.invoke(
        app,
        ["sweep", str(staff), "--sites", str(sites), "--scenarios", str(plan), "--lenient"]
        + ["--out", str(out / "sweep"), "--no-progress"],
    )
    assert r.exit_code == 0, r.output
    # report.xlsx (its figures draw the names too, one of them with '$')
    r = runner.invoke(
        app,
        ["report", str(staff), "--sites", str(sites), "--scenario", str(plan), "--lenient"]
        + ["--out", str(out / "report"), "--format", "xlsx", "--no-ranges", "--dpi", "40"],
    )
    assert r.exit_code == 0, r.output
    # Assessment.to_excel, with the employees' sheet
    wf = rc.read_staffing(staff, sites=sites, strict=False)
    res = rc.assess(wf, rc.load_scenarios(plan)[0])
    res.to_excel(out / "api.xlsx", include_employees=True)

    workbooks = sorted(out.rglob("*.xlsx"))
    csvs = sorted(out.rglob("*.csv"))
    names = {p.relative_to(out).as_posix() for p in workbooks + csvs}
    assert {
        "excluded.csv",
        "assess/summary.csv",
        "assess/summary.xlsx",
        "sweep/sweep.csv",
        "report/report.xlsx",
        "api.xlsx",
    } <= names
    assert len([n for n in names if n.startswith("assess/assessment_")]) == 6
    for path in workbooks:
        numbers, dangerous = _check_xlsx(path)
        assert numbers > 0, path  # numbers stay numbers
        assert dangerous > 0, path  # and the hostile names are there, as text
    for path in csvs:
        assert _check_csv(path) > 0, path
    # numbers stay numeric
    summary = pd.read_csv(out / "assess" / "summary.csv")
    for col in ("baseline", "scenario", "change"):
        assert pd.api.types.is_float_dtype(summary[col])
    assert (summary["change"] < 0).any()  # negative numbers were not prefixed
    assert set(summary["scenario_name"]) >= {"'-5 dage", "'+1 day", "'@SUM(1)"}
    xl = pd.read_excel(out / "assess" / "summary.xlsx", sheet_name="Summary")
    assert "-5 dage" in set(xl["scenario_name"]) and pd.api.types.is_float_dtype(xl["change"])
    sites_sheet = pd.read_excel(out / "api.xlsx", sheet_name="Sites")
    assert sites_sheet["site_name"].str.startswith("=").any()
    employees = pd.read_excel(out / "api.xlsx", sheet_name="Employees")
    assert employees["department"].str.startswith("=").any()
    assert pd.api.types.is_float_dtype(employees["one_way_km"])
    excluded = pd.read_csv(out / "excluded.csv")
    assert "'=cmd|' /C calc'!A0" in set(excluded["mode"])
    assert pd.api.types.is_integer_dtype(excluded["source_row"])


def test_file_names_are_unique_and_short():
    long = "x" * 300
    stems = file_stems(["2 days", "2_days", "2 DAYS", long, long + "y", ""])
    assert stems[:3] == ["2_days", "2_days_2", "2 DAYS".replace(" ", "_") + "_3"]
    assert len({s.casefold() for s in stems}) == len(stems)
    assert all(0 < len(s) <= MAX_STEM_LENGTH for s in stems)


def test_scenario_workbooks_never_overwrite_each_other(tmp_path):
    plan = tmp_path / "plan.toml"
    long = "a very long scenario name " * 12  # 300 characters
    plan.write_text(
        '[[scenario]]\nname = "2 days"\nremote_days_per_week = 2\n'
        '[[scenario]]\nname = "2_days"\nremote_days_per_week = 1\n'
        f'[[scenario]]\nname = "{long}"\nremote_days_per_week = 3\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = runner.invoke(
        app,
        ["assess", str(STAFF), "--sites", str(SITES), "--scenario", str(plan)]
        + ["--out", str(out), "--employees-out", str(tmp_path / "emp")],
    )
    assert r.exit_code == 0, r.output
    books = sorted(p.name for p in out.glob("assessment_*.xlsx"))
    assert len(books) == 3 and "assessment_2_days.xlsx" in books
    assert "assessment_2_days_2.xlsx" in books
    assert all(len(b) < 100 for b in books)
    levers = {
        b: pd.read_excel(out / b, sheet_name="Scenario").set_index("lever").loc["name", "value"]
        for b in books
    }
    assert sorted(levers.values()) == sorted(["2 days", "2_days", long])
    assert len(list((tmp_path / "emp").glob("employees_*.parquet"))) == 3


@pytest.mark.parametrize(
    "command",
    [
        ["assess", str(STAFF), "--sites", str(SITES), "--remote-days", "2", "--out"],
        ["assess", str(STAFF), "--sites", str(SITES), "--remote-days", "2", "--employees-out"],
        ["sweep", str(STAFF), "--sites", str(SITES), "--scenarios", "x.toml", "--out"],
        ["report", str(STAFF), "--sites", str(SITES), "--remote-days", "2", "--out"],
        ["demo", "--no-report", "--out"],
    ],
    ids=["assess", "employees-out", "sweep", "report", "demo"],
)
def test_out_naming_an_existing_file_is_a_clear_error(tmp_path, command):
    existing = tmp_path / "results.xlsx"
    existing.write_text("not a folder")
    r = runner.invoke(app, [*command, str(existing)])
    assert r.exit_code == 1
    assert "is an existing file, not a folder" in r.output
    assert existing.read_text() == "not a folder"


def test_excluded_out_naming_a_folder_is_a_clear_error(tmp_path):
    r = runner.invoke(app, ["validate", str(STAFF), "--excluded-out", str(tmp_path)])
    assert r.exit_code == 1
    assert "is a folder; give a file name" in r.output


def test_report_out_naming_a_file_raises():
    with pytest.raises(NotADirectoryError, match="not a folder"):
        rc.report(None, [], "dk-2025", out=STAFF)


@pytest.mark.parametrize("command", ["validate", "assess", "report", "sweep"])
def test_lenient_with_no_row_left_exits_non_zero(tmp_path, command):
    staff = pd.read_csv(STAFF, dtype=str).head(20)
    staff["fte"] = "-1"  # no working time, in any unit (9 would now read as weekly hours)
    bad = tmp_path / "bad.csv"
    staff.to_csv(bad, index=False)
    args = [command, str(bad), "--sites", str(SITES), "--lenient"]
    if command in ("assess", "report"):
        args += ["--remote-days", "2", "--out", str(tmp_path / "out")]
    if command == "sweep":
        plan = tmp_path / "plan.toml"
        plan.write_text('[[scenario]]\nname = "a"\nremote_days_per_week = 2\n')
        args += ["--scenarios", str(plan), "--out", str(tmp_path / "out")]
    r = runner.invoke(app, args)
    assert r.exit_code == 1, r.output
    assert "no usable staff row is left (20 read, 20 excluded)" in r.output
    assert "--lenient excluded every row" in r.output
    assert not (tmp_path / "out").exists()


def test_grid_above_the_cap_is_refused(tmp_path):
    base = rc.Scenario(name="base")
    levers = {
        "remote_days_per_week": list(np.linspace(0, 5, 101)),
        "uptake": list(np.linspace(0, 1, 101)),
    }
    assert math.prod(len(v) for v in levers.values()) > MAX_GRID_SCENARIOS
    with pytest.raises(ScenarioError, match=r"makes 10,201 scenarios.*at most 10,000"):
        scenario_grid(base, **levers)
    plan = tmp_path / "grid.toml"
    plan.write_text(
        "[grid]\nremote_days_per_week = [0, 1, 2, 3, 4, 5]\n"
        f"uptake = {[round(x / 2000, 4) for x in range(2000)]}\n"
    )
    with pytest.raises(ScenarioError, match=r"grid.toml: \[grid\]: the grid makes 12,000"):
        rc.load_scenarios(plan)
    assert len(scenario_grid(base, remote_days_per_week=[0, 1, 2], uptake=[0.5, 1.0])) == 6


def test_dollar_signs_in_names_are_drawn_literally():
    name = "Team $\\foo{$"
    assert plotting.plain(name) == "Team \\$\\foo{\\$"
    wf = rc.read_staffing(STAFF, sites=SITES)
    staff = wf.staff.copy()
    staff["department"] = staff["department"].where(staff["department"] != "Jobcenter", name)
    res = rc.assess(
        rc.Workforce(
            staff=staff,
            sites=wf.sites,
            excluded=wf.excluded,
            problems=wf.problems,
            provenance=wf.provenance,
        ),
        rc.Scenario(name="$x^$ days", remote_days_per_week=2),
    )
    ax = plotting.gains_by_group(res.per_employee, by="department", title="For $\\foo{$")
    ax.figure.canvas.draw()  # raised ValueError inside mathtext before
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert plotting.plain(name) in labels
    plt.close(ax.figure)


@pytest.mark.usefixtures("no_disclosure_noise")  # exact counts of the output
def test_parquet_files_differing_in_optional_columns(tmp_path):
    pytest.importorskip("dask")
    folder = tmp_path / "staff"
    folder.mkdir()
    staff = pd.read_csv(STAFF)
    staff.iloc[:800].to_parquet(folder / "a.parquet")
    staff.iloc[800:].drop(columns=["unit", "occupation_title"]).to_parquet(folder / "b.parquet")
    wf = rc.read_staffing(folder, sites=SITES, backend="dask")
    assert any("column 'unit' is missing in 1 of 2" in n for n in wf.notes)
    res = rc.assess(wf, rc.Scenario(name="2 days", remote_days_per_week=2))
    by_unit = res.by("unit")  # small units pooled; the rows without a unit are one group
    assert by_unit["employees"].sum() == len(staff) and len(by_unit) > 5
    assert int(by_unit["employees"].max()) == len(staff) - 800  # the blank unit
    assert int(res.by("department")["employees"].sum()) == len(staff)
    back = pd.read_parquet(res.to_parquet(tmp_path / "out"))
    assert len(back) == len(staff) and back["unit"].isna().sum() == len(staff) - 800
    r = runner.invoke(
        app,
        ["assess", str(folder), "--sites", str(SITES), "--remote-days", "2"]
        + ["--backend", "dask", "--employees-out", str(tmp_path / "emp")],
    )
    assert r.exit_code == 0, r.output
    assert len(list((tmp_path / "emp").glob("employees_*"))) == 1
