"""``remotecalc app``: the scenario explorer as a local web app.

Registered on the main app by :mod:`remotecalc.cli.main` (``register(app)``). The explorer (and
Panel) is imported inside the command, so ``remotecalc --help`` stays fast.
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
    OdOpt,
    OsmOpt,
    PostOpt,
    SheetOpt,
    SitesOpt,
    StaffArg,
    WorkTripsOpt,
    no_rows_left,
    read_workforce,
)

__all__ = ["app_command", "register"]


def app_command(
    staff: StaffArg,
    sites: SitesOpt = None,
    params: Annotated[
        str, typer.Option("--params", help="Parameter set name or TOML path.")
    ] = "dk-2025",
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8050,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open a browser window.")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language at start: en or da.")] = "en",
    out: Annotated[
        Path, typer.Option("--out", help="Folder for exported plans and reports.")
    ] = Path("reports/explorer"),
    boundaries: Annotated[
        Path | None,
        typer.Option("--boundaries", help="Boundary file for the municipality map (geopandas)."),
    ] = None,
    min_group_size: MinGroupSizeOpt = 5,
    postcodes: PostOpt = None,
    municipalities: MunOpt = None,
    country: CountryOpt = "DK",
    sheet: SheetOpt = None,
    column_map: ColumnMapOpt = None,
    od: OdOpt = None,
    osm: OsmOpt = None,
    work_trips: WorkTripsOpt = None,
    lenient: LenientOpt = False,
) -> None:
    """Explore scenarios in the browser: levers, live headline, desks, who gains, plans.

    Serves on http://127.0.0.1:PORT/explorer only (no other machine can connect); the page
    loads nothing from the internet. Stop with Ctrl-C. Needs Panel (the 'app' extra
    of remotecalc).
    """
    from remotecalc.errors import RemotecalcError
    from remotecalc.i18n import check_lang

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
            work_trips=work_trips,
            osm=osm,
        )
        no_rows_left(wf, lenient)
        # the app (Panel, figures: seconds to import) only once the staff file was read, so
        # a wrong path or a bad row is said at once
        from remotecalc.explorer.app import serve

        typer.echo(f"scenario explorer: http://127.0.0.1:{port}/explorer (Ctrl-C stops it)")
        serve(
            wf,
            params,
            port=port,
            show=not no_browser,
            min_group_size=min_group_size,
            lang=lang,
            out=out,
            boundaries=boundaries,
            staff_path=str(staff),
            sites_path=str(sites) if sites is not None else "SITES",
        )
    except (RemotecalcError, ValueError, ImportError) as err:
        typer.secho(str(err), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None


def register(app: typer.Typer) -> None:
    """Add the ``app`` command to the main CLI app."""
    app.command("app")(app_command)
