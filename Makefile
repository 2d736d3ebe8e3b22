# The two commands: `make demo` (install, then the main job) and `make test` (install, then the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SCALE ?= 1

# Debian packages the docs site and its browser test need: Graphviz draws the lineage pictures,
# Chromium runs the browser test (Playwright drives it; no browser is ever downloaded).
SYSTEM_PACKAGES := graphviz:dot chromium:chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8080

.PHONY: install system-deps demo test lint bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

system-deps:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
	    command -v "$${pair#*:}" >/dev/null 2>&1 || missing="$$missing $${pair%%:*}"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# generate -> build -> docs -> serve: prints the URL and a summary, serves until Ctrl-C.
demo: install system-deps
	$(BIN)/dental demo --scale $(SCALE) --to duckdb:///data/warehouse.duckdb --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src

test: lint system-deps
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/generate_load.py
	$(BIN)/python bench/dbt_build.py
	$(BIN)/python bench/docs_site.py

clean:
	rm -rf $(VENV) data site test-results
