# Everything a newcomer needs: `make run` serves the site with demo data, `make test` tests it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install browser axe redis run test lint format collectstatic clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Chromium (Debian package chromium) for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# redis-server, which the shared-cache tests start on a port of their own (Debian package).
redis:
	@command -v redis-server >/dev/null || { \
	  echo "Installing redis-server (Debian package) for the shared-cache tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server; }

# axe-core, which the browser tests inject into pages to check their accessibility (npm).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

axe: $(AXE)

## Serve the site on SQLite with demo data at http://127.0.0.1:8000/
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo_data
	DEBUG=1 $(BIN)/python manage.py create_local_admin
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

## The whole test suite; set DATABASE_URL to run it on PostgreSQL.
test: install browser axe redis
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

collectstatic: install
	$(BIN)/python manage.py collectstatic --no-input

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
