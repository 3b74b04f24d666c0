"""``ccnt ingest FILE --actor NAME``: a press release or a report becomes a commitment draft of the
actor in the review queue, its targets the actor's; the same file again is a duplicate; an unknown
actor is a clear error with close matches; a report PDF without a text layer is flagged, never an
empty commitment."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ccnt.actors.models import Actor, Commitment
from ccnt.tracker.models import Document, Policy

from .ingest_fixtures import image_pdf

pytestmark = pytest.mark.django_db

RELEASE = """<html><head><meta charset="utf-8"><title>国家电投召开碳达峰推进会</title></head><body>
<div class="article"><h1>国家电投召开碳达峰推进会</h1><p>发布日期：2021-01-20</p>
<p>国家电投日前召开碳达峰推进会。会议提出，公司将于2023年实现碳达峰，力争2050年实现碳中和。到2025年，公司清洁能源装机占比达到60%以上。</p>
<p>会议要求各单位在三峡库区周边项目中落实生态保护要求。</p></div></body></html>"""


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return tmp_path


def ingest(*args) -> dict:
    out = io.StringIO()
    call_command("ingest", *args, "--json", "--no-progress", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_it_makes_a_commitment_draft_of_the_actor(archive_dir):
    path = archive_dir / "release.html"
    path.write_text(RELEASE, encoding="utf-8")
    before = Policy.objects.count()
    result = ingest(str(path), "--actor", "国家电投", "--url", "https://www.example.com/news/1.html")
    assert result["counts"]["new"] == 1
    actor = Actor.objects.get(short_name="国家电投")
    commitment = Commitment.objects.filter(actor=actor).order_by("-id").first()
    assert commitment.review_state == "needs_review" and Policy.objects.count() == before
    assert commitment.kind == "neutrality" and commitment.source_url == "https://www.example.com/news/1.html"
    assert commitment.document and Document.objects.filter(pk=commitment.document_id, archive_path__gt="").exists()
    got = {(t.indicator.code, t.target_year) for t in commitment.targets.all()}
    assert {("co2_peak", 2023), ("carbon_neutrality", 2050), ("renewable_capacity_share", 2025)} <= got
    assert all(t.policy_id is None and commitment.text[t.start:t.end] == t.text for t in commitment.targets.all())
    assert commitment.extracted["jurisdiction"] is None and commitment.extracted["actor"]["name"] == actor.name
    assert ingest(str(path), "--actor", "国家电力投资集团有限公司")["counts"]["duplicate"] == 1


def test_it_refuses_an_unknown_actor_with_close_matches(archive_dir):
    path = archive_dir / "release.html"
    path.write_text(RELEASE, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("ingest", str(path), "--actor", "国家电投资", "--no-progress", stdout=io.StringIO())
    assert "unknown actor" in str(error.value) and "国家电力投资集团有限公司" in str(error.value)


def test_it_flags_a_report_pdf_without_a_text_layer(archive_dir):
    from PIL import Image

    jpeg = io.BytesIO()
    Image.new("L", (200, 280), color=255).save(jpeg, format="JPEG")
    path = archive_dir / "esg-report.pdf"
    path.write_bytes(image_pdf(jpeg.getvalue()))
    count = Commitment.objects.count()
    with pytest.raises(CommandError):
        ingest(str(path), "--actor", "宁德时代", "--no-ocr")
    assert Commitment.objects.count() == count
    document = Document.objects.order_by("-id").first()
    assert document.parse_status == "needs_ocr"


def test_a_policy_naming_an_actor_links_to_it(archive_dir):
    path = archive_dir / "notice.txt"
    path.write_text("某市关于支持能源企业绿色转型的通知\n支持国家能源集团在我市建设清洁能源基地。三峡大坝旅游区不在支持范围内。\n",
                    encoding="utf-8")
    result = ingest(str(path), "--title", "某市关于支持能源企业绿色转型的通知")
    policy = Policy.objects.get(pk=result["items"][0]["policy_id"])
    assert set(policy.actors.values_list("name", flat=True)) == {"国家能源集团"}
