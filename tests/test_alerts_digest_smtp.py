"""The alert path end to end, through a real SMTP server on 127.0.0.1: register, confirm by the
emailed link, log in, save a search from the policy list, new matching policies are published,
the daily digest arrives with links, a second run sends nothing, and the unsubscribe link works
without logging in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ccnt.alerts.models import DigestDelivery, SavedSearch

from ._alerts_helpers import analyze, links_in, make_policy, smtp_server, text_of

pytestmark = pytest.mark.django_db
PASSWORD = "Carbon-neutral-2060!"


def test_it_registers_saves_a_search_and_mails_a_digest(client, settings, django_capture_on_commit_callbacks):
    analyze()
    with smtp_server(settings) as mailbox:
        # register: the confirmation goes out through the outbox, after the commit
        assert client.get("/accounts/register/").status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/register/", {"email": "Reader@Example.org", "password1": PASSWORD,
                                                          "password2": PASSWORD})
        assert response.status_code == 200 and "reader@example.org" in response.content.decode()
        [confirmation] = mailbox.wait(1)
        assert confirmation["To"] == "reader@example.org"
        link = next(u for u in links_in(text_of(confirmation)) if "/accounts/confirm/" in u)

        # not confirmed yet: no login
        refused = client.post("/accounts/login/", {"username": "reader@example.org", "password": PASSWORD})
        assert refused.status_code == 200 and "_auth_user_id" not in client.session
        response = client.get(link.replace("http://testserver", ""))
        assert response.status_code == 302 and response["Location"] == "/accounts/login/"
        response = client.post("/accounts/login/", {"username": "READER@example.org", "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/accounts/"

        # the policy list offers to save the search; saving keeps the contract's filters
        page = client.get("/policies/?q=储能&level=province").content.decode()
        assert 'href="/alerts/new/?q=%E5%82%A8%E8%83%BD&amp;level=province"' in page
        form = client.get("/alerts/new/?q=储能&level=province&page=2")
        assert form.status_code == 200
        response = client.post("/alerts/new/", {"querystring": form.context["querystring"], "name": "省级储能",
                                                "frequency": "daily"})
        assert response.status_code == 302
        search = SavedSearch.objects.get(user__email="reader@example.org")
        assert search.querystring == "q=%E5%82%A8%E8%83%BD&level=province" and search.frequency == "daily"
        assert "省级储能" in client.get("/accounts/").content.decode()

        # new policies: one matches, one is about something else, one matching is still a draft
        match = make_policy("江苏省新型储能发展实施方案（测试）", "到2025年，全省新型储能装机规模达到260万千瓦。")
        other = make_policy("江苏省氢能产业发展方案（测试）", "推动氢燃料电池汽车示范应用。")
        draft = make_policy("浙江省储能示范项目管理办法（测试草稿）", "新型储能示范项目。", adcode="330000", published=False)
        city = make_policy("苏州市储能电站建设方案（测试）", "建设储能电站。", adcode="320500", level="city")

        out = call_command_out("send_digests", "daily")
        assert "1 sent" in out
        [_, digest] = mailbox.wait(2)
        body = text_of(digest)
        assert digest["To"] == "reader@example.org" and "省级储能" in digest["Subject"]
        assert match.title in body and f"http://testserver/policies/{match.pk}/" in body
        for absent in (other, draft, city):
            assert absent.title not in body
        unsubscribe = f"http://testserver/alerts/unsubscribe/{search.unsubscribe_token}/"
        assert unsubscribe in body and digest["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
        assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "1 条新政策" in digest["Subject"]

        # the same day again: nothing new is sent, even with a new matching policy
        later = make_policy("江苏省储能电价政策（测试）", "储能电价。")
        assert "0 sent" in call_command_out("send_digests", "daily")
        assert len(mailbox.messages) == 2
        assert DigestDelivery.objects.get(saved_search=search).status == "sent"

        # the next day the newer policy comes, and only it
        tomorrow = (timezone.now() + timedelta(days=1)).isoformat()
        assert "1 sent" in call_command_out("send_digests", "daily", "--at", tomorrow)
        body = text_of(mailbox.wait(3)[2])
        assert later.title in body and match.title not in body

        # unsubscribe from a fresh browser, not logged in: GET asks, POST does it
        anonymous = Client()
        path = unsubscribe.replace("http://testserver", "")
        assert anonymous.get(path).status_code == 200
        assert SavedSearch.objects.get(pk=search.pk).active
        response = anonymous.post(path)
        assert response.status_code == 200 and "已退订" in response.content.decode()
        assert not SavedSearch.objects.get(pk=search.pk).active
        make_policy("江苏省储能安全管理办法（测试）", "储能安全。")
        in_two_days = (timezone.now() + timedelta(days=2)).isoformat()
        call_command_out("send_digests", "daily", "--at", in_two_days)
        assert len(mailbox.messages) == 3


def call_command_out(*args) -> str:
    import io

    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()
