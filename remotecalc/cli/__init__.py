"""The command line (``remotecalc ...``): ``main`` holds the Typer app and its commands;
``analysis``, ``report``, ``climate`` and ``explorer`` add theirs; ``_options`` has the
options and readers they share.

``app`` is imported on first use, so that ``python -m remotecalc.cli.main`` runs the module
once (an eager import here made Python warn that it was already in ``sys.modules``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from remotecalc.cli.main import app

__all__ = ["app"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from remotecalc.cli.main import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
