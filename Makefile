# Two commands on a fresh machine with Python 3 and make:
#   make site   set up .venv from the locked requirements, then build the site into site/
#   make test   the same set-up plus test tools, then the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site serve test check review convert data lint format audit golden bench bench-search lock screenshots properdocs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installing is repeated only when a lock file changes.
$(VENV)/.site-installed: requirements/site.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/site.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	touch $@

site: $(VENV)/.site-installed
	@echo "building the site into site/"
	$(BIN)/onrecord build

# --dirty: after the first build, a correction rebuilds only the pages it changed.
serve: $(VENV)/.site-installed
	$(BIN)/onrecord convert
	$(BIN)/python -m mkdocs serve --dirty

# CHECK_ARGS adds options: `make check CHECK_ARGS="--format github"` writes the problems as
# GitHub workflow annotations (CI does).
CHECK_ARGS ?=
check: $(VENV)/.site-installed
	$(BIN)/onrecord check $(CHECK_ARGS)

convert: $(VENV)/.site-installed
	$(BIN)/onrecord convert

# The data downloads (CSV data package, SQLite database, Popolo people, JSON) into data/, as
# `make site` publishes them; `datasette data/` then opens the database with its descriptions.
data: $(VENV)/.site-installed
	$(BIN)/onrecord data

# What the working tree changes against BASE (a git revision: a pull request's base branch), and
# the changes a correction may not make. REVIEW_ARGS adds options (onrecord review --help), e.g.
# --format markdown. BASE is handed to the command as one quoted word, never as shell text.
BASE ?= origin/main
export BASE
REVIEW_ARGS ?=
review: $(VENV)/.site-installed
	$(BIN)/onrecord review "$$BASE" $(REVIEW_ARGS)

test: $(VENV)/.dev-installed lint tests/browser/node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest

# The code linted, formatted and typed, and the workflows checked for security: all clean.
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check scripts tools tests
	$(BIN)/ruff format --check scripts tools tests
	$(BIN)/mypy
	$(BIN)/zizmor --offline --min-severity low .github/workflows

audit: $(VENV)/.dev-installed
	$(BIN)/pip-audit --disable-pip --require-hashes -r requirements/site.txt -r requirements/dev.txt

# ProperDocs (the drop-in successor of MkDocs 1.x) must build the same site as MkDocs.
.venv-properdocs/.installed: requirements/properdocs.txt | $(BIN)/python
	$(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/properdocs.txt
	touch $@

properdocs: $(VENV)/.site-installed .venv-properdocs/.installed
	$(BIN)/onrecord convert
	$(BIN)/python -m tools.properdocs_check .venv-properdocs/bin/properdocs

# Screenshots of the home, a transcript, a speaker and an event page, desktop and phone.
screenshots: site $(VENV)/.dev-installed
	$(BIN)/python -m tools.screenshots site screenshots --scheme both

# The browser tests' accessibility checker (axe-core), when npm is available.
tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package-lock.json
	-command -v npm >/dev/null 2>&1 && npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

# The scale benchmark: the shipped archive grown with 1,000 and 10,000 synthetic transcripts,
# figures in bench/results.md (takes a while; never part of make test). BENCH_ARGS adds options
# (python -m tools.bench --help); `make bench-search` measures search alone.
BENCH_ARGS ?=
bench: $(VENV)/.dev-installed
	$(BIN)/python -m tools.bench --transcripts 1000 10000 --out bench/results.md $(BENCH_ARGS)

bench-search: $(VENV)/.dev-installed
	$(BIN)/python -m tools.bench --search-only --transcripts 10000 --out bench/search.md $(BENCH_ARGS)

# Format the code as make lint expects it.
format: $(VENV)/.dev-installed
	$(BIN)/ruff format scripts tools tests
	$(BIN)/ruff check --fix scripts tools tests

# Regenerate the golden Markdown of the seed transcripts and of the review after an intended
# change.
golden: $(VENV)/.dev-installed
	$(BIN)/python -m pytest tests/test_golden.py tests/test_review.py -k golden --update-golden

# Re-lock after editing requirements/*.in (needs the network).
lock: $(VENV)/.dev-installed
	$(BIN)/python -m pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o site.txt site.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o dev.txt dev.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o properdocs.txt properdocs.in

clean: $(VENV)/.site-installed
	$(BIN)/onrecord clean
