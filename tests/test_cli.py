"""The command line, as a user runs it (typer's CliRunner)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from remotecalc.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
STAFF = ROOT / "data" / "examples" / "staff.csv"
SITES = ROOT / "data" / "examples" / "sites.csv"
PLAN = ROOT / "data" / "examples" / "scenarios.toml"
runner = CliRunner()


def test_help_lists_commands():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for cmd in ("validate", "assess", "params", "demo"):
        assert cmd in r.output


def test_validate_clean_example():
    r = runner.invoke(app, ["validate", str(STAFF), "--sites", str(SITES)])
    assert r.exit_code == 0, r.output
    assert "2,000 rows read = 2,000 usable + 0 with problems" in r.output
    assert "no problems found" in r.output


def test_validate_reports_problems_in_plain_language(tmp_path):
    staff = pd.read_csv(STAFF, dtype=str)
    staff.loc[4, "fte"] = "1.7"
    staff.loc[9, "mode"] = "hovercraft"
    bad = tmp_path / "bad.csv"
    staff.to_csv(bad, index=False)
    r = runner.invoke(
        app,
        [
            "validate",
            str(bad),
            "--sites",
            str(SITES),
            "--excluded-out",
            str(tmp_path / "excluded.csv"),
        ],
    )
    assert r.exit_code == 1
    assert "2,000 rows read = 1,998 usable + 2 with problems" in r.output
    assert "row 6, column 'fte': found '1.7'" in r.output  # header is row 1
    assert "row 11, column 'mode': found 'hovercraft'; unknown mode" in r.output
    ex = pd.read_csv(tmp_path / "excluded.csv")
    assert list(ex["source_row"]) == [6, 11]
    r = runner.invoke(app, ["validate", str(bad), "--sites", str(SITES), "--lenient"])
    assert r.exit_code == 0


def test_assess_writes_summary(tmp_path):
    out = tmp_path / "plan"
    r = runner.invoke(
        app,
        [
            "assess",
            str(STAFF),
            "--sites",
            str(SITES),
            "--scenario",
            str(PLAN),
            "--params",
            "dk-2025",
            "--out",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "Net CO2e, change [t CO2e/yr]" in r.output
    summary = pd.read_csv(out / "summary.csv")
    assert summary["scenario_name"].nunique() == 5
    assert (out / "summary.xlsx").exists()
    # the CLI prints the same numbers as the summary file
    two = summary[(summary["scenario_name"] == "2 days home")].set_index("metric")
    assert f"{two.loc['net_co2e_t', 'change']:,.1f}" in r.output


def test_assess_needs_a_scenario():
    r = runner.invoke(app, ["assess", str(STAFF), "--sites", str(SITES)])
    assert r.exit_code != 0
    assert "--scenario" in r.output


def test_assess_bad_scenario_file(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('[scenario]\nname = "x"\nremote_days_per_week = 9\n')
    r = runner.invoke(app, ["assess", str(STAFF), "--sites", str(SITES), "--scenario", str(plan)])
    assert r.exit_code == 1
    assert "remote_days_per_week" in r.output and "9" in r.output


def test_params_show_lists_sources():
    r = runner.invoke(app, ["params", "show", "dk-2025", "--key", "deduction"])
    assert r.exit_code == 0
    assert "deduction.rate_per_km" in r.output and "ligningsloven" in r.output
    r = runner.invoke(app, ["params", "list"])
    assert "uk-desnz-2025" in r.output


def test_demo_runs(tmp_path):
    r = runner.invoke(app, ["demo", "--out", str(tmp_path), "--n", "300"])
    assert r.exit_code == 0, r.output
    assert "Headline results" in r.output
    # one run, one folder: the report and its workbook, nothing unexplained beside them (the
    # output set's manifest, exports.MANIFEST, says which files the run wrote)
    written = sorted(p.name for p in tmp_path.iterdir())
    expected = [".remotecalc-output.json", "figures", "report.html", "report.pdf", "report.xlsx"]
    assert written == expected, written


# -- help, table width, progress (issue 16, item 8) --------------------------------------------
def _commands() -> list[str]:
    """Every command of the app (those registered by other modules too), as typed."""
    import typer.main

    group = typer.main.get_command(app)
    names = [n for n in group.commands if n != "params"]  # type: ignore[attr-defined]
    return ["", *names, "params list", "params show"]


COMMANDS = _commands()


def _help(cmd: str) -> str:
    r = runner.invoke(app, [*cmd.split(), "--help"], terminal_width=100)
    assert r.exit_code == 0, r.output
    return r.output


def test_help_shows_text_as_written():
    """Square brackets survive (no markup eats them); no <bool> or {staff} artefacts."""
    texts = {cmd: _help(cmd) for cmd in COMMANDS}
    assert {"validate", "assess", "sweep", "report", "demo", "to-parquet"} <= set(texts)
    for cmd, text in texts.items():
        assert "<bool>" not in text and "{staff}" not in text, cmd
        assert all(len(line) <= 100 for line in text.splitlines()), cmd
    flat = {cmd: " ".join(text.split()) for cmd, text in texts.items()}
    assert "pip install 'remotecalc[geo]'" in flat["report"]
    assert "Scenario TOML ([scenario], [[scenario]] or [base] + [variants.*])" in flat["assess"]
    assert "Usage: root assess [OPTIONS] STAFF" in flat["assess"] or "STAFF" in flat["assess"]
    assert "--lenient " in texts["assess"]


def test_headline_table_fits_100_columns():
    """Five scenarios with long names: every line of the output is at most 100 characters,
    and every scenario's net CO2e is printed."""
    r = runner.invoke(app, ["assess", str(STAFF), "--sites", str(SITES), "--scenario", str(PLAN)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100, max(lines, key=len)
    assert sum(line.startswith("Net CO2e, change [t CO2e/yr]") for line in lines) >= 2  # 2 blocks


def test_text_table_wraps_headers_and_splits_blocks():
    from remotecalc.cli._options import text_table

    names = [f"scenario number {i} with a rather long name" for i in range(9)]
    rows = ["Net CO2e, change [t CO2e/yr]", "Desks needed, change [desks]"]
    values = [[-1234.56 * (i + 1) for i in range(9)], [float(-i) for i in range(9)]]
    text = text_table(rows, names, values, width=80)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    for i in range(9):
        assert f"{-1234.56 * (i + 1):,.1f}" in text
    assert sum(line.startswith("Net CO2e") for line in lines) > 1  # split into blocks
    # a NaN is shown as a dash, not "nan"
    assert "–" in text_table(["a"], ["b"], [[float("nan")]]) and "nan" not in text


def test_stage_messages_go_to_stderr(capsys):
    from remotecalc.cli._options import stage

    with stage("computing the ranges"):
        pass
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "computing the ranges...",
        "computing the ranges: done in 0 s",
    ]


def test_install_metadata_is_current():
    """An SPDX license string (a table is deprecated and floods `pip install` with
    warnings) with a setuptools that reads it; the dev extra has what `make lab` and the
    notebooks need (ipywidgets: tqdm.auto draws a widget instead of warning)."""
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"
    assert "setuptools>=77" in meta["build-system"]["requires"]
    dev = " ".join(meta["project"]["optional-dependencies"]["dev"])
    for pkg in ("jupyterlab", "nbconvert", "ipywidgets", "ipykernel"):
        assert pkg in dev, pkg
    assert "lab:" in (ROOT / "Makefile").read_text(encoding="utf-8")
