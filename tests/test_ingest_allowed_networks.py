"""Private networks are opened one by one (``--allow-network``, ``CCNT_ALLOW_NETWORKS``); link-local
and cloud metadata addresses stay closed whatever the list says, and an unlisted private address
is refused."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from ccnt.ingest.fetch import FetchError, fetch
from ccnt.ingest.pipeline import Options, load_url
from ccnt.ingest.safety import check_url, is_forbidden_ip

from .ingest_fixtures import Site, allow_loopback_network, gov_page


def test_it_allows_a_listed_network_only():
    assert not is_forbidden_ip("10.1.2.3", ["10.0.0.0/8"])
    assert is_forbidden_ip("192.168.1.1", ["10.0.0.0/8"])  # private, not listed
    assert is_forbidden_ip("172.16.0.1", ["10.0.0.0/8"])
    assert is_forbidden_ip("10.1.2.3")  # nothing listed
    assert not is_forbidden_ip("fd12::1", ["fd00::/8"])
    assert not is_forbidden_ip("202.108.22.5", ["10.0.0.0/8"])  # public addresses need no list


@pytest.mark.parametrize("ip", ["169.254.169.254", "169.254.0.23", "fe80::1", "::ffff:169.254.169.254",
                                "fd00:ec2::254", "100.100.100.200", "168.63.129.16"])
def test_it_refuses_link_local_and_metadata_addresses_even_if_listed(ip):
    assert is_forbidden_ip(ip, ["169.254.0.0/16", "fe80::/10", "100.64.0.0/10", "0.0.0.0/0", "::/0"])
    assert is_forbidden_ip(ip, ["169.254.169.254/32"], allow_loopback=True)


def test_it_opens_loopback_only_when_listed_or_asked():
    assert is_forbidden_ip("127.0.0.1", ["10.0.0.0/8"])
    assert not is_forbidden_ip("127.0.0.1", ["127.0.0.0/8"])
    assert not is_forbidden_ip("127.0.0.1", allow_loopback=True)
    assert check_url("http://127.0.0.1:8000/", ["127.0.0.0/8"]) == ["127.0.0.1"]


def test_it_fetches_from_a_listed_network_and_never_follows_to_the_metadata_service():
    with Site() as site:
        site.add("/page.html", b"<html>hello</html>")
        site.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
        assert fetch(site.url("/page.html"), allowed_networks=["127.0.0.0/8"]).status == 200
        with pytest.raises(FetchError, match="internal address"):
            fetch(site.url("/page.html"), allowed_networks=["10.0.0.0/8"])
        with pytest.raises(FetchError, match="169.254.169.254"):
            fetch(site.url("/to-metadata"), allowed_networks=["127.0.0.0/8", "169.254.0.0/16"])


def test_it_refuses_a_metadata_attachment_of_an_allowed_page():
    with Site() as site:
        page = gov_page("某市关于推进绿色低碳发展的通知", ["到2025年，单位地区生产总值能耗下降14%。"],
                        attachments=[("http://169.254.169.254/latest/user-data.pdf", "附件1.pdf")])
        url = site.add("/zcwj/notice.html", page)
        item = load_url(url, Options(allowed_networks=("0.0.0.0/0",), workers=1, ocr=False))
        assert item.main.error == ""
        assert not item.attachments
        assert any("169.254.169.254" in w and "internal address" in w for w in item.warnings)


@pytest.mark.django_db
def test_ingest_takes_allow_network_and_refuses_the_old_switch(settings, monkeypatch, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    allow_loopback_network(monkeypatch, [])
    with Site() as site:
        url = site.add("/zcwj/a.html", gov_page("某市关于推进绿色低碳发展的通知", ["到2025年，单位地区生产总值能耗下降14%。"]))
        out = io.StringIO()
        with pytest.raises(CommandError):
            call_command("ingest", url, "--json", "--no-progress", stdout=out)
        assert "internal address" in json.loads(out.getvalue())["items"][0]["reason"]
        with pytest.raises(CommandError, match="--allow-network 10.0.0.0/8"):
            call_command("ingest", url, "--allow-private", "--no-progress", stdout=io.StringIO())
        with pytest.raises(CommandError, match="not an IP network"):
            call_command("ingest", url, "--allow-network", "intranet", "--no-progress", stdout=io.StringIO())
        out = io.StringIO()
        call_command("ingest", url, "--allow-network", "127.0.0.0/8", "--json", "--no-progress", stdout=out)
        assert json.loads(out.getvalue())["items"][0]["status"] == "new"
