PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	touch $@

setup: $(STAMP)

## The main job: a brief of seeds/ with the embedded engine, into out/<today>/
run: setup
	$(BIN)/brief run seeds --engine extractive

lint: setup
	$(BIN)/ruff check brief tests bench
	$(BIN)/ruff format --check brief tests bench
	$(BIN)/mypy

## The whole test suite (lint and types included)
test: lint
	$(BIN)/pytest -q

## Every benchmark; QUICK=1 for the small version
bench: setup
	$(BIN)/python -m bench $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) out bench/results
