# Two entry points for a fresh machine: `make demo` and `make test`.
# Both install the exact versions of requirements.lock (made by `make lock` from the ranges in
# pyproject.toml), then budgetlint itself without resolving again.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench fuzz lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/budgetlint inspect fixtures/seeds/000_b2c7b50d282cc0b6.txt
	$(BIN)/budgetlint check fixtures/seeds/000_b2c7b50d282cc0b6.txt --fail-on never

test: $(STAMP)
	$(BIN)/budgetlint rules test
	$(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python bench/bench_audit.py

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
