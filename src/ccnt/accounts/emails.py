"""The confirmation email. Sent by the ``ccnt.send_confirmation`` job (through the outbox, so a
registration commits even when the mail server or the broker is away)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from .tokens import make_token


def send_confirmation(user_id: int, base_url: str) -> bool:
    from django.contrib.auth.models import User

    user = User.objects.filter(pk=user_id, is_active=False).first()
    if user is None:
        return False  # confirmed meanwhile, or deleted
    link = f"{base_url.rstrip('/')}/accounts/confirm/{make_token(user)}/"
    body = render_to_string("accounts/email_confirm.txt", {"user": user, "link": link})
    EmailMessage("零碳录 · 请确认您的邮箱 Confirm your email", body, to=[user.email]).send()
    return True
