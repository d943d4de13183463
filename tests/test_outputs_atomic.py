"""Outputs never lie after a failure (issue 25, Build 3).

Every command writes its files through :func:`remotecalc.exports.output_set`: into a staging
folder beside ``--out``, put in place only when the set is complete. These tests inject
failures while writing (an exception mid-report, a full disk, a read-only folder, a control
character in a name) and check that the previous complete set is left as it was, that no
file of the failed run is left anywhere, and that the user reads a clear message, never a
traceback.
"""

from __future__ import annotations

import errno
import gc
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.cli.main import app
from remotecalc.exports import MANIFEST, OutputError, output_set, write_csv, write_xlsx

runner = CliRunner()

PLAN = """
[[scenario]]
name = "1 day"
remote_days_per_week = 1

[[scenario]]
name = "2 days"
remote_days_per_week = 2
"""


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _no_staging_left(folder: Path) -> None:
    leftovers = [p.name for p in folder.parent.iterdir() if ".remotecalc-" in p.name]
    leftovers += [p.name for p in folder.rglob(".remotecalc-*") if p.name != MANIFEST]
    assert not leftovers, leftovers


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("atomic")
    staff, sites = rc.datasets.demo_tables(300, seed=2)
    staff.to_csv(d / "staff.csv", index=False)
    sites.to_csv(d / "sites.csv", index=False)
    (d / "plan.toml").write_text(PLAN, encoding="utf-8")
    return d


# --- the mechanism ------------------------------------------------------------------------


def test_a_set_is_put_in_place_whole_and_replaces_the_previous_one(tmp_path):
    out = tmp_path / "out"
    with output_set(out) as s:
        (s.staging / "a.csv").write_text("first")
        (s.staging / "figures").mkdir()
        (s.staging / "figures" / "f.png").write_bytes(b"png1")
        assert not out.exists()  # nothing visible before the set is complete
    assert _snapshot(out).keys() == {"a.csv", "figures/f.png", MANIFEST}
    with output_set(out) as s:  # the second run writes no figure
        (s.staging / "a.csv").write_text("second")
        assert s.final(s.staging / "a.csv") == out / "a.csv"
    assert _snapshot(out) == {"a.csv": b"second", MANIFEST: (out / MANIFEST).read_bytes()}
    _no_staging_left(out)


@pytest.mark.parametrize("failure", [RuntimeError("boom"), KeyboardInterrupt()])
def test_a_failure_while_writing_leaves_the_previous_set(tmp_path, failure):
    out = tmp_path / "out"
    with output_set(out) as s:
        (s.staging / "report.html").write_text("old html")
        (s.staging / "report.xlsx").write_text("old xlsx")
    before = _snapshot(out)
    with pytest.raises(type(failure)), output_set(out) as s:
        (s.staging / "report.html").write_text("new html")
        raise failure  # before report.xlsx of the new run is written
    assert _snapshot(out) == before
    _no_staging_left(out)


def test_other_files_in_the_folder_are_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with output_set(out) as s:
        (s.staging / "a.csv").write_text("1")
        (s.staging / "b.csv").write_text("1")
    with output_set(out) as s:  # b.csv is not part of the new set: removed; notes.txt kept
        (s.staging / "a.csv").write_text("2")
    snap = _snapshot(out)
    assert snap["notes.txt"] == b"mine" and snap["a.csv"] == b"2" and "b.csv" not in snap
    _no_staging_left(out)


def test_a_staging_folder_left_by_a_killed_run_is_removed(tmp_path):
    out = tmp_path / "out"
    killed = tmp_path / ".out.remotecalc-dead"
    killed.mkdir()
    (killed / ".remotecalc-staging").touch()
    (killed / "report.html").write_text("half")
    foreign = tmp_path / ".out.remotecalc-not-ours"  # no marker: not ours, left alone
    foreign.mkdir()
    with output_set(out) as s:
        (s.staging / "a.csv").write_text("1")
    assert not killed.exists() and foreign.exists()


def test_a_full_disk_is_a_clear_error_and_the_previous_set_stays(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_csv(pd.DataFrame({"x": [1]}), out / "t.csv")
    before = _snapshot(out)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    with pytest.raises(OutputError, match="disk is full") as err, output_set(out) as s:
        write_csv(pd.DataFrame({"x": [2]}), s.staging / "t.csv")
    assert str(out) in str(err.value) and "as they were" in str(err.value)
    assert _snapshot(out) == before
    _no_staging_left(out)


def test_single_files_are_never_half_written(tmp_path, monkeypatch):
    path = tmp_path / "t.xlsx"
    write_xlsx({"S": pd.DataFrame({"x": [1]})}, path)
    before = path.read_bytes()

    def fail_mid_write(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_excel", fail_mid_write)
    with pytest.raises(OSError):
        write_xlsx({"S": pd.DataFrame({"x": [2]})}, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no partial file left


def test_a_read_only_folder_is_a_clear_error(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    real_access = os.access
    # the tests run as root, for whom every folder is writable: the check is simulated
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: (Path(p) != out or not mode & os.W_OK) and real_access(p, mode),
    )
    with pytest.raises(OutputError, match="read-only"), output_set(out):
        pytest.fail("the block must not run")
    assert list(out.iterdir()) == []


def test_control_characters_in_a_workbook_are_a_clear_error(tmp_path):
    frame = pd.DataFrame({"scenario": ["2 days\x07"], "x": [1.0]})
    with pytest.raises(OutputError) as err:
        write_xlsx({"Headline": frame}, tmp_path / "t.xlsx")
    msg = str(err.value)
    assert "U+0007" in msg and "Headline" in msg and "column 'scenario'" in msg
    assert not (tmp_path / "t.xlsx").exists()
    ok = pd.DataFrame({"scenario": ["tab\tand\nnew line are fine"]})
    write_xlsx({"Headline": ok}, tmp_path / "t.xlsx")


# --- the report: an interrupted re-run leaves no mixed set -------------------------------


def test_an_interrupted_report_leaves_the_previous_report_whole(tmp_path, monkeypatch):
    from remotecalc.outputs import report as report_module

    wf = rc.datasets.demo_workforce(300, seed=1)
    out = tmp_path / "report"
    args = dict(formats=("html", "xlsx"), ranges=False, dpi=50, figure_formats=("png",))
    first = rc.report(wf, rc.Scenario(name="1 day", remote_days_per_week=1), out=out, **args)
    assert first.html == out / "report.html" and first.xlsx == out / "report.xlsx"
    assert all(f.parent == out / "figures" and f.exists() for f in first.figures)
    before = _snapshot(out)

    def interrupted(*a, **k):  # the HTML and figures of the new run are written by now
        raise KeyboardInterrupt

    monkeypatch.setattr(report_module, "write_workbook", interrupted)
    with pytest.raises(KeyboardInterrupt):
        rc.report(wf, rc.Scenario(name="3 days", remote_days_per_week=3), out=out, **args)
    assert _snapshot(out) == before  # the old HTML beside the old workbook, nothing new
    assert "3 days" not in (out / "report.html").read_text(encoding="utf-8")
    _no_staging_left(out)


# --- the commands: a clear message, never a traceback -------------------------------------


def _commands(files: Path, out: Path) -> dict[str, list[str]]:
    staff, sites = str(files / "staff.csv"), str(files / "sites.csv")
    plan = str(files / "plan.toml")
    return {
        "report": ["report", staff, "--sites", sites, "--scenario", plan, "--out", str(out)]
        + ["--format", "html,xlsx", "--no-ranges", "--dpi", "50"],
        "assess": ["assess", staff, "--sites", sites, "--scenario", plan, "--out", str(out)],
        "sweep": ["sweep", staff, "--sites", sites, "--scenarios", plan, "--out", str(out)]
        + ["--no-progress"],
        "inventory": ["inventory", staff, "--sites", sites, "--scenario", plan, "--out", str(out)],
    }


COMMANDS = ("report", "assess", "sweep", "inventory")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_ends_the_command_with_a_clear_message(files, tmp_path, command, monkeypatch):
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    (out / "keep" / "old.txt").write_text("from before")
    before = _snapshot(out)
    real_mkdtemp = tempfile.mkdtemp

    def staging_on_a_full_disk(*args, **kwargs):
        folder = Path(real_mkdtemp(*args, **kwargs))
        # every write into the staging folder fails as on a full disk
        real_open = Path.open

        def full_open(self, *a, **k):
            if folder in self.parents and "w" in (a[0] if a else k.get("mode", "r")):
                raise OSError(errno.ENOSPC, "No space left on device", str(self))
            return real_open(self, *a, **k)

        monkeypatch.setattr(Path, "open", full_open)

        def full(*a, **k):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(pd.DataFrame, "to_csv", full)
        monkeypatch.setattr(pd.DataFrame, "to_excel", full)
        return str(folder)

    monkeypatch.setattr(tempfile, "mkdtemp", staging_on_a_full_disk)
    r = runner.invoke(app, _commands(files, out)[command])
    assert r.exit_code == 1, r.output
    assert not isinstance(r.exception, OSError) or isinstance(r.exception, SystemExit)
    assert "disk is full" in r.output and "Traceback" not in r.output, r.output
    assert _snapshot(out) == before
    _no_staging_left(out)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_folder_ends_the_command_with_a_clear_message(
    files, tmp_path, command, monkeypatch
):
    out = tmp_path / "ro"
    out.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: (Path(p) != out or not mode & os.W_OK) and real_access(p, mode),
    )
    r = runner.invoke(app, _commands(files, out)[command])
    assert r.exit_code == 1, r.output
    assert "read-only" in r.output and str(out) in r.output.replace("\n", ""), r.output
    assert list(out.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_refused_before_any_work(tmp_path, monkeypatch):
    from remotecalc.exports import check_output_folder

    ro = tmp_path / "ro"
    ro.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: (Path(p) != ro or not mode & os.W_OK) and real_access(p, mode)
    )
    # an existing read-only folder, and a folder that would have to be created inside one
    for target in (ro, ro / "new" / "deeper"):
        with pytest.raises(OutputError, match="read-only") as err:
            check_output_folder(target, "--out")
        assert str(target) in str(err.value)
    assert check_output_folder(tmp_path / "fresh", "--out") == tmp_path / "fresh"
    # the report command stops before it reads or computes anything
    called = []
    monkeypatch.setattr("remotecalc.outputs.report.report_data", lambda *a, **k: called.append(1))
    with pytest.raises(OutputError, match="read-only"):
        rc.report(rc.datasets.demo_workforce(60, seed=2), [rc.Scenario(name="x")], out=ro)
    assert called == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_control_character_in_a_scenario_name_is_a_clear_message(files, tmp_path, command):
    plan = tmp_path / "plan.toml"
    plan.write_text('[[scenario]]\nname = "2 days\\u0007"\nremote_days_per_week = 2\n')
    args = _commands(files, tmp_path / "out")[command]
    args[args.index(str(files / "plan.toml"))] = str(plan)
    r = runner.invoke(app, args)
    assert r.exit_code == 1, r.output
    assert "U+0007" in r.output and "Traceback" not in r.output, r.output
    assert not (tmp_path / "out").exists()


# --- to-parquet and the explorer's "Export plan" write through the output set too --------


def _parquet_run(files: Path, out: Path, rows: int) -> list[str]:
    return ["to-parquet", str(files / "staff.csv"), str(out), "--rows-per-file", str(rows)]


# csv_to_parquet reads its CSV in a with block: an interrupted run leaves no open reader
# (pytest's "error" warnings filter turns a ResourceWarning of an open reader into a failure)
def test_an_interrupted_to_parquet_leaves_the_previous_files(files, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from remotecalc.cli import main as cli_main

    out = tmp_path / "parts"
    r = runner.invoke(app, _parquet_run(files, out, 100))
    assert r.exit_code == 0, r.output
    before = _snapshot(out)
    assert sorted(p for p in before if p.endswith(".parquet")) == [
        f"part-0000{i}.parquet" for i in range(3)
    ]
    # a re-run replaces its own previous set (fewer, larger files: none of the old left)
    r = runner.invoke(app, _parquet_run(files, out, 200))
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.glob("*.parquet")) == [
        "part-00000.parquet",
        "part-00001.parquet",
    ]
    before = _snapshot(out)
    real_write, calls = pq.write_table, []

    def interrupted(*a, **k):  # the first new file is written, then the run is killed
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_write(*a, **k)

    monkeypatch.setattr(pq, "write_table", interrupted)
    with pytest.raises(KeyboardInterrupt) as info:
        cli_main.to_parquet(files / "staff.csv", out, rows_per_file=50, lang="en")
    assert len(calls) == 2
    assert _snapshot(out) == before  # the previous files, as they were
    _no_staging_left(out)
    del info
    gc.collect()  # the chunk reader left open, closed here (see above)


def test_to_parquet_on_a_full_disk_is_a_clear_message_and_leaves_the_folder(
    files, tmp_path, monkeypatch
):
    import pyarrow.parquet as pq

    out = tmp_path / "parts"
    out.mkdir()
    (out / "readme.txt").write_text("the user's own file")
    before = _snapshot(out)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full)
    r = runner.invoke(app, _parquet_run(files, out, 100))
    assert r.exit_code == 1 and "disk is full" in r.output and "Traceback" not in r.output
    assert _snapshot(out) == before
    _no_staging_left(out)
    del r
    gc.collect()  # the chunk reader left open, closed here (see above)


def test_to_parquet_refuses_a_folder_with_parquet_files_of_its_own(files, tmp_path):
    out = tmp_path / "parts"
    out.mkdir()
    pd.DataFrame({"x": [1]}).to_parquet(out / "mine.parquet")
    r = runner.invoke(app, _parquet_run(files, out, 100))
    assert r.exit_code == 1 and "already holds Parquet files" in r.output, r.output
    assert sorted(p.name for p in out.iterdir()) == ["mine.parquet"]


def test_an_interrupted_plan_export_leaves_the_previous_plan_and_parameters(tmp_path, monkeypatch):
    from remotecalc.explorer import state

    wf = rc.datasets.demo_workforce(200, seed=3)
    model = state.ExplorerModel(wf)
    choice = state.ParamChoice("dk-2025", overrides=(("office.area_per_desk_m2", 12.0),))
    out = tmp_path / "explorer"
    (out / "report").mkdir(parents=True)
    (out / "report" / "report.html").write_text("a report written before")
    sc = [rc.Scenario(name="two", remote_days_per_week=2)]
    first = state.export_plan(sc, model.params(choice), choice, out)
    assert first.params == out / "parameters.toml" and first.plan == out / "plan.toml"
    before = _snapshot(out)

    def interrupted(*a, **k):  # parameters.toml of the new export is written by now
        raise KeyboardInterrupt

    monkeypatch.setattr(state, "plan_toml", interrupted)
    with pytest.raises(KeyboardInterrupt):
        state.export_plan(
            [rc.Scenario(name="three", remote_days_per_week=3)],
            model.params(),
            state.ParamChoice("dk-2025"),
            out,
        )
    assert _snapshot(out) == before
    _no_staging_left(out)
    monkeypatch.undo()
    # a later export with packaged parameters removes the stale parameters.toml with it
    plain = state.export_plan(sc, model.params(), state.ParamChoice("dk-2025"), out)
    assert plain.params is None and not (out / "parameters.toml").exists()
    assert (out / "report" / "report.html").read_text() == "a report written before"
    assert 'name = "two"' in (out / "plan.toml").read_text(encoding="utf-8")
