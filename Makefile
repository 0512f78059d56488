# Two commands do all set-up (see README.md):
#   make run   – create .venv, install, index corpus/ into index/, serve http://127.0.0.1:5000
#   make test  – create .venv, install with test extras, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run index serve test install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: $(STAMP)
	$(BIN)/coopsearch index corpus/

run: index
	$(BIN)/coopsearch serve

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) index/CURRENT index/ix-* index/.indexer.lock
