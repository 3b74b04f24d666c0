"""Bounded work on an accepted file: a text above the character cap is analysed up to the cap
(``too_long``), a document keeps at most the cap of targets (``too_many_targets``) — both reported
by ingest and stored on the version — the admin's policy page shows a bounded number of targets
with a link to the rest, and parsing runs in a child under a time and a memory limit."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from ccnt.analysis import classify
from ccnt.analysis.pipeline import analyse
from ccnt.ingest.items import Resource
from ccnt.ingest.pipeline import Options, _parse
from ccnt.ingest.safety import Limits
from ccnt.ingest.sandbox import run_limited
from ccnt.ingest.types import ParseError
from ccnt.tracker.models import Indicator, Policy, Target

from ._corpus import require_corpus
from .ingest_fixtures import CORPUS

SENTENCE = "到2025年，非化石能源消费比重达到{n}%左右。"


def _targets_text(count: int) -> str:
    return "某市碳达峰实施方案\n" + "\n".join(SENTENCE.format(n=10 + i % 80) + f"（第{i}项）" for i in range(count))


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return tmp_path


def ingest(path: Path) -> dict:
    out = io.StringIO()
    call_command("ingest", str(path), "--json", "--no-progress", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


# --- caps in the analysis -----------------------------------------------------------------------

def test_it_analyses_a_text_above_the_cap_up_to_the_cap():
    text = _targets_text(40)
    cap = len(text) // 2
    pa = analyse(text, title="某市碳达峰实施方案", max_chars=cap)
    assert pa.text == text[:cap]
    assert [w for w in pa.warnings if w.startswith("too_long")] == [
        f"too_long: {len(text)} characters, the first {cap} analysed"]
    assert pa.targets and all(t.end <= cap and pa.text[t.start:t.end] == t.text for t in pa.targets)
    assert len(pa.targets) < len(analyse(text, title="某市碳达峰实施方案").targets)


def test_it_keeps_the_first_targets_up_to_the_cap():
    text = _targets_text(30)
    everything = analyse(text).targets
    assert len(everything) > 5
    pa = analyse(text, max_targets=5)
    assert len(pa.targets) == 5
    assert [t.start for t in pa.targets] == sorted(t.start for t in everything)[:5]
    assert any(w.startswith(f"too_many_targets: {len(everything)} targets found, the first 5 kept") for w in pa.warnings)


def test_the_keyword_count_is_the_same_as_the_plain_definition():
    """``classify._counts`` became linear; it must still count a hit inside a longer keyword's hit once."""

    def plain(text, keywords):
        counts, taken = {}, []
        for kw, _w in sorted(keywords, key=lambda p: len(p[0]), reverse=True):
            n = 0
            for m in re.finditer(re.escape(kw), text):
                if any(a <= m.start() and m.end() <= b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                n += 1
            if n:
                counts[kw] = n
        return counts

    text = require_corpus(CORPUS / "上海市碳达峰实施方案.txt").read_text(encoding="utf-8")
    for _code, keywords in classify._tables()["sectors"] + classify._tables()["topics"]:
        assert classify._counts(text, keywords) == plain(text, keywords)


# --- caps through ingest ------------------------------------------------------------------------

@pytest.mark.django_db
def test_ingest_reports_and_stores_too_long_and_too_many_targets(archive_dir, settings):
    settings.CCNT_MAX_TARGETS = 7
    text = _targets_text(30)
    settings.CCNT_MAX_TEXT_CHARS = len(text) - 50
    path = archive_dir / "long.txt"
    path.write_text(text, encoding="utf-8")
    result = ingest(path)
    item = result["items"][0]
    assert item["status"] == "new"
    assert any(w.startswith("too_long") for w in item["warnings"])
    assert any(w.startswith("too_many_targets") for w in item["warnings"])
    policy = Policy.objects.get(pk=item["policy_id"])
    version = policy.versions.get()
    assert len(version.text) == settings.CCNT_MAX_TEXT_CHARS
    assert {w.split(":")[0] for w in version.extracted["warnings"]} >= {"too_long", "too_many_targets"}
    assert Target.objects.filter(version=version).count() == 7


# --- the admin's target inline ------------------------------------------------------------------

@pytest.mark.django_db
def test_the_admin_policy_page_shows_a_bounded_number_of_targets(client, make_user):
    from ccnt.tracker.admin import FirstTargetsFormSet

    policy = Policy.objects.filter(targets__isnull=False).distinct().order_by("pk").first()
    indicator = Indicator.objects.get(code="non_fossil_share")
    Target.objects.bulk_create([
        Target(policy=policy, version=policy.published_version, indicator=indicator, target_year=2025,
               value_low=i, value_high=i, text=f"目标{i}", order=1000 + i)
        for i in range(2000)
    ])
    total = policy.targets.count()
    client.force_login(make_user("bounded-curator", role="curator"))
    response = client.get(f"/admin/tracker/policy/{policy.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    shown = FirstTargetsFormSet.shown
    assert len(set(re.findall(r'name="targets-(\d+)-id"', html))) == shown
    assert f'name="targets-INITIAL_FORMS" value="{shown}"' in html
    assert 'id="targets-paged"' in html and f"{total}" in html
    link = re.search(r'href="(/admin/tracker/target/\?policy__id__exact=\d+)"', html).group(1)
    listed = client.get(link)
    assert listed.status_code == 200 and f"{total}" in listed.content.decode()


# --- parsing under a time and a memory limit ----------------------------------------------------

def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(megabytes: int) -> int:
    block = bytearray(megabytes * 2**20)
    return len(block)


def _refuse() -> None:
    raise ParseError("not a document")


def test_it_runs_a_parse_in_a_child_and_returns_its_result_or_error():
    assert run_limited(_sleep, 0, timeout=30, memory=256 * 2**20) == "woke"
    with pytest.raises(ParseError, match="not a document"):
        run_limited(_refuse, timeout=30, memory=256 * 2**20)


def test_it_stops_a_parse_at_the_time_limit():
    with pytest.raises(ParseError, match="time limit"):
        run_limited(_sleep, 60, timeout=0.5, memory=0)


def test_it_stops_a_parse_at_the_memory_limit():
    with pytest.raises(ParseError, match="memory limit"):
        run_limited(_allocate, 512, timeout=60, memory=64 * 2**20)
    assert run_limited(_allocate, 16, timeout=60, memory=64 * 2**20) == 16 * 2**20


def test_the_ingest_parse_step_fails_the_item_cleanly_at_the_limit(monkeypatch):
    from ccnt.ingest import pipeline

    monkeypatch.setattr(pipeline, "parse_bytes", lambda *a, **k: _sleep(60))
    resource = Resource(b"some text", filename="slow.txt")
    _parse(resource, Options(limits=Limits(parse_timeout=0.5)))
    assert resource.parsed is None and "time limit" in resource.error
