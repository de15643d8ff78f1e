# Run `make` for the list of targets. Everything derived is rebuilt from data/, notebooks/ and src/.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
LAB := .venv-lab

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
	@# In a git checkout: readable notebook diffs, and the hooks that strip outputs before a commit.
	@if [ -d .git ]; then \
	  git config diff.ipynb.textconv "$(CURDIR)/$(PY) -m devtools.notebooks text"; \
	  $(VENV)/bin/pre-commit install --install-hooks >/dev/null; \
	fi
	@touch $@

.PHONY: test
test: check site $(LAB)/.installed ## run every test (make check, then the notebooks, JupyterLab, images, the PDF build, the site), on both cores
	@echo "==> test"
	@$(PY) -m pytest -n 2 --dist loadfile --durations=30

.PHONY: test-fast
test-fast: $(INSTALLED) ## the unit tests only (data, measures, words, story; no build, notebook or chart), on both cores
	@$(PY) -m pytest -n 2 -q -m "not slow"

.PHONY: check
check: $(INSTALLED) sysdeps ## fail on stale review artifacts, notebooks saved with outputs, lint (code, layers, CI workflow)
	@echo "==> check: review artifacts, notebooks, lint"
	@status=0; \
	$(PY) -m devtools.artifacts check || status=1; \
	$(PY) -m devtools.notebooks check notebooks/*.ipynb || status=1; \
	$(VENV)/bin/ruff check --quiet . || status=1; \
	$(VENV)/bin/ruff format --check --quiet . || { echo "run: $(VENV)/bin/ruff format ." >&2; status=1; }; \
	$(VENV)/bin/actionlint .github/workflows/*.yml || status=1; \
	$(VENV)/bin/lint-imports --no-cache >/dev/null || { $(VENV)/bin/lint-imports --no-cache; status=1; }; \
	$(PY) -m analysis.data.package check || status=1; \
	$(VENV)/bin/frictionless validate datapackage.json >/dev/null || { $(VENV)/bin/frictionless validate datapackage.json; status=1; }; \
	exit $$status

.PHONY: figures
figures: $(INSTALLED) ## refresh the review artifacts under review/ (charts per language, numbers)
	@$(PY) -m devtools.artifacts write

# One variant per incident of data/incidents.csv and per language of the catalogue, and the
# comparison per language: reports/<incident_id>-<lang>.html/.pdf and reports/comparison-<lang>.*.
LANGS := $(basename $(notdir $(wildcard src/analysis/catalogue/*.toml)))
INCIDENTS := $(shell awk -F, 'NR > 1 && $$1 != "" {print $$1}' data/incidents.csv)
VARIANTS := $(foreach i,$(INCIDENTS),$(foreach l,$(LANGS),$(i)-$(l))) $(foreach l,$(LANGS),comparison-$(l))
# Each variant's reviewer annex (every fact's data row and page) sits beside it under provenance/.
REPORTS := $(foreach v,$(VARIANTS),reports/$(v).html reports/$(v).pdf reports/provenance/$(v).html)
# What the report imports: the package, its catalogue and templates, and its data. The
# development tools (src/devtools) and the website (analysis.site, templates/site) are not part of
# it, so editing them rebuilds no report.
SITE_CODE := $(wildcard src/analysis/site/*.py src/analysis/templates/site/*)
# Every module at any depth (data/schemas/, report/charts/): a wildcard of fixed depth misses a
# subpackage, and an edit there would leave the reports stale.
PACKAGE_PY := $(filter-out $(SITE_CODE),$(shell find src/analysis -name '*.py' -not -path '*/__pycache__/*' | sort))
CODE_INPUTS := $(PACKAGE_PY) $(wildcard src/analysis/catalogue/*) \
	$(filter-out $(SITE_CODE),$(wildcard src/analysis/templates/*/*))
# A variant's data is its stamp, build/inputs/<variant>.digest: the digest of its own incident's
# rows and the shared files (analysis.data.inputs), rewritten by make report only when it changes,
# so an edited Zaif row rebuilds Zaif's variants and the comparison's alone. Without a stamp yet
# (a variant asked for by name before any make report), every data file counts.
STAMPS := build/inputs
data_of = $(or $(wildcard $(STAMPS)/$1.digest),$(wildcard data/*.csv))

.PHONY: report
report: $(INSTALLED) ## build every report variant as HTML and PDF under reports/ (make -j2 for both cores)
	@mkdir -p build; run=$$(mktemp -d build/.report-run.XXXXXX); trap 'rm -rf "$$run"' EXIT; status=0; \
	summary() { $(PY) -m analysis.build.publishing summary "$$run" --out reports $(VARIANTS) "$$@"; }; \
	trap 'echo "==> report: interrupted; what this run did to reports/"; summary --failed; exit 130' INT TERM HUP; \
	$(PY) -m analysis.build.stamps --out $(STAMPS) $(VARIANTS) || exit $$?; \
	REPORT_RUN=$$run $(MAKE) --no-print-directory report-files || status=$$?; \
	echo "==> report: what this run did to reports/"; \
	summary $$([ $$status = 0 ] || echo --failed); \
	exit $$status

# The files themselves; make report adds the summary of what was published and what was kept.
# Under make report (REPORT_RUN set) the rules below only queue the variants that are out of date,
# and one build process then builds them all: papermill, nbconvert, the package and Chromium are
# started once per run instead of once per variant. Its parallelism is make's -j.
.PHONY: report-files
report-files: $(REPORTS)
	@if [ -n "$${REPORT_RUN:-}" ] && [ -s "$$REPORT_RUN/queue" ]; then \
	  $(PY) -m analysis.build --queue "$$REPORT_RUN/queue" --out reports --build-dir build; fi

# make deletes a target whose recipe is interrupted; a published report must never go that way
# (analysis.build replaces both files together, or neither).
.PRECIOUS: $(REPORTS)

.PHONY: thumbnails
thumbnails: report ## refresh review/pages/ (page 1 of every report as PNG) and the README's gallery
	@$(PY) -m devtools.thumbnails write $(VARIANTS)

.PHONY: variants
variants: ## list the report variants make report builds
	@printf '%s\n' $(VARIANTS)

# The three files come from one run (a grouped pattern rule). A failed run leaves reports/ as it was.
# This machine sets PYTHONDONTWRITEBYTECODE: without compiled files every process of the build
# (driver and kernel, per variant) would compile the package again.
BYTECODE := build/.bytecode
$(BYTECODE): $(PACKAGE_PY) $(INSTALLED)
	@mkdir -p build
	@$(PY) -m compileall -q src/analysis
	@touch $@

# A notebook's edit rebuilds only its own variants (make picks the rule with the shorter stem).
# Asked for by name (make reports/x.pdf), a variant is built at once.
build_or_queue = $(if $(REPORT_RUN),printf '%s %s\n' $1 $2 >> $(REPORT_RUN)/queue,$(PY) -m analysis.build $1 --notebook $2 --out reports --build-dir build)

.SECONDEXPANSION:
reports/comparison-%.html reports/comparison-%.pdf reports/provenance/comparison-%.html: notebooks/comparison.ipynb $(CODE_INPUTS) $$(call data_of,comparison-$$*) $(INSTALLED) $(BYTECODE) | sysdeps
	@$(call build_or_queue,comparison-$*,$<)

reports/%.html reports/%.pdf reports/provenance/%.html: notebooks/incident.ipynb $(CODE_INPUTS) $$(call data_of,$$*) $(INSTALLED) $(BYTECODE) | sysdeps
	@$(call build_or_queue,$*,$<)

# The website: site/ from the built reports (brought up to date first by make report), their page-1
# thumbnails (review/pages), the data and datapackage.json, the report code that words the cards and
# draws the charts, and the site's own code and templates. Nothing changed: nothing runs. Something
# changed: analysis.site writes only the files whose bytes change, draws again only the charts of
# the reports whose code or data changed (their cache: build/site) and indexes the search again
# only when a report page changed.
SITE := site
SITE_STAMP := $(SITE)/.built
SITE_INPUTS := $(REPORTS) $(wildcard review/pages/*.png) $(wildcard data/*.csv data/README.md) datapackage.json \
	$(CODE_INPUTS) $(SITE_CODE) $(INSTALLED)

.PHONY: site
site: report ## build the website under site/: a home page per language, every report, charts' numbers, data, search
	@$(MAKE) --no-print-directory site-files

# The site from the reports as they are (make site brings them up to date first).
.PHONY: site-files
site-files: $(SITE_STAMP)

$(SITE_STAMP): $(SITE_INPUTS)
	@echo "==> site: building $(SITE)/ (open $(SITE)/index.html, or serve it: python3 -m http.server -d $(SITE))"
	@$(PY) -m analysis.site --out $(SITE) --reports reports --thumbnails review/pages --cache build/site
	@touch $@

.PHONY: numbers
numbers: $(INSTALLED) ## check the data and print the durations and compensation figures
	@$(PY) -m analysis

$(LAB)/.installed: requirements-lab.txt $(INSTALLED)
	@echo "==> lab: creating $(LAB) with JupyterLab and registering the project's kernel"
	@test -x $(LAB)/bin/python || $(PYTHON) -m venv $(LAB)
	@$(LAB)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	@# The notebooks ask for "python3": in this environment that name runs .venv's Python.
	@$(PY) -m ipykernel install --prefix $(LAB) --name python3 --display-name "Python 3 (coincheck report)" >/dev/null
	@# No news prompt and no update check: the plugin that asks is off in this environment only.
	@$(LAB)/bin/jupyter labextension disable --level=sys_prefix "@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
	@touch $@

# JupyterLab refuses to start as root unless told; root is the default user of our machines and containers.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab
lab: $(LAB)/.installed ## open JupyterLab on notebooks/ with the project's kernel
	@$(LAB)/bin/jupyter lab --notebook-dir=notebooks $(LAB_ROOT) \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $(LAB_ARGS)

.PHONY: lab-check
lab-check: $(LAB)/.installed ## run every notebook top to bottom on the kernel make lab uses
	@for nb in notebooks/*.ipynb; do echo "==> lab-check: $$nb"; \
	  $(LAB)/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3 \
	    --output-dir build/lab-check "$$nb" || exit 1; done

.PHONY: bench
bench: $(INSTALLED) sysdeps ## time make report (from clean and no-op) against a no-Jupyter floor; peak memory
	@$(PY) -m devtools.bench

.PHONY: clean
clean: ## remove everything derived (the environment stays)
	rm -rf build reports .pytest_cache

# Debian packages the report needs: a browser to print PDFs, each language's fonts for the text
# around the charts (its catalogue's font_packages; the charts bring their own font), and poppler to
# check the PDFs' text.
FONT_PACKAGES := $(shell awk -F'"' '/^font_packages/ {for (i = 2; i < NF; i += 2) print $$i}' \
	src/analysis/catalogue/*.toml | sort -u)
DEB_PACKAGES := chromium $(FONT_PACKAGES) poppler-utils
.PHONY: sysdeps
sysdeps: ## install the Debian packages the PDF needs (chromium, a CJK font, poppler-utils)
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "==> sysdeps: installing Debian packages:" $$missing; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null) \
	      || { echo "sysdeps: apt-get failed; install these Debian packages and run make again: $$missing" >&2; exit 1; }; \
	  else \
	    echo "sysdeps: missing Debian packages: $$missing" >&2; \
	    echo "install them with:  sudo apt-get install --no-install-recommends $$missing" >&2; exit 1; \
	  fi; \
	fi
