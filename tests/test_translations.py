"""Chinese first, English complete: every extracted string has a Chinese translation, and the
committed .mo files match their .po sources (so nothing needs gettext at run time)."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO_FILES = sorted(ROOT.glob("frontline/**/locale/zh_Hans/LC_MESSAGES/*.po"))
ENTRY = re.compile(
    r'(?ms)^(?P<flags>#,[^\n]*\n)?(?:msgctxt (?P<ctx>"(?:[^"\\]|\\.)*")\s*\n)?msgid (?P<id>(?:"(?:[^"\\]|\\.)*"\s*)+)(?:msgid_plural (?P<pl>(?:"(?:[^"\\]|\\.)*"\s*)+))?'
    r'msgstr(?:\[0\])? (?P<str>(?:"(?:[^"\\]|\\.)*"\s*)+)'
)


def _text(block):
    raw = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
    return raw.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def entries(po):
    for m in ENTRY.finditer(po.read_text(encoding="utf-8")):
        msgid = _text(m.group("id"))
        if msgid:
            yield (
                msgid,
                bool(m.group("pl")),
                _text(m.group("str")),
                m.group("flags") or "",
                (_text(m.group("ctx")) if m.group("ctx") else None),
            )


def test_there_are_translation_files():
    assert len(PO_FILES) >= 5


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_compiled(po):
    untranslated = [
        msgid for msgid, _pl, msgstr, flags, _ctx in entries(po) if not msgstr or "fuzzy" in flags
    ]
    assert untranslated == []
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run scripts/messages.sh to compile {mo.name}"
    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)

    def compiled(msgid, plural, ctx):
        if ctx is not None:
            return catalog.pgettext(ctx, msgid)
        return catalog.ngettext(msgid, msgid, 1) if plural else catalog.gettext(msgid)

    stale = [
        msgid for msgid, plural, msgstr, _f, ctx in entries(po) if compiled(msgid, plural, ctx) != msgstr
    ]
    assert stale == [], "the .mo is older than the .po: run scripts/messages.sh"


APPS = sorted(p.parent for p in ROOT.glob("frontline/*/apps.py"))


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext's xgettext to extract strings")
@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_every_string_in_the_code_is_in_the_catalog(app, tmp_path):
    """Extract the app's strings afresh (as scripts/messages.sh does) and compare with the committed .po."""
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("tests", "migrations", "__pycache__", "locale"))
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "frontline.settings", "PYTHONPATH": str(ROOT)}
    # django-admin, not `python -m django`: the latter puts the cwd (an app with selectors.py) first on sys.path.
    admin = str(Path(sys.executable).with_name("django-admin"))
    subprocess.run(
        [admin, "makemessages", "-l", "zh_Hans", "--no-location", "-v0"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh_po = copy / "locale/zh_Hans/LC_MESSAGES/django.po"
    fresh = {(m, c) for m, _p, _s, _f, c in entries(fresh_po)} if fresh_po.exists() else set()
    committed_po = app / "locale/zh_Hans/LC_MESSAGES/django.po"
    committed = {(m, c) for m, _p, _s, _f, c in entries(committed_po)} if committed_po.exists() else set()
    assert sorted(fresh - committed) == [], (
        f"run scripts/messages.sh and translate the new strings of {app.name}"
    )


def test_a_string_has_one_translation_across_catalogs():
    """Django merges the catalogs of all apps into one per language, and for a msgid found in several
    the first app in INSTALLED_APPS wins: the same (msgctxt, msgid) translated differently in two
    catalogs shows one app's word on the other app's pages. Harmonise the wording, or give the
    app-specific meaning a context (pgettext / {% translate "..." context "..." %})."""
    seen = {}
    for po in PO_FILES:
        for msgid, _pl, msgstr, _f, ctx in entries(po):
            seen.setdefault((ctx, msgid), {}).setdefault(msgstr, []).append(str(po.relative_to(ROOT)))
    collisions = [
        f"{msgid!r}"
        + (f" (context {ctx!r})" if ctx is not None else "")
        + ": "
        + "; ".join(f"{msgstr!r} in {', '.join(pos)}" for msgstr, pos in translations.items())
        for (ctx, msgid), translations in sorted(seen.items(), key=lambda kv: (kv[0][1], kv[0][0] or ""))
        if len(translations) > 1
    ]
    assert not collisions, (
        f"{len(collisions)} strings translated differently in different catalogs:\n" + "\n".join(collisions)
    )
