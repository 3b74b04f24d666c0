"""Alert digests: for each active saved search of a frequency, the public policies that were
published since its last digest and match its filters, in one email with links and an
unsubscribe link that works without logging in.

At most once per (saved search, period): the ``DigestDelivery`` row for the period is committed
*before* the email is handed to the mail server (mark, then send). A second run of the same
period — the scheduler firing twice, a task redelivered after its worker was killed, two workers
at once — finds the row (or loses the unique-index race) and sends nothing. The window of the
next digest starts where the last *sent* one ended (``last_sent_at``), so if a run dies between
marking and sending, that period's email is missing but its policies are not: they come in the
next digest. A mail server that refuses the message marks the row ``failed`` and the next run of
the same period tries again (the message is known not to have left). We chose this over
send-then-mark, whose failure mode is the same email twice.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import DigestDelivery, Frequency, SavedSearch

log = logging.getLogger(__name__)


def period_key(frequency: str, now: datetime) -> str:
    local = timezone.localtime(now)
    if frequency == Frequency.DAILY:
        return f"D{local.date().isoformat()}"
    year, week, _ = local.isocalendar()
    return f"W{year}-{week:02d}"


def new_policies(params, since: datetime, until: datetime, limit: int):
    """Public policies matching ``params`` first published in (since, until]: a list of at most
    ``limit`` (newest first) and the total."""
    from ccnt.feeds.models import PolicyEvent
    from ccnt.search.query import queryset

    published = list(PolicyEvent.objects.filter(kind=PolicyEvent.Kind.PUBLISHED, at__gt=since, at__lte=until)
                     .values_list("policy_id", flat=True).distinct())
    if not published:
        return [], 0  # the usual case: nothing new, no search query at all
    matching = queryset(params).filter(pk__in=published)
    total = matching.count()
    policies = list(matching.select_related("jurisdiction").prefetch_related("issuer_links__authority")[:limit])
    return policies, total


def links(search: SavedSearch) -> dict[str, str]:
    site = settings.CCNT_SITE_URL
    return {
        "site": site,
        "search": f"{site}/policies/?{search.querystring}" if search.querystring else f"{site}/policies/",
        "unsubscribe": f"{site}/alerts/unsubscribe/{search.unsubscribe_token}/",
        "manage": f"{site}/accounts/",
    }


def build_message(search: SavedSearch, delivery: DigestDelivery, policies: list, total: int,
                  connection=None) -> EmailMultiAlternatives:
    urls = links(search)
    context = {"search": search, "delivery": delivery, "policies": policies, "total": total,
               "more": total - len(policies), "links": urls, "site": urls["site"],
               "frequency": "每日" if search.frequency == Frequency.DAILY else "每周"}
    subject = f"零碳录 · {search.name}：{total} 条新政策 ({total} new)"
    host = urlsplit(urls["site"]).hostname or "ccnt"
    message = EmailMultiAlternatives(
        subject, render_to_string("alerts/digest.txt", context), to=[search.user.email], connection=connection,
        headers={
            "List-Unsubscribe": f"<{urls['unsubscribe']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": f"<ccnt-digest-{search.pk}-{delivery.period}@{host}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("alerts/digest.html", context), "text/html")
    return message


@dataclass
class DigestRun:
    frequency: str
    period: str
    sent: list[int] = field(default_factory=list)
    empty: int = 0
    skipped: int = 0
    failed: dict[int, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def send_one(search_id: int, period: str, now: datetime, connection=None) -> tuple[str, str]:
    """Claim, send and mark one saved search's digest for ``period``. Returns (status, detail)."""
    with transaction.atomic():
        search = (SavedSearch.objects.select_for_update().select_related("user")
                  .filter(pk=search_id, active=True, user__is_active=True).first())
        if search is None:
            return "skipped", "inactive"
        delivery = DigestDelivery.objects.filter(saved_search=search, period=period).first()
        if delivery is not None and delivery.status != DigestDelivery.Status.FAILED:
            return "skipped", f"already {delivery.status}"
        since = search.last_sent_at or search.created_at
        try:
            params = search.params()
        except ValueError as error:  # a filter value that no longer exists
            return "failed", f"saved search no longer valid: {error}"
        policies, total = new_policies(params, since, now, settings.CCNT_DIGEST_MAX_POLICIES)
        if not total:
            return "empty", ""
        values = {"status": DigestDelivery.Status.SENDING, "window_start": since, "window_end": now,
                  "policy_ids": [p.pk for p in policies], "error": ""}
        if delivery is None:
            try:
                with transaction.atomic():
                    delivery = DigestDelivery.objects.create(saved_search=search, period=period, **values)
            except IntegrityError:
                return "skipped", "claimed by another run"
        else:
            for name, value in values.items():
                setattr(delivery, name, value)
            delivery.save()
    # the claim is committed: whatever happens now, this period's digest is not sent twice
    try:
        build_message(search, delivery, policies, total, connection=connection).send()
    except Exception as error:  # noqa: BLE001 - the server refused: known not sent, retried next run
        DigestDelivery.objects.filter(pk=delivery.pk).update(status=DigestDelivery.Status.FAILED,
                                                              error=f"{type(error).__name__}: {error}"[:2000])
        return "failed", str(error)
    with transaction.atomic():
        DigestDelivery.objects.filter(pk=delivery.pk).update(status=DigestDelivery.Status.SENT, sent_at=timezone.now())
        SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=delivery.window_end)
    return "sent", f"{total} policies"


def send_digests(frequency: str, now: datetime | None = None) -> DigestRun:
    if frequency not in Frequency.values:
        raise ValueError(f"frequency: expected one of {', '.join(Frequency.values)}, got {frequency!r}")
    now = now or timezone.now()
    if timezone.is_naive(now):
        now = timezone.make_aware(now)
    run = DigestRun(frequency, period_key(frequency, now))
    ids = list(SavedSearch.objects.filter(frequency=frequency, active=True, user__is_active=True)
               .order_by("id").values_list("pk", flat=True))
    connection = get_connection()
    for pk in ids:
        status, detail = send_one(pk, run.period, now, connection)
        if status == "sent":
            run.sent.append(pk)
        elif status == "empty":
            run.empty += 1
        elif status == "skipped":
            run.skipped += 1
        else:
            run.failed[pk] = detail
            log.warning("digest for saved search %s: %s", pk, detail)
    return run
