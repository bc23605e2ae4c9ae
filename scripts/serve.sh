#!/usr/bin/env bash
# Serve Frontline on 127.0.0.1:$PORT with one background-task worker beside it; stop both on exit.
# Request lines and logs are redacted (no query strings, identifiers) by LOGGING in frontline/settings.py;
# in production gunicorn reads ./gunicorn.conf.py, whose access log format has no query string either.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
.venv/bin/python manage.py db_worker --queue-name '*' --no-reload &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Frontline: http://127.0.0.1:${PORT}/  (API docs: /api/v1/docs, health: /healthz)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}" --noreload
