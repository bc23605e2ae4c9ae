"""Load and fault scenarios run against a real gunicorn (see docs/LOAD.md)."""
