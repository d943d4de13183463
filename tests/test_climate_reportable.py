"""The climate account fit to paste (issue 27): one Category 7 figure per scenario with the
other teleworking route as a cross-check and the reason, the reporting year, the coverage,
the GHG Protocol category and methods; every sheet and the console in English or Danish."""

from __future__ import annotations

import pandas as pd
import pytest
from test_danish_everywhere import english_lines
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.cli import app
from remotecalc.datasets.demo import demo_tables
from remotecalc.outputs.climate import (
    account_sheet,
    recommended_route,
    reportable_figures,
    write_account,
)

SCENARIOS = [
    rc.Scenario(name="1 dag hjemme", remote_days_per_week=1),
    rc.Scenario(name="2 dage hjemme", remote_days_per_week=2),
]


@pytest.fixture(scope="module")
def accounts():
    wf = rc.datasets.demo_workforce(300, seed=5)
    return [rc.climate_account(wf, "dk-2025", sc) for sc in SCENARIOS]


def _total(acc, route, state):
    row = acc[(acc["level"] == "total") & (acc["teleworking_method"] == route)]
    return float(row[f"co2e_kg_{state}"].iloc[0]) / 1e3


@pytest.mark.parametrize("lang", ["en", "da"])
def test_one_figure_per_scenario_with_cross_check(accounts, lang):
    fig = reportable_figures(accounts, lang)
    assert len(fig) == 3  # today once, then each scenario
    names = list(fig.iloc[:, 0])
    assert names[1:] == [sc.name for sc in SCENARIOS]
    assert names[0] == ("Today" if lang == "en" else "I dag")
    figure, check = fig.columns[3], fig.columns[6]
    # dk-2025 reports its own home-energy route; DESNZ is the cross-check
    assert recommended_route(rc.load_parameters("dk-2025")) == "home_energy"
    assert fig[figure].iloc[0] == pytest.approx(_total(accounts[0], "home_energy", "baseline"))
    for i, acc in enumerate(accounts, start=1):
        assert fig[figure].iloc[i] == pytest.approx(_total(acc, "home_energy", "scenario"))
        assert fig[check].iloc[i] == pytest.approx(_total(acc, "desnz", "scenario"))
    diff = fig.iloc[:, 7]
    assert diff.iloc[2] == pytest.approx(
        round(100 * (fig[check].iloc[2] - fig[figure].iloc[2]) / fig[figure].iloc[2], 1)
    )
    assert set(fig.iloc[:, 1]) == {2025}  # the reporting year
    assert fig.iloc[:, 2].str.contains("7").all()  # Scope 3, Category 7 named
    assert fig.iloc[:, 5].str.contains("distance-based|afstandsbaseret").all()  # method named
    assert fig.iloc[:, 8].str.len().min() > 40  # the reason, in words
    assert set(fig.iloc[:, 9]) == {300}  # employees covered
    assert (fig.iloc[:, 11] > 0).all()  # passenger-km covered
    assert set(fig.iloc[:, 12]) == {300}  # every demo distance estimated (none given)
    if lang == "da":
        assert not english_lines([" ".join(map(str, fig.columns))])
        assert not english_lines(fig.astype(str).to_numpy().ravel())


def test_reporting_year_given():
    wf = rc.datasets.demo_workforce(100, seed=5)
    acc = rc.climate_account(wf, "uk-desnz-2025", SCENARIOS[0])
    fig = reportable_figures(acc, "en", reporting_year=2024)
    assert set(fig["Reporting year"]) == {2024}
    # a set whose home energy is the DESNZ factor reports the DESNZ route
    assert fig["Teleworking counted by"].iloc[0] == "the DESNZ homeworking factor"


def test_workbook_every_sheet_in_danish_with_scenario_column(accounts, tmp_path):
    csv, xlsx = write_account(accounts, tmp_path, "da")
    book = pd.read_excel(xlsx, sheet_name=None)
    assert list(book) == ["Til rapportering", "Klimaregnskab", "Regnskab (tidy, t)", "Noter"]
    readers = book["Klimaregnskab"]
    assert readers.columns[0] == "Scenarie"
    assert set(readers["Scenarie"]) == {sc.name for sc in SCENARIOS}
    tidy = book["Regnskab (tidy, t)"]
    assert tidy.columns[0] == "Scenarie" and "I dag [t CO₂e/år]" in tidy.columns
    for name, sheet in book.items():
        cells = [str(c) for c in sheet.columns] + [
            str(v) for c in sheet.columns for v in sheet[c].dropna() if isinstance(v, str)
        ]
        assert not english_lines(cells), (name, english_lines(cells)[:5])
    # the CSV stays tidy and language-free (English keys), both scenarios in it
    assert set(pd.read_csv(csv)["scenario_name"]) == {sc.name for sc in SCENARIOS}
    # English keeps its tidy column names
    assert "co2e_t_change [t CO2e/yr]" in account_sheet(accounts[0]).columns


@pytest.mark.parametrize("lang", ["en", "da"])
def test_console_gives_one_figure_per_scenario(tmp_path, lang):
    staff, sites = demo_tables(200, seed=6)
    staff.to_csv(tmp_path / "staff.csv", index=False)
    sites.to_csv(tmp_path / "sites.csv", index=False)
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[[scenario]]\nname = "1 dag hjemme"\nremote_days_per_week = 1\n\n'
        '[[scenario]]\nname = "2 dage hjemme"\nremote_days_per_week = 2\n',
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        app,
        [
            "inventory",
            str(tmp_path / "staff.csv"),
            "--sites",
            str(tmp_path / "sites.csv"),
            "--scenario",
            str(plan),
            "--lang",
            lang,
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(len(x) for x in lines if str(tmp_path) not in x) <= 100
    word = "to report for 2025" if lang == "en" else "til rapportering for 2025"
    assert sum(word in x for x in lines) == 3  # today, 1 day, 2 days
    if lang == "da":
        assert "Metoder (GHG-protokollens" in " ".join(r.output.split())
        assert not english_lines(lines)
