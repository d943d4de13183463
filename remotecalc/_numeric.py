"""Small helpers shared by the model functions (scalar / array / Series in, same kind out)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def like(result, *inputs):
    """Return ``result`` as the kind of the inputs: Series (first Series' index), array or float."""
    for x in inputs:
        if isinstance(x, pd.Series):
            return pd.Series(np.asarray(result, dtype=float), index=x.index)
    result = np.asarray(result, dtype=float)
    if result.ndim == 0:
        return float(result)
    return result
