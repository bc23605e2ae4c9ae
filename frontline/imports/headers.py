"""Finding the header row wherever it is (title and 填报单位 rows above it) and matching its cells
to a kind's columns across the variants cadres type (身份证号 / 身份证号码 / 公民身份号码 …)."""

from __future__ import annotations

import re
import unicodedata

from frontline.imports.reader import SCAN_ROWS
from frontline.imports.registry import ImportKind

_DECOR = re.compile(r"[\s*＊:：]|[(（【\[].*?[)）】\]]")
TOTAL_WORDS = ("合计", "总计", "小计", "共计", "总数")
NOTE_WORDS = ("填表人", "制表人", "审核人", "填报人", "联系人", "负责人", "备注", "说明", "注:", "注：")


def norm_header(value) -> str:
    if value is None:
        return ""
    out = unicodedata.normalize("NFKC", str(value))
    return _DECOR.sub("", out).lower()


def header_index(kind: ImportKind) -> dict[str, str]:
    """normalized header text → column key."""
    index = {}
    for col in kind.columns:
        for h in (str(col.header), col.key, *col.aliases):
            index.setdefault(norm_header(h), col.key)
    return index


def find_header(kind: ImportKind, rows: list[tuple[int, list]]) -> tuple[int, dict[int, str], list] | None:
    """(position in rows, {cell index: column key}, header cells) of the best header row among the
    first rows of a sheet, or None when no row names at least two of the kind's columns."""
    index = header_index(kind)
    required = {c.key for c in kind.columns if c.header_required}
    best = None
    for pos, (_n, cells) in enumerate(rows[:SCAN_ROWS]):
        mapping = {}
        for i, cell in enumerate(cells):
            key = index.get(norm_header(cell))
            if key and key not in mapping.values():
                mapping[i] = key
        enough = len(mapping) >= 2 or (required and required <= set(mapping.values()))
        if enough and (best is None or len(mapping) > len(best[1])):
            best = (pos, mapping, cells)
    return best


def missing_required(kind: ImportKind, mapping: dict[int, str]) -> list[str]:
    present = set(mapping.values())
    return [str(c.header) for c in kind.columns if c.header_required and c.key not in present]


_TOTAL_CHARS = re.compile("[" + "".join({w[0] for w in TOTAL_WORDS}) + "]")


def _may_be_total(s: str) -> bool:
    """False when s cannot normalize to text starting with a TOTAL_WORD: ASCII never does, nor does
    text already in NFKC form without any of their first characters (NFKC is the only step of
    norm_header that can bring such a character in). Saves normalizing every name cell of a list."""
    if s.isascii():
        return False
    return not unicodedata.is_normalized("NFKC", s) or _TOTAL_CHARS.search(s) is not None


def is_total_or_note(cells: list) -> bool:
    """A 合计/总计 row (never data) or a 填表人/审核人 footnote under the table."""
    # Only the first three filled cells matter, and whether there are more than three: stop at four.
    filled = []
    for c in cells:
        if c is None or (not c or c.isspace() if isinstance(c, str) else not str(c).strip()):
            continue
        filled.append(c)
        if len(filled) > 3:
            break
    if not filled:
        return False
    for c in filled[:3]:
        s = c if type(c) is str else str(c)
        if _may_be_total(s) and norm_header(s).startswith(TOTAL_WORDS):
            return True
    if len(filled) > 3:
        return False
    first = unicodedata.normalize("NFKC", str(filled[0])).strip().replace(" ", "")
    return first.startswith(NOTE_WORDS)
