# Two commands for a newcomer: `make demo` (install, load the demo municipality, run it)
# and `make test` (install, run the whole suite). Nothing else is needed on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql://postgres@127.0.0.1:5432/socialstyring

.PHONY: install demo test test-postgres bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

demo: install
	$(BIN)/socialstyring demo
	$(BIN)/socialstyring forecast

test: install
	$(BIN)/python -m pytest

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache
