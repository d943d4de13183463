"""The explorer app (Panel) without a browser: widgets -> what the page holds (the served
page, its assets and its address are tested with one server in test_explorer_security.py).

Skips, saying so, where Panel is not installed (pip install 'remotecalc[app]').
"""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.inputs.scenario import load_scenarios
from remotecalc.outputs.report import headline_table

# find_spec looks Panel up without importing it (1-2 s): collection stays cheap, and a
# machine without Panel skips the whole module, saying why
if importlib.util.find_spec("panel") is None:
    pytest.skip(
        "the explorer app needs Panel: pip install 'remotecalc[app]'", allow_module_level=True
    )

from remotecalc.explorer.app import ExplorerApp, fmt, load_panel
from remotecalc.explorer.state import ExplorerModel, ParamChoice, text

ROOT = Path(__file__).resolve().parents[1]
STAFF = ROOT / "data" / "examples" / "staff.csv"
SITES = ROOT / "data" / "examples" / "sites.csv"


@pytest.fixture(scope="module")
def wf():
    return rc.datasets.demo_workforce(500, seed=11)


@pytest.fixture
def app(wf, tmp_path):
    load_panel()
    return ExplorerApp(ExplorerModel(wf), "en", tmp_path / "out")


def _cells(page: str) -> dict[tuple[str, str], tuple[float, str]]:
    """(metric, col) -> (data-value, text shown) of the headline HTML."""
    cells = re.findall(
        r'data-metric="([^"]+)" data-col="(\w+)" data-value="([^"]+)">([^<]*)</td>', page
    )
    return {(m, c): (float(v), html.unescape(txt)) for m, c, v, txt in cells}


def test_moving_the_remote_days_lever_shows_what_assess_gives(app, wf):
    app.remote_days.value = 3
    app.remote_days.param.trigger("value_throttled")
    app.uptake.value = 0.8
    app.uptake.param.trigger("value_throttled")
    sc = rc.Scenario(name="x", remote_days_per_week=3, uptake=0.8)
    want = headline_table([rc.assess(wf, sc).published()]).set_index("metric")  # published
    cells = _cells(app.headline.object)
    for metric in ("net_co2e_t", "commute_hours", "net_cost", "desks_needed"):
        value, shown = cells[(metric, "change")]
        assert value == pytest.approx(want.loc[metric, "change"], rel=1e-9, abs=1e-9)
        assert shown == fmt(float(want.loc[metric, "change"]), "en", sign=True)


def test_language_switch_relabels_and_formats_in_danish(app):
    app.lang.value = "da"
    assert app.remote_days.name == text("remote_days", "da")
    assert "Netto-CO₂e" in app.headline.object
    assert "I dag" in app.headline.object
    value, shown = _cells(app.headline.object)[("commute_km", "baseline")]
    assert shown == fmt(value, "da") and "." in shown  # Danish thousands separator


def test_desk_ratio_and_departments_reach_the_scenario(app, wf):
    app.desk_rule.value = "ratio"
    app.desk_ratio.value = 0.7
    dept = next(iter(app.departments.options.values()))
    app.departments.value = [dept]
    sc = app.scenario()
    assert sc.desk_ratio == 0.7 and sc.applies_to == {"department": (dept,)}
    assert app.service_level.visible is False


def test_a_key_parameter_is_an_override(app, wf):
    key, (slider, v0, _) = next(iter(app.key_params.items()))
    slider.value = slider.end
    slider.param.trigger("value_throttled")
    assert app.choice().overrides == ((key, slider.end),)
    slider.value = v0
    assert app.choice().overrides == ()


def test_saved_scenarios_are_compared_and_exported(app, wf, tmp_path):
    app.name.value = "two days"
    app.remote_days.value = 2
    app.save()
    app.name.value = "four days, space"
    app.remote_days.value = 4
    app.release.value = 1.0
    app.save()
    page = app.compare.object
    assert 'data-scenario="two days"' in page and 'data-scenario="four days, space"' in page
    done = app.export()
    assert done is not None and done.params is None
    plan = load_scenarios(done.plan)
    assert [s.name for s in plan] == ["two days", "four days, space"]
    assert plan[1].remote_days_per_week == 4 and plan[1].release_space == 1.0
    assert "remotecalc report" in app.export_note.object


def test_tabs_show_desks_and_gains_without_small_groups(app):
    app.tabs.active = 1
    assert 'id="rc-desks"' in app.desk_table.object
    assert app.desk_fig.object is not None
    app.tabs.active = 2
    assert app.gains_fig.object is not None


def test_ranges_on_request(app):
    import asyncio

    app.n_draws.value = 100
    asyncio.run(app._run_ranges())
    assert "rc-ranges" in app.mc_note.object
    assert 'data-col="range"' in app.headline.object
    app.remote_days.value = 1  # levers moved: the ranges no longer apply
    app.remote_days.param.trigger("value_throttled")
    assert 'data-col="range"' not in app.headline.object


def test_app_command_fails_clearly_without_staff(tmp_path):
    cmd = [sys.executable, "-m", "remotecalc.cli.main", "app", str(tmp_path / "missing.csv")]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert "missing.csv" in out.stdout + out.stderr


def test_rc_explore_gives_a_panel_object_for_jupyter(wf, tmp_path):
    import panel as pn

    view = rc.explore(wf, "dk-2025", lang="da", out=tmp_path)
    assert isinstance(view, pn.viewable.Viewable)
    assert "Netto-CO₂e" in str([o.object for o in view.select(pn.pane.HTML)])
    # in a notebook Panel embeds its JavaScript (inline resources), fetching none from a CDN
    assert pn.config.inline is True


def test_write_report_of_the_saved_scenarios(app, wf):
    app.name.value = "two days"
    app.remote_days.value = 2
    app.save()
    files = app.write_report([sc for sc, _ in app.saved.values()], app.choice())
    assert Path(files.html).exists() and Path(files.xlsx).exists()
    # "Write report" writes the PDF too (or says why not, where WeasyPrint cannot run)
    from remotecalc.outputs.report import pdf_unavailable

    why = pdf_unavailable()
    assert (files.pdf is not None and Path(files.pdf).exists()) if why is None else files.skipped
    assert (app.out / "plan.toml").exists()
    head = pd.read_excel(files.xlsx, sheet_name="Headline")
    assert list(head.iloc[:, 0]) == ["two days"]


def test_a_withheld_selection_shows_nothing_in_any_tab(wf, tmp_path):
    staff = wf.staff.drop(columns=["source_row"], errors="ignore").copy()
    staff.loc[:, "department"] = "Big"
    staff.loc[staff.index[:3], "department"] = "Few"
    load_panel()
    app = ExplorerApp(ExplorerModel(rc.read_staffing(staff, sites=wf.sites)), "en", tmp_path)
    app.departments.options = {"Big": "Big"}
    app.departments.value = ["Big"]  # everyone but 3: their totals would show by difference
    withheld = "applies_to selection is withheld"  # one message, no count
    assert withheld in app.headline.object and "rc-headline" not in app.headline.object
    assert " 3 " not in app.headline.object
    for tab in (1, 2):
        app.tabs.active = tab
        assert app.desk_fig.object is None and app.gains_fig.object is None
        assert withheld in app.desk_table.object


def test_parameter_set_and_long_run_switches(app, wf):
    app.param_set.value = "uk-desnz-2025"
    assert "GBP" in app.headline.object
    assert set(app.key_params) <= set(rc.load_parameters("uk-desnz-2025").keys())
    app.long_run.value = True
    assert app.choice() == ParamChoice("uk-desnz-2025", True, ())
    assert "long run" in app.status.object
    sc = app.scenario()
    params = rc.load_parameters("uk-desnz-2025").with_variant("long-run")
    want = headline_table([rc.assess(wf, sc, params).published()]).set_index("metric")
    value, _ = _cells(app.headline.object)[("net_co2e_t", "change")]
    assert value == pytest.approx(want.loc["net_co2e_t", "change"], rel=1e-9)


def test_scenarios_with_different_parameters_are_exported_one_plan_each(wf, tmp_path):
    load_panel()
    app = ExplorerApp(ExplorerModel(wf), "en", tmp_path)
    app.name.value = "two days"
    app.remote_days.value = 2
    app.save()
    key, (slider, _, _) = next(iter(app.key_params.items()))
    slider.value = slider.end  # another parameter value for the next scenario
    app.name.value = "three days, other value"
    app.remote_days.value = 3
    app.save()
    done = app.export()
    assert isinstance(done, list) and len(done) == 2
    first, second = (load_scenarios(d.plan) for d in done)
    assert [s.name for s in first] == ["two days"]
    assert [s.name for s in second] == ["three days, other value"]
    assert done[0].params is None  # the packaged set as it is
    assert done[1].params is not None and done[1].params.exists()
    assert rc.load_parameters(done[1].params)[key] == pytest.approx(slider.end)
    note = app.export_note.object
    assert "2 different parameter choices" in note and note.count("remotecalc report") == 2
    assert str(done[0].plan.resolve()) in note and str(done[1].plan.resolve()) in note


def test_danish_widgets_show_danish_numbers_and_names(wf, tmp_path):
    load_panel()
    app = ExplorerApp(ExplorerModel(wf), "da", tmp_path)
    assert app.name.value == "Scenarie 1"
    fmt_da = app.service_level.format
    assert fmt_da.language == "da-dk" and fmt_da.format == "0,0.00"  # 0,95 in the browser
    assert app.remote_days.format.format == "0,0.0"
    assert all(s.format.language == "da-dk" for s, _, _ in app.key_params.values())
    assert "1.000" in app.n_draws.options  # thousands as in the tables
    app.save()
    assert app.name.value == "Scenarie 2"
    app.lang.value = "en"  # the default name follows the language; the numbers too
    assert app.name.value == "Scenario 2"
    assert app.service_level.format.language == "en" and "1,000" in app.n_draws.options


def test_the_headline_is_shown_before_the_figures_are_drawn(wf, tmp_path, monkeypatch):
    load_panel()
    app = ExplorerApp(ExplorerModel(wf), "en", tmp_path)
    order: list[str] = []
    scheduled: list = []
    real = app.model.waterfall_figure
    monkeypatch.setattr(
        app.model, "waterfall_figure", lambda *a, **k: (order.append("figure"), real(*a, **k))[1]
    )
    # as on the server: the figures run on the next tick, after the headline was sent
    monkeypatch.setattr(app.pn.state, "execute", lambda fn, schedule=True: scheduled.append(fn))
    app.remote_days.value = 3
    app.update()
    order.append("headline sent")
    app.remote_days.value = 4
    app.update()  # a second move before the first one's figures were drawn
    assert 'data-value="' in app.headline.object and order == ["headline sent"]
    for fn in scheduled:
        fn()
    assert order == ["headline sent", "figure"]  # only the newest move's figures are drawn


def test_headline_attributes_and_status_line_carry_only_published_values(app, wf):
    """The headline's data-value attributes are the published values (never the exact
    ones a reader could difference), and the status line shows the published count of a
    selection (with its count noise), not the exact number of people selected; the note
    that the figures carry noise is under the headline."""
    depts = sorted(wf.staff["department"].astype(str).unique())
    differs = 0
    for dept in depts:
        app.departments.value = [dept]
        app.update()
        sc = app.scenario()
        ev = app.model.evaluate(sc, app.choice())
        if not ev.shown:  # refused: no count at all
            assert "–" in app.status.object
            continue
        exact_n = int((wf.staff["department"].astype(str) == dept).sum())
        shown_n = re.search(r"· ([\d,.]+) employees ·", app.status.object)
        assert shown_n is not None, app.status.object
        assert int(shown_n.group(1).replace(",", "")) == ev.n_selected
        differs += ev.n_selected != exact_n
        exact = rc.assess(wf, sc).summary().set_index("metric")
        published = headline_table([rc.assess(wf, sc).published()]).set_index("metric")
        cells = _cells(app.headline.object)
        for metric in ("commute_km", "net_co2e_t", "net_cost"):
            value, _shown = cells[(metric, "change")]
            assert value == pytest.approx(published.loc[metric, "change"], rel=1e-9)
            assert value != pytest.approx(exact.loc[metric, "change"], rel=1e-6), metric
        assert 'id="rc-perturbed"' in app.headline.object
    assert differs, "no selection whose published count differs: the test would not see it"
