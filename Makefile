# clusterlib: `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
QUARTER ?= 2019Q2
STAMP := $(VENV)/.installed
# The fits multiply tiny matrices: extra BLAS threads only add contention on 2 cores.
export OPENBLAS_NUM_THREADS ?= 1

.DEFAULT_GOAL := help
.PHONY: help setup report test lint format lock bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (or make PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@# -qq: errors only; setuptools prints a general notice on every editable install
	$(BIN)/python -m pip install -qq --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) ## Create .venv/ and install the pinned dependencies and clusterlib

report: setup ## Run the quarterly batch on the embedded data (QUARTER=2019Q2) into reports/
	$(BIN)/clusterlib run --quarter $(QUARTER)

lint: setup ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The unit tests run on two pytest-xdist workers, a whole test file at a time (so a module's
# fixtures are built once): most of their time is notebook runs that leave a core idle.
test: lint ## Lint, unit tests, then nbval over notebooks/
	$(BIN)/python -m pytest -n 2 --dist loadfile tests
	$(BIN)/python -m pytest --nbval-lax notebooks -p no:cacheprovider

format: setup ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup ## Print the benchmark figures
	$(BIN)/python bench/forecast_bench.py

lock: setup ## Re-pin requirements.lock from the current venv
	{ head -1 requirements.lock; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^clusterlib'; } \
		> requirements.lock.new && mv requirements.lock.new requirements.lock

clean: ## Remove the venv and generated reports
	rm -rf $(VENV) reports
