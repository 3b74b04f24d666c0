# Two commands: `make run` (install, load the demo, serve at http://127.0.0.1:8000) and
# `make test` (install, lint, evaluate the analysis, run the suite on SQLite and PostgreSQL).
# `make test-fast`: the inner loop — the suite without the `slow` tests, on SQLite only, no lint or eval.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
# pytest-xdist: one worker a core (PYTEST_WORKERS=0 runs in one process); the test database and the
# whole demo are built once a run and copied into the other worker (tests/conftest.py: SharedDatabase);
# tests handed out a few at a time, the slow ones first (tests/conftest.py: pytest_collection_modifyitems)
PYTEST_WORKERS ?= 2
XDIST = -n $(PYTEST_WORKERS) --maxschedchunk 4
# the test passes may write bytecode even where the shell says not to (PYTHONDONTWRITEBYTECODE=1):
# without it each pytest process compiles the sources and rewrites every test module's asserts
# again, 7 s of CPU a worker instead of 3.5 (the __pycache__ folders are git-ignored)
PYTEST_ENV = env -u DATABASE_URL -u PYTHONDONTWRITEBYTECODE

.PHONY: install run test test-fast lint eval test-sqlite test-postgres check-data bench

PO = src/ccnt/tracker/locale/en/LC_MESSAGES/django.po

$(BIN)/.installed: pyproject.toml scripts/system-packages.txt package.json package-lock.json $(PO)
	bash scripts/install_system_deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	npm ci --no-audit --no-fund --loglevel=error
	msgfmt --check -o $(PO:.po=.mo) $(PO)
	touch $@

install: $(BIN)/.installed
	@bash scripts/install_system_deps.sh

run: install
	$(BIN)/ccnt demo
	$(BIN)/ccnt serve 127.0.0.1:8000

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/lint-imports --no-cache --no-logo  # the import contracts of pyproject.toml

eval: install
	$(BIN)/ccnt eval --min-f1 0.85 --min-jurisdiction 0.98

test-sqlite: install
	$(PYTEST_ENV) $(BIN)/pytest $(XDIST)

test-fast: install
	$(PYTEST_ENV) $(BIN)/pytest -m "not slow" $(XDIST)

test-postgres: install
	@if $(BIN)/python scripts/wait_for_postgres.py "$(PG_TEST_URL)"; then \
		$(PYTEST_ENV) CCNT_DATABASE_TESTS_ONLY=1 DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest $(XDIST); \
	elif [ "$$CI" = "true" ]; then echo "PostgreSQL is not reachable at $(PG_TEST_URL)" >&2; exit 1; \
	else echo "skipping the PostgreSQL pass: no server at $(PG_TEST_URL)"; fi

check-data: install
	BIN=$(BIN) PG_TEST_URL="$(PG_TEST_URL)" bash scripts/check_data.sh

bench: install
	$(BIN)/python scripts/bench_analysis.py

# lint and eval first (seconds; a failure stops the run before the long parts). check-data's two
# demo builds (single processes, ~45 s on SQLite and ~100 s on PostgreSQL; the SQLite one then embeds
# the demo for meaning search, CI's one embedding step, ~10-15 min) then run beside the
# SQLite pass, whose workers spend much of their time waiting on the servers, browsers and child
# processes its tests start: the builds use that idle CPU instead of holding up the suite for
# their own two minutes (-Oline: check_data.sh prints its logs when done, whole lines each).
# Rejected: check-data beside the PostgreSQL pass, whose database tests keep both cores busy.
test: install
	$(MAKE) --no-print-directory -j2 -O lint eval
	$(MAKE) --no-print-directory -j2 -Oline check-data test-sqlite
	$(MAKE) --no-print-directory test-postgres
