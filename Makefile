# The two commands of the README: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PYTEST_ARGS ?=

.PHONY: run test check install install-dev tour clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(STAMP) $(DEV_STAMP)

# axe-core, which the browser tests inject into each page (pinned by package-lock.json).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

install: $(STAMP)
install-dev: $(DEV_STAMP) node_modules/.package-lock.json

## make run: set up, load the demo data (idempotent, logins printed) and start the service on
## http://127.0.0.1:8000 with SQLite under $TORTUREFREE_HOME (default ./var)
run: install
	$(BIN)/torturefree tour
	$(BIN)/torturefree demo
	$(BIN)/torturefree serve --host 127.0.0.1 --port 8000

## make tour: only answer the built-in demo transactions
tour: install
	$(BIN)/torturefree tour

## make test: install the dev dependencies and run every test (pytest's "no tests" is a failure)
test: install-dev
	@set +e; $(BIN)/python -m pytest $(PYTEST_ARGS); code=$$?; \
	if [ $$code -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$code

## make check: lint, format, types and the import contract (the core never imports Django or the CLI)
check: install-dev
	$(BIN)/ruff check src tests benchmarks torturefree_service
	$(BIN)/ruff format --check src tests benchmarks torturefree_service
	$(BIN)/mypy
	$(BIN)/mypy --config-file torturefree_service/mypy.ini -p torturefree_service
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
