"""Kinds whose commit belongs to another app: the service is looked up lazily by dotted path, so this
app works before that app exists and needs no change after; until then the kind is refused clearly."""

from __future__ import annotations

import importlib

from frontline.imports.registry import CommitResult


def find_service(dotted: str):
    module, _, name = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def call_service(dotted: str, rows: list[dict], actor, dry_run: bool) -> CommitResult:
    """Call `service(*, actor, rows, dry_run)`; it answers an object or dict with created, updated,
    unchanged, ids and optionally errors [(row number, message)]."""
    service = find_service(dotted)
    if service is None:  # available() is checked first; this is a programming error
        raise RuntimeError(f"{dotted} is not installed")
    return as_result(service(actor=actor, rows=rows, dry_run=dry_run))


def as_result(out) -> CommitResult:
    """A service's answer (CommitResult, object or dict) as a CommitResult."""
    if isinstance(out, CommitResult):
        return out
    get = out.get if isinstance(out, dict) else lambda k, d=None: getattr(out, k, d)
    return CommitResult(
        created=get("created", 0),
        updated=get("updated", 0),
        unchanged=get("unchanged", 0),
        ids=list(get("ids", []) or []),
        errors=list(get("errors", []) or []),
    )


class WholeCommit:
    """A commit that does not come in halves, for the engine's pipeline: nothing staged, the whole
    commit made by the writer thread."""

    def __init__(self, commit):
        self.write = commit

    @staticmethod
    def stage(rows):
        return rows
