"""The policy report (remotecalc.report): HTML, PDF and XLSX content, privacy, languages, CLI.

One report is built once per module (a small demo organisation with a unit of 3 people, two
scenarios, the real ``remotecalc.analysis`` with few draws, and the municipality map when
geopandas and the shared boundaries are available); the tests read it. The PDF is checked by
rendering every page to an image with pypdfium2.
"""

from __future__ import annotations

import base64
import importlib
import io
import re
import types

import numpy as np
import pandas as pd
import pytest
from conftest import SHARED
from PIL import Image
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.datasets.demo import demo_tables
from remotecalc.readers import read_sites, read_staffing
from remotecalc.report import headline_table, report

# the module, not the function: remotecalc/__init__ may export report() under the same name
report_module = importlib.import_module("remotecalc.report")

TINY = "Lille Testenhed"  # a unit of 3 employees: must appear nowhere
SCENARIOS = [
    rc.Scenario(name="1 day home", remote_days_per_week=1),
    rc.Scenario(name="2 days, space given up", remote_days_per_week=2, release_space=1.0),
]


def workforce_with_tiny_unit(n: int = 400, seed: int = 4):
    staff, sites = demo_tables(n, seed=seed)
    office = staff.index[staff["department"] == "Økonomi og HR"][:3]
    staff.loc[office, "unit"] = TINY
    return read_staffing(staff, sites=read_sites(sites))


def _geo_available() -> bool:
    try:
        import geopandas  # noqa: F401
    except ImportError:
        return False
    return (SHARED / "dk" / "kommuner.geojson").exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    wf = workforce_with_tiny_unit()
    boundaries = SHARED / "dk" / "kommuner.geojson" if _geo_available() else None
    files = report(
        wf,
        SCENARIOS,
        "dk-2025",
        out=out,
        main=1,
        n_draws=40,
        sensitivity_n_base=16,
        seed=1,
        boundaries=boundaries,
        boundary_source="Geodatastyrelsen og Danske Kommuner, DAGI",
        organisation="Testkommune",
        dpi=150,
    )
    return types.SimpleNamespace(
        files=files, wf=wf, html=files.html.read_text("utf-8"), map=boundaries is not None
    )


def _analysis_available() -> bool:
    return report_module._analysis_module() is not None


# -- files --------------------------------------------------------------------------------------
def test_writes_html_pdf_xlsx_and_figures(built):
    f = built.files
    assert f.html.exists() and f.pdf.exists() and f.xlsx.exists()
    pngs = [p for p in f.figures if p.suffix == ".png"]
    svgs = [p for p in f.figures if p.suffix == ".svg"]
    assert len(pngs) == len(svgs) >= 9
    for p in pngs:
        with Image.open(p) as im:
            assert im.width >= 750  # 150 dpi (asked) at (about) A4 text width
    assert str(f) == str(f.html)


def test_html_is_self_contained(built):
    html = built.html
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.IGNORECASE)
    assert "@import" not in html and 'rel="stylesheet"' not in html
    srcs = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert len(srcs) == len([p for p in built.files.figures if p.suffix == ".png"])
    for src in srcs:
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1])
        with Image.open(io.BytesIO(data)) as im:
            im.verify()
    alts = re.findall(r'<img[^>]+alt="([^"]*)"', html)
    assert all(len(a) > 30 for a in alts)  # each figure's caption as its text alternative


def test_html_has_every_part(built):
    html = built.html
    for heading in (
        "Executive summary",
        "Headline results",
        "CO₂e by component",
        "Who gains",
        "Offices and desks",
        "Uncertainty",
        "Scenarios",
        "Method",
        "Assumptions",
        "Data accounting",
        "Privacy",
    ):
        assert heading in html, heading
    if built.map:
        assert "Where employees live" in html and "DAGI" in html
    # assumptions: every parameter with its source and status
    params = rc.load_parameters("dk-2025").describe()
    for key in params["key"]:
        assert f"<code>{key}</code>" in html
    assert "Skattestyrelsen" in html and 'class="status status-M"' in html
    # data accounting
    assert "Rows read" in html and "400" in html
    # units in the headline table
    for unit in ("t CO₂e/yr", "1,000 DKK/yr", "1,000 km/yr", "desks"):
        assert unit in html


def test_headline_ranges_or_a_clear_statement(built):
    html = built.html
    if _analysis_available():
        assert built.files.ranges_computed
        assert "5–95 % range from 40 Monte Carlo draws" in html
        assert re.search(r'class="r">−?[\d,.]+ to −?[\d,.]+</span>', html)
        assert "What moves the result" in html and "against remote days granted" in html
    else:
        assert "Ranges were not computed" in html


def test_ranges_not_computed_are_stated(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "_analysis_module", lambda: None)
    wf = rc.datasets.demo_workforce(120, seed=2)
    files = report(
        wf, SCENARIOS[0], out=tmp_path, formats=("html",), figure_formats=("png",), dpi=60
    )
    html = files.html.read_text("utf-8")
    assert not files.ranges_computed
    assert "Ranges were not computed: remotecalc.analysis is not available" in html
    assert "Not shown: ranges were not computed" in html
    assert "What moves the result" not in html


def _fake_analysis():
    """A stand-in with the agreed contract of remotecalc.analysis (hand-made numbers)."""

    def monte_carlo(wf, scenario, params=None, n_draws=2000, seed=None):
        s = rc.assess(wf, scenario, params).summary()
        c = s["change"].to_numpy()
        summ = pd.DataFrame(
            {
                "metric": s["metric"],
                "label": s["label"],
                "unit": s["unit"],
                "central": c,
                "mean": c,
                "p05": c - 10.0,
                "p50": c,
                "p95": c + 10.0,
            }
        )
        return types.SimpleNamespace(summary=lambda: summ)

    def sweep_uncertainty(wf, scenarios, params=None, n_draws=500, seed=None):
        rows = []
        for sc in scenarios:
            c = -50.0 * sc.remote_days_per_week
            rows.append(
                (
                    sc.name,
                    sc.remote_days_per_week,
                    sc.uptake,
                    sc.service_level,
                    np.nan,
                    sc.release_space,
                    "net_co2e_t",
                    "Net CO2e",
                    "t CO2e/yr",
                    c,
                    c - 5,
                    c,
                    c + 5,
                )
            )
        return pd.DataFrame(
            rows,
            columns=[
                "scenario_name",
                "remote_days_per_week",
                "uptake",
                "service_level",
                "desk_ratio",
                "release_space",
                "metric",
                "label",
                "unit",
                "central",
                "p05",
                "p50",
                "p95",
            ],
        )

    def sensitivity(
        wf, scenario, params=None, metrics=("net_co2e_t", "net_cost"), n_base=512, seed=None
    ):
        torn = pd.DataFrame(
            {
                "metric": "net_co2e_t",
                "parameter": ["a", "b"],
                "label": ["Param A [share]", "Param B [km/h]"],
                "low": [0.1, 30],
                "high": [0.4, 60],
                "change_low": [-5.0, 2.0],
                "change_high": [6.0, -1.0],
                "central": -100.0,
            }
        )
        return types.SimpleNamespace(tornado=torn, indices=None)

    return types.SimpleNamespace(
        monte_carlo=monte_carlo, sweep_uncertainty=sweep_uncertainty, sensitivity=sensitivity
    )


def test_report_uses_the_analysis_contract(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "_analysis_module", _fake_analysis)
    wf = rc.datasets.demo_workforce(120, seed=2)
    files = report(
        wf,
        SCENARIOS,
        out=tmp_path,
        formats=("html", "xlsx"),
        figure_formats=("png",),
        n_draws=7,
        dpi=60,
    )
    html = files.html.read_text("utf-8")
    assert files.ranges_computed and "7 Monte Carlo draws" in html
    assert "Param A" in html or (tmp_path / "figures" / "09_tornado_net_co2e_t.png").exists()
    assert (tmp_path / "figures" / "08_remote_days_net_co2e_t.png").exists()
    assert not (tmp_path / "figures" / "08_remote_days_net_cost.png").exists()  # not in sweep
    book = pd.read_excel(files.xlsx, sheet_name=None)
    assert {"Monte Carlo", "Remote days sweep", "Tornado"} <= set(book)


def test_headline_table_matches_monte_carlo_central():
    wf = rc.datasets.demo_workforce(150, seed=3)
    res = rc.assess(wf, SCENARIOS[1])
    mc = _fake_analysis().monte_carlo(wf, SCENARIOS[1]).summary()
    rng = report_module.Ranges(monte_carlo={SCENARIOS[1].name: mc}, n_draws=5)
    h = headline_table([res], rng).set_index("metric")
    s = res.summary().set_index("metric")
    assert h.loc["net_co2e_t", "change"] == pytest.approx(s.loc["net_co2e_t", "change"])
    assert h.loc["net_co2e_t", "p05"] == pytest.approx(s.loc["net_co2e_t", "change"] - 10)
    assert h.loc["net_cost", "unit"] == "1,000 DKK/yr"  # money in thousands
    assert h.loc["net_cost", "p95"] == pytest.approx((s.loc["net_cost", "change"] + 10) / 1e3)


# -- privacy ------------------------------------------------------------------------------------
def test_small_unit_appears_nowhere(built):
    """A unit of 3 people is in no page, table, workbook cell or figure."""
    assert (built.wf.staff["unit"] == TINY).sum() == 3
    assert TINY not in built.html
    book = pd.read_excel(built.files.xlsx, sheet_name=None, header=None)
    for name, sheet in book.items():
        cells = [str(c) for c in sheet.to_numpy().ravel()]
        assert not any(TINY in c for c in cells), name
    for svg in (p for p in built.files.figures if p.suffix == ".svg"):
        assert TINY not in svg.read_text("utf-8"), svg.name  # text stays text in the SVGs
    assert "Økonomi og HR / other" in built.html  # pooled within its own department


def test_no_group_under_the_minimum_in_any_table(built):
    book = pd.read_excel(built.files.xlsx, sheet_name=None)
    for name in [n for n in book if n.startswith("By ")] + ["Sites"]:
        sheet = book[name]
        col = next(c for c in sheet.columns if str(c).startswith("Employees"))
        assert (sheet[col] >= 5).all(), name
    # no differencing: a department minus its shown units leaves >= 5 (or nothing)
    dept = book["By Department"].set_index("Department")
    units = book["By Department-Unit"]
    col = "Employees [persons]"
    for d, total in dept[col].items():
        shown = units[
            units["Department / Unit"].str.startswith(f"{d} / ")
            & ~units["Department / Unit"].str.contains("pooled")
        ]
        rest = total - shown[col].sum()
        assert rest == 0 or rest >= 5, d
    if "Municipalities" in book:
        m = book["Municipalities"]
        held = m["withheld"].astype(bool)
        assert m.loc[held, "employees [persons]"].isna().all()
        assert m.loc[held, "commute CO2e saved [t CO2e/yr]"].isna().all()
        assert (m.loc[~held & (m["employees [persons]"] > 0), "employees [persons]"] >= 5).all()


def test_refuses_a_workforce_smaller_than_the_minimum(tmp_path):
    staff, sites = demo_tables(4, seed=1)
    wf = read_staffing(staff, sites=read_sites(sites))
    with pytest.raises(ValueError, match="minimum group size"):
        report(wf, SCENARIOS[0], out=tmp_path, formats=("html",))


# -- workbook -------------------------------------------------------------------------------
def test_workbook_has_every_table_with_units(built):
    book = pd.read_excel(built.files.xlsx, sheet_name=None)
    expected = {
        "Read me",
        "Headline",
        "Summary",
        "Scenarios",
        "By Department",
        "By Department-Unit",
        "Sites",
        "Desks vs service level",
        "Assumptions",
        "Data accounting",
        "Notes",
    }
    assert expected <= set(book)
    if built.files.ranges_computed:
        assert {"Monte Carlo", "Remote days sweep", "Tornado"} <= set(book)
    for name in (
        "Headline",
        "By Department",
        "Sites",
        "Desks vs service level",
        "Remote days sweep",
    ):
        if name not in book:
            continue
        sheet = book[name]
        numeric = [c for c in sheet.columns if pd.api.types.is_numeric_dtype(sheet[c])]
        assert numeric and all("[" in str(c) and "]" in str(c) for c in numeric), name
    head = book["Headline"]
    assert "Net CO₂e, change [t CO₂e/yr]" in head.columns
    assert len(head) == len(SCENARIOS)
    assert {"key", "value [see unit]", "unit", "source", "status"} <= set(book["Assumptions"])
    acc = book["Data accounting"].set_index("item")["value"]
    assert str(acc["Rows read"]).replace(",", "") == "400"


# -- PDF --------------------------------------------------------------------------------------
def test_pdf_pages_render_as_expected(built):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(built.files.pdf))
    n = len(pdf)
    texts, blank = [], []
    for i in range(n):
        page = pdf[i]
        w, h = page.get_size()
        assert (round(w), round(h)) == (595, 842)  # A4 portrait in points
        texts.append(page.get_textpage().get_text_range())
        img = np.asarray(page.render(scale=0.5).to_pil().convert("L"))
        blank.append(img.std() < 3)
    assert not any(blank)
    # page 1: title and executive summary; page 2: the headline table and Figure 1
    assert "Remote and hybrid work: what it is worth" in texts[0]
    assert "1. Executive summary" in texts[0] and "Testkommune" in texts[0]
    assert texts[1].lstrip().startswith("Table 1. Headline results")
    assert "Figure 1." in texts[1]
    # every numbered section opens a page, in order
    sections = [
        "2. CO₂e by component",
        "3. Who gains",
        "4. Offices and desks",
        "5. Uncertainty",
    ] + (["6. Where employees live"] if built.map else [])
    k = len(sections) + 2  # sections 2..k-1 listed so far
    sections += [f"{k}. Scenarios", f"{k + 2}. Assumptions", f"{k + 3}. Data accounting"]
    starts = []
    for s in sections:
        pages = [i for i, tx in enumerate(texts) if tx.lstrip().startswith(s)]
        assert pages, s
        starts.append(pages[0])
    assert starts == sorted(starts)
    assert any(f"{k + 4}. Privacy" in tx for tx in texts[-2:])
    assert re.search(rf"\b{n} / {n}\b", texts[-1].replace("\r", " "))  # page numbers
    # every figure is in the PDF as an image
    n_images = sum(
        1
        for i in range(n)
        for obj in pdf[i].get_objects()
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE
    )
    assert n_images == len([p for p in built.files.figures if p.suffix == ".png"])


# -- structure: the analyses once, then section functions ---------------------------------------
def test_report_data_then_sections_run_no_analysis(monkeypatch):
    import dataclasses

    wf = workforce_with_tiny_unit(150, seed=5)
    data = report_module.report_data(wf, SCENARIOS, main=1, ranges=False)
    assert isinstance(data, report_module.ReportData) and data.main is SCENARIOS[1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.lang = "da"
    assert data.main_result.scenario.name == SCENARIOS[1].name
    for _, g in data.group_summaries:  # group tables passed disclosure control
        assert (g["employees"] >= data.min_group_size).all()

    def no_analysis(*args, **kwargs):
        raise AssertionError("a section function ran an analysis")

    monkeypatch.setattr(report_module, "assess", no_analysis)
    monkeypatch.setattr(report_module, "compute_ranges", no_analysis)
    sections = [section(data) for section in report_module.SECTIONS]
    context = {k: v for s in sections for k, v in s.context.items()}
    assert {
        "bullets",
        "headline_rows",
        "group_tables",
        "site_table",
        "ranges_computed",
        "has_map",
        "scenario_table",
        "method",
        "assumptions",
        "accounting",
        "privacy",
    } <= set(context)
    figures = [f for s in sections for f in s.figures]
    assert [f.id for f in figures][:2] == ["01_scenarios", "02_waterfall_1"]
    assert len({f.id for f in figures}) == len(figures)
    assert TINY not in str(context["group_tables"])


# -- languages --------------------------------------------------------------------------------
def test_danish_report(tmp_path):
    wf = rc.datasets.demo_workforce(150, seed=6)
    files = report(
        wf,
        SCENARIOS,
        out=tmp_path,
        lang="da",
        ranges=False,
        formats=("html",),
        figure_formats=("png",),
        dpi=60,
    )
    html = files.html.read_text("utf-8")
    assert '<html lang="da">' in html
    for text in (
        "Hjemme- og hybridarbejde",
        "Sammenfatning",
        "Hovedresultater",
        "Forudsætninger",
        "Dataregnskab",
        "Databeskyttelse",
        "Netto-CO₂e",
        "t CO₂e/år",
        "1.000 DKK/år",
        "Ranges" if False else "Intervaller er ikke",
    ):
        assert text in html, text
    assert re.search(r"−\d{1,3}(\.\d{3})*(,\d)?</td>|−\d+,\d", html)  # Danish number format
    with pytest.raises(ValueError):
        report(wf, SCENARIOS, out=tmp_path, lang="sv", formats=("html",))


# -- command line -------------------------------------------------------------------------------
def test_cli_report(tmp_path):
    from remotecalc.cli import app

    staff, sites = demo_tables(150, seed=8)
    staff.to_csv(tmp_path / "staff.csv", index=False)
    sites.to_csv(tmp_path / "sites.csv", index=False)
    out = tmp_path / "rep"
    r = CliRunner().invoke(
        app,
        [
            "report",
            str(tmp_path / "staff.csv"),
            "--sites",
            str(tmp_path / "sites.csv"),
            "--remote-days",
            "2",
            "--out",
            str(out),
            "--format",
            "html,xlsx",
            "--no-ranges",
            "--lang",
            "da",
            "--dpi",
            "60",
        ],
    )
    assert r.exit_code == 0, r.output
    assert f"report: {(out / 'report.html').resolve()}" in r.output
    assert "ranges were not computed" in r.output
    assert (out / "report.xlsx").exists() and not (out / "report.pdf").exists()
    r = CliRunner().invoke(app, ["report", "--help"])
    assert r.exit_code == 0 and "--boundaries" in r.output
    r = CliRunner().invoke(
        app,
        [
            "report",
            str(tmp_path / "staff.csv"),
            "--sites",
            str(tmp_path / "sites.csv"),
            "--remote-days",
            "2",
            "--out",
            str(out),
            "--lang",
            "xx",
            "--no-ranges",
        ],
    )
    assert r.exit_code == 1 and "lang" in r.output
