# reportgraph: the two commands that matter on a fresh machine are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= ./data
HOST   ?= 127.0.0.1
PORT   ?= 5000
# Debian packages the export tests validate with: graphviz (dot), libxml2-utils (xmllint), jing (RELAX NG)
SYSTEM_TOOLS = graphviz:dot libxml2-utils:xmllint jing:jing

.PHONY: install system-deps js-deps run test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

install: $(VENV)/.installed

## Debian packages for the export checks (installed when missing and running as root; otherwise listed)
system-deps:
	@missing=""; for pair in $(SYSTEM_TOOLS); do command -v "$${pair#*:}" >/dev/null 2>&1 || missing="$$missing $${pair%%:*}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install the Debian packages:$$missing" >&2; exit 1; fi; \
	fi

## The JavaScript check of the JSON exports (graphology, cytoscape, d3-force, graphology-gexf), pinned by its lock file
tests/js/node_modules/.package-lock.json: tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error

js-deps: tests/js/node_modules/.package-lock.json

## Ingest the bundled sample reports into the embedded store and serve them on http://$(HOST):$(PORT)/sparql
run: install
	$(BIN)/reportgraph ingest --samples --store $(STORE)
	$(BIN)/reportgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

## Install everything and run the whole test suite, with ruff and mypy
test: install system-deps js-deps
	$(BIN)/ruff check .
	$(BIN)/mypy ontology ingest store server queries
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/sparql.py
	$(BIN)/python bench/export.py
	$(BIN)/python -m bench.linking 20

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache tests/js/node_modules
