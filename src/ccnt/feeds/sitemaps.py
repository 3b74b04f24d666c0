"""``/sitemap.xml``: every public page — the fixed pages, each published policy, the regions and
reports that have pages. A page is listed only if the site answers its path (pages are built by
other apps; nothing here guesses a URL that would 404)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import Resolver404, resolve

from ccnt.api import rows
from ccnt.tracker.models import Jurisdiction

STATIC_PAGES = ["/", "/policies/", "/targets/", "/targets/peaks/", "/matrix/", "/reports/", "/downloads/", "/api/docs/"]


def served(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [p for p in STATIC_PAGES if served(p)]

    def location(self, item):
        return item


class PolicySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 50000

    def items(self):
        return rows.public_policies().order_by("id").only("id", "updated_at")

    def location(self, policy):
        return f"/policies/{policy.pk}/"

    def lastmod(self, policy):
        return policy.updated_at


class RegionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        if not served("/regions/100000/"):
            return []
        counts = rows.policy_counts()
        places = Jurisdiction.objects.current().filter(kind="division").order_by("adcode")
        return [j.adcode for j in places
                if j.level in ("national", "province") or counts.get(j.descendant_codes_prefix(), 0) > 0]

    def location(self, adcode):
        return f"/regions/{adcode}/"


class ReportSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        months = [f"{r.month:%Y-%m}" for r in rows.public_reports().order_by("-month")]
        return [m for m in months if served(f"/reports/{m}/")]

    def location(self, month):
        return f"/reports/{month}/"


SITEMAPS = {"pages": StaticSitemap, "policies": PolicySitemap, "regions": RegionSitemap, "reports": ReportSitemap}
