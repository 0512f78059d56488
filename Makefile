# Two commands do all set-up (see README.md):
#   make run   – create .venv, install, index corpus/ into index/, serve http://127.0.0.1:5000
#   make test  – create .venv, install with test extras (and Debian chromium for the browser
#                tests when missing), run the whole test suite
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
	sh scripts/ensure-browser.sh
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) index/CURRENT index/PREVIOUS index/ix-* index/.indexer.lock

# Benchmarks (see benchmarks/README.md); they read ../shared/data/news and never copy it.
#   make bench        – entities (factRuEval), relevance (all 7,217 RT + 1,987 NG), speed at
#                       10k/30k/100k documents (hours), near-duplicates (RT + planted copies) and
#                       HTML extraction (saved pages); summary in docs/benchmarks.md
#   make bench-quick  – small subsets (under 5 minutes), results in build/bench/
#   make bench-smoke  – a tiny run that checks the scripts work (what the smoke test runs)
BENCH_STAMP := $(VENV)/.bench-installed
BENCH_OUT   ?= build/bench
BENCH_SIZES ?= 10000,30000,100000

.PHONY: bench bench-quick bench-smoke

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.entities --json $(BENCH_OUT)/entities.json
	$(BIN)/python benchmarks/relevance.py --out docs/benchmarks-relevance.md --json $(BENCH_OUT)/relevance.json
	$(BIN)/python benchmarks/speed.py --sizes $(BENCH_SIZES) --out docs/benchmarks-speed.md --json $(BENCH_OUT)/speed.json
	$(BIN)/python benchmarks/neardup.py --json $(BENCH_OUT)/neardup.json
	$(BIN)/python -m benchmarks.extraction --json $(BENCH_OUT)/extraction.json

bench-quick: $(BENCH_STAMP)
	$(BIN)/python benchmarks/relevance.py --quick --out $(BENCH_OUT)/relevance-quick.md --json $(BENCH_OUT)/relevance-quick.json
	$(BIN)/python benchmarks/speed.py --quick --out $(BENCH_OUT)/speed-quick.md --json $(BENCH_OUT)/speed-quick.json
	$(BIN)/python benchmarks/neardup.py --quick --out $(BENCH_OUT)/neardup-quick.md --json $(BENCH_OUT)/neardup-quick.json
	$(BIN)/python -m benchmarks.extraction --out $(BENCH_OUT)/extraction.md --json $(BENCH_OUT)/extraction.json

bench-smoke: $(STAMP)
	$(BIN)/python benchmarks/relevance.py --smoke --out $(BENCH_OUT)/relevance-smoke.md --json $(BENCH_OUT)/relevance-smoke.json
	$(BIN)/python benchmarks/speed.py --smoke --out $(BENCH_OUT)/speed-smoke.md --json $(BENCH_OUT)/speed-smoke.json
	$(BIN)/python benchmarks/neardup.py --smoke --out $(BENCH_OUT)/neardup-smoke.md --json $(BENCH_OUT)/neardup-smoke.json
	$(BIN)/python -m benchmarks.extraction --smoke --out - --json $(BENCH_OUT)/extraction-smoke.json

# Reliability (see docs/reliability.md): the crash, concurrency, bad-input, fuzzing and hardening
# tests (also part of `make test`), then a 60 s soak with 32 clients during reindexing.
.PHONY: reliability

reliability: $(STAMP)
	$(BIN)/python -m pytest tests/test_crash.py tests/test_concurrency.py tests/test_bad_input.py tests/test_fuzz.py tests/test_web_hardening.py tests/test_serve.py
	$(BIN)/python benchmarks/soak.py --out docs/reliability-soak.md --json $(BENCH_OUT)/soak.json
