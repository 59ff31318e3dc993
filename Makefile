# The two commands of the README: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Installs come from the lock files (exact versions, hashes checked); a changed lock or
# pyproject.toml changes the stamp's name, so the next run installs again.
LOCK := requirements/runtime.txt
DEV_LOCK := requirements/dev.txt
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | sha1sum | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat pyproject.toml $(DEV_LOCK) | sha1sum | cut -c1-12)
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet
PYTEST_ARGS ?=

.PHONY: run test check install install-dev tour clean lock deps-latest audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(DEV_STAMP): $(BIN)/python pyproject.toml $(DEV_LOCK)
	$(BIN)/pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP) $(DEV_STAMP)

$(BIN)/uv: $(BIN)/python
	$(BIN)/pip install --quiet "uv>=0.4"

## make lock: write the lock files again from pyproject.toml (after adding a dependency); the
## versions already locked are kept where they still fit
lock: $(BIN)/uv
	$(UV_COMPILE) -o $(LOCK)
	$(UV_COMPILE) --extra dev --extra bench -o $(DEV_LOCK)

## make deps-latest: what the newest versions would change (a report, not a gate)
deps-latest: $(BIN)/uv
	$(UV_COMPILE) --extra dev --extra bench --upgrade -o $(VENV)/latest.txt
	@diff <(grep -E '^[a-z0-9].*==' $(DEV_LOCK) | sed 's/ .*//') \
	      <(grep -E '^[a-z0-9].*==' $(VENV)/latest.txt | sed 's/ .*//') \
	  && echo "no dependency moves" || echo "(< locked, > newest)"

## make audit: known vulnerabilities in the locked runtime packages (pip-audit; needs network
## to the advisory database, so a scheduled job for operators, not a CI gate)
audit: $(BIN)/python
	$(BIN)/pip install --quiet "pip-audit>=2.7,<3"
	$(BIN)/pip-audit --require-hashes --disable-pip --progress-spinner off -r $(LOCK)

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
