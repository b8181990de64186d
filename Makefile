# Task runner. `make site` and `make test` are the README's two commands;
# each creates the virtual environment and installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test gate lint types unit serve generate validate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: generate the Markdown and build the HTML site into site/ (MkDocs, strict)
site: $(STAMP)
	$(BIN)/python -m generator build

## test: everything CI checks: lint, types, unit/golden/error tests, the strict site build and the citation/link gate
test: lint types unit gate

## gate: build the shipped briefing strictly, then check its citations, coverage, links and URLs
gate: $(STAMP)
	$(BIN)/python -m generator build
	$(BIN)/python -m generator check --min-coverage 100

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

## serve: live preview on http://127.0.0.1:8000, regenerating on every save
serve: $(STAMP)
	$(BIN)/python -m generator serve

generate validate: $(STAMP)
	$(BIN)/python -m generator $@

## bench: the scale benchmark (N = 1,000 and 5,000 events; BENCH_ARGS="--large --repeat 2" adds 10,000, best of 2); prints a table
bench: $(STAMP)
	$(BIN)/python bench/benchmark.py $(BENCH_ARGS)

clean:
	rm -rf build site .cache
