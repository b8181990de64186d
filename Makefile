# Task runner. `make site` and `make test` are the README's two commands;
# each creates the virtual environment and installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
STAMP := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.browser
# DEPS=latest installs the newest releases pyproject.toml allows instead of the lock (the weekly CI job).
DEPS ?= locked
# The briefing to build, serve and check: the folder holding its mkdocs.yml (its content/ beside it).
BRIEFING ?= .
RUN := $(BIN)/python -m generator
BRIEFING_ARGS := -f $(BRIEFING)/mkdocs.yml

.PHONY: site test gate gate-zensical lint types unit browser serve generate validate bench mutation lock test-latest clean

ifeq ($(DEPS),latest)
$(STAMP): pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --upgrade -r requirements/build.in
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
	$(RUN) build $(BRIEFING_ARGS)

## test: everything CI checks: lint, types, unit/golden/error tests, the strict site build and the citation/link gate
test: lint types unit gate

## gate: build the shipped briefing strictly, then check its citations, coverage, links and URLs
gate: $(STAMP)
	$(RUN) build $(BRIEFING_ARGS)
	$(RUN) check $(BRIEFING_ARGS) --min-coverage 100

## gate-zensical: the same gate on a site built by Zensical (CI's second engine)
gate-zensical: $(STAMP)
	$(RUN) build $(BRIEFING_ARGS) --engine zensical
	$(RUN) check $(BRIEFING_ARGS) --min-coverage 100

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench .ci
	$(BIN)/ruff format --check generator tests bench .ci

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(BROWSER_STAMP)
	HYPOTHESIS_PROFILE=$(or $(HYPOTHESIS_PROFILE),fixed) $(BIN)/pytest

## browser: the Chromium the browser tests drive: Debian's where it is or can be installed (CI runs as root),
## otherwise Playwright's own; the tests say how to get one when there is none
browser: $(BROWSER_STAMP)

$(BROWSER_STAMP): $(STAMP)
	@if command -v chromium >/dev/null 2>&1; then \
		echo "browser tests: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else \
		$(BIN)/python -m playwright install chromium; \
	fi
	touch $@

## serve: live preview on http://127.0.0.1:8000, regenerating on every save
serve: $(STAMP)
	$(RUN) serve $(BRIEFING_ARGS)

generate validate: $(STAMP)
	$(RUN) $@ $(BRIEFING_ARGS)

## bench: the scale benchmark (N = 1,000 and 5,000 events; BENCH_ARGS="--large --repeat 2" adds 10,000;
## BENCH_ARGS="--incremental 1000" times incremental rebuilds beside full ones); prints a table
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
