VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
# qaward needs Python >= 3.11 (pyproject's requires-python). A .venv made by an older one (say a
# first `make demo` with 3.10) is removed here, before anything runs, and rebuilt below.
NEW_ENOUGH := import sys; sys.exit(sys.version_info < (3, 11))
ifneq ($(wildcard $(PY)),)
ifneq ($(shell $(PY) -c '$(NEW_ENOUGH)' >/dev/null 2>&1 && echo ok),ok)
$(info $(VENV) was made by $(shell $(PY) --version 2>&1); qaward needs Python >= 3.11: rebuilding it)
$(shell rm -rf $(VENV))
endif
endif
STAMP := $(VENV)/.installed-stamp
# Each jurisdiction is its own distribution; development installs the core and all of them.
PLUGINS := $(sort $(dir $(wildcard plugins/*/pyproject.toml)))

.PHONY: demo test lint typecheck clause-map bench bench-screen clean

$(STAMP): pyproject.toml $(addsuffix pyproject.toml,$(PLUGINS))
	@$(PYTHON) -c '$(NEW_ENOUGH)' || { echo "qaward needs Python >= 3.11; $(PYTHON) is" \
		"$$($(PYTHON) --version 2>&1). Run e.g. make PYTHON=python3.12" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,postgresql,report,screen,distributed,serve]' $(addprefix -e ,$(PLUGINS))
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/qaward jurisdictions
	$(VENV)/bin/qaward check examples/org_kfq_electronics.yaml --as-of 2026-09-01
	$(VENV)/bin/qaward evaluate examples/cycle_ganzhou_city.yaml

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy resolves the core and each plugin by folder name ([tool.mypy] in pyproject.toml).
typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: lint typecheck
	$(PY) -m pytest -rs  # -rs: skipped tests say why (e.g. no PostgreSQL)

clause-map: $(STAMP)
	$(PY) tests/clausemap.py

# Every row of the speed table in one run, ratios against references measured in the same run;
# OpenFisca-Core (the bench extra) is the optional reference: the rows run without it.
bench: $(STAMP)
	-$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/bench_speed.py
	$(PY) benchmarks/bench_cycle.py

# Screening 1,000,000 generated organisations against the five awards (several minutes; N=...
# for fewer): compiled path, a hand-written polars encoding, OpenFisca-Core, a Dask LocalCluster.
bench-screen: $(STAMP)
	-$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/bench_screen.py $(N)

clean:
	rm -rf $(VENV) build *.egg-info
