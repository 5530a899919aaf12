# The two commands a fresh machine needs: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
PIP_FLAGS ?= --quiet --disable-pip-version-check

.PHONY: run test setup setup-browser lint bench

setup:
	$(PYTHON) -m pip install $(PIP_FLAGS) -e ".[test]"

setup-browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium and chromium-driver (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-driver fonts-dejavu-core >/dev/null; }

run: setup setup-browser
	syria-map serve

test: setup setup-browser
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest

lint:
	$(PYTHON) -m ruff check . && $(PYTHON) -m ruff format --check .

bench: setup
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PYTHON) $$b || exit 1; done
