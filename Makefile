# Task runner. `make site` and `make test` are the README's two commands;
# each creates the virtual environment and installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
STAMP := $(VENV)/.installed
# DEPS=latest installs the newest releases pyproject.toml allows instead of the lock (the weekly CI job).
DEPS ?= locked

.PHONY: site test gate gate-zensical lint types unit serve generate validate bench mutation lock test-latest clean

ifeq ($(DEPS),latest)
$(STAMP): pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --upgrade -e '.[test]'
	$(BIN)/python -m pip list --format=freeze --exclude-editable
	touch $(STAMP)
else
# Exactly the locked set, every package pinned and its hash checked; the environment is made anew
# whenever the lock changes, so nothing outside the lock lingers in it.
$(STAMP): $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)
endif

## site: generate the Markdown and build the HTML site into site/ (MkDocs, strict)
site: $(STAMP)
	$(BIN)/python -m generator build

## test: everything CI checks: lint, types, unit/golden/error tests, the strict site build and the citation/link gate
test: lint types unit gate

## gate: build the shipped briefing strictly, then check its citations, coverage, links and URLs
gate: $(STAMP)
	$(BIN)/python -m generator build
	$(BIN)/python -m generator check --min-coverage 100

## gate-zensical: the same gate on a site built by Zensical (CI's second engine)
gate-zensical: $(STAMP)
	$(BIN)/python -m generator build --engine zensical
	$(BIN)/python -m generator check --min-coverage 100

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench .ci
	$(BIN)/ruff format --check generator tests bench .ci

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	HYPOTHESIS_PROFILE=$(or $(HYPOTHESIS_PROFILE),fixed) $(BIN)/pytest

## serve: live preview on http://127.0.0.1:8000, regenerating on every save
serve: $(STAMP)
	$(BIN)/python -m generator serve

generate validate: $(STAMP)
	$(BIN)/python -m generator $@

## bench: the scale benchmark (N = 1,000 and 5,000 events; BENCH_ARGS="--large --repeat 2" adds 10,000); prints a table
bench: $(STAMP)
	$(BIN)/python bench/benchmark.py $(BENCH_ARGS)

## mutation: mutation testing of the core (records, pages, checks), not part of `make test`: prints the score per
## module and every surviving mutant; results are cached in mutants/, so a second run re-tests only what changed
mutation: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/mutmut run --max-children $(or $(JOBS),2) > mutants-run.log 2>&1 \
		|| (tail -n 40 mutants-run.log; exit 1)
	$(BIN)/python .ci/mutation_report.py $(MUTATION_ARGS)

## lock: refresh requirements/lock.txt after changing a dependency in pyproject.toml (keeps every other pin);
## `make lock UPGRADE=1` moves every package to its newest release that the ranges allow
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --all-extras --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command 'make lock' --quiet $(if $(UPGRADE),--upgrade) -o $(LOCK)

## test-latest: the whole suite against the newest releases, without the lock (what the weekly CI job runs)
test-latest:
	$(MAKE) test DEPS=latest VENV=.venv-latest

clean:
	rm -rf build site .cache
