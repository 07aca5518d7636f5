# stdkg — every target creates and uses .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stdkg-installed
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: install system-deps demo test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Java, rapper, Virtuoso and Chromium for the integration tests (apt-get, when root or sudo).
system-deps:
	bash scripts/install-system-deps.sh

demo: install
	$(BIN)/stdkg build --out dist

test: install system-deps lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# make bench BENCH_ARGS="--sizes 10k --repeat 1" for a quick run
bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf dist .pytest_cache .mypy_cache .ruff_cache benchmarks/out
