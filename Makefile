# scorepack: `make demo` and `make test` work on a fresh Debian/Ubuntu machine
# that has only Python 3.11+, git and make. Each first checks the system
# packages it needs (scripts/system-packages: installed with apt-get as root,
# otherwise one message naming the command), then sets up .venv from the lock
# file, so every install gets exactly the versions the suite passed with.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
STAMP  := $(VENV)/.installed
AXE    := node_modules/axe-core/axe.min.js
OUT    ?= out/demo
SIM    ?= .cache/simulated-seed1-scale1
PACK   ?= json,markdown,html,pdf,xlsx

.PHONY: demo test lint format bench clean setup upgrade python-version system-demo system-test

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || \
		{ echo "scorepack needs Python 3.11 or newer as '$(PYTHON)' (make PYTHON=python3.12 …)" >&2; exit 1; }

system-demo: python-version
	@PYTHON=$(PYTHON) scripts/system-packages demo

system-test: python-version
	@PYTHON=$(PYTHON) scripts/system-packages test

setup: system-demo $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(AXE): package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

# 1. The reference report, reproduced from the preset's own figures.
# 2. A simulated authority (simulated once, then cached), computed from its records.
demo: system-demo $(STAMP)
	@echo "== The Kent March 2016 reference scorecard, from the preset's figures"
	$(BIN)/scorepack build --preset kent-scs-2016 --period 2016-03 --format $(PACK) --out $(OUT)/reference
	@echo "== A simulated authority, computed from child-level records"
	@test -f $(SIM)/.scorepack-simulation -a -f $(SIM)/units.csv || $(BIN)/scorepack simulate --out $(SIM) --seed 1 --scale 1
	$(BIN)/scorepack build --records $(SIM) --units $(SIM)/units.csv --preset kent-scs-2016 --period 2016-03 --format $(PACK) \
		--units-scope all --quiet --out $(OUT)/simulated
	$(BIN)/python scripts/demo-publish $(SIM) .cache/demo-store.sqlite $(OUT)/published $(PACK)
	@echo "== Done: the reference pack is in $(OUT)/reference, the simulated one in $(OUT)/simulated,"
	@echo "   and the simulated March 2016 as published (previous results from the store) in $(OUT)/published."
	@echo "   The web app: .venv/bin/scorepack users demo --store .cache/demo-store.sqlite, then"
	@echo "   .venv/bin/scorepack serve --store .cache/demo-store.sqlite and open http://127.0.0.1:8000/"

# The whole suite, PostgreSQL and Chromium tests included (the suite starts its
# own PostgreSQL server on loopback; see tests/pgserver.py).
test: system-test $(STAMP) $(AXE)
	$(BIN)/python -m pytest

lint: system-demo $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Refresh the lock file to the newest versions pyproject.toml allows; then run
# `make test` and commit requirements.lock with the change that needed it.
upgrade: $(STAMP)
	$(BIN)/pip-compile --quiet --upgrade --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -o $(LOCK) pyproject.toml
	rm -f $(STAMP)
	$(MAKE) --no-print-directory setup

bench: system-test $(STAMP)
	$(BIN)/python bench/bench_simulate.py --scales 1 10
	$(BIN)/python bench/bench_measures.py --scale 1
	$(BIN)/python bench/bench_measures.py --scale 10
	$(BIN)/python bench/bench_engines.py --scale 1
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_publish.py
	$(BIN)/python bench/bench_web.py --think 1

clean:
	rm -rf $(VENV) out .cache .pytest_cache .mypy_cache .ruff_cache node_modules
