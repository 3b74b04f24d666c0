"""Downloader middlewares for the crawl process: the private-address check on every request
(each redirect hop is a new request) and on the address actually connected to, one deadline
shared by a redirect chain, and retries with exponential back-off."""

from __future__ import annotations

import asyncio

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest

from ccnt.ingest.safety import UnsafeURL, check_ip, check_url


class SafetyMiddleware:
    def __init__(self, allowed_networks: tuple[str, ...], allow_loopback: bool) -> None:
        self.allowed_networks = allowed_networks
        self.allow_loopback = allow_loopback

    @classmethod
    def from_crawler(cls, crawler):
        return cls(tuple(crawler.settings.getlist("CCNT_ALLOW_NETWORKS")), crawler.settings.getbool("CCNT_ALLOW_LOOPBACK"))

    def process_request(self, request, spider=None):
        try:
            check_url(request.url, self.allowed_networks, self.allow_loopback)
        except UnsafeURL as error:
            raise IgnoreRequest(str(error)) from error
        return None

    def process_response(self, request, response, spider=None):
        ip = getattr(response, "ip_address", None)
        if ip is not None:
            try:
                check_ip(str(ip), request.url, self.allowed_networks, self.allow_loopback)
            except UnsafeURL as error:
                raise IgnoreRequest(str(error)) from error
        return response


class ChainDeadlineMiddleware:
    """One deadline (``DOWNLOAD_TIMEOUT``) for a request and all its redirect hops together.

    Scrapy's ``download_timeout`` bounds each download as a whole (not per read), but every hop of
    a redirect chain is a new request with a fresh timeout, so a chain could take hops × timeout.
    The time each hop spent downloading is added up in ``meta`` (which redirects copy) and the next
    hop gets only what is left. Time waiting in the per-host queue is not counted (politeness is not
    the server's fault); a retry starts a fresh chain. Runs nearer the downloader than Scrapy's
    redirect (600) and timeout (350) middlewares, so it sees the hop before the redirect is made
    and has the last word on ``download_timeout``.
    """

    def __init__(self, total: float) -> None:
        self.total = total

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 180))

    def process_request(self, request, spider=None):
        if not self.total:
            return None
        remaining = self.total - request.meta.get("ccnt_chain_spent", 0.0)
        if remaining <= 0:
            first = (request.meta.get("redirect_urls") or [request.url])[0]
            raise IgnoreRequest(f"gave up on {first}: the redirect chain took over its {self.total:g} s deadline")
        request.meta["download_timeout"] = remaining
        return None

    def process_response(self, request, response, spider=None):
        request.meta["ccnt_chain_spent"] = (request.meta.get("ccnt_chain_spent", 0.0)
                                            + float(request.meta.get("download_latency") or 0.0))
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, with the retried request waiting base × 2^(n-1) seconds first."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("CCNT_RETRY_BACKOFF", 2.0)

    def _retry(self, request, reason, *args, **kwargs):
        retried = super()._retry(request, reason, *args, **kwargs)
        if retried is not None:
            retried.meta.pop("ccnt_chain_spent", None)
            retried.meta["ccnt_backoff"] = self.base * 2 ** (retried.meta.get("retry_times", 1) - 1)
        return retried


class BackoffDelayMiddleware:
    async def process_request(self, request, spider=None):
        delay = request.meta.pop("ccnt_backoff", 0)
        if delay:
            await asyncio.sleep(delay)
        return None
