# scorepack: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out/demo
SIM    ?= .cache/simulated-seed1-scale1
PACK   ?= json,markdown,html,pdf,xlsx

.PHONY: demo test lint format bench clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# 1. The reference report, reproduced from the preset's own figures.
# 2. A simulated authority (simulated once, then cached), computed from its records.
demo: $(STAMP)
	@echo "== The Kent March 2016 reference scorecard, from the preset's figures"
	$(BIN)/scorepack build --preset kent-scs-2016 --period 2016-03 --format $(PACK) --out $(OUT)/reference
	@echo "== A simulated authority, computed from child-level records"
	@test -f $(SIM)/.scorepack-simulation || $(BIN)/scorepack simulate --out $(SIM) --seed 1 --scale 1
	$(BIN)/scorepack build --records $(SIM) --preset kent-scs-2016 --period 2016-03 --format $(PACK) \
		--units-scope all --quiet --out $(OUT)/simulated
	@echo "== Done: the reference pack is in $(OUT)/reference and the simulated one in $(OUT)/simulated"

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(STAMP)
	$(BIN)/python bench/bench_simulate.py --scales 1 10
	$(BIN)/python bench/bench_measures.py --scale 1
	$(BIN)/python bench/bench_measures.py --scale 10
	$(BIN)/python bench/bench_engines.py --scale 1
	$(BIN)/python bench/bench_render.py

clean:
	rm -rf $(VENV) out .cache .pytest_cache .mypy_cache .ruff_cache
