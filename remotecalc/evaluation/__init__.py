"""Evaluating the model: the public entry points, the results object and its strategies.

``entry`` (``prepare``, ``assess``), ``reading`` (``read_staffing``), ``backend`` (the one
pandas/Dask dispatch), ``closing`` (the one closing stage: sites, derived metrics, summary),
``assessment`` (``Assessment`` and its per-employee frame), ``draws`` (parameter draws and
their evaluation on sums), ``distributed`` (the Dask backend), ``disclosure`` (the one
disclosure-control module).
"""
