"""The home page: counts, the timeline of new policies, the map's data and the report link."""

from __future__ import annotations

import json
import re

import pytest

from ._pages_helpers import assert_no_inline_script, assert_strict_csp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def _json_block(html: str, element_id: str):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_it_serves_the_home_page_in_chinese_with_a_strict_policy(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html  # Chinese by default, whatever the browser asks
    assert "新政策时间线" in html and "政策地图" in html
    assert_no_inline_script(html)
    assert_strict_csp(response)


def test_it_groups_the_newest_policies_by_month(client):
    from ccnt.tracker.models import Policy

    data = client.get("/?format=json").json()
    dates = [p["published_date"] or p["signed_date"] for p in data["latest"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    newest = max(Policy.objects.public().exclude(signed_date=None).values_list("signed_date", flat=True))
    html = client.get("/").content.decode()
    assert f"<h3>{newest:%Y-%m}</h3>" in html


def test_it_gives_the_map_every_province_by_adcode_with_its_policy_count(client):
    from ccnt.tracker.models import Policy

    html = client.get("/").content.decode()
    data = _json_block(html, "map-data")
    provinces = {p["adcode"]: p for p in data["provinces"]}
    assert {"110000", "320000", "650000", "710000", "810000", "820000"} <= set(provinces)
    jiangsu = Policy.objects.public().filter(jurisdictions__adcode__startswith="32").distinct().count()
    assert provinces["320000"]["count"] == jiangsu > 0
    assert provinces["710000"]["count"] == 0  # no data: the map greys it out
    assert 'data-geojson="/static/vendor/echarts-map/china.json"' in html


def test_it_offers_provincial_targets_to_shade_the_map_with_the_national_value(client):
    data = client.get("/?format=json").json()["map"]
    series = {s["key"]: s for s in data["series"]}
    energy = series["energy_intensity:2025:change:2020"]
    assert energy["national"] == 13.5
    assert energy["values"]["310000"] == 14.0 and energy["values"]["620000"] == 12.5
    assert "100000" not in energy["values"]


def test_it_keeps_a_draft_out_of_the_counts_and_the_map(client, draft_policy):
    before = client.get("/?format=json").json()
    draft_policy.review_state = "published"
    draft_policy.save()
    after = client.get("/?format=json").json()
    counts = {p["adcode"]: p["count"] for p in after["map"]["provinces"]}
    old = {p["adcode"]: p["count"] for p in before["map"]["provinces"]}
    assert after["counts"]["policies"] == before["counts"]["policies"] + 1
    assert counts["320000"] == old["320000"] + 1


def test_it_links_the_monthly_reports_and_the_latest_published_one(client):
    import datetime

    from ccnt.reports.models import Report

    html = client.get("/").content.decode()
    assert 'href="/reports/"' in html
    Report.objects.create(month=datetime.date(2022, 7, 1), status="published")
    Report.objects.create(month=datetime.date(2022, 8, 1), status="draft")
    html = client.get("/").content.decode()
    assert 'href="/reports/2022-07/"' in html and "/reports/2022-08/" not in html
    assert client.get("/?format=json").json()["latest_report"] == "/reports/2022-07/"
