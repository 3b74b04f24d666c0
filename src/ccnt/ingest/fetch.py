"""Fetch one URL politely and safely, without a third-party HTTP stack.

* every hop of a redirect chain is checked against private addresses, and the connection goes
  to an address that passed the check (pinned), then the peer address is checked again;
* a hard cap on bytes (compressed and decompressed);
* two clocks: a per-read timeout (no byte for ``read_timeout`` seconds) and a total deadline
  (``timeout`` seconds for the whole download, every redirect hop, the TLS handshake, headers and
  body together). Every receive waits at most ``min(read_timeout, time left)``, so a server that
  trickles one byte per second cannot hold a download past its deadline. Rejected alternative:
  checking the clock between ``read(65536)`` calls — one such call blocks until 64 KiB arrive,
  which at one byte a second is 18 hours;
* an identifying user agent; conditional requests (ETag / Last-Modified) for incremental runs.
"""

from __future__ import annotations

import http.client
import io
import os
import select
import socket
import ssl
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urljoin, urlsplit

from .safety import DEFAULT_LIMITS, Limits, UnsafeURL, check_ip, check_url

CONTACT = os.environ.get("CCNT_CRAWL_CONTACT", "https://github.com/ccnt/ccnt")
USER_AGENT = f"ccnt/0.1 (China Carbon Neutrality Tracker policy archive; +{CONTACT})"
REDIRECT_CODES = {301, 302, 303, 307, 308}


class FetchError(Exception):
    def __init__(self, reason: str, status: int | None = None, url: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.url = url


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    redirects: list[str] = field(default_factory=list)

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip("\"'").lower()
        return ""


class DeadlineExceeded(FetchError):
    """The whole download (redirects included) took longer than its deadline."""

    def __init__(self, url: str, total: float) -> None:
        super().__init__(f"timed out: gave up on {url} at the {total:g} s deadline for the whole download "
                         "(redirects included)", url=url)


@dataclass
class _Clock:
    """The deadline of one download and its redirect chain, and the per-read timeout."""

    url: str
    total: float
    read_timeout: float
    deadline: float = 0.0

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.total

    def wait(self) -> float:
        """How long the next socket operation may wait; raises once the deadline has passed."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlineExceeded(self.url, self.total)
        return min(self.read_timeout, remaining)

    def timed_out(self) -> FetchError:
        if self.deadline - time.monotonic() <= 0:
            return DeadlineExceeded(self.url, self.total)
        return FetchError(f"timed out: no data for {self.read_timeout:g} s", url=self.url)


class _DeadlineReader(socket.SocketIO):
    """The socket as http.client reads it: each receive waits ``clock.wait()`` at most."""

    def __init__(self, sock: socket.socket, clock: _Clock) -> None:
        super().__init__(sock, "rb")
        self._clock = clock

    def readinto(self, buffer) -> int:
        self._sock.settimeout(self._clock.wait())
        try:
            return super().readinto(buffer)
        except TimeoutError as error:
            raise self._clock.timed_out() from error


class _DeadlineSocket:
    """Wraps the connected socket so that ``HTTPResponse`` (status line, headers, body) reads
    through :class:`_DeadlineReader`; everything else goes to the socket."""

    def __init__(self, sock: socket.socket, clock: _Clock) -> None:
        self._sock, self._clock = sock, clock

    def makefile(self, mode: str = "rb", *args, **kwargs):
        # as socket.makefile does: the socket stays open until the reader is closed too (http.client
        # closes the connection right after the headers of a response without keep-alive)
        reader = _DeadlineReader(self._sock, self._clock)
        self._sock._io_refs += 1
        return io.BufferedReader(reader, buffer_size=65536)

    def sendall(self, data) -> None:
        self._sock.settimeout(self._clock.wait())
        self._sock.sendall(data)

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def _connect(ip: str, port: int, clock: _Clock) -> socket.socket:
    try:
        return socket.create_connection((ip, port), clock.wait())
    except TimeoutError as error:
        raise clock.timed_out() from error


def _handshake(sock: ssl.SSLSocket, clock: _Clock) -> None:
    """TLS handshake in non-blocking steps, each waiting ``clock.wait()`` at most."""
    sock.setblocking(False)
    while True:
        try:
            sock.do_handshake()
            return
        except ssl.SSLWantReadError:
            ready = select.select([sock], [], [], clock.wait())[0]
        except ssl.SSLWantWriteError:
            ready = select.select([], [sock], [], clock.wait())[1]
        if not ready:
            raise clock.timed_out()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, ip: str, clock: _Clock) -> None:
        super().__init__(host, port, timeout=clock.read_timeout)
        self._ip, self._clock = ip, clock

    def connect(self) -> None:
        self.sock = _DeadlineSocket(_connect(self._ip, self.port, self._clock), self._clock)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, clock: _Clock) -> None:
        super().__init__(host, port, timeout=clock.read_timeout, context=ssl.create_default_context())
        self._ip, self._clock = ip, clock

    def connect(self) -> None:
        raw = _connect(self._ip, self.port, self._clock)
        try:
            sock = self._context.wrap_socket(raw, server_hostname=self.host, do_handshake_on_connect=False)
            _handshake(sock, self._clock)
        except BaseException:
            raw.close()
            raise
        self.sock = _DeadlineSocket(sock, self._clock)


def _read_capped(response: http.client.HTTPResponse, limits: Limits, clock: _Clock) -> bytes:
    encoding = (response.getheader("Content-Encoding") or "").strip().lower()
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"too large: {int(length)} bytes (limit {limits.max_bytes})", response.status)
    decompressor = None
    if encoding in ("gzip", "x-gzip"):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decompressor = zlib.decompressobj()
    chunks: list[bytes] = []
    size = 0
    while True:
        clock.wait()  # raises once the deadline has passed
        chunk = response.read(65536)
        if not chunk:
            break
        if decompressor is not None:
            try:
                chunk = decompressor.decompress(chunk, limits.max_bytes + 1 - size)
            except zlib.error as error:
                raise FetchError(f"broken {encoding} content: {error}", response.status) from error
            if decompressor.unconsumed_tail:
                raise FetchError(f"too large after decompression (limit {limits.max_bytes})", response.status)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"too large: over {limits.max_bytes} bytes", response.status)
        chunks.append(chunk)
    if decompressor is not None:
        try:
            chunks.append(decompressor.flush())
        except zlib.error as error:
            raise FetchError(f"broken {encoding} content: {error}", response.status) from error
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    allowed_networks: Iterable[str] = (),
    allow_loopback: bool = False,
    user_agent: str = USER_AGENT,
    headers: dict[str, str] | None = None,
) -> FetchResult:
    """GET ``url`` following redirects; only public addresses and ``allowed_networks`` (never
    link-local or metadata addresses, see ``safety``). Returns any final status (the caller judges 4xx/5xx);
    raises ``FetchError`` for network failures, timeouts, size, redirect loops and unsafe hosts, and
    ``DeadlineExceeded`` (a ``FetchError``) when the whole chain takes over ``limits.timeout``."""
    clock = _Clock(url, limits.timeout, min(limits.read_timeout, limits.timeout))
    current = url
    seen: list[str] = []
    while True:
        if current in seen:
            raise FetchError(f"redirect loop: {' → '.join(seen + [current])}", url=url)
        if len(seen) > limits.max_redirects:
            raise FetchError(f"too many redirects ({len(seen)})", url=url)
        seen.append(current)
        try:
            addresses = check_url(current, allowed_networks, allow_loopback)
        except UnsafeURL as error:
            raise FetchError(str(error), url=current) from error
        parts = urlsplit(current)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        clock.wait()  # raises once the deadline has passed
        cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = cls(parts.hostname or "", port, addresses[0], clock)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        # 附件1.pdf, spaces: percent-encoded (UTF-8) as browsers do; http.client sends ASCII only
        path = quote(path, safe="!#$%&'()*+,/:;=?@[]~")
        request_headers = {
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
            "Accept-Encoding": "gzip, deflate",
            **(headers or {}),
        }
        try:
            connection.connect()
            peer = connection.sock.getpeername()[0]
            check_ip(peer, parts.hostname or "", allowed_networks, allow_loopback)
            connection.request("GET", path, headers=request_headers)
            response = connection.getresponse()
            status = response.status
            response_headers = {k.lower(): v for k, v in response.getheaders()}
            if status in REDIRECT_CODES and response_headers.get("location"):
                response.read(65536)
                current = urljoin(current, response_headers["location"].strip())
                continue
            body = _read_capped(response, limits, clock)
        except UnsafeURL as error:
            raise FetchError(str(error), url=current) from error
        except FetchError as error:
            error.url = error.url or current
            raise
        except TimeoutError as error:
            raise clock.timed_out() from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"network error: {type(error).__name__}: {error}", url=current) from error
        except (UnicodeError, ValueError) as error:  # a host name or header http.client cannot send
            raise FetchError(f"bad URL: {type(error).__name__}: {error}", url=current) from error
        finally:
            connection.close()
        return FetchResult(
            url=url, final_url=current, status=status, headers=response_headers, body=body,
            fetched_at=datetime.now(UTC), redirects=seen[:-1],
        )
