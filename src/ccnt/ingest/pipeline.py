"""The batch behind ``ccnt ingest PATH|URL…``: expand inputs, fetch (in a small thread pool),
parse, analyse and store one item at a time, with a progress bar and a summary."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .fetch import FetchError, fetch
from .items import Item, Outcome, Resource
from .parse import SUPPORTED, parse_bytes
from .parse_html import ATTACHMENT_EXT
from .safety import DEFAULT_LIMITS, Limits
from .sandbox import run_limited
from .store import Ingestor
from .types import Blocked, ParseError

MAX_ATTACHMENTS = 10


def settings_limits(**overrides) -> Limits:
    """The limits with the parse time and memory of ``CCNT_PARSE_TIMEOUT`` / ``CCNT_PARSE_MEMORY_MB``."""
    from django.conf import settings

    return Limits(**{"parse_timeout": settings.CCNT_PARSE_TIMEOUT,
                     "parse_memory": settings.CCNT_PARSE_MEMORY_MB * 2**20, **overrides})


@dataclass
class Options:
    limits: Limits = DEFAULT_LIMITS
    allowed_networks: tuple[str, ...] = ()  # private networks that may be fetched (see ingest.safety)
    allow_loopback: bool = False  # the tests' loopback servers
    fetch_attachments: bool = True
    ocr: bool | None = None
    workers: int = 4


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    def line(self) -> str:
        c = self.counts
        return (f"ingested {len(self.outcomes)} item(s): {c['new']} new, {c['updated']} updated, "
                f"{c['duplicate']} duplicates, {c['linked']} linked (转发), {c['failed'] + c['blocked']} failed")

    def render(self) -> str:
        lines = [self.line()]
        failures = [o for o in self.outcomes if o.status in ("failed", "blocked")]
        if failures:
            lines.append("failed:")
            lines += [f"  {o.label}: {o.reason}" for o in failures]
        flagged = [o for o in self.outcomes if o.warnings and any("possible duplicate" in w for w in o.warnings)]
        if flagged:
            lines.append("possible duplicates (for a curator):")
            lines += [f"  {o.label}: {w}" for o in flagged for w in o.warnings if "possible duplicate" in w]
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps({
            "counts": {k: self.counts.get(k, 0) for k in ("new", "updated", "duplicate", "linked", "failed", "blocked")},
            "items": [{"label": o.label, "status": o.status, "policy_id": o.policy_id, "reason": o.reason,
                       "warnings": o.warnings} for o in self.outcomes],
        }, ensure_ascii=False, indent=1)


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream=None, enabled: bool | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self.counts: Counter = Counter()

    def step(self, outcome: Outcome) -> None:
        self.done += 1
        self.counts[outcome.status] += 1
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        c = self.counts
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
            f"new {c['new']} upd {c['updated']} dup {c['duplicate']} fail {c['failed'] + c['blocked']}"
        )
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def is_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in inputs:
        if is_url(value):
            out.append(value)
            continue
        path = Path(value)
        if path.is_dir():
            out += [str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUPPORTED]
        else:
            out.append(value)
    return list(dict.fromkeys(out))


def _parse(resource: Resource, options: Options) -> None:
    try:
        resource.parsed = run_limited(
            parse_bytes, resource.data, media_type=resource.media_type, name=resource.filename,
            url=resource.final_url or resource.url, http_charset=resource.charset, status=resource.http_status or 200,
            limits=options.limits, ocr=options.ocr,
            timeout=options.limits.parse_timeout, memory=options.limits.parse_memory,
        )
    except Blocked as error:
        resource.error = str(error)
        resource.parsed = None
        raise
    except (ParseError, ValueError) as error:
        resource.error = str(error)


def _fetch_resource(url: str, options: Options, referer: str = "") -> Resource:
    result = fetch(url, limits=options.limits, allowed_networks=options.allowed_networks,
                   allow_loopback=options.allow_loopback, headers={"Referer": referer} if referer else None)
    name = Path(urlsplit(result.final_url).path).name
    return Resource(data=result.body, url=url, final_url=result.final_url, filename=name,
                    media_type=result.media_type, charset=result.charset, http_status=result.status,
                    fetched_at=result.fetched_at, headers=result.headers)


def load_url(url: str, options: Options) -> Item:
    item = Item(main=Resource(b"", url=url), label=url)
    try:
        main = _fetch_resource(url, options)
    except FetchError as error:
        item.main.error = error.reason
        return item
    item.main = main
    if main.http_status and main.http_status >= 400:
        if main.http_status in (403, 412, 429, 521) and b"<script" in main.data[:20000].lower():
            main.error = f"blocked: HTTP {main.http_status} challenge page"
        else:
            main.error = f"HTTP {main.http_status}"
        return item
    try:
        _parse(main, options)
    except Blocked:
        return item
    if main.parsed and options.fetch_attachments:
        for link in main.parsed.attachments[:MAX_ATTACHMENTS]:
            try:
                attachment = _fetch_resource(link.url, options, referer=main.final_url)
            except FetchError as error:
                item.warnings.append(f"attachment {link.url}: {error.reason}")
                continue
            if attachment.http_status and attachment.http_status >= 400:
                item.warnings.append(f"attachment {link.url}: HTTP {attachment.http_status}")
                continue
            attachment.link_text = link.text
            try:
                _parse(attachment, options)
            except Blocked as error:
                item.warnings.append(f"attachment {link.url}: {error}")
                continue
            if attachment.error:
                item.warnings.append(f"attachment {link.url}: {attachment.error}")
            item.attachments.append(attachment)
    return item


def load_file(path: str, options: Options, url: str = "") -> Item:
    file = Path(path)
    item = Item(main=Resource(b"", url=url, filename=file.name), label=path)
    try:
        size = file.stat().st_size
        if size > options.limits.max_bytes:
            item.main.error = f"too large: {size} bytes (limit {options.limits.max_bytes})"
            return item
        data = file.read_bytes()
    except OSError as error:
        item.main.error = f"cannot read: {error.strerror or error}"
        return item
    item.main = Resource(data=data, url=url, filename=file.name)
    try:
        _parse(item.main, options)
    except Blocked:
        return item
    # a saved HTML page: its attachments, when they sit beside it or the page's URL is known
    if item.main.parsed and options.fetch_attachments:
        for link in item.main.parsed.attachments[:MAX_ATTACHMENTS]:
            if is_url(link.url) and url:
                try:
                    attachment = _fetch_resource(urljoin(url, link.url), options, referer=url)
                except FetchError as error:
                    item.warnings.append(f"attachment {link.url}: {error.reason}")
                    continue
            else:
                local = (file.parent / urlsplit(link.url).path).resolve()
                if not (local.is_file() and local.suffix.lower() in ATTACHMENT_EXT
                        and local.is_relative_to(file.parent.resolve())):
                    continue
                attachment = Resource(data=local.read_bytes(), filename=local.name)
            try:
                _parse(attachment, options)
            except Blocked:
                continue
            item.attachments.append(attachment)
    return item


def load(value: str, options: Options, overrides: dict | None = None) -> Item:
    overrides = overrides or {}
    if is_url(value):
        item = load_url(value, options)
    else:
        item = load_file(value, options, url=overrides.get("url", ""))
    item.overrides = overrides
    item.label = value
    return item


def run(
    inputs: Iterable[str], *, options: Options | None = None, overrides: dict | None = None, publish: bool = False,
    progress: Progress | None = None, ingestor: Ingestor | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    options = options or Options()
    values = expand_inputs(inputs)
    ingestor = ingestor or Ingestor(publish=publish)
    summary = Summary()
    progress = progress or Progress(len(values))
    for item in _loaded(values, options, overrides):
        outcome = ingest_item(ingestor, item)
        summary.outcomes.append(outcome)
        progress.step(outcome)
        if on_outcome:
            on_outcome(outcome)
    return summary


def ingest_item(ingestor: Ingestor, item: Item) -> Outcome:
    if item.main.parsed is None:
        status = "blocked" if item.main.error.startswith("blocked") else "failed"
        if item.main.data and status == "failed" and (item.main.http_status or 200) < 400:
            # keep the original: a broken file is still an original the curator may want
            try:
                from django.db import transaction

                with transaction.atomic():
                    ingestor.save_document(item.main, role="", source=item.source)
            except Exception:  # noqa: BLE001 - archiving a failure must not hide it
                pass
        return Outcome(status, item.label, reason=item.main.error or "unreadable")
    try:
        return ingestor.ingest(item)
    except Exception as error:  # one bad item must not stop the batch; its transaction rolled back
        return Outcome("failed", item.label, reason=f"{type(error).__name__}: {error}")


def _loaded(values: list[str], options: Options, overrides: dict | None) -> Iterator[Item]:
    """Fetch and parse ahead in threads (I/O bound), keep the input order."""
    if len(values) <= 1 or options.workers <= 1:
        for value in values:
            yield load(value, options, overrides)
        return
    with ThreadPoolExecutor(max_workers=options.workers) as pool:
        window = options.workers * 2
        futures = [pool.submit(load, v, options, overrides) for v in values[:window]]
        position = len(futures)
        while futures:
            future = futures.pop(0)
            if position < len(values):
                futures.append(pool.submit(load, values[position], options, overrides))
                position += 1
            yield future.result()
