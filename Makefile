# remotecalc: two commands. `make demo` runs the main job; `make test` runs the tests.
# Both create .venv and install the project into it when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test notebooks bench examples lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/remotecalc demo --out reports/demo

test: $(STAMP)
	$(BIN)/python -m pytest

notebooks: $(STAMP)
	$(BIN)/python -m pytest tests/test_notebooks.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

examples: $(STAMP)
	$(BIN)/python data/examples/make_examples.py

lint: $(STAMP)
	$(BIN)/ruff check remotecalc tests

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
