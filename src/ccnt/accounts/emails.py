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


def _reader(user_id: int):
    from django.contrib.auth.models import User

    return User.objects.filter(pk=user_id, is_active=True, is_staff=False).exclude(email="").first()


def reset_link(user, base_url: str) -> str:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{base_url.rstrip('/')}/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/"


def send_password_reset(user_id: int, base_url: str) -> bool:
    """The password-reset link (Django's token: one use, ``PASSWORD_RESET_TIMEOUT``)."""
    user = _reader(user_id)
    if user is None or not user.has_usable_password():
        return False
    body = render_to_string("accounts/email_password_reset.txt", {"user": user, "link": reset_link(user, base_url)})
    EmailMessage("零碳录 · 重置密码 Reset your password", body, to=[user.email]).send()
    return True


def send_account_exists(user_id: int, base_url: str) -> bool:
    """Someone registered an address that already has an account: tell its owner, with the way
    back in (the reset page), instead of saying so on the page."""
    user = _reader(user_id)
    if user is None:
        return False
    link = f"{base_url.rstrip('/')}/accounts/password/reset/"
    body = render_to_string("accounts/email_account_exists.txt", {"user": user, "link": link})
    EmailMessage("零碳录 · 您已有账户 You already have an account", body, to=[user.email]).send()
    return True
