PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch's default wheel brings ~3 GB of CUDA libraries the learned opinion reader never uses;
	# 2.13.0 resolves to the CPU build where the machine image ships one (/opt/wheels)
	$(BIN)/python -m pip install -q 'torch==2.13.0'
	$(BIN)/python -m pip install -q -e '.[dev,bench,model]'
	touch $@

setup: $(STAMP)

## The main job: a brief of seeds/ with the embedded engine, into out/<today>/
run: setup
	$(BIN)/brief run seeds --engine extractive

lint: setup
	$(BIN)/ruff check brief tests bench training
	$(BIN)/ruff format --check brief tests bench training
	$(BIN)/mypy

## The whole test suite (lint and types included)
test: lint
	$(BIN)/pytest -q

## Every benchmark; QUICK=1 for the small version
bench: setup
	$(BIN)/python -m bench $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) out bench/results
