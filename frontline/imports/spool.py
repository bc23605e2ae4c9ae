"""Validated rows between the two passes of an import, in chunks, without holding the whole file.

The first pass (outside the transaction) adds rows; each full chunk is pickled, sealed with AES-GCM
under a key that exists only in this process's memory, and appended to an anonymous temporary file
(unlinked at creation, gone when closed or when the process dies). The second pass (inside the one
commit transaction) reads the chunks back in order. The rows hold whole identifiers, hence the seal:
nothing readable reaches the disk, even for the moments it lives there. A file that fits in one
chunk never touches the disk.
"""

from __future__ import annotations

import os
import pickle
import struct
import tempfile
from collections.abc import Iterator

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_HEADER = struct.Struct("<Q12s")  # sealed length, nonce


class Spool:
    def __init__(self, chunk: int):
        self.chunk = chunk
        self.count = 0
        self._pending: list = []
        self._file = None
        self._aead = None
        self._chunks = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._pending = []

    def add(self, row) -> None:
        self._pending.append(row)
        self.count += 1
        if len(self._pending) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="frontline-import-")  # noqa: SIM115 - closed by close()
            self._aead = AESGCM(AESGCM.generate_key(bit_length=128))
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(
            nonce, pickle.dumps(self._pending, protocol=pickle.HIGHEST_PROTOCOL), None
        )
        self._file.write(_HEADER.pack(len(sealed), nonce))
        self._file.write(sealed)
        self._chunks += 1
        self._pending = []

    def __iter__(self) -> Iterator[list]:
        """The chunks in the order the rows were added (each a list of at most `chunk` rows)."""
        if self._file is not None:
            self._file.seek(0)
            for _ in range(self._chunks):
                length, nonce = _HEADER.unpack(self._file.read(_HEADER.size))
                # Our own bytes, authenticated by the seal: unpickling them is safe.
                yield pickle.loads(self._aead.decrypt(nonce, self._file.read(length), None))  # noqa: S301
        if self._pending:
            yield self._pending
