# rdzl-graph: `make run` builds the graph and writes the site, `make test` runs the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

venv: $(BIN)/python

run: venv
	$(BIN)/pip install -q -e '.[notebooks]'
	$(BIN)/rdzl-graph build
	$(BIN)/rdzl-graph circles --format trig -o build/analysis/circles.trig
	$(BIN)/rdzl-graph editions --timeline
	$(BIN)/rdzl-graph site
	$(BIN)/rdzl-graph docs

test: venv
	$(BIN)/pip install -q -e '.[test]'
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing Debian chromium"; \
		apt-get update && apt-get install -y chromium; \
	fi
	@if [ ! -x /usr/bin/virtuoso-t ]; then \
		echo "installing Debian virtuoso-opensource (endpoint tests)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource; \
	fi
	$(BIN)/python -m pytest -q

clean:
	rm -rf build dist *.egg-info .pytest_cache
