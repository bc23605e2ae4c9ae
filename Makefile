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
