"""Shared check: a model function takes a scalar, an array or a Series and returns the same kind
(STYLE.md practice 5), with a Series' index kept."""

from __future__ import annotations

import numpy as np
import pandas as pd


def assert_scalar_array_series(func, args, index: pd.Index, rtol: float):
    """``func(*args)`` gives a float; the first argument as array/Series gives array/Series."""
    first = args[0]
    scalar = func(*args)
    assert isinstance(scalar, float)
    values = np.array([first, 2.0 * first, 0.0])
    expected = np.array([func(v, *args[1:]) for v in values])

    array_out = func(values, *args[1:])
    assert isinstance(array_out, np.ndarray)
    np.testing.assert_allclose(array_out, expected, rtol=rtol)

    series_out = func(pd.Series(values, index=index), *args[1:])
    assert isinstance(series_out, pd.Series)
    assert series_out.index.equals(index)
    np.testing.assert_allclose(series_out.to_numpy(), expected, rtol=rtol)
