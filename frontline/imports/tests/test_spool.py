"""The spool between an import's two passes: order kept, one chunk in memory, nothing readable on disk."""

import datetime as dt
from decimal import Decimal

from frontline.imports.spool import Spool
from frontline.people.identifiers import parse_id_number
from frontline.testing import valid_id


def _row(i, value):
    return {
        "_row": i,
        "name": f"人{i}",
        "id_number": parse_id_number(value),
        "returned_on": dt.date(2020, 1, 28),
        "temperature": Decimal("36.5"),
    }


def test_rows_come_back_in_order_in_chunks_with_one_chunk_in_memory():
    ids = [valid_id() for _ in range(23)]
    with Spool(5) as spool:
        for i, value in enumerate(ids):
            spool.add(_row(i, value))
            assert len(spool._pending) < 5  # a full chunk goes to disk at once
        chunks = list(spool)
    assert [len(c) for c in chunks] == [5, 5, 5, 5, 3]
    back = [r for c in chunks for r in c]
    assert [r["_row"] for r in back] == list(range(23)) and spool.count == 23
    assert back[7] == _row(7, ids[7])  # IdNumber, date and Decimal survive the trip


def test_what_reaches_the_disk_is_sealed():
    value = valid_id()
    with Spool(2) as spool:
        for i in range(4):
            spool.add(_row(i, value))
        spool._file.seek(0)
        raw = spool._file.read()
    assert raw and value.encode() not in raw and "人1".encode() not in raw


def test_a_file_that_fits_in_one_chunk_never_touches_the_disk():
    with Spool(100) as spool:
        for i in range(10):
            spool.add(_row(i, valid_id()))
        assert spool._file is None and len(list(spool)[0]) == 10
