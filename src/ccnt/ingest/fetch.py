"""Fetch one URL politely and safely, without a third-party HTTP stack.

* every hop of a redirect chain is checked against private addresses, and the connection goes
  to an address that passed the check (pinned), then the peer address is checked again;
* a hard cap on bytes (compressed and decompressed) and a deadline for the whole transfer;
* an identifying user agent; conditional requests (ETag / Last-Modified) for incremental runs.
"""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import time
import zlib
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


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _read_capped(response: http.client.HTTPResponse, limits: Limits, deadline: float) -> bytes:
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
        if time.monotonic() > deadline:
            raise FetchError("timed out while downloading", response.status)
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
    allow_private: bool = False,
    allow_loopback: bool = False,
    user_agent: str = USER_AGENT,
    headers: dict[str, str] | None = None,
) -> FetchResult:
    """GET ``url`` following redirects. Returns any final status (the caller judges 4xx/5xx);
    raises ``FetchError`` for network failures, timeouts, size, redirect loops and unsafe hosts."""
    deadline = time.monotonic() + limits.timeout
    current = url
    seen: list[str] = []
    while True:
        if current in seen:
            raise FetchError(f"redirect loop: {' → '.join(seen + [current])}", url=url)
        if len(seen) > limits.max_redirects:
            raise FetchError(f"too many redirects ({len(seen)})", url=url)
        seen.append(current)
        try:
            addresses = check_url(current, allow_private, allow_loopback)
        except UnsafeURL as error:
            raise FetchError(str(error), url=current) from error
        parts = urlsplit(current)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError("timed out", url=url)
        cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = cls(parts.hostname or "", port, addresses[0], timeout=min(remaining, limits.timeout))
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
            check_ip(peer, parts.hostname or "", allow_private, allow_loopback)
            connection.request("GET", path, headers=request_headers)
            response = connection.getresponse()
            status = response.status
            response_headers = {k.lower(): v for k, v in response.getheaders()}
            if status in REDIRECT_CODES and response_headers.get("location"):
                response.read(65536)
                current = urljoin(current, response_headers["location"].strip())
                continue
            body = _read_capped(response, limits, deadline)
        except UnsafeURL as error:
            raise FetchError(str(error), url=current) from error
        except FetchError as error:
            error.url = error.url or current
            raise
        except TimeoutError as error:
            raise FetchError("timed out", url=current) from error
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
