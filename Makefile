# Run `make` for the list of targets. Everything derived is rebuilt from data/, notebooks/ and src/.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: setup
setup: $(INSTALLED) ## create .venv with the pinned packages (does nothing when up to date)

$(INSTALLED): requirements.txt pyproject.toml
	@echo "==> setup: creating $(VENV) and installing requirements.txt"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

.PHONY: test
test: $(INSTALLED) ## run every test
	@echo "==> test"
	@$(PY) -m pytest

.PHONY: numbers
numbers: $(INSTALLED) ## check the data and print the durations and compensation figures
	@$(PY) -m analysis

.PHONY: clean
clean: ## remove everything derived (the environment stays)
	rm -rf build reports .pytest_cache
