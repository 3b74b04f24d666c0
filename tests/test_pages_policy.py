"""The policy page: metadata, targets with their highlighted source sentences, related
policies and links to the source and the archived original."""

from __future__ import annotations

import re

import pytest

from ._pages_helpers import assert_no_inline_script, assert_strict_csp

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    from ccnt.tracker.models import Policy

    return Policy.objects.get(title="2030年前碳达峰行动方案")


def test_it_shows_the_targets_table_and_marks_each_source_sentence_in_the_text(client, plan):
    response = client.get(f"/policies/{plan.pk}/")
    html = response.content.decode()
    assert_no_inline_script(html)
    assert_strict_csp(response)
    targets = list(plan.current_targets())
    assert len(targets) > 20
    text = plan.published_version.text
    marks = dict(re.findall(r'<mark id="t-(\d+)" class="target-source" tabindex="-1">(.*?)</mark>', html, re.S))
    anchors = set(re.findall(r'id="t-(\d+)"', html))
    for t in targets:
        assert text[t.start:t.end] == t.text
        assert str(t.pk) in anchors, t.text  # every target has its place in the text
        assert f'href="#t-{t.pk}"' in html
    energy = next(t for t in targets if t.indicator.code == "energy_intensity")
    assert marks[str(energy.pk)].startswith("单位国内生产总值能源消耗比2020年下降13.5%")
    for header in ("指标", "目标年", "目标值", "基准年", "口径", "原文"):
        assert f'<th scope="col">{header}</th>' in html
    # the value reads with its direction and base year; no comparator column beside a bare number
    assert "<td>下降13.5%（较2020年）</td>" in html and '<th scope="col">比较</th>' not in html
    assert "<td>2020</td>\n            <td>变化</td>" in html


def test_it_answers_json_with_targets_and_relations(client, plan):
    data = client.get(f"/policies/{plan.pk}/?format=json").json()
    assert data["title"] == plan.title
    codes = {(t["indicator"], t["target_year"]) for t in data["targets"]}
    assert ("energy_intensity", 2025) in codes and ("non_fossil_share", 2030) in codes
    assert set(data["related"]) == {"implements", "implemented_by", "other", "same_jurisdiction"}
    assert plan.pk not in data["related"]["same_jurisdiction"]


def test_it_lists_implements_and_implemented_by_relations_between_public_policies(client, plan, draft_policy):
    from ccnt.tracker.models import Policy, PolicyRelation

    jiangsu = Policy.objects.get(title="江苏省碳达峰实施方案")
    PolicyRelation.objects.create(source=jiangsu, target=plan, kind="implements", confirmed=True)
    PolicyRelation.objects.create(source=draft_policy, target=plan, kind="implements", confirmed=True)
    data = client.get(f"/policies/{plan.pk}/?format=json").json()
    assert data["related"]["implemented_by"] == [jiangsu.pk]  # the draft never shows
    html = client.get(f"/policies/{plan.pk}/").content.decode()
    assert "被以下政策落实" in html and jiangsu.title in html and draft_policy.title not in html
    assert client.get(f"/policies/{jiangsu.pk}/?format=json").json()["related"]["implements"] == [plan.pk]


def test_it_links_the_source_and_serves_the_archived_original_of_a_public_policy(client, plan, settings, tmp_path,
                                                                                draft_policy):
    from ccnt.tracker.models import Document

    settings.ARCHIVE_DIR = tmp_path
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "plan.pdf").write_bytes(b"%PDF-1.4 test")
    doc = Document.objects.create(sha256="ab" * 32, archive_path="ab/plan.pdf", media_type="application/pdf",
                                  filename="plan.pdf", url="https://www.gov.cn/plan.pdf")
    version = plan.published_version
    version.document = doc
    version.save()
    plan.source_url = "https://www.gov.cn/zhengce/content/2021-10/26/content_5644984.htm"
    plan.save()
    html = client.get(f"/policies/{plan.pk}/").content.decode()
    assert f'href="{plan.source_url}"' in html
    assert f'href="/documents/{doc.sha256}/"' in html
    response = client.get(f"/documents/{doc.sha256}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 test"
    # the original of a draft is not public
    secret = Document.objects.create(sha256="cd" * 32, archive_path="ab/plan.pdf")
    draft_version = draft_policy.versions.first()
    draft_version.document = secret
    draft_version.save()
    assert client.get(f"/documents/{secret.sha256}/").status_code == 404
    assert client.get("/documents/nothing/").status_code == 404


def test_it_shows_related_policies_of_the_same_jurisdiction(client):
    from ccnt.tracker.models import Policy

    policy = Policy.objects.get(title="江苏省碳达峰实施方案")
    same = client.get(f"/policies/{policy.pk}/?format=json").json()["related"]["same_jurisdiction"]
    assert same and all(Policy.objects.get(pk=pk).jurisdiction_id == policy.jurisdiction_id for pk in same)


def test_it_hides_a_draft_policy_page(client, draft_policy):
    assert client.get(f"/policies/{draft_policy.pk}/").status_code == 404
