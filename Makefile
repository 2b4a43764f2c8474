VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Each jurisdiction is its own distribution; development installs the core and all of them.
PLUGINS := $(sort $(dir $(wildcard plugins/*/pyproject.toml)))

.PHONY: demo test lint clause-map bench clean

$(STAMP): pyproject.toml $(addsuffix pyproject.toml,$(PLUGINS))
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,postgresql]' $(addprefix -e ,$(PLUGINS))
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/qaward jurisdictions
	$(VENV)/bin/qaward check examples/org_kfq_electronics.yaml --as-of 2026-09-01
	$(VENV)/bin/qaward evaluate examples/cycle_ganzhou_city.yaml

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(PY) -m pytest -rs  # -rs: skipped tests say why (e.g. no PostgreSQL)

clause-map: $(STAMP)
	$(PY) tests/clausemap.py

bench: $(STAMP)
	$(PY) benchmarks/bench_check.py
	$(PY) benchmarks/bench_cycle.py

clean:
	rm -rf $(VENV) build *.egg-info
