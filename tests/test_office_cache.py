"""The desk-demand distribution cache is an explicit, bounded object (no module state)."""

from __future__ import annotations

import numpy as np

from remotecalc.formulas import office
from remotecalc.formulas.office import DistributionCache, attendance_quantile_grouped


def test_same_answers_with_and_without_a_cache():
    rng = np.random.default_rng(3)
    cache = DistributionCache(maxsize=4)
    for _ in range(20):
        p = rng.uniform(0.05, 0.95, size=6)
        counts = rng.integers(1, 40, size=6)
        for level in (0.5, 0.8, 0.95):
            assert attendance_quantile_grouped(
                p, counts, level, cache=cache
            ) == attendance_quantile_grouped(p, counts, level)
    assert len(cache) <= 4
    assert cache.hits == 40 and cache.misses == 20


def test_bounded_least_recently_used():
    cache = DistributionCache(maxsize=2)
    a, b, c = (np.array([0.3, 0.6]), np.array([0.2, 0.7]), np.array([0.4, 0.5]))
    n = np.array([10, 20], dtype=np.int64)
    cache.cdf(a, n), cache.cdf(b, n), cache.cdf(a, n)  # a is now the most recent
    cache.cdf(c, n)  # drops b
    assert len(cache) == 2
    before = cache.misses
    cache.cdf(a, n)
    assert cache.misses == before  # a was kept
    cache.cdf(b, n)
    assert cache.misses == before + 1  # b was dropped
    cdf = cache.cdf(a, n)
    assert not cdf.flags.writeable  # shared: read only
    cache.clear()
    assert len(cache) == 0 and cache.hits == 0


def test_no_module_level_cache():
    assert not any(
        isinstance(v, dict) and k.upper() == k and "CACHE" in k for k, v in vars(office).items()
    )
