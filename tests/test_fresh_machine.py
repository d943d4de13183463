"""A fresh machine (issue 13, item 8): optional libraries absent skip, CI needs shared data.

- Warnings: every warning is an error, except DeprecationWarnings raised inside the optional
  third-party libraries listed in pyproject.toml (WeasyPrint's notice that
  libharfbuzz-subset is absent, ...); one raised in remotecalc still fails.
- PDF: the tests of ``NEEDS_PDF`` (tests/conftest.py) skip, saying why, where WeasyPrint
  cannot load pango.
- Shared data: plain pytest skips the tests that need ../shared/data and says so in its
  summary; under .ci/run (``REMOTECALC_REQUIRE_SHARED_DATA=1``) such a skip fails, and
  .ci/run itself stops with a clear message when the folder is absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest
from conftest import NEEDS_PDF, REQUIRE_SHARED_ENV, ROOT, pdf_unavailable_reason

FILTERS = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"][
    "ini_options"
]["filterwarnings"]


def test_filterwarnings_ignore_only_deprecations_from_named_modules():
    assert FILTERS[0] == "error"
    for f in FILTERS[1:]:
        action, message, category, module = (f.split(":") + ["", "", ""])[:4]
        assert action == "ignore" and category == "DeprecationWarning", f
        assert module and not module.startswith("remotecalc"), f  # a named library
        assert message == "", f"{f}: filter by the module, not by one message"


@pytest.mark.parametrize("module", ["weasyprint.text.ffi", "fontTools.ttLib", "pyogrio.raw"])
def test_a_deprecation_warning_inside_an_optional_library_does_not_fail(module):
    warnings.warn_explicit(
        "HarfBuzz-Subset will be required by future versions of WeasyPrint.",
        DeprecationWarning,
        "lib.py",
        1,
        module=module,
    )


@pytest.mark.parametrize(
    ("category", "module"),
    [
        (DeprecationWarning, "remotecalc.outputs.report"),  # our own use of a deprecated API
        (FutureWarning, "weasyprint.text.ffi"),  # not a deprecation notice
        (UserWarning, "fontTools.ttLib"),
    ],
)
def test_other_warnings_still_fail(category, module):
    with pytest.raises(category):
        warnings.warn_explicit("x", category, "lib.py", 1, module=module)


def test_pdf_tests_skip_with_a_message_when_no_pdf_can_be_rendered(monkeypatch):
    import conftest

    monkeypatch.setattr(conftest, "_PDF_PROBLEM", [])
    monkeypatch.setenv("REMOTECALC_NO_PDF", "1")
    reason = pdf_unavailable_reason()
    assert reason is not None and "pango" in reason and "REMOTECALC_NO_PDF" in reason
    assert "tests/test_report.py::test_pdf_pages_render_as_expected" in NEEDS_PDF


def _project(tmp_path: Path, test_body: str, with_shared: bool) -> Path:
    """A throwaway project beside (or without) a shared/data folder, with our conftest."""
    proj = tmp_path / "proj"
    (proj / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", proj / "tests" / "conftest.py")
    (proj / "tests" / "test_x.py").write_text(test_body, "utf-8")
    if with_shared:
        (tmp_path / "shared" / "data").mkdir(parents=True)
    return proj


def _pytest(proj: Path, require: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != REQUIRE_SHARED_ENV}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # faster; these runs need no plugin
    if require:
        env[REQUIRE_SHARED_ENV] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=proj,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


NEEDS_SHARED = """
from conftest import shared_file

def test_needs_shared():
    shared_file("dk", "postcodes.csv")
"""


def test_missing_shared_data_skips_in_plain_runs_and_says_so(tmp_path):
    r = _pytest(_project(tmp_path, NEEDS_SHARED, with_shared=False), require=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 skipped" in r.stdout
    assert "1 test(s) skipped: shared reference data not found" in r.stdout


def test_missing_shared_data_folder_stops_a_ci_run(tmp_path):
    r = _pytest(_project(tmp_path, NEEDS_SHARED, with_shared=False), require=True)
    assert r.returncode != 0
    assert "does not exist: CI must not pass without it" in r.stdout + r.stderr


def test_a_missing_shared_file_fails_a_ci_run(tmp_path):
    r = _pytest(_project(tmp_path, NEEDS_SHARED, with_shared=True), require=True)
    assert r.returncode != 0 and "1 failed" in r.stdout, r.stdout
    assert f"{REQUIRE_SHARED_ENV}=1" in r.stdout


def test_other_skips_are_not_failures_in_a_ci_run(tmp_path):
    body = "import pytest\n\ndef test_x():\n    pytest.skip('Chromium not found')\n"
    r = _pytest(_project(tmp_path, body, with_shared=True), require=True)
    assert r.returncode == 0 and "1 skipped" in r.stdout, r.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_ci_run_fails_at_once_without_shared_data(tmp_path):
    proj = tmp_path / "proj"
    (proj / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", proj / ".ci" / "run")
    r = subprocess.run(
        ["bash", str(proj / ".ci" / "run")], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 1
    assert "shared reference data folder ../shared/data" in r.stderr
    assert "is missing" in r.stderr
