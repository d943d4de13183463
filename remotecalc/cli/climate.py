"""Command line for the climate account: ``remotecalc inventory``.

Registered on the main app by :func:`register` (called by :mod:`remotecalc.cli.main`). Shared
helpers come from :mod:`remotecalc.cli._options`; pandas and the model are imported inside the
command, so ``remotecalc --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from remotecalc.cli._options import (
    ColumnMapOpt,
    CountryOpt,
    LenientOpt,
    MinGroupSizeOpt,
    MunOpt,
    PostOpt,
    SheetOpt,
    SitesOpt,
    StaffArg,
    fail,
    no_rows_left,
    output_folder,
    read_workforce,
    scenarios_from,
)

__all__ = ["inventory_command", "register"]


def inventory_command(
    staff: StaffArg,
    sites: SitesOpt = None,
    params: Annotated[
        str, typer.Option("--params", help="Parameter set name or TOML path.")
    ] = "dk-2025",
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario",
            help="Scenario TOML: the account is shown today and under each scenario in it "
            "(without one: today only).",
        ),
    ] = None,
    remote_days: Annotated[
        float | None,
        typer.Option("--remote-days", help="Instead of a file: remote days a week granted."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Folder for climate_account.csv (tidy, kg) and climate_account.xlsx."
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the console, labels and sheets: en or da.")
    ] = "en",
    year: Annotated[
        int | None,
        typer.Option("--year", help="Reporting year (default: the parameter set's year)."),
    ] = None,
    postcodes: PostOpt = None,
    municipalities: MunOpt = None,
    country: CountryOpt = "DK",
    sheet: SheetOpt = None,
    column_map: ColumnMapOpt = None,
    lenient: LenientOpt = False,
    min_group_size: MinGroupSizeOpt = 5,
    allow_small: Annotated[
        bool,
        typer.Option(
            "--allow-small-groups",
            help="Print and write an account of fewer people than the minimum group size "
            "(without rows by mode).",
        ),
    ] = False,
) -> None:
    """Climate account: GHG Protocol Scope 3 Category 7 (commuting by mode, teleworking).

    Annual t CO2e today and under each scenario; each total adds one teleworking route.
    """
    import textwrap

    from remotecalc.errors import RemotecalcError
    from remotecalc.exports import OutputError, check_names, output_set
    from remotecalc.i18n import check_lang, fmt_number, t, unit_label
    from remotecalc.inputs.scenario import Scenario, load_scenarios
    from remotecalc.outputs.climate import (
        account_table_for_report,
        climate_account,
        reportable_figures,
        write_account,
    )

    output_folder(out, "--out")
    try:
        check_lang(lang)
        wf = read_workforce(
            staff, sites, postcodes, municipalities, country, sheet, lenient, "pandas", column_map
        )
        no_rows_left(wf, lenient)
        scenarios: list[Scenario | None] = [None]
        if scenario is not None:
            scenarios = list(load_scenarios(scenario))
            check_names(s.name for s in scenarios if s is not None)
        elif remote_days is not None:
            scenarios = list(scenarios_from(None, remote_days, lang))
        accounts = [
            climate_account(wf, params, sc, min_group_size=min_group_size, allow_small=allow_small)
            for sc in scenarios
        ]
    except (RemotecalcError, ValueError) as err:
        fail(err)
    unit = unit_label("t CO2e/yr", lang)
    for acc in accounts:
        # the method is printed once below the table (a column would be too wide)
        table = account_table_for_report(acc, lang).drop(columns=[t("ca_method", lang)])
        name = acc["scenario_name"].iloc[0] if "scenario_name" in acc.columns else None
        title = t("today", lang) if name is None else f"{t('scenario', lang)}: {name}"
        typer.echo(f"\n{title} [{unit}]")
        heads = [t("today", lang), t("scenario", lang), t("change", lang)][: table.shape[1] - 1]
        width = max(len(table.columns[0]), int(table.iloc[:, 0].str.len().max()))
        typer.echo(f"{table.columns[0]:<{width}}" + "".join(f"{h:>11}" for h in heads))
        for row in table.itertuples(index=False):
            numbers = "".join(f"{fmt_number(x, lang, 1):>11}" for x in row[1:])
            typer.echo(f"{row[0]:<{width}}{numbers}")
    a = accounts[0].attrs
    # one figure to report per state (today, each scenario), with its cross-check and why
    figures = reportable_figures(accounts, lang, year)
    other = "desnz" if a["recommended_route"] == "home_energy" else "home_energy"
    typer.echo("")
    for _, r in figures.iterrows():
        v = r.to_numpy()
        diff = v[7]
        typer.echo(
            textwrap.fill(
                f"{v[0]}: "
                + t(
                    "ca_console_recommended",
                    lang,
                    year=v[1],
                    category=v[2],
                    figure=fmt_number(v[3], lang, 1),
                    unit=unit,
                    route=v[4],
                    other=t(f"ca_route_{other}", lang),
                    check=fmt_number(v[6], lang, 1),
                    diff=f"{fmt_number(diff, lang, 1, sign=True)} %" if diff == diff else "–",
                    reason=v[8],
                ),
                width=100,
                subsequent_indent="  ",
            )
        )
    scope = a["emission_scope"]
    typer.echo(
        "\n"
        + textwrap.fill(
            t(
                "ca_console_footer",
                lang,
                n=fmt_number(wf.n_employees, lang),
                excluded=fmt_number(a.get("rows_excluded") or 0, lang),
                estimated=fmt_number(a.get("distance_estimated") or 0, lang),
                pset=a["parameter_set"],
                scope=t(f"ca_scope_{scope}", lang),
                factor=fmt_number(a["homeworking_co2e_kg_per_fte_hour"], lang, 5),
            ),
            width=100,
        )
    )
    if a["modes_pooled"]:
        typer.echo(t("ca_console_pooled", lang, n=a["modes_pooled"]))
    if out is not None:
        try:  # all files or none (exports.output_set)
            with output_set(out, "--out") as files:
                written = [files.final(f) for f in write_account(accounts, files.staging, lang)]
        except (RemotecalcError, OutputError) as err:
            fail(err, lang)
        typer.echo(f"{t('ca_console_written', lang)}:")
        for path in written:  # one a line: a path is not wrapped
            typer.echo(f"  {path}")


def register(app: typer.Typer) -> None:
    """Add ``inventory`` to the main app."""
    app.command("inventory")(inventory_command)
