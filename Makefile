# The two commands of the README: `make ingest` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SRC ?= samples/
# Data (warehouse, exports, corpus runs) lives in data/, out of the code packages.
DB ?= data/plans.duckdb
STAMP := $(VENV)/.installed

.PHONY: install ingest export test quick golden samples docs check clean corpus fuzz bench unseen

install: $(STAMP)

# Reinstalls only when pyproject.toml changes; the stamp makes `make install` idempotent.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

ingest: install
	$(BIN)/plans ingest $(SRC) --db $(DB)

# One .xlsx and one .csv per current plan of the warehouse, into data/export/.
export: install
	$(BIN)/plans export --db $(DB) --format xlsx --format csv

test: install
	$(BIN)/python -m pytest

# The inner loop: everything but the slow tests (pipeline runs, spawned workers, fuzzing) and the unseen corpus.
quick: install
	$(BIN)/python -m pytest -m "not slow and not unseen"

# Rewrites the anomaly golden files (tests/golden/*.anomalies.csv) from the samples; read the diff before committing.
golden: install
	PLANS_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/normalize/test_golden.py

samples: install
	$(BIN)/python samples/build_samples.py

# Rewrites the README's schema reference from the SQL and the pandera models.
docs: install
	$(BIN)/python -m plans.docs

# Real-world files from other parsers' test suites (needs ../shared beside the project).
CORPUS ?= ../shared/corpus
corpus: install
	@test -d $(CORPUS) || { echo "no corpus at $(CORPUS)"; exit 2; }
	mkdir -p data && rm -f data/corpus.duckdb
	$(BIN)/plans ingest $(CORPUS) --db data/corpus.duckdb > data/corpus.txt 2> data/corpus.err; test $$? -le 1
	@tail -n 1 data/corpus.txt
	@echo "failed files: $$(grep -c '^error:' data/corpus.err); tracebacks: $$(grep -c Traceback data/corpus.err || true)"
	@! grep -q Traceback data/corpus.err

# Layouts no reader was written for (samples/unseen.py): expected / found per family. SEED=N varies the words.
SEED ?= 1
unseen: install
	rm -rf data/unseen
	$(BIN)/python -m samples.unseen --out data/unseen --seed $(SEED) --report

# A longer fuzz run than the one in `make test`.
fuzz: install
	PLANS_FUZZ_EXAMPLES=2000 PLANS_FUZZ_RANDOM=1 $(BIN)/python -m pytest -q tests/plans/test_fuzz.py

# Throughput, scaling and query latency on a synthetic corpus (README, Performance).
# BENCH_ARGS=--full adds N = 1000 plans (long on 2 cores).
bench: install
	$(BIN)/python -m plans.bench $(BENCH_ARGS)

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/mypy tests
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.wal
