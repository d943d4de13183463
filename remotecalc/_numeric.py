"""Small helpers shared across modules (kind-preserving results, lookups by position)."""

from __future__ import annotations

from typing import Any, TypeAlias, cast

import numpy as np
import pandas as pd
from numpy.typing import NDArray

#: A NumPy array of floats (per employee, per site, per draw, ...; any shape).
FloatArray: TypeAlias = NDArray[np.float64]

#: A NumPy array of integers (positions, codes, counts).
IntArray: TypeAlias = NDArray[np.intp] | NDArray[np.int64]

#: A NumPy array of bools (masks).
BoolArray: TypeAlias = NDArray[np.bool_]

#: A NumPy array of Python objects (labels per site, such as the peak weekday's name).
ObjectArray: TypeAlias = NDArray[np.object_]

#: A float, or a NumPy array of floats with a leading axis (employees, draws, sites, ...):
#: a model quantity that is one number when summed, or per employee or per draw. A
#: ``numpy.float64`` (what NumPy's reductions return) is a ``float``.
FloatOrArray: TypeAlias = float | FloatArray


def bin_sums(
    x: IntArray, weights: FloatArray | BoolArray | IntArray, minlength: int = 0
) -> FloatArray:
    """The sum of ``weights`` in each bin ``x``: :func:`numpy.bincount` with weights.

    The same call and result (float64); typed as floats, which NumPy's stubs do not say
    (they give every ``bincount`` integers).

    Examples
    --------
    >>> bin_sums(np.array([0, 2, 2]), weights=np.array([1.5, 2.0, 0.25]), minlength=4)
    array([1.5 , 0.  , 2.25, 0.  ])
    """
    return cast(FloatArray, np.bincount(x, weights=weights, minlength=minlength))


def like(result: Any, *inputs: Any) -> Any:
    """Return ``result`` as the kind of the inputs: Series (first Series' index), array or float."""
    for x in inputs:
        if isinstance(x, pd.Series):
            return pd.Series(np.asarray(result, dtype=float), index=x.index)
    result = np.asarray(result, dtype=float)
    if result.ndim == 0:
        return float(result)
    return result


def positions(values: Any, table: Any) -> np.ndarray:
    """Position of each value in ``table`` (-1: absent), looking up each distinct value once.

    ``pandas.Index.get_indexer`` on a million text values converts every one; factorising
    first converts only the distinct ones (a few dozen site ids).
    """
    codes, uniq = pd.factorize(values)
    found = pd.Index(table).get_indexer(uniq)
    if not len(found):
        return np.full(len(codes), -1)
    return np.where(codes >= 0, found[np.maximum(codes, 0)], -1)


#: A number, a NumPy array or a pandas Series: the formula functions take and return any of
#: them (a Series keeps its index; see :func:`like`). Typed as ``Any`` for the checker:
#: numpy's and pandas-stubs' operator overloads do not type arithmetic across the three
#: kinds; the docstrings give each argument's unit and kind.
Numeric: TypeAlias = Any

#: A bool or an array of bools (per employee or per mode); typed as ``Any`` like
#: :data:`Numeric`.
BoolLike: TypeAlias = Any
