"""Backups that are safe while Frontline runs, and restores.

SQLite: the online backup API (a consistent copy even with writers active, WAL included).
PostgreSQL: pg_dump in its custom format, restored with pg_restore. Backups hold encrypted
identifiers only; the keys (FRONTLINE_FIELD_KEYS, FRONTLINE_HASH_KEY) are kept apart from them.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


def _pg_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _pg_args(settings_dict: dict, dbname: str | None = None) -> list[str]:
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", settings_dict["USER"]]
    args += ["-d", dbname or settings_dict["NAME"]]
    return args


def backup_database(target: Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        dest = sqlite3.connect(target)
        with dest:
            connection.connection.backup(dest)
        dest.close()
    elif connection.vendor == "postgresql":
        sd = connection.settings_dict
        subprocess.run(
            ["pg_dump", "-Fc", "--no-owner", "-f", str(target), *_pg_args(sd)],
            env=_pg_env(sd),
            check=True,
            capture_output=True,
        )
    else:  # pragma: no cover - only the two supported engines
        raise RuntimeError(f"no backup for {connection.vendor}")
    return target


def restore_database(source: Path, *, into: str | None = None) -> None:
    """Restore a backup. `into`: another SQLite file or PostgreSQL database name (a restore drill);
    default: the configured database itself (stop the app processes and the worker first)."""
    source = Path(source)
    if connection.vendor == "sqlite":
        src = sqlite3.connect(source)
        if into:
            dest = sqlite3.connect(into)
            with dest:
                src.backup(dest)
            dest.close()
        else:
            connection.ensure_connection()
            src.backup(connection.connection)
        src.close()
    elif connection.vendor == "postgresql":
        sd = connection.settings_dict
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", *_pg_args(sd, into), str(source)],
            env=_pg_env(sd),
            check=True,
            capture_output=True,
        )
    else:  # pragma: no cover
        raise RuntimeError(f"no restore for {connection.vendor}")
