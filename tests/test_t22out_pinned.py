"""Pinned results of the t22out speed-ups: each faster route against the route it replaced
(spelled out here), so that a pandas upgrade or a later edit that changes a digest, a key,
a published number or an error is caught."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc import exports
from remotecalc.evaluation import disclosure as D
from remotecalc.explorer.state import ExplorerModel, ParamChoice
from remotecalc.inputs import parameters as P


def _secret_frame_wide(per_employee: pd.DataFrame) -> bytes:
    """disclosure_secret as it was written before t22out (one astype, one frame hash)."""
    import hashlib

    cols = [
        c
        for c in per_employee.columns
        if not str(c).endswith(("_baseline", "_scenario", "_change"))
        and c not in ("policy_applies", "desk_effect", "desk_based", "distance_source")
    ]
    h = hashlib.sha256(f"remotecalc-cell-key|{len(per_employee)}|{cols}".encode())
    if cols:
        frame = per_employee[cols]
        frame = frame.astype(
            {c: (float if pd.api.types.is_numeric_dtype(frame[c]) else str) for c in cols}
        )
        h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return h.digest()[:16]


def _keys_series_route(per_employee: pd.DataFrame, secret: bytes) -> np.ndarray:
    ids = (
        per_employee["employee_id"].astype(str)
        if "employee_id" in per_employee.columns
        else pd.Series(per_employee.index.astype(str))
    )
    hashed = pd.util.hash_pandas_object(
        ids.reset_index(drop=True), index=False, hash_key=secret.hex()[:16]
    ).to_numpy()
    return (hashed >> np.uint64(32)).astype(np.int64)


@pytest.fixture(scope="module")
def assessed():
    wf = rc.datasets.demo_workforce(200, seed=4)
    return rc.assess(wf, rc.Scenario(name="two", remote_days_per_week=2))


def _variants(pe: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The staff columns in every dtype a frame may hold them in."""
    rng = np.random.default_rng(3)
    out = {"as assessed": pe}
    f = pe.copy()
    f["department"] = f["department"].astype(object)
    out["object"] = f
    f = pe.copy()
    f["department"] = f["department"].astype("category")
    out["category"] = f
    f = pe.copy()
    f["unit"] = f["unit"].astype("string[python]")
    out["python strings"] = f
    f = pe.copy()
    f.loc[f.index[::7], "unit"] = pd.NA
    out["missing (NA)"] = f
    f = pe.copy()
    f["unit"] = f["unit"].astype(str)
    f.loc[f.index[::5], "unit"] = np.nan
    out["missing (NaN)"] = f
    f = pe.copy()
    f["fte"] = (f["fte"] * 10).round().astype(int)
    out["int"] = f
    f = pe.copy()
    f["fte"] = f["fte"].astype("Float64")
    f.loc[f.index[::9], "fte"] = pd.NA
    out["Float64 with NA"] = f
    f = pe.copy()
    f["flag"] = rng.random(len(f)) > 0.5
    out["bool"] = f
    f = pe.copy()
    f["when"] = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 99, len(f)), "D")
    out["datetime"] = f
    f = pe.copy()
    f["employee_id"] = np.arange(len(f))
    out["int ids"] = f
    f = pe.drop(columns=["employee_id"])
    f.index = [f"r{i}" for i in range(len(f))]
    out["no ids"] = f
    out["empty"] = pe.iloc[:0]
    f = pe[["fte", "mode", "unit"]].copy()
    f.columns = ["a", "a", "b"]
    out["repeated names"] = f
    return out


def test_secret_and_record_keys_equal_the_frame_wide_route(assessed):
    for name, frame in _variants(assessed.per_employee).items():
        secret = D.disclosure_secret(frame)
        assert secret == _secret_frame_wide(frame), name
        keys = D.record_keys(frame, secret)
        np.testing.assert_array_equal(keys, _keys_series_route(frame, secret), strict=True)


def test_the_secret_still_depends_on_every_staff_value(assessed):
    pe = assessed.per_employee
    changed = pe.copy()
    changed.loc[changed.index[3], "unit"] = "another unit"
    assert D.disclosure_secret(changed) != D.disclosure_secret(pe)
    changed = pe.copy()
    changed.loc[changed.index[3], "fte"] += 0.1
    assert D.disclosure_secret(changed) != D.disclosure_secret(pe)
    # results are not part of it
    changed = pe.copy()
    changed["commute_km_change"] += 1.0
    assert D.disclosure_secret(changed) == D.disclosure_secret(pe)


def _publish_cell_by_cell(summary, per_employee, k, dr, hy):
    """publish_summary's row loop as it was (s.at per cell)."""
    from remotecalc.model import engine, metrics

    nb, nc, ratio = D.total_noise(per_employee, k)
    by_name = {m.display_name: m for m in metrics.REGISTRY.values()}
    s = summary.copy()
    rows = s["metric"].map(lambda v: by_name.get(v, metrics.REGISTRY.get(v)))
    one_off_delta = 0.0
    row = rows.map(lambda mm: mm is not None and mm.name == "one_off_home_office_cost")
    if row.any():
        scale = metrics.REGISTRY["one_off_home_office_cost"].scale
        one_off_delta = float(s.loc[row, "scenario"].iloc[0]) / scale * (ratio - 1.0)
    ns = {n: nb[n] + nc[n] for n in nb}
    db = engine.derived_metrics(nb, 0.0, dr, hy)
    ds = engine.derived_metrics(ns, one_off_delta, dr, hy)
    shift_b = {**nb, **{n: float(v) for n, v in db.items()}}
    shift_s = {**ns, **{n: float(v) for n, v in ds.items()}}
    for i, m in rows.items():
        if m is None or m.name not in shift_b:
            continue
        b = float(s.at[i, "baseline"]) + m.scale * shift_b[m.name]
        sc = float(s.at[i, "scenario"]) + m.scale * shift_s[m.name]
        s.at[i, "baseline"], s.at[i, "scenario"], s.at[i, "change"] = b, sc, sc - b
    return s


def test_publish_summary_equals_the_cell_by_cell_route(assessed):
    pe, sm = assessed.per_employee, assessed.summary()
    odd = {"plain": sm, "every other row": sm.iloc[::2], "empty": sm.iloc[:0]}
    s = sm.copy()
    s.index = [0] * len(s)
    odd["repeated labels"] = s
    s = sm.copy()
    s.index = [f"i{i}" for i in range(len(s))]
    s.attrs["kept"] = True
    odd["text labels and attrs"] = s
    s = sm.copy()
    s["baseline"] = s["baseline"].astype(object)
    odd["object values"] = s
    for name, frame in odd.items():
        for k in (3, 5):
            got = _outcome(
                lambda f=frame, k=k: D.publish_summary(
                    f, pe, k, discount_rate=0.035, horizon_years=10
                )
            )
            want = _outcome(lambda f=frame, k=k: _publish_cell_by_cell(f, pe, k, 0.035, 10))
            if isinstance(want, tuple):  # an error (repeated labels): the same one
                assert got == want, name
                continue
            pd.testing.assert_frame_equal(got, want, check_exact=True, obj=name)
            assert got.attrs == want.attrs
    # the published values really moved (the test above cannot pass on a no-op)
    pub = D.publish_summary(sm, pe, 5, discount_rate=0.035, horizon_years=10)
    assert not pub["change"].equals(sm["change"])


def _outcome(fn):
    try:
        return fn()
    except Exception as exc:  # the error is part of the behaviour
        return (type(exc).__name__, str(exc))


def test_explorer_keys_are_the_frames_own_for_every_scenario_and_secret(monkeypatch):
    wf = rc.datasets.demo_workforce(200, seed=4)
    m = ExplorerModel(wf)
    deps = sorted(wf.staff["department"].astype(str).unique())
    scenarios = [
        rc.Scenario(name="a", remote_days_per_week=2),
        rc.Scenario(name="b", remote_days_per_week=4, uptake=0.5),
        rc.Scenario(name="c", remote_days_per_week=2, applies_to={"department": tuple(deps[1:])}),
    ]
    for env in ("", "an organisation's own secret"):
        if env:
            monkeypatch.setenv(D.SECRET_ENV, env)
        for choice in (ParamChoice(), ParamChoice("dk-2025", True), ParamChoice("uk-desnz-2025")):
            for sc in scenarios:
                pe = m.per_employee(sc, choice)
                secret, keys = m._record_keys(pe, choice)
                assert secret == D.disclosure_secret(pe)
                np.testing.assert_array_equal(keys, D.record_keys(pe), strict=True)
                keys[:] = 0  # a copy: the next caller gets the keys intact
                assert m._record_keys(pe, choice)[1].any()


def test_workbook_text_check_fast_route_agrees_with_the_full_check():
    frames = {
        "clean": pd.DataFrame({"a": ["x", "y"], "b": [1.0, 2.0]}),
        "value": pd.DataFrame({"a": ["x", "y\x07"]}),
        "name": pd.DataFrame({"a\x01": ["x"]}),
        "category": pd.DataFrame({"a": pd.Categorical(["x", "y\x0b"])}),
        "NA strings": pd.DataFrame({"a": pd.array(["x", None, "z\x1f"], dtype="string")}),
        "allowed": pd.DataFrame({"a": ["x\t", "y\n", "\r"]}),
        "row labels": pd.DataFrame({"a": ["x"]}, index=["s\x02"]),
        "repeated names": pd.DataFrame([["x", "y\x07"]], columns=["a", "a"]),
    }
    for name, df in frames.items():
        full = _full_check(df)
        if exports._text_is_clean(df):
            assert full is None, name
        try:
            exports._check_workbook_text(df, Path("book.xlsx"), "s")
            got = None
        except exports.OutputError as exc:
            got = str(exc)
        assert got == full, name
    assert _full_check(frames["value"]) is not None  # the check can fail


def _full_check(df: pd.DataFrame) -> str | None:
    """The check as written before the fast route: every value of every text column."""
    where = [("the column names", _first_bad(map(str, df.columns)))]
    where.append(("the row labels", _first_bad(df.index.astype(str))))
    for j in range(df.shape[1]):
        col = df.iloc[:, j]
        if col.dtype.kind == "O" or str(col.dtype) in ("string", "category"):
            where.append((f"column '{df.columns[j]}'", _first_bad(col.astype(object))))
    for place, bad in where:
        if bad is not None:
            return (
                f"book.xlsx, sheet 's', {place}: the text {bad!r} holds the control "
                f"character {exports.control_character(bad)}, which a workbook cannot store; "
                "remove it from the input (a scenario, department, site or unit name); nothing "
                "was written to book.xlsx"
            )
    return None


def _first_bad(values):
    return next((v for v in values if exports.control_character(v) is not None), None)


def test_parameter_copies_equal_dataclasses_replace():
    params = P.load_parameters("dk-2025")
    for key in params.keys():
        p = params.entry(key)
        own = P._own_copy(p)
        want = dataclasses.replace(
            p, uncertainty=None if p.uncertainty is None else dict(p.uncertainty)
        )
        assert own == want and type(own) is type(want)
        assert own.uncertainty is not p.uncertainty or p.uncertainty is None


def _publish_groups_column_at_a_time(values, labels, k, keys, secret, exact):
    """publish_groups as it was assembled before t22out: one setitem per column."""
    n = len(values)
    if labels is None:
        codes, cats = np.zeros(n, dtype=np.int64), pd.Index(["total"])
    else:
        codes_, cats = pd.factorize(pd.Series(np.asarray(labels, dtype=object)), sort=True)
        codes = np.asarray(codes_, dtype=np.int64)
    m = len(cats)
    counts = np.bincount(codes[codes >= 0], minlength=m)
    out = pd.DataFrame(index=cats)
    out["employees"] = (
        counts if exact else D.published_counts(counts, D.count_noise(codes, m, keys, secret), k)
    )
    for col in values.columns:
        x = values[col].to_numpy(dtype=float)
        ok = codes >= 0
        total = np.bincount(codes[ok], weights=np.nan_to_num(x[ok]), minlength=m)
        if not exact:
            total = total + D.magnitude_noise(x, codes, m, keys, secret, D.purpose(col), k)
            live = ok & (np.nan_to_num(x) != 0)
            few = np.bincount(codes[live], minlength=m)
            total = np.where((few > 0) & (few < k), np.nan, total)
        out[col] = total
    return out


def test_publish_groups_equals_the_column_at_a_time_frame(assessed):
    pe = assessed.per_employee
    secret = D.disclosure_secret(pe)
    keys = D.record_keys(pe, secret)
    changes = pe[[c for c in pe.columns if c.endswith("_change")]]
    reordered = changes.iloc[:, ::-3]
    labels = {
        "department": pe["department"],
        "none": None,
        "array with gaps": np.where(pe["fte"].to_numpy() > 0.9, pe["unit"].to_numpy(), None),
        "all missing": np.full(len(pe), None),
    }
    for values in (changes, reordered, changes.iloc[:, :0]):
        for name, lab in labels.items():
            for exact in (False, True):
                got = D.publish_groups(values, lab, 5, keys=keys, secret=secret, exact=exact)
                want = _publish_groups_column_at_a_time(values, lab, 5, keys, secret, exact)
                pd.testing.assert_frame_equal(
                    got, want, check_exact=True, check_column_type=True, obj=name
                )
