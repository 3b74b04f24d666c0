"""Run one parse in a forked child under a wall-clock deadline and a memory limit.

A file can pass the bomb checks (``safety``) and still cost unbounded work: a 34 MB DOCX ran
for over ten minutes at 1.1 GB in the worker. ``run_limited`` forks; the child (its own process
group) lowers ``RLIMIT_DATA`` to what it already uses plus ``memory`` bytes, runs the parser and
sends back the pickled result or exception through a pipe; the parent reads it until the
deadline and otherwise kills the child's whole group (LibreOffice, pdftotext, tesseract with it).
Either limit becomes a ``ParseError`` naming it, so the item fails cleanly and the worker lives.

Rejected: ``multiprocessing`` (a Celery prefork child is daemonic and may not have children),
a fresh ``python -m`` per document (a second of imports each), ``RLIMIT_AS`` (counts the address
space glibc reserves for thread arenas, not what is used), and a thread with a timeout (Python
cannot stop a thread that is stuck in a C parser, nor cap its memory).
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from .types import ParseError

T = TypeVar("T")


def _data_in_use() -> int:
    """Bytes of this process's data segment and private writable mappings (``VmData``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(write_fd: int, memory: int, fn: Callable, args: tuple, kwargs: dict) -> None:
    os.setpgid(0, 0)
    if memory:
        limit = _data_in_use() + memory
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        resource.setrlimit(resource.RLIMIT_DATA, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        payload = pickle.dumps((True, fn(*args, **kwargs)), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps((False, ParseError(f"parsing needed more than {memory // 2**20} MB (memory limit)")))
    except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
        try:
            payload = pickle.dumps((False, error))
        except Exception:  # noqa: BLE001 - an unpicklable exception: its text
            payload = pickle.dumps((False, ParseError(f"{type(error).__name__}: {error}")))
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(payload)


def _kill(pid: int) -> None:
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            kill()
        except (ProcessLookupError, PermissionError):
            pass


def run_limited(fn: Callable[..., T], *args, timeout: float | None, memory: int | None, **kwargs) -> T:
    """``fn(*args, **kwargs)`` in a child limited to ``timeout`` seconds and ``memory`` more bytes;
    either 0/None runs it here, unlimited. Raises what ``fn`` raised, or ``ParseError``."""
    if not timeout and not memory or not hasattr(os, "fork"):
        return fn(*args, **kwargs)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(read_fd)
            _child(write_fd, memory or 0, fn, args, kwargs)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout if timeout else None
    timed_out = False
    try:
        while True:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], wait)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            _kill(pid)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise ParseError(f"parsing took longer than {timeout:g} s (time limit)")
    if not chunks:
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
        limit = f"{memory // 2**20} MB memory limit" if memory else "no result"
        raise ParseError(f"the parser died ({how}; {limit})")
    ok, value = pickle.loads(b"".join(chunks))
    if ok:
        return value
    raise value
