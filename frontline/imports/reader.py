"""Reading an uploaded spreadsheet safely: size limit, format sniffed from the bytes (not the name),
zip bombs refused before any parsing, formulas never evaluated (calamine returns the cached values
that the spreadsheet program stored), CSV in UTF-8 (with or without BOM) or GB18030/GBK.

A file refused here raises FileRefused; the caller reports it as a refusal of the whole file.
"""

from __future__ import annotations

import csv
import io
import itertools
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (BIFF8 in a compound file)

# Limits; overridable in settings. A real 100,000-row xlsx is ~10 MB zipped, ~80 MB of XML.
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 120  # xlsx sheet XML compresses ~8-15×; a bomb compresses ~1000×
MAX_ENTRIES = 5000
MAX_ROWS = 200_000
SCAN_ROWS = 30  # the header row is looked for among a sheet's first rows


class FileRefused(Exception):
    """The file as a whole cannot be imported (message already translated)."""


def limit(name: str, default: int) -> int:
    return int(getattr(settings, f"FRONTLINE_IMPORT_{name}", default))


class Sheet:
    """One sheet's rows as (spreadsheet row number counted from 1, cells), numbered as the user sees
    them. An xlsx sheet's rows are made on demand from calamine's own copy of the sheet, so a
    100,000-row import holds one Python copy of a row at a time, not of the whole sheet."""

    def __init__(self, name: str, rows: list[tuple[int, list]] | None = None, *, source=None):
        self.name = name
        self._rows = rows
        self._source = source  # a python-calamine CalamineSheet
        if rows is not None:
            self.total = len(rows)
            self.head = rows[:SCAN_ROWS]
        else:
            self.total = source.end[0] + 1 if source.end is not None else 0
            self.head = list(itertools.islice(self.iter_from(0), SCAN_ROWS))

    @property
    def rows(self) -> list[tuple[int, list]]:
        return self._rows if self._rows is not None else list(self.iter_from(0))

    def iter_from(self, position: int) -> Iterator[tuple[int, list]]:
        """The rows from the position-th (0-based) on."""
        if self._rows is not None:
            yield from self._rows[position:]
            return
        if self._source.start is None:  # an empty sheet
            return
        # iter_rows() starts at row 1 but at the first used column: put the empty columns back, as
        # to_python(skip_empty_area=False) would, so cell positions match what the user sees.
        pad = [""] * self._source.start[1]
        for number, cells in enumerate(
            itertools.islice(self._source.iter_rows(), position, None), position + 1
        ):
            yield number, (pad + cells if pad else cells)


def sniff(path: Path) -> str:
    """'zip' (xlsx/xlsm/xlsb/ods), 'ole' (xls) or 'csv'. Anything else is refused."""
    size = path.stat().st_size
    if size == 0:
        raise FileRefused(_("The file is empty."))
    if size > limit("MAX_FILE_BYTES", MAX_FILE_BYTES):
        raise FileRefused(
            _("The file is too large (%(size)d MB, the limit is %(limit)d MB). Split it into several files.")
            % {
                "size": size // (1024 * 1024),
                "limit": limit("MAX_FILE_BYTES", MAX_FILE_BYTES) // (1024 * 1024),
            }
        )
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(_("This is not a spreadsheet file (xlsx, xls, ods or csv)."))
    if _decode(head, partial=True) is None:
        raise FileRefused(_("This is not a spreadsheet file (xlsx, xls, ods or csv)."))
    return "csv"


def check_zip(path: Path) -> None:
    """Refuse zip bombs before parsing: read only the central directory (declared sizes and ratios),
    then stream every member through zlib in 64 KB chunks, counting bytes, so that a central directory
    that lies about sizes is caught too (the CRC then fails). Memory stays bounded by the chunk size."""
    max_total = limit("MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES)
    refused = FileRefused(
        _("The file expands to far more data than a spreadsheet holds (a 'zip bomb'); it was not opened.")
    )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise refused
            names = {i.filename for i in infos}
            if not ({"[Content_Types].xml", "mimetype"} & names):
                raise FileRefused(_("This is not a spreadsheet file (xlsx, xls, ods or csv)."))
            total = 0
            for info in infos:
                total += info.file_size
                if total > max_total:
                    raise refused
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise refused
            seen = 0
            for info in infos:
                with zf.open(info) as member:
                    while chunk := member.read(65536):
                        seen += len(chunk)
                        if seen > max_total:
                            raise refused
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, EOFError):
        raise FileRefused(_("The file is damaged or not a spreadsheet; it could not be opened.")) from None


def read_workbook(path: Path) -> Iterator[Sheet]:
    """Each visible worksheet in order, rows numbered as the spreadsheet numbers them."""
    from python_calamine import CalamineError, SheetVisibleEnum, load_workbook

    try:
        wb = load_workbook(str(path))
    except (CalamineError, ValueError, OSError) as exc:
        raise FileRefused(
            _("The spreadsheet could not be read: %(reason)s") % {"reason": type(exc).__name__}
        ) from None
    max_rows = limit("MAX_ROWS", MAX_ROWS)
    metas = wb.sheets_metadata
    for index, name in enumerate(wb.sheet_names):
        # Hidden sheets (lookup lists, old versions) are not what the user sees: skip them.
        if metas[index].visible != SheetVisibleEnum.Visible:
            continue
        try:
            sheet = wb.get_sheet_by_index(index)
        except CalamineError:  # a chart sheet or an unreadable extra sheet is skipped like any extra sheet
            logging.getLogger(__name__).info("skipped sheet %d", index)
            continue
        if getattr(sheet, "total_height", 0) > max_rows + 100:
            raise FileRefused(
                _("The sheet has more than %(n)d rows. Split it into several files.") % {"n": max_rows}
            )
        yield Sheet(name=name, source=sheet)


def _decode(raw: bytes, *, partial: bool = False) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None if not partial else raw[: len(raw) // 2 * 2].decode("utf-16", "ignore")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of a sniffed prefix is not a decoding failure.
            if partial and exc.start >= len(raw) - 4:
                return raw[: exc.start].decode(encoding)
    return None


def read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    text = _decode(raw)
    if text is None:
        raise FileRefused(_("The text file is neither UTF-8 nor GB18030/GBK; save it again as CSV UTF-8."))
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    if len(rows) > limit("MAX_ROWS", MAX_ROWS) + 100:
        raise FileRefused(
            _("The sheet has more than %(n)d rows. Split it into several files.")
            % {"n": limit("MAX_ROWS", MAX_ROWS)}
        )
    return Sheet(name="csv", rows=list(enumerate(rows, start=1)))


def open_sheets(path: Path) -> Iterator[Sheet]:
    kind = sniff(path)
    if kind == "zip":
        check_zip(path)
        yield from read_workbook(path)
    elif kind == "ole":
        yield from read_workbook(path)
    else:
        yield read_csv(path)
