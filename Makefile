# Two commands for a newcomer: `make demo` (install, load the demo municipality, run it)
# and `make test` (install, run the whole suite). Nothing else is needed on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql://postgres@127.0.0.1:5432/socialstyring
LOCALE := src/socialstyring/locale
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/*.po))

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser demo lint test test-postgres bench messages vendor clean

install: $(VENV)/.installed $(CATALOGUES)

# Browser tests drive Debian's Chromium (no browser download); poppler gives pdftotext;
# nginx stands in front of the app in the deployment test (tests/browser/test_proxy.py).
browser:
	@{ command -v chromium && command -v pdftotext && command -v soffice && { command -v nginx || test -x /usr/sbin/nginx; }; } \
		>/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq chromium poppler-utils nginx-light libreoffice-writer-nogui >/dev/null; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	$(BIN)/python -m socialstyring.i18n
	touch $@

# The translation catalogues (.mo is not tracked): compiled again when a .po changes.
$(LOCALE)/%.mo: $(LOCALE)/%.po | $(VENV)/.installed
	$(BIN)/python -m socialstyring.i18n

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

# Developers only (needs GNU gettext): collect new and changed strings into the .po files.
messages: install
	cd src/socialstyring && SOCIALSTYRING_DATA_DIR=$(CURDIR)/var \
		DJANGO_SETTINGS_MODULE=socialstyring.web.settings $(CURDIR)/$(BIN)/django-admin \
		makemessages -l da --add-location=file --no-obsolete --no-wrap --ignore 'storage/migrations/*'
	$(BIN)/python -m socialstyring.i18n

# Developers only (needs npm): vendor the design system (DKFDS) and axe-core again; the
# results are committed, so nobody else needs npm (docs/web.md).
vendor:
	scripts/vendor_dkfds.sh

clean:
	rm -rf $(VENV) .pytest_cache $(CATALOGUES)
