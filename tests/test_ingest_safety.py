"""URL safety: private addresses on every hop and on the connected address, size and time caps."""

from __future__ import annotations

import socket

import pytest

from ccnt.ingest.fetch import FetchError, fetch
from ccnt.ingest.safety import Limits, UnsafeURL, check_url, is_forbidden_ip

from .ingest_fixtures import Site


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1",
                                "fe80::1", "fc00::1", "0.0.0.0", "::ffff:10.0.0.1", "100.64.0.1"])
def test_internal_addresses_are_forbidden(ip):
    assert is_forbidden_ip(ip)


def test_public_addresses_pass_and_loopback_only_when_allowed():
    assert not is_forbidden_ip("202.108.22.5")
    assert not is_forbidden_ip("127.0.0.1", allow_loopback=True)
    assert is_forbidden_ip("10.0.0.1", allow_loopback=True)
    with pytest.raises(UnsafeURL):
        check_url("http://127.0.0.1/")
    with pytest.raises(UnsafeURL):
        check_url("file:///etc/passwd")
    with pytest.raises(UnsafeURL):
        check_url("http://user:pw@example.org/")
    assert check_url("http://127.0.0.1:8000/", allow_loopback=True) == ["127.0.0.1"]


def test_every_redirect_hop_is_checked():
    with Site() as site:
        site.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
        with pytest.raises(FetchError, match="internal address"):
            fetch(site.url("/to-metadata"), allow_loopback=True)


def test_the_connected_address_is_checked(monkeypatch):
    """DNS that answers a public address to the check and a private one to the connection."""
    with Site() as site:
        site.add("/page.html", b"<html>hello</html>")
        real = socket.getaddrinfo
        port = site.server.server_address[1]

        def lying(host, *args, **kwargs):
            if host == "policy.example.org":
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
            return real(host, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", lying)
        real_connect = socket.create_connection
        monkeypatch.setattr(socket, "create_connection",
                            lambda address, *a, **k: real_connect(("127.0.0.1", address[1]), *a, **k))
        with pytest.raises(FetchError, match="internal address"):
            fetch(f"http://policy.example.org:{port}/page.html")


def test_size_and_time_are_capped():
    with Site() as site:
        site.add("/big.pdf", b"%PDF-1.4" + b"0" * 200_000, content_type="application/pdf")
        site.add("/slow.html", b"<html>slow</html>", delay=2)
        with pytest.raises(FetchError, match="too large"):
            fetch(site.url("/big.pdf"), allow_loopback=True, limits=Limits(max_bytes=100_000))
        with pytest.raises(FetchError, match="timed out"):
            fetch(site.url("/slow.html"), allow_loopback=True, limits=Limits(timeout=0.5))
        site.redirect("/a", "/b")
        site.redirect("/b", "/a")
        with pytest.raises(FetchError, match="redirect loop"):
            fetch(site.url("/a"), allow_loopback=True)
        result = fetch(site.url("/big.pdf"), allow_loopback=True)
        assert result.status == 200 and result.media_type == "application/pdf" and "ccnt" in fetch.__module__
