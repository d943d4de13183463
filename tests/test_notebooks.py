"""The notebooks in notebooks/ run from a clean clone, stay in sync, and 05 runs under papermill.

Each ``.ipynb`` is executed as nbmake does (nbclient, kernel ``python3``, working directory
``notebooks/``); any cell that raises fails its test, so a broken notebook fails CI. The
notebooks are stored without outputs and paired with a jupytext percent-format ``.py``
(the diffable copy); the two must hold the same code. Every notebook shows at least one
figure inline (an ``image/png`` output) and writes nothing to stderr.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


# nbformat, nbclient and jupytext are imported by the tests that use them (skipping those
# tests where one is absent), not when this file is collected: nbformat loads jsonschema,
# whose import takes seconds, in every xdist worker.
def nbformat():
    return pytest.importorskip("nbformat")


def nbclient():
    return pytest.importorskip("nbclient")


def jupytext():
    return pytest.importorskip("jupytext")


ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
KERNEL = "python3"
TIMEOUT = 300  # seconds per cell


def execute(nb, cwd: Path = NOTEBOOKS):
    """Execute a notebook in place, as nbmake does; raises CellExecutionError on failure."""
    client = nbclient().NotebookClient(
        nb, timeout=TIMEOUT, kernel_name=KERNEL, resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return nb


def test_all_notebooks_present():
    names = [p.stem for p in NOTEBOOK_FILES]
    assert names == [
        "01_quickstart",
        "02_scenarios_and_uncertainty",
        "03_office_space_and_attendance",
        "04_relocation_and_hubs",
        "05_policy_report",
    ]


def outputs(nb):
    """(cell number, output) of every output of the code cells."""
    return [
        (i, o)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    ]


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_executes(path):
    """Runs without error, shows its figures inline, and writes nothing to stderr (no
    warnings, no progress bars drawn as text)."""
    nb = nbformat().read(path, as_version=4)
    execute(nb)
    outs = outputs(nb)
    errors = [o for _, o in outs if o.get("output_type") == "error"]
    assert not errors
    stderr = [(i, o.get("text", "")) for i, o in outs if o.get("name") == "stderr"]
    assert not stderr, f"{path.name}: stderr output {stderr}"
    images = [i for i, o in outs if "image/png" in o.get("data", {})]
    assert images, f"{path.name}: no figure is shown inline"
    # no figure is only saved with a print-out of its file name
    texts = " ".join(o.get("text", "") for _, o in outs if o.get("name") == "stdout")
    assert "saved [" not in texts


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_paired_and_stripped(path):
    """The jupytext .py and the .ipynb hold the same cells; the .ipynb has no outputs."""
    py = path.with_suffix(".py")
    assert py.exists(), f"{py.name} missing: run `jupytext --set-formats ipynb,py:percent`"
    nb = nbformat().read(path, as_version=4)
    text = jupytext().read(py)
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"

    def cells(book):
        return [(c.cell_type, c.source.strip()) for c in book.cells]

    assert cells(nb) == cells(text), (
        f"{path.name} and {py.name} differ: run `jupytext --sync notebooks/{py.name}`"
    )
    for c in nb.cells:
        if c.cell_type == "code":
            assert not c.outputs and c.execution_count is None, (
                f"{path.name} is stored with outputs: clear them before committing"
            )


def test_a_broken_notebook_fails(tmp_path):
    nb = nbformat().v4.new_notebook(cells=[nbformat().v4.new_code_cell("1 / 0")])
    with pytest.raises(nbclient().exceptions.CellExecutionError):
        execute(nb, cwd=tmp_path)


def test_policy_report_has_parameters_cell():
    nb = nbformat().read(NOTEBOOKS / "05_policy_report.ipynb", as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for name in ("staff", "sites", "scenarios", "params", "name", "lang"):
        assert f"{name} = " in tagged[0].source


def test_policy_report_with_papermill(tmp_path):
    papermill = pytest.importorskip("papermill")
    out = ROOT / "reports" / "test_pm"
    shutil.rmtree(out, ignore_errors=True)
    try:
        papermill.execute_notebook(
            str(NOTEBOOKS / "05_policy_report.ipynb"),
            str(tmp_path / "report.ipynb"),
            parameters={
                "staff": "data/examples/staff.csv",
                "sites": "data/examples/sites.csv",
                "scenarios": "data/examples/scenarios.toml",
                "params": "dk-2025",
                "name": "test_pm",
                "lang": "da",
                "n_draws": 100,
            },
            kernel_name=KERNEL,
            cwd=str(ROOT),
            progress_bar=False,
            log_output=False,
        )
        assert (out / "report.html").stat().st_size > 0
        assert (out / "report.xlsx").exists() and (out / "report.pdf").exists()
        html = (out / "report.html").read_text(encoding="utf-8")
        assert 'lang="da"' in html or "Scenarie" in html or "scenarie" in html
    finally:
        shutil.rmtree(out, ignore_errors=True)
