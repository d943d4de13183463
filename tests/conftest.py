"""Shared fixtures. Reference data is read from ../shared/data (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

# The code under test for subprocesses too: notebook kernels, `dask scheduler`/`dask worker`
# and CLI runs started by tests import remotecalc from this tree, not from wherever the
# virtual environment's (editable) install points (another checkout or worktree).
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
)


# ---------------------------------------------------------------------------------------
# Slow tests: `make test-fast` (pytest -m "not slow") leaves them out; `make test` runs all.
# The marker is registered in pyproject.toml. One table, the test files themselves carry no
# marks. Keys are a test file ("tests/x.py": every test in it) or a test id
# ("tests/x.py::test_y": that test with all its parameters, or one "...::test_y[param]").
# Chosen from measured durations (`pytest --durations=0`, 2 shared cores, under load):
# seconds in the comments are those measurements, call + set-up where a fixture is the cost.
# Keep fast unit and known-answer tests out of this table; add a test here when it takes
# more than a few seconds, say why.
SLOW_TESTS: dict[str, str] = {
    # notebooks: each executes in a Jupyter kernel (6-34 s); pairing/stripping checks stay
    "tests/test_notebooks.py::test_notebook_executes": "runs a notebook in a kernel, 6-27 s",
    "tests/test_notebooks.py::test_policy_report_with_papermill": "papermill run, 34 s",
    "tests/test_notebooks.py::test_a_broken_notebook_fails": "starts a kernel",
    # report: HTML + PDF (WeasyPrint) + XLSX + figures; a module fixture builds one (38 s)
    "tests/test_report.py": "builds full reports, PDF rendering, 97 s in all",
    "tests/test_report_browser.py": "headless Chromium",
    "tests/test_explorer_browser.py": "serves the explorer, drives headless Chromium, 35-50 s",
    "tests/test_explorer_app.py::test_write_report_of_the_saved_scenarios": (
        "writes a report (HTML + XLSX + figures), 8 s"
    ),
    "tests/test_climate.py::test_report_section_and_workbook_sheet": (
        "writes a report (HTML + XLSX + figures) to find the climate section, 23 s"
    ),
    # every workbook and CSV the package writes, from hostile names (report figures included)
    "tests/test_exports.py::test_every_workbook_and_csv_written_has_no_formula_from_user_text": (
        "validate, assess, sweep, report and to_excel end to end, 25 s"
    ),
    "tests/test_danish_everywhere.py::test_danish_demo_pdf_has_no_english_sentence": (
        "builds the Danish demo report with its PDF, about 40 s"
    ),
    "tests/test_danish_everywhere.py::test_danish_demo_workbook_has_no_english_sentence": (
        "reads the Danish demo report built by the test above"
    ),
    # added after the merge of issues 23-27 (durations measured on 2 idle cores, -n 2)
    "tests/test_hr_export.py::test_report_pdf_when_weasyprint_loads": "the PDF report, 27 s",
    "tests/test_hr_export.py::test_assess_and_report_in_danish_state_every_default": (
        "assess and the Danish report of the example export, 16 s"
    ),
    "tests/test_privacy_differencing.py": (
        "the attack suite: every published output of five scenarios, 25 s set-up"
    ),
    "tests/test_privacy_sites.py::test_two_scenarios_at_one_site_do_not_give_a_small_group_back": (
        "a site table published under 400 secrets, 25 s"
    ),
    "tests/test_outputs_atomic.py::test_an_interrupted_report_leaves_the_previous_report_whole": (
        "writes a report twice, 17 s"
    ),
    "tests/test_outputs_atomic.py::test_a_full_disk_ends_the_command_with_a_clear_message": (
        "runs each command to its writing step (the report's figures), up to 13 s"
    ),
    "tests/test_explorer_security.py::test_no_payload_in_a_name_runs_in_the_browser": (
        "serves the explorer and drives headless Chromium, 9 s"
    ),
    "tests/test_travel.py::test_report_shows_work_travel_with_small_purposes_pooled": (
        "writes a report, 9.5 s"
    ),
    "tests/test_registry.py::test_a_toy_metric_reaches_the_report": "writes a report, 9 s",
    "tests/test_report_without_pdf.py::test_report_skips_the_pdf_and_writes_the_rest": (
        "writes a report, 9 s"
    ),
    "tests/test_relocation_outputs.py::test_report_has_the_relocation_chapter_and_sheets": (
        "writes a report with the relocation chapter, 4 s each"
    ),
    # demo: the whole demo job end to end
    "tests/test_cli.py::test_demo_runs": "the full demo, 65 s",
    # Dask: local clusters, a 200,000-row Parquet fixture, scheduler/worker processes
    "tests/test_distributed.py::test_demo_assess_equals_pandas_on_local_cluster": "cluster, 17 s",
    "tests/test_distributed.py::test_demo_raw_dask_dataframe_with_sites": "cluster",
    "tests/test_distributed.py::test_demo_sweep_and_monte_carlo_equal_pandas": "cluster, 7 s",
    "tests/test_distributed.py::test_policy_for_some_and_errors_that_need_the_whole": "cluster",
    "tests/test_distributed.py::test_parquet_pieces_keep_row_groups_whole": "200k rows",
    "tests/test_distributed.py::test_200k_parquet_assess_sweep_monte_carlo_equal_pandas": (
        "cluster + 200k rows, 18 s"
    ),
    "tests/test_distributed.py::test_per_employee_results_to_parquet_and_back": (
        "cluster + 200k rows, 12 s"
    ),
    "tests/test_distributed.py::test_same_call_against_a_remote_scheduler_address": (
        "starts dask scheduler and workers, 8 s"
    ),
    # long statistical tests: coverage/recovery over many simulated data sets
    "tests/test_attendance.py::test_poisson_recovery_coverage": "coverage simulation, 41 s",
    "tests/test_attendance.py::test_quasi_poisson_intervals_with_binomial_counts": (
        "coverage simulation, 29 s"
    ),
    "tests/test_attendance.py::test_negative_binomial_recovery_coverage": (
        "coverage simulation, 27 s"
    ),
    "tests/test_attendance.py::test_attendance_and_binomial_desks_agree_on_binomial_counts": (
        "simulation, 7 s"
    ),
    "tests/test_uptake.py::test_sampling_weights_correct_informative_nonresponse": (
        "simulation, 49 s"
    ),
    "tests/test_uptake.py::test_recovery_coverage": "coverage simulation, 18 s",
    "tests/test_synthetic_evidence.py::test_shared_day_shocks_make_counts_over_dispersed": (
        "simulation, 7 s"
    ),
    "tests/test_attendance.py::test_attendance_desks_exceed_binomial_when_overdispersed": (
        "simulation, 2 × 3 s"
    ),
    # Sobol sensitivity (SALib sampling of the demo) and Monte Carlo through the CLI
    "tests/test_sensitivity.py": "Sobol analyses of the demo, 11 s in all",
    "tests/test_cli_analysis.py::test_monte_carlo_and_sensitivity_options": (
        "Monte Carlo + Sobol from the CLI, 7 s"
    ),
    # hypothesis properties of assess on small random workforces (25 examples, each reads
    # and assesses one to three workforces): 3-6 s each, 36 s together; the known-answer
    # tests of tests/test_model.py stay in the fast suite
    **{
        f"tests/test_model.py::{t}": "hypothesis property of assess, 3-6 s"
        for t in (
            "test_zero_remote_days_changes_nothing",
            "test_more_remote_days_never_raise_commute",
            "test_results_scale_linearly_with_fte",
            "test_per_employee_results_add_up_over_employees",
            "test_per_employee_and_site_totals_equal_summary",
            "test_uptake_zero_changes_no_employee",
            "test_not_teleworkable_means_no_change",
            "test_applies_to_restricts_changes",
        )
    },
    "tests/test_distributed.py::test_csv_larger_than_memory_converted_keeps_the_csv_row_numbers": (
        "CSV to Parquet through Dask, 2 s"
    ),
    # the municipality map: geopandas + a rendered image
    "tests/test_plotting.py::test_municipality_map_image": "geopandas map image, 4 s",
}


# ---------------------------------------------------------------------------------------
# Tests that render a PDF report (WeasyPrint, which needs the system libraries pango and
# pangoft2): they skip, saying why, where WeasyPrint cannot load them (a fresh machine; CI's
# .ci/run installs them). Same keys as SLOW_TESTS. REMOTECALC_NO_PDF=1 skips them anyway.
NEEDS_PDF: dict[str, str] = {
    # the module fixture `built` writes HTML + PDF + XLSX; these tests read it
    **{
        f"tests/test_report.py::{t}": "reads the report built with its PDF"
        for t in (
            "test_writes_html_pdf_xlsx_and_figures",
            "test_html_is_self_contained",
            "test_html_has_every_part",
            "test_headline_ranges_or_a_clear_statement",
            "test_small_unit_appears_nowhere",
            "test_no_group_under_the_minimum_in_any_table",
            "test_workbook_has_every_table_with_units",
            "test_pdf_pages_render_as_expected",
        )
    },
    "tests/test_cli.py::test_demo_runs": "the demo writes the full report, PDF included",
    "tests/test_notebooks.py::test_notebook_executes[05_policy_report]": "writes the PDF report",
    "tests/test_notebooks.py::test_policy_report_with_papermill": "writes the PDF report",
}

#: Set (to 1) by .ci/run: a test that skips for want of ../shared/data fails instead.
REQUIRE_SHARED_ENV = "REMOTECALC_REQUIRE_SHARED_DATA"


def _table_reason(table: dict[str, str], nodeid: str) -> str | None:
    path, _, name = nodeid.partition("::")
    base = name.split("[", 1)[0]
    for key in (nodeid, f"{path}::{base}", path):
        if key in table:
            return table[key]
    return None


def _slow_reason(nodeid: str) -> str | None:
    return _table_reason(SLOW_TESTS, nodeid)


_PDF_PROBLEM: list[str | None] = []  # filled once, on first need


def pdf_unavailable_reason() -> str | None:
    """Why WeasyPrint cannot render a PDF here (None: it can). Imports it once."""
    if not _PDF_PROBLEM:
        if os.environ.get("REMOTECALC_NO_PDF", "") not in ("", "0"):
            _PDF_PROBLEM.append("REMOTECALC_NO_PDF is set")
        else:
            import warnings

            try:
                with warnings.catch_warnings():  # e.g. its HarfBuzz-Subset notice
                    warnings.simplefilter("ignore", DeprecationWarning)
                    import weasyprint  # noqa: F401
            except (ImportError, OSError) as err:  # OSError: a system library is absent
                first = str(err).splitlines()[0] if str(err) else type(err).__name__
                _PDF_PROBLEM.append(f"WeasyPrint cannot load: {first}")
            else:
                _PDF_PROBLEM.append(None)
    problem = _PDF_PROBLEM[0]
    if problem is None:
        return None
    return (
        f"PDF rendering unavailable ({problem}); install pango "
        "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0; .ci/run does this)"
    )


def _is_shared_data_skip(report) -> bool:
    """A skip because ../shared/data (or a file in it) was not found."""
    longrepr = report.longrepr
    text = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return str(SHARED) in text or "shared/data" in text or "shared reference data" in text


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under .ci/run (REMOTECALC_REQUIRE_SHARED_DATA=1), missing shared data fails a test."""
    outcome = yield
    report = outcome.get_result()
    if (
        report.skipped
        and os.environ.get(REQUIRE_SHARED_ENV) == "1"
        and _is_shared_data_skip(report)
    ):
        report.outcome = "failed"
        report.longrepr = (
            f"{REQUIRE_SHARED_ENV}=1 (set by .ci/run): this test needs the shared reference "
            f"data at {SHARED}, which is missing or incomplete: {report.longrepr}"
        )


def pytest_sessionstart(session):
    """Under .ci/run, stop at once, saying why, when ../shared/data is absent."""
    if os.environ.get(REQUIRE_SHARED_ENV) == "1" and not SHARED.is_dir():
        pytest.exit(
            f"{REQUIRE_SHARED_ENV}=1 (set by .ci/run) but the shared reference data folder "
            f"{SHARED} does not exist: CI must not pass without it",
            returncode=1,
        )


def pytest_terminal_summary(terminalreporter):
    """Say plainly how many tests skipped for want of ../shared/data (CI does not allow it)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if _is_shared_data_skip(r)]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} test(s) skipped: shared reference data not found at {SHARED} "
            "(CI, .ci/run, fails instead)",
            yellow=True,
        )


#: Set on the items of ``NEEDS_PDF``: whether a PDF can be rendered is asked (WeasyPrint
#: imported, seconds) only when one of them is about to run, not at every collection.
_NEEDS_PDF = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Skip a ``NEEDS_PDF`` test, saying why, where WeasyPrint cannot render a PDF (before
    its fixtures are set up)."""
    if item.stash.get(_NEEDS_PDF, False):
        why = pdf_unavailable_reason()
        if why is not None:
            pytest.skip(why)


def pytest_collection_modifyitems(config, items):
    """Mark the tests of ``SLOW_TESTS`` slow and those of ``NEEDS_PDF`` as needing a PDF
    (:func:`pytest_runtest_setup` skips them where none can be rendered); name table entries
    that matched nothing."""
    used, files = set(), set()
    for item in items:
        nodeid = item.nodeid.replace(os.sep, "/")
        path, _, name = nodeid.partition("::")
        files.add(path)
        reason = _slow_reason(nodeid)
        if reason is not None:
            item.add_marker(pytest.mark.slow(reason=reason))
            used.update({nodeid, f"{path}::{name.split('[', 1)[0]}", path})
        if _table_reason(NEEDS_PDF, nodeid) is not None:
            used.update({nodeid, f"{path}::{name.split('[', 1)[0]}", path})
            item.stash[_NEEDS_PDF] = True  # skipped at set-up where no PDF can be rendered
    # an entry whose file was collected whole but which matched no test: renamed or removed?
    if any("::" in str(a) for a in config.args) or config.getoption("keyword", ""):
        return  # some tests of a file chosen by id or -k: the others are not collected
    stale = [
        k
        for k in (*SLOW_TESTS, *NEEDS_PDF)
        if k not in used and k.partition("::")[0] in files and "::" in k
    ]
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if stale and reporter is not None:
        reporter.write_line(
            "tests/conftest.py: SLOW_TESTS or NEEDS_PDF entries that match no test "
            f"(renamed?): {', '.join(stale)}",
            yellow=True,
        )


def shared_file(*parts) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"shared reference data not found at {path} (expected ../shared/data "
            "beside the project)"
        )
    return path


@pytest.fixture
def dk_postcodes() -> Path:
    return shared_file("dk", "postcodes.csv")


@pytest.fixture
def dk_municipalities() -> Path:
    return shared_file("dk", "municipalities.csv")


@pytest.fixture
def no_disclosure_noise(monkeypatch):
    """Published outputs without their cell-key noise, for tests of an output's arithmetic
    (hand calculations): the cells, suppression and pooling are unchanged. The privacy
    tests (tests/test_privacy_differencing.py) run with the noise."""
    from remotecalc.evaluation import disclosure

    monkeypatch.setattr(disclosure, "NOISE_SHARE", (0.0, 0.0))
    monkeypatch.setattr(disclosure, "COUNT_NOISE", (0,))
