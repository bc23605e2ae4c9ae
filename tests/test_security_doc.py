"""docs/SECURITY.md maps each ASVS/PIPL point to the test that proves it: every test file and test
function it names must exist (a renamed or deleted test fails here, not silently in the document)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "SECURITY.md"
# `path/to/test_x.py::test_name`, `test_x.py::test_name`, `::test_name` (same file as the one before),
# or a bare `frontline/.../test_x.py`.
REF = re.compile(r"`((?:[\w./]+)?test_\w+\.py)?(::test_\w+)?`")


def _resolve(name: str) -> list[Path]:
    if "/" in name:
        return [ROOT / name] if (ROOT / name).is_file() else []
    return [p for p in ROOT.glob(f"**/{name}") if ".venv" not in p.parts]


def references(text: str) -> list[tuple[str, str]]:
    refs, last = [], ""
    for line in text.splitlines():
        last = ""  # `::name` refers back only within one table row
        for m in REF.finditer(line):
            file, func = m.group(1) or "", (m.group(2) or "")[2:]
            if not file and not func:
                continue
            file = file or last
            last = file
            refs.append((file, func))
    return refs


def test_reference_parser_understands_the_shorthands():
    line = "| x | y | `a/test_one.py::test_a`, `::test_b`, `test_two.py` |"
    assert references(line) == [("a/test_one.py", "test_a"), ("a/test_one.py", "test_b"), ("test_two.py", "")]


def test_every_test_named_in_security_md_exists():
    refs = references(DOC.read_text(encoding="utf-8"))
    assert len(refs) > 40
    missing = []
    for file, func in refs:
        paths = _resolve(file)
        if not paths:
            missing.append(file)
        elif func and not any(
            re.search(rf"^def {func}\(", p.read_text(encoding="utf-8"), re.M) for p in paths
        ):
            missing.append(f"{file}::{func}")
    assert missing == []
