# Two set-up commands: `make demo` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench dagster validate clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rightswatch demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m rightswatch.bench

dagster: $(STAMP)
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/var/dagster} sh -c 'mkdir -p "$$DAGSTER_HOME" && cp -n dagster.yaml "$$DAGSTER_HOME/" 2>/dev/null; exec $(BIN)/dagster dev'

validate: $(STAMP)
	$(BIN)/dagster definitions validate

clean:
	rm -rf var .pytest_cache
