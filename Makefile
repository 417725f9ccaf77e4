# Remiss – the two commands that set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTANCE ?= instance
# abspath: INSTANCE=/abs/path stays itself, a relative one is under this checkout (walk16 #9)
export REMISS_INSTANCE_PATH ?= $(abspath $(INSTANCE))

.PHONY: run port-free test install migrate demo scheduler bench clean test-postgres templates screenshots accessibility

$(BIN)/remiss: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/remiss

migrate: install
	$(BIN)/remiss migrate

demo: migrate
	$(BIN)/remiss demo-data

## Stop before anything starts if another program already listens on the port: "körs på" would point at it (walk17 F1).
## SO_REUSEADDR as the server's own: a port left in TIME_WAIT by the last run counts as free.
port-free:
	@$(PYTHON) -c "import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
	  s.bind(('$(HOST)', $(PORT)))" 2>/dev/null || \
	  { echo "Porten $(PORT) används redan av ett annat program – välj en annan, t.ex. make run PORT=$$(($(PORT) + 1))"; exit 1; }

## Start the app on SQLite with mail written to files, demo data and a printed login.
HOST ?= 127.0.0.1
PORT ?= 5000
run: export REMISS_BASE_URL ?= http://$(HOST):$(PORT)
run: port-free demo
	@echo ""
	@echo "Remiss körs på $(REMISS_BASE_URL) – logga in med en demoinloggning ovan."
	@echo "E-post skrivs som .eml-filer till $(REMISS_INSTANCE_PATH)/mail/ (påminnelser: remiss scheduler)"
	@$(BIN)/remiss scheduler & SCHEDULER=$$!; \
	trap 'kill $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/remiss run --host $(HOST) --port $(PORT)

## Run the whole test suite on SQLite and, at the same time, its tests that touch a database on PostgreSQL when
## REMISS_TEST_DATABASE_URL is set or a server is found (scripts/test-passes.sh).
test: install
	@bash scripts/test-passes.sh

## Benchmarks against the budgets of bench/budgets.py, into bench/results.md: SQLite, then PostgreSQL when a
## server answers (REMISS_BENCH_DATABASE_URL, default remiss:remiss@localhost/remiss_bench, created if missing;
## its schema is rebuilt). SCALE=1 (default) is 100,000 remisser; SCALE=10 is 1,000,000 and compares with the
## scale-1 figures of bench/results-scale-1.json; SCALE=1,10 measures both in one run; SCALE=0.1 for a quick run.
## The throughput budget drives a gunicorn with wrk (Debian package), installed here when missing and we are
## root; without it a slower Python client stands in and bench/results.md says so.
SCALE ?= 1.0
bench: install
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }; }; } || \
		echo "wrk not installed (apt-get install wrk): the throughput budget is driven by a Python client instead"
	$(BIN)/python -m bench --scale $(SCALE)

## The browser tests again, writing the README's pictures to docs/screenshots/.
screenshots: install
	REMISS_SCREENSHOTS=1 $(BIN)/pytest -q -p no:cacheprovider tests/browser

## The accessibility crawl (every page per role at 320 px with axe, tests/browser/test_crawl.py); when it passes,
## it writes remiss/accessibility/verified.json, the tested facts the tillgänglighetsredogörelse shows. Commit that file.
accessibility: install
	REMISS_CONFORMANCE=1 $(BIN)/pytest -q -p no:cacheprovider tests/browser/test_crawl.py

templates: install
	$(BIN)/python -m remiss.documents.default_templates

clean:
	rm -rf $(VENV) $(INSTANCE) *.egg-info

## The reminder scheduler on its own (mail is sent by this process, never by web workers).
scheduler: migrate
	$(BIN)/remiss scheduler
