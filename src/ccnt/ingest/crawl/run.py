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

from ..items import Item, Outcome, Resource
from ..pipeline import Options, Progress, Summary, _parse, ingest_item
from ..store import Ingestor, url_hash
from ..types import Blocked
from .config import ConfigError, data_file_configs, normalise


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
    from ccnt.ingest.models import Source
    from ccnt.tracker.models import Jurisdiction

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
    from ccnt.ingest.models import FetchedUrl

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


def crawl_source(source, *, full: bool = False, since: str = "", max_pages: int | None = None,
                 allowed_networks: tuple[str, ...] = (), allow_loopback: bool = False, politeness: dict | None = None,
                 timeout: float = 3600, progress_stream=None, publish: bool = False) -> CrawlResult:
    from ccnt.ingest.models import FetchedUrl

    config = config_of(source)
    if since:
        config["since"] = since
    if max_pages:
        config["pagination"] = {**config.get("pagination", {}), "max_pages": max_pages}
    if politeness:
        config["politeness"] = {**config["politeness"], **politeness}
    ingestor = Ingestor(publish=publish)
    job = {"config": config, "known": {} if full else known_urls(source), "archive_dir": str(ingestor.archive.root),
           "full": full, "allowed_networks": list(allowed_networks), "allow_loopback": allow_loopback,
           "cache_dir": str(Path(settings.VAR_DIR) / "crawl-cache" / source.slug)}
    rows, stats = run_process(job, timeout)
    fetched_at = datetime.now(UTC)
    result = CrawlResult(source.slug, Summary(), stats=stats)
    options = Options(allowed_networks=tuple(allowed_networks), allow_loopback=allow_loopback)

    details = [r for r in rows if r["kind"] == "detail"]
    attachments: dict[str, list[dict]] = {}
    for row in rows:
        if row["kind"] == "attachment":
            attachments.setdefault(row.get("parent", ""), []).append(row)
        elif row["kind"] == "list":
            result.lists += 1
            result.skipped_known += row.get("known", 0)
            if row.get("error"):
                status = "blocked" if row["error"].startswith("blocked") else "failed"
                result.summary.outcomes.append(Outcome(status, row["url"], reason=row["error"]))
    progress = Progress(len(details), stream=progress_stream, enabled=None if progress_stream else False)
    for row in details:
        if row.get("unchanged"):
            result.unchanged += 1
            FetchedUrl.objects.filter(url_hash=url_hash(row["url"])).update(fetched_at=timezone.now())
            outcome = Outcome("duplicate", row["url"], reason="not modified (HTTP 304)")
            result.summary.outcomes.append(outcome)
            progress.step(outcome)
            continue
        result.fetched += 1
        item = crawled_item(row, attachments.get(row["url"], []), ingestor.archive, fetched_at, options, source)
        outcome = ingest_item(ingestor, item)
        result.summary.outcomes.append(outcome)
        progress.step(outcome)
    source.last_crawled_at = timezone.now()
    source.save(update_fields=["last_crawled_at"])
    return result


def select_sources(slug: str | None = None, config_file: str | None = None):
    from ccnt.ingest.models import Source

    if config_file:
        from .config import load_file

        return sync_sources([load_file(config_file)], overwrite=True)
    sync_sources()
    queryset = Source.objects.filter(enabled=True).order_by("slug")
    if slug:
        queryset = Source.objects.filter(slug=slug)
        if not queryset.exists():
            raise ConfigError(f"no source {slug!r} (see `ccnt crawl --list`)")
    return list(queryset)
