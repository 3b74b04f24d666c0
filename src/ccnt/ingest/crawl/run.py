"""``ccnt crawl``: run a site's crawl in its own process, then ingest what it fetched.

The Scrapy process gets the site configuration and the URLs already known for the site (with
their ETag / Last-Modified), so a second run fetches only new pages and pages that changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ccnt.ingest.models import FetchedUrl, Source
from ccnt.tracker.models import Jurisdiction

from ..archive import default_archive
from ..items import Item, Outcome, Resource
from ..pipeline import Options, Progress, Summary, _parse, ingest_item, settings_limits
from ..store import Ingestor, url_hash
from ..types import Blocked
from .config import ConfigError, data_file_configs, load_file, normalise


@dataclass
class CrawlResult:
    slug: str
    summary: Summary
    lists: int = 0
    fetched: int = 0
    unchanged: int = 0
    skipped_known: int = 0
    problems: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


def sync_sources(configs: list[dict] | None = None, overwrite: bool = False):
    """Create a Source row for each data-file configuration (update its config with ``overwrite``)."""
    rows = []
    for config in data_file_configs() if configs is None else configs:
        jurisdiction = Jurisdiction.objects.by_adcode(config["jurisdiction"]) if config.get("jurisdiction") else None
        source, created = Source.objects.get_or_create(slug=config["slug"], defaults={
            "name": config.get("name", config["slug"]), "jurisdiction": jurisdiction,
            "start_urls": config["start_urls"], "crawler": config["kind"], "config": config,
            "schedule": config.get("schedule", ""), "enabled": bool(config.get("enabled", True)),
        })
        if not created and overwrite:
            source.name = config.get("name", source.name)
            source.start_urls, source.crawler, source.config = config["start_urls"], config["kind"], config
            source.jurisdiction = jurisdiction or source.jurisdiction
            source.save()
        rows.append(source)
    return rows


def config_of(source) -> dict:
    config = dict(source.config or {})
    config.setdefault("slug", source.slug)
    config.setdefault("name", source.name)
    config["kind"] = source.crawler or config.get("kind", "portal")
    if source.start_urls:
        config["start_urls"] = source.start_urls
    return normalise(config)


def known_urls(source) -> dict:
    rows = FetchedUrl.objects.filter(source=source, http_status__lt=400, policy__isnull=False)
    return {r.url: {"etag": r.etag, "last_modified": r.last_modified} for r in rows}


def run_process(job: dict, timeout: float) -> tuple[list[dict], dict]:
    with tempfile.TemporaryDirectory(prefix="ccnt-crawl-") as tmp:
        workdir = Path(tmp)
        (workdir / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)  # the crawl process needs no Django
        try:
            completed = subprocess.run([sys.executable, "-m", "ccnt.ingest.crawl.runner", str(workdir)], env=env,
                                       capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(f"crawl process ran over {timeout:.0f}s and was stopped") from error
        manifest = workdir / "manifest.jsonl"
        rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()] \
            if manifest.exists() else []
        stats_file = workdir / "stats.json"
        stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
        if completed.returncode != 0 and not rows:
            raise RuntimeError(f"crawl process failed: {completed.stderr.strip()[-2000:]}")
        return rows, stats


def _resource(row: dict, archive, fetched_at: datetime) -> Resource:
    content_type = row.get("headers", {}).get("content-type", "")
    charset = ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return Resource(
        data=archive.get(row["sha256"]) if row.get("sha256") else b"", url=row["url"], final_url=row.get("final_url", ""),
        filename=Path(row.get("final_url") or row["url"]).name.split("?")[0][:300],
        media_type=content_type.split(";")[0].strip().lower(), charset=charset, http_status=row.get("status"),
        fetched_at=fetched_at, headers=row.get("headers", {}),
    )


def crawled_item(row: dict, attachment_rows: list[dict], archive, fetched_at, options, source) -> Item:
    """The ingest Item of one fetched detail page and its attachments, as the crawl manifest
    describes them; shared by `ccnt crawl` and the ingest job so both parse alike."""
    item = Item(main=_resource(row, archive, fetched_at), label=row["url"], hints=row.get("hints", {}), source=source)
    if row.get("error"):
        item.main.error = row["error"]
        return item
    try:
        _parse(item.main, options)
    except Blocked:
        pass
    for arow in attachment_rows:
        if arow.get("error"):
            item.warnings.append(f"attachment {arow['url']}: {arow['error']}")
            continue
        attachment = _resource(arow, archive, fetched_at)
        try:
            _parse(attachment, options)
        except Blocked as error:
            item.warnings.append(f"attachment {arow['url']}: {error}")
            continue
        if attachment.error:
            item.warnings.append(f"attachment {arow['url']}: {attachment.error}")
        item.attachments.append(attachment)
    return item


@dataclass
class Fetched:
    """One run of the fetch process, its manifest sorted: list pages, detail pages to ingest (new or
    changed), the attachments of each detail page, and the detail pages the site answered 304 for."""

    source: object
    fetched_at: datetime
    lists: list[dict] = field(default_factory=list)
    details: list[dict] = field(default_factory=list)
    attachments: dict[str, list[dict]] = field(default_factory=dict)
    unchanged: list[dict] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def attachments_of(self, row: dict) -> list[dict]:
        return self.attachments.get(row["url"], [])


def fetch_source(source, *, full: bool = False, since: str = "", max_pages: int | None = None,
                 allowed_networks: tuple[str, ...] = (), allow_loopback: bool = False,
                 politeness: dict | None = None, timeout: float = 3600, archive=None) -> Fetched:
    """Fetch ``source`` in the Scrapy process and sort what it brought back; writes nothing to the
    database. The one fetch path: ``ccnt crawl`` (``crawl_source``, which ingests here) and the
    ``ccnt.crawl_source`` job (``jobs.crawl.fetch_and_queue``, which queues a job a page) both call it,
    then ``settle``. Rejected: each caller assembling the job itself — the two copies had already
    drifted (the job's dropped ``allow_loopback``)."""
    config = config_of(source)
    if since:
        config["since"] = since
    if max_pages:
        config["pagination"] = {**config.get("pagination", {}), "max_pages": max_pages}
    if politeness:
        config["politeness"] = {**config["politeness"], **politeness}
    archive = archive or default_archive()
    job = {"config": config, "known": {} if full else known_urls(source), "archive_dir": str(archive.root),
           "full": full, "allowed_networks": list(allowed_networks), "allow_loopback": allow_loopback,
           "cache_dir": str(Path(settings.VAR_DIR) / "crawl-cache" / source.slug)}
    rows, stats = run_process(job, timeout)
    fetched = Fetched(source, datetime.now(UTC), stats=stats)
    for row in rows:
        if row["kind"] == "attachment":
            fetched.attachments.setdefault(row.get("parent", ""), []).append(row)
        elif row["kind"] == "list":
            fetched.lists.append(row)
        elif row["kind"] == "detail":
            (fetched.unchanged if row.get("unchanged") else fetched.details).append(row)
    return fetched


def settle(fetched: Fetched) -> None:
    """What the database learns from the fetch itself: the pages answered 304 were seen now, and
    the source was crawled now."""
    for row in fetched.unchanged:
        FetchedUrl.objects.filter(url_hash=url_hash(row["url"])).update(fetched_at=timezone.now())
    fetched.source.last_crawled_at = timezone.now()
    fetched.source.save(update_fields=["last_crawled_at"])


def crawl_options(allowed_networks: tuple[str, ...] = (), allow_loopback: bool = False) -> Options:
    """How a crawled page is parsed, in ``ccnt crawl`` and in the ingest job alike: the configured
    parse limits (``CCNT_PARSE_TIMEOUT`` / ``CCNT_PARSE_MEMORY_MB``) and the fetch's networks."""
    return Options(allowed_networks=tuple(allowed_networks), allow_loopback=allow_loopback,
                   limits=settings_limits())


def crawl_source(source, *, full: bool = False, since: str = "", max_pages: int | None = None,
                 allowed_networks: tuple[str, ...] = (), allow_loopback: bool = False, politeness: dict | None = None,
                 timeout: float = 3600, progress_stream=None, publish: bool = False) -> CrawlResult:
    """``ccnt crawl``: ``fetch_source``, then ingest every new or changed page here, in order."""
    ingestor = Ingestor(publish=publish)
    fetched = fetch_source(source, full=full, since=since, max_pages=max_pages, allowed_networks=allowed_networks,
                           allow_loopback=allow_loopback, politeness=politeness, timeout=timeout,
                           archive=ingestor.archive)
    result = CrawlResult(source.slug, Summary(), stats=fetched.stats)
    options = crawl_options(allowed_networks, allow_loopback)
    result.lists = len(fetched.lists)
    for row in fetched.lists:
        result.skipped_known += row.get("known", 0)
        if row.get("error"):
            status = "blocked" if row["error"].startswith("blocked") else "failed"
            result.summary.outcomes.append(Outcome(status, row["url"], reason=row["error"]))
    progress = Progress(len(fetched.details) + len(fetched.unchanged), stream=progress_stream,
                        enabled=None if progress_stream else False)
    for row in fetched.unchanged:
        result.unchanged += 1
        outcome = Outcome("duplicate", row["url"], reason="not modified (HTTP 304)")
        result.summary.outcomes.append(outcome)
        progress.step(outcome)
    for row in fetched.details:
        result.fetched += 1
        item = crawled_item(row, fetched.attachments_of(row), ingestor.archive, fetched.fetched_at, options, source)
        outcome = ingest_item(ingestor, item)
        result.summary.outcomes.append(outcome)
        progress.step(outcome)
    settle(fetched)
    return result


def select_sources(slug: str | None = None, config_file: str | None = None):
    if config_file:
        return sync_sources([load_file(config_file)], overwrite=True)
    sync_sources()
    queryset = Source.objects.filter(enabled=True).order_by("slug")
    if slug:
        queryset = Source.objects.filter(slug=slug)
        if not queryset.exists():
            raise ConfigError(f"no source {slug!r} (see `ccnt crawl --list`)")
    return list(queryset)
