# The two commands: `make demo` (install, then the main job) and `make test` (install, then the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SCALE ?= 1

.PHONY: install demo test lint bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

demo: install
	$(BIN)/dental generate --scale $(SCALE) --to duckdb:///data/warehouse.duckdb
	$(BIN)/dental build --to duckdb:///data/warehouse.duckdb

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src

test: lint
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/generate_load.py
	$(BIN)/python bench/dbt_build.py

clean:
	rm -rf $(VENV) data site
