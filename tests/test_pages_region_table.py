"""A region page's targets table is built in Python (``tracker.region_table``) and is the same
HTML the template's loop wrote, byte for byte: on the national, a province's and a city's page, in
Chinese and in English (texts with Chinese marked as such), with the province's and the national
columns where the page has them."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db

# the loop the template held before (region_detail.html)
OLD_LOOP = """{% for c in comparisons %}
      <tr><td><a href="{{ c.target|explorer_url }}">{{ c.target|loc|zh }}</a></td>
        <td>{{ c.target.target_year|default:"—" }}</td><td>{{ c.target|metric_label }}</td>
        <td><a href="/policies/{{ c.target.policy_id }}/#t-{{ c.target.pk }}">{{ c.target|target_value|default:c.target.text|zh }}</a>{% if c.target.firmness == "stretch" %} <em>{% translate "力争" %}</em>{% endif %}</td>
        {% if province %}<td>{% if c.province %}<a href="/policies/{{ c.province.policy_id }}/#t-{{ c.province.pk }}">{{ c.province|target_value|default:c.province.text|zh }}</a>{% else %}{% translate "暂无数据" %}{% endif %}</td>{% endif %}
        {% if compare_national %}<td>{% if c.national %}<a href="/policies/{{ c.national.policy_id }}/#t-{{ c.national.pk }}">{{ c.national|target_value|default:c.national.text|zh }}</a>{% else %}{% translate "暂无数据" %}{% endif %}</td>
        <td>{{ c.ambition|ambition_label|default:"—" }}</td>{% endif %}</tr>
    {% endfor %}"""
TBODY = re.compile(r'<table class="data">.*?<tbody>(.*?)</tbody>', re.S)


def old_rows(context) -> str:
    template = Template("{% load i18n ccnt_tags %}" + OLD_LOOP)
    return template.render(Context({k: context[k] for k in ("comparisons", "province", "compare_national")}))


@pytest.fixture
def city_with_targets() -> str:
    """Nanjing with a verified target (its province's and the nation's beside it) and a stretch one."""
    from ccnt.tracker.models import Category, Indicator, Jurisdiction, Policy, Target

    nanjing = Jurisdiction.objects.by_adcode("320100")
    policy = Policy.objects.create(title="南京市碳达峰实施方案（测试）", review_state="published", level="city",
                                   jurisdiction=nanjing, category=Category.objects.get(code="one_plus_n"),
                                   policy_type="实施方案")
    policy.jurisdictions.set([nanjing])
    common = {"policy": policy, "target_year": 2025, "unit": "%", "unit_normalized": "%"}
    Target.objects.create(**common, indicator=Indicator.objects.get(code="energy_intensity"), value_low=15,
                          value_high=15, value_normalized_low=15, value_normalized_high=15, metric_kind="change",
                          base_year=2020, direction="decrease", text="单位地区生产总值能耗比2020年下降15%", verified=True)
    Target.objects.create(**common, indicator=Indicator.objects.get(code="non_fossil_share"), value_low=20,
                          value_high=20, value_normalized_low=20, value_normalized_high=20, metric_kind="level",
                          firmness="stretch", text="非化石能源消费比重力争达到20%", order=1)
    return "320100"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("level", ["national", "province", "city"])
def test_it_writes_the_rows_the_template_wrote(client, level, language, city_with_targets):
    adcode = {"national": "100000", "province": "320000", "city": city_with_targets}[level]
    if language == "en":
        client.cookies["django_language"] = "en"
    response = client.get(f"/regions/{adcode}/")
    assert response.status_code == 200
    context = response.context
    assert context["comparisons"], "the page should list targets"
    html = response.content.decode()
    with translation.override(language):
        expected = old_rows(context)
    shown = TBODY.search(html).group(1)
    assert shown == "\n    " + expected + "\n    "
    if language == "en" and level != "city":  # titles and texts without a translation
        assert 'lang="zh-Hans"' in shown
    if level == "city":
        assert context["province"] is not None and "<em>" in shown and "/policies/" in shown.split("</td>")[4]


def test_it_shows_the_national_columns_only_below_the_nation(client):
    def cells_per_row(adcode: str) -> set[int]:
        rows = TBODY.search(client.get(f"/regions/{adcode}/").content.decode()).group(1).split("<tr>")[1:]
        return {row.count("<td>") for row in rows}

    assert cells_per_row("100000") == {4}  # indicator, year, measure, value
    assert cells_per_row("320000") == {6}  # … the national target and the verdict


def test_its_queries_do_not_grow_with_the_regions_targets(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ccnt.tracker.models import Jurisdiction

    from .test_load_region_page import add_policies

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/regions/320000/").content.decode()
        assert "负载测试320000" in html
        return len(captured)

    province = Jurisdiction.objects.by_adcode("320000")
    add_policies(province, 2, "province")
    before = queries()
    add_policies(province, 15, "province")
    assert queries() == before
