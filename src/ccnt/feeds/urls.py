"""Feeds, the sitemap and the bulk downloads — included from ``ccnt.urls`` before the pages."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import downloads, feeds
from .sitemaps import SITEMAPS

SINGLE_FILE_LIMIT = 50000


def sitemap(request):
    """One file while the site has at most 50 000 pages, else an index of section files."""
    total = sum(s().paginator.count for s in SITEMAPS.values())
    if total <= SINGLE_FILE_LIMIT:
        return sitemap_views.sitemap(request, sitemaps=SITEMAPS)
    return sitemap_views.index(request, sitemaps=SITEMAPS, sitemap_url_name="feeds:sitemap_section")


app_name = "feeds"
urlpatterns = [
    path("policies/feed/", feeds.PolicyFeed(), name="search_feed"),
    path("feeds/policies/", feeds.AllPoliciesFeed(), name="all"),
    re_path(r"^feeds/regions/(?P<adcode>[0-9]{6})/$", feeds.RegionFeed(), name="region"),
    path("feeds/categories/<slug:code>/", feeds.CategoryFeed(), name="category"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("downloads/", downloads.index, name="downloads"),
    path("downloads/latest.zip", downloads.latest, name="latest"),
    path("downloads/sources/", downloads.sources, name="sources"),
    re_path(r"^downloads/(?P<filename>ccnt-data-[0-9A-Za-z._-]+\.zip)$", downloads.release_file, name="release"),
]
