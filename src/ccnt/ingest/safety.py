"""Refuse URLs that point inside the network, and limits for untrusted input.

The private-address check runs on every redirect hop (``check_url``) and on the address the
socket actually connected to (``check_ip`` on the peer address), so DNS rebinding between
the check and the connection does not help an attacker.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import zipfile
from dataclasses import dataclass
from urllib.parse import urlsplit


class UnsafeURL(ValueError):
    """The URL points at a private, loopback, link-local or otherwise internal address."""


class UnsafeFile(ValueError):
    """An archive or office file that looks like a bomb or is malformed beyond use."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024  # one download
    timeout: float = 30.0  # connect + whole transfer, seconds
    max_redirects: int = 8
    max_unzipped: int = 200 * 1024 * 1024  # all members of a DOCX together
    max_ratio: int = 200  # compressed → uncompressed, per member
    max_members: int = 2000
    convert_timeout: float = 120.0  # LibreOffice, OCR per page
    parse_timeout: float = 300.0  # one document's whole parse, in a child process (``sandbox``); 0: none
    parse_memory: int = 1024 * 1024 * 1024  # more memory than the worker uses, for that child; 0: none


DEFAULT_LIMITS = Limits()


def allow_private_from_env() -> bool:
    return os.environ.get("CCNT_INGEST_ALLOW_PRIVATE", "") == "1"


def is_forbidden_ip(ip: str, allow_private: bool = False, allow_loopback: bool = False) -> bool:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.is_loopback:
        return not (allow_loopback or allow_private)
    if allow_private:
        return addr.is_multicast or addr.is_unspecified
    return (
        addr.is_private
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


def check_ip(ip: str, host: str = "", allow_private: bool = False, allow_loopback: bool = False) -> None:
    if is_forbidden_ip(ip, allow_private, allow_loopback):
        raise UnsafeURL(f"refused: {host or ip} is an internal address ({ip})")


def check_url(url: str, allow_private: bool = False, allow_loopback: bool = False) -> list[str]:
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
        check_ip(ip, host, allow_private, allow_loopback)
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
