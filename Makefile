# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PY      := .venv/bin/python
STAMP   := .venv/.installed
PORT    ?= 8501

.PHONY: install demo lint test test-fast train bench bench-load system-deps clean

install: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Debian packages some tests need (Chromium for the browser test, PostgreSQL for the
# storage tests); installed only when missing, and only where we may (root or sudo).
system-deps:
	@bash scripts/system-deps.sh

demo: install
	$(PY) -m streamlit run ui/app.py --server.port $(PORT) --server.headless true

# The checks pyproject.toml configures: lint rules, formatting, types.
lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

# Two workers (pytest-xdist), a test file each at a time so its fixtures are built once.
# JOBS=1 runs in one process.
JOBS    ?= 2
XDIST   := $(if $(filter 1,$(JOBS)),,-n $(JOBS) --dist loadfile)

test: install system-deps lint
	bash scripts/test.sh $(XDIST)

# The suite without the tests marked slow (training runs, benchmarks, the browser, audio
# decoding, big property tests), for the edit-test loop.
test-fast: install
	bash scripts/test.sh $(XDIST) -m "not slow"

train: install
	$(PY) -m nlu train

bench: install
	$(PY) -m nlu bench
	$(PY) bench/dates_bench.py

bench-load: install
	$(PY) bench/load_bench.py

clean:
	rm -rf build .pytest_cache .hypothesis .mypy_cache .ruff_cache
