"""Downloader middlewares for the crawl process: the private-address check on every request
(each redirect hop is a new request) and on the address actually connected to, and retries
with exponential back-off."""

from __future__ import annotations

import asyncio

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest

from ccnt.ingest.safety import UnsafeURL, check_ip, check_url


class SafetyMiddleware:
    def __init__(self, allow_private: bool, allow_loopback: bool) -> None:
        self.allow_private = allow_private
        self.allow_loopback = allow_loopback

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getbool("CCNT_ALLOW_PRIVATE"), crawler.settings.getbool("CCNT_ALLOW_LOOPBACK"))

    def process_request(self, request, spider=None):
        try:
            check_url(request.url, self.allow_private, self.allow_loopback)
        except UnsafeURL as error:
            raise IgnoreRequest(str(error)) from error
        return None

    def process_response(self, request, response, spider=None):
        ip = getattr(response, "ip_address", None)
        if ip is not None:
            try:
                check_ip(str(ip), request.url, self.allow_private, self.allow_loopback)
            except UnsafeURL as error:
                raise IgnoreRequest(str(error)) from error
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, with the retried request waiting base × 2^(n-1) seconds first."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("CCNT_RETRY_BACKOFF", 2.0)

    def _retry(self, request, reason, *args, **kwargs):
        retried = super()._retry(request, reason, *args, **kwargs)
        if retried is not None:
            retried.meta["ccnt_backoff"] = self.base * 2 ** (retried.meta.get("retry_times", 1) - 1)
        return retried


class BackoffDelayMiddleware:
    async def process_request(self, request, spider=None):
        delay = request.meta.pop("ccnt_backoff", 0)
        if delay:
            await asyncio.sleep(delay)
        return None
