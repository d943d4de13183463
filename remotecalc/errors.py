"""Exceptions raised by remotecalc at its boundaries (readers, parameters, scenarios)."""

from __future__ import annotations


class RemotecalcError(Exception):
    """Base class of every error remotecalc raises on purpose."""


class StaffingError(RemotecalcError, ValueError):
    """Staffing or sites data that cannot be used as given.

    The message names the file, the row as numbered in the file, the column, the value found
    and what was expected. ``problems`` holds every problem as a DataFrame with columns
    ``file, row, column, value, problem``.
    """

    def __init__(self, message: str, problems=None) -> None:
        super().__init__(message)
        self.problems = problems


class ParameterError(RemotecalcError, ValueError):
    """A parameter set that is incomplete, mistyped or in the wrong unit."""


class ScenarioError(RemotecalcError, ValueError):
    """A scenario whose levers are out of range or inconsistent with the data."""
