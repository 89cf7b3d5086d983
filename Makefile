# Two commands for a newcomer: `make demo` (install, load the demo municipality, run it)
# and `make test` (install, run the whole suite). Nothing else is needed on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql://postgres@127.0.0.1:5432/socialstyring

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser demo lint test test-postgres bench clean

install: $(VENV)/.installed

# Browser tests drive Debian's Chromium (no browser download); poppler gives pdftotext.
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils >/dev/null; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

demo: install
	$(BIN)/socialstyring demo
	@echo "Log ind på http://127.0.0.1:8000/ som oekonomi, leder, raadgiver, laeser eller admin (adgangskode: demo)"
	$(BIN)/socialstyring serve --host 127.0.0.1 --port 8000

# Lint, format and types first: a change that fails them fails the test command.
lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

test: install browser lint
	$(BIN)/python -m pytest

test-postgres: install browser
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
