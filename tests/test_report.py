"""The policy report (remotecalc.outputs.report): HTML, PDF and XLSX content, privacy, languages,
CLI.

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
from markupsafe import escape
from PIL import Image
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.datasets.demo import demo_tables
from remotecalc.evaluation.disclosure import COUNT_NOISE
from remotecalc.i18n import MODE_NAMES, note_text, parameter_label
from remotecalc.inputs.readers import read_sites, read_staffing
from remotecalc.outputs.report import headline_table, report

# the module, not the function: remotecalc/__init__ may export report() under the same name
report_module = importlib.import_module("remotecalc.outputs.report")

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
    # assumptions: every parameter by its label (and key), with its source and status
    params = rc.load_parameters("dk-2025").describe()
    for key in params["key"]:
        if key.startswith("mode."):  # the per-mode table: a row per mode, a column per field
            assert f"<td>{MODE_NAMES[key.split('.')[1]]['en']}</td>" in html, key
        else:
            label = escape(parameter_label(key))  # as the template writes it (hire&#39;s)
            assert f'{label}<span class="pkey">{key}</span>' in html, key
    assert "mode.car_ev.co2e_wtt_kg_per_km" not in html  # no raw keys as row labels
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
    # no differencing: a department minus its shown units leaves >= 5 people (or nobody).
    # The counts are published with cell-key noise (±2), so their difference says nothing
    # exact; the suppression is decided on the exact counts, so check those
    staff = built.wf.staff
    exact_dept = staff.groupby("department").size()
    exact_unit = staff.groupby(["department", "unit"]).size()
    dept = book["By Department"].set_index("Department")
    units = book["By Department-unit"]
    col = "Employees [persons]"
    for d, total in dept[col].items():
        assert abs(total - exact_dept[d]) <= max(abs(n) for n in COUNT_NOISE), d
        shown = units.loc[
            units["Department / unit"].str.startswith(f"{d} / ")
            & ~units["Department / unit"].str.contains("pooled"),
            "Department / unit",
        ]
        rest = exact_dept[d] - sum(exact_unit[(d, u.split(" / ", 1)[1])] for u in shown)
        assert rest == 0 or rest >= 5, d
    if "Municipalities" in book:
        m = book["Municipalities"]
        held = m["Withheld"].astype(bool)
        emp = "Employees [persons]"
        assert m.loc[held, emp].isna().all()
        assert m.loc[held, "Commute CO₂e saved [t CO₂e/yr]"].isna().all()
        assert (m.loc[~held & (m[emp] > 0), emp] >= 5).all()


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
        "Read this first",
        "Headline",
        "Summary",
        "Scenarios",
        "By Department",
        "By Department-unit",
        "Sites",
        "Desks vs service level",
        "Assumptions",
        "Data accounting",
        "Notes",
    }
    assert expected <= set(book)
    assert next(iter(book)) == "Read me"
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
    assert {"Parameter", "Key", "Value [see unit]", "Unit", "Source", "Status"} <= set(
        book["Assumptions"]
    )
    acc = book["Data accounting"].set_index("Item")["Value"]
    assert int(acc["Rows read"]) == 400  # a number, not text


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
    # page 1: the cover (title, organisation, date, scenarios in words); page 2: contents
    cover = " ".join(texts[0].split())
    assert "Remote and hybrid work: what it is worth" in cover and "Testkommune" in cover
    assert all(sc.name in cover for sc in SCENARIOS)
    assert "remote days a week granted to everyone" in cover
    assert not re.search(r"\b1 / \d+\b", texts[0])  # no page number on the cover
    assert texts[1].lstrip().startswith("Contents")
    assert texts[2].lstrip().startswith("1. Executive summary") and "Read this first" in texts[2]
    # every numbered section opens a page, in order
    # (3. the climate account follows the CO₂e chapter on its page)
    sections = [
        "2. CO₂e by component",
        "4. Who gains",
        "5. Offices and desks",
        "6. Uncertainty",
    ] + (["7. Where employees live"] if built.map else [])
    k = len(sections) + 3  # sections 2..k-1 listed so far, with the climate account
    sections += [f"{k + 2}. Assumptions", f"{k + 3}. Data accounting"]
    assert any(f"{k}. Scenarios" in tx for tx in texts)  # follows the figures on their page
    starts = []
    for s in sections:
        pages = [i for i, tx in enumerate(texts) if tx.lstrip().startswith(s)]
        assert pages, s
        starts.append(pages[0])
    assert starts == sorted(starts)
    # the contents give each chapter's page (leader dots, then the page number)
    toc = " ".join(texts[1].split())
    for s, page in zip(sections, starts, strict=True):
        assert re.search(re.escape(s) + r"[ .]*" + str(page + 1) + r"\b", toc), (s, page + 1)
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
        "assumption_groups",
        "caveats",
        "accounting",
        "privacy",
    } <= set(context)
    chapters = [s for s in sections if s.id]  # numbered chapters, each with a title
    assert [s.id for s in chapters][:2] == ["summary", "co2e"] and all(s.title for s in chapters)
    assert len({s.id for s in chapters}) == len(chapters)
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
    from remotecalc.cli.main import app

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
    assert f"rapport: {(out / 'report.html').resolve()}" in r.output  # --lang da speaks Danish
    assert "intervallerne blev ikke beregnet" in r.output
    html = (out / "report.html").read_text("utf-8")
    # the scenario's name in Danish (the parameter set's own notes, quoted in the
    # assumptions appendix as written, are English: leave them out of the search)
    body = re.sub(r'<span class="(pnote|src)">.*?</span>', "", html, flags=re.S)
    assert "2 hjemmedage" in html and "2 remote days" not in body
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


# -- complete Danish and English (issue 16) ------------------------------------------------------
SCENARIO_TOML = """
[base]
name = "Hybrid"
remote_days_per_week = 1

[variants."To dage, faste dage"]
remote_days_per_week = 2
anchor_days = ["tirsdag", "torsdag"]
release_space = 1.0
"""


def _fake_analysis_real_keys():
    """The stand-in analysis with a tornado over real parameter keys (their labels)."""
    fake = _fake_analysis()

    def sensitivity(wf, scenario, params=None, metrics=("net_co2e_t",), n_base=64, seed=None):
        keys = ["rebound.noncommute_share_of_avoided_km", "mode.car_petrol.co2e_ttw_kg_per_km"]
        torn = pd.DataFrame(
            {
                "metric": ["net_co2e_t"] * 2 + ["net_cost"] * 2,
                "parameter": keys * 2,
                "label": ["English label A", "English label B"] * 2,
                "low": [0.0, 0.1] * 2,
                "high": [0.6, 0.22] * 2,
                "change_low": [-20.0, -6.0, -900.0, -50.0],
                "change_high": [30.0, 8.0, 800.0, 40.0],
                "central": [-80.0, -80.0, -2000.0, -2000.0],
            }
        )
        return types.SimpleNamespace(tornado=torn, indices=None)

    fake.sensitivity = sensitivity
    return fake


def _workforce_with_defaults(n: int = 300, seed: int = 9):
    """No on-site days column (everyone taken as 5) and 10 % without a teleworkable value."""
    staff, sites = demo_tables(n, seed=seed)
    staff = staff.drop(columns=["onsite_days_per_week"])
    staff["teleworkable"] = staff["teleworkable"].astype(float)
    staff.loc[staff.index[: n // 10], "teleworkable"] = np.nan
    return read_staffing(staff, sites=read_sites(sites))


@pytest.fixture(scope="module", params=["da", "en"])
def lang_report(request, tmp_path_factory):
    lang = request.param
    mp = pytest.MonkeyPatch()
    mp.setattr(report_module, "_analysis_module", _fake_analysis_real_keys)
    toml = tmp_path_factory.mktemp("toml") / "scenarios.toml"
    toml.write_text(SCENARIO_TOML, encoding="utf-8")
    out = tmp_path_factory.mktemp(f"report_{lang}")
    try:
        files = report(
            _workforce_with_defaults(),
            toml,
            out=out,
            lang=lang,
            formats=("html", "xlsx"),
            figure_formats=("png",),
            n_draws=7,
            dpi=50,
            organisation="Testkommune",
        )
    finally:
        mp.undo()
    return types.SimpleNamespace(lang=lang, files=files, html=files.html.read_text("utf-8"))


def _label_tables(lang: str) -> dict[str, str]:
    """Every label-table text in ``lang`` keyed by where it comes from, with its counterpart
    in the other language (metrics registry, TEXTS, notes, parameter, mode, weekday and column
    labels)."""
    from remotecalc import i18n
    from remotecalc.model import metrics

    other = "da" if lang == "en" else "en"
    pairs: dict[str, tuple[str, str]] = {}
    for k, v in i18n.TEXTS.items():
        if isinstance(v[lang], str):
            pairs[f"TEXTS.{k}"] = (v[lang], str(v[other]))
        else:
            for i, (a, b) in enumerate(zip(v[lang], v[other], strict=True)):
                pairs[f"TEXTS.{k}.{i}"] = (a, b)
    for table_name in (
        "NOTE_TEXTS",
        "PARAMETER_LABELS",
        "MODE_NAMES",
        "WEEKDAY_NAMES",
        "COLUMN_LABELS",
    ):
        for k, v in getattr(i18n, table_name).items():
            pairs[f"{table_name}.{k}"] = (v[lang], v[other])
    for m in metrics.REGISTRY.values():
        for short in (False, True):
            pairs[f"metric.{m.name}.{short}"] = (m.label(lang, short=short), m.label(other, short))
    return pairs


def _fragments(text: str, counterpart: str) -> list[str]:
    """Literal pieces of a label (between placeholders and line breaks) long enough to be
    distinctive (12 characters, two words) and not shared with the other language."""
    pieces = re.split(r"\{[^}]*\}|\n", text)
    return [
        p.strip(" .,:;()")
        for p in pieces
        if len(p.strip(" .,:;()")) >= 12
        and " " in p.strip()
        and p.strip(" .,:;()") not in counterpart
    ]


def _visible_text(html: str) -> str:
    """The report's text as a reader sees it, without the parameter set's own sources and
    notes (they are in the set's language, as the appendix says)."""
    import html as html_module

    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    html = re.sub(r'<td class="src">.*?</td>', " ", html, flags=re.S)
    html = re.sub(r'<ul class="sources">.*?</ul>', " ", html, flags=re.S)
    html = re.sub(r'<span class="pkey">.*?</span>', " ", html, flags=re.S)
    html = re.sub(r'alt="[^"]*"', " ", html)  # the figures' captions (drawn by plotting)
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    return " ".join(text.split())


def _workbook_texts(path) -> str:
    from openpyxl import load_workbook

    skip = {"Source", "Kilde", "Uncertainty", "Usikkerhed", "Note", "Key", "Nøgle"}
    book = load_workbook(path)
    texts = list(book.sheetnames)
    for ws in book.worksheets:
        header = [c.value for c in ws[1]]
        for j, name in enumerate(header):
            texts.append(str(name))
            if name in skip:
                continue
            for (cell,) in ws.iter_rows(min_row=2, min_col=j + 1, max_col=j + 1):
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return " ".join(" ".join(texts).split())


def test_no_label_of_the_other_language_in_the_report(lang_report):
    """The Danish report holds no English text from the label tables, and the reverse."""
    other = "en" if lang_report.lang == "da" else "da"
    html_text = _visible_text(lang_report.html)
    book_text = _workbook_texts(lang_report.files.xlsx)
    checked, found = 0, []
    for where, (text, counterpart) in _label_tables(other).items():
        for frag in _fragments(text, counterpart):
            checked += 1
            for what, hay in (("html", html_text), ("xlsx", book_text)):
                if frag in hay:
                    found.append((where, what, frag))
    assert checked > 300  # the tables were read
    assert not found, found[:10]


def test_danish_report_in_danish_words(lang_report):
    html, text = lang_report.html, _visible_text(lang_report.html)
    if lang_report.lang == "da":
        assert "faste mødedage tirsdag og torsdag" in text  # anchor days in words
        assert "tue, thu" not in text and "Variant of" not in text
        assert "Rebound-ture, andel af sparede km" in text  # tornado/assumption labels
        assert "Afdeling / enhed" in text  # column names as words
        assert "Hvem vinder, efter afdeling / enhed" in text
        assert "(en tabel i hukommelsen)" in text and "<DataFrame>" not in html
        assert "ingen kolonne med fremmødedage om ugen (onsite_days_per_week)" in text  # a note
        assert "fik JRC-indekset for deres stillingskode" in text  # the reader's note in Danish
        assert "CO2e" not in text
    else:
        assert "anchor days Tuesday and Thursday" in text
        assert "Department / unit" in text


def test_caveats_up_front(lang_report):
    """Defaults for more than 5 % of staff are stated in the executive summary, before the
    headline table, in the report's language."""
    from remotecalc.i18n import t

    lang = lang_report.lang
    text = _visible_text(lang_report.html)
    start = text.index(t("sec_caveats", lang))
    summary = text[start : text.index(t("sec_headline", lang))]
    assert t("caveat_onsite_default", lang) in summary
    # 10 % without a teleworkable value: the reader's default from occupation, up front
    notes = _workforce_with_defaults().notes
    note = next(n for n in notes if getattr(n, "kind", "") == "teleworkable_derived")
    assert note.values["n"] == 30
    tele = note_text(note, lang)
    tele = tele[:1].upper() + tele[1:]
    assert tele in summary
    assert t("caveat_teleworkable", lang, n="30", share="10 %") not in summary  # the old default
    assert t("es_no_gain_defaults", lang) in summary
    # the drivers from the tornado, by their labels
    assert parameter_label("rebound.noncommute_share_of_avoided_km", lang) in summary
    book = pd.read_excel(lang_report.files.xlsx, sheet_name=t("sheet_caveats", lang))
    assert tele in set(book.iloc[:, 0])


def test_caveats_leave_out_small_defaults(tmp_path):
    staff, sites = demo_tables(200, seed=3)
    staff["teleworkable"] = staff["teleworkable"].astype(float)
    staff.loc[staff.index[:4], "teleworkable"] = np.nan  # 2 %: stated in the notes only
    wf = read_staffing(staff, sites=read_sites(sites))
    data = report_module.report_data(wf, SCENARIOS[0], ranges=False)
    cav = report_module.caveats(data)
    assert not any("teleworkable" in c for c in cav)
    # the reader's default from occupation for the 4 is in the notes
    assert any(
        getattr(n, "kind", "") == "teleworkable_derived"
        and "no teleworkable value in the file for 4 employee(s)" in str(n)
        for n in wf.notes
    )
    assert cav[-1].startswith("Emission scope: well-to-wheel")


def test_workbook_numbers_formats_and_one_convention(lang_report):
    from openpyxl import load_workbook

    from remotecalc.i18n import t

    lang = lang_report.lang
    book = load_workbook(lang_report.files.xlsx)
    assert book.sheetnames[0] == t("sheet_readme", lang)
    readme = [c.value for c in book.worksheets[0]["A"]]
    assert all(name in readme for name in book.sheetnames)  # every sheet explained
    assert "CO2e" not in _workbook_texts(lang_report.files.xlsx)
    n_numbers = 0
    for ws in book.worksheets[1:]:
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for j, cell in enumerate(row):
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    n_numbers += 1
                    assert cell.number_format != "General", (ws.title, header[j])
                    if "%" in cell.number_format:
                        assert -1e-9 <= cell.value <= 1 + 1e-9, (ws.title, header[j])
                if isinstance(cell.value, str):
                    assert not re.fullmatch(r"−?[\d.,]+", cell.value), (ws.title, cell.value)
    assert n_numbers > 200
    # shares: one convention (0–1 in percent format) in every sheet
    desks = pd.read_excel(lang_report.files.xlsx, sheet_name=t("sheet_desks", lang))
    assert desks[t("wb_service_level", lang)].between(0, 1).all()
    scen = pd.read_excel(lang_report.files.xlsx, sheet_name=t("sheet_scenarios", lang))
    assert scen[t("lever_service", lang)].between(0, 1).all()


# -- print layout ---------------------------------------------------------------------------------
def _layout_problems(html: str) -> list[str]:
    """Boxes wider than the page, headings left alone at a page foot, tables starting with
    fewer than three of their rows on a page (checked on WeasyPrint's layout)."""
    doc = report_module.pdf_layout(html)
    problems, seen = [], set()
    for i, page in enumerate(doc.pages, start=1):
        pb = page._page_box
        right = pb.margin_left + pb.width + 0.5
        root = pb.children[0]
        bottoms, headings = [], []
        for box in root.descendants():
            if not hasattr(box, "border_width"):
                continue
            if box.border_box_x() + box.border_width() > right:
                problems.append(f"page {i}: <{box.element_tag}> wider than the page")
            tag = getattr(box, "element_tag", "")
            if tag in ("h2", "h3") and type(box).__name__ == "BlockBox":
                headings.append(box)
            elif type(box).__name__ in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
                bottoms.append(box.position_y + box.height)
            if type(box).__name__ == "TableBox":
                el = box.element
                total = len(el.findall(".//{*}tbody/{*}tr")) or len(el.findall(".//tbody/tr"))
                rows = sum(
                    1
                    for g in box.children
                    if not getattr(g, "is_header", False) and g.element_tag == "tbody"
                    for _ in g.children
                )
                if id(el) not in seen and rows < min(3, total):
                    problems.append(f"page {i}: a table starts with {rows} of {total} rows")
                seen.add(id(el))
        for h in headings:
            below = [b for b in bottoms if b > h.position_y + h.height + 0.5]
            if not below:
                problems.append(f"page {i}: heading alone at the foot of the page")
    return problems


def test_pdf_layout_fits_the_page(built, lang_report):
    pytest.importorskip("weasyprint")
    problems = _layout_problems(built.html)
    if lang_report.lang == "da":
        problems += _layout_problems(lang_report.html)
    assert not problems, problems[:10]


def test_layout_check_finds_a_table_wider_than_the_page():
    wide = "<table><tr>" + "".join(f"<td>{'x' * 40}{i}</td>" for i in range(12)) + "</tr></table>"
    html = f"<html><body><style>td {{ white-space: nowrap }}</style>{wide}</body></html>"
    assert any("wider than the page" in p for p in _layout_problems(html))


@pytest.mark.parametrize("space_mm", [200, 215, 225, 235, 245])
def test_a_long_table_never_starts_with_one_row_at_a_page_foot(space_mm):
    """Whatever space is left on the page, a long table with its caption starts on the next
    page or with at least three rows (the stylesheet and the table macro together)."""
    pytest.importorskip("weasyprint")
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("remotecalc", "data/templates"), autoescape=True
    )
    macros = env.get_template("macros.html.j2").make_module({"t": lambda k: k})
    tab = {
        "columns": ["Group", "Employees [persons]"],
        "rows": [[(f"Group {i}", False), (str(i), True)] for i in range(30)],
        "numeric": [False, True],
    }
    css = env.loader.get_source(env, "report.css")[0]
    html = (
        f"<html><head><style>{css}</style></head><body>"
        f'<div style="height:{space_mm}mm"></div><h3>A heading</h3>'
        f"{macros.table(tab, 'A long table', number=1)}</body></html>"
    )
    assert not _layout_problems(html)


def test_summary_sheets_name_the_scenario_and_hold_its_values(lang_report):
    from remotecalc.i18n import t

    lang = lang_report.lang
    names = {"Hybrid", "To dage, faste dage"}
    for sheet in ("sheet_summary", "sheet_headline_long"):
        df = pd.read_excel(lang_report.files.xlsx, sheet_name=t(sheet, lang))
        assert set(df[t("scenario", lang)]) == names, sheet
        today, scen, change = (t(k, lang) for k in ("wb_today", "wb_scenario", "wb_change"))
        assert np.allclose(df[scen] - df[today], df[change], atol=1e-6), sheet


# -- notes of the desk, deduction and distance code in both languages ----------------------------
def test_every_note_text_has_both_languages_with_the_same_values():
    """Each note kind has an English and a Danish text that differ, with the same
    placeholders, and one spelling of CO₂e."""
    from remotecalc.i18n import NOTE_TEXTS

    same_ok = {"distance_source_count", "zone_area_where", "zone_area_medians", "zone_area_median"}
    for kind, texts in NOTE_TEXTS.items():
        names = {lang: set(re.findall(r"\{(\w+)\}", texts[lang])) for lang in ("en", "da")}
        assert names["en"] == names["da"], kind
        assert "CO2e" not in texts["en"] + texts["da"], kind
        if kind not in same_ok:
            assert texts["en"] != texts["da"], kind


def test_desk_and_deduction_notes_in_danish_keep_the_english_text():
    """The notes are Notes: their English text is the one written before (hand-typed here),
    their Danish text formats numbers the Danish way, and they survive pickling (Dask)."""
    import pickle

    from remotecalc.i18n import note_text
    from remotecalc.model import dkrules, engine

    desk = engine.desk_notes(np.array([1200, 34, 5, 6, 7, 8]))
    assert desk[0] == (
        "desk_based taken from the occupation code (ISCO-08; office.ISCO_DESK_BASED) for "
        "1,234 employee(s): 1,200 desk-based, 34 frontline"
    )
    assert desk[3] == (
        "8 desk-based employee(s) at site(s) without desks (desks = 0 or a site type without "
        "desks): no desk effect"
    )
    assert "1.234 medarbejdere: 1.200 med skrivebordsarbejde, 34 frontpersonale" in (
        note_text(desk[0], "da")
    )
    ded = dkrules.deduction_notes(2500, 3, 4, True)
    assert ded[0].startswith("2,500 employee(s) without a home municipality code")
    assert "+ 10.75 % on every km above 24" in ded[0]
    assert note_text(ded[0], "da").startswith("2.500 medarbejdere uden kommunekode")
    assert "+ 10,75 % for hver km over 24" in note_text(ded[0], "da")
    assert dkrules.deduction_notes(1, 1, 1, False) == []
    for n in [*desk, *ded]:
        back = pickle.loads(pickle.dumps(n))
        assert back == n and note_text(back, "da") == note_text(n, "da") != str(n)


def test_site_desk_notes_in_both_languages():
    from remotecalc.evaluation.assessment import desk_site_notes
    from remotecalc.i18n import note_text

    cols = {
        "employees": np.array([10, 5, 20]),
        "desk_employees": np.array([10, 0, 12]),
        "service_level_achieved": np.array([0.95, np.nan, 0.8123]),
    }
    notes = desk_site_notes(cols, rc.Scenario(name="x", remote_days_per_week=2, desk_ratio=0.5))
    assert notes[0].startswith(
        "13 employee(s) have no desk effect (frontline, or at a site without desks; 1 site(s) "
        "with nobody at a desk): they keep"
    )
    assert "office cost and CO₂e count desk-based staff only" in notes[0]
    assert "; 1 lokalitet, hvor ingen har skrivebordsarbejde)" in note_text(notes[0], "da")
    assert notes[1].startswith(
        "desk ratio 0.5 gives fewer desks than the service level 0.95 needs at 1 site(s)"
    )
    assert "with probability 0.81 to 0.81" in notes[1]
    da = note_text(notes[1], "da")
    assert da.startswith(
        "arbejdspladsnormen 0,5 giver færre arbejdspladser, end serviceniveauet 0,95"
    )
    assert "sandsynligheden 0,81 til 0,81" in da


def test_distance_notes_name_their_sources_in_danish():
    from remotecalc.i18n import note_text
    from remotecalc.inputs.geography import ZoneAreas
    from remotecalc.inputs.workforce import DISTANCE_SOURCES, distance_notes

    counts = np.zeros(len(DISTANCE_SOURCES) + 1, dtype=np.int64)
    counts[DISTANCE_SOURCES.index("given")] = 1500
    counts[DISTANCE_SOURCES.index("zone_internal")] = 20
    counts[-1] = 3
    areas = ZoneAreas.packaged()
    notes = distance_notes(counts, areas)
    assert (
        notes[0]
        == "commute distance by source (employees): given 1,500, zone_internal 20; total 1,520"
    )
    assert note_text(notes[0], "da") == (
        "pendlingsafstand efter kilde (medarbejdere): angivet: 1.500, inden for zonen: 20; "
        "i alt 1.520"
    )
    assert "0.9054·√(area/π)" in notes[1] and "0,9054·√(areal/π)" in note_text(notes[1], "da")
    med = round(areas.median_km2("postcode"))
    assert (
        f"in {areas.source}: taken as the median zone area of its kind (postcode {med} km²"
        in (notes[2])
    )
    assert f"postnummer: {med} km²" in note_text(notes[2], "da")


def test_long_parameter_notes_are_cut_in_print_and_whole_in_the_workbook(built):
    """A note longer than a printed page row (the set's longest) ends at a sentence with a
    pointer in the report, and stands whole in the Assumptions sheet."""
    import html as html_lib

    from remotecalc.outputs.report import NOTE_MAX_CHARS

    p = rc.load_parameters("dk-2025")
    text = html_lib.unescape(built.html)
    long_notes = [p.entry(k).note for k in p if len(p.entry(k).note) > 2 * NOTE_MAX_CHARS]
    printed = [n for n in long_notes if n[:150] in text]  # the appendix's drivers and topics
    assert printed
    note = printed[0]
    assert note not in text
    assert "(The whole note: workbook sheet 'Assumptions'.)" in text
    book = pd.read_excel(built.files.xlsx, sheet_name="Assumptions", header=None)
    assert book.astype(str).apply(lambda c: c.str.contains(note[-120:], regex=False)).any().any()
