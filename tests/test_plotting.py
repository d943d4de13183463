"""Figures (remotecalc.outputs.plotting): image regression, Axes in/out, privacy, languages.

Image regression uses pytest-mpl. Baselines live in ``tests/baseline`` (next to this file)
and were made with::

    python -m pytest tests/test_plotting.py --mpl-generate-path=tests/baseline

``pytest --mpl`` compares against them (RMS tolerance 2 on 0-255: rendering with the
matplotlib wheel's bundled FreeType and DejaVu fonts is reproducible; 2 absorbs anti-aliasing
noise, while a moved bar, label or colour fails). Plain ``pytest`` runs the same tests as
smoke tests. Every figure is drawn from a hand-made table in the exact format of its source
(``Assessment.summary()``, ``.per_employee``, ``.per_site``, ``remotecalc.analysis``), so
changes of the model do not touch these baselines.
"""

from __future__ import annotations

import itertools

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import shared_file

from remotecalc import plotting
from remotecalc.evaluation.disclosure import small_group_mask
from remotecalc.i18n import TEXTS, fmt_number
from remotecalc.outputs.boundaries import read_boundaries

MPL = {
    "baseline_dir": "baseline",
    "tolerance": 2,
    "style": "default",
    "savefig_kwargs": {"dpi": 100, "bbox_inches": "tight"},
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- hand-made inputs in the formats of their sources ------------------------------------------
def summary_frame() -> pd.DataFrame:
    """``Assessment.summary()`` of one scenario (CO2e in t), hand-made round numbers."""
    rows = [  # metric, label, unit, baseline, scenario
        ("commute_km", "Commute distance", "km/yr", 16_000_000, 13_300_000),
        ("commute_hours", "Commute time", "h/yr", 420_000, 350_000),
        ("commute_co2e_t", "Commute CO2e", "t CO2e/yr", 1_650, 1_370),
        ("home_energy_co2e_t", "Home energy CO2e (rebound)", "t CO2e/yr", 3, 21),
        ("noncommute_co2e_t", "Non-commute travel CO2e (rebound)", "t CO2e/yr", 10, 80),
        ("ict_co2e_t", "Extra ICT CO2e of home days", "t CO2e/yr", 0, 0),
        ("employee_co2e_t", "Travel and home CO2e", "t CO2e/yr", 1_663, 1_471),
        ("office_co2e_t", "Office CO2e (energy and embodied)", "t CO2e/yr", 380, 230),
        ("net_co2e_t", "Net CO2e (travel, home and office)", "t CO2e/yr", 2_043, 1_701),
    ]
    df = pd.DataFrame(rows, columns=["metric", "label", "unit", "baseline", "scenario"])
    df.insert(0, "scenario_name", "2 days home, space given up")
    df.insert(4, "perspective", "climate")
    df["change"] = df["scenario"] - df["baseline"]
    return df


def per_employee_frame(n: int = 600, seed: int = 3) -> pd.DataFrame:
    """``Assessment.per_employee``: the columns the figures read, drawn at random."""
    rng = np.random.default_rng(seed)
    dept = rng.choice(["Administration", "Care", "Schools", "Technical"], n, p=[0.3, 0.3, 0.3, 0.1])
    unit = np.where(
        dept == "Care",
        rng.choice(["Home care", "Care home"], n),
        np.where(
            dept == "Schools",
            rng.choice(["North school", "South school"], n),
            rng.choice(["Team A", "Team B", "Team C"], n),
        ),
    )
    unit[:3] = "Tiny unit"  # 3 people: must never show
    dept[:3] = "Administration"
    tele = np.where(dept == "Care", 0.0, np.where(dept == "Technical", 0.2, 0.9))
    gain = (tele > 0) & (rng.random(n) < 0.95)
    base_days = np.full(n, 5.0)
    scen_days = np.where(gain, 5.0 - np.minimum(2.0, 5 * tele), 5.0)
    km = rng.gamma(2.0, 10.0, n)
    hours = -2 * km / 40 * (base_days - scen_days) * 46
    return pd.DataFrame(
        {
            "employee_id": [f"E{i:04d}" for i in range(n)],
            "department": dept,
            "unit": unit,
            "teleworkable": tele,
            "onsite_days_per_week_baseline": base_days,
            "onsite_days_per_week_scenario": scen_days,
            "home_days_change": (base_days - scen_days) * 46,
            "commute_hours_change": hours,
            "employee_net_cost_change": hours * 45 + 3 * gain,
            "employee_co2e_kg_change": hours * 5.0,
        }
    )


def per_site_frame() -> pd.DataFrame:
    sites = [
        ("HALL", "Town hall", 420, 395, 270, 5500),
        ("JOB", "Job centre", 120, 111, 80, 1200),
        ("LIB", "Library", 40, 40, 32, 0),
        ("DEPOT", "Depot", 3, 3, 3, 0),
        ("SCH", "North school", 226, 222, 196, 0),
    ]
    rows = []
    for sid, name, emp, db, ds, rel in sites:
        rows.append(
            {
                "site_id": sid,
                "site_name": name,
                "employees": emp,
                "desks_today": db,
                "area_today_m2": db * 24.0,
                "desks_needed_baseline": db,
                "desks_needed_scenario": ds,
                "desks_needed_change": ds - db,
                "area_released_m2_baseline": 0.0,
                "area_released_m2_scenario": rel,
                "area_released_m2_change": rel,
                "office_cost_baseline": db * 40e3,
                "office_cost_scenario": ds * 30e3,
                "office_cost_change": ds * 30e3 - db * 40e3,
                "office_co2e_kg_baseline": db * 500.0,
                "office_co2e_kg_scenario": ds * 400.0,
                "office_co2e_kg_change": ds * 400.0 - db * 500.0,
                "peak_weekday_scenario": "tue",
            }
        )
    return pd.DataFrame(rows)


def sweep_frame() -> pd.DataFrame:
    """``remotecalc.analysis.sweep_uncertainty`` output."""
    rows = []
    for release in (0.0, 1.0):
        for d in range(6):
            for metric, label, unit, slope in (
                (
                    "net_co2e_t",
                    "Net CO2e (travel, home and office)",
                    "t CO2e/yr",
                    -90 - 40 * release,
                ),
                (
                    "net_cost",
                    "Net money cost (employees' travel and home energy + employer's offices)",
                    "DKK/yr",
                    -2.4e6 - 1.6e6 * release,
                ),
            ):
                c = slope * d * (1 - 0.06 * d)
                rows.append(
                    (
                        f"{d} days, space {release:g}",
                        float(d),
                        1.0,
                        0.95,
                        np.nan,
                        release,
                        metric,
                        label,
                        unit,
                        c,
                        1.3 * c,
                        c,
                        0.7 * c,
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


def tornado_frame() -> pd.DataFrame:
    """``remotecalc.analysis.sensitivity(...).tornado`` output (changes from central)."""
    params = [
        (
            "rebound.noncommute_share_of_avoided_km",
            "Rebound trips, share of avoided km [share]",
            0.03,
            0.57,
            -60,
            90,
        ),
        (
            "mode.car_petrol.co2e_ttw_kg_per_km",
            "Petrol car: CO2e factor (direct) [kg CO2e/vehicle-km]",
            0.11,
            0.21,
            28,
            -60,
        ),
        ("home.extra_heat_kwh_per_day", "Extra home heat per home day [kWh/day]", 2.4, 9.6, -8, 15),
        (
            "office.embodied_co2e_kg_per_m2_per_year",
            "Office embodied CO2e [kg CO2e/m2/yr]",
            5.0,
            15.0,
            6,
            -7,
        ),
        ("workdays_per_year", "Working days a year [days/yr]", 204, 220, 10, -3),
    ]
    return pd.DataFrame(
        [("net_co2e_t", p, lab, lo, hi, cl, ch, -346.0) for p, lab, lo, hi, cl, ch in params],
        columns=[
            "metric",
            "parameter",
            "label",
            "low",
            "high",
            "change_low",
            "change_high",
            "central",
        ],
    )


def desk_curve_frame() -> pd.DataFrame:
    rows = []
    for name, base in (("Today", 490), ("1 day home", 425), ("2 days home", 330)):
        for sl in (0.5, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99):
            rows.append((name, sl, base + 60 * sl**8))
    return pd.DataFrame(rows, columns=["scenario_name", "service_level", "desks_needed"])


def headline_frame() -> pd.DataFrame:
    names = ["1 day home", "2 days home", "3 days home, space given up"]
    rows = [
        (n, "net_co2e_t", "Net CO2e", "t CO2e/yr", c, lo, hi)
        for n, c, lo, hi in zip(
            names, [-126, -199, -356], [-183, -290, -520], [-66, -105, -251], strict=True
        )
    ]
    rows += [
        (n, "net_cost", "Net money cost", "1,000 DKK/yr", c, np.nan, np.nan)
        for n, c in zip(names, [-3433, -5475, -13742], strict=True)
    ]
    return pd.DataFrame(
        rows, columns=["scenario_name", "metric", "label", "unit", "change", "p05", "p95"]
    )


# -- image regression of the key figures ------------------------------------------------------
@pytest.mark.mpl_image_compare(**MPL)
def test_waterfall_image():
    return plotting.waterfall(summary_frame(), note="Parameter set test.").figure


@pytest.mark.mpl_image_compare(**MPL)
def test_waterfall_danish_image():
    return plotting.waterfall(summary_frame(), lang="da", start="zero").figure


@pytest.mark.mpl_image_compare(**MPL)
def test_savings_distribution_image():
    return plotting.savings_distribution(
        per_employee_frame(), "commute_hours", scenario="2 days home"
    ).figure


@pytest.mark.mpl_image_compare(**MPL)
def test_gains_by_group_image():
    return plotting.gains_by_group(
        per_employee_frame(), ["department", "unit"], scenario="2 days home"
    ).figure


@pytest.mark.mpl_image_compare(**MPL)
def test_desks_vs_service_level_image():
    return plotting.desks_vs_service_level(
        desk_curve_frame(), desks_today=543, sites="Town hall, Job centre"
    ).figure


@pytest.mark.mpl_image_compare(**MPL)
def test_remote_days_bands_image():
    return plotting.remote_days_bands(sweep_frame(), "net_co2e_t", n_draws=300).figure


@pytest.mark.mpl_image_compare(**MPL)
def test_remote_days_bands_cost_danish_image():
    return plotting.remote_days_bands(sweep_frame(), "net_cost", n_draws=300, lang="da").figure


@pytest.mark.mpl_image_compare(**MPL)
def test_tornado_image():
    return plotting.tornado(tornado_frame(), "net_co2e_t", scenario="2 days home").figure


@pytest.mark.mpl_image_compare(**MPL)
def test_site_comparison_image():
    return plotting.site_comparison(per_site_frame(), "desks_needed", scenario="2 days home").figure


@pytest.mark.mpl_image_compare(**MPL)
def test_scenario_comparison_image():
    return plotting.scenario_comparison(headline_frame(), "net_co2e_t").figure


@pytest.fixture(scope="module")
def kommuner():
    pytest.importorskip(
        "geopandas", reason="the map needs the geo extra: pip install 'remotecalc[geo]'"
    )
    return shared_file("dk", "kommuner.geojson")


def municipality_values(areas) -> pd.DataFrame:
    zealand = [
        "0101",
        "0147",
        "0151",
        "0153",
        "0157",
        "0159",
        "0161",
        "0163",
        "0165",
        "0167",
        "0169",
        "0173",
        "0175",
        "0183",
        "0185",
        "0187",
        "0190",
        "0201",
        "0210",
        "0217",
        "0219",
        "0223",
        "0230",
        "0240",
        "0250",
        "0253",
        "0259",
        "0260",
        "0265",
        "0269",
        "0270",
        "0316",
        "0320",
        "0326",
        "0329",
        "0330",
        "0336",
        "0340",
        "0350",
        "0360",
        "0370",
        "0376",
        "0390",
        "0400",
        "0461",
    ]
    v = pd.DataFrame({"code": areas["code"]})
    rank = {c: i for i, c in enumerate(zealand)}
    v["employees"] = [float(5 + 7 * (rank[c] % 9)) if c in rank else 0.0 for c in v["code"]]
    v.loc[v["code"].isin(["0400", "0360"]), "employees"] = 3.0
    v["withheld"] = small_group_mask(v["employees"])
    v["value"] = np.where(v["employees"] > 0, v["employees"] * 0.4, np.nan)
    v.loc[v["withheld"], ["value", "employees"]] = np.nan
    return v


@pytest.mark.mpl_image_compare(**MPL)
def test_municipality_map_image(kommuner):
    areas = read_boundaries(kommuner)
    return plotting.municipality_map(
        municipality_values(areas),
        areas,
        label="Commute CO2e saved",
        boundary_source="Geodatastyrelsen og Danske Kommuner, DAGI",
        scenario="2 days home",
    ).figure


# -- Axes in, Axes out; style; captions -------------------------------------------------------
FIGURES = {
    "waterfall": lambda ax, lang: plotting.waterfall(summary_frame(), ax, lang=lang),
    "distribution": lambda ax, lang: plotting.savings_distribution(
        per_employee_frame(), "employee_net_cost", ax, lang=lang
    ),
    "groups": lambda ax, lang: plotting.gains_by_group(
        per_employee_frame(), "department", ax, lang=lang
    ),
    "desks": lambda ax, lang: plotting.desks_vs_service_level(desk_curve_frame(), ax, lang=lang),
    "bands": lambda ax, lang: plotting.remote_days_bands(sweep_frame(), "net_cost", ax, lang=lang),
    "tornado": lambda ax, lang: plotting.tornado(tornado_frame(), "net_co2e_t", ax, lang=lang),
    "sites": lambda ax, lang: plotting.site_comparison(
        per_site_frame(), "office_co2e_kg", ax, lang=lang
    ),
    "scenarios": lambda ax, lang: plotting.scenario_comparison(
        headline_frame(), "net_cost", ax, lang=lang
    ),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_axes_in_axes_out_with_units_and_caption(name, monkeypatch):
    shown = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: shown.append(1))
    fig, ax = plt.subplots()
    out = FIGURES[name](ax, "en")
    assert out is ax and not shown
    labels = ax.get_xlabel() + ax.get_ylabel()
    assert "[" in labels and "]" in labels  # a unit in brackets on an axis
    captions = [t for t in ax.texts if t.get_gid() == "caption"]
    assert len(captions) == 1 and len(captions[0].get_text()) > 30
    fig.canvas.draw()  # draws without error (layout, caption coordinates)


@pytest.mark.parametrize("name", list(FIGURES))
def test_danish_axis_labels(name):
    ax = FIGURES[name](None, "da")
    en = FIGURES[name](None, "en")
    assert ax.get_xlabel() + ax.get_ylabel() != en.get_xlabel() + en.get_ylabel()
    caption = next(t for t in ax.texts if t.get_gid() == "caption").get_text()
    assert any(w in caption for w in (" og ", " i ", " af ", " pr. "))


def test_no_caption_when_asked():
    ax = plotting.waterfall(summary_frame(), caption=False)
    assert not [t for t in ax.texts if t.get_gid() == "caption"]


def test_style_comes_from_the_file_and_is_not_left_behind():
    before = dict(matplotlib.rcParams)
    ax = plotting.waterfall(summary_frame())
    assert ax.figure.get_figwidth() == pytest.approx(6.3)  # A4 text width, from the style
    assert matplotlib.rcParams["axes.prop_cycle"] == before["axes.prop_cycle"]
    assert str(plotting.STYLE_FILE).endswith("remotecalc.mplstyle")
    with plotting.style():
        assert matplotlib.rcParams["savefig.dpi"] == 300
        colours = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    assert [c.upper().lstrip("#") for c in colours[:3]] == ["0072B2", "D55E00", "009E73"]


def _grey(rgb):
    r, g, b = rgb[:3]
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_waterfall_survives_greyscale():
    """Decrease and increase bars differ by hatching even where their greys are alike."""
    ax = plotting.waterfall(summary_frame())
    bars = [p for p in ax.patches if p.get_height() > 0]
    hatches = {p.get_hatch() for p in bars}
    assert {"////", "...."} <= hatches
    fills = {p.get_hatch(): _grey(p.get_facecolor()) for p in bars}
    assert abs(fills["////"] - fills["...."]) < 0.15  # similar greys: hatching is needed


def test_lines_carry_markers_and_dashes():
    ax = plotting.desks_vs_service_level(desk_curve_frame())
    lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2]
    assert len({ln.get_marker() for ln in lines}) == len(lines)
    assert len({ln.get_linestyle() for ln in lines}) > 1


def test_waterfall_steps_add_up():
    s = summary_frame()
    ax = plotting.waterfall(s, caption=False, start="zero")
    labels = [t.get_text() for t in ax.texts]
    assert "2,043" in labels and "1,701" in labels and "−280" in labels and "+70" in labels
    assert ax.get_ylim()[0] == 0


def test_waterfall_needs_one_scenario():
    two = pd.concat([summary_frame(), summary_frame().assign(scenario_name="other")])
    with pytest.raises(ValueError, match="pick one"):
        plotting.waterfall(two)
    assert plotting.waterfall(two, scenario="other").get_title(loc="left") == "other"


def test_tornado_reads_parameter_values_and_swing_order():
    ax = plotting.tornado(tornado_frame(), "net_co2e_t", top=3)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ticks) == 3 and ticks[-1].startswith("Rebound trips")  # widest at the top
    assert "(0.03 – 0.57)" in ticks[-1]
    assert "CO₂e" in ticks[1] and "CO2e" not in ticks[1]


def test_money_axes_in_thousands():
    ax = plotting.remote_days_bands(sweep_frame(), "net_cost")
    assert "1,000 DKK/yr" in ax.get_ylabel()
    assert ax.get_ylim()[0] > -1e5


# -- privacy in figures (the rules themselves: test_disclosure.py) -------------------------------
def test_gains_by_group_figure_hides_the_small_unit():
    ax = plotting.gains_by_group(per_employee_frame(), ["department", "unit"])
    ticks = " ".join(t.get_text() for t in ax.get_yticklabels())
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "Tiny unit" not in ticks + texts
    assert "pooled" in ticks
    n_in_notes = [
        int(s.split("=")[1].split(";")[0].strip().replace(",", ""))
        for s in texts.split("(n")
        if "=" in s.split(";")[0]
    ]
    assert n_in_notes and min(n_in_notes) >= 5


def test_site_figure_pools_small_sites_and_distribution_tails():
    ax = plotting.site_comparison(per_site_frame(), "desks_needed")
    assert "Depot" not in {t.get_text() for t in ax.get_yticklabels()}
    ax = plotting.savings_distribution(per_employee_frame(), "commute_hours")
    heights = [p.get_height() for p in ax.containers[0].patches if p.get_height() > 0]
    assert heights[0] >= 5 and heights[-1] >= 5  # pooled tails hold at least 5


# -- languages --------------------------------------------------------------------------------
def test_every_text_and_metric_has_both_languages():
    from remotecalc.evaluation.entry import METRICS, SITE_METRICS

    for key, texts in TEXTS.items():
        assert set(texts) == {"en", "da"}, key
    from remotecalc.model.metrics import metric_label

    for m in [*METRICS, *SITE_METRICS, "net_co2e_t", "net_cost"]:
        assert metric_label(m, "da") != metric_label(m, "en"), m
    assert fmt_number(-1234.5, "da", 1) == "−1.234,5"
    with pytest.raises(ValueError):
        plotting.waterfall(summary_frame(), lang="de")


# -- ticks, labels, legends, scenario names (issue 16, item 5) ---------------------------------
def _number(text: str, lang: str) -> float:
    """A tick label read back as a number (the inverse of i18n.fmt_number)."""
    s = text.replace("−", "-")
    s = s.replace(".", "").replace(",", ".") if lang == "da" else s.replace(",", "")
    return float(s)


def _shown_ticks(axis):
    """(positions, labels) of the major ticks inside the view, after a draw."""
    lo, hi = sorted(axis.get_view_interval())
    eps = 1e-9 * (hi - lo)
    locs = axis.get_majorticklocs()
    labels = axis.get_majorticklabels()
    return [
        (loc, lab) for loc, lab in zip(locs, labels, strict=True) if lo - eps <= loc <= hi + eps
    ]


def _overlaps(texts, horizontal: bool) -> list[tuple[str, str]]:
    boxes = sorted(
        ((t.get_window_extent(), t.get_text()) for t in texts if t.get_text()),
        key=lambda b: b[0].x0 if horizontal else b[0].y0,
    )
    return [
        (a[1], b[1])
        for a, b in itertools.pairwise(boxes)
        if (a[0].x1 > b[0].x0 if horizontal else a[0].y1 > b[0].y0)
    ]


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_tick_labels_are_exact_unique_and_apart(name, lang):
    """Number ticks come from a locator and say exactly where they are (no "22" at 22.5);
    no two tick labels of an axis repeat or touch."""
    ax = FIGURES[name](None, lang)
    ax.figure.canvas.draw()
    numeric = 0
    for axis, horizontal in ((ax.xaxis, True), (ax.yaxis, False)):
        shown = _shown_ticks(axis)
        texts = [lab.get_text() for _, lab in shown]
        assert len(set(texts)) == len(texts), (axis.axis_name, texts)
        assert not _overlaps([lab for _, lab in shown], horizontal), (axis.axis_name, texts)
        if isinstance(axis.get_major_formatter(), plotting.NumberFormatter):
            numeric += 1
            scale = axis.get_major_formatter().scale
            assert len(shown) >= 3, texts
            for loc, lab in shown:
                assert _number(lab.get_text(), lang) == pytest.approx(loc * scale, abs=1e-9), (
                    lab.get_text(),
                    loc,
                )
    assert numeric >= 1


@pytest.mark.parametrize(("lo", "hi"), [(21.0, 33.0), (0.0, 12.7), (-0.3, 0.45), (0, 14_000)])
def test_number_axis_never_rounds_a_tick_off(lo, hi):
    with plotting.style():
        fig, ax = plt.subplots(figsize=(3.0, 2.0))
    plotting.number_axis(ax.xaxis, "da")
    plotting.number_axis(ax.yaxis, "en")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    fig.canvas.draw()
    for axis, lang in ((ax.xaxis, "da"), (ax.yaxis, "en")):
        shown = _shown_ticks(axis)
        assert [_number(lab.get_text(), lang) for _, lab in shown] == pytest.approx(
            [loc for loc, _ in shown]
        )
    assert not _overlaps([lab for _, lab in _shown_ticks(ax.xaxis)], True)


def test_counts_get_whole_number_ticks():
    ax = plotting.savings_distribution(per_employee_frame(), "commute_hours")
    ax.figure.canvas.draw()
    assert all(float(loc).is_integer() for loc, _ in _shown_ticks(ax.yaxis))
    ax = plotting.remote_days_bands(sweep_frame(), "net_co2e_t")
    ax.figure.canvas.draw()
    assert [lab.get_text() for _, lab in _shown_ticks(ax.xaxis)] == ["0", "1", "2", "3", "4", "5"]


def test_tick_decimals_known_answers():
    assert plotting.tick_decimals([22.5, 25.0, 27.5]) == 1
    assert plotting.tick_decimals([0, 2000, 4000]) == 0
    assert plotting.tick_decimals([0.05, 0.1]) == 2
    assert plotting.NumberFormatter("da").format_ticks([-2.5, 0, 2.5]) == ["−2,5", "0,0", "2,5"]
    assert plotting.NumberFormatter("en", scale=1e-3).format_ticks([0, 5e5, 1e6]) == [
        "0",
        "500",
        "1,000",
    ]


def long_tornado_frame(n: int = 10) -> pd.DataFrame:
    """A tornado of ``n`` parameters with long labels (as the registry writes them)."""
    rows = []
    for i in range(n):
        label = (
            f"Parameter number {i} with a long descriptive name, share of something "
            f"[kg CO2e/vehicle-km]"
        )
        rows.append(
            ("net_co2e_t", f"p{i}", label, 0.1 * i, 0.2 * i + 1, -5 * (n - i), 4 * (n - i), -300.0)
        )
    return pd.DataFrame(
        rows,
        columns=[
            "metric",
            "parameter",
            "label",
            "low",
            "high",
            "change_low",
            "change_high",
            "central",
        ],
    )


@pytest.mark.parametrize("n", [3, 10])
def test_tornado_labels_never_overlap(n):
    ax = plotting.tornado(long_tornado_frame(n), "net_co2e_t", lang="da")
    ax.figure.canvas.draw()
    labels = ax.get_yticklabels()
    assert len(labels) == n
    assert all(len(line) <= 38 for lab in labels for line in lab.get_text().split("\n"))
    assert not _overlaps(labels, horizontal=False)
    # the figure grows with the number of parameters
    assert ax.figure.get_figheight() > 0.4 * n


def test_bands_legend_patches_match_the_bands():
    """Each legend entry shows its own band's colour and hatch (not one grey patch)."""
    ax = plotting.remote_days_bands(sweep_frame(), "net_co2e_t")
    leg = ax.get_legend()
    bands = [c for c in ax.collections if len(c.get_paths())]
    lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2]
    assert len(leg.legend_handles) == len(bands) == len(lines) == 2
    for handle, band, line, text in zip(
        leg.legend_handles, bands, lines, leg.get_texts(), strict=True
    ):
        assert matplotlib.colors.same_color(handle.get_facecolor(), band.get_facecolor()[0])
        assert handle.get_hatch() == band.get_hatch()
        assert matplotlib.colors.same_color(line.get_color(), band.get_edgecolor()[0][:3])
        assert text.get_text() == line.get_label()
    assert "5–95" in leg.get_title().get_text()


def test_waterfall_legend_patches_match_the_bars():
    ax = plotting.waterfall(summary_frame())
    bars = [p for p in ax.patches if p.get_height() > 0]
    leg = ax.get_legend()
    for handle in leg.legend_handles:
        same = [
            b
            for b in bars
            if matplotlib.colors.same_color(b.get_facecolor(), handle.get_facecolor())
            and (b.get_hatch() or "") == (handle.get_hatch() or "")
        ]
        assert same, handle.get_label()


def test_figures_name_their_scenario():
    name = "2 days home, space given up"
    # the waterfall names its scenario even without a title (the report's PNGs)
    assert (
        plotting.waterfall(summary_frame(), title=False).get_title(loc="left")
        == f"Scenario: {name}"
    )
    assert plotting.waterfall(summary_frame(), lang="da", title="CO₂e").get_title(loc="left") == (
        f"CO₂e\nScenarie: {name}"
    )
    e, s = per_employee_frame(), per_site_frame()
    for ax in (
        plotting.savings_distribution(e, scenario="2 days home"),
        plotting.gains_by_group(e, scenario="2 days home"),
        plotting.site_comparison(s, scenario="2 days home"),
        plotting.tornado(tornado_frame(), scenario="2 days home"),
    ):
        assert ax.get_title(loc="left") == "Scenario: 2 days home"
    ax = plotting.gains_by_group(e, title="Who gains", scenario="$x$ days")
    assert (
        ax.get_title(loc="left") == "Who gains\nScenario: \\$x\\$ days"
    )  # user text is not mathtext


# -- who gains: the histogram shows no small group and only published values (issue 25) -------
@pytest.mark.parametrize("k", [3, 5, 10])
@pytest.mark.parametrize("seed", range(8))
def test_safe_bins_every_bar_holds_zero_or_at_least_k(k, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2 * k, 400))
    v = np.r_[rng.gamma(1.5, 30.0, n - 3), rng.uniform(500, 5000, 3)]  # a few far-off values
    v = v * rng.choice([1.0, -1.0, 0.01])
    edges = plotting.safe_bins(v, k, bins=30)
    counts = np.histogram(np.clip(v, edges[0], edges[-1]), edges)[0]
    assert counts.sum() == len(v)
    assert ((counts == 0) | (counts >= k)).all(), counts
    assert counts[0] >= k and counts[-1] >= k
    width = np.diff(edges).min()  # the edges lie on one round grid, not on people's values
    assert np.allclose(edges / width, np.round(edges / width))


def test_safe_bins_of_equal_values_is_one_round_bar():
    edges = plotting.safe_bins(np.full(12, 37.0), 5)
    counts = np.histogram(np.full(12, 37.0), edges)[0]
    assert counts.tolist() == [12] and edges[0] <= 37.0 < edges[-1]
    assert edges.tolist() == [36.0, 38.0]  # the round grid of 2 around 37
    assert plotting.safe_bins(np.zeros(12), 5).tolist() == [0.0, 0.05]


def test_safe_bins_refuses_too_few_values():
    with pytest.raises(ValueError, match="at least 10 values"):
        plotting.safe_bins(np.arange(9.0), 5)


def _bars(ax):
    """The histogram's bars (x0, x1, height); the first bar container (the median's hatched
    bar is drawn after them)."""
    return [
        (p.get_x(), p.get_x() + p.get_width(), p.get_height()) for p in ax.containers[0].patches
    ]


@pytest.mark.parametrize("metric", ["commute_hours", "employee_net_cost"])
def test_savings_distribution_bars_hold_k_and_legend_shows_only_published_values(metric):
    from remotecalc.evaluation.disclosure import (
        disclosure_secret,
        gains_home_days,
        publish_groups,
        record_keys,
    )

    e = per_employee_frame(120, seed=5)
    e.loc[e.index[:1], f"{metric}_change"] *= 40  # one far-off commuter
    ax = plotting.savings_distribution(e, metric, min_group_size=5)
    gains = gains_home_days(e).to_numpy()
    v = -e.loc[gains, f"{metric}_change"].to_numpy()
    bars = _bars(ax)
    lo, hi = bars[0][0], bars[-1][1]
    vc = np.clip(v, lo, hi)
    step = min(b - a for a, b, _ in bars)
    for i, (a, b, height) in enumerate(bars):
        last = i == len(bars) - 1
        exact = int(((vc >= a) & ((vc < b) | (last & (vc <= b)))).sum())
        assert exact == 0 or exact >= 5, (a, b, exact)
        # a widened bar is drawn per grid step (its area is its people): people = h × w / step
        people = height * (b - a) / step
        assert people == pytest.approx(round(people)) and (round(people) == 0 or people >= 5)
    assert sum(int(((vc >= a) & (vc < b)).sum()) for a, b, _ in bars[:-1]) + int(
        ((vc >= bars[-1][0]) & (vc <= hi)).sum()
    ) == len(v)
    labels = ax.get_legend_handles_labels()[1]
    (median,) = [x for x in labels if x.startswith("Median")]
    (mean,) = [x for x in labels if x.startswith("Mean")]
    # the mean: published total of those who gain over their published count
    secret = disclosure_secret(e)
    pub = publish_groups(
        e[[f"{metric}_change"]],
        np.where(gains, "gain", None),
        5,
        keys=record_keys(e, secret),
        secret=secret,
    )
    published = -pub.at["gain", f"{metric}_change"] / pub.at["gain", "employees"]
    line = next(ln for ln in ax.get_lines() if ln.get_label() == mean)
    assert line.get_xdata()[0] == pytest.approx(published)
    assert published != pytest.approx(v.mean(), rel=1e-6)
    # the median: the edges of the bar it falls in, not a person's value
    edges = sorted({x for a, b, _ in bars for x in (a, b)})
    shown = [float(s.replace(",", "")) for s in median.split("bar ")[1].split(" to ")]
    assert all(np.isclose(x, edges, rtol=1e-3).any() for x in shown)
    assert shown[0] <= np.median(v) <= shown[1]
    assert not np.isclose(np.asarray(shown)[:, None], v[None, :]).any()


def test_savings_distribution_never_gives_a_small_number_without_a_home_day():
    e = per_employee_frame(60, seed=2)
    e["onsite_days_per_week_scenario"] = 3.0
    e.loc[e.index[:2], "onsite_days_per_week_scenario"] = 5.0  # two gain nothing
    for lang, text in (("en", "Fewer than 5 employees"), ("da", "Færre end 5 medarbejdere")):
        ax = plotting.savings_distribution(e, lang=lang)
        shown = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
        assert text in shown
        assert " 2 " not in f" {shown} "
