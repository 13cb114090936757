# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
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

clean:
	rm -rf $(VENV) build src/*.egg-info
