"""Command line for the analyses: ``remotecalc sweep`` (with Monte Carlo and sensitivity) and
``remotecalc relocate`` (a relocation plan: physical move against the virtual alternative).

``sweep`` writes the tidy table (CSV), one workbook of every table (``sweep.xlsx``, through
:func:`remotecalc.exports.write_xlsx`) and its figures (``figures/*.png``): the change of
net CO₂e and net cost per scenario, the remote-days bands (with ``--monte-carlo``) and the
tornados (with ``--sensitivity``).

Registered on the main app by :func:`register` (called by :mod:`remotecalc.cli.main`, which
assembles the app). Shared helpers come from :mod:`remotecalc.cli._options`; pandas and the analyses
are imported inside the command, so ``remotecalc --help`` stays fast.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from remotecalc.cli._options import (
    MAX_WIDTH,
    ColumnMapOpt,
    CountryOpt,
    LangOpt,
    LenientOpt,
    MunOpt,
    OdOpt,
    OsmOpt,
    PostOpt,
    SheetOpt,
    StaffArg,
    TeleworkableOpt,
    WorkTripsOpt,
    fail,
    no_rows_left,
    output_folder,
    read_workforce,
    stage,
    text_table,
)
from remotecalc.exports import OutputError, check_names, output_set, write_csv, write_xlsx
from remotecalc.model import metrics

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register", "relocate_command", "sweep_command", "sweep_figures"]

#: Rows of the sweep's headline table (labels, units and scales from the metrics registry).
_HEADLINE = ("net_co2e_t", "commute_km", "net_cost", "desks_needed")


def _parse_range(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        low, high = (float(x) for x in text.replace(";", ",").split(","))
    except ValueError:
        raise typer.BadParameter(f"expected LOW,HIGH such as 0.5,1.0; found {text!r}") from None
    return low, high


def sweep_figures(
    table: pd.DataFrame,
    bands: pd.DataFrame | None,
    tornado: pd.DataFrame | None,
    folder: Path,
    *,
    n_draws: int | None = None,
    sensitivity_scenario: str | None = None,
    lang: str = "en",
) -> list[Path]:
    """Draw and save (PNG) the figures of a sweep; return the files written.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`remotecalc.analysis.sweep` (one row per scenario and metric).
    bands : pandas.DataFrame or None
        :func:`remotecalc.analysis.sweep_uncertainty`; adds 5–95 % whiskers to the scenario
        figures and, when remote days vary, the remote-days bands.
        (Only when the plan sweeps remote days: no two scenarios share the remote days and
        every lever.)
    tornado : pandas.DataFrame or None
        ``sensitivity(...).tornado``: one tornado per metric.
    folder : Path
        Where the PNGs go.
    n_draws : int, optional
        Monte Carlo draws, for the captions.
    sensitivity_scenario : str, optional
        The scenario the tornado is about (named on it).
    lang : {"en", "da"}
        Language of the figures.
    """
    import pandas as pd

    from remotecalc.analysis.sweep import LEVERS
    from remotecalc.outputs import plotting

    written: list[Path] = []
    head = table[["scenario_name", "metric", "label", "unit", "change"]]
    if bands is not None:
        head = head.merge(
            bands[["scenario_name", "metric", "p05", "p95"]],
            on=["scenario_name", "metric"],
            how="left",
        )
    else:
        head = head.assign(p05=float("nan"), p95=float("nan"))
    for m in ("net_co2e_t", "net_cost"):
        if (head["metric"] == m).any():
            ax = plotting.scenario_comparison(head, m, lang=lang)
            written += plotting.save(ax, folder / f"scenarios_{m}")
    # remote-days bands only for a sweep over remote days: one scenario per remote-days value
    # and lever setting (scenarios that differ otherwise, e.g. by applies_to, would be joined
    # by a line as if they were one policy)
    levers = [c for c in LEVERS if bands is not None and c in bands]
    if (
        bands is not None
        and pd.unique(bands["remote_days_per_week"]).size > 1
        and not bands[bands["metric"] == "net_co2e_t"].duplicated(levers).any()
    ):
        for m in ("net_co2e_t", "net_cost"):
            if (bands["metric"] == m).any():
                ax = plotting.remote_days_bands(bands, m, n_draws=n_draws, lang=lang)
                written += plotting.save(ax, folder / f"remote_days_{m}")
    if tornado is not None:
        for m in pd.unique(tornado["metric"]):
            unit = str(table.loc[table["metric"] == m, "unit"].iloc[0])
            ax = plotting.tornado(
                tornado, str(m), unit=unit, scenario=sensitivity_scenario, lang=lang
            )
            written += plotting.save(ax, folder / f"tornado_{m}")
    return written


def sweep_command(
    staff: StaffArg,
    scenarios: Annotated[
        Path,
        typer.Option(
            "--scenarios",
            help="Scenario plan (TOML): a base table with variants and/or a "
            "grid table of lever lists, or scenario tables.",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")],
    sites: Annotated[Path | None, typer.Option("--sites", help="Sites file.")] = None,
    params: Annotated[
        str, typer.Option("--params", help="Parameter set name or TOML path.")
    ] = "dk-2025",
    teleworkable: TeleworkableOpt = "occupation",
    monte_carlo: Annotated[
        int,
        typer.Option(
            "--monte-carlo",
            help="Monte Carlo draws per scenario (0: none); writes 5-95 % "
            "bands for every scenario.",
        ),
    ] = 0,
    seed: Annotated[
        int | None,
        typer.Option("--seed", help="Seed of the random draws (same seed, same numbers)."),
    ] = None,
    uptake_range: Annotated[
        str | None,
        typer.Option(
            "--uptake-range",
            help="Behavioural uncertainty: uptake drawn from LOW,HIGH "
            "(e.g. 0.5,1.0) in Monte Carlo and sensitivity.",
        ),
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Sobol' indices and tornado of net CO2e and net cost for "
            "one scenario (see --sensitivity-scenario).",
        ),
    ] = False,
    sensitivity_scenario: Annotated[
        str | None,
        typer.Option(
            "--sensitivity-scenario",
            help="Scenario analysed by --sensitivity (default: the "
            "one with the largest net CO2e change).",
        ),
    ] = None,
    n_base: Annotated[
        int, typer.Option("--n-base", help="Sobol' base sample, a power of 2.")
    ] = 512,
    jobs: Annotated[int, typer.Option("--jobs", help="Worker processes for the sweep.")] = 1,
    postcodes: PostOpt = None,
    municipalities: MunOpt = None,
    country: CountryOpt = "DK",
    sheet: SheetOpt = None,
    column_map: ColumnMapOpt = None,
    od: OdOpt = None,
    osm: OsmOpt = None,
    work_trips: WorkTripsOpt = None,
    lenient: LenientOpt = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Progress bar.")
    ] = True,
    allow_small: Annotated[
        bool,
        typer.Option(
            "--allow-small-groups",
            help="Write the results even when the workforce or a scenario's applies_to "
            "selection is smaller than the minimum group size (5).",
        ),
    ] = False,
    lang: LangOpt = "en",
) -> None:
    """Assess every scenario of a plan in one go: one tidy table, optional uncertainty."""
    import pandas as pd

    from remotecalc.analysis import sensitivity as _sensitivity
    from remotecalc.analysis import sweep as _sweep
    from remotecalc.analysis import sweep_uncertainty
    from remotecalc.errors import RemotecalcError
    from remotecalc.evaluation import disclosure
    from remotecalc.evaluation.entry import assess as _assess
    from remotecalc.i18n import check_lang, fmt_number, t, unit_label
    from remotecalc.inputs.parameters import load_parameters
    from remotecalc.inputs.scenario import load_scenarios

    try:
        check_lang(lang)
    except ValueError as err:
        fail(err)
    uptake = _parse_range(uptake_range)
    output_folder(out, "--out")
    try:
        wf = read_workforce(
            staff,
            sites,
            postcodes,
            municipalities,
            country,
            sheet,
            lenient,
            column_map=column_map,
            od=od,
            work_trips=work_trips,
            osm=osm,
            teleworkable=teleworkable,
            params=params,
        )
        no_rows_left(wf, lenient)
        plan = load_scenarios(scenarios)
        check_names(s.name for s in plan)  # before the work, not when writing
        small = disclosure.small_sweep_selections(wf.staff, plan)
        if small and not allow_small:
            raise ValueError(
                f"{'; '.join(small)}: fewer than the minimum group size "
                f"{disclosure.DEFAULT_MIN_GROUP_SIZE}, so the results would describe "
                "identifiable people; pass --allow-small-groups to write them anyway"
            )
        p = load_parameters(params)
        table = _sweep(wf, plan, p, progress=progress, n_jobs=jobs)
        bands = (
            sweep_uncertainty(
                wf, plan, p, n_draws=monte_carlo, seed=seed, uptake=uptake, progress=progress
            )
            if monte_carlo > 0
            else None
        )
        # what is written is published (docs/privacy.md): each scenario's totals carry the
        # cell-key noise its own report would show, and the bands move with them
        runs = [_assess(wf, s, p) for s in plan]
        exact = pd.concat([r.summary() for r in runs], ignore_index=True)
        published = pd.concat([r.published().summary() for r in runs], ignore_index=True)
        table = disclosure.publish_rows(table, exact, published)
        if bands is not None:
            bands = disclosure.publish_bands(bands, exact, published)
        sens = None
        tornado: pd.DataFrame | None = None
        if sensitivity:
            names = [s.name for s in plan]
            net = table[table["metric"] == "net_co2e_t"].set_index("scenario_name")["change"]
            target = sensitivity_scenario or str(net.abs().idxmax())
            if target not in names:
                raise typer.BadParameter(
                    f"--sensitivity-scenario: no scenario '{target}' in "
                    f"the plan; scenarios: {', '.join(names)}"
                )
            with stage(
                t("stage_sensitivity", lang, target=target, n=fmt_number(n_base, lang)), lang=lang
            ):
                sens = _sensitivity(
                    wf, plan[names.index(target)], p, n_base=n_base, seed=seed, uptake=uptake
                )
            tornado = disclosure.publish_bands(  # around the published central value
                sens.tornado,
                exact[exact["scenario_name"] == target],
                published[published["scenario_name"] == target],
            )
    except (RemotecalcError, ValueError) as err:
        fail(err, lang)
    # headline: one column per scenario
    cur = p.currency
    change = table.pivot_table(index="metric", columns="scenario_name", values="change", sort=False)
    rows = {}
    for name in _HEADLINE:
        m = metrics.get(name)
        unit = (m.headline_unit_template or m.unit).format(cur=cur)
        label = t("cli_change_of", lang, label=m.label(lang, short=True))
        if lang != "en":
            unit = unit_label(unit, lang)
        rows[f"{label} [{unit}]"] = change.loc[name] * (cast(float, m.headline_scale) / m.scale)
    head = pd.DataFrame(rows).T[[s.name for s in plan]]
    if bands is not None:
        b = bands[bands["metric"] == "net_co2e_t"].set_index("scenario_name")
        head.loc["Net CO2e, 5 % [t CO2e/yr]"] = b["p05"].reindex(head.columns).to_numpy()
        head.loc["Net CO2e, 95 % [t CO2e/yr]"] = b["p95"].reindex(head.columns).to_numpy()
    sheets = {"Sweep": table, "Headline": head}
    if bands is not None:
        sheets["Monte Carlo"] = bands
    if sens is not None and tornado is not None:
        sheets["Sobol indices"] = sens.indices
        sheets["Tornado"] = tornado
    sheets["Assumptions"] = p.describe()
    try:  # all files or none (exports.output_set)
        with output_set(out, "--out") as files, stage(t("cli_writing_tables", lang), lang=lang):
            to = files.staging
            written = [write_csv(table, to / "sweep.csv")]
            if bands is not None:
                written.append(write_csv(bands, to / "sweep_uncertainty.csv"))
            if sens is not None and tornado is not None:
                written.append(write_csv(sens.indices, to / "sensitivity_indices.csv"))
                written.append(write_csv(tornado, to / "sensitivity_tornado.csv"))
            written.append(write_xlsx(sheets, to / "sweep.xlsx", index=("Headline",)))
            written += sweep_figures(
                table,
                bands,
                tornado if sens is not None else None,
                to / "figures",
                n_draws=monte_carlo or None,
                sensitivity_scenario=target if sens is not None else None,
                lang=lang,
            )
    except (RemotecalcError, OutputError) as err:
        fail(err, lang)
    written = [files.final(w) for w in written]
    typer.echo(
        text_table(list(head.index), list(head.columns), head.to_numpy(float).tolist(), lang=lang)
    )
    footer = t(
        "cli_sweep_footer",
        lang,
        n=fmt_number(wf.n_employees, lang),
        k=len(plan),
        pset=p.name,
    )
    typer.echo("\n" + textwrap.fill(footer, MAX_WIDTH))
    if sens is not None:
        typer.echo("\n" + t("cli_sweep_drivers", lang, name=target))
        for metric_name, g in sens.indices.groupby("metric", sort=False):
            top = ", ".join(f"{r.parameter} {r.ST:.2f}" for r in g.head(5).itertuples())
            typer.echo(
                textwrap.fill(
                    f"{metric_name}: {top}",
                    MAX_WIDTH,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    typer.echo(f"{t('ca_console_written', lang)}:")
    for w in written:
        typer.echo(f"  {w}")


def _parse_selection(items: list[str]) -> dict[str, list[str]]:
    """``["site_id=HQ", "unit=A,B"]`` -> ``{"site_id": ["HQ"], "unit": ["A", "B"]}``."""
    out: dict[str, list[str]] = {}
    for item in items:
        col, sep, values = item.partition("=")
        if not sep or not col.strip() or not values.strip():
            raise typer.BadParameter(
                f"--select: expected COLUMN=VALUE[,VALUE...] such as site_id=HQ; found {item!r}"
            )
        out.setdefault(col.strip(), []).extend(v.strip() for v in values.split(","))
    return out


def relocate_command(
    staff: StaffArg,
    to_site: Annotated[
        str, typer.Option("--to", help="Destination site id (a row of the sites file).")
    ],
    select: Annotated[
        list[str],
        typer.Option(
            "--select",
            help="Positions to move, COLUMN=VALUE[,VALUE...]; repeat for more conditions "
            "(all must hold), e.g. --select site_id=HQ --select unit=Tilsyn.",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")],
    sites: Annotated[Path | None, typer.Option("--sites", help="Sites file.")] = None,
    params: Annotated[
        str, typer.Option("--params", help="Parameter set name or TOML path.")
    ] = "dk-2025",
    horizon: Annotated[
        int, typer.Option("--horizon", help="Years of the ledger, from the move.")
    ] = 5,
    virtual_days: Annotated[
        float,
        typer.Option(
            "--virtual-days",
            help="Virtual alternative: on-site days a week at today's site (a hub).",
        ),
    ] = 2.0,
    draws: Annotated[
        int, typer.Option("--draws", help="Monte Carlo draws for the ranges (0: none).")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed (same seed, same numbers).")] = 0,
    lang: Annotated[str, typer.Option("--lang", help="Language of labels: en or da.")] = "en",
    postcodes: PostOpt = None,
    municipalities: MunOpt = None,
    country: CountryOpt = "DK",
    sheet: SheetOpt = None,
    column_map: ColumnMapOpt = None,
    od: OdOpt = None,
    lenient: LenientOpt = False,
    allow_small: Annotated[
        bool,
        typer.Option(
            "--allow-small-groups",
            help="Write the plan even when fewer positions move than the minimum group size (5).",
        ),
    ] = False,
) -> None:
    """Plan a relocation: who follows the job, who is hired, a ledger year by year, and the
    virtual alternative (posts moved, people kept, working hybrid) side by side."""
    from remotecalc.analysis.relocation import relocation_plan
    from remotecalc.errors import RemotecalcError
    from remotecalc.evaluation import disclosure
    from remotecalc.i18n import check_lang, fmt_number, t
    from remotecalc.inputs.parameters import load_parameters

    selection = _parse_selection(select)
    output_folder(out, "--out")
    try:
        check_lang(lang)
        wf = read_workforce(
            staff,
            sites,
            postcodes,
            municipalities,
            country,
            sheet,
            lenient,
            column_map=column_map,
            od=od,
        )
        no_rows_left(wf, lenient)
        p = load_parameters(params)
        with stage(t("stage_relocation", lang, site=to_site, n=fmt_number(draws, lang)), lang=lang):
            plan = relocation_plan(
                wf,
                selection,
                to_site,
                params=p,
                horizon_years=horizon,
                virtual_onsite_days_per_week=virtual_days,
                n_draws=draws,
                seed=seed,
            )
        k = disclosure.DEFAULT_MIN_GROUP_SIZE
        if 0 < plan.moved < k and not allow_small:
            raise ValueError(
                f"{plan.moved} position(s) move, fewer than the minimum group size {k}, so "
                "the plan would describe identifiable people; pass --allow-small-groups to "
                "write it anyway"
            )
    except (RemotecalcError, ValueError) as err:
        fail(err)
    import pandas as pd

    ledger = pd.concat(
        [
            plan.ledger.assign(alternative="physical"),
            plan.virtual_ledger.assign(alternative="virtual"),
        ],
        ignore_index=True,
    )
    ledger["label"] = [t(f"reloc_line_{k}", lang) for k in ledger["line"]]
    compare = plan.compare(lang)
    described = p.describe()
    assumptions = described.loc[
        described["key"].str.startswith("relocation.")
        | described["key"].isin(["finance.discount_rate", "cost.value_of_time_per_hour"])
    ]
    written = [
        write_csv(ledger, out / "relocation_ledger.csv"),
        write_csv(compare, out / "relocation_compare.csv"),
        write_csv(plan.ranges, out / "relocation_ranges.csv"),
    ]
    written.append(
        write_xlsx(
            {
                "Compare": compare,
                "Ledger": ledger,
                "Ranges": plan.ranges,
                "Assumptions": assumptions,
            },
            out / "relocation.xlsx",
        )
    )
    rows = [f"{r.label} [{r.unit}]" for r in compare.itertuples()]
    typer.echo(
        text_table(
            rows,
            ["physical", "virtual"],
            compare[["physical", "virtual"]].to_numpy(float).tolist(),
        )
    )
    footer = (
        f"{plan.moved:,} position(s) to '{plan.to_site}': {plan.followers:,.0f} expected to "
        f"follow ({plan.follow_share:.0%}), {plan.leavers:,.0f} replaced by local hires; "
        f"{plan.horizon_years} years at {plan.discount_rate:.1%}; parameter set '{p.name}'. "
        "Present values; positive = cost. Who follows is calibrated to the Danish and "
        "Norwegian relocations (see the relocation.follow_* parameter notes)."
    )
    typer.echo("\n" + textwrap.fill(footer, MAX_WIDTH))
    typer.echo("written:")
    for w in written:
        typer.echo(f"  {w}")


def register(app: typer.Typer) -> None:
    """Add the analysis commands (``sweep``, ``relocate``) to the main app."""
    app.command("sweep")(sweep_command)
    app.command("relocate")(relocate_command)
