"""A slow server cannot hold an ingest: every download (its redirects included) has a total deadline
besides the per-read timeout. The servers here trickle one byte every quarter second and would need
15 s to finish; the fetch gives up at its deadline (half a second: what is checked is which clock
stops the download, not how long it waits, so the test does not wait 2 s a case as it did) with an
error naming the URL and the deadline."""

from __future__ import annotations

import io
import json
import socket
import threading

import pytest
from django.core.management import CommandError, call_command
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from ccnt.ingest.crawl.middlewares import ChainDeadlineMiddleware
from ccnt.ingest.fetch import DeadlineExceeded, fetch
from ccnt.ingest.safety import Limits

TRICKLE_BYTES = 60
TICK = 0.25  # seconds between two trickled bytes
HOP = 0.2  # seconds before each redirect answers
DEADLINE = 0.5  # each hop answers well within it; the trickles and the chain of eight do not


class TrickleServer:
    """A raw HTTP server on loopback. ``/body``: headers at once, then a 60-byte body one byte a
    ``TICK``; ``/headers``: the status line, then header bytes one a ``TICK``; ``/hop/N``: a
    redirect to ``/hop/N+1`` after ``HOP``."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TrickleServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.listener.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket, data: bytes) -> None:
        for byte in data:
            if self.stop.wait(TICK):
                return
            conn.sendall(bytes([byte]))

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                path = conn.recv(65536).split(b" ", 2)[1].decode()
                if path == "/body":
                    conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                 f"Content-Length: {TRICKLE_BYTES}\r\n\r\n".encode())
                    self._trickle(conn, b"x" * TRICKLE_BYTES)
                elif path == "/headers":
                    conn.sendall(b"HTTP/1.1 200 OK\r\n")
                    self._trickle(conn, b"X-Slow: " + b"y" * TRICKLE_BYTES)
                elif path.startswith("/hop/"):
                    self.stop.wait(HOP)
                    following = int(path.rsplit("/", 1)[1]) + 1
                    conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: /hop/{following}\r\n"
                                 "Content-Length: 0\r\n\r\n".encode())
            except OSError:
                pass  # the client gave up


@pytest.fixture
def server():
    with TrickleServer() as running:
        yield running


def test_it_gives_up_on_a_trickling_body_at_the_deadline(server):
    url = server.url("/body")
    with pytest.raises(DeadlineExceeded) as caught:
        fetch(url, allow_loopback=True, limits=Limits(timeout=DEADLINE, read_timeout=5))
    assert url in caught.value.reason and f"{DEADLINE:g} s deadline" in caught.value.reason


def test_it_gives_up_on_trickling_headers_at_the_deadline(server):
    with pytest.raises(DeadlineExceeded, match=f"{DEADLINE:g} s deadline"):
        fetch(server.url("/headers"), allow_loopback=True, limits=Limits(timeout=DEADLINE, read_timeout=5))


def test_it_keeps_one_deadline_for_a_redirect_chain(server):
    """Each hop answers within the deadline; the chain of eight does not."""
    with pytest.raises(DeadlineExceeded, match="/hop/0"):
        fetch(server.url("/hop/0"), allow_loopback=True, limits=Limits(timeout=DEADLINE, read_timeout=5))


def test_it_still_times_out_a_silent_read_before_the_deadline(server):
    with pytest.raises(Exception, match="no data for 0.1 s") as caught:  # shorter than a TICK
        fetch(server.url("/body"), allow_loopback=True, limits=Limits(timeout=30, read_timeout=0.1))
    assert not isinstance(caught.value, DeadlineExceeded)


@pytest.mark.django_db
def test_it_stops_ccnt_ingest_with_the_url_and_the_deadline(server):
    url = server.url("/body")
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing could be ingested"):
        call_command("ingest", url, "--allow-network", "127.0.0.0/8", "--timeout", str(DEADLINE), "--json", "--no-progress", stdout=out)
    [outcome] = json.loads(out.getvalue())["items"]
    assert outcome["status"] == "failed"
    assert url in outcome["reason"] and f"{DEADLINE:g} s deadline" in outcome["reason"]


def test_it_shares_one_deadline_across_a_crawled_redirect_chain():
    """The crawler's hops: each new hop gets only what the chain has left."""
    middleware = ChainDeadlineMiddleware(total=10)
    first = Request("http://policy.example.org/a")
    middleware.process_request(first)
    assert first.meta["download_timeout"] == 10
    first.meta["download_latency"] = 6.0
    middleware.process_response(first, Response(first.url, status=302))
    second = first.replace(url="http://policy.example.org/b")  # what RedirectMiddleware does
    second.meta["redirect_urls"] = [first.url]
    middleware.process_request(second)
    assert second.meta["download_timeout"] == pytest.approx(4.0)
    second.meta["download_latency"] = 4.5
    middleware.process_response(second, Response(second.url, status=302))
    third = second.replace(url="http://policy.example.org/c")
    with pytest.raises(IgnoreRequest, match="policy.example.org/a.*10 s deadline"):
        middleware.process_request(third)
