# Two entry points: `make demo` and `make test`. Everything else is a helper target.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo test install lint ci clean

$(BIN)/terbuka: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/terbuka

demo: install
	$(BIN)/terbuka migrate --no-input
	$(BIN)/terbuka load_regions
	$(BIN)/terbuka load_demo
	$(BIN)/terbuka run_demo --addr $(HOST)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/terbuka makemigrations --check --dry-run

ci:
	.ci/run

clean:
	rm -rf $(VENV) var/
