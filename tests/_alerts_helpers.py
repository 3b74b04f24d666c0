"""Helpers for the alerts, accounts and jobs tests: a real SMTP server on 127.0.0.1 (aiosmtpd)
that keeps what it receives, and a published policy made for a test."""

from __future__ import annotations

import email
import re
import socket
import time
from contextlib import contextmanager
from email import policy as email_policy

from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email_policy.default)
        message.envelope_to = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait(self, count: int, timeout: float = 10.0) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", text)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_server(settings):
    """A loopback SMTP server; Django's SMTP backend pointed at it for the test."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    settings.CCNT_SITE_URL = "http://testserver"
    try:
        yield mailbox
    finally:
        controller.stop()


def analyze() -> None:
    """PostgreSQL: fresh statistics for the tables the search joins. The test database is loaded
    in bulk just before the tests and autovacuum may not have analysed it yet; without statistics
    the planner picks a nested loop that recomputes every tsvector per row (tens of seconds)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE tracker_policy, search_policyindex, search_policyterm, feeds_policyevent")


def make_policy(title: str, text: str, *, adcode: str = "320000", level: str = "province", category: str = "energy",
                published: bool = True, published_date=None):
    """A policy with one version; published (so public, indexed and in the feeds' events) or not."""
    from ccnt.tracker.models import Category, Jurisdiction, Policy, PolicyVersion

    place = Jurisdiction.objects.by_adcode(adcode)
    policy = Policy.objects.create(title=title, review_state="needs_review", level=level, jurisdiction=place,
                                   category=Category.objects.get(code=category), published_date=published_date)
    policy.jurisdictions.set([place])
    version = PolicyVersion.objects.create(policy=policy, number=1, text=text)
    if published:
        policy.review_state = "published"
        policy.published_version = version
        policy.save()
    return policy
