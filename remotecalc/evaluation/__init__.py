"""Evaluating the model: the public entry points, the results object and its strategies.

``entry`` (``prepare``, ``assess``), ``reading`` (``read_staffing``), ``assessment``
(``Assessment``: per-employee, per-site and summary tables), ``draws`` (parameter draws),
``distributed`` (the Dask backend), ``disclosure`` (the one disclosure-control module).
"""
