# reportgraph: the two commands that matter on a fresh machine are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= ./data
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: install run test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

install: $(VENV)/.installed

## Ingest the bundled sample reports into the embedded store and serve them on http://$(HOST):$(PORT)/sparql
run: install
	$(BIN)/reportgraph ingest --samples --store $(STORE)
	$(BIN)/reportgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

## Install everything and run the whole test suite, with ruff and mypy
test: install
	$(BIN)/ruff check .
	$(BIN)/mypy ontology ingest store server queries
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
