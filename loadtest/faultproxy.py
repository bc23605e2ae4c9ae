"""A small fault-injecting HTTP proxy on 127.0.0.1 (asyncio, in its own thread).

One request per connection (clients send `Connection: close`). For each connection a seeded random
draw decides whether to pass it through or to inject one fault:

- ``drop_before``: read the request, close the connection; the server never sees it.
- ``drop_after``: forward the request, read the whole answer, close without passing any of it back.
  The dangerous case: the record exists but the client never heard.
- ``truncate``: forward, then pass back only the first third of the answer and close (often inside
  the headers: http.client then reports the status with an empty body, which the client must not
  take for an acknowledgement).
- ``delay``: hold the request and the answer a little (well under the client's timeout).
- ``late``: hold the request longer than the client waits, then forward it anyway: the client has
  already retried, so the original arrives after (or races with) its own retry.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter

FAULTS = ("drop_before", "drop_after", "truncate", "delay", "late")
WEIGHTS = (3, 3, 1, 2, 1)
IO_TIMEOUT = 60.0  # seconds: no proxied connection lives longer than this


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return head + body


class FaultProxy:
    def __init__(self, *, upstream_port: int, fault_rate: float, seed: int, client_timeout: float):
        self.upstream_port = upstream_port
        self.fault_rate = fault_rate
        self.client_timeout = client_timeout
        self.rng = random.Random(seed)  # only touched on the event loop's thread
        self.counts: Counter[str] = Counter()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task] = set()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)

    def start(self) -> int:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self.port

    def stop(self) -> None:
        """Stop accepting, let connections in flight finish (a `late` copy still reaches the server
        before the database is checked), then stop the loop."""
        if self._loop is None or not self._thread.is_alive():
            return
        try:
            asyncio.run_coroutine_threadsafe(self._drain(), self._loop).result(IO_TIMEOUT + 5)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    async def _drain(self) -> None:
        self._server.close()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=IO_TIMEOUT)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        self._server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    def _draw(self) -> str:
        if self.rng.random() >= self.fault_rate:
            return "pass"
        return self.rng.choices(FAULTS, WEIGHTS)[0]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        fault = self._draw()
        delay = self.rng.uniform(0.05, 0.4)
        self.counts["connections"] += 1
        self.counts[fault] += 1
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            await asyncio.wait_for(self._proxy(fault, delay, reader, writer), IO_TIMEOUT)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            self.counts[f"proxy_error:{type(exc).__name__}"] += 1
        finally:
            self._tasks.discard(task)
            writer.close()

    async def _proxy(self, fault, delay, reader, writer) -> None:
        request = await _read_request(reader)
        if fault == "drop_before":
            return
        if fault == "delay":
            await asyncio.sleep(delay)
        elif fault == "late":
            await asyncio.sleep(self.client_timeout + 0.5 + delay)
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            up_writer.write(request)
            await up_writer.drain()
            response = await up_reader.read()  # the server closes after one answer (Connection: close)
        finally:
            up_writer.close()
        self.counts["forwarded"] += 1
        if response.startswith(b"HTTP/") and response[9:10] == b"5":
            self.counts["server_5xx"] += 1
        if fault == "drop_after":
            return
        if fault == "truncate":
            response = response[: max(1, len(response) // 3)]
        elif fault == "delay":
            await asyncio.sleep(delay)
        writer.write(response)
        await writer.drain()
