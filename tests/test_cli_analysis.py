"""``remotecalc sweep`` as a user runs it (typer's CliRunner)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.analysis import sweep
from remotecalc.cli.main import app
from remotecalc.inputs.scenario import load_scenarios

runner = CliRunner()

PLAN = """
[base]
name = "base"
uptake = 0.8
release_space = 1.0

[variants."desk ratio 0.6"]
remote_days_per_week = 2
desk_ratio = 0.6

[grid]
remote_days_per_week = [0, 2]
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    staff, sites = rc.datasets.demo_tables(300, seed=2)
    staff.to_csv(d / "staff.csv", index=False)
    sites.to_csv(d / "sites.csv", index=False)
    (d / "plan.toml").write_text(PLAN, encoding="utf-8")
    return d


def test_help_lists_sweep_and_its_options():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0 and "sweep" in r.output
    r = runner.invoke(app, ["sweep", "--help"])
    assert r.exit_code == 0
    for opt in (
        "--scenarios",
        "--out",
        "--monte-carlo",
        "--seed",
        "--sensitivity",
        "--uptake-range",
    ):
        assert opt in r.output


def test_sweep_writes_the_tidy_table(files):
    out = files / "out"
    r = runner.invoke(
        app,
        [
            "sweep",
            str(files / "staff.csv"),
            "--sites",
            str(files / "sites.csv"),
            "--scenarios",
            str(files / "plan.toml"),
            "--out",
            str(out),
            "--no-progress",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "Net CO2e, change" in r.output and "2 days" in r.output
    table = pd.read_csv(out / "sweep.csv")
    wf = rc.read_staffing(files / "staff.csv", sites=files / "sites.csv")
    plan = load_scenarios(files / "plan.toml")
    exact = sweep(wf, plan)
    assert table["scenario_name"].unique().tolist() == ["desk ratio 0.6", "0 days", "2 days"]
    # published (docs/privacy.md): each scenario's rows are what its own report publishes
    published = pd.concat([rc.assess(wf, s).published().summary() for s in plan])
    pd.testing.assert_series_equal(
        table["change"],
        published["change"].reset_index(drop=True),
        rtol=1e-9,
        atol=1e-6,
        check_names=False,
    )
    assert not np.allclose(table["change"], exact["change"])  # the noise is there
    assert not (out / "sweep_uncertainty.csv").exists()
    assert pd.read_excel(out / "sweep.xlsx", sheet_name="Sweep").shape[0] == len(table)
    figures = sorted(p.name for p in (out / "figures").glob("*.png"))
    assert figures == ["scenarios_net_co2e_t.png", "scenarios_net_cost.png"]


def test_monte_carlo_and_sensitivity_options(files):
    out = files / "mc"
    args = [
        "sweep",
        str(files / "staff.csv"),
        "--sites",
        str(files / "sites.csv"),
        "--scenarios",
        str(files / "plan.toml"),
        "--out",
        str(out),
        "--monte-carlo",
        "200",
        "--seed",
        "3",
        "--uptake-range",
        "0.5,1.0",
        "--sensitivity",
        "--n-base",
        "64",
        "--no-progress",
    ]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    bands = pd.read_csv(out / "sweep_uncertainty.csv")
    assert {"central", "p05", "p50", "p95", "remote_days_per_week"} <= set(bands.columns)
    idx = pd.read_csv(out / "sensitivity_indices.csv")
    assert set(idx["metric"]) == {"net_co2e_t", "net_cost"}
    assert "uptake" in set(idx["parameter"])
    assert (out / "sensitivity_tornado.csv").exists()
    assert "What drives the results of" in r.output
    # one workbook of every table, numbers as numbers; and the figures
    book = pd.read_excel(out / "sweep.xlsx", sheet_name=None)
    assert list(book) == [
        "Sweep",
        "Headline",
        "Monte Carlo",
        "Sobol indices",
        "Tornado",
        "Assumptions",
    ]
    pd.testing.assert_series_equal(
        book["Sweep"]["change"], pd.read_csv(out / "sweep.csv")["change"], check_names=False
    )
    figures = sorted(p.name for p in (out / "figures").glob("*.png"))
    assert figures == [
        "remote_days_net_co2e_t.png",
        "remote_days_net_cost.png",
        "scenarios_net_co2e_t.png",
        "scenarios_net_cost.png",
        "tornado_net_co2e_t.png",
        "tornado_net_cost.png",
    ]
    assert all(max(len(line) for line in r.stdout.splitlines()) <= 100 for _ in [0])
    # same seed, same numbers
    again = files / "mc2"
    r = runner.invoke(app, [*args[:7], str(again), *args[8:]])
    assert r.exit_code == 0, r.output
    pd.testing.assert_frame_equal(bands, pd.read_csv(again / "sweep_uncertainty.csv"))


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--uptake-range", "half"], "LOW,HIGH"),
        (["--sensitivity", "--sensitivity-scenario", "nope"], "no scenario 'nope'"),
        (["--sensitivity", "--n-base", "100"], "power of 2"),
    ],
)
def test_plain_errors(files, extra, message):
    r = runner.invoke(
        app,
        [
            "sweep",
            str(files / "staff.csv"),
            "--sites",
            str(files / "sites.csv"),
            "--scenarios",
            str(files / "plan.toml"),
            "--out",
            str(files / "err"),
            "--no-progress",
            *extra,
        ],
    )
    assert r.exit_code != 0
    assert message in r.output


def test_bad_plan_is_reported(files, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[base]\nname = "b"\n[grid]\nremote_days_per_week = [1, 9]\n', encoding="utf-8")
    r = runner.invoke(
        app,
        [
            "sweep",
            str(files / "staff.csv"),
            "--sites",
            str(files / "sites.csv"),
            "--scenarios",
            str(bad),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert r.exit_code == 1
    assert "remote_days_per_week" in r.output


def test_sweep_figures_draw_bands_only_for_a_remote_days_sweep(files, tmp_path):
    """Two scenarios with the same remote days and levers (differing e.g. by applies_to)
    would be joined by a line as if one policy: no bands figure then."""
    from remotecalc.analysis import sweep_uncertainty
    from remotecalc.cli.analysis import sweep_figures

    wf = rc.read_staffing(files / "staff.csv", sites=files / "sites.csv")
    plan = load_scenarios(files / "plan.toml")
    table = sweep(wf, plan)
    bands = sweep_uncertainty(wf, plan, n_draws=20, seed=1)
    written = sweep_figures(table, bands, None, tmp_path / "a", n_draws=20)
    assert sorted(p.name for p in written) == [
        "remote_days_net_co2e_t.png",
        "remote_days_net_cost.png",
        "scenarios_net_co2e_t.png",
        "scenarios_net_cost.png",
    ]
    twin = bands[bands["scenario_name"] == "2 days"].assign(scenario_name="2 days, one unit")
    written = sweep_figures(table, pd.concat([bands, twin]), None, tmp_path / "b")
    assert sorted(p.name for p in written) == ["scenarios_net_co2e_t.png", "scenarios_net_cost.png"]
