"""The Dask backend equals the pandas path, on a LocalCluster and a remote scheduler address.

Equality is checked on the demo organisation and on a 200,000-row synthetic set that
exercises every branch the partitions must carry: given distances and travel times,
missing teleworkable values, wanted days, sites small enough for the exact desk programme
and large enough for the normal approximation, and Parquet files split into partitions.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import remotecalc as rc
from remotecalc.analysis import monte_carlo, sweep
from remotecalc.errors import ScenarioError, StaffingError
from remotecalc.evaluation.distributed import DaskWorkforce, parquet_pieces
from remotecalc.inputs.scenario import scenario_grid

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

RTOL = 1e-9
NUM = ["baseline", "scenario", "change"]

SCENARIOS = [
    rc.Scenario(name="none"),
    rc.Scenario(name="2 days, space released", remote_days_per_week=2, release_space=1.0),
    rc.Scenario(
        name="3 days, 70 % uptake, anchor days",
        remote_days_per_week=3,
        uptake=0.7,
        anchor_days=["tue", "wed"],
    ),
    rc.Scenario(name="desk ratio", remote_days_per_week=2, desk_ratio=0.6, release_space=0.5),
    rc.Scenario(name="service 0.99", remote_days_per_week=1, service_level=0.99),
]


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of 2 worker processes, as a cluster of 2 machines would be used."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def demo():
    wf = rc.datasets.demo_workforce()
    staff = wf.staff.drop(columns=["source_row", "home_location_source"])
    return wf, staff


def _synthetic(n: int = 200_000, seed: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Demo-like staff at scale, with the branches the partitions must carry."""
    staff, sites = rc.datasets.demo_tables(n, seed=seed)
    rng = np.random.default_rng(seed)
    small = sites.iloc[[2]].assign(site_id="SMAL", site_name="Small branch")
    sites = pd.concat([sites, small], ignore_index=True)
    staff = staff.copy()
    pick = rng.choice(n, 1_500, replace=False)  # a site under the exact programme's limit
    staff.loc[staff.index[pick], "site_id"] = "SMAL"
    given = rng.random(n) < 0.05
    staff["one_way_km"] = np.where(given, rng.uniform(1, 80, n).round(1), np.nan)
    minutes = rng.random(n) < 0.03
    staff["commute_minutes_one_way"] = np.where(minutes, rng.uniform(5, 90, n).round(), np.nan)
    staff["teleworkable"] = pd.to_numeric(staff["teleworkable"]).where(rng.random(n) > 0.02)
    staff["wanted_remote_days"] = np.where(rng.random(n) < 0.3, rng.choice([0, 1, 2, 3], n), np.nan)
    return staff, sites


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """200,000 employees: pandas workforce, and the same rows in 3 Parquet files."""
    staff, sites = _synthetic()
    folder = tmp_path_factory.mktemp("staff_parts")
    bounds = [0, 70_000, 140_000, len(staff)]
    for i in range(3):
        part = staff.iloc[bounds[i] : bounds[i + 1]]
        pq.write_table(
            pa.Table.from_pandas(part, preserve_index=False),
            folder / f"part-{i}.parquet",
            row_group_size=25_000,
        )
    wf = rc.read_staffing(staff, sites=sites)
    return wf, folder, sites


def _same_summary(a: pd.DataFrame, b: pd.DataFrame):
    assert list(a["metric"]) == list(b["metric"])
    assert list(a["unit"]) == list(b["unit"])
    np.testing.assert_allclose(b[NUM].to_numpy(float), a[NUM].to_numpy(float), rtol=RTOL, atol=1e-6)


def _same_sites(a: pd.DataFrame, b: pd.DataFrame):
    pd.testing.assert_frame_equal(
        a.reset_index(drop=True), b.reset_index(drop=True), check_exact=False, rtol=RTOL, atol=1e-6
    )


def _same_employees(a: pd.DataFrame, b: pd.DataFrame):
    """Per-employee results: same rows in the same order, same numbers."""
    b = b.reset_index(drop=True)
    a = a.reset_index(drop=True)
    assert list(a.columns) == list(b.columns)
    assert (
        a["employee_id"].astype(str).to_numpy() == b["employee_id"].astype(str).to_numpy()
    ).all()
    num = [c for c in a.columns if pd.api.types.is_float_dtype(a[c])]
    np.testing.assert_allclose(
        b[num].to_numpy(float), a[num].to_numpy(float), rtol=1e-12, atol=1e-9
    )


# ------------------------------------------------------------------------------------------
# Desk counts: what a partition hands on for desks
# ------------------------------------------------------------------------------------------


def test_desk_counts_add_up_and_give_the_desks_of_the_whole():
    from remotecalc.formulas import office
    from remotecalc.model.engine import DeskCounts, desks_from_counts

    rng = np.random.default_rng(0)
    n = 2_500
    site = rng.integers(0, 3, n)
    p_week = rng.choice([5.0, 4.0, 3.0, 2.4, 1.5], n)
    whole = DeskCounts.of(site, p_week)
    halves = DeskCounts.merge(
        [DeskCounts.of(site[:900], p_week[:900]), DeskCounts.of(site[900:], p_week[900:])]
    )
    for f in ("site", "p_week", "count"):
        np.testing.assert_array_equal(getattr(whole, f), getattr(halves, f))
    assert whole.count.sum() == n
    sites = pd.DataFrame({"site_id": ["A", "B", "C", "EMPTY"]})
    employees = np.bincount(site, minlength=4)
    desks = desks_from_counts(whole, sites["site_id"], employees, np.zeros(4), 0.95, None, None)
    for j in range(3):  # the same desks as the per-employee vector, in any order
        vec = office.weekday_onsite_probability(p_week[site == j][::-1])
        assert desks["desks_needed"].iloc[j] == office.desks_needed(vec, 0.95).desks
    assert desks.loc["EMPTY", "desks_needed"] == 0 and desks.loc["EMPTY", "employees"] == 0
    # known answer: 100 people on site 3 days a week, 95 % service level -> 68 desks
    one = desks_from_counts(
        DeskCounts.of(np.zeros(100, dtype=int), np.full(100, 3.0)),
        sites["site_id"].iloc[:1],
        np.array([100]),
        np.zeros(1),
        0.95,
        None,
        None,
    )
    assert one["desks_needed"].iloc[0] == 68


# ------------------------------------------------------------------------------------------
# Demo organisation, LocalCluster with 2 workers
# ------------------------------------------------------------------------------------------


def test_demo_assess_equals_pandas_on_local_cluster(client, demo):
    wf, staff = demo
    dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=4), sites=wf.sites)
    assert isinstance(dwf, DaskWorkforce) and dwf.npartitions == 4
    assert dwf.n_employees == wf.n_employees == 2000
    for sc in SCENARIOS:
        a, b = rc.assess(wf, sc), rc.assess(dwf, sc)
        assert b.is_lazy and not a.is_lazy
        _same_summary(a.summary(), b.summary())
        _same_sites(a.per_site, b.per_site)
        assert a.notes == b.notes
        assert b.one_off_cost() == pytest.approx(a.one_off_cost(), rel=1e-12)
    _same_employees(a.per_employee, b.per_employee.compute())
    pd.testing.assert_frame_equal(a.by("department"), b.by("department"), rtol=RTOL)


def test_demo_raw_dask_dataframe_with_sites(client, demo):
    """``assess``/``sweep``/``monte_carlo`` take a Dask DataFrame and ``sites=`` directly."""
    wf, staff = demo
    ddf = dd.from_pandas(staff, npartitions=3)
    sc = SCENARIOS[1]
    _same_summary(rc.assess(wf, sc).summary(), rc.assess(ddf, sc, sites=wf.sites).summary())
    grid = SCENARIOS[:2]
    _same_summary(sweep(wf, grid), sweep(ddf, grid, sites=wf.sites))
    a = monte_carlo(wf, sc, n_draws=50, seed=2)
    b = monte_carlo(ddf, sc, n_draws=50, seed=2, sites=wf.sites)
    np.testing.assert_allclose(
        b.draws.to_numpy(float), a.draws.to_numpy(float), rtol=RTOL, atol=1e-6
    )


def test_demo_sweep_and_monte_carlo_equal_pandas(client, demo):
    wf, staff = demo
    dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=4), sites=wf.sites)
    grid = [
        *SCENARIOS,
        *scenario_grid(
            rc.Scenario(name="g", release_space=1.0),
            remote_days_per_week=[1, 4],
            service_level=[0.8, 0.95],
        ),
    ]
    a, b = sweep(wf, grid), sweep(dwf, grid)
    pd.testing.assert_frame_equal(a.drop(columns=NUM), b.drop(columns=NUM))
    _same_summary(a, b)
    for kw in ({}, {"uptake": (0.4, 1.0)}):
        ma = monte_carlo(wf, SCENARIOS[2], n_draws=300, seed=7, **kw)
        mb = monte_carlo(dwf, SCENARIOS[2], n_draws=300, seed=7, **kw)
        assert list(ma.draws.columns) == list(mb.draws.columns)
        np.testing.assert_allclose(
            mb.draws.to_numpy(float), ma.draws.to_numpy(float), rtol=RTOL, atol=1e-6
        )
        pd.testing.assert_frame_equal(ma.summary(), mb.summary(), rtol=1e-8, atol=1e-6)
        assert ma.notes == mb.notes


def test_policy_for_some_and_errors_that_need_the_whole(client, demo):
    wf, staff = demo
    dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=4), sites=wf.sites)
    dept = min(staff["department"].unique())
    sc = rc.Scenario(
        name="one department", remote_days_per_week=2, applies_to={"department": [dept]}
    )
    _same_summary(rc.assess(wf, sc).summary(), rc.assess(dwf, sc).summary())
    nobody = rc.Scenario(
        name="nobody", remote_days_per_week=2, applies_to={"department": ["no such department"]}
    )
    with pytest.raises(ScenarioError, match="selects nobody"):
        rc.assess(dwf, nobody)
    with pytest.raises(ScenarioError, match="column 'no_column'"):
        rc.assess(dwf, rc.Scenario(name="x", applies_to={"no_column": ["a"]}))
    with pytest.raises(ValueError, match="prepared="):
        rc.assess(dwf, sc, prepared=rc.prepare(wf))
    with pytest.raises(TypeError, match="sites= is only for a Dask DataFrame"):
        rc.assess(wf, sc, sites=wf.sites)
    with pytest.raises(ValueError, match="to_parquet"):
        rc.assess(dwf, sc).to_excel(Path("unused.xlsx"), include_employees=True)


def test_threads_scheduler_without_a_cluster(demo):
    """No Client: Dask's threads run the partitions one machine, chunk by chunk."""
    wf, staff = demo
    sc = SCENARIOS[1]
    with dask.config.set(scheduler="threads"):
        dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=5), sites=wf.sites)
        _same_summary(rc.assess(wf, sc).summary(), rc.assess(dwf, sc).summary())


# ------------------------------------------------------------------------------------------
# 200,000 employees in partitioned Parquet
# ------------------------------------------------------------------------------------------


def test_parquet_pieces_keep_row_groups_whole(big):
    _, folder, _ = big
    pieces = parquet_pieces(folder, partition_rows=60_000)
    # each file: row groups of 25,000 -> pieces of 75,000 (or what is left)
    assert [p.rows for p in pieces] == [70_000, 70_000, 60_000]
    assert [p.first_row for p in pieces] == [1, 1, 1]
    pieces = parquet_pieces(folder, partition_rows=30_000)
    assert [p.rows for p in pieces][:3] == [50_000, 20_000, 50_000]
    assert [p.first_row for p in pieces][:2] == [1, 50_001]
    assert sum(p.rows for p in pieces) == 200_000


def test_200k_parquet_assess_sweep_monte_carlo_equal_pandas(client, big):
    wf, folder, sites = big
    dwf = rc.read_staffing(folder, sites=sites, backend="dask", partition_rows=30_000)
    assert dwf.npartitions == 6
    assert dwf.provenance["rows_read"] == dwf.provenance["rows_used"] == 200_000
    assert set(dwf.provenance["files"]) == {"part-0.parquet", "part-1.parquet", "part-2.parquet"}
    wanted = rc.Scenario(
        name="wanted days",
        remote_days_per_week=3,
        wanted_days_column="wanted_remote_days",
        release_space=1.0,
    )
    for sc in [SCENARIOS[1], SCENARIOS[3], wanted]:
        a, b = rc.assess(wf, sc), rc.assess(dwf, sc)
        _same_summary(a.summary(), b.summary())
        _same_sites(a.per_site, b.per_site)
        assert a.notes == b.notes  # incl. the count of missing teleworkable values
    # missing values are derived by the reader (occupation's index, frontline 0): its note
    assert any("no teleworkable value in the file for" in n for n in b.notes)
    small = b.per_site.set_index("site_id").loc["SMAL"]
    assert 0 < small["employees"] <= 3000  # the exact programme's branch is exercised
    _same_employees(a.per_employee, b.per_employee.compute())

    grid = scenario_grid(
        rc.Scenario(name="g", release_space=1.0),
        remote_days_per_week=[0.5, 2, 4],
        service_level=[0.9, 0.99],
    )
    _same_summary(sweep(wf, grid), sweep(dwf, grid))
    ma = monte_carlo(wf, SCENARIOS[1], n_draws=200, seed=3, uptake=(0.5, 1.0))
    mb = monte_carlo(dwf, SCENARIOS[1], n_draws=200, seed=3, uptake=(0.5, 1.0))
    np.testing.assert_allclose(
        mb.draws.to_numpy(float), ma.draws.to_numpy(float), rtol=RTOL, atol=1e-6
    )


def test_per_employee_results_to_parquet_and_back(client, big, tmp_path):
    wf, folder, sites = big
    dwf = rc.read_staffing(folder, sites=sites, backend="dask", partition_rows=70_000)
    sc = SCENARIOS[1]
    a, b = rc.assess(wf, sc), rc.assess(dwf, sc)
    out = b.to_parquet(tmp_path / "employees")
    assert len(list(out.glob("*.parquet"))) == dwf.npartitions
    back = pd.read_parquet(out)
    assert len(back) == 200_000
    _same_employees(a.per_employee, back)
    one = a.to_parquet(tmp_path / "pandas" / "employees.parquet")
    _same_employees(a.per_employee, pd.read_parquet(one))


# ------------------------------------------------------------------------------------------
# Bad input: named file and row, lenient accounting, duplicates across files
# ------------------------------------------------------------------------------------------


def _write_parts(folder: Path, staff: pd.DataFrame, sizes, row_group_size=None):
    folder.mkdir(parents=True, exist_ok=True)
    start = 0
    for i, n in enumerate(sizes):
        part = staff.iloc[start : start + n]
        pq.write_table(
            pa.Table.from_pandas(part, preserve_index=False),
            folder / f"staff-{i}.parquet",
            row_group_size=row_group_size,
        )
        start += n


def test_strict_error_names_file_and_row_within_it(demo, tmp_path):
    wf, staff = demo
    staff = staff.copy()
    staff["fte"] = staff["fte"].astype(str)  # a text column, as exported
    staff.loc[staff.index[1_203], "fte"] = "lots"  # file 1 (rows 1000-1999), its row 204
    _write_parts(tmp_path / "s", staff, [1000, 1000], row_group_size=300)
    with dask.config.set(scheduler="synchronous"), pytest.raises(StaffingError) as err:
        rc.read_staffing(tmp_path / "s", sites=wf.sites, backend="dask", partition_rows=300)
    msg = str(err.value)
    assert "staff-1.parquet, row 204, column 'fte': found 'lots'; not a number" in msg
    assert "Rows are numbered as in each file (Parquet: from 1" in msg
    assert err.value.problems[["file", "row"]].values.tolist() == [["staff-1.parquet", 204]]


def test_lenient_accounting_and_duplicates_across_files(demo, tmp_path):
    wf, staff = demo
    staff = staff.copy()
    staff["fte"] = staff["fte"].astype(str)  # a text column, as exported
    staff.loc[staff.index[10], "fte"] = "x"
    staff.loc[staff.index[1_500], "employee_id"] = staff["employee_id"].iloc[7]  # dup of row 8
    staff.loc[staff.index[1_600], "employee_id"] = staff["employee_id"].iloc[1_550]  # same file
    _write_parts(tmp_path / "s", staff, [1000, 1000])
    with dask.config.set(scheduler="synchronous"):
        with pytest.raises(
            StaffingError, match=r"duplicate employee_id; first seen in staff-0.parquet row 8"
        ):
            rc.read_staffing(tmp_path / "s", sites=wf.sites, backend="dask")
        dwf = rc.read_staffing(tmp_path / "s", sites=wf.sites, backend="dask", strict=False)
        p = dwf.provenance
        assert p["rows_read"] == 2000 and p["rows_excluded"] == 3
        assert p["rows_read"] == p["rows_used"] + p["rows_excluded"]
        ex = dwf.excluded.set_index(["file", "source_row"])
        assert set(ex.index) == {
            ("staff-0.parquet", 11),
            ("staff-1.parquet", 501),
            ("staff-1.parquet", 601),
        }
        assert "not a number" in ex.loc[("staff-0.parquet", 11), "reason"]
        assert "first seen in staff-0.parquet row 8" in ex.loc[("staff-1.parquet", 501), "reason"]
        computed = dwf.staff.compute()
        assert len(computed) == p["rows_used"] == 1997
        assert computed.index.tolist() == list(range(1997))
        assert computed["employee_id"].is_unique
        # the same rows through the pandas reader give the same results
        pandas_wf = rc.read_staffing(
            staff.drop([staff.index[10], staff.index[1_500], staff.index[1_600]]), sites=wf.sites
        )
        _same_summary(
            rc.assess(pandas_wf, SCENARIOS[1]).summary(), rc.assess(dwf, SCENARIOS[1]).summary()
        )


def test_source_errors_are_plain(tmp_path, demo):
    wf, staff = demo
    with pytest.raises(StaffingError, match="no Parquet files"):
        rc.read_staffing(tmp_path, sites=wf.sites, backend="dask")
    csv = tmp_path / "staff.csv"
    staff.to_csv(csv, index=False)
    with pytest.raises(StaffingError, match="reads Parquet files"):
        rc.read_staffing(csv, sites=wf.sites, backend="dask")
    with pytest.raises(StaffingError, match="not found"):
        rc.read_staffing(tmp_path / "missing.parquet", sites=wf.sites, backend="dask")
    with pytest.raises(ValueError, match="backend must be"):
        rc.read_staffing(csv, sites=wf.sites, backend="spark")


# ------------------------------------------------------------------------------------------
# A remote scheduler, by address
# ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler_address():
    """A scheduler and a worker in their own processes, reached only by their address."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask_cli = str(Path(sys.executable).with_name("dask"))
    procs = [
        subprocess.Popen(
            [dask_cli, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    procs.append(
        subprocess.Popen(
            [dask_cli, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    try:
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


def test_same_call_against_a_remote_scheduler_address(scheduler_address, demo):
    from distributed import Client, get_task_stream

    wf, staff = demo
    with Client(scheduler_address, timeout=60) as c:
        c.wait_for_workers(2, timeout=60)
        assert c.scheduler.address == scheduler_address
        workers = set(c.scheduler_info()["workers"])
        assert len(workers) == 2
        dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=4), sites=wf.sites)
        sc = SCENARIOS[2]
        with get_task_stream(client=c) as stream:
            b = rc.assess(dwf, sc)
        _same_summary(rc.assess(wf, sc).summary(), b.summary())
        _same_summary(sweep(wf, SCENARIOS), sweep(dwf, SCENARIOS))
        # the partitions were assessed by the remote workers, not in this process
        ran_on = {t["worker"] for t in stream.data}
        assert ran_on and ran_on <= workers
        assert any(
            "_summary_part" in t["key"]
            if isinstance(t["key"], str)
            else "_summary_part" in str(t["key"])
            for t in stream.data
        )


# ------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------


def test_cli_assess_with_dask_backend_and_parquet_out(tmp_path):
    """``remotecalc assess FOLDER --backend dask`` prints what the pandas path prints."""
    from typer.testing import CliRunner

    from remotecalc.cli.main import app

    root = Path(__file__).resolve().parents[1] / "data" / "examples"
    staff = pd.read_csv(root / "staff.csv", dtype=str)
    _write_parts(tmp_path / "parts", staff, [700, 700, 600])
    runner = CliRunner()
    with dask.config.set(scheduler="threads"):
        r_pd = runner.invoke(
            app,
            [
                "assess",
                str(root / "staff.csv"),
                "--sites",
                str(root / "sites.csv"),
                "--remote-days",
                "2",
            ],
        )
        r_dk = runner.invoke(
            app,
            [
                "assess",
                str(tmp_path / "parts"),
                "--sites",
                str(root / "sites.csv"),
                "--remote-days",
                "2",
                "--backend",
                "dask",
                "--employees-out",
                str(tmp_path / "out"),
            ],
        )
        assert r_pd.exit_code == 0, r_pd.output
        assert r_dk.exit_code == 0, r_dk.output
        headline = [ln for ln in r_pd.output.splitlines() if "change" in ln.lower()]
        assert headline and all(ln in r_dk.output for ln in headline)
        written = pd.read_parquet(tmp_path / "out" / "employees_2_remote_days.parquet")
        assert len(written) == 2000 and "commute_km_change" in written.columns
        staff.loc[5, "fte"] = "lots"
        _write_parts(tmp_path / "bad", staff, [1000, 1000])
        r = runner.invoke(
            app,
            [
                "validate",
                str(tmp_path / "bad"),
                "--sites",
                str(root / "sites.csv"),
                "--backend",
                "dask",
            ],
        )
        assert r.exit_code == 1
        assert "staff-0.parquet, row 6, column 'fte': found 'lots'" in r.output
    r = runner.invoke(
        app,
        [
            "assess",
            str(root / "staff.csv"),
            "--remote-days",
            "2",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert r.exit_code != 0 and "--scheduler needs --backend dask" in r.output


def test_to_pandas_and_the_report_asks_for_it(demo, tmp_path):
    wf, staff = demo
    with dask.config.set(scheduler="threads"):
        dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=3), sites=wf.sites)
        with pytest.raises(TypeError, match=r"workforce\.to_pandas\(\)"):
            rc.report(dwf, [SCENARIOS[1]], out=tmp_path / "r")
        with pytest.raises(TypeError, match=r"workforce\.to_pandas\(\)"):
            rc.sensitivity(dwf, SCENARIOS[1], n_base=8)
        back = dwf.to_pandas()
    assert isinstance(back, rc.Workforce) and not isinstance(back, DaskWorkforce)
    assert back.n_employees == 2000
    _same_summary(rc.assess(wf, SCENARIOS[1]).summary(), rc.assess(back, SCENARIOS[1]).summary())


def test_csv_larger_than_memory_converted_keeps_the_csv_row_numbers(tmp_path):
    """A CSV export converted in chunks: problems are named by the CSV's own rows."""
    from remotecalc.evaluation.distributed import csv_to_parquet

    root = Path(__file__).resolve().parents[1] / "data" / "examples"
    staff = pd.read_csv(root / "staff.csv", dtype=str)
    staff.loc[1_234, "fte"] = "lots"  # CSV row 1,236 (the header is row 1)
    danish = tmp_path / "staff.csv"
    staff.to_csv(danish, sep=";", index=False, encoding="cp1252")
    files = csv_to_parquet(danish, tmp_path / "parts", rows_per_file=500)
    assert [f.name for f in files] == [f"part-0000{i}.parquet" for i in range(4)]
    from typer.testing import CliRunner

    from remotecalc.cli.main import app

    r = CliRunner().invoke(
        app, ["to-parquet", str(danish), str(tmp_path / "cli"), "--rows-per-file", "1000"]
    )
    assert r.exit_code == 0 and "written: 2 Parquet files" in r.output
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "cli"), pd.read_parquet(tmp_path / "parts")
    )
    with pytest.raises(StaffingError, match="already holds Parquet files"):
        csv_to_parquet(danish, tmp_path / "parts")
    with dask.config.set(scheduler="threads"):
        with pytest.raises(StaffingError) as err:
            rc.read_staffing(tmp_path / "parts", sites=root / "sites.csv", backend="dask")
        assert "staff.csv, row 1236, column 'fte': found 'lots'" in str(err.value)
        dwf = rc.read_staffing(
            tmp_path / "parts", sites=root / "sites.csv", backend="dask", strict=False
        )
        assert dwf.excluded["source_row"].tolist() == [1236]
        assert len(dwf.provenance["files"]) == 4  # every part hashed once
        pandas_wf = rc.read_staffing(danish, sites=root / "sites.csv", strict=False)
        assert pandas_wf.excluded["source_row"].tolist() == [1236]
        _same_summary(
            rc.assess(pandas_wf, SCENARIOS[1]).summary(), rc.assess(dwf, SCENARIOS[1]).summary()
        )


def test_small_selection_note_on_the_dask_path_too(demo):
    """A Dask assessment of a selection under the minimum group size carries the same note as
    the pandas path (and to_excel refuses it the same way)."""
    wf, staff = demo
    dept = staff["department"].value_counts()
    small_dept = dept[dept >= 1].index[-1]
    first_two = staff.loc[staff["department"] == small_dept, "unit"].iloc[:1].tolist()
    sc = rc.Scenario(name="few", remote_days_per_week=2, applies_to={"unit": first_two})
    with dask.config.set(scheduler="threads"):
        dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=3), sites=wf.sites)
        n_sel = int((staff["unit"].isin(first_two)).sum())
        k = n_sel + 1  # make the selection "small" whatever its size
        mark = "employee(s) assessed"
        pandas_notes = [n for n in rc.assess(wf, sc, min_group_size=k).notes if mark in n]
        dask_notes = [n for n in rc.assess(dwf, sc, min_group_size=k).notes if mark in n]
    assert pandas_notes == dask_notes
    assert pandas_notes and f"only {n_sel} employee(s) assessed" in pandas_notes[0]
