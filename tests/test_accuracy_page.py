"""The accuracy page states the recorded test-part figures (never numbers of its own), is linked from
every page's footer and from each target's mark; the policy page marks each target machine-extracted
(with its confidence) or curator-verified."""

from __future__ import annotations

import json

import pytest

from ccnt.tracker.models import Policy
from ccnt.tracker.views_trust import ACCURACY_FILE

pytestmark = pytest.mark.django_db


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def test_it_states_the_recorded_test_figures(client):
    recorded = json.loads(ACCURACY_FILE.read_text(encoding="utf-8"))
    html = client.get("/accuracy/").content.decode()
    test = recorded["parts"]["test"]
    for key in ("strict_f1", "loose_f1", "passage_f1", "share_other"):
        assert _pct(test[key]) in html, key
    sure = recorded["calibration"]["test"]
    assert _pct(sure["precision"]) in html and f"{sure['right']}/{sure['n']}" in html
    assert recorded["date"] in html and recorded["commit"] in html
    assert "测评方法" in html


def test_it_answers_json_with_the_recorded_file(client):
    assert client.get("/accuracy/?format=json").json() == json.loads(ACCURACY_FILE.read_text(encoding="utf-8"))


def test_it_says_so_when_nothing_was_recorded(client, monkeypatch, tmp_path):
    from ccnt.tracker import views_trust

    monkeypatch.setattr(views_trust, "ACCURACY_FILE", tmp_path / "none.json")
    monkeypatch.setattr(views_trust.accuracy_figures, "__defaults__", (tmp_path / "none.json",))
    html = client.get("/accuracy/").content.decode()
    assert 'id="no-figures"' in html and "%" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_it_is_linked_from_the_footer_in_both_languages(client, settings):
    assert 'href="/accuracy/"' in client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/accuracy/").content.decode()
    assert "How this was measured" in html and "Accuracy" in html


def test_it_marks_each_target_on_the_policy_page(client):
    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案")
    targets = list(plan.current_targets())
    checked, machine = targets[0], targets[1]
    checked.verified = True
    checked.save()
    machine.verified, machine.source, machine.confidence = False, "extracted", 0.42
    machine.save()
    html = client.get(f"/policies/{plan.pk}/").content.decode()

    def cell(pk: int) -> str:
        link = html.index(f'href="/targets/{pk}/report/"')
        return html[html.rindex('<td class="trust">', 0, link):link]

    rows = {t.pk: cell(t.pk) for t in (checked, machine)}
    assert "编辑核实" in rows[checked.pk] and "机器提取" not in rows[checked.pk]
    assert "机器提取" in rows[machine.pk] and "0.42" in rows[machine.pk]
    assert 'class="mark machine" href="/accuracy/"' in html
