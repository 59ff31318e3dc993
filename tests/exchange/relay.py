"""A loopback HTTP relay between a sender and a real node's inbox, to make faults happen on cue.

    with Relay(network["KE"].url) as relay:       # pin KE's URL to relay.url on the sender
        relay.mode = "fail"    # answer 500 without forwarding (a broken peer)
        relay.mode = "hold"    # forward (the peer stores the message), withhold its receipt and
                               # leave the sender waiting: a hung peer, or a crash mid-send
        relay.mode = "pass"    # forward and answer with the peer's receipt
        relay.sent[message_id] # how many times the sender posted that id (bytes in relay.bodies)

Only loopback: it listens on 127.0.0.1 and forwards to a node of the test network.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from tests.exchange.nodes import free_port

ENVELOPE_ID = re.compile(rb'"id":"([0-9a-f-]{36})"')
HOLD_AT_MOST = 120.0  # seconds a held request is kept open before the relay lets it go


class Relay:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.mode = "pass"
        self.sent: Counter[str] = Counter()
        self.bodies: dict[str, set[bytes]] = {}
        self.held = 0  # receipts withheld so far
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def record(self, raw: bytes) -> None:
        found = ENVELOPE_ID.search(raw)
        key = found.group(1).decode() if found else "?"
        with self.lock:
            self.sent[key] += 1
            self.bodies.setdefault(key, set()).add(raw)

    def forward(self, path: str, raw: bytes) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            connection.request("POST", path, body=raw, headers={"Content-Type": "application/json"})
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def __enter__(self) -> Relay:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.mode = "pass"
        self.server.shutdown()
        self.server.server_close()


def _handler(relay: Relay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            relay.record(raw)
            mode = relay.mode
            if mode == "fail":
                self._answer(500, b'{"error": "the relay plays a broken peer"}')
                return
            status, answer = relay.forward(self.path, raw)
            if mode == "hold":
                with relay.lock:
                    relay.held += 1
                self._hold()
                return
            self._answer(status, answer)

        def _hold(self) -> None:
            """Say nothing until the sender gives up (or HOLD_AT_MOST passes), then close."""
            deadline = time.monotonic() + HOLD_AT_MOST
            while relay.mode == "hold" and time.monotonic() < deadline:
                time.sleep(0.1)
            self.close_connection = True

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler
