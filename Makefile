# remotecalc: two commands. `make demo` runs the main job; `make test` runs the tests.
# Both create .venv and install the project into it when needed (again when pyproject.toml
# changes). Also: `make test-fast` (the tests not marked slow, on every core with
# pytest-xdist, a test module's tests on one worker so that its module fixtures, e.g. the
# explorer's server, are built once: 1,745 tests in 2 min 0-6 s on 2 idle cores, 235-247 s of CPU,
# measured 8 Dec 2026; the slow ones are listed in tests/conftest.py), `make lint` (ruff
# check + ruff format --check), `make types`
# (mypy, configured in pyproject.toml), `make bench` (benchmarks/run.py), `make lab` (JupyterLab
# on notebooks/, in this environment: the notebooks' python3 kernel is .venv's Python).
# On a fresh machine `make test` needs only Python >= 3.11 and make (and the network for
# pip): tests that need an absent optional system library (Chromium, pango for the PDF) or
# the shared reference data (../shared/data) skip, saying why; .ci/run requires them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The tests run with Python's bytecode cache on, whatever the environment says: where
# PYTHONDONTWRITEBYTECODE is set, every test process (the xdist workers and each CLI or
# server subprocess a test starts) compiles pandas, matplotlib, ... and remotecalc from
# source again and pytest cannot keep its rewritten test modules: about 8 s of CPU per
# process at collection alone (20 s -> 11 s). The caches (__pycache__ folders, in .venv too)
# are build artefacts, ignored by git (.gitignore).
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

.PHONY: demo test test-fast notebooks lab bench examples lint types clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: no python3 found; install Python >= 3.11 or set PYTHON=/path/to/python" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	    echo "error: remotecalc needs Python >= 3.11; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; \
	    echo "       Set PYTHON=/path/to/python3.11 (or newer): make test PYTHON=..." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	    echo "error: could not create $(VENV) (on Debian/Ubuntu: apt-get install python3-venv)" >&2; \
	    rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/remotecalc demo --out reports/demo

test: $(STAMP)
	$(PYTEST)

test-fast: $(STAMP)
	$(PYTEST) -m "not slow" -n auto --dist loadscope

notebooks: $(STAMP)
	$(PYTEST) tests/test_notebooks.py

lab: $(STAMP)
	$(BIN)/python -m jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

examples: $(STAMP)
	$(BIN)/python data/examples/make_examples.py

# both checks run and report; the target fails if either does
lint: $(STAMP)
	$(BIN)/ruff check remotecalc tests benchmarks; rc=$$?; \
	$(BIN)/ruff format --check remotecalc tests benchmarks && exit $$rc

types: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
