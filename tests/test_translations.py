"""Chinese first, English complete: every extracted string has a Chinese translation, and the
committed .mo files match their .po sources (so nothing needs gettext at run time)."""

import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO_FILES = sorted(ROOT.glob("frontline/**/locale/zh_Hans/LC_MESSAGES/*.po"))
ENTRY = re.compile(
    r'(?ms)^(?P<flags>#,[^\n]*\n)?msgid (?P<id>(?:"(?:[^"\\]|\\.)*"\s*)+)(?:msgid_plural (?P<pl>(?:"(?:[^"\\]|\\.)*"\s*)+))?'
    r'msgstr(?:\[0\])? (?P<str>(?:"(?:[^"\\]|\\.)*"\s*)+)'
)


def _text(block):
    raw = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
    return raw.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def entries(po):
    for m in ENTRY.finditer(po.read_text(encoding="utf-8")):
        msgid = _text(m.group("id"))
        if msgid:
            yield msgid, bool(m.group("pl")), _text(m.group("str")), m.group("flags") or ""


def test_there_are_translation_files():
    assert len(PO_FILES) >= 5


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_compiled(po):
    untranslated = [msgid for msgid, _pl, msgstr, flags in entries(po) if not msgstr or "fuzzy" in flags]
    assert untranslated == []
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run scripts/messages.sh to compile {mo.name}"
    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    stale = [
        msgid
        for msgid, plural, msgstr, _f in entries(po)
        if (catalog.ngettext(msgid, msgid, 1) if plural else catalog.gettext(msgid)) != msgstr
    ]
    assert stale == [], "the .mo is older than the .po: run scripts/messages.sh"
