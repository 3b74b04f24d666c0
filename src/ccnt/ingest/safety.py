"""Refuse URLs that point inside the network, and limits for untrusted input.

The private-address check runs on every redirect hop (``check_url``) and on the address the
socket actually connected to (``check_ip`` on the peer address), so DNS rebinding between
the check and the connection does not help an attacker.

Only public addresses are fetched, except networks an operator lists explicitly (``--allow-network
10.0.0.0/8``, ``CCNT_ALLOW_NETWORKS``). Link-local addresses (169.254.0.0/16, fe80::/10) and the
cloud metadata addresses are never fetched, whatever the list says: a listed network that
contains them does not open them. Loopback is opened only by listing it (127.0.0.0/8, ::1/128) or
by ``allow_loopback=True`` — the explicit switch of the tests' loopback servers, not offered on
the command line. Rejected alternative: one ``--allow-private`` switch, which opened every
internal range at once, 169.254.169.254 (the metadata service) included.
"""

from __future__ import annotations

import argparse
import functools
import ipaddress
import socket
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# never fetched, even when a listed network contains them
NEVER = tuple(ipaddress.ip_network(n) for n in (
    "169.254.0.0/16",      # IPv4 link-local: AWS, GCP, Azure, Huawei, Tencent (169.254.0.23) metadata
    "fe80::/10",           # IPv6 link-local
    "fd00:ec2::254/128",   # AWS metadata over IPv6
    "100.100.100.200/32",  # Alibaba Cloud metadata
    "168.63.129.16/32",    # Azure wire server
))


class UnsafeURL(ValueError):
    """The URL points at a private, loopback, link-local or otherwise internal address."""


class UnsafeFile(ValueError):
    """An archive or office file that looks like a bomb or is malformed beyond use."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024  # one download
    timeout: float = 30.0  # total deadline of one download, its redirects included, seconds
    read_timeout: float = 30.0  # no byte for this long (never beyond the deadline), seconds
    max_redirects: int = 8
    max_unzipped: int = 200 * 1024 * 1024  # all members of a DOCX together
    max_ratio: int = 200  # compressed → uncompressed, per member
    max_members: int = 2000
    convert_timeout: float = 120.0  # LibreOffice, OCR per page
    parse_timeout: float = 300.0  # one document's whole parse, in a child process (``sandbox``); 0: none
    parse_memory: int = 1024 * 1024 * 1024  # more memory than the worker uses, for that child; 0: none


DEFAULT_LIMITS = Limits()


def parse_network(value: str) -> IPNetwork:
    """``"10.0.0.0/8"`` (or one address) → a network; ``ValueError`` with the value otherwise."""
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError as error:
        raise ValueError(f"not an IP network: {value!r} (e.g. 10.0.0.0/8)") from error


@functools.lru_cache(maxsize=64)
def _networks(values: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(parse_network(v) for v in values)


def networks(values: Iterable[str] = ()) -> tuple[IPNetwork, ...]:
    return _networks(tuple(values))


def network_argument(value: str) -> str:
    """``--allow-network``'s type: the value if it is a network, else argparse's usage error."""
    try:
        parse_network(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return value.strip()


def add_network_arguments(parser) -> None:
    """``--allow-network NET`` (repeatable) on ``ccnt ingest`` and ``ccnt crawl``."""
    parser.add_argument("--allow-network", action="append", default=[], type=network_argument, metavar="NET",
                        help="also fetch from this private network, e.g. 10.0.0.0/8 (repeatable; adds to "
                             "CCNT_ALLOW_NETWORKS). Link-local and cloud metadata addresses are never fetched")
    parser.add_argument("--allow-private", action="store_true", help=argparse.SUPPRESS)  # removed: a hint


def networks_from_options(options: dict) -> tuple[str, ...]:
    """The networks a command may fetch from; ``--allow-private`` (removed) is refused with a hint."""
    from django.core.management.base import CommandError

    if options.get("allow_private"):
        raise CommandError("--allow-private was removed (it also opened link-local and metadata addresses): "
                           "list the private networks to fetch from, e.g. --allow-network 10.0.0.0/8")
    return allowed_networks(options.get("allow_network") or ())


def allowed_networks(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The networks ``CCNT_ALLOW_NETWORKS`` lists, plus ``extra`` (``--allow-network``)."""
    from django.conf import settings

    listed = [*getattr(settings, "CCNT_ALLOW_NETWORKS", ()), *extra]
    networks(listed)  # refuse a malformed value here, before any fetch
    return tuple(dict.fromkeys(listed))


def is_forbidden_ip(ip: str, allowed: Iterable[str] = (), allow_loopback: bool = False) -> bool:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.is_link_local or addr.is_multicast or addr.is_unspecified or any(addr in n for n in NEVER):
        return True
    if addr.is_loopback and allow_loopback:
        return False
    if any(addr in n for n in networks(allowed)):
        return False
    return addr.is_private or addr.is_loopback or addr.is_reserved or not addr.is_global


def check_ip(ip: str, host: str = "", allowed: Iterable[str] = (), allow_loopback: bool = False) -> None:
    if is_forbidden_ip(ip, allowed, allow_loopback):
        raise UnsafeURL(f"refused: {host or ip} is an internal address ({ip})")


def check_url(url: str, allowed: Iterable[str] = (), allow_loopback: bool = False) -> list[str]:
    """Validate scheme and host; resolve the host and check every address. Returns the
    addresses (the caller connects to one of them, not to a second resolution)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"refused: only http and https URLs ({url})")
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"refused: no host in {url}")
    if parts.username or parts.password:
        raise UnsafeURL(f"refused: credentials in URL {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:  # UnicodeError: not a valid IDNA host name
        raise UnsafeURL(f"cannot resolve {host!r}: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise UnsafeURL(f"cannot resolve {host}")
    for ip in addresses:
        check_ip(ip, host, allowed, allow_loopback)
    return addresses


def check_zip(archive: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse zip bombs before reading: too many members, too large, too compressible."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise UnsafeFile(f"archive has {len(members)} members")
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > limits.max_unzipped or total > limits.max_unzipped:
            raise UnsafeFile("archive expands beyond the size limit")
        if info.compress_size and info.file_size / info.compress_size > limits.max_ratio and info.file_size > 1_000_000:
            raise UnsafeFile(f"archive member {info.filename} is too compressible (zip bomb?)")


def read_zip_member(archive: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read one member, never more than the limit even if its header lies about its size."""
    with archive.open(name) as handle:
        data = handle.read(limits.max_unzipped + 1)
    if len(data) > limits.max_unzipped:
        raise UnsafeFile(f"archive member {name} expands beyond the size limit")
    return data
