"""The crawl spider: list pages → detail pages → attachments, driven by a site configuration.

It only fetches: every body goes into the content-addressed archive and one manifest row is
yielded per response (or failure). Parsing, analysis and the database are the parent
process's work (``crawl.run``), so this process needs no Django.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure

from ccnt.ingest.archive import Archive
from ccnt.ingest.parse_html import ATTACHMENT_EXT

DATE_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")


def find_date(text: str) -> str:
    match = DATE_IN_TEXT.search(text or "")
    if not match:
        return ""
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return ""


class PolicySpider(scrapy.Spider):
    name = "ccnt"
    custom_settings: dict = {}

    def __init__(self, config: dict, known: dict, archive_dir: str, full: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.config = config
        self.known = known  # url → {"etag", "last_modified"}
        self.archive = Archive(archive_dir)
        self.full = full
        self.since = config.get("since", "")
        self.list_cfg = config.get("list", {})
        self.page_cfg = config.get("pagination", {})
        self.allow = [re.compile(p) for p in self.list_cfg.get("detail_allow", [])]
        self.seen: set[str] = set()

    async def start(self):
        for request in self.start_requests():
            yield request

    def start_requests(self):
        for url in self.config["start_urls"]:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.failed, dont_filter=True,
                                 meta={"page": self.page_cfg.get("start", 1), "first_url": url, "kind": "list",
                                       "handle_httpstatus_all": True})

    # ------------------------------------------------------------------ list pages
    def parse_list(self, response):
        if response.status >= 400:
            yield self.row(response, "list", error=f"HTTP {response.status}")
            return
        rows = response.css(self.list_cfg.get("item_selector", "li"))
        found = known = older = 0
        for row in rows:
            href = row.css(self.list_cfg.get("link_selector", "a::attr(href)")).get()
            if not href or href.startswith(("javascript:", "#", "mailto:")):
                continue
            url = response.urljoin(href.strip())
            if self.allow and not any(p.search(url) for p in self.allow):
                continue
            title_sel = self.list_cfg.get("title_selector")
            title = " ".join(row.css(title_sel).getall() if title_sel else row.css("a ::text").getall()).strip()
            date_sel = self.list_cfg.get("date_selector")
            row_date = find_date(" ".join(row.css(date_sel).getall()) if date_sel else " ".join(row.css("::text").getall()))
            found += 1
            if self.since and row_date and row_date < self.since:
                older += 1
                continue
            if url in self.seen:
                continue
            self.seen.add(url)
            state = self.known.get(url)
            if state is not None and not self.full:
                headers = {}
                if state.get("etag"):
                    headers["If-None-Match"] = state["etag"]
                if state.get("last_modified"):
                    headers["If-Modified-Since"] = state["last_modified"]
                if not headers:
                    known += 1
                    continue
            else:
                headers = {}
            yield scrapy.Request(url, callback=self.parse_detail, errback=self.failed, headers=headers,
                                 meta={"hints": {"title": title, "date": row_date}, "kind": "detail",
                                       "handle_httpstatus_all": True})
        if found == 0:
            yield self.row(response, "list", error="blocked: empty list page (no policy links; firewall or layout change?)")
            return
        yield self.row(response, "list", found=found, known=known, older=older)
        # incremental: a list page with nothing new means the rest is older
        if (known + older) >= found and not self.full and (known or older):
            return
        yield from self.next_page(response)

    def next_page(self, response):
        page = response.meta["page"]
        max_pages = self.page_cfg.get("max_pages", 5)
        start = self.page_cfg.get("start", 1)
        if page - start + 1 >= max_pages:
            return
        url = None
        if self.page_cfg.get("next_selector"):
            href = response.css(self.page_cfg["next_selector"]).get()
            url = response.urljoin(href) if href else None
        elif self.page_cfg.get("template"):
            url = urljoin(response.meta["first_url"], self.page_cfg["template"].format(n=page + 1))
        if url:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.failed,
                                 meta={**response.meta, "page": page + 1, "handle_httpstatus_all": True})

    # ------------------------------------------------------------------ detail pages, attachments
    def parse_detail(self, response):
        if response.status == 304:
            yield self.row(response, "detail", unchanged=True)
            return
        if response.status >= 400:
            yield self.row(response, "detail", error=f"HTTP {response.status}")
            return
        yield self.row(response, "detail", store=True, hints=response.meta.get("hints", {}))
        if not self.config.get("attachments", True) or not hasattr(response, "css"):
            return
        try:
            hrefs = response.css("a::attr(href)").getall()
        except (AttributeError, ValueError):
            return
        for href in dict.fromkeys(hrefs):
            url = response.urljoin(href.strip())
            if url.split("?")[0].lower().endswith(ATTACHMENT_EXT):
                yield scrapy.Request(url, callback=self.parse_attachment, errback=self.failed,
                                     meta={"parent": response.meta.get("ccnt_url", response.request.url),
                                           "kind": "attachment", "handle_httpstatus_all": True})

    def parse_attachment(self, response):
        if response.status >= 400:
            yield self.row(response, "attachment", error=f"HTTP {response.status}", parent=response.meta["parent"])
            return
        yield self.row(response, "attachment", store=True, parent=response.meta["parent"])

    # ------------------------------------------------------------------ rows
    def row(self, response, kind: str, store: bool = False, error: str = "", **extra) -> dict:
        request_url = response.request.meta.get("redirect_urls", [response.request.url])[0]
        headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1")
                   for k, v in response.headers.items()}
        row = {"kind": kind, "url": request_url, "final_url": response.url, "status": response.status,
               "headers": {k: headers[k] for k in ("content-type", "etag", "last-modified") if k in headers},
               "error": error, **extra}
        if store:
            sha, _ = self.archive.put(response.body)
            row["sha256"] = sha
            row["size"] = len(response.body)
        return row

    def failed(self, failure: Failure):
        request = failure.request
        reason = failure.getErrorMessage() if not failure.check(IgnoreRequest) else str(failure.value)
        if failure.check(IgnoreRequest) and "robots.txt" in reason.lower():
            reason = "forbidden by robots.txt"
        url = request.meta.get("redirect_urls", [request.url])[0]
        yield {"kind": request.meta.get("kind", "detail"), "url": url, "final_url": request.url, "status": None,
               "headers": {}, "error": reason or type(failure.value).__name__,
               **({"parent": request.meta["parent"]} if "parent" in request.meta else {})}
