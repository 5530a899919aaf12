# The two commands a fresh machine needs: `make run` and `make test`. Both install what they need.
#
# Python packages go into a virtual environment: the active one if make is started inside one
# (VIRTUAL_ENV is set, or the `python3` on PATH is a venv's), otherwise the project-local `.venv/`,
# created with the first `python3` on PATH. Debian's own Python refuses `pip install` outside a
# venv (PEP 668), so nothing is ever installed into it. Every tool runs through the venv, so it
# does not have to be activated or on PATH.
#
#   make run [PORT=8050] [HOST=127.0.0.1] [ARGS="--workers 4"]
#   make test | lint | bench | check-geodata | setup | setup-browser | setup-postgis | clean-venv
#
# PYTHON=python3.12 creates .venv with another interpreter; VENV=DIR puts it elsewhere;
# BROWSER_PACKAGES= (empty) skips the Debian browser packages, POSTGIS_PACKAGES= the
# PostgreSQL + PostGIS ones the tests start a throw-away database server from.

PYTHON ?= python3
PORT ?= 8050
HOST ?= 127.0.0.1
ARGS ?=
PIP_FLAGS ?= --disable-pip-version-check
BROWSER_PACKAGES ?= chromium chromium-driver fonts-dejavu-core
POSTGIS_PACKAGES ?= postgresql postgresql-postgis
# Where the tests marked serial live (collecting only there saves a few seconds; a test checks).
SERIAL_TESTS := tests/web

# The active virtual environment, if any ("" when none).
ACTIVE_VENV := $(or $(VIRTUAL_ENV),$(shell $(PYTHON) -c 'import sys; print(sys.prefix if sys.prefix != sys.base_prefix else "")' 2>/dev/null))
VENV ?= $(or $(ACTIVE_VENV),.venv)
VENV_PY := $(VENV)/bin/python
# Written after a successful install; pip runs again only when pyproject.toml is newer.
STAMP := $(VENV)/.syria-control-map-installed

.PHONY: run test setup setup-browser setup-postgis lint bench check-geodata clean-venv

run: setup setup-browser
	@echo "==> starting the dashboard on http://$(HOST):$(PORT) (Ctrl-C stops it)"
	@$(VENV)/bin/syria-map serve --host $(HOST) --port $(PORT) $(ARGS)

test: setup setup-browser setup-postgis
	@echo "==> ruff check ."
	@$(VENV_PY) -m ruff check .
	@echo "==> ruff format --check ."
	@$(VENV_PY) -m ruff format --check .
	@echo "==> pytest, 2 processes (the timing-sensitive tests, marked serial, come after)"
	@$(VENV_PY) -m pytest -n 2 --dist loadfile -m "not network and not serial"
	@echo "==> pytest, the serial tests alone"
	@$(VENV_PY) -m pytest -m "serial and not network" $(SERIAL_TESTS)

lint: setup
	@echo "==> ruff check . && ruff format --check ."
	@$(VENV_PY) -m ruff check . && $(VENV_PY) -m ruff format --check .

bench: setup
	@for b in benchmarks/bench_*.py; do echo "==> $$b"; $(VENV_PY) $$b || exit 1; done

check-geodata: setup
	@echo "==> geodata/build.py --check (rebuilds the base geography, compares with geodata/)"
	@$(VENV_PY) geodata/build.py --check
	@echo "==> geodata/build_events.py --check (rebuilds events.csv, compares with it)"
	@$(VENV_PY) geodata/build_events.py --check
	@echo "==> the tests that download registry packages (pytest -m network)"
	@$(VENV_PY) -m pytest -q -m network

setup: $(STAMP)
	@:

$(STAMP): pyproject.toml | $(VENV_PY)
	@echo "==> installing the package and its test tools into $(VENV) (first run: about 30 s, 330 MB)"
	@$(VENV_PY) -m pip install $(PIP_FLAGS) -e ".[test]"
	@touch $@

ifneq ($(VENV),$(ACTIVE_VENV))
# No active venv (or VENV=DIR given): create it with the first python3 on PATH.
$(VENV_PY):
	@py="$$(command -v $(PYTHON))" || { \
	  echo "==> no $(PYTHON) on PATH; on Debian: apt-get install python3 python3-venv" >&2; exit 1; }; \
	$$py -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "==> $$py is Python $$($$py -c 'import platform; print(platform.python_version())'); 3.11 or newer is needed (PYTHON=python3.12 picks another)" >&2; exit 1; }; \
	if ! $$py -c 'import ensurepip, venv' 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "==> installing Debian's python3-venv ($$py has no venv/ensurepip)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null || exit 1; \
	  else \
	    echo "==> $$py cannot create virtual environments; as root run: apt-get install python3-venv" >&2; exit 1; \
	  fi; \
	fi; \
	echo "==> creating $(VENV) with $$py ($$($$py -c 'import platform; print(platform.python_version())'))"; \
	$$py -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
else
$(VENV_PY):
	@echo "==> the active virtual environment $(VENV) has no bin/python; deactivate it or recreate it" >&2; exit 1
endif

# Installs the Debian packages $(1) that are missing (with apt-get, as root): $(2) is the make
# target to run as root, $(3) a shell test that is true on a system without dpkg that lacks
# them, $(4) what to do there, $(5) what the download is.
define debian_packages
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(1); do \
	    dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null | grep -qx installed || missing="$$missing $$p"; \
	  done; \
	elif $(3); then \
	  echo "==> not a Debian system: $(4)"; \
	fi; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "==> Debian packages missing:$$missing; installing them needs root. As root: make $(2)" >&2; \
	  echo "    (or: sudo apt-get update && sudo apt-get install -y$$missing)" >&2; exit 1; \
	fi; \
	echo "==> installing Debian's$$missing with apt-get ($(5))"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null
endef

setup-browser:
	$(call debian_packages,$(BROWSER_PACKAGES),setup-browser,! command -v chromium >/dev/null 2>&1 && [ -z "$$BROWSER_PATH" ],install Chromium and chromedriver yourself (or set BROWSER_PATH),chromium: about 120 MB and its libraries)

# The tests start their own PostgreSQL (as the postgres user when root) on a socket in a temp
# folder; no system database server is started or changed.
setup-postgis:
	$(call debian_packages,$(POSTGIS_PACKAGES),setup-postgis,[ -n "$(POSTGIS_PACKAGES)" ] && ! command -v initdb >/dev/null 2>&1 && [ -z "$$PG_BINDIR" ],install PostgreSQL with PostGIS yourself (PG_BINDIR=its bin folder),PostgreSQL + PostGIS: about 60 MB with libraries)

# Removes only the project's own .venv, never an active environment.
clean-venv:
	@echo "==> removing .venv"
	@rm -rf .venv
