"""Ingest matches an incoming document to the policy it is (title + jurisdiction, document
number) and adds it as a new version awaiting review — never a twin; ``--publish`` publishes it."""

from __future__ import annotations

import pytest

from ccnt.ingest.pipeline import run
from ccnt.tracker.models import Policy

pytestmark = pytest.mark.django_db

TIANJIN = """天津市碳达峰实施方案
为深入贯彻落实党中央、国务院关于碳达峰、碳中和的重大战略决策，制定本实施方案。
到2025年，天津市非化石能源消费比重力争达到11.7%以上，单位地区生产总值能源消耗比2020年下降14.5%。
天津市人民政府
2022年8月25日
"""


@pytest.fixture
def archive_dir(tmp_path, settings):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return settings.ARCHIVE_DIR


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_it_adds_the_text_of_a_policy_known_by_metadata_as_its_new_version(tmp_path, archive_dir):
    shell = Policy.objects.public().get(title="天津市碳达峰实施方案")
    shown = shell.published_version_id
    count = Policy.objects.count()
    summary = run([write(tmp_path, "tianjin.txt", TIANJIN)])
    outcome = summary.outcomes[0]
    assert outcome.status == "updated" and outcome.policy_id == shell.pk, outcome
    assert "title and jurisdiction" in outcome.reason and "awaits review" in outcome.reason
    assert Policy.objects.count() == count  # no twin
    shell.refresh_from_db()
    assert shell.published_version_id == shown  # readers see what they saw until a curator publishes
    assert "11.7%" in shell.versions.order_by("-number").first().text


def test_it_publishes_the_matched_version_with_publish(tmp_path, archive_dir, client):
    shell = Policy.objects.public().get(title="天津市碳达峰实施方案")
    run([write(tmp_path, "tianjin.txt", TIANJIN)], publish=True)
    shell.refresh_from_db()
    assert "11.7%" in shell.published_version.text
    assert "11.7%" in client.get(f"/policies/{shell.pk}/").content.decode()


def test_it_never_matches_a_same_titled_policy_of_another_jurisdiction(tmp_path, archive_dir):
    text = TIANJIN.replace("天津市碳达峰实施方案", "宁河区碳达峰实施方案").replace("天津市人民政府", "宁河区人民政府")
    outcome = run([write(tmp_path, "ninghe.txt", text)]).outcomes[0]
    assert outcome.status == "new"
    assert Policy.objects.get(pk=outcome.policy_id).title != "天津市碳达峰实施方案"
