# Two entry points for a fresh machine: `make demo` and `make test`.
# Both install the exact versions of requirements.lock (made by `make lock` from the ranges in
# pyproject.toml), then budgetlint itself without resolving again.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint install bytecode bench fuzz lock clean browser

# The HTML report's test drives Debian's Chromium through its chromedriver (no browser download);
# CI runs as root on a clean machine, so the packages are installed here when missing.
BROWSER_PACKAGES := chromium chromium-driver fonts-wqy-microhei

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# budgetlint runs from src/ (an editable install), where Python writes no bytecode when
# PYTHONDONTWRITEBYTECODE is set: compile it here, so a run does not recompile every module
# (compileall rewrites only what changed since).
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q src

demo: bytecode
	$(BIN)/budgetlint inspect fixtures/seeds/000_b2c7b50d282cc0b6.txt
	$(BIN)/budgetlint check fixtures/seeds/000_b2c7b50d282cc0b6.txt --fail-on never

browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
	    || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      $(BROWSER_PACKAGES) >/dev/null; \
	  else echo "note: $(BROWSER_PACKAGES) missing and not root: the HTML browser test will be skipped"; fi; \
	fi

# lint first (seconds, so a lint error fails before the minutes of pytest); pytest runs every rule
# case once (tests/rules/test_rule_cases.py, one id per case)
test: lint bytecode browser
	$(BIN)/python -m pytest -q -n 2

# ruff (rules in pyproject.toml) over src/ and tests/, ruff format (the layout of every Python file)
# and mypy over src/; all run, and any failing
# fails the target. mypy keeps its incremental cache in .mypy_cache (its default), ruff in
# .ruff_cache: a run after a small change rechecks only what changed.
lint: $(STAMP)
	@status=0; $(BIN)/ruff check src tests || status=1; $(BIN)/ruff format --check src tests tools bench || status=1; $(BIN)/mypy || status=1; exit $$status

bench: bytecode
	$(BIN)/python bench/bench_audit.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_office.py

# The long fuzz run (docs/fuzzing.md): 10,000 hostile inputs through the CLI, hours of CPU.
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz/run_long.py --out fuzz-out

# Re-resolve the exact versions from pyproject.toml's ranges (needs PyPI); commit the result.
lock:
	$(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet --upgrade pip pip-tools
	.lockenv/bin/pip-compile --quiet --strip-extras --all-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml
	rm -rf .lockenv

clean:
	rm -rf $(VENV) build src/*.egg-info
