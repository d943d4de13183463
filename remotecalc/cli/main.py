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
    LangOpt,
    LenientOpt,
    MinGroupSizeOpt,
    MunOpt,
    OdOpt,
    OsmOpt,
    PostOpt,
    SchedulerOpt,
    SheetOpt,
    SitesOpt,
    StaffArg,
    TeleworkableOpt,
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
    teleworkable: TeleworkableOpt = "occupation",
    params: Annotated[
        str | None,
        typer.Option("--params", help="Parameter set whose norm week reads weekly hours."),
    ] = None,
    lang: LangOpt = "en",
) -> None:
    """Check a staff file (and sites): row accounting, every default applied and problems in
    plain language."""
    import pandas as pd

    from remotecalc.i18n import check_lang, fmt_number, note_text, t
    from remotecalc.i18n.phrases import phrase_text

    try:
        check_lang(lang)
    except ValueError as err:
        fail(err)
    output_file(excluded_out, "--excluded-out")
    client = dask_client(backend, scheduler)  # noqa: F841 (the default client while it lives)
    try:
        wf = read_workforce(
            staff,
            sites,
            postcodes,
            municipalities,
            country,
            sheet,
            True,
            backend,
            column_map,
            teleworkable=teleworkable,
            params=params,
        )
    except StaffingError as err:
        fail(err, lang)
    p = wf.provenance

    def num(x: float) -> str:
        return fmt_number(x, lang)

    typer.echo(
        t(
            "cli_rows",
            lang,
            file=p["file"],
            read=num(p["rows_read"]),
            used=num(p["rows_used"]),
            bad=num(p["rows_excluded"]),
        )
    )
    csv_part = (
        t("cli_csv", lang, encoding=p["encoding"], sep=p["separator"])
        if p["format"] == "csv"
        else ""
    )
    typer.echo(t("cli_format", lang, format=p["format"], csv=csv_part, sites=len(wf.sites)))
    mapped = {k: v for k, v in p["column_map"].items() if k != v}
    if mapped:
        typer.echo(
            t("cli_recognised", lang, cols=", ".join(f"{k} -> {v}" for k, v in mapped.items()))
        )
    for n in wf.notes:
        typer.echo(
            textwrap.fill(
                f"  {t('cli_note', lang)}: {note_text(n, lang)}",
                MAX_WIDTH,
                subsequent_indent="    ",
            )
        )
    if len(wf.problems):
        typer.echo("\n" + t("cli_problems", lang, n=num(len(wf.problems))))
        for r in wf.problems.head(20).itertuples(index=False):
            value = (
                t("cli_blank", lang)
                if (r.value in ("", None) or pd.isna(r.value))
                else f"'{r.value}'"
            )
            row = t("cli_row", lang, row=r.row)
            where = f"{r.file}, {row}" if backend == "dask" else row
            line = t(
                "cli_problem",
                lang,
                where=where,
                column=r.column,
                value=value,
                problem=phrase_text(str(r.problem), lang),
            )
            typer.echo(textwrap.fill(line, MAX_WIDTH, subsequent_indent="    "))
        if len(wf.problems) > 20:
            typer.echo(t("cli_more", lang, n=num(len(wf.problems) - 20)))
        if excluded_out:
            write_csv(wf.excluded, excluded_out)
            typer.echo(t("cli_excluded_written", lang, path=excluded_out))
        if not lenient:
            typer.echo("\n" + t("cli_fix_rows", lang))
            raise typer.Exit(code=1)
    else:
        typer.echo(t("cli_no_problems", lang))
    no_rows_left(wf, lenient)


def _headline(results, lang: str = "en"):
    """One column per scenario: the numbers a reader asks for first (a DataFrame)."""
    import pandas as pd

    from remotecalc.i18n import t, unit_label
    from remotecalc.model import metrics

    # the registry's headline metrics: (label, unit template, scale from the summary's unit)
    rows = {
        m.display_name: (
            t("cli_change_of", lang, label=m.label(lang, short=True)),
            m.headline_unit_template or m.unit,
            cast(float, m.headline_scale) / m.scale,
        )
        for m in metrics.headline()
    }
    cols = {}
    for res in results:
        s = res.summary(publish=True).set_index("metric")
        cols[res.scenario.name] = [s.loc[m, "change"] * f for m, (_, _, f) in rows.items()]
    cur = results[0].currency

    def unit_text(unit: str) -> str:  # English as before (plain CO2e), Danish words
        return unit.format(cur=cur) if lang == "en" else unit_label(unit.format(cur=cur), lang)

    index = [f"{label} [{unit_text(unit)}]" for label, unit, _ in rows.values()]
    return pd.DataFrame(cols, index=index)


def _print_headline(results, wf, lang: str = "en"):
    from remotecalc.i18n import fmt_number, t

    table = _headline(results, lang)
    typer.echo(
        text_table(
            list(table.index),
            list(table.columns),
            table.to_numpy(dtype=float).tolist(),
            lang=lang,
        )
    )
    p = results[0].parameters
    footer = t(
        "cli_headline_footer",
        lang,
        n=fmt_number(wf.n_employees, lang),
        sites=len(wf.sites),
        pset=p.name,
        scope=t(f"scope_{p.emission_scope}", lang),
    )
    if getattr(wf, "work_trips", None) is not None:
        for r in results:
            s = r.summary(publish=True).set_index("metric")["change"]
            line = t(
                "cli_work_travel",
                lang,
                name=r.scenario.name,
                km=fmt_number(s["work_travel_km"], lang, 0, sign=True),
                co2e=fmt_number(s["work_travel_co2e_t"], lang, 2, sign=True),
                video=fmt_number(s["virtual_meeting_co2e_t"], lang, 3, sign=True),
                pay=fmt_number(s["work_travel_reimbursement_cost"], lang, 0, sign=True),
                cur=r.parameters.currency,
                screen=fmt_number(s["screen_visits"], lang, 0, sign=True),
                care_h=fmt_number(s["home_visit_hours"], lang, 0, sign=True),
            )
            typer.echo(textwrap.fill(line, MAX_WIDTH, subsequent_indent="  "))
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
    osm: OsmOpt = None,
    lenient: LenientOpt = False,
    teleworkable: TeleworkableOpt = "occupation",
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
    lang: LangOpt = "en",
) -> None:
    """Assess one or more scenarios; print the headline numbers; write summary CSV/XLSX."""
    import pandas as pd

    from remotecalc.evaluation.disclosure import small_selections
    from remotecalc.evaluation.entry import assess as _assess
    from remotecalc.i18n import check_lang, fmt_number, note_text, t
    from remotecalc.inputs.parameters import load_parameters

    try:
        check_lang(lang)
    except ValueError as err:
        fail(err)
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
            osm=osm,
            teleworkable=teleworkable,
            params=params,
        )
        no_rows_left(wf, lenient)
        scenarios = scenarios_from(scenario, remote_days, lang)
        p = load_parameters(params)
        results = [_assess(wf, s, p, min_group_size=min_group_size) for s in scenarios]
        small = [why for r in results for why in small_selections(r, min_group_size)]
        if small and not allow_small:
            raise ValueError(t("cli_small", lang, why="; ".join(small), k=min_group_size))
    except (RemotecalcError, ValueError) as err:
        fail(err, lang)
    if wf.provenance["rows_excluded"]:
        typer.echo(t("cli_rows_excluded", lang, n=fmt_number(wf.provenance["rows_excluded"], lang)))
    for n in wf.notes:  # the defaults applied, where the user looks first
        if getattr(n, "kind", "").startswith(("default", "missing")):
            typer.echo(textwrap.fill(f"{t('cli_note', lang)}: {note_text(n, lang)}", MAX_WIDTH))
    _print_headline(results, wf, lang)
    try:
        if out is not None:
            summary = pd.concat([r.summary(publish=True) for r in results], ignore_index=True)
            head = t("cli_sheet_headline", lang)
            sheets = {
                t("cli_sheet_summary", lang): summary,
                head: _headline(results, lang),
                t("cli_sheet_assumptions", lang): results[0].parameters.describe(
                    None if lang == "en" else lang
                ),
            }
            stems = file_stems(r.scenario.name for r in results)
            with output_set(out, "--out") as written:  # all files or none (exports)
                write_csv(summary, written.staging / "summary.csv")
                write_xlsx(sheets, written.staging / "summary.xlsx", index=(head,))
                for r, stem in zip(results, stems, strict=True):
                    r.to_excel(written.staging / f"assessment_{stem}.xlsx", allow_small=allow_small)
            typer.echo(
                t("cli_written_summary", lang, csv=out / "summary.csv", xlsx=out / "summary.xlsx")
            )
        if employees_out is not None:
            stems = file_stems(r.scenario.name for r in results)
            with output_set(employees_out, "--employees-out") as written:
                for r, stem in zip(results, stems, strict=True):
                    r.to_parquet(written.staging / f"employees_{stem}.parquet")
            for r, stem in zip(results, stems, strict=True):
                path = employees_out / f"employees_{stem}.parquet"
                typer.echo(
                    t("cli_written_employees", lang, path=path, n=fmt_number(r.n_employees, lang))
                )
    except (RemotecalcError, OutputError) as err:
        fail(err, lang)
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
    lang: LangOpt = "en",
) -> None:
    """Convert a staff CSV larger than memory to Parquet files for --backend dask."""
    from remotecalc.evaluation.distributed import csv_to_parquet
    from remotecalc.exports import previous_set
    from remotecalc.i18n import check_lang, t

    try:
        check_lang(lang)
        # Parquet files of anything but this command's previous set: not ours to replace
        ours = previous_set(folder)
        if folder.is_dir() and any(
            p.relative_to(folder).as_posix() not in ours for p in folder.glob("*.parquet")
        ):
            raise StaffingError(f"{folder} already holds Parquet files; choose an empty folder")
        # all files or none (exports): written into a staging folder, then put in place
        with output_set(folder, "FOLDER") as written:
            files = csv_to_parquet(staff, written.staging, rows_per_file=rows_per_file)
    except (RemotecalcError, ValueError, OutputError) as err:
        fail(err, lang)
    typer.echo(t("cli_parquet_written", lang, n=len(files), folder=folder))


@params_app.command("list")
def params_list(lang: LangOpt = "en") -> None:
    """List the packaged parameter sets."""
    from remotecalc.i18n import check_lang, t
    from remotecalc.inputs.parameters import list_parameter_sets, parameter_text

    try:
        check_lang(lang)
    except ValueError as err:
        fail(err)
    for r in list_parameter_sets().itertuples(index=False):
        typer.echo(
            f"{r.name}  ({r.country}, {r.currency}, {r.year}; "
            f"{t(f'scope_{r.emission_scope}', lang)})"
        )
        typer.echo(
            textwrap.fill(
                parameter_text(str(r.description), lang),
                MAX_WIDTH,
                initial_indent="  ",
                subsequent_indent="  ",
            )
        )


@params_app.command("show")
def params_show(
    name: Annotated[
        str, typer.Argument(metavar="[NAME]", help="Set name or TOML path.")
    ] = "dk-2025",
    key: Annotated[
        str | None, typer.Option("--key", help="Only keys containing this text.")
    ] = None,
    notes: Annotated[
        bool, typer.Option("--notes", help="Also print each value's range and note.")
    ] = False,
    lang: LangOpt = "en",
) -> None:
    """Print every assumption of a set with unit, year, source and status (lines of at most
    100 characters: the name and key, then value, unit, year, status and source)."""
    import pandas as pd

    from remotecalc.i18n import check_lang, parameter_label, short_number, t, unit_label
    from remotecalc.inputs.parameters import load_parameters, parameter_text

    try:
        check_lang(lang)
        p = load_parameters(name)
    except (RemotecalcError, ValueError) as err:
        fail(err, lang)
    d = p.describe(lang)
    if key:
        d = d[d["key"].str.contains(key, regex=False)]

    def fill(text: str, indent: str = "  ") -> str:
        return textwrap.fill(text, MAX_WIDTH, initial_indent=indent, subsequent_indent=indent)

    typer.echo(fill(f"{p.name}: {parameter_text(str(p.meta.get('description', '')), lang)}", ""))
    typer.echo(
        t("cli_params_head", lang, cur=p.currency, scope=t(f"scope_{p.emission_scope}", lang))
        + "\n"
    )
    for row in d.to_dict("records"):
        key = str(row["key"])
        typer.echo(fill(f"{parameter_label(key, lang, p.linked_to(key))} [{key}]", ""))
        year = "" if pd.isna(row["year"]) else f" · {int(row['year'])}"
        typer.echo(
            fill(
                f"{short_number(float(row['value']), lang)} {unit_label(str(row['unit']), lang)}"
                f"{year} · {row['status']} · {row['source']}"
            )
        )
        if notes:
            if row["uncertainty"]:
                typer.echo(fill(f"{t('uncertainty_col', lang)}: {row['uncertainty']}", "    "))
            if row["note"]:
                typer.echo(fill(str(row["note"]), "    "))
    typer.echo("\n" + fill(t("cli_params_status", lang), ""))


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
    for line in wf.summary(lang).splitlines():
        typer.echo(textwrap.fill(line, MAX_WIDTH, subsequent_indent="    "))
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
    typer.echo("\n" + t("cli_demo_headline", lang) + "\n")
    _print_headline(results, wf, lang)
    if not with_report:  # one run, one workbook: report.xlsx holds every table
        return
    from remotecalc.outputs.report import report as _report

    try:
        with stage(t("cli_writing_report", lang), lang=lang):
            files = _report(
                wf,
                scenarios,
                p,
                out=out,
                lang=lang,
                main=t("demo_3", lang),
                organisation=t("demo_org", lang),
            )
    except (RemotecalcError, OutputError) as err:  # a read-only folder, a full disk
        fail(err, lang)  # the old set is kept
    cli_report.echo_written(files, lang)


# --- commands defined in other modules, registered on this app ---
cli_analysis.register(app)
cli_report.register(app)
cli_climate.register(app)
cli_explorer.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
