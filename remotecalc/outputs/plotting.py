"""Figures for policy reports: Axes in, Axes out; style from one file; Danish or English.

Every plotting function takes tidy tables (``Assessment.summary()``, ``.per_employee``,
``.per_site``, or the DataFrames of :mod:`remotecalc.analysis`), draws on the ``ax`` it is
given (or on a new figure), never calls ``plt.show()`` and returns the ``Axes``. The look
comes from the packaged ``remotecalc.mplstyle`` (A4 text width, 300 dpi when saved,
Okabe–Ito colour-blind-safe palette); bars carry hatching and lines markers so the figures
survive greyscale printing. Each figure labels its units and, unless ``caption=False``,
carries a short caption with its assumptions (plus any ``note``, e.g. the parameter set).

Plotting only draws. The tables it is given come ready: group outputs pass disclosure control
first (:mod:`remotecalc.evaluation.disclosure`: no group under ``min_group_size`` employees is
shown;
small groups are pooled so that none can be recovered by subtracting the shown groups from
a total; figures by group call those rules themselves, so none can show a small group),
and the municipality map draws the areas read by
:func:`remotecalc.outputs.boundaries.read_boundaries` with the values of
:func:`remotecalc.outputs.boundaries.by_municipality`.

Examples
--------
>>> import remotecalc as rc
>>> from remotecalc import plotting
>>> wf = rc.datasets.demo_workforce(300, seed=1)
>>> res = rc.assess(wf, rc.Scenario(name="2 days home", remote_days_per_week=2))
>>> ax = plotting.waterfall(res.summary(), lang="da")
>>> ax.get_ylabel()
'CO₂e [t CO₂e/år]'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import functools
import math
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from remotecalc._numeric import Numeric
from remotecalc.evaluation.disclosure import (
    DEFAULT_MIN_GROUP_SIZE,
    check_min_group_size,
    count_noise,
    disclosure_secret,
    gains_home_days,
    group_summary,
    pool_sites,
    publish_groups,
    published_counts,
    record_keys,
    savings,
)
from remotecalc.evaluation.entry import SITE_METRICS
from remotecalc.i18n import check_lang, fmt_number, fmt_percent, t, unit_label
from remotecalc.model import metrics
from remotecalc.model.metrics import metric_label

if TYPE_CHECKING:
    from geopandas import GeoDataFrame
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation, Text

__all__ = [
    "OKABE_ITO",
    "STYLE_FILE",
    "NumberFormatter",
    "add_caption",
    "add_figure_caption",
    "desks_vs_service_level",
    "display_decimals",
    "gains_by_group",
    "municipality_map",
    "number_axis",
    "plain",
    "remote_days_bands",
    "safe_bins",
    "savings_distribution",
    "scenario_comparison",
    "site_comparison",
    "style",
    "tick_decimals",
    "tornado",
    "waterfall",
    "work_travel_by_purpose",
]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
_TODAY = "#8C8C8C"
_SAVE, _ADD, _TOTAL = OKABE_ITO["green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]
_HATCH_SAVE, _HATCH_ADD, _HATCH_POOLED = "////", "....", "xxx"
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_LINESTYLES = ("-", "--", "-.", ":")
_CAPTION_COLOR = "#444444"

#: The packaged style file.
STYLE_FILE = resources.files("remotecalc.data").joinpath("remotecalc.mplstyle")


@contextmanager
def style() -> Iterator[None]:
    """Context manager applying the packaged ``remotecalc.mplstyle``.

    Examples
    --------
    >>> with style():
    ...     import matplotlib as mpl
    ...     mpl.rcParams["savefig.dpi"]
    300.0
    """
    with resources.as_file(STYLE_FILE) as path:
        found = path.stat()
        with plt.style.context(_style_params(str(path), found.st_mtime_ns, found.st_size)):
            yield


@functools.lru_cache(maxsize=4)
def _style_params(path: str, mtime_ns: int, size: int) -> Any:
    """The style file's settings, read once per version of the file (keyed by its path,
    modification time and size): ``plt.style.context(path)`` parses the file on every
    call, which is most of the 3-5 ms each figure spends entering :func:`style`. Matplotlib
    applies the same settings either way (the file's ``RcParams``, filtered and set by
    ``plt.style.use``); the cached object is only read."""
    return mpl.rc_params_from_file(path, use_default_template=False)


def _styled(func):
    """Run a plotting function inside :func:`style`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with style():
            return func(*args, **kwargs)

    return wrapper


def _axes(ax, figsize=None):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def tick_decimals(values: Numeric, most: int = 4) -> int:
    """Fewest decimals that write every tick value exactly (none rounded off).

    Parameters
    ----------
    values : array_like
        Tick positions.
    most : int, default 4

    Returns
    -------
    int

    Examples
    --------
    >>> tick_decimals([0, 2.5, 5]), tick_decimals([20, 25, 30]), tick_decimals([0.1, 0.15])
    (1, 0, 2)
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return 0
    tol = 1e-6 * max(float(np.max(np.abs(v))), 1e-12)
    for d in range(most + 1):
        if np.all(np.abs(np.round(v, d) - v) <= tol):
            return d
    return most


class NumberFormatter(FuncFormatter):
    """Tick labels as ``lang`` writes numbers (thousands separators, true minus), with as
    many decimals as the ticks need and no more: 22.5 is never shown as "22".

    Parameters
    ----------
    lang : {"en", "da"}
    scale : float, default 1
        Labels show ``tick * scale``.
    suffix : str, default ""

    Examples
    --------
    >>> NumberFormatter("da").format_ticks([-2500, 0, 2500, 5000])
    ['−2.500', '0', '2.500', '5.000']
    >>> NumberFormatter("en").format_ticks([0, 2.5, 5])
    ['0.0', '2.5', '5.0']
    """

    def __init__(self, lang: str = "en", scale: float = 1.0, suffix: str = "") -> None:
        self.lang, self.scale, self.suffix = check_lang(lang), scale, suffix
        self.decimals = 0
        super().__init__(self._label)

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        self.decimals = tick_decimals(np.asarray(locs, dtype=float) * self.scale)

    def _label(self, x: float, _pos: int | None = None) -> str:
        return fmt_number(x * self.scale, self.lang, self.decimals) + self.suffix


class _FittingLocator(MaxNLocator):
    """MaxNLocator that, on an x axis, takes fewer ticks until their labels fit side by side
    (label widths estimated from their characters at the tick font size)."""

    def __init__(self, formatter: NumberFormatter, **kwargs: Any) -> None:
        self.formatter = formatter
        self._kwargs = kwargs
        super().__init__(**kwargs)

    def tick_values(self, vmin: float, vmax: float):
        locs = super().tick_values(vmin, vmax)
        axis: Any = self.axis
        if getattr(axis, "axis_name", None) != "x" or getattr(axis, "axes", None) is None:
            return locs
        fig = cast("Figure", axis.axes.figure)
        length_pt = axis.axes.get_position().width * fig.get_figwidth() * 72
        fs = mpl.rcParams["xtick.labelsize"]
        fs = float(fs) if not isinstance(fs, str) else mpl.rcParams["font.size"]
        lo, hi = sorted((vmin, vmax))

        def needed(ticks) -> float:
            shown = [v for v in ticks if lo - 1e-9 * abs(hi - lo) <= v <= hi + 1e-9 * abs(hi - lo)]
            labels = NumberFormatter(self.formatter.lang, self.formatter.scale).format_ticks(shown)
            widest = max((len(x) for x in labels), default=0)
            # each label gets an equal slot: the widest label (0.6 em a character) plus 1.5 em
            return len(labels) * (widest * 0.6 * fs + 1.5 * fs)

        nbins = len(locs)
        while needed(locs) > length_pt and nbins > 2:
            nbins -= 1
            locs = MaxNLocator(**{**self._kwargs, "nbins": nbins}).tick_values(vmin, vmax)
        return locs


def number_axis(axis, lang: str, *, integer: bool = False, scale: float = 1.0) -> None:
    """Nice ticks on a value axis: steps of 1, 2 or 5 times a power of ten (whole numbers
    only when ``integer``, e.g. counts of people or desks), labelled by
    :class:`NumberFormatter`.

    Parameters
    ----------
    axis : matplotlib.axis.Axis
        ``ax.xaxis`` or ``ax.yaxis``.
    lang : {"en", "da"}
    integer : bool, default False
    scale : float, default 1
    """
    formatter = NumberFormatter(lang, scale)
    axis.set_major_locator(
        _FittingLocator(
            formatter, nbins="auto", steps=[1, 2, 5, 10], integer=integer, min_n_ticks=3
        )
    )
    axis.set_major_formatter(formatter)


def _set_title(
    ax: Axes,
    title: str | bool | None,
    scenario: str | None,
    lang: str,
    subtitle: str | None = None,
    pad: float | None = None,
) -> None:
    """Title (bold, left) and, on the next line, the scenario drawn ("Scenario: …")."""
    lines = [str(title)] if title and title is not True else []
    if scenario and scenario not in lines:
        lines.append(f"{t('scenario', lang)}: {scenario}")
    if subtitle:
        lines.append(str(subtitle))
    if lines:
        ax.set_title(plain("\n".join(lines)), pad=pad)


def _wrap_label(text: str, width: int) -> str:
    """``text`` wrapped to lines of at most ``width`` characters (existing breaks kept); a
    unit in brackets stays on one line.

    Examples
    --------
    >>> print(_wrap_label("Petrol car: CO2e factor (direct) [kg CO2e/vehicle-km]", 25))
    Petrol car: CO2e factor
    (direct)
    [kg\xa0CO2e/vehicle-km]
    """
    keep = re.sub(r"\[[^\]]*\]", lambda m: m.group(0).replace(" ", "\xa0"), text)
    return "\n".join(
        line for part in keep.split("\n") for line in (textwrap.wrap(part, width) or [""])
    )


def _pretty(text: str) -> str:
    """CO2e with a subscript and m2 as m² in free text (labels from other modules)."""
    return text.replace("CO2e", "CO₂e").replace("m2", "m²")


def _money_scale(values, unit: str) -> tuple[float, str]:
    """Money in thousands when the numbers are large: (scale, unit), e.g. "1,000 DKK/yr"."""
    v = np.abs(np.asarray(values, dtype=float))
    big = v.size and np.isfinite(v).any() and np.nanmax(v) >= 1e5
    if big and re.match(r"^[A-Z]{3}(/|$)", unit):
        return 1e-3, "1,000 " + unit
    return 1.0, unit


def display_decimals(values: Numeric) -> int:
    """Decimals that show a set of values sensibly (0 for big numbers, more for small).

    Parameters
    ----------
    values : array_like
        The numbers to be shown together.

    Returns
    -------
    int
        0 when the largest magnitude is 100 or more (or zero, or not finite), 1 from 10,
        else 2.

    Examples
    --------
    >>> display_decimals([1234.5]), display_decimals([12.3]), display_decimals([0.42])
    (0, 1, 2)
    """
    v = np.nanmax(np.abs(np.asarray(values, dtype=float))) if len(values) else 0.0
    if not np.isfinite(v) or v >= 100 or v == 0:
        return 0
    return 1 if v >= 10 else 2


def add_caption(
    ax: Axes, text: str | None, note: str | None = None, width_in: float | None = None
) -> Annotation | None:
    """Write a caption under an Axes (below its x label), wrapped to the Axes' width.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    text : str or None
        The caption; nothing is drawn when empty.
    note : str, optional
        Appended after the caption (source, parameter set, scenario).
    width_in : float, optional
        Width to wrap to [inches]; default the Axes' width plus its labels.

    Returns
    -------
    matplotlib.text.Annotation or None
        The caption (its ``gid`` is ``"caption"``).
    """
    full = plain(" ".join(s for s in (text, note) if s))
    if not full:
        return None
    fig = cast("Figure", ax.figure)  # not a SubFigure: the Axes of a figure
    fs = mpl.rcParams["font.size"] * 0.85
    if width_in is None:
        width_in = ax.get_position().width * fig.get_figwidth() + 0.9
    chars = max(30, int(width_in * 72 / (fs * 0.5)))
    wrapped = "\n".join(textwrap.fill(p, chars) for p in full.split("\n"))
    coords: Any
    if ax.axison:
        coords = (ax.yaxis.label, ax.xaxis.label)
        xy = (0, 0)
    else:
        coords, xy = "axes fraction", (0, 0)
    ann = ax.annotate(
        wrapped,
        xy=xy,
        xycoords=coords,
        xytext=(0, -5),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=fs,
        color=_CAPTION_COLOR,
        annotation_clip=False,
    )
    ann.set_gid("caption")
    return ann


def add_figure_caption(fig: Figure, text: str | None, note: str | None = None) -> Text | None:
    """Write one caption under a whole figure (for figures of several Axes).

    Uses the figure's ``supxlabel`` so that constrained layout keeps room for it.
    """
    full = plain(" ".join(s for s in (text, note) if s))
    if not full:
        return None
    fs = mpl.rcParams["font.size"] * 0.85
    chars = max(40, int(fig.get_figwidth() * 72 / (fs * 0.5)))
    wrapped = "\n".join(textwrap.fill(p, chars) for p in full.split("\n"))
    lab = fig.supxlabel(
        wrapped, x=0.01, ha="left", fontsize=fs, color=_CAPTION_COLOR, multialignment="left"
    )
    lab.set_gid("caption")
    return lab


def plain(text: object) -> str:
    """``text`` (a name from the user's data, a title) as matplotlib draws it literally.

    A ``$`` would start mathtext (``Team $\\foo{$`` fails to parse and breaks the figure):
    every ``$`` is escaped, so the text is drawn as written; a tab or carriage return
    (no glyph in a font) is drawn as a space.

    Examples
    --------
    >>> print(plain("Team $x$"))
    Team \\$x\\$
    """
    return str(text).replace("$", r"\$").replace("\t", " ").replace("\r", " ")


def _caption(ax, caption, default: str, note):
    if caption is False or caption is None:
        return
    add_caption(ax, default if caption is True else str(caption), note)


# -- figures -------------------------------------------------------------------------------


def _one_scenario(summary: pd.DataFrame, scenario: str | None) -> pd.DataFrame:
    if "scenario_name" in summary.columns:
        names = list(pd.unique(summary["scenario_name"]))
        if scenario is None:
            if len(names) > 1:
                raise ValueError(
                    f"summary holds {len(names)} scenarios; pick one with "
                    f"scenario=... (one of {names})"
                )
        else:
            if scenario not in names:
                raise ValueError(f"scenario {scenario!r} not in summary; found {names}")
            summary = summary[summary["scenario_name"] == scenario]
    return summary.set_index("metric")


def _nice_floor(x: float) -> float:
    if x <= 0:
        return 0.0
    step = 10 ** math.floor(math.log10(x))
    for m in (5, 2, 1):
        if x >= m * step:
            return math.floor(x / (m * step)) * m * step
    return 0.0


@_styled
def waterfall(
    summary: pd.DataFrame,
    ax: Axes | None = None,
    *,
    scenario: str | None = None,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    start: str = "auto",
    title: str | bool = True,
    subtitle: str | None = None,
) -> Axes:
    """Waterfall from today's to the scenario's net CO₂e, by component.

    Bars: today's net CO₂e; commute saved; home energy added and other (non-commute) trips
    added (the rebound); extra ICT (only when not zero); office saved; the scenario's net.

    Parameters
    ----------
    summary : pandas.DataFrame
        ``Assessment.summary()`` (columns metric, baseline, scenario, change; CO₂e in t).
    ax : matplotlib.axes.Axes, optional
    scenario : str, optional
        The scenario to draw when ``summary`` holds several (``scenario_name``).
    lang : {"en", "da"}
    caption : bool or str, default True
        True: the standard caption; a string: that caption; False: none.
    note : str, optional
        Appended to the caption (e.g. the parameter set and source).
    start : {"auto", "zero"}
        "auto" starts the y-axis near the smallest level when the steps are small against
        the totals (the axis break is marked and the caption says where it starts).
    title : bool or str, default True
        True: the scenario name. A string: that title, with the scenario named on the next
        line. False: no title line; the scenario is still named ("Scenario: …"), so a saved
        PNG always says which scenario it shows.
    subtitle : str, optional
        A further line under the title (e.g. the parameter set).

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    s = _one_scenario(summary, scenario)
    own_figure = ax is None
    ax = _axes(ax)
    base_total = float(cast(float, s.loc["net_co2e_t", "baseline"]))
    end_total = float(cast(float, s.loc["net_co2e_t", "scenario"]))
    labels, bottoms, heights, kinds = [t("wf_today", lang)], [0.0], [base_total], ["total"]
    level = base_total
    for step in metrics.waterfall_steps():  # the registry's CO2e steps, in order
        metric = step.display_name
        if metric not in s.index:
            continue
        ch = float(cast(float, s.loc[metric, "change"]))
        if abs(ch) < 1e-12 and abs(cast(float, s.loc[metric, "baseline"])) < 1e-12:
            continue  # a step that does not exist in this parameter set (e.g. no ICT term)
        labels.append(step.waterfall_da if lang == "da" else step.waterfall_en)
        bottoms.append(min(level, level + ch))
        heights.append(abs(ch))
        kinds.append("save" if ch < 0 else "add")
        level += ch
    labels.append(t("wf_scenario", lang))
    bottoms.append(0.0)
    heights.append(end_total)
    kinds.append("total")
    if own_figure and len(labels) > 7:  # e.g. work-travel steps: room for every label
        fig = cast("Figure", ax.figure)
        fig.set_figwidth(max(fig.get_figwidth(), 0.82 * len(labels) + 0.6))
    x = np.arange(len(labels))
    colors = {"total": _TOTAL, "save": _SAVE, "add": _ADD}
    hatches = {"total": "", "save": _HATCH_SAVE, "add": _HATCH_ADD}
    for i in x:
        ax.bar(
            i,
            heights[i],
            bottom=bottoms[i],
            width=0.62,
            color=colors[kinds[i]],
            hatch=hatches[kinds[i]],
            edgecolor="#333333",
            linewidth=0.6,
            zorder=2,
        )
    # connectors
    tops = [b + h for b, h in zip(bottoms, heights, strict=True)]
    running = [base_total]
    for k in range(1, len(labels) - 1):
        ch = heights[k] * (-1 if kinds[k] == "save" else 1)
        running.append(running[-1] + ch)
    for k in range(len(labels) - 1):
        ax.plot(
            [k + 0.31, k + 1 - 0.31],
            [running[k]] * 2,
            color="#555555",
            lw=0.6,
            ls=(0, (2, 1.5)),
            zorder=3,
        )
    lows = [b for b, k in zip(bottoms, kinds, strict=True) if k != "total"] + [
        base_total,
        end_total,
    ]
    lo, hi = min(lows), max(tops)
    truncated = start == "auto" and lo > 0 and (hi - lo) < 0.6 * hi
    ymin = _nice_floor(lo - 0.45 * (hi - lo)) if truncated else 0.0
    ypad = 0.06 * (hi - ymin)
    ax.set_ylim(ymin, hi + 3.2 * ypad)  # room for the value labels and the legend
    dec = display_decimals([h for h, k in zip(heights, kinds, strict=True) if k != "total"] or [0])
    for i in x:
        if kinds[i] == "total":
            txt = fmt_number(heights[i], lang, 0 if heights[i] >= 100 else dec)
        else:
            sign = -1 if kinds[i] == "save" else 1
            txt = fmt_number(sign * heights[i], lang, dec, sign=True)
        ax.text(i, tops[i] + 0.4 * ypad, txt, ha="center", va="bottom", fontsize=7.5, zorder=4)  # type: ignore[arg-type]  # numpy int
    ax.set_xticks(x, [plain(v) for v in labels])
    ax.tick_params(axis="x", length=0)
    ax.grid(axis="x", visible=False)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_ylabel(t("wf_ylabel", lang))
    number_axis(ax.yaxis, lang)
    if truncated:  # axis-break marks on the y axis
        kw: dict[str, Any] = dict(transform=ax.transAxes, color="#444444", clip_on=False, lw=0.8)
        for dy in (0.0, 0.018):
            ax.plot([-0.012, 0.012], [0.01 + dy, 0.03 + dy], **kw)
    name = (
        str(summary["scenario_name"].iloc[0])
        if scenario is None and "scenario_name" in summary.columns
        else scenario
    )
    if title is True:  # the scenario's name is the title
        _set_title(ax, name, None, lang, subtitle)
    else:
        _set_title(ax, title or None, name, lang, subtitle)
    handles = [
        Patch(
            facecolor=_SAVE, hatch=_HATCH_SAVE, edgecolor="#333333", label=t("wf_decrease", lang)
        ),
        Patch(facecolor=_ADD, hatch=_HATCH_ADD, edgecolor="#333333", label=t("wf_increase", lang)),
        Patch(facecolor=_TOTAL, edgecolor="#333333", label=t("wf_total", lang)),
    ]
    # beside the plot, never over a bar (a tall scenario bar reaches the top corner)
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        handlelength=1.6,
        borderaxespad=0.0,
    )
    text = t("wf_caption", lang)
    if truncated:
        text += " " + t("axis_not_zero", lang, v=fmt_number(ymin, lang))
    _caption(ax, caption, text, note)
    return ax


#: The unit of each distribution's axis (per employee and year), for the y label of a
#: histogram with merged bars ("Employees per 20 h/yr").
_DIST_UNIT = {
    "commute_hours": "unit_hours_per_year",
    "employee_net_cost": "unit_money_per_year",
    "employee_co2e_kg": "unit_co2e_kg_per_year",
}

_DIST_AXIS = {
    "commute_hours": "hours_saved_axis",
    "employee_net_cost": "money_saved_axis",
    "employee_co2e_kg": "co2e_saved_axis",
}


def _nice_width(span: float, bins: int) -> float:
    """A round bin width (1, 2, 2.5 or 5 times a power of ten) giving about ``bins`` bins."""
    raw = max(span, 1e-9) / max(bins, 1)
    base = 10.0 ** math.floor(math.log10(raw))
    return next(m * base for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * base >= raw * (1 - 1e-12))


def safe_bins(values: np.ndarray, min_group_size: int, bins: int = 30) -> np.ndarray:
    """Bar edges for a histogram of per-employee values in which no bar shows a small group.

    The edges lie on a round grid (a multiple of a 1-2-2.5-5 width, never a person's value),
    from the grid line at or below the ``min_group_size``-th smallest value to the one at or
    above the ``min_group_size``-th largest (values outside are pooled into the end bars);
    then neighbouring bins are merged left to right until every bar holds 0 or at least
    ``min_group_size`` values (a remainder at the right joins the last bar).

    Parameters
    ----------
    values : numpy.ndarray
        At least ``2 * min_group_size`` values.
    min_group_size : int
    bins : int
        About how many bins of the round grid span the values before merging.

    Returns
    -------
    numpy.ndarray
        The edges, increasing; every bar ``[edges[i], edges[i+1])`` (the end bars
        including what lies beyond) holds 0 or at least ``min_group_size`` values.

    Examples
    --------
    >>> v = np.r_[np.arange(20.0), 90.0]  # one far-off value
    >>> edges = safe_bins(v, 5, bins=4)
    >>> edges.tolist(), np.histogram(np.clip(v, edges[0], edges[-1]), edges)[0].tolist()
    ([0.0, 5.0, 10.0, 15.0, 20.0], [5, 5, 5, 6])
    """
    v = np.sort(np.asarray(values, dtype=float))
    k = int(min_group_size)
    if len(v) < 2 * k:
        raise ValueError(f"need at least {2 * k} values for a histogram; found {len(v)}")
    lo, hi = float(v[k - 1]), float(v[len(v) - k])
    # all values (nearly) equal: one bar around them, a tenth of their size wide
    span = hi - lo if hi - lo > 1e-9 * max(abs(lo), abs(hi), 1.0) else max(abs(hi), 1.0)
    width = _nice_width(span, bins)
    start, stop = math.floor(lo / width), max(math.ceil(hi / width), math.floor(lo / width) + 1)
    # multiples of the round width, without binary fractions (4.6, not 4.6000000000000005)
    fine = np.round(np.arange(start, stop + 1) * width, max(0, 2 - math.floor(math.log10(width))))
    counts = np.histogram(np.clip(v, fine[0], fine[-1]), fine)[0]
    keep = [0]  # indices into fine of the merged edges
    acc = 0
    for i, c in enumerate(counts.tolist()):
        acc += c
        if acc == 0 or acc >= k:  # an empty bin between bars, or a bar that holds k
            keep.append(i + 1)
            acc = 0
    if acc:  # a remainder under k at the right: it joins the last non-empty bar
        last = len(keep) - 1
        while last > 0 and counts[keep[last - 1] : keep[last]].sum() == 0:
            last -= 1
        keep = [*keep[:last], len(fine) - 1]
    return fine[keep]


@_styled
def savings_distribution(
    per_employee: pd.DataFrame,
    metric: str = "commute_hours",
    ax: Axes | None = None,
    *,
    currency: str = "DKK",
    bins: int = 30,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    scenario: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Histogram of what each employee saves (time, money or CO₂e) under a scenario.

    Only employees who gain home days are drawn; how many gain none is written on the
    figure. Safe to publish (docs/privacy.md):

    - the bars lie on a round grid and neighbouring bins are merged until every bar holds
      0 or at least ``min_group_size`` employees (:func:`safe_bins`; the tails are pooled
      into the end bars), so no bar shows one person's or a small group's saving;
    - the bar heights and the number without a home day are published counts (cell-key
      count noise, :func:`~remotecalc.evaluation.disclosure.count_noise`; under
      ``min_group_size`` without a home day: "fewer than k");
    - the mean is the published total of the employees who gain over their published count
      (:func:`~remotecalc.evaluation.disclosure.publish_groups`, the same cell and noise
      as in every other output), never the exact mean;
    - the median is shown as the bar it falls in (a range of at least ``min_group_size``
      people), never as one person's value.

    Parameters
    ----------
    per_employee : pandas.DataFrame
        ``Assessment.per_employee``.
    metric : {"commute_hours", "employee_net_cost", "employee_co2e_kg"}
    currency : str, default "DKK"
        For the money axis label.
    bins : int, default 30
        About how many bars before merging.
    min_group_size : int, default 5
    lang : {"en", "da"}
    caption, note, title, subtitle
        As in :func:`waterfall`.
    scenario : str, optional
        The scenario drawn, named under the title ("Scenario: …").

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    if metric not in _DIST_AXIS:
        raise ValueError(f"metric must be one of {', '.join(_DIST_AXIS)}; found {metric!r}")
    k = check_min_group_size(min_group_size)
    ax = _axes(ax)
    saved = savings(per_employee, metric)  # [h/yr], [currency/yr] or [kg CO2e/yr]
    gains = gains_home_days(per_employee).to_numpy(dtype=bool)
    v = saved.to_numpy()[gains]
    n, none = len(v), int((~gains).sum())
    secret = disclosure_secret(per_employee)
    keys = record_keys(per_employee, secret)
    if n >= 2 * k:
        edges = safe_bins(v, k, bins)
        # each gainer's bar (the end bars hold what lies beyond them)
        bar = np.clip(np.searchsorted(edges, saved.to_numpy(), side="right") - 1, 0, len(edges) - 2)
        codes = np.where(gains, bar, -1).astype(np.int64)
        counts = np.bincount(codes[codes >= 0], minlength=len(edges) - 1)
        people = published_counts(
            counts, count_noise(codes, len(counts), keys, secret), k
        )  # [persons]
        widths = np.diff(edges)
        step = float(widths.min())
        # merged bars are wider: their height is people per grid step (area = people), as a
        # histogram with unequal bins must be drawn, or a wide bar would look like a crowd
        uneven = not np.allclose(widths, step)
        heights = people * step / widths if uneven else people
        ax.bar(
            edges[:-1],
            heights,
            width=widths,
            align="edge",
            color=OKABE_ITO["blue"],
            edgecolor="white",
            linewidth=0.5,
            zorder=2,
        )
        # the median: the bar it falls in (at least k people), never a person's value
        i_med = int(
            np.clip(np.searchsorted(edges, np.median(v), side="right") - 1, 0, len(counts) - 1)
        )
        m_lo, m_hi = float(edges[i_med]), float(edges[i_med + 1])
        # the mean: published total / published count of the cell of those who gain
        change = f"{metric}_change"
        gainers = np.full(len(gains), None, dtype=object)
        gainers[gains] = "gain"
        pub = publish_groups(
            per_employee[[change]].astype(float),
            gainers,
            k,
            keys=keys,
            secret=secret,
        )
        mean = -float(pub[change].to_numpy()[0]) / float(pub["employees"].to_numpy()[0])
        # the bar's edges: round grid lines (whole numbers shown without decimals)
        whole = float(m_lo).is_integer() and float(m_hi).is_integer()
        dec = 0 if whole else display_decimals([m_lo, m_hi])
        dec_mean = display_decimals([mean]) if math.isfinite(mean) else 0
        ax.bar(  # the median's bar hatched over itself (never taller than the bar)
            [m_lo],
            [heights[i_med]],
            width=[m_hi - m_lo],
            align="edge",
            facecolor="none",
            edgecolor="black",
            hatch="///",
            lw=0.8,
            zorder=3,
            label=t(
                "median_bar",
                lang,
                lo=fmt_number(m_lo, lang, dec),
                hi=fmt_number(m_hi, lang, dec),
            ),
        )
        if math.isfinite(mean):
            ax.axvline(
                mean,
                color=OKABE_ITO["vermillion"],
                ls=":",
                lw=1.6,
                zorder=3,
                label=t("mean_published", lang, v=fmt_number(mean, lang, dec_mean)),
            )
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    # how many gain no home day: a published count; a small number is not given
    if 0 < none < k:
        no_gain = t("no_gain_few", lang, k=fmt_number(k, lang))
    else:
        pub_none = int(
            published_counts(
                np.array([none]), count_noise(np.where(gains, -1, 0), 1, keys, secret), k
            )[0]
        )
        pub_gain = int(
            published_counts(
                np.array([n]), count_noise(np.where(gains, 0, -1), 1, keys, secret), k
            )[0]
        )
        no_gain = t(
            "no_gain",
            lang,
            n=fmt_number(pub_none, lang),
            share=fmt_percent(pub_none / max(pub_none + pub_gain, 1), lang),
        )
    ax.text(  # beside the plot, below the legend: never over a bar
        1.01,
        0.62,
        textwrap.fill(no_gain, 28),
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=7.5,
        color="#333333",
        wrap=False,
    )
    ax.set_xlabel(t(_DIST_AXIS[metric], lang, cur=currency))
    if n >= 2 * k and uneven:  # people per grid step: the area of a bar is its people
        unit = t(_DIST_UNIT[metric], lang, cur=currency)
        ax.set_ylabel(t("employees_per_step_axis", lang, w=fmt_number(step, lang), unit=unit))
        number_axis(ax.yaxis, lang)
    else:
        ax.set_ylabel(t("employees_axis", lang))
        number_axis(ax.yaxis, lang, integer=True)  # employees
    number_axis(ax.xaxis, lang)
    ax.grid(axis="x", visible=False)
    _set_title(ax, title, scenario, lang, subtitle)
    text = t("dist_caption_safe", lang, k=fmt_number(k, lang))
    if n >= 2 * k and uneven:
        text += " " + t("dist_caption_uneven", lang, w=fmt_number(step, lang), unit=unit)
    _caption(ax, caption, text, note)
    return ax


_GROUP_METRIC = {
    "commute_hours": ("hours_saved", "group_hours_axis"),
    "employee_net_cost": ("money_saved", "group_money_axis"),
}


@_styled
def gains_by_group(
    per_employee: pd.DataFrame,
    by: str | Sequence[str] = "department",
    ax: Axes | None = None,
    *,
    metric: str = "commute_hours",
    currency: str = "DKK",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    top: int | None = None,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    scenario: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Who gains: mean saving per employee by group, with each group's share without a home day.

    Parameters
    ----------
    per_employee : pandas.DataFrame
        ``Assessment.per_employee``.
    by : str or sequence of str, default "department"
        Grouping column or hierarchy (see :func:`remotecalc.evaluation.disclosure.group_summary`).
    metric : {"commute_hours", "employee_net_cost"}
    currency : str, default "DKK"
    min_group_size : int, default 5
        Groups under this size are pooled (never shown on their own).
    top : int, optional
        Show only the ``top`` largest groups (by employees); pools are always shown.
    lang, caption, note, title, subtitle
        As in :func:`waterfall`.
    scenario : str, optional
        The scenario drawn, named under the title ("Scenario: …").

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    if metric not in _GROUP_METRIC:
        raise ValueError(f"metric must be one of {', '.join(_GROUP_METRIC)}")
    col, axis_key = _GROUP_METRIC[metric]
    g = group_summary(per_employee, by, min_group_size, lang)
    if top is not None:
        real = g[g["groups_pooled"] == 0].nlargest(top, "employees")
        g = pd.concat([real, g[g["groups_pooled"] > 0]])
    pooled = g[g["groups_pooled"] > 0]
    real = g[g["groups_pooled"] == 0].sort_values(col, ascending=True, kind="stable")
    g = pd.concat([pooled, real])  # pools at the bottom, best gainers at the top
    ax = _axes(ax, figsize=(6.3, 1.2 + 0.27 * len(g)))
    y = np.arange(len(g))
    is_pool = (g["groups_pooled"] > 0).to_numpy()
    ax.barh(
        y,
        g[col],
        height=0.66,
        color=np.where(is_pool, "#BBBBBB", OKABE_ITO["blue"]),
        hatch=None,
        edgecolor="#333333",
        linewidth=0.5,
        zorder=2,
    )
    for yi, p in zip(y, is_pool, strict=True):
        if p:
            ax.barh(
                yi,
                g[col].iloc[yi],
                height=0.66,
                color="none",
                hatch=_HATCH_POOLED,
                edgecolor="#555555",
                linewidth=0,
                zorder=3,
            )
    vmax = float(max(g[col].max(), 0)) or 1.0
    dec = display_decimals(g[col])
    for row_y, (val, n, share) in enumerate(
        zip(g[col], g["employees"], g["share_no_home_day"], strict=True)
    ):
        ax.text(
            max(val, 0) + 0.01 * vmax,
            row_y,
            f"{fmt_number(val, lang, dec)}   ("
            + t("group_note", lang, n=fmt_number(n, lang), share=fmt_percent(share, lang))
            + ")",
            va="center",
            ha="left",
            fontsize=7,
            color="#222222",
        )
    ax.set_yticks(y, [plain(v) for v in g["group"]])
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(min(0.0, float(g[col].min()) * 1.1), vmax * 1.75)
    ax.set_ylim(-0.6, len(g) - 0.4)
    ax.set_xlabel(t(axis_key, lang, cur=currency))
    number_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    _set_title(ax, title, scenario, lang, subtitle)
    _caption(ax, caption, t("group_caption", lang, k=min_group_size), note)
    return ax


@_styled
def desks_vs_service_level(
    curve: pd.DataFrame,
    ax: Axes | None = None,
    *,
    desks_today: float | None = None,
    chosen: float | None = 0.95,
    sites: str | None = None,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Desks needed against the service level, today and under each scenario.

    Parameters
    ----------
    curve : pandas.DataFrame
        Columns ``scenario_name`` (use "Today"/"I dag" or any name for the baseline),
        ``service_level`` [share] and ``desks_needed`` [desks]; see
        :func:`remotecalc.outputs.report.desk_curve`.
    desks_today : float, optional
        Desks provided today, drawn as a horizontal line. [desks]
    chosen : float, optional
        Service level used in the assessment, marked with a vertical line. [share]
    sites : str, optional
        Which sites the curve sums over, for the caption (default "all sites").
    lang, caption, note, title, subtitle
        As in :func:`waterfall`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    ax = _axes(ax)
    names = list(pd.unique(curve["scenario_name"]))
    colors = [_TODAY] + list(mpl.rcParams["axes.prop_cycle"].by_key()["color"])
    for i, name in enumerate(names):
        c = curve[curve["scenario_name"] == name].sort_values("service_level")
        ax.plot(
            100 * c["service_level"],
            c["desks_needed"],
            marker=_MARKERS[i % 8],
            ls=_LINESTYLES[i % 4],
            color=colors[i % len(colors)],
            label=plain(name),
            markersize=4,
            zorder=3,
        )
    if desks_today is not None:
        ax.axhline(desks_today, color="black", lw=1.0, ls=(0, (5, 2)), zorder=2)
        ax.annotate(
            t("desks_today", lang, v=fmt_number(desks_today, lang)),
            xy=(0.01, desks_today),
            xycoords=("axes fraction", "data"),
            xytext=(0, 3),
            textcoords="offset points",
            fontsize=7.5,
            va="bottom",
            bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
            zorder=4,
        )
    if chosen is not None:
        ax.axvline(
            100 * chosen,
            color="#555555",
            lw=0.9,
            ls=":",
            zorder=1,
            label=t("chosen_level", lang)
            + f" ({fmt_percent(chosen, lang, 1 if (100 * chosen) % 1 else 0)})",
        )
    ax.set_xlabel(t("service_level_axis", lang))
    ax.set_ylabel(t("desks_axis", lang))
    number_axis(ax.xaxis, lang)
    number_axis(ax.yaxis, lang, integer=True)  # desks
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), borderaxespad=0, ncols=2)
    _set_title(
        ax,
        title,
        None,
        lang,
        subtitle,
        pad=4 + 11 * math.ceil((len(names) + (chosen is not None)) / 2),
    )
    _caption(ax, caption, t("desk_caption", lang, sites=sites or t("all_sites", lang)), note)
    return ax


_LEVERS = ("uptake", "service_level", "desk_ratio", "release_space")


def _lever_text(lever: str, value, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if lever in ("uptake", "release_space", "service_level"):
        return t(lever, lang, v=fmt_percent(float(value), lang))
    return t(lever, lang, v=fmt_number(float(value), lang, 2))


@_styled
def remote_days_bands(
    sweep: pd.DataFrame,
    metric: str = "net_co2e_t",
    ax: Axes | None = None,
    *,
    group: str | Sequence[str] | None = None,
    n_draws: int | None = None,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Remote days granted against a metric (net CO₂e, net cost), with Monte Carlo bands.

    Parameters
    ----------
    sweep : pandas.DataFrame
        From :func:`remotecalc.analysis.sweep_uncertainty`: columns scenario_name,
        remote_days_per_week, uptake, service_level, desk_ratio, release_space, metric,
        label, unit, central, p05, p50, p95.
    metric : str, default "net_co2e_t"
    group : str or sequence of str, optional
        Lever column(s) that tell the lines apart; default: those of uptake, service_level,
        desk_ratio and release_space that vary.
    n_draws : int, optional
        Number of draws, for the caption.
    lang, caption, note, title, subtitle
        As in :func:`waterfall`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    d = sweep[sweep["metric"] == metric]
    if d.empty:
        raise ValueError(
            f"no rows for metric {metric!r} in the sweep; found "
            f"{sorted(pd.unique(sweep['metric']))}"
        )
    if group is None:
        group = [c for c in _LEVERS if c in d.columns and d[c].nunique(dropna=False) > 1]  # noqa: PD101 (NaN counts as a level)
    group = [group] if isinstance(group, str) else list(group)
    scale, unit = _money_scale(d[["central", "p05", "p95"]].to_numpy(), str(d["unit"].iloc[0]))
    ax = _axes(ax)
    colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    hatches = (None, "\\\\\\", "///", "...")
    entries = []  # (band, line) per group: the legend shows each band in its own colour
    keys = (
        [()]
        if not group
        else [
            tuple(r) for r in d[group].drop_duplicates().sort_values(group).itertuples(index=False)
        ]
    )
    for i, key in enumerate(keys):
        sub = d
        for c, v in zip(group, key, strict=True):
            sub = (
                sub[sub[c].isna()] if (isinstance(v, float) and math.isnan(v)) else sub[sub[c] == v]
            )
        sub = sub.sort_values("remote_days_per_week")
        x = sub["remote_days_per_week"].to_numpy(dtype=float)
        c = colors[i % len(colors)]
        label = ", ".join(
            s for s in (_lever_text(g_, v, lang) for g_, v in zip(group, key, strict=True)) if s
        ) or t("central", lang)
        band = ax.fill_between(
            x,
            scale * sub["p05"],
            scale * sub["p95"],
            color=c,
            alpha=0.22,
            linewidth=0,
            hatch=hatches[i % 4],
            edgecolor=c,
            zorder=1,
        )
        (line,) = ax.plot(
            x,
            scale * sub["central"],
            color=c,
            marker=_MARKERS[i % 8],
            ls=_LINESTYLES[i % 4],
            label=plain(label),
            zorder=3,
        )
        proxy = Patch(
            facecolor=cast(Any, band.get_facecolor()[0]),
            edgecolor=c,
            hatch=band.get_hatch(),
            linewidth=0,
            label=plain(label),
        )
        entries.append(((proxy, line), plain(label)))
    ax.axhline(0, color="#333333", lw=0.7, zorder=2)
    unit = unit_label(unit, lang)
    label = metric_label(metric, lang, english=str(d["label"].iloc[0]), short=True)
    ax.set_ylabel(f"{label}, {t('change', lang).lower()} [{unit}]")
    ax.set_xlabel(t("remote_days_axis", lang))
    number_axis(ax.xaxis, lang, integer=bool(np.allclose(d["remote_days_per_week"] % 1, 0)))
    number_axis(ax.yaxis, lang)
    ax.legend(
        [h for h, _ in entries],
        [lab for _, lab in entries],
        loc="best",
        title=f"{t('central', lang)} + {t('range_5_95', lang)}",
        title_fontsize=mpl.rcParams["legend.fontsize"],
        alignment="left",
    )
    _set_title(ax, title, None, lang, subtitle)
    _caption(
        ax, caption, t("bands_caption", lang, n=fmt_number(n_draws, lang) if n_draws else "N"), note
    )
    return ax


#: Characters per line of a tornado's parameter labels (7 pt: about 2.3 in of the 6.3 in).
_TORNADO_LABEL_CHARS = 38


def _tornado_metric_values(d: pd.DataFrame, scale: float) -> bool:
    """True when ``low``/``high`` hold the metric's values (not the parameter's)."""
    return bool(
        np.allclose(d["low"] * scale - d["central"], d["change_low"])
        and np.allclose(d["high"] * scale - d["central"], d["change_high"])
    )


@_styled
def tornado(
    tornado_frame: pd.DataFrame,
    metric: str = "net_co2e_t",
    ax: Axes | None = None,
    *,
    top: int = 10,
    unit: str | None = None,
    label: str | None = None,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    scenario: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Tornado of one-at-a-time sensitivities of a metric.

    Parameters
    ----------
    tornado_frame : pandas.DataFrame
        ``sensitivity(...).tornado``: columns metric, parameter, label, low, high,
        change_low, change_high, central (``change_*``: the metric's change from its central
        value with the parameter at its low / high value).
    metric : str, default "net_co2e_t"
    top : int, default 10
        The parameters with the widest swing.
    unit, label : str, optional
        Unit and label of the metric for the axis (default from :data:`METRICS` naming).
    lang, caption, note, title, subtitle
        As in :func:`waterfall`.
    scenario : str, optional
        The scenario drawn, named under the title ("Scenario: …").

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    d = tornado_frame[tornado_frame["metric"] == metric].copy()
    if d.empty:
        raise ValueError(f"no rows for metric {metric!r} in the tornado frame")
    d["swing"] = (d["change_high"] - d["change_low"]).abs()
    d = d.nlargest(top, "swing").sort_values("swing", kind="stable")
    if unit is None:
        unit = "t CO2e/yr" if metric.endswith("co2e_t") else ""
    scale, unit = _money_scale(
        np.r_[d["central"], d["central"] + d["change_low"], d["central"] + d["change_high"]], unit
    )
    d[["change_low", "change_high", "central"]] *= scale
    central = float(d["central"].iloc[0])
    # ``low``/``high`` are read as the parameter's values (shown under its name) unless
    # they are the metric's values at them (``change_* == low/high - central``)
    metric_values = _tornado_metric_values(d, scale)
    labels = []
    for lab, lo, hi in zip(d["label"], d["low"], d["high"], strict=True):
        lab = _pretty(str(lab))
        if metric_values:
            labels.append(_wrap_label(lab, _TORNADO_LABEL_CHARS))
        else:
            dl = display_decimals([lo, hi])
            labels.append(
                _wrap_label(lab, _TORNADO_LABEL_CHARS)
                + f"\n({fmt_number(lo, lang, dl)} – {fmt_number(hi, lang, dl)})"
            )
    # each row as tall as its label (7 pt lines, about 0.12 in each), so labels never touch
    lines = max(v.count("\n") + 1 for v in labels)
    ax = _axes(ax, figsize=(6.3, 1.5 + len(d) * (0.125 * lines + 0.1)))
    y = np.arange(len(d))
    lo_c, hi_c = OKABE_ITO["blue"], OKABE_ITO["orange"]
    ax.barh(
        y,
        d["change_low"],
        left=central,
        height=0.62,
        color=lo_c,
        hatch="////",
        edgecolor="#333333",
        linewidth=0.5,
        label=t("param_low", lang),
        zorder=2,
    )
    ax.barh(
        y,
        d["change_high"],
        left=central,
        height=0.62,
        color=hi_c,
        hatch="....",
        edgecolor="#333333",
        linewidth=0.5,
        label=t("param_high", lang),
        zorder=2,
    )
    ax.axvline(central, color="black", lw=0.9, zorder=3)
    ax.set_yticks(y, [plain(v) for v in labels], fontsize=7)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(d) - 0.4)
    m_label = (label or metric_label(metric, lang, short=True)) + ", " + t("change", lang).lower()
    ax.set_xlabel(t("tornado_axis", lang, label=m_label, unit=unit_label(unit, lang)))
    number_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, borderaxespad=0.2)
    _set_title(ax, title, scenario, lang, subtitle, pad=16)
    _caption(ax, caption, t("tornado_caption", lang, v=fmt_number(central, lang)), note)
    return ax


@_styled
def site_comparison(
    per_site: pd.DataFrame,
    metric: str = "desks_needed",
    ax: Axes | None = None,
    *,
    currency: str = "DKK",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    scenario: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Per site: a metric today and under the scenario (desks, area, office cost, CO₂e).

    Parameters
    ----------
    per_site : pandas.DataFrame
        ``Assessment.per_site``.
    metric : str, default "desks_needed"
        A metric of :data:`remotecalc.evaluation.entry.SITE_METRICS`.
    currency : str, default "DKK"
    min_group_size : int, default 5
        Sites with fewer employees are pooled.
    lang, caption, note, title, subtitle
        As in :func:`waterfall`.
    scenario : str, optional
        The scenario drawn, named under the title ("Scenario: …").

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    s = pool_sites(per_site, min_group_size, lang)
    s = s.sort_values(f"{metric}_baseline", kind="stable")
    unit = SITE_METRICS.get(metric, ("", "", ""))[0].format(cur=currency)
    scale = 1.0
    if unit.startswith("kg CO2e"):
        scale, unit = 1e-3, unit.replace("kg", "t", 1)
    ax = _axes(ax, figsize=(6.3, 1.2 + 0.32 * len(s)))
    y = np.arange(len(s))
    h = 0.38
    ax.barh(
        y + h / 2,
        s[f"{metric}_baseline"] * scale,
        height=h,
        color=_TODAY,
        edgecolor="#333333",
        linewidth=0.5,
        label=t("today", lang),
        zorder=2,
    )
    ax.barh(
        y - h / 2,
        s[f"{metric}_scenario"] * scale,
        height=h,
        color=OKABE_ITO["blue"],
        hatch="////",
        edgecolor="#333333",
        linewidth=0.5,
        label=t("scenario", lang),
        zorder=2,
    )
    ax.set_yticks(y, [plain(v) for v in s["label"]])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(s) - 0.4)
    ax.set_xlabel(f"{metric_label(metric, lang)} [{unit_label(unit, lang)}]")
    number_axis(ax.xaxis, lang, integer=metric == "desks_needed")
    held = s[f"{metric}_scenario"].isna().to_numpy() & (s["employees"] > 0).to_numpy()
    for yi in np.flatnonzero(held):  # desk results of too few people: said, not drawn
        ax.annotate(
            t("withheld", lang),
            (0, y[yi]),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize="small",
            color="#555555",
        )
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower left", bbox_to_anchor=(1.01, 0.0), borderaxespad=0.0)
    _set_title(ax, title, scenario, lang, subtitle)
    _caption(ax, caption, t("site_caption", lang, k=min_group_size), note)
    return ax


@_styled
def scenario_comparison(
    headline: pd.DataFrame,
    metric: str = "net_co2e_t",
    ax: Axes | None = None,
    *,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Change against today of one metric, per scenario, with 5–95 % whiskers.

    Parameters
    ----------
    headline : pandas.DataFrame
        Columns scenario_name, metric, unit, change, and optionally label, p05, p95 (see
        :func:`remotecalc.outputs.report.headline_table`).
    metric : str, default "net_co2e_t"
    lang, caption, note, title, subtitle
        As in :func:`waterfall`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    d = headline[headline["metric"] == metric].iloc[::-1]
    if d.empty:
        raise ValueError(f"no rows for metric {metric!r}")
    # money in thousands when the numbers are large (a unit such as "DKK/yr")
    scale, unit_text = _money_scale(
        d[[c for c in ("change", "p05", "p95") if c in d.columns]].to_numpy(dtype=float),
        str(d["unit"].iloc[0]),
    )
    if scale != 1.0:
        d = d.assign(**{c: d[c] * scale for c in ("change", "p05", "p95") if c in d.columns})
    ax = _axes(ax, figsize=(6.3, 1.2 + 0.36 * len(d)))
    y = np.arange(len(d))
    ch = d["change"].to_numpy(dtype=float)
    ax.barh(
        y,
        ch,
        height=0.6,
        color=np.where(ch < 0, _SAVE, _ADD),
        hatch=None,
        edgecolor="#333333",
        linewidth=0.5,
        zorder=2,
    )
    for yi, c in zip(y, ch, strict=True):
        ax.barh(
            yi,
            c,
            height=0.6,
            color="none",
            edgecolor="#333333",
            linewidth=0,
            hatch=_HATCH_SAVE if c < 0 else _HATCH_ADD,
            zorder=2,
        )
    has_range = {"p05", "p95"} <= set(d.columns) and d[["p05", "p95"]].notna().all(axis=1).any()
    if has_range:
        ok = d[["p05", "p95"]].notna().all(axis=1).to_numpy()
        ax.errorbar(
            ch[ok],
            y[ok],
            xerr=[ch[ok] - d["p05"].to_numpy(float)[ok], d["p95"].to_numpy(float)[ok] - ch[ok]],
            fmt="none",
            ecolor="black",
            elinewidth=1.0,
            capsize=3,
            zorder=3,
        )
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [plain(v) for v in d["scenario_name"]])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(d) - 0.4)
    label = metric_label(
        metric, lang, english=str(d["label"].iloc[0]) if "label" in d.columns else None, short=True
    )
    unit = unit_label(unit_text, lang)
    ax.set_xlabel(f"{label}, {t('change', lang).lower()} [{unit}]")
    number_axis(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    dec = display_decimals(ch)
    span = (
        np.nanmax(np.abs(np.concatenate([ch, d["p05"].to_numpy(float), d["p95"].to_numpy(float)])))
        if has_range
        else np.nanmax(np.abs(ch))
    )
    for yi, c in zip(y, ch, strict=True):
        ax.text(
            0.02 * span if c < 0 else -0.02 * span,
            yi + 0.33,
            fmt_number(c, lang, dec, sign=True),
            ha="left" if c < 0 else "right",
            va="center",
            fontsize=7,
        )
    _set_title(ax, title, None, lang, subtitle)
    _caption(ax, caption, t("scenario_comparison_caption", lang), note)
    return ax


# -- map ------------------------------------------------------------------------------------
@_styled
def municipality_map(
    values: pd.DataFrame,
    areas: GeoDataFrame,
    ax: Axes | None = None,
    *,
    label: str | None = None,
    unit: str = "t CO2e/yr",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    boundary_source: str = "",
    zoom: bool = True,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    scenario: str | None = None,
    subtitle: str | None = None,
) -> Axes:
    """Choropleth of a value by municipality, with withheld and empty areas marked.

    Parameters
    ----------
    values : pandas.DataFrame
        Columns ``code``, ``value`` and ``withheld`` (from
        :func:`remotecalc.outputs.boundaries.by_municipality`).
    areas : geopandas.GeoDataFrame
        The areas, as read by :func:`remotecalc.outputs.boundaries.read_boundaries` (columns
        ``code``, ``name``, ``geometry``).
    label, unit : str
        What the value is, for the colour bar. [unit]
    min_group_size : int, default 5
        For the legend text.
    boundary_source : str
        Attribution of the boundaries, for the caption.
    zoom : bool, default True
        Zoom to the areas with shown values (plus a margin).
    lang, caption, note, title, subtitle
        As in :func:`waterfall`.
    scenario : str, optional
        The scenario drawn, named under the title ("Scenario: …").

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_lang(lang)
    if not {"code", "geometry"} <= set(getattr(areas, "columns", ())):
        raise TypeError(
            "areas must be the GeoDataFrame of remotecalc.outputs.boundaries."
            "read_boundaries(...) (columns code, name, geometry); found "
            f"{type(areas).__name__}"
        )
    try:
        areas = areas.to_crs(areas.estimate_utm_crs())  # metres, true shapes
    except (RuntimeError, ValueError):  # no UTM zone fits: keep the file's CRS
        pass
    v = values.set_index(values["code"].astype(str))
    areas = areas.assign(
        value=v["value"].reindex(areas["code"]).to_numpy(),
        withheld=v["withheld"].reindex(areas["code"]).fillna(False).to_numpy(dtype=bool),
    )
    ax = _axes(ax, figsize=(6.3, 4.8))
    shown = areas[areas["value"].notna() & ~areas["withheld"]]
    empty = areas[areas["value"].isna() & ~areas["withheld"]]
    held = areas[areas["withheld"]]
    empty.plot(ax=ax, color="#F2F2F2", edgecolor="#BBBBBB", linewidth=0.3)
    held.plot(ax=ax, color="#D9D9D9", edgecolor="#777777", linewidth=0.3, hatch="////")
    if len(shown):
        vmin, vmax = float(shown["value"].min()), float(shown["value"].max())
        if vmin >= 0 or vmax <= 0:
            cmap, norm = ("cividis_r" if vmin >= 0 else "cividis"), mpl.colors.Normalize(vmin, vmax)
        else:
            cmap, norm = "PuOr", mpl.colors.TwoSlopeNorm(0.0, vmin, vmax)
        shown.plot(ax=ax, column="value", cmap=cmap, norm=norm, edgecolor="#555555", linewidth=0.3)
        # the colour bar sits in an inset of the map Axes, so it follows the map's final
        # (aspect-adjusted) box and leaves the space under the map to the caption
        cax = ax.inset_axes((1.03, 0.12, 0.035, 0.76))
        cb = ax.figure.colorbar(
            mpl.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax, format=NumberFormatter(lang)
        )
        cb.set_label(f"{_pretty(label or '')} [{unit_label(unit, lang)}]".strip())
        cb.outline.set_linewidth(0.5)
    if zoom and (len(shown) or len(held)):
        focus = shown.geometry if len(shown) else held.geometry  # far-off withheld areas
        x0, y0, x1, y1 = focus.total_bounds  # do not widen the view
        mx, my = 0.05 * (x1 - x0), 0.05 * (y1 - y0)
        ax.set_xlim(x0 - mx, x1 + mx)
        ax.set_ylim(y0 - my, y1 + my)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.legend(
        handles=[
            Patch(
                facecolor="#D9D9D9",
                edgecolor="#777777",
                hatch="////",
                label=t("map_withheld", lang, k=min_group_size),
            ),
            Patch(facecolor="#F2F2F2", edgecolor="#BBBBBB", label=t("map_no_staff", lang)),
        ],
        loc="upper left",
        fontsize=7,
        frameon=True,
        facecolor="white",
        edgecolor="#CCCCCC",
        framealpha=0.9,
    )
    _set_title(ax, title, scenario, lang, subtitle)
    _caption(
        ax,
        caption,
        t("map_caption", lang, k=min_group_size, boundary_source=boundary_source or "–"),
        note,
    )
    return ax


def save(
    ax_or_fig: Axes | Figure,
    path: str | Path,
    formats: Sequence[str] = ("png",),
    dpi: int = 300,
    *,
    close: bool = True,
) -> list[Path]:
    """Save a figure (given its Axes or Figure) in one or more formats; close it.

    Parameters
    ----------
    ax_or_fig : Axes or Figure
    path : str or Path
        The file name; each format's suffix replaces its suffix.
    formats : sequence of str, default ("png",)
    dpi : int, default 300
    close : bool, default True
        Close the figure after saving. In a notebook, pass False (and call
        ``plt.show()``) to see the figure inline as well.

    Returns
    -------
    list of pathlib.Path
        The files written (``path`` with each suffix).
    """
    fig = cast(
        "Figure",
        ax_or_fig.figure
        if hasattr(ax_or_fig, "figure") and not isinstance(ax_or_fig, mpl.figure.Figure)
        else ax_or_fig,
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = []
    with style():
        for fmt in formats:
            p = path.with_suffix(f".{fmt}")
            fig.savefig(p, dpi=dpi, metadata={"Software": None} if fmt == "png" else None)
            out.append(p)
    if close:
        plt.close(fig)
    return out


__all__ += ["save"]


@_styled
def work_travel_by_purpose(
    table: pd.DataFrame,
    axes: Sequence[Axes] | None = None,
    *,
    lang: str = "en",
    caption: bool | str = True,
    note: str | None = None,
    title: str | None = None,
    scenario: str | None = None,
) -> Axes:
    """Work-travel km and CO₂e by purpose, today and in the scenario (two panels).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`remotecalc.evaluation.entry.work_travel_table` (purposes of few travellers already
        pooled by :func:`remotecalc.evaluation.disclosure.pool_purposes`).
    axes : two Axes, optional
        For the km and the CO₂e panel; default a new figure.
    lang, caption, note, title
        As in :func:`waterfall`.
    scenario : str, optional
        The scenario drawn, named under the title ("Scenario: …").

    Returns
    -------
    matplotlib.axes.Axes
        The km panel (``.figure`` holds both).
    """
    from remotecalc.formulas.travel import NEVER_REPLACEABLE, PURPOSE_LABELS

    check_lang(lang)
    da = lang == "da"
    pooled = "Tilbageholdt ({n} formål)" if da else "Withheld ({n} purposes)"
    labels = [
        pooled.format(n=int(n))
        if w
        else PURPOSE_LABELS[str(p)][1 if da else 0] + (" *" if str(p) in NEVER_REPLACEABLE else "")
        for p, w, n in zip(
            table["purpose"], table["withheld"], table["purposes_pooled"].to_numpy(), strict=True
        )
    ]
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(7.4, 1.5 + 0.36 * len(table)), sharey=True)
    ax_km, ax_co2 = axes[0], axes[1]
    y = np.arange(len(table))[::-1]
    h = 0.38
    for ax, col, scale, metric, unit in (
        (ax_km, "km", 1e-3, "work_travel_km", "1,000 km/yr"),
        (ax_co2, "co2e_kg", 1e-3, "work_travel_co2e_kg", "t CO2e/yr"),
    ):
        ax.barh(
            y + h / 2,
            table[f"{col}_baseline"].to_numpy(dtype=float) * scale,
            height=h,
            color=_TODAY,
            edgecolor="#333333",
            linewidth=0.5,
            label=t("today", lang),
            zorder=2,
        )
        ax.barh(
            y - h / 2,
            table[f"{col}_scenario"].to_numpy(dtype=float) * scale,
            height=h,
            color=OKABE_ITO["blue"],
            hatch="////",
            edgecolor="#333333",
            linewidth=0.5,
            label=t("scenario", lang),
            zorder=2,
        )
        ax.set_xlabel(f"{metric_label(metric, lang, short=True)} [{unit_label(unit, lang)}]")
        number_axis(ax.xaxis, lang)
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
    ax_km.set_yticks(y, [plain(v) for v in labels])
    ax_km.set_ylim(-0.6, len(table) - 0.4)
    ax_co2.legend(loc="lower left", bbox_to_anchor=(1.01, 0.0), borderaxespad=0.0)
    _set_title(ax_km, title, scenario, lang)
    if caption is not False and caption is not None:
        text = t("wt_caption", lang) if caption is True else str(caption)
        add_caption(ax_km, text, note)
    return ax_km
