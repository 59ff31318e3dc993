"""POSTing a message's bytes to a peer's inbox over HTTP(S), one kept-alive connection per peer.

The standard library's http.client is enough for one POST and its answer; a worker delivering
hundreds of messages a second to the same peer reuses the connection rather than opening one per
message. Every failure (refused connection, timeout, reset, a malformed answer) is one
`TransportError`: for delivery they all mean "not delivered, try again later".
"""

from __future__ import annotations

import http.client
import socket
from types import TracebackType
from urllib.parse import urlsplit

# A receipt is a few hundred bytes; a peer answering more is not answering a receipt.
MAX_ANSWER_BYTES = 256 * 1024


class TransportError(Exception):
    """Nothing usable came back: the message stays queued."""


class Transport:
    """Connections to peers, kept between messages; every socket operation bounded by `timeout`."""

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self._connections: dict[tuple[str, str, int], http.client.HTTPConnection] = {}

    def post(self, url: str, raw: bytes) -> tuple[int, bytes]:
        """The peer's HTTP status and answer; a dropped kept-alive connection is retried once."""
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        for attempt in (1, 2):
            connection = self._connection(parts.scheme, parts.hostname or "", parts.port)
            try:
                connection.request("POST", path, body=raw, headers=_HEADERS)
                answer = connection.getresponse()
                return answer.status, answer.read(MAX_ANSWER_BYTES)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self._drop(parts.scheme, parts.hostname or "", parts.port)
                if attempt == 2:
                    raise TransportError(f"{type(e).__name__}: {e}") from e
            except (OSError, http.client.HTTPException) as error:
                self._drop(parts.scheme, parts.hostname or "", parts.port)
                raise TransportError(_describe(error)) from error
        raise TransportError("unreachable")  # pragma: no cover - the loop returns or raises

    def _connection(self, scheme: str, host: str, port: int | None) -> http.client.HTTPConnection:
        key = (scheme, host, port or (443 if scheme == "https" else 80))
        found = self._connections.get(key)
        if found is None:
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            found = kind(host, key[2], timeout=self.timeout)
            self._connections[key] = found
        return found

    def _drop(self, scheme: str, host: str, port: int | None) -> None:
        key = (scheme, host, port or (443 if scheme == "https" else 80))
        connection = self._connections.pop(key, None)
        if connection is not None:
            connection.close()

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def __enter__(self) -> Transport:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def _describe(error: BaseException) -> str:
    if isinstance(error, socket.timeout | TimeoutError):
        return "timeout: the peer did not answer in time"
    return f"{type(error).__name__}: {error}"[:500]
