"""The scenario explorer: planners move the levers and see the answer, in a browser or Jupyter.

:func:`explore` shows the app inside Jupyter, :func:`serve` (``remotecalc app``) serves it on
127.0.0.1. Both are built with Panel (HoloViz), imported only when called: importing this
module loads no web framework, and ``import remotecalc`` stays light. The numbers come from
:class:`remotecalc.explorer.state.ExplorerModel` (the evaluation layer). Everything the
page shows is an aggregate from the model (headline, waterfall, desks per site with small
sites pooled, gains by department with small groups pooled); figures reach the browser as
PNG images, tables as HTML whose user texts are escaped.
"""

from __future__ import annotations

import asyncio
import html
import importlib
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from remotecalc.evaluation.disclosure import DEFAULT_MIN_GROUP_SIZE
from remotecalc.explorer import state as ex
from remotecalc.i18n import fmt_number, fmt_percent, parameter_label, t, unit_label
from remotecalc.inputs.parameters import Parameters, list_parameter_sets
from remotecalc.inputs.scenario import Scenario
from remotecalc.outputs import plotting

if TYPE_CHECKING:
    from remotecalc.inputs.workforce import Workforce

__all__ = [
    "SECURITY_HEADERS",
    "ExplorerApp",
    "allowed_hosts",
    "build_app",
    "content_security_policy",
    "explore",
    "load_panel",
    "make_server",
    "protect",
    "run_server",
    "serve",
]

#: Monte Carlo draws offered for the ranges.
N_DRAWS = (100, 300, 1000)

_CSS = """
table.rc-table { border-collapse: collapse; font-size: 13px; }
table.rc-table th, table.rc-table td { padding: 3px 8px; border-bottom: 1px solid #ddd; }
table.rc-table th { text-align: left; background: #f3f3f3; }
table.rc-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.rc-note { color: #555; font-size: 12px; }
"""


def load_panel(notebook: bool = False):
    """Import Panel (a clear message where it is missing) and load its extension."""
    try:
        import panel as pn
    except ImportError as err:
        raise ImportError(
            "the scenario explorer needs Panel: pip install 'remotecalc[app]'"
        ) from err
    # in a notebook, Panel's JavaScript is embedded in the page (inline): nothing from a CDN
    pn.extension(raw_css=[_CSS], notifications=False, inline=notebook)
    return pn


def escaped(names: Any) -> dict[str, str]:
    """Options of a choice widget from user texts: ``{escaped label: name}``.

    The browser's multi-choice list (Choices.js in Bokeh) puts option labels into the page as
    HTML; an escaped label shows the name as typed (``<img ...>`` as text) and runs nothing,
    while the widget's value stays the name itself.

    Examples
    --------
    >>> escaped(["A&B", "<img src=x onerror=alert(1)>"])
    {'A&amp;B': 'A&B', '&lt;img src=x onerror=alert(1)&gt;': '<img src=x onerror=alert(1)>'}
    """
    return {html.escape(str(n), quote=True): str(n) for n in names}


def decimals_of_step(step: float) -> int:
    """Decimals a slider with this step shows (0.05 -> 2, 0.5 -> 1, 10 -> 0).

    Examples
    --------
    >>> decimals_of_step(0.05), decimals_of_step(0.5), decimals_of_step(10)
    (2, 1, 0)
    """
    for d in range(0, 6):
        if abs(round(step, d) - step) < 1e-9 * max(1.0, abs(step)):
            return d
    return 2 if step < 1 else 0


def slider_format(decimals: int, lang: str) -> Any:
    """A slider's number format in ``lang`` (Bokeh's numeral formatter: 0,95 in Danish,
    0.95 in English; thousands 1.234 and 1,234)."""
    from bokeh.models import NumeralTickFormatter

    pattern = "0,0" + ("." + "0" * decimals if decimals else "")
    return NumeralTickFormatter(format=pattern, language="da-dk" if lang == "da" else "en")


def draws_options(lang: str) -> dict[str, int]:
    """The Monte Carlo draws offered, labelled in ``lang`` (1.000 in Danish)."""
    return {fmt_number(n, lang, 0): n for n in N_DRAWS}


def decimals(value: float) -> int:
    """Decimals a headline number is shown with (the report's rule for its tables)."""
    return plotting.display_decimals([value])


def fmt(value: float, lang: str, sign: bool = False) -> str:
    """A headline number as shown (empty for NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return fmt_number(value, lang, decimals(value), sign=sign)


def headline_html(head: pd.DataFrame, lang: str, withheld: str = "", k: int = 5) -> str:
    """The headline as an HTML table; each number cell carries ``data-metric``, ``data-col``
    and ``data-value`` (the published value unrounded, never the exact one) for tests and
    screen readers; below it, the note that the figures carry cell-key noise."""
    if withheld:
        return f'<p class="rc-note">{html.escape(ex.text("withheld", lang, why=withheld, k=k))}</p>'
    has_range = head["p05"].notna().any()
    cols = ["today", "scenario", "change"] + (["range"] if has_range else [])
    out = ['<table class="rc-table" id="rc-headline"><thead><tr>']
    out += [f"<th>{html.escape(ex.text(c, lang))}</th>" for c in ("metric", "perspective", "unit")]
    out += [f"<th>{html.escape(ex.text(c, lang))}</th>" for c in cols]
    out.append("</tr></thead><tbody>")
    for _, r in head.iterrows():
        persp = " + ".join(ex.text(f"p_{p}", lang) for p in str(r["perspective"]).split("+"))
        out.append(f'<tr data-metric="{html.escape(str(r["metric"]))}">')
        out.append(f"<td>{html.escape(str(r['label']))}</td><td>{html.escape(persp)}</td>")
        out.append(f"<td>{html.escape(str(r['unit']))}</td>")
        for col in ("baseline", "scenario", "change"):
            v = float(r[col])
            out.append(
                f'<td class="num" data-metric="{html.escape(str(r["metric"]))}" '
                f'data-col="{col}" data-value="{v!r}">{fmt(v, lang, sign=col == "change")}</td>'
            )
        if has_range:
            lo, hi = float(r["p05"]), float(r["p95"])
            cell = "" if math.isnan(lo) else f"{fmt(lo, lang, True)} … {fmt(hi, lang, True)}"
            out.append(f'<td class="num" data-col="range">{cell}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    # said where the reader looks first: the figures are published with cell-key noise
    note = t("explorer_perturbed", lang, k1=int(k) - 1)
    out.append(f'<p class="rc-note" id="rc-perturbed">{html.escape(note)}</p>')
    return "".join(out)


def frame_html(frame: pd.DataFrame, lang: str, table_id: str = "") -> str:
    """A small table of aggregates as HTML (text escaped, numbers formatted)."""
    out = [f'<table class="rc-table" id="{table_id}"><thead><tr>']
    out += [f"<th>{html.escape(str(c))}</th>" for c in frame.columns]
    out.append("</tr></thead><tbody>")
    # one number of decimals a column: none for counts (employees, desks)
    dec = {
        c: (
            0
            if (frame[c].dropna() % 1 == 0).all()
            else plotting.display_decimals(frame[c].dropna().to_numpy(float))
        )
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c])
    }
    for row in frame.itertuples(index=False):
        out.append("<tr>")
        for c, v in zip(frame.columns, row, strict=True):
            if c in dec and isinstance(v, (int, float)) and not math.isnan(float(v)):
                out.append(f'<td class="num">{fmt_number(float(v), lang, dec[c])}</td>')
            else:
                out.append(f"<td>{html.escape(str(v))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class ExplorerApp:
    """The widgets, the panes and what links them, for one browser session or notebook."""

    def __init__(
        self,
        model: ex.ExplorerModel,
        lang: str = "en",
        out: Path = Path("reports/explorer"),
        boundaries: str | Path | None = None,
        staff_path: str = "STAFF",
        sites_path: str = "SITES",
    ) -> None:
        # Panel as Any: its widgets' values are typed loosely (param), checked at run time
        pn: Any = importlib.import_module("panel")
        self.pn = pn
        self.model = model
        self.out = Path(out)
        self.boundaries = boundaries
        self.staff_path, self.sites_path = staff_path, sites_path
        self.saved: dict[str, tuple[Scenario, ex.ParamChoice]] = {}
        self.ranges: Any = None
        self._withheld = ""
        self._ranges_for: tuple | None = None
        self._generation = 0  # lever moves so far: figures of an older move are not drawn
        w = pn.widgets
        self.lang = w.RadioButtonGroup(
            label="lang", options={"English": "en", "Dansk": "da"}, value=lang
        )
        self.remote_days = w.FloatSlider(label="remote_days", start=0, end=5, step=0.5, value=2)
        self.uptake = w.FloatSlider(label="uptake", start=0, end=1, step=0.05, value=1.0)
        self.anchors = w.CheckButtonGroup(label="anchor_days", options=ex.weekday_options(lang))
        self.desk_rule = w.RadioButtonGroup(
            label="desk_rule", options={"sl": "sl", "ratio": "ratio"}, value="sl"
        )
        self.service_level = w.FloatSlider(
            label="service_level", start=0.5, end=0.99, step=0.01, value=0.95
        )
        self.desk_ratio = w.FloatSlider(
            label="desk_ratio", start=0.3, end=1.5, step=0.05, value=0.8, visible=False
        )
        self.release = w.FloatSlider(label="release_space", start=0, end=1, step=0.1, value=0)
        self.virtual = w.FloatSlider(  # only with work trips (remotecalc app --work-trips)
            label="virtual_meeting_share",
            start=0,
            end=1,
            step=0.1,
            value=0,
            visible=model.has_work_trips,
        )
        # the browser's choice lists render option labels as HTML: escaped labels, raw values
        self.departments = w.MultiChoice(label="departments", options=escaped(model.departments()))
        site_ids = model.site_ids()  # once: the selection list and the relocation target
        self.sites = w.MultiChoice(label="sites", options=escaped(site_ids))
        sets = list(list_parameter_sets()["name"])
        default = model.default_choice.name
        self.param_set = w.Select(label="param_set", options=sorted(set(sets) | {default}))
        self.param_set.value = default
        self.long_run = w.Checkbox(label="long_run", value=model.default_choice.long_run)
        self.key_params: dict[str, Any] = {}
        self.key_box = pn.Column()
        self._build_key_params()
        # outputs
        self.headline = pn.pane.HTML("", sizing_mode="stretch_width")
        self.status = pn.pane.HTML("", sizing_mode="stretch_width")
        self.waterfall = pn.pane.Matplotlib(None, dpi=96, tight=True, format="png")
        self.desk_table = pn.pane.HTML("")
        self.desk_fig = pn.pane.Matplotlib(None, dpi=96, tight=True, format="png")
        self.gains_fig = pn.pane.Matplotlib(None, dpi=96, tight=True, format="png")
        self.map_fig = pn.pane.Matplotlib(None, dpi=96, tight=True, format="png")
        self.map_note = pn.pane.HTML("")
        self.map_button = w.Button(label="show_map", disabled=boundaries is None)
        self.mc_button = w.Button(label="ranges", color="primary")
        self.n_draws = w.Select(label="n_draws", options=draws_options(lang), value=300, width=90)
        self.progress = pn.indicators.Progress(active=False, value=-1, width=200, visible=False)
        self.mc_note = pn.pane.HTML("")
        self.name = w.TextInput(label="scenario_name", value=t("explorer_scenario_n", lang, n=1))
        self.save_button = w.Button(label="save", color="success")
        self.export_button = w.Button(label="export_plan")
        self.report_button = w.Button(label="export_report")
        self.compare = pn.pane.HTML("")
        self.export_note = pn.pane.HTML("")
        # relocation view (issue 26): the positions selected on the left, moved to a site
        self.reloc_to = w.Select(label="reloc_to", options=list(site_ids))
        self.reloc_button = w.Button(label="reloc_plan")
        self.reloc_out = pn.pane.HTML("")
        self.tabs = pn.Tabs(dynamic=False)
        self.tab_holder = pn.Column(self.tabs, sizing_mode="stretch_width")
        self._wire()
        self.layout = self._layout()
        self.relabel()
        self.update()
        self.refresh_compare()

    # -- construction --
    def _build_key_params(self) -> None:
        pn = self.pn
        choice = ex.ParamChoice(self.param_set.value, self.long_run.value)
        table = self.model.key_parameters(choice)
        self.key_params = {}
        for r in table.to_dict("records"):
            lo, hi, v0 = float(r["low"]), float(r["high"]), float(r["value"])
            s = pn.widgets.FloatSlider(
                label=str(r["key"]),
                start=lo,
                end=hi,
                step=(hi - lo) / 40 or 0.01,
                value=v0,
                format=slider_format(decimals_of_step((hi - lo) / 40 or 0.01), self.lang_code),
            )
            s.param.watch(lambda e: self.update(), "value_throttled")
            self.key_params[str(r["key"])] = (s, v0, str(r["unit"]))
        self.key_box.objects = [s for s, _, _ in self.key_params.values()]

    def _wire(self) -> None:
        levers = (
            self.remote_days,
            self.uptake,
            self.service_level,
            self.desk_ratio,
            self.release,
            self.virtual,
        )
        for s in levers:
            s.param.watch(lambda e: self.update(), "value_throttled")
        for wdg in (self.anchors, self.departments, self.sites, self.long_run):
            wdg.param.watch(lambda e: self.update(), "value")
        self.desk_rule.param.watch(self._desk_rule, "value")
        self.param_set.param.watch(self._param_set, "value")
        self.long_run.param.watch(lambda e: self._rebuild_keys(), "value")
        self.lang.param.watch(self._language, "value")
        self.mc_button.on_click(self._run_ranges)
        self.save_button.on_click(lambda e: self.save())
        self.export_button.on_click(self._export)
        self.report_button.on_click(self._write_report)
        self.map_button.on_click(lambda e: self.draw_map())
        self.reloc_button.on_click(lambda e: self.relocation_view())

    def _layout(self):
        pn = self.pn
        self.h_levers = pn.pane.Markdown("")
        self.h_params = pn.pane.Markdown("")
        self.h_keys = pn.pane.Markdown("")
        self.h_anchors = pn.pane.Markdown("", margin=(0, 10, -10, 10))
        self.h_desk_rule = pn.pane.Markdown("", margin=(0, 10, -10, 10))
        self.title = pn.pane.Markdown("")
        side = pn.Column(
            self.lang,
            self.h_levers,
            self.remote_days,
            self.uptake,
            self.h_anchors,
            self.anchors,
            self.h_desk_rule,
            self.desk_rule,
            self.service_level,
            self.desk_ratio,
            self.release,
            self.virtual,
            self.departments,
            self.sites,
            self.h_params,
            self.param_set,
            self.long_run,
            self.h_keys,
            self.key_box,
            width=350,
        )
        self.co2e_tab = pn.Column(self.waterfall)
        self.desk_tab = pn.Column(self.desk_table, self.desk_fig)
        self.gains_tab = pn.Column(self.gains_fig)
        self.map_tab = pn.Column(self.map_button, self.map_note, self.map_fig)
        self.compare_tab = pn.Column(
            pn.Row(self.name, self.save_button),
            self.compare,
            pn.Row(self.export_button, self.report_button),
            self.export_note,
        )
        self.reloc_tab = pn.Column(pn.Row(self.reloc_to, self.reloc_button), self.reloc_out)
        main = pn.Column(
            self.title,
            self.status,
            self.headline,
            pn.Row(self.mc_button, self.n_draws, self.progress),
            self.mc_note,
            self.tab_holder,
            sizing_mode="stretch_width",
        )
        return pn.Row(side, main, sizing_mode="stretch_width")

    # -- state --
    @property
    def lang_code(self) -> str:
        return str(self.lang.value)

    def choice(self) -> ex.ParamChoice:
        over = tuple(
            (k, float(s.value))
            for k, (s, v0, _) in self.key_params.items()
            if not math.isclose(float(s.value), v0, rel_tol=1e-12, abs_tol=1e-12)
        )
        return ex.ParamChoice(self.param_set.value, bool(self.long_run.value), over)

    def scenario(self, name: str | None = None) -> Scenario:
        applies: dict[str, tuple[str, ...]] = {}
        if self.departments.value:
            applies["department"] = tuple(self.departments.value)
        if self.sites.value:
            applies["site_id"] = tuple(self.sites.value)
        return Scenario(
            name=name or self.name.value.strip() or "explorer",
            remote_days_per_week=float(self.remote_days.value),
            uptake=float(self.uptake.value),
            anchor_days=tuple(self.anchors.value),
            service_level=float(self.service_level.value),
            desk_ratio=float(self.desk_ratio.value) if self.desk_rule.value == "ratio" else None,
            release_space=float(self.release.value),
            virtual_meeting_share=float(self.virtual.value),
            applies_to=applies,
        )

    # -- reactions --
    def _desk_rule(self, event) -> None:
        ratio = event.new == "ratio"
        self.desk_ratio.visible, self.service_level.visible = ratio, not ratio
        self.update()

    def _language(self, event) -> None:
        old, new = event.old, event.new
        n = len(self.saved) + 1
        if self.name.value == t("explorer_scenario_n", old, n=n):  # the default name
            self.name.value = t("explorer_scenario_n", new, n=n)
        self.relabel()
        self.update()
        self.refresh_compare()

    def _export(self, event) -> None:
        self.export()

    def _param_set(self, event) -> None:
        self._rebuild_keys()

    def _rebuild_keys(self) -> None:
        self._build_key_params()
        self.relabel()
        self.update()

    def relabel(self) -> None:
        """Every label in the chosen language."""
        lang = self.lang_code
        tx = ex.text
        self.title.object = f"## {tx('title', lang)}"
        self.h_levers.object = f"### {tx('levers', lang)}"
        self.h_params.object = f"### {tx('parameters', lang)}"
        self.h_keys.object = f"**{tx('key_params', lang)}**"
        self.lang.label = tx("language", lang)
        self.remote_days.label = tx("remote_days", lang)
        self.uptake.label = tx("uptake", lang)
        self.anchors.label = tx("anchor_days", lang)
        self.h_anchors.object = tx("anchor_days", lang)
        self.h_desk_rule.object = tx("desk_rule", lang)
        # the anchor buttons' labels in the language, keeping the chosen days
        chosen = list(self.anchors.value)
        self.anchors.options = ex.weekday_options(lang)
        self.anchors.value = chosen
        self.desk_rule.options = {
            tx("by_service_level", lang): "sl",
            tx("by_desk_ratio", lang): "ratio",
        }
        self.service_level.label = tx("service_level", lang)
        self.desk_ratio.label = tx("desk_ratio", lang)
        self.release.label = tx("release_space", lang)
        self.virtual.label = tx("virtual_meeting_share", lang)
        self.departments.label = f"{tx('departments', lang)} {tx('all', lang)}"
        self.sites.label = f"{tx('sites', lang)} {tx('all', lang)}"
        self.param_set.label = tx("param_set", lang)
        self.long_run.label = tx("long_run", lang)
        params = self.model.params(ex.ParamChoice(self.param_set.value, self.long_run.value))
        for key, (s, _, unit) in self.key_params.items():
            label = parameter_label(key, lang, params.linked_to(key))
            s.label = f"{label} [{unit_label(unit, lang)}]"
        self.mc_button.label = tx("ranges_button", lang)
        self.name.label = tx("scenario_name", lang)
        self.save_button.label = tx("save", lang)
        self.export_button.label = tx("export_plan", lang)
        self.report_button.label = tx("export_report", lang)
        self.map_button.label = tx("show_map", lang)
        # new tabs with the names in the language (a browser keeps the first names it got)
        active = self.tabs.active
        self.tabs = self.pn.Tabs(
            *[
                (tx(key, lang), tab)
                for key, tab in zip(
                    ("co2e", "desks", "gains", "map", "compare"),
                    (self.co2e_tab, self.desk_tab, self.gains_tab, self.map_tab, self.compare_tab),
                    strict=True,
                )
            ],
            active=active,
            dynamic=False,
        )
        self.tabs.append((t("reloc_tab_title", lang), self.reloc_tab))
        self.reloc_to.label = t("reloc_to_label", lang)
        self.reloc_button.label = t("reloc_button", lang)
        self.tabs.param.watch(lambda e: self.refresh_tab(), "active")
        self.tab_holder.objects = [self.tabs]
        self.n_draws.label = tx("draws", lang)
        self.n_draws.options = draws_options(lang)
        # numbers on the sliders as in the tables: 0,95 in Danish
        for slider, step in (
            (self.remote_days, 0.5),
            (self.uptake, 0.05),
            (self.service_level, 0.01),
            (self.desk_ratio, 0.05),
            (self.release, 0.1),
            (self.virtual, 0.1),
        ):
            slider.format = slider_format(decimals_of_step(step), lang)
        for s, _, _ in self.key_params.values():
            s.format = slider_format(decimals_of_step(s.step), lang)

    def update(self) -> None:
        """Evaluate the levers and show the headline at once; the waterfall and the open tab
        follow (:meth:`refresh_figures`, scheduled after the headline has been sent)."""
        lang, model = self.lang_code, self.model
        try:
            sc, choice = self.scenario(), self.choice()
        except Exception as err:  # a lever combination the Scenario refuses
            self.status.object = f'<p class="rc-note">{html.escape(str(err))}</p>'
            return
        ev = model.evaluate(sc, choice)
        key = (sc, choice)
        ranges = self.ranges if self._ranges_for == key else None
        if self.ranges is not None and ranges is None:
            self.mc_note.object = f'<p class="rc-note">{ex.text("ranges_stale", lang)}</p>'
        head = model.headline(ev, lang, ranges)
        self.headline.object = headline_html(head, lang, ev.withheld_reason, model.min_group_size)
        n = fmt_number(ev.n_selected, lang) if ev.shown else "–"  # no count of a withheld one
        self.status.object = (
            f'<p class="rc-note" id="rc-status">{html.escape(sc.name)} · '
            f"{ex.text('employees_n', lang, n=n)} · {html.escape(model.params(choice).name)}"
            + (f" ({ex.text('long_run_short', lang)})" if choice.long_run else "")
            + "</p>"
        )
        self._withheld = ev.withheld_reason
        self._generation += 1
        generation = self._generation

        def figures() -> None:
            if generation == self._generation:  # a newer move draws its own
                self.waterfall.object = model.waterfall_figure(ev, lang)
                self.refresh_tab()

        # on the server: on the next tick, after this change (the headline) is sent; in a
        # notebook or a test: now
        self.pn.state.execute(figures, schedule=True)

    def refresh_tab(self) -> None:
        """Compute what the open tab shows (the desks and gains only when looked at)."""
        lang, model = self.lang_code, self.model
        tab = self.tabs.active
        try:
            sc, choice = self.scenario(), self.choice()
        except Exception:
            return
        if self._withheld:  # nothing about a selection that is not shown
            note = headline_html(pd.DataFrame(), lang, self._withheld, model.min_group_size)
            self.desk_table.object = self.map_note.object = note
            self.desk_fig.object = self.gains_fig.object = self.map_fig.object = None
            return
        if tab == 1:
            d = model.site_desks(sc, choice, lang)
            d = d.rename(
                columns={
                    "label": ex.text("site", lang),
                    "employees": ex.text("employees", lang),
                    "desks_today": ex.text("desks_today", lang),
                    "desks_needed_baseline": ex.text("needed_today", lang),
                    "desks_needed_scenario": ex.text("needed_scenario", lang),
                }
            ).drop(columns=["sites_pooled"])
            self.desk_table.object = frame_html(d, lang, "rc-desks")
            self.desk_fig.object = model.desk_figure(sc, choice, lang)
        elif tab == 2:
            self.gains_fig.object = model.gains_figure(sc, choice, lang=lang)
        elif tab == 3 and self.boundaries is None:
            self.map_note.object = f'<p class="rc-note">{ex.text("no_map", lang)}</p>'

    def relocation_view(self) -> None:
        """The relocation tab: the positions of the departments and sites chosen on the left
        moved to the chosen site; physical move against the virtual alternative
        (:func:`remotecalc.relocation_plan`), aggregates only."""
        from remotecalc.analysis.relocation import relocation_plan

        lang, model = self.lang_code, self.model
        selection: dict[str, list[str]] = {}
        if self.departments.value:
            selection["department"] = list(self.departments.value)
        if self.sites.value:
            selection["site_id"] = list(self.sites.value)
        if not selection:
            self.reloc_out.object = f'<p class="rc-note">{t("reloc_select_first", lang)}</p>'
            return
        try:
            plan = relocation_plan(
                model.workforce,
                selection,
                str(self.reloc_to.value),
                params=model.params(self.choice()),
                n_draws=200,
                seed=0,
            )
        except Exception as err:  # a selection or destination the plan refuses
            self.reloc_out.object = f'<p class="rc-note">{html.escape(str(err))}</p>'
            return
        k = model.min_group_size
        if plan.moved < k:
            self.reloc_out.object = (
                f'<p class="rc-note">{html.escape(t("reloc_withheld", lang, n=plan.moved, k=k))}'
                "</p>"
            )
            return
        c = plan.compare(lang)
        table = pd.DataFrame(
            {
                t("reloc_col_item", lang): c["label"],
                t("reloc_col_unit", lang): [unit_label(str(u), lang) for u in c["unit"]],
                t("reloc_alt_physical", lang): c["physical"],
                t("reloc_alt_virtual", lang): c["virtual"],
            }
        )
        intro = t(
            "reloc_view_intro",
            lang,
            n=fmt_number(plan.moved, lang),
            site=str(self.reloc_to.value),
            share=fmt_percent(plan.follow_share, lang),
            years=plan.horizon_years,
        )
        self.reloc_out.object = f'<p class="rc-note">{html.escape(intro)}</p>' + frame_html(
            table, lang, "rc-relocation"
        )

    def draw_map(self) -> None:
        if self.boundaries is None or self._withheld:
            return
        try:
            fig = ex.map_figure(
                self.model, self.scenario(), self.boundaries, self.choice(), self.lang_code
            )
        except ImportError as err:
            self.map_note.object = f'<p class="rc-note">{html.escape(str(err))}</p>'
            return
        self.map_fig.object = fig

    async def _run_ranges(self, event=None) -> None:
        """Monte Carlo ranges of the current levers, in a worker thread, with a progress bar."""
        lang = self.lang_code
        sc, choice = self.scenario(), self.choice()
        n = int(self.n_draws.value)
        self.progress.visible, self.progress.active = True, True
        self.mc_button.disabled = True
        self.mc_note.object = f'<p class="rc-note">{ex.text("ranges_running", lang, n=n)}</p>'
        try:
            rng = await asyncio.to_thread(self.model.ranges, sc, choice, n, 0)
        finally:
            self.progress.active, self.progress.visible = False, False
            self.mc_button.disabled = False
        self.ranges, self._ranges_for = rng, (sc, choice)
        self.mc_note.object = (
            f'<p class="rc-note" id="rc-ranges">{ex.text("ranges_done", lang, n=n, seed=0)}</p>'
        )
        self.update()
        self.mc_note.object = (
            f'<p class="rc-note" id="rc-ranges">{ex.text("ranges_done", lang, n=n, seed=0)}</p>'
        )

    # -- scenarios --
    def save(self) -> None:
        """Keep the current levers under the name typed (a name saved again is replaced)."""
        sc = self.scenario()
        self.saved[sc.name] = (sc, self.choice())
        self.name.value = t("explorer_scenario_n", self.lang_code, n=len(self.saved) + 1)
        self.refresh_compare()

    def refresh_compare(self) -> None:
        lang, model = self.lang_code, self.model
        if not self.saved:
            self.compare.object = f'<p class="rc-note">{ex.text("nothing_saved", lang)}</p>'
            return
        cols: dict[str, list] = {}
        rows: list[tuple[str, str, str]] = []
        for name, (sc, choice) in self.saved.items():
            ev = model.evaluate(sc, choice)
            head = model.headline(ev, lang).set_index("metric")
            if not rows:
                rows = [
                    (str(m), str(lab), str(u))
                    for m, lab, u in zip(head.index, head["label"], head["unit"], strict=True)
                ]
            cols[name] = [float(head["change"].get(m, math.nan)) for m, _, _ in rows]
        out = ['<table class="rc-table" id="rc-compare"><thead><tr>']
        out.append(f"<th>{ex.text('change', lang)}</th><th>{ex.text('unit', lang)}</th>")
        out += [f"<th>{html.escape(n)}</th>" for n in cols]
        out.append("</tr></thead><tbody>")
        for lever, key in (("remote_days_per_week", "remote_days"), ("uptake", "uptake")):
            out.append(f"<tr><td>{html.escape(ex.text(key, lang))}</td><td></td>")
            for sc, _ in self.saved.values():
                v = float(getattr(sc, lever))
                shown = fmt_percent(v, lang) if lever == "uptake" else fmt_number(v, lang, 1)
                out.append(f'<td class="num">{shown}</td>')
            out.append("</tr>")
        for i, (m, label, unit) in enumerate(rows):
            out.append(f"<tr><td>{html.escape(label)}</td><td>{html.escape(unit)}</td>")
            for name, vals in cols.items():
                out.append(
                    f'<td class="num" data-scenario="{html.escape(name)}" data-metric="{m}" '
                    f'data-value="{vals[i]!r}">{fmt(vals[i], lang, sign=True)}</td>'
                )
            out.append("</tr>")
        out.append("</tbody></table>")
        self.compare.object = "".join(out)

    def _saved_groups(self) -> list[tuple[list[Scenario], ex.ParamChoice]]:
        """The saved scenarios grouped by their parameters (in the order saved); a note when
        nothing is saved."""
        groups: dict[ex.ParamChoice, list[Scenario]] = {}
        for sc, choice in self.saved.values():
            groups.setdefault(choice, []).append(sc)
        if not groups:
            self.export_note.object = (
                f'<p class="rc-note">{ex.text("nothing_saved", self.lang_code)}</p>'
            )
        return [(scs, choice) for choice, scs in groups.items()]

    def _folders(self, groups: list, name: str) -> list[Path]:
        """``out/name`` for one group of scenarios; ``out/name_1``, ``out/name_2``, ... for
        several (one per choice of parameters)."""
        if len(groups) == 1:
            return [self.out / name] if name != "plan" else [self.out]
        return [self.out / f"{name}_{k}" for k in range(1, len(groups) + 1)]

    def export(self) -> ex.ExportedPlan | list[ex.ExportedPlan] | None:
        """Write the TOML plan (and parameters) of the saved scenarios into the out folder.

        Scenarios saved with different parameters get one plan per choice of parameters
        (``plan_1/plan.toml``, ``plan_2/plan.toml``, ... each with its parameters and its
        ``remotecalc report`` command); a list is returned then.
        """
        groups = self._saved_groups()
        if not groups:
            return None
        lang = self.lang_code
        done = [
            ex.export_plan(
                scenarios,
                self.model.params(choice),
                choice,
                folder,
                staff=self.staff_path,
                sites=self.sites_path,
            )
            for (scenarios, choice), folder in zip(
                groups, self._folders(groups, "plan"), strict=True
            )
        ]
        if len(done) == 1:
            self.export_note.object = (
                f'<p class="rc-note" id="rc-exported">'
                f"{html.escape(ex.text('written', lang, path=str(done[0].plan.resolve())))}<br>"
                f"{html.escape(ex.text('reproduce', lang, cmd=done[0].command))}</p>"
            )
            return done[0]
        lines = [html.escape(t("explorer_plans_written", lang, n=len(done)))]
        for (scenarios, _), d in zip(groups, done, strict=True):
            names = ", ".join(s.name for s in scenarios)
            lines.append(
                html.escape(t("explorer_plan_line", lang, scenarios=names, path=d.plan.resolve()))
                + "<br>"
                + html.escape(ex.text("reproduce", lang, cmd=d.command))
            )
        self.export_note.object = (
            '<p class="rc-note" id="rc-exported">' + "<br>".join(lines) + "</p>"
        )
        return done

    async def _write_report(self, event=None) -> None:
        groups = self._saved_groups()
        if not groups:
            return
        lang = self.lang_code
        self.progress.visible, self.progress.active = True, True
        self.export_note.object = f'<p class="rc-note">{ex.text("report_running", lang)}</p>'
        try:
            written = await asyncio.to_thread(self.write_reports)
        except (OSError, ValueError) as err:  # a read-only folder, a full disk (old set kept)
            self.export_note.object = (
                f'<p class="rc-note">{html.escape(t("explorer_write_failed", lang, why=err))}</p>'
            )
            return
        finally:
            self.progress.active, self.progress.visible = False, False
        lines = [t("explorer_reports_written", lang)] if len(written) > 1 else []
        for files in written:
            paths = [Path(p).resolve() for p in (files.html, files.pdf, files.xlsx) if p]
            lines.append(t("explorer_report_files", lang, files=", ".join(map(str, paths))))
            lines += [t("explorer_pdf_skipped", lang, why=why) for why in files.skipped]
        self.export_note.object = (
            '<p class="rc-note" id="rc-report">'
            + "<br>".join(html.escape(line) for line in lines)
            + "</p>"
        )

    def write_reports(self) -> list:
        """:meth:`write_report` for each choice of parameters among the saved scenarios
        (``out/report``, or ``out/report_1``, ``out/report_2``, ...); the plans too."""
        self.export()
        groups = self._saved_groups()
        return [
            self.write_report(scenarios, choice, folder, export=False)
            for (scenarios, choice), folder in zip(
                groups, self._folders(groups, "report"), strict=True
            )
        ]

    def write_report(
        self,
        scenarios: list[Scenario],
        choice: ex.ParamChoice,
        folder: Path | None = None,
        export: bool = True,
    ):
        """:func:`remotecalc.outputs.report` of saved scenarios: HTML, PDF (where WeasyPrint
        works; else said in ``skipped``) and XLSX, without ranges, into ``folder`` (default
        ``out/report``); the plan is exported too."""
        from remotecalc.outputs.report import report

        if export:
            self.export()
        return report(
            self.model.workforce,
            scenarios,
            self.model.params(choice),
            out=self.out / "report" if folder is None else folder,
            lang=self.lang_code,
            formats=("html", "pdf", "xlsx"),
            ranges=False,
            min_group_size=self.model.min_group_size,
            boundaries=self.boundaries,
        )

    def servable(self):
        return self.layout


def build_app(
    model: ex.ExplorerModel,
    lang: str = "en",
    out: Path = Path("reports/explorer"),
    boundaries: str | Path | None = None,
    staff_path: str = "STAFF",
    sites_path: str = "SITES",
):
    """The explorer's layout for one session (a Panel object)."""
    return ExplorerApp(model, lang, out, boundaries, staff_path, sites_path).layout


def allowed_hosts(port: int) -> tuple[str, ...]:
    """The ``Host`` headers the explorer answers (its own address; any other is refused, so a
    page on another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing)."""
    return (f"127.0.0.1:{port}", f"localhost:{port}")


def content_security_policy(port: int) -> str:
    """The page's content security policy: everything from this server only (scripts,
    styles, images, the websocket), no frames, no forms, no plugins, no base URL.

    Bokeh's page carries its document in inline scripts, so inline scripts stay allowed;
    what the policy adds is that nothing can be loaded from, or sent to, another address.
    """
    here = " ".join(f"{scheme}://{h}" for h in allowed_hosts(port) for scheme in ("http", "ws"))
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src 'self' {here}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


#: Headers on every response besides the content security policy.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def protect(tornado_app: Any, port: int) -> None:
    """Make a Bokeh/Panel Tornado application serve only its own page to its own machine.

    - every request (page, assets, websocket handshake) whose ``Host`` header is not one of
      :func:`allowed_hosts` gets 403 (DNS rebinding; Bokeh itself checks only the
      websocket's ``Origin``);
    - Panel's module-loading route ``/components/<module>/...`` (which imports any
      installed module named in the URL) answers 404, as does any path with ``..``;
    - every response carries :func:`content_security_policy` and :data:`SECURITY_HEADERS`;
    - errors never show a traceback.

    Parameters
    ----------
    tornado_app : tornado.web.Application
        The server's application (``BokehTornado``).
    port : int
        The port it is served on.
    """
    from tornado.routing import Matcher, Rule
    from tornado.web import OutputTransform, RequestHandler

    hosts = {h.lower() for h in allowed_hosts(port)}
    headers = {"Content-Security-Policy": content_security_policy(port), **SECURITY_HEADERS}

    class OtherHost(Matcher):
        def match(self, request):
            return {} if (request.headers.get("Host") or "").lower() not in hosts else None

    class ClosedPath(Matcher):
        def match(self, request):
            path = request.path or ""
            closed = path.startswith("/components") or ".." in path.split("/")
            return {} if closed or "%2e%2e" in path.lower() else None

    class Refused(RequestHandler):
        def initialize(self, status: int, message: str) -> None:
            self.status, self.message = status, message

        def prepare(self) -> None:
            self.set_status(self.status)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(self.message)

    class Headers(OutputTransform):
        def transform_first_chunk(self, status_code, response_headers, chunk, finishing):
            for name, value in headers.items():
                response_headers[name] = value
            return status_code, response_headers, chunk

    refuse_host = {"status": 403, "message": "This server answers only its own address."}
    not_found = {"status": 404, "message": "Not found."}
    tornado_app.default_router.rules[:0] = [
        Rule(OtherHost(), Refused, refuse_host),
        Rule(ClosedPath(), Refused, not_found),
    ]
    tornado_app.transforms.append(Headers)
    tornado_app.settings["serve_traceback"] = False
    tornado_app.settings["debug"] = False


def make_server(
    model: ex.ExplorerModel,
    *,
    port: int = 8050,
    show: bool = True,
    lang: str = "en",
    out: Path = Path("reports/explorer"),
    boundaries: str | Path | None = None,
    staff_path: str = "STAFF",
    sites_path: str = "SITES",
) -> Any:
    """The explorer's server on 127.0.0.1, protected (:func:`protect`), not yet started."""
    os.environ.setdefault("BOKEH_RESOURCES", "server")
    pn = load_panel()

    def session():
        return build_app(model, lang, out, boundaries, staff_path, sites_path)

    server = pn.serve(
        {"explorer": session},
        port=port,
        address="127.0.0.1",
        allow_websocket_origin=list(allowed_hosts(port)),
        show=show,
        start=False,
        title=ex.text("title", lang),
        threaded=False,
        index="explorer",
    )
    # Bokeh's Server keeps its Tornado application as ``_tornado`` (no public accessor)
    protect(server._tornado, port)
    return server


def run_server(
    model: ex.ExplorerModel,
    *,
    port: int = 8050,
    show: bool = True,
    lang: str = "en",
    out: Path = Path("reports/explorer"),
    boundaries: str | Path | None = None,
    staff_path: str = "STAFF",
    sites_path: str = "SITES",
) -> None:
    """Serve the explorer on 127.0.0.1 only, with Panel's assets from this server; blocks."""
    server = make_server(
        model,
        port=port,
        show=show,
        lang=lang,
        out=out,
        boundaries=boundaries,
        staff_path=staff_path,
        sites_path=sites_path,
    )
    server.start()
    server.io_loop.start()


def explore(
    workforce: Workforce,
    params: Parameters | str | None = None,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    lang: str = "en",
    out: str | Path = "reports/explorer",
    boundaries: str | Path | None = None,
) -> Any:
    """The scenario explorer inside Jupyter (a Panel layout; display it as the cell's value).

    Needs Panel: ``pip install 'remotecalc[app]'``. The same app is served by
    ``remotecalc app``.

    Parameters
    ----------
    workforce : Workforce
    params : Parameters or str, optional
        Default ``"dk-2025"``.
    min_group_size : int, default 5
    lang : {"en", "da"}
        Language at start (a switch in the app changes it).
    out : path, default "reports/explorer"
        Where exported plans and reports are written.
    boundaries : path, optional
        Boundary file for the municipality map (needs geopandas).
    """
    load_panel(notebook=True)
    model = ex.ExplorerModel(workforce, params, min_group_size=min_group_size)
    return build_app(model, lang=lang, out=Path(out), boundaries=boundaries)


def serve(
    workforce: Workforce,
    params: Parameters | str | None = None,
    *,
    port: int = 8050,
    show: bool = True,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    lang: str = "en",
    out: str | Path = "reports/explorer",
    boundaries: str | Path | None = None,
    staff_path: str = "STAFF",
    sites_path: str = "SITES",
) -> None:
    """Serve the explorer on http://127.0.0.1:PORT (only this machine can connect).

    Blocks until stopped (Ctrl-C). Panel's JavaScript and CSS are served by the same local
    server (``resources="server"``); the page fetches nothing from the internet.
    """
    model = ex.ExplorerModel(workforce, params, min_group_size=min_group_size)
    model.runner()  # prepare before the first page is opened
    run_server(
        model,
        port=port,
        show=show,
        lang=lang,
        out=Path(out),
        boundaries=boundaries,
        staff_path=staff_path,
        sites_path=sites_path,
    )
