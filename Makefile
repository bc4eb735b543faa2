# Two commands do all set-up on a fresh machine:
#   make run    bootstrap .venv, then run the whole job on the default corpus
#   make test   bootstrap .venv, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test bench schemas clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/astro-ie run

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

schemas: $(STAMP)
	$(BIN)/astro-ie schema --out schemas

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
