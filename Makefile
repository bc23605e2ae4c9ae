# Frontline: `make run` (demo on http://127.0.0.1:$(PORT)) and `make test`. Nothing else is needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The demo stands on 2020-02-19, the day of the Xingguo report; unset in production.
DEMO_ENV := FRONTLINE_TODAY=2020-02-19
PYTEST_WORKERS ?= 2

.PHONY: install run serve test test-pg lint format messages lock bench clean

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

run: install
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py createcachetable
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) PORT=$(PORT) scripts/serve.sh

test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS)

# The same suite against PostgreSQL (CI runs this via .ci/run).
test-pg: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest -n $(PYTEST_WORKERS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	scripts/messages.sh

# Re-lock after changing pyproject.toml.
lock: install
	$(VENV)/bin/pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements.lock

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) var

# The full load and fault scenarios (docs/LOAD.md): 20 duty members x 50 registrations through a
# faulty network against gunicorn, then kill -9 inside a 20,000-row import and run it again; on
# SQLite, then PostgreSQL (LOAD_PG_URL, default postgres@127.0.0.1:5432).
LOAD_ARGS ?= --members 20 --per-member 50 --fault-rate 0.2
.PHONY: load
load: install
	$(PY) -m loadtest.registrations --db sqlite $(LOAD_ARGS)
	$(PY) -m loadtest.registrations --db postgres $(LOAD_ARGS)
	$(PY) -m loadtest.import_kill --db sqlite --rows 20000
	$(PY) -m loadtest.import_kill --db postgres --rows 20000
