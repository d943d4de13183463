"""``remotecalc report``: the policy report (HTML, PDF, XLSX) from the command line.

Registered on the main app by :mod:`remotecalc.cli.main` (``register(app)``), which assembles the
app. Shared helpers come from :mod:`remotecalc.cli._options`; the report machinery is imported
inside
the command, so ``remotecalc --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from remotecalc.cli._options import (
    ColumnMapOpt,
    CountryOpt,
    MinGroupSizeOpt,
    MunOpt,
    OdOpt,
    OsmOpt,
    PostOpt,
    SheetOpt,
    StaffArg,
    TeleworkableOpt,
    WorkTripsOpt,
    no_rows_left,
    output_folder,
    read_workforce,
    scenarios_from,
    stage,
)

if TYPE_CHECKING:
    from remotecalc.outputs.report import ReportFiles

__all__ = ["echo_written", "register", "report_command"]


def report_command(
    staff: StaffArg,
    sites: Annotated[Path | None, typer.Option("--sites", help="Sites file.")] = None,
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario", help="Scenario TOML ([scenario], [[scenario]] or [base] + [variants.*])."
        ),
    ] = None,
    remote_days: Annotated[
        float | None,
        typer.Option("--remote-days", help="Instead of a file: remote days a week granted."),
    ] = None,
    params: Annotated[
        str, typer.Option("--params", help="Parameter set name or TOML path.")
    ] = "dk-2025",
    teleworkable: TeleworkableOpt = "occupation",
    out: Annotated[Path, typer.Option("--out", help="Folder for the report.")] = Path(
        "reports/report"
    ),
    lang: Annotated[str, typer.Option("--lang", help="Language: en or da.")] = "en",
    fmt: Annotated[
        str, typer.Option("--format", help="Comma-separated: html,pdf,xlsx.")
    ] = "html,pdf,xlsx",
    main: Annotated[
        str | None,
        typer.Option(
            "--main", help="Scenario drawn in the single-scenario figures (default the first)."
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Report title.")] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="Employer's name for the title page.")
    ] = None,
    boundaries: Annotated[
        Path | None,
        typer.Option(
            "--boundaries",
            help="Boundary file (GeoJSON...) for a map by home municipality "
            "(needs geopandas: pip install 'remotecalc[geo]').",
        ),
    ] = None,
    boundary_source: Annotated[
        str,
        typer.Option(
            "--boundary-source", help="Attribution of the boundaries, for the map caption."
        ),
    ] = "",
    ranges: Annotated[
        bool,
        typer.Option(
            "--ranges/--no-ranges", help="Monte Carlo ranges, remote-days bands and tornado."
        ),
    ] = True,
    n_draws: Annotated[int, typer.Option("--n-draws", help="Monte Carlo draws.")] = 300,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random draws.")] = 0,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of the figures [dots/inch].")] = 300,
    min_group_size: MinGroupSizeOpt = 5,
    postcodes: PostOpt = None,
    municipalities: MunOpt = None,
    country: CountryOpt = "DK",
    sheet: SheetOpt = None,
    column_map: ColumnMapOpt = None,
    od: OdOpt = None,
    osm: OsmOpt = None,
    lenient: Annotated[
        bool,
        typer.Option(
            "--lenient",
            help="Exclude rows with problems (counted in the report) instead of stopping.",
        ),
    ] = False,
    allow_small: Annotated[
        bool,
        typer.Option(
            "--allow-small-groups",
            help="Write a report about fewer people than the minimum group size (no group tables).",
        ),
    ] = False,
    work_trips: WorkTripsOpt = None,
) -> None:
    """Write the policy report: self-contained HTML, PDF and an XLSX of every table."""
    from remotecalc.errors import RemotecalcError
    from remotecalc.exports import OutputError
    from remotecalc.i18n import fmt_number, t
    from remotecalc.outputs.report import report

    formats = tuple(f.strip().lower() for f in fmt.split(",") if f.strip())
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
        scenarios = scenarios_from(scenario, remote_days, lang)
        what = ", ".join(
            [t("stage_report_scenarios", lang, n=fmt_number(len(scenarios), lang))]
            + ([t("stage_report_ranges", lang, n=fmt_number(n_draws, lang))] if ranges else [])
            + [t("stage_report_figures", lang), *(f.upper() for f in formats)]
        )
        with stage(t("stage_report", lang, what=what), lang=lang):
            files = report(
                wf,
                scenarios,
                params,
                out=out,
                lang=lang,
                formats=formats,
                title=title,
                organisation=organisation,
                main=main if main is not None else 0,
                min_group_size=min_group_size,
                boundaries=boundaries,
                boundary_source=boundary_source,
                ranges=ranges,
                n_draws=n_draws,
                seed=seed,
                dpi=dpi,
                allow_small=allow_small,
            )
    except (RemotecalcError, OutputError, ValueError, ImportError) as err:
        if isinstance(err, typer.BadParameter):
            raise
        typer.secho(str(err), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    echo_written(files, lang)


def echo_written(files: ReportFiles, lang: str = "en") -> None:
    """Print where the report was written (the HTML first)."""
    from remotecalc.i18n import t

    note = t("cli_note", lang)
    if not files.ranges_computed:
        typer.echo(f"{note}: {t('cli_no_ranges', lang)}")
    for label, path in (
        (t("cli_label_report", lang), files.html),
        ("PDF", files.pdf),
        (t("cli_label_workbook", lang), files.xlsx),
    ):
        if path is not None:
            typer.echo(f"{label}: {Path(path).resolve()}")
    typer.echo(f"{t('cli_label_figures', lang)}: {(Path(files.out) / 'figures').resolve()}")
    for why in files.skipped:  # e.g. a PDF without WeasyPrint's system libraries
        typer.secho(f"{note}: {why}", fg=typer.colors.YELLOW, err=True)


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the main CLI app."""
    app.command("report")(report_command)
