"""A machine without WeasyPrint's system libraries still gets the HTML and the workbook.

The PDF needs Pango (an operating-system library); where it is missing, ``report`` writes
everything else, names the PDF as skipped with what to install (``ReportFiles.skipped`` and a
warning), and the command line says so instead of failing.
"""

from __future__ import annotations

import importlib

import pytest

import remotecalc as rc

report_module = importlib.import_module("remotecalc.outputs.report")  # (rc.report is the function)


@pytest.fixture
def no_pango(monkeypatch):
    def broken(html, base):
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open")

    monkeypatch.setattr(report_module, "_weasy_html", broken)


def test_report_skips_the_pdf_and_writes_the_rest(no_pango, tmp_path):
    wf = rc.datasets.demo_workforce(300, seed=2)
    sc = rc.Scenario(name="2 days", remote_days_per_week=2)
    with pytest.warns(RuntimeWarning, match="PDF not written: .*libpango.*apt-get install"):
        files = rc.report(
            wf,
            [sc],
            "dk-2025",
            out=tmp_path / "r",
            ranges=False,
            figure_formats=("png",),
            dpi=40,
        )
    assert files.pdf is None and not (tmp_path / "r" / "report.pdf").exists()
    assert files.html.exists() and files.xlsx.exists()
    assert len(files.skipped) == 1 and "Pango" in files.skipped[0]


def test_pdf_unavailable_names_what_to_install(no_pango):
    why = report_module.pdf_unavailable()
    assert why is not None and "libpango" in why and "apt-get install" in why


def test_pdf_available_here_when_weasyprint_loads():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot load here ({exc}); the skip path is tested above")
    assert report_module.pdf_unavailable() is None
