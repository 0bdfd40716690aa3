# Collectief: the two everyday commands are `make run` and `make test`.
# Every target creates the virtual environment first when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run install migrate demo test test-url check e2e bench messages chromium clean help

help:
	@echo "make run     install, migrate, load the demo data and serve http://$(HOST):$(PORT)"
	@echo "make test    run the test suite on SQLite (and on DATABASE_URL when it is set)"
	@echo "make check   ruff, mypy, import layers, migrations and translations"
	@echo "make e2e     browser tests with Chromium and axe-core"
	@echo "make bench   run the benchmarks in bench/"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

# The catalogues are compiled when a .po file is newer than its .mo (or the
# .mo is missing), not by every target: CI runs `make check` beside servers
# that read them (.ci/run), and a .mo is written in place.
PO_FILES := $(shell find collectief -path '*/locale/*/LC_MESSAGES/django.po')
MO_FILES := $(PO_FILES:.po=.mo)

install: $(STAMP) $(MO_FILES)
	$(BIN)/collectief signals warmup

# One grouped target: the command compiles every catalogue, so it runs once
# however many .mo files are missing (a fresh clone has none).
$(MO_FILES) &: $(PO_FILES) | $(STAMP)
	$(BIN)/collectief translations compile

migrate: install
	mkdir -p var
	$(BIN)/collectief migrate --noinput
	$(BIN)/collectief createcachetable

demo: migrate
	$(BIN)/collectief demo

# The demo logins come last, once the server listens, below all install output.
run: migrate
	$(BIN)/collectief demo --no-logins
	$(BIN)/collectief runserver --demo-logins $(HOST):$(PORT)

# The suite always runs on the embedded SQLite database; when DATABASE_URL
# is set it runs a second time against that database (PostgreSQL in CI).
# Coverage of collectief/ is measured on the SQLite run and printed (report only).
# It costs time (docs/CONTRIBUTING.md); `make test COV=` runs without it.
COV ?= --cov --cov-report=term
test: install
	env -u DATABASE_URL $(BIN)/pytest -n 2 -p no:cacheprovider $(COV)
ifdef DATABASE_URL
	$(BIN)/pytest -n 2 -p no:cacheprovider
endif

test-url: install
	@test -n "$(DATABASE_URL)" || (echo "DATABASE_URL is not set" && exit 2)
	$(BIN)/pytest -n 2 -p no:cacheprovider

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy collectief bench tests_e2e
	$(BIN)/lint-imports
	env -u DATABASE_URL $(BIN)/collectief makemigrations --check --dry-run
	$(BIN)/collectief translations check

messages: install
	$(BIN)/collectief translations update

chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libharfbuzz-subset0)

# Two processes, each with its own Chromium, live server and database: one
# process leaves a core idle while the browser lays out a page.
e2e: install chromium
	env -u DATABASE_URL DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest tests_e2e -n 2 -p no:cacheprovider -o addopts="-q --strict-markers"

bench: install
	$(BIN)/collectief bench all

clean:
	rm -rf $(VENV) var staticfiles
