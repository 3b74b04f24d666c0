"""`ccnt crawl` against a fixture site on 127.0.0.1: list → detail → attachment, pagination,
robots.txt, date filter, failures, and an incremental second run."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ccnt.ingest.models import Source
from ccnt.tracker.models import Document, Policy

from .ingest_fixtures import Site, allow_loopback_network, build_policy_site, list_page

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # slow: each crawl is a Scrapy child process


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return settings.ARCHIVE_DIR


def site_config(site: Site, tmp_path, **extra) -> str:
    lines = [
        'slug = "fixture-city"', 'name = "某市人民政府 政策文件（测试）"', 'kind = "portal"', 'jurisdiction = "320500"',
        f'start_urls = ["{site.url("/zcwj/index.html")}"]', 'since = "2021-01-01"',
        "[list]", 'item_selector = "ul.list li"', 'detail_allow = ["/zcwj/"]',
        "[pagination]", 'template = "index_{n}.html"', "start = 1", "max_pages = 3",
        "[politeness]", "download_delay = 0", "timeout = 2", "retries = 1", "backoff = 0.1",
    ]
    path = tmp_path / "fixture-city.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def test_crawl_then_incremental_recrawl(archive_dir, tmp_path, monkeypatch):
    allow_loopback_network(monkeypatch)
    with Site() as site:
        urls = build_policy_site(site)
        path = lambda url: url.replace(site.base, "")  # noqa: E731
        site.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        site.add("/zcwj/index.html", list_page([
            (path(urls["storage"]), "苏州市人民政府关于印发苏州市新型储能产业发展实施方案的通知", "2022-06-24"),
            (path(urls["hydrogen_gbk"]), "无锡市氢能产业发展规划（2022—2025年）", "2022-05-16"),
            ("/zcwj/2022/gone.html", "已删除的文件", "2022-04-01"),
            ("/private/zcwj/secret.html", "robots.txt 不允许", "2022-04-01"),
        ]))
        site.add("/zcwj/index_2.html", list_page([
            (path(urls["national_pdf"]), "国务院关于印发2030年前碳达峰行动方案的通知", "2021-10-26"),
            ("/zcwj/2019/old.html", "旧文件（早于日期过滤）", "2019-03-01"),
        ]))
        site.add("/private/zcwj/secret.html", b"<html>secret</html>")
        site.add("/zcwj/2019/old.html", b"<html>old</html>")
        config = site_config(site, tmp_path)

        out = io.StringIO()
        call_command("crawl", "--config", config, stdout=out, stderr=io.StringIO())
        text = out.getvalue()
        assert "2 new, 1 updated" in text, text  # the 2030 plan is a new version of the demo's
        assert "gone.html: HTTP 404" in text
        assert site.hits["/private/zcwj/secret.html"] == 0  # robots.txt obeyed
        assert site.hits["/zcwj/2019/old.html"] == 0  # date filter
        assert site.hits["/files/2030-plan.pdf"] == 1 and site.hits["/files/storage-plan.docx"] == 1
        source = Source.objects.get(slug="fixture-city")
        assert source.last_crawled_at is not None
        storage = Policy.objects.get(title="苏州市新型储能产业发展实施方案")
        assert storage.review_state == "needs_review" and storage.doc_number == "苏府〔2022〕58号"
        assert {d.role for d in storage.documents.all()} == {"main", "attachment"}
        assert all(d.source == source for d in storage.documents.all())
        national = Policy.objects.get(title="2030年前碳达峰行动方案")  # the demo's, with a version awaiting review
        assert "单位国内生产总值能源消耗比2020年下降13.5%" in national.versions.order_by("-number").first().text
        policies, documents = Policy.objects.count(), Document.objects.count()

        # second run: pages with an ETag are revalidated (304), the rest known and skipped
        hits_before = sum(site.hits.values())
        out = io.StringIO()
        call_command("crawl", "--config", config, stdout=out, stderr=io.StringIO())
        text = out.getvalue()
        assert "0 new" in text and "2 not modified" in text, text
        assert (Policy.objects.count(), Document.objects.count()) == (policies, documents)
        assert site.hits["/files/2030-plan.pdf"] == 1  # not refetched
        assert sum(site.hits.values()) - hits_before <= 8  # robots, 3 list pages, 2 revalidations, the 404

        # a changed page is fetched again and becomes a new version
        body = site.routes["/zcwj/2022/art_1001.html"]["body"].replace("1000亿元".encode(), "1200亿元".encode())
        site.add("/zcwj/2022/art_1001.html", body, etag=True)
        out = io.StringIO()
        call_command("crawl", "--config", config, stdout=out, stderr=io.StringIO())
        assert "1 updated" in out.getvalue(), out.getvalue()
        assert storage.versions.count() == 2


def test_an_empty_list_page_is_reported_blocked(archive_dir, tmp_path, monkeypatch):
    allow_loopback_network(monkeypatch)
    with Site() as site:
        site.add("/zcwj/index.html", b"<html><body><script>challenge()</script></body></html>")
        out = io.StringIO()
        call_command("crawl", "--config", site_config(site, tmp_path), stdout=out, stderr=io.StringIO())
        assert "blocked: empty list page" in out.getvalue()
        assert not Policy.objects.filter(source_url__startswith=site.base).exists()


def test_private_addresses_are_refused_by_the_crawler(archive_dir, tmp_path, monkeypatch):
    allow_loopback_network(monkeypatch, [])
    with Site() as site:
        site.add("/zcwj/index.html", list_page([("/zcwj/a.html", "某文件", "2022-01-01")]))
        out = io.StringIO()
        call_command("crawl", "--config", site_config(site, tmp_path), stdout=out, stderr=io.StringIO())
        assert "internal address" in out.getvalue()
        assert sum(site.hits.values()) == 0


def test_site_configs_in_the_data_files_load():
    from ccnt.ingest.crawl.config import data_file_configs

    configs = {c["slug"]: c for c in data_file_configs()}
    assert configs["gov-cn-zhengceku"]["kind"] == "gov_policy_library"
    assert configs["gov-cn-zhengceku"]["politeness"]["obey_robots"] is True
    assert configs["jiangsu-zfwj"]["politeness"]["download_delay"] >= 1
