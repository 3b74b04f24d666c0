"""Ingesting from a government web site served on 127.0.0.1: what lands in the database."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.core.management import call_command

from ccnt.ingest.models import FetchedUrl
from ccnt.ingest.pipeline import Options, run
from ccnt.ingest.safety import Limits
from ccnt.ingest.store import Ingestor
from ccnt.tracker.models import Document, Policy, PolicyVersion

from .ingest_fixtures import PLAN_2030_PDF, Site, allow_loopback_network, build_policy_site, gov_page

pytestmark = pytest.mark.django_db

LOOPBACK = Options(allow_loopback=True, limits=Limits(timeout=1.5), workers=4)


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return settings.ARCHIVE_DIR


@pytest.fixture
def site():
    with Site() as running:
        yield running


@pytest.fixture
def urls(site):
    return build_policy_site(site)


def ingest(*inputs, options=LOOPBACK, **kwargs):
    return run(list(inputs), options=options, **kwargs)


def test_a_batch_of_pages_lands_as_drafts_with_failures_explained(archive_dir, site, urls):
    summary = ingest(urls["storage"], urls["hydrogen_gbk"], urls["national_pdf"], urls["building_utf8_no_decl"],
                     urls["missing"], urls["slow"], urls["loop"], urls["broken_pdf"], urls["waf"])
    by_label = {o.label: o for o in summary.outcomes}
    assert by_label[urls["missing"]].status == "failed" and by_label[urls["missing"]].reason == "HTTP 404"
    assert by_label[urls["slow"]].status == "failed" and "timed out" in by_label[urls["slow"]].reason
    assert by_label[urls["loop"]].status == "failed" and "redirect loop" in by_label[urls["loop"]].reason
    assert by_label[urls["broken_pdf"]].status == "failed" and "PDF" in by_label[urls["broken_pdf"]].reason
    assert by_label[urls["waf"]].status == "blocked"
    assert summary.counts["new"] == 3, summary.render()
    text = summary.render()
    assert "3 new, 1 updated" in text and "HTTP 404" in text and "redirect loop" in text

    storage = Policy.objects.get(pk=by_label[urls["storage"]].policy_id)
    # the wrapper: the policy is the plan; number and dates from the notice's page metadata
    assert storage.title == "苏州市新型储能产业发展实施方案"
    assert storage.doc_number == "苏府〔2022〕58号"
    assert str(storage.signed_date) == "2022-06-20" and str(storage.published_date) == "2022-06-24"
    assert storage.review_state == "needs_review"
    assert storage.field_sources["doc_number"] == "page"
    assert storage.jurisdiction.adcode == "320500" and storage.level == "city"
    assert [a.name for a in storage.ordered_issuers()] == ["苏州市人民政府"]
    version = storage.versions.get()
    assert "首页" not in version.text and "网站地图" not in version.text and "访问量" not in version.text
    assert "新型储能装机规模达到100万千瓦以上" in version.text
    targets = list(storage.targets.all())
    assert any(t.target_year == 2025 and t.value_low == 100 for t in targets)
    assert all(version.text[t.start:t.end] == t.text for t in targets)
    # the page and its DOCX attachment are archived and linked to the policy
    docs = {d.role: d for d in storage.documents.all()}
    assert set(docs) == {"main", "attachment"}
    assert docs["attachment"].parent == docs["main"] and docs["attachment"].media_type.endswith("document")
    assert docs["main"].page_metadata["索引号"] == "014000319/2022-00158"
    for doc in docs.values():
        assert (archive_dir / doc.archive_path).read_bytes()[:2] in (b"<!", b"PK")
        assert doc.http_status == 200 and doc.size > 0 and doc.fetched_at and doc.url.startswith(site.base)

    hydrogen = Policy.objects.get(pk=by_label[urls["hydrogen_gbk"]].policy_id)
    assert hydrogen.title == "无锡市氢能产业发展规划（2022—2025年）"
    assert "氢燃料电池汽车推广应用数量达到500辆" in hydrogen.versions.get().text
    assert hydrogen.documents.get(role="main").encoding == "gb18030"

    # the demo holds this policy already (published, with this very PDF as its original): the
    # page becomes its new version, awaiting review — never a twin, never a silent change
    outcome = by_label[urls["national_pdf"]]
    assert outcome.status == "updated" and "awaits review" in outcome.reason
    national = Policy.objects.get(pk=outcome.policy_id)
    assert national.title == "2030年前碳达峰行动方案" and national.review_state == "published"
    assert Policy.objects.filter(title="2030年前碳达峰行动方案").count() == 1
    newest = national.versions.order_by("-number").first()
    assert newest.pk != national.published_version_id
    assert "单位国内生产总值能源消耗比2020年下降13.5%" in newest.text  # from the PDF attachment, unbroken
    pdf = Document.objects.get(sha256=hashlib.sha256(PLAN_2030_PDF.read_bytes()).hexdigest())
    assert pdf.policy_id == national.pk and pdf.media_type == "application/pdf"

    building = Policy.objects.get(pk=by_label[urls["building_utf8_no_decl"]].policy_id)
    assert "星级绿色建筑占比达到30%以上" in building.versions.get().text

    # the broken PDF is kept as an original, flagged failed; no policy for it
    broken = Document.objects.get(url=urls["broken_pdf"])
    assert broken.parse_status == "failed" and broken.policy is None


def test_rerun_finds_duplicates_and_a_changed_page_becomes_a_new_version(archive_dir, site, urls):
    first = ingest(urls["storage"], urls["hydrogen_gbk"])
    assert first.counts["new"] == 2
    documents, policies = Document.objects.count(), Policy.objects.count()
    again = ingest(urls["storage"], urls["hydrogen_gbk"])
    assert again.counts["duplicate"] == 2, again.render()
    assert (Document.objects.count(), Policy.objects.count()) == (documents, policies)

    # the page changes its visit counter only: same normalised text, no new version
    site.add("/zcwj/2022/art_1002.html", site.routes["/zcwj/2022/art_1002.html"]["body"].replace(
        b"12345", b"12399"), content_type="text/html")
    assert ingest(urls["hydrogen_gbk"]).counts["duplicate"] == 1
    hydrogen = Policy.objects.get(pk=first.outcomes[1].policy_id)
    assert hydrogen.versions.count() == 1

    # the text changes: a new version of the same policy, the old one kept
    from .ingest_fixtures import PLAN_HYDROGEN

    changed = PLAN_HYDROGEN.replace("加氢站10座", "加氢站15座").split("\n")
    site.add("/zcwj/2022/art_1002.html", gov_page("无锡市氢能产业发展规划（2022—2025年）", changed,
                                                  meta={"发文机关": "无锡市人民政府", "发文字号": "锡政发〔2022〕12号"},
                                                  charset="gbk"), content_type="text/html")
    outcome = ingest(urls["hydrogen_gbk"]).outcomes[0]
    assert outcome.status == "updated" and outcome.policy_id == hydrogen.pk
    assert list(hydrogen.versions.values_list("number", flat=True)) == [1, 2]
    assert "加氢站15座" in hydrogen.versions.get(number=2).text and "加氢站10座" in hydrogen.versions.get(number=1).text


def test_two_urls_and_page_plus_attachment_make_one_policy(archive_dir, site, urls):
    body = site.routes["/zcwj/2022/art_1001.html"]["body"]
    mirror = site.add("/mirror/art_1001.html", body)
    first = ingest(urls["storage"]).outcomes[0]
    second = ingest(mirror).outcomes[0]
    assert second.status == "duplicate" and second.policy_id == first.policy_id
    assert Document.objects.get(sha256=Document.objects.get(url=urls["storage"]).sha256).urls == [urls["storage"], mirror]

    # the attachment reached on its own belongs to the same policy
    alone = ingest(site.url("/files/storage-plan.docx")).outcomes[0]
    assert alone.status == "duplicate" and alone.policy_id == first.policy_id
    assert Policy.objects.filter(title="苏州市新型储能产业发展实施方案").count() == 1


def test_attachment_first_then_page_is_one_policy(archive_dir, site, urls):
    pdf_first = ingest(site.url("/files/2030-plan.pdf")).outcomes[0]
    # the demo archived this very PDF as the 2030 plan's original: the same policy
    assert pdf_first.status == "duplicate"
    page = ingest(urls["national_pdf"]).outcomes[0]
    assert page.policy_id == pdf_first.policy_id and page.status == "updated"
    policy = Policy.objects.get(pk=page.policy_id)
    assert policy.title == "2030年前碳达峰行动方案" and policy.versions.count() == 2


def test_a_machine_never_overwrites_a_curators_field(archive_dir, site, urls):
    outcome = ingest(urls["hydrogen_gbk"]).outcomes[0]
    policy = Policy.objects.get(pk=outcome.policy_id)
    policy.set_field("title", "无锡市氢能产业发展规划（编辑修订标题）", "curator")
    policy.save()
    from .ingest_fixtures import PLAN_HYDROGEN

    site.add("/zcwj/2022/art_1002.html", gov_page("无锡市氢能产业发展规划（2022—2025年）",
                                                  PLAN_HYDROGEN.replace("500辆", "800辆").split("\n"), charset="gbk"),
             content_type="text/html")
    assert ingest(urls["hydrogen_gbk"]).outcomes[0].status == "updated"
    policy.refresh_from_db()
    assert policy.title == "无锡市氢能产业发展规划（编辑修订标题）" and policy.versions.count() == 2


def test_publish_imports_reviewed_material_straight_to_published(archive_dir, site, urls):
    outcome = ingest(urls["building_utf8_no_decl"], publish=True).outcomes[0]
    policy = Policy.objects.public().get(pk=outcome.policy_id)
    assert policy.published_version == policy.versions.get()


def test_forwarding_notice_links_to_the_original(archive_dir, site, urls):
    original = ingest(urls["storage"]).outcomes[0]
    forward = site.add("/county/zf/art_9.html", gov_page(
        "昆山市人民政府关于转发苏州市新型储能产业发展实施方案的通知",
        ["各区镇人民政府，市各委办局：", "现将《苏州市新型储能产业发展实施方案》转发给你们，请认真贯彻执行。",
         "昆山市人民政府", "2022年7月1日"], meta={"发文机关": "昆山市人民政府", "发文字号": "昆政发〔2022〕30号"}))
    outcome = ingest(forward).outcomes[0]
    assert outcome.status == "linked" and outcome.policy_id == original.policy_id, outcome
    assert Policy.objects.filter(title__contains="新型储能产业发展实施方案").count() == 1
    assert Document.objects.get(url=forward).role == "forward"


def test_same_document_number_and_issuer_becomes_a_new_version_not_a_twin(archive_dir, site, urls):
    first = ingest(urls["hydrogen_gbk"]).outcomes[0]
    other = site.add("/other/hydrogen.html", gov_page("无锡市氢能产业发展规划", ["无锡市氢能产业发展规划",
                                                                       "本规划已经市政府同意，现予公布。", "全文略。"],
                                                      meta={"发文机关": "无锡市人民政府", "发文字号": "锡政发〔2022〕12号"}))
    count = Policy.objects.count()
    second = ingest(other).outcomes[0]
    assert second.status == "updated" and second.policy_id == first.policy_id
    assert "document number" in second.reason
    assert Policy.objects.count() == count
    assert Policy.objects.get(pk=first.policy_id).versions.count() == 2


def test_crash_mid_batch_leaves_no_half_policy_and_rerun_completes(archive_dir, site, urls, monkeypatch):
    inputs = [urls["storage"], urls["hydrogen_gbk"], urls["building_utf8_no_decl"]]
    real = Ingestor.save_targets
    calls = {"n": 0}

    def crashing(self, *args, **kwargs):
        calls["n"] += 1
        real(self, *args, **kwargs)
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed")  # like a kill between writes of one policy

    monkeypatch.setattr(Ingestor, "save_targets", crashing)
    before = Policy.objects.count()
    with pytest.raises(KeyboardInterrupt):
        ingest(*inputs)
    assert Policy.objects.count() == before + 1  # the first policy, whole; nothing of the second
    assert not Policy.objects.filter(title__startswith="无锡市氢能").exists()
    assert not PolicyVersion.objects.filter(text__contains="氢燃料电池汽车推广应用数量达到500辆").exists()
    monkeypatch.setattr(Ingestor, "save_targets", real)
    rerun = ingest(*inputs)
    assert [o.status for o in rerun.outcomes] == ["duplicate", "new", "new"]
    assert Policy.objects.count() == before + 3


def test_ingest_command_prints_a_summary_and_takes_overrides(archive_dir, site, urls, tmp_path, monkeypatch):
    allow_loopback_network(monkeypatch)
    out = io.StringIO()
    call_command("ingest", urls["building_utf8_no_decl"], urls["missing"], "--no-progress", stdout=out)
    text = out.getvalue()
    assert "1 new" in text and "1 failed" in text and f"{urls['missing']}: HTTP 404" in text

    local = tmp_path / "plan.txt"
    local.write_bytes("扬州市绿色低碳循环发展方案\n到2025年，单位地区生产总值能耗比2020年下降14%。\n".encode("gbk"))
    out = io.StringIO()
    call_command("ingest", str(local), "--title", "扬州市绿色低碳循环发展方案", "--issuer", "扬州市人民政府",
                 "--published-date", "2022-03-01", "--url", "https://www.yangzhou.gov.cn/zfwj/1.html", "--json",
                 stdout=out)
    result = json.loads(out.getvalue())
    assert result["counts"]["new"] == 1
    policy = Policy.objects.get(pk=result["items"][0]["policy_id"])
    assert policy.title == "扬州市绿色低碳循环发展方案" and str(policy.published_date) == "2022-03-01"
    assert policy.source_url == "https://www.yangzhou.gov.cn/zfwj/1.html"
    assert policy.field_sources["published_date"] == "import:cli"
    assert [a.name for a in policy.ordered_issuers()] == ["扬州市人民政府"]
    assert FetchedUrl.objects.filter(url="https://www.yangzhou.gov.cn/zfwj/1.html", policy=policy).exists()


def test_private_addresses_are_refused_by_default(archive_dir, urls):
    summary = ingest(urls["storage"], options=Options())
    assert summary.outcomes[0].status == "failed" and "internal address" in summary.outcomes[0].reason
