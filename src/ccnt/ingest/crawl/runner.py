"""The crawl process: ``python -m ccnt.ingest.crawl.runner WORKDIR``.

WORKDIR holds ``job.json`` (config, known URLs, archive folder, flags); the process writes
``manifest.jsonl`` (one row per response or failure) and exits. One crawl per process: the
Twisted reactor cannot be restarted.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path


def offline_tldextract() -> None:
    """Scrapy's cookie middleware uses tldextract, which downloads the public-suffix list on
    first use; use the snapshot bundled with the package instead (no downloads at run time)."""
    from scrapy.downloadermiddlewares import cookies
    from tldextract import TLDExtract

    cookies._split_domain = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def settings_for(job: dict) -> dict:
    from ccnt.ingest.fetch import USER_AGENT

    polite = job["config"]["politeness"]
    workdir = Path(job["workdir"])
    settings = {
        "BOT_NAME": "ccnt",
        "USER_AGENT": polite.get("user_agent") or USER_AGENT,
        "ROBOTSTXT_OBEY": bool(polite.get("obey_robots", True)),
        "DOWNLOAD_DELAY": float(polite.get("download_delay", 2.0)),
        "RANDOMIZE_DOWNLOAD_DELAY": True,
        "CONCURRENT_REQUESTS": int(polite.get("concurrency", 8)),
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(polite.get("concurrency_per_host", 2)),
        "AUTOTHROTTLE_ENABLED": float(polite.get("download_delay", 2.0)) > 0,
        "AUTOTHROTTLE_START_DELAY": max(float(polite.get("download_delay", 2.0)), 0.1),
        "DOWNLOAD_TIMEOUT": float(polite.get("timeout", 30)),
        "DOWNLOAD_MAXSIZE": int(polite.get("max_bytes", 50 * 1024 * 1024)),
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_ENABLED": int(polite.get("retries", 3)) > 0,
        "RETRY_TIMES": int(polite.get("retries", 3)),
        "CCNT_RETRY_BACKOFF": float(polite.get("backoff", 2.0)),
        "REDIRECT_MAX_TIMES": 8,
        "CCNT_ALLOW_NETWORKS": list(job.get("allowed_networks") or []),
        "CCNT_ALLOW_LOOPBACK": bool(job.get("allow_loopback")),
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "ccnt.ingest.crawl.middlewares.BackoffRetryMiddleware": 550,
            "ccnt.ingest.crawl.middlewares.BackoffDelayMiddleware": 560,
            "ccnt.ingest.crawl.middlewares.SafetyMiddleware": 90,
            "ccnt.ingest.crawl.middlewares.ChainDeadlineMiddleware": 650,
        },
        "FEEDS": {str(workdir / "manifest.jsonl"): {"format": "jsonlines", "encoding": "utf-8"}},
        "LOG_LEVEL": job.get("log_level", "WARNING"),
        "TELNETCONSOLE_ENABLED": False,
        "HTTPERROR_ALLOW_ALL": True,
    }
    if polite.get("cache"):
        settings.update({
            "HTTPCACHE_ENABLED": True,
            "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
            "HTTPCACHE_DIR": job.get("cache_dir") or str(workdir / "httpcache"),
        })
    return settings


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    workdir = Path(argv[0])
    job = json.loads((workdir / "job.json").read_text(encoding="utf-8"))
    job["workdir"] = str(workdir)
    offline_tldextract()
    from scrapy.crawler import CrawlerProcess

    from ccnt.ingest.crawl.spider import PolicySpider

    logging.getLogger("scrapy").setLevel(job.get("log_level", "WARNING"))
    process = CrawlerProcess(settings=settings_for(job), install_root_handler=True)
    process.crawl(PolicySpider, config=job["config"], known=job.get("known", {}), archive_dir=job["archive_dir"],
                  full=bool(job.get("full")))
    process.start()
    stats = {}
    for crawler in process.crawlers:
        stats = {k: v for k, v in (crawler.stats.get_stats() or {}).items() if isinstance(v, int | float | str)}
    (workdir / "stats.json").write_text(json.dumps(stats, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
