# Two set-up commands: `make demo` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench dagster validate clean kill-test fuzz-long redis postgres serve desk-shots

# Set-up says what it does: it runs once (again when pyproject.toml changes) and takes 1-3 minutes.
$(STAMP): pyproject.toml
	@echo "setting up $(VENV) for rightswatch (once; 1-3 minutes):"
	@test -x $(BIN)/python || (echo "  creating the virtual environment $(VENV) with $(PYTHON)" && $(PYTHON) -m venv $(VENV))
	@echo "  upgrading pip (older ones skip optional extras such as lxml's html_clean)"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "  installing rightswatch in editable mode with its dependencies from pyproject.toml:"
	@echo "    Scrapy, Dagster (+ webserver, DuckDB and PostgreSQL resources), DuckDB, trafilatura, htmldate,"
	@echo "    feedparser, pypdf, warcio, py3langid, pycld2, langdetect, rensa, matplotlib, apprise, redis,"
	@echo "    Starlette and uvicorn (the desk);"
	@echo "    for tests: pytest, hypothesis, aiosmtpd, fpdf2, datasketch, pillow, websockets"
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@echo "  unpacking the language-id model once into the user cache"
	@$(BIN)/python -c 'from workflows import langid_cache; langid_cache.prepare()'
	@touch $(STAMP)
	@echo "  done: $(BIN)/rightswatch"

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rightswatch demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The read-only desk over the home's warehouse (./var after `make demo`); DESK_PORT=N, DESK_HOST=ADDR.
serve: $(STAMP)
	$(BIN)/rightswatch serve --port $${DESK_PORT:-8787} --host $${DESK_HOST:-127.0.0.1}

# docs/desk/*.png: the screenshots of docs/desk.md, taken by the desk's browser test (headless Chromium).
desk-shots: $(STAMP)
	RIGHTSWATCH_DESK_SHOTS=$(CURDIR)/docs/desk $(BIN)/python -m pytest -q -p no:cacheprovider tests/desk/test_desk_browser.py

bench: $(STAMP)
	$(BIN)/python -m bench

dagster: $(STAMP)
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/var/dagster} sh -c 'mkdir -p "$$DAGSTER_HOME" && cp -n dagster.yaml "$$DAGSTER_HOME/" 2>/dev/null; exec $(BIN)/dagster dev'

# Debian packages the scale-out tests and the workers bench use (docs/scaling.md); skipped when present.
APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
redis:
	command -v redis-server >/dev/null || ($(APT_INSTALL) redis-server >/dev/null)

postgres:
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ($(APT_INSTALL) postgresql >/dev/null)

validate: $(STAMP)
	$(BIN)/dagster definitions validate

# Reliability long runs (docs/reliability.md): 30 seeded SIGKILLs, 10,000+ fuzz cases.
kill-test: $(STAMP)
	$(BIN)/python -m tests.support.kill_harness --kills 30 --seed 11

fuzz-long: $(STAMP)
	RIGHTSWATCH_FUZZ_EXAMPLES=1500 $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz --hypothesis-show-statistics

clean:
	rm -rf var .pytest_cache
