"""Command line: ``remotecalc validate|assess|params|demo``. Run ``remotecalc --help``.

The app is assembled here: its own commands, then those of :mod:`remotecalc.cli.analysis`
(``sweep``) and :mod:`remotecalc.cli.report` (``report``), registered on it. Shared option
types and helpers live in :mod:`remotecalc.cli._options`. pandas, numpy and the model are imported
inside the commands, so ``remotecalc --help`` stays fast.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Annotated, cast

import typer

from remotecalc._version import __version__
from remotecalc.cli import analysis as cli_analysis
from remotecalc.cli import climate as cli_climate
from remotecalc.cli import explorer as cli_explorer
from remotecalc.cli import report as cli_report
from remotecalc.cli._options import (
    MAX_WIDTH,
    BackendOpt,
    ColumnMapOpt,
    CountryOpt,
    LenientOpt,
    MinGroupSizeOpt,
    MunOpt,
    OdOpt,
    PostOpt,
    SchedulerOpt,
    SheetOpt,
    SitesOpt,
    StaffArg,
    WorkTripsOpt,
    dask_client,
    fail,
    no_rows_left,
    output_file,
    output_folder,
    read_workforce,
    scenarios_from,
    stage,
    text_table,
)
from remotecalc.errors import RemotecalcError, StaffingError
from remotecalc.exports import OutputError, file_stems, output_set, write_csv, write_xlsx

__all__ = ["app", "assess", "demo", "main", "params_app", "to_parquet", "validate"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="remotecalc: what remote and hybrid work is worth, from an employer's own staffing data.",
    # plain help: text is shown as written (rich markup would take "[geo]" for a tag)
    rich_markup_mode=None,
)
params_app = typer.Typer(
    no_args_is_help=True, help="List and show parameter sets.", rich_markup_mode=None
)
app.add_typer(params_app, name="params")


def _version(value: bool):
    if value:
        typer.echo(f"remotecalc {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """remotecalc command line."""


@app.command()
def validate(
    staff: StaffArg,
    sites: SitesOpt = None,
    postcodes: PostOpt = None,
    municipalities: MunOpt = None,
    country: CountryOpt = "DK",
    sheet: SheetOpt = None,
    lenient: LenientOpt = False,
    excluded_out: Annotated[
        Path | None,
        typer.Option(
            "--excluded-out",
            help="Write the excluded rows and their reasons to this CSV "
            "(personal data: keep it safe).",
        ),
    ] = None,
    backend: BackendOpt = "pandas",
    scheduler: SchedulerOpt = None,
    column_map: ColumnMapOpt = None,
) -> None:
    """Check a staff file (and sites): row accounting and problems in plain language."""
    import pandas as pd

    output_file(excluded_out, "--excluded-out")
    client = dask_client(backend, scheduler)  # noqa: F841 (the default client while it lives)
    try:
        wf = read_workforce(
            staff, sites, postcodes, municipalities, country, sheet, True, backend, column_map
        )
    except StaffingError as err:
        fail(err)
    p = wf.provenance
    typer.echo(
        f"{p['file']}: {p['rows_read']:,} rows read = {p['rows_used']:,} usable + "
        f"{p['rows_excluded']:,} with problems"
    )
    typer.echo(
        f"  format {p['format']}"
        + (
            f", encoding {p['encoding']}, separator '{p['separator']}'"
            if p["format"] == "csv"
            else ""
        )
        + f", sites: {len(wf.sites)}"
    )
    mapped = {k: v for k, v in p["column_map"].items() if k != v}
    if mapped:
        typer.echo("  columns recognised: " + ", ".join(f"{k} -> {v}" for k, v in mapped.items()))
    for n in wf.notes:
        typer.echo(f"  note: {n}")
    if len(wf.problems):
        typer.echo(f"\n{len(wf.problems):,} problem(s):")
        for r in wf.problems.head(20).itertuples(index=False):
            value = "blank" if (r.value in ("", None) or pd.isna(r.value)) else f"'{r.value}'"
            where = f"{r.file}, row {r.row}" if backend == "dask" else f"row {r.row}"
            typer.echo(f"  {where}, column '{r.column}': found {value}; {r.problem}")
        if len(wf.problems) > 20:
            typer.echo(f"  ... and {len(wf.problems) - 20:,} more")
        if excluded_out:
            write_csv(wf.excluded, excluded_out)
            typer.echo(f"excluded rows written to {excluded_out}")
        if not lenient:
            typer.echo("\nFix these rows, or assess with --lenient to exclude them.")
            raise typer.Exit(code=1)
    else:
        typer.echo("no problems found")
    no_rows_left(wf, lenient)


def _headline(results):
    """One column per scenario: the numbers a reader asks for first (a DataFrame)."""
    import pandas as pd

    from remotecalc.model import metrics

    # the registry's headline metrics: (label, unit template, scale from the summary's unit)
    rows = {
        m.display_name: (
            f"{m.label('en', short=True)}, change",
            m.headline_unit_template or m.unit,
            cast(float, m.headline_scale) / m.scale,
        )
        for m in metrics.headline()
    }
    cols = {}
    for res in results:
        s = res.summary().set_index("metric")
        cols[res.scenario.name] = [s.loc[m, "change"] * f for m, (_, _, f) in rows.items()]
    cur = results[0].currency
    index = [f"{label} [{unit.format(cur=cur)}]" for label, unit, _ in rows.values()]
    return pd.DataFrame(cols, index=index)


def _print_headline(results, wf):
    table = _headline(results)
    typer.echo(
        text_table(list(table.index), list(table.columns), table.to_numpy(dtype=float).tolist())
    )
    footer = (
        f"{wf.n_employees:,} employees at {len(wf.sites)} sites; parameter set "
        f"'{results[0].parameters.name}' ({results[0].parameters.emission_scope}); "
        "changes are scenario minus today."
    )
    if getattr(wf, "work_trips", None) is not None:
        for r in results:
            s = r.summary().set_index("metric")["change"]
            typer.echo(
                f"work travel ({r.scenario.name}): {s['work_travel_km']:+,.0f} km/yr, "
                f"{s['work_travel_co2e_t']:+,.2f} t CO2e/yr, video calls "
                f"{s['virtual_meeting_co2e_t']:+,.3f} t CO2e/yr, mileage allowance "
                f"{s['work_travel_reimbursement_cost']:+,.0f} {r.parameters.currency}/yr"
            )
    typer.echo("\n" + textwrap.fill(footer, MAX_WIDTH))


@app.command()
def assess(
    staff: StaffArg,
    sites: SitesOpt = None,
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
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for summary CSV and XLSX.")
    ] = None,
    postcodes: PostOpt = None,
    municipalities: MunOpt = None,
    country: CountryOpt = "DK",
    sheet: SheetOpt = None,
    column_map: ColumnMapOpt = None,
    od: OdOpt = None,
    lenient: LenientOpt = False,
    min_group_size: MinGroupSizeOpt = 5,
    allow_small: Annotated[
        bool,
        typer.Option(
            "--allow-small-groups",
            help="Print and write results about fewer people than the minimum group size.",
        ),
    ] = False,
    backend: BackendOpt = "pandas",
    scheduler: SchedulerOpt = None,
    employees_out: Annotated[
        Path | None,
        typer.Option(
            "--employees-out",
            help="Folder for per-employee results as Parquet, one per "
            "scenario (personal data: keep it safe).",
        ),
    ] = None,
    work_trips: WorkTripsOpt = None,
) -> None:
    """Assess one or more scenarios; print the headline numbers; write summary CSV/XLSX."""
    import pandas as pd

    from remotecalc.evaluation.disclosure import small_selections
    from remotecalc.evaluation.entry import assess as _assess
    from remotecalc.inputs.parameters import load_parameters

    output_folder(out, "--out")
    output_folder(employees_out, "--employees-out")
    client = dask_client(backend, scheduler)
    try:
        wf = read_workforce(
            staff,
            sites,
            postcodes,
            municipalities,
            country,
            sheet,
            lenient,
            backend,
            column_map,
            od,
            work_trips,
        )
        no_rows_left(wf, lenient)
        scenarios = scenarios_from(scenario, remote_days)
        p = load_parameters(params)
        results = [_assess(wf, s, p, min_group_size=min_group_size) for s in scenarios]
        small = [why for r in results for why in small_selections(r, min_group_size)]
        if small and not allow_small:
            raise ValueError(
                f"{'; '.join(small)}: fewer than the minimum group size {min_group_size}, so "
                "the results would describe identifiable people; pass --allow-small-groups "
                "to show them anyway"
            )
    except (RemotecalcError, ValueError) as err:
        fail(err)
    if wf.provenance["rows_excluded"]:
        typer.echo(
            f"note: {wf.provenance['rows_excluded']:,} row(s) excluded "
            "(run `remotecalc validate` to list them)"
        )
    _print_headline(results, wf)
    try:
        if out is not None:
            summary = pd.concat([r.summary() for r in results], ignore_index=True)
            sheets = {
                "Summary": summary,
                "Headline": _headline(results),
                "Assumptions": results[0].parameters.describe(),
            }
            stems = file_stems(r.scenario.name for r in results)
            with output_set(out, "--out") as written:  # all files or none (exports)
                write_csv(summary, written.staging / "summary.csv")
                write_xlsx(sheets, written.staging / "summary.xlsx", index=("Headline",))
                for r, stem in zip(results, stems, strict=True):
                    r.to_excel(written.staging / f"assessment_{stem}.xlsx", allow_small=allow_small)
            typer.echo(
                f"written: {out / 'summary.csv'}, {out / 'summary.xlsx'} and one workbook per "
                "scenario"
            )
        if employees_out is not None:
            stems = file_stems(r.scenario.name for r in results)
            with output_set(employees_out, "--employees-out") as written:
                for r, stem in zip(results, stems, strict=True):
                    path = r.to_parquet(written.staging / f"employees_{stem}.parquet")
            for r, stem in zip(results, stems, strict=True):
                path = employees_out / f"employees_{stem}.parquet"
                typer.echo(f"written: {path} ({r.n_employees:,} employees; personal data)")
    except (RemotecalcError, OutputError) as err:
        fail(err)
    if client is not None:
        client.close()


@app.command("to-parquet")
def to_parquet(
    staff: Annotated[Path, typer.Argument(metavar="STAFF", help="Staff CSV (; or ,), any size.")],
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Empty folder for the Parquet files.")
    ],
    rows_per_file: Annotated[
        int, typer.Option("--rows-per-file", help="Rows in each Parquet file (a Dask partition).")
    ] = 1_000_000,
) -> None:
    """Convert a staff CSV larger than memory to Parquet files for --backend dask."""
    from remotecalc.evaluation.distributed import csv_to_parquet

    try:
        files = csv_to_parquet(staff, folder, rows_per_file=rows_per_file)
    except RemotecalcError as err:
        fail(err)
    typer.echo(
        f"written: {len(files)} Parquet file(s) in {folder} (personal data: keep them "
        "safe); problems will be reported with the CSV's row numbers"
    )


@params_app.command("list")
def params_list() -> None:
    """List the packaged parameter sets."""
    import pandas as pd

    from remotecalc.inputs.parameters import list_parameter_sets

    with pd.option_context("display.width", 160, "display.max_colwidth", 60):
        typer.echo(list_parameter_sets().to_string(index=False))


@params_app.command("show")
def params_show(
    name: Annotated[
        str, typer.Argument(metavar="[NAME]", help="Set name or TOML path.")
    ] = "dk-2025",
    key: Annotated[
        str | None, typer.Option("--key", help="Only keys containing this text.")
    ] = None,
) -> None:
    """Print every assumption of a set with unit, year, source and status."""
    import pandas as pd

    from remotecalc.inputs.parameters import load_parameters

    try:
        p = load_parameters(name)
    except RemotecalcError as err:
        fail(err)
    d = p.describe()
    if key:
        d = d[d["key"].str.contains(key, regex=False)]
    typer.echo(f"{p.name}: {p.meta.get('description', '')}")
    typer.echo(f"currency {p.currency}; emission scope {p.emission_scope}\n")
    with pd.option_context(
        "display.width", 200, "display.max_colwidth", 70, "display.max_rows", 1000
    ):
        typer.echo(d[["key", "value", "unit", "year", "status", "source"]].to_string(index=False))
    typer.echo(
        "\nstatus: R read in the primary source; R2 read on a secondary site; C computed; "
        "M recalled assumption (wide range); user: overridden"
    )


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("reports/demo"),
    n_employees: Annotated[
        int, typer.Option("--n", help="Employees in the demo organisation.")
    ] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the demo organisation.")] = 0,
    lang: Annotated[str, typer.Option("--lang", help="Language of the report: en or da.")] = "en",
    with_report: Annotated[
        bool,
        typer.Option(
            "--report/--no-report",
            help="Write the report (HTML, PDF, XLSX); --no-report only prints the headline.",
        ),
    ] = True,
) -> None:
    """Run the main job on the demo organisation (Roskilde Kommune, synthetic) and write its
    full report (HTML, PDF, XLSX) to --out."""
    from remotecalc.datasets import demo_workforce
    from remotecalc.evaluation.entry import assess as _assess
    from remotecalc.i18n import t
    from remotecalc.inputs.parameters import load_parameters
    from remotecalc.inputs.scenario import Scenario

    output_folder(out, "--out")
    wf = demo_workforce(n_employees, seed=seed)
    typer.echo(wf.summary())
    p = load_parameters("dk-2025")
    scenarios = [
        Scenario(name=t("demo_1", lang), remote_days_per_week=1),
        Scenario(name=t("demo_2", lang), remote_days_per_week=2),
        Scenario(
            name=t("demo_2_anchor", lang),
            remote_days_per_week=2,
            anchor_days=("tue", "thu"),
            release_space=1.0,
        ),
        Scenario(name=t("demo_3", lang), remote_days_per_week=3, release_space=1.0),
    ]
    results = [_assess(wf, s, p) for s in scenarios]
    typer.echo("\nHeadline results (change against today):\n")
    _print_headline(results, wf)
    if not with_report:  # one run, one workbook: report.xlsx holds every table
        return
    from remotecalc.outputs.report import report as _report

    try:
        with stage("writing the report (Monte Carlo ranges, figures, HTML, PDF, XLSX)"):
            files = _report(
                wf,
                scenarios,
                p,
                out=out,
                lang=lang,
                main=t("demo_3", lang),
                organisation=t("demo_org", lang),
            )
    except (
        RemotecalcError,
        OutputError,
    ) as err:  # a read-only folder, a full disk (the old set is kept)
        fail(err)
    cli_report.echo_written(files)


# --- commands defined in other modules, registered on this app ---
cli_analysis.register(app)
cli_report.register(app)
cli_climate.register(app)
cli_explorer.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
