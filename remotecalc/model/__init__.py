"""The model: building blocks per employee and the metric functions of the registry.

``engine`` (blocks, the metric functions, desks from counts), ``metrics`` (the registry:
every result's name, unit and labels), ``dkrules`` (the Danish commuting-deduction rules as
data). The model combines :mod:`remotecalc.formulas` on :mod:`remotecalc.inputs`; how it is
evaluated (per employee, on sums, on draws, per Dask partition) is
:mod:`remotecalc.evaluation`.
"""
