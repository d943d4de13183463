"""Where the relocation plan shows: the report chapter and workbook sheets (both languages)
and ``remotecalc relocate``."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.analysis.relocation import LEDGER_LINES, relocation_plan
from remotecalc.cli.main import app
from remotecalc.datasets.agency import agency_tables, agency_workforce

DEST = pd.DataFrame(
    {
        "site_id": ["VIB"],
        "site_name": ["Viborg"],
        "site_type": ["office"],
        "lat": [56.4532],
        "lon": [9.4020],
    }
)


@pytest.fixture(scope="module")
def wf():
    return agency_workforce(40, seed=3, destinations=DEST)


@pytest.fixture(scope="module")
def plan(wf):
    return relocation_plan(wf, {"site_id": ["HQ"]}, "VIB", n_draws=50)


@pytest.mark.parametrize(
    ("lang", "chapter", "sheet"),
    [
        ("en", "Relocating the positions", "Relocation ledger"),
        ("da", "Udflytning af stillingerne", "Udflytning, regnskab"),
    ],
)
def test_report_has_the_relocation_chapter_and_sheets(wf, plan, tmp_path, lang, chapter, sheet):
    files = rc.report(
        wf,
        rc.Scenario(name="2 days", remote_days_per_week=2),
        out=tmp_path / lang,
        lang=lang,
        formats=("html", "xlsx"),
        ranges=False,
        relocation=plan,
        figure_formats=("png",),
        dpi=40,
    )
    html = files.html.read_text(encoding="utf-8")
    assert chapter in html and 'id="relocation"' in html
    book = pd.read_excel(files.xlsx, sheet_name=None)
    ledger = book[sheet]
    assert len(ledger) == 2 * len(LEDGER_LINES)  # both alternatives, every line
    # the workbook's present values are the plan's
    pv = ledger.iloc[: len(LEDGER_LINES), :]
    col = next(c for c in ledger.columns if c.startswith(("Present value", "Nutidsværdi")))
    expected = plan.ledger["present_value"].fillna(plan.ledger["total"]).to_numpy()
    assert pv[col].to_numpy() == pytest.approx(expected, rel=1e-9)
    assert not any(str(c).startswith("reloc_") for c in ledger.columns)


def test_report_without_a_plan_has_no_relocation_chapter(wf, tmp_path):
    files = rc.report(
        wf,
        rc.Scenario(name="2 days", remote_days_per_week=2),
        out=tmp_path,
        formats=("html",),
        ranges=False,
        figure_formats=("png",),
        dpi=40,
    )
    assert 'id="relocation"' not in files.html.read_text(encoding="utf-8")


def test_report_withholds_a_plan_of_too_few_positions(tmp_path):
    staff, sites = agency_tables(30, seed=1)
    staff.loc[:2, "site_id"] = "B"
    b = sites.assign(site_id="B", site_name="Afdeling B")
    wf = rc.read_staffing(staff, sites=rc.read_sites(pd.concat([sites, b, DEST])))
    small = relocation_plan(wf, {"site_id": ["B"]}, "VIB", n_draws=0)
    assert small.moved == 3
    files = rc.report(
        wf,
        rc.Scenario(name="today"),
        out=tmp_path,
        formats=("html", "xlsx"),
        ranges=False,
        relocation=small,
        figure_formats=("png",),
        dpi=40,
    )
    html = files.html.read_text(encoding="utf-8")
    assert "are withheld" in html
    assert "Relocation ledger" not in pd.read_excel(files.xlsx, sheet_name=None)


def test_cli_relocate_writes_the_ledger(tmp_path):
    staff, sites = agency_tables(60, seed=2)
    staff.to_csv(tmp_path / "staff.csv", index=False)
    pd.concat([sites, DEST]).to_csv(tmp_path / "sites.csv", index=False)
    out = tmp_path / "out"
    r = CliRunner().invoke(
        app,
        [
            "relocate",
            str(tmp_path / "staff.csv"),
            "--sites",
            str(tmp_path / "sites.csv"),
            "--select",
            "site_id=HQ",
            "--to",
            "VIB",
            "--out",
            str(out),
            "--draws",
            "30",
        ],
    )
    assert r.exit_code == 0, r.output
    ledger = pd.read_csv(out / "relocation_ledger.csv")
    assert set(ledger["alternative"]) == {"physical", "virtual"}
    compare = pd.read_csv(out / "relocation_compare.csv").set_index("item")
    assert compare.at["staff_kept", "virtual"] == 60
    assert "expected to follow" in r.output
    # the same plan from the API
    wf = rc.read_staffing(tmp_path / "staff.csv", sites=rc.read_sites(tmp_path / "sites.csv"))
    api = relocation_plan(wf, {"site_id": ["HQ"]}, "VIB", n_draws=30)
    assert compare.at["staff_kept", "physical"] == pytest.approx(api.followers, rel=1e-9)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "site_id"], "COLUMN=VALUE"),
        (["--select", "site_id=HQ", "--to", "NOPE"], "to_site 'NOPE'"),
        (["--select", "site_id=HQ", "--lang", "fr"], "fr"),
    ],
)
def test_cli_relocate_plain_errors(tmp_path, args, message):
    staff, sites = agency_tables(20, seed=2)
    staff.to_csv(tmp_path / "staff.csv", index=False)
    pd.concat([sites, DEST]).to_csv(tmp_path / "sites.csv", index=False)
    base = ["relocate", str(tmp_path / "staff.csv"), "--sites", str(tmp_path / "sites.csv")]
    if "--to" not in args:
        args = [*args, "--to", "VIB"]
    r = CliRunner().invoke(app, [*base, *args, "--out", str(tmp_path / "o"), "--draws", "0"])
    assert r.exit_code != 0
    assert message in r.output


def test_explorer_relocation_tab(wf, tmp_path):
    pytest.importorskip("panel", reason="the explorer app needs Panel")
    from remotecalc.explorer.app import ExplorerApp, load_panel
    from remotecalc.explorer.state import ExplorerModel

    load_panel()
    app = ExplorerApp(ExplorerModel(wf), "en", tmp_path / "out")
    assert "Relocation" in [str(n) for n in app.tabs._names]
    app.relocation_view()  # nothing chosen on the left yet
    assert "Choose departments or sites" in app.reloc_out.object
    app.sites.value = ["HQ"]
    app.reloc_to.value = "VIB"
    app.relocation_view()
    page = app.reloc_out.object
    assert 'id="rc-relocation"' in page and "Physical move" in page
    assert "expected to follow" in page
    app.lang.value = "da"
    assert "Udflytning" in [str(n) for n in app.tabs._names]
