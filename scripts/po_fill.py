#!/usr/bin/env python3
"""Fill empty msgstr entries of .po files from a JSON dictionary {msgid: msgstr}.

    python scripts/po_fill.py translations.json frontline/<app>/locale/zh_Hans/LC_MESSAGES/django.po …

For plural entries, the JSON value is used for msgstr[0] (Chinese has one plural form). An entry with
a message context is looked up as "context\u0004msgid" (gettext's own key), never by its bare msgid: a
word in context means something else than the word alone. Prints the msgids still untranslated. Run
scripts/messages.sh afterwards to compile.
"""

import json
import re
import sys

ENTRY = re.compile(
    r'(?ms)^(msgctxt (?:"(?:[^"\\]|\\.)*"\n)+)?(msgid (?:"(?:[^"\\]|\\.)*"\n)+)(msgid_plural (?:"(?:[^"\\]|\\.)*"\n)+)?(msgstr(?:\[0\])? (?:"(?:[^"\\]|\\.)*"\n?)+)'
)


def _unquote(block: str) -> str:
    return _decode("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)))


def _decode(s: str) -> str:
    return s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _encode(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def fill(po_path: str, table: dict) -> list[str]:
    with open(po_path, encoding="utf-8") as fh:
        text = fh.read()
    missing = []

    def repl(m):
        ctx = _unquote(m.group(1)[len("msgctxt ") :]) if m.group(1) else None
        msgid = _unquote(m.group(2)[len("msgid ") :])
        plural = m.group(3)
        msgstr_block = m.group(4)
        current = _unquote(msgstr_block.split(" ", 1)[1])
        if not msgid or current:
            return m.group(0)
        lookup = msgid if ctx is None else f"{ctx}\x04{msgid}"
        value = table.get(lookup)
        if value is None:
            missing.append(msgid if ctx is None else f"{msgid} (context {ctx})")
            return m.group(0)
        key = "msgstr[0]" if plural else "msgstr"
        return (m.group(1) or "") + m.group(2) + (plural or "") + f'{key} "{_encode(value)}"\n'

    text = ENTRY.sub(repl, text)
    text = text.replace("#, fuzzy\n", "")
    with open(po_path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return missing


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        table = json.load(fh)
    left = []
    for path in sys.argv[2:]:
        left += [f"{path}: {m}" for m in fill(path, table)]
    print("\n".join(left) if left else "all translated")
    sys.exit(1 if left else 0)
