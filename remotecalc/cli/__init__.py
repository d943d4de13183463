"""The command line (``remotecalc ...``): ``main`` holds the Typer app and its commands;
``analysis``, ``report``, ``climate`` and ``explorer`` add theirs; ``_options`` has the
options and readers they share."""

from remotecalc.cli.main import app

__all__ = ["app"]
