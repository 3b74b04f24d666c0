"""Readers' accounts: register (email + password, confirmed by a signed link), log in and out,
reset a forgotten password by email and change it, the "my saved searches" page, download
everything we hold about you (JSON), delete the account.

No page tells whether an address has an account: registering a known address and asking for a
reset of an unknown one answer exactly as the other case does; the owner of a known address gets
an email instead. Emails go through the outbox (``enqueue``), never during the request."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ccnt.jobs.outbox import enqueue

from . import throttle
from .forms import (
    DeleteAccountForm,
    EmailLoginForm,
    ReaderPasswordResetForm,
    ReaderSetPasswordForm,
    RegisterForm,
    ThrottledPasswordChangeForm,
)
from .site import base_url
from .tokens import read_token

LOGIN_URL = "/accounts/login/"


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, password = form.cleaned_data["email"], form.cleaned_data["password1"]
        with transaction.atomic():
            user = User.objects.select_for_update().filter(Q(username__iexact=email) | Q(email__iexact=email)).first()
            if user is None:
                user = User(username=email, email=email, is_active=False)
            if not user.is_active:
                # a new or still unconfirmed account: the latest registration's password and link count
                user.set_password(password)
                user.save()
                enqueue("ccnt.send_confirmation", user.pk, base_url(request))
            elif not user.is_staff and user.email and throttle.allow_account_email(email):
                # the same answer on the page; the owner learns by email, with the way back in
                enqueue("ccnt.send_account_exists", user.pk, base_url(request))
        return render(request, "accounts/register_done.html", {"email": email})
    return render(request, "accounts/register.html", {"form": form})


def confirm(request, token: str):
    user = read_token(token)
    if user is None or user.is_active:
        return render(request, "accounts/confirm_invalid.html", status=400)
    user.is_active = True
    user.save(update_fields=["is_active"])
    messages.success(request, _("邮箱已确认，请登录。 Your email is confirmed: please log in."))
    return redirect(LOGIN_URL)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return "/accounts/"


@require_http_methods(["POST"])
def logout_view(request):
    logout(request)
    return redirect("/")


@login_required(login_url=LOGIN_URL)
def account(request):
    searches = request.user.saved_searches.order_by("-created_at")
    return render(request, "accounts/account.html", {"searches": searches})


def user_data(user) -> dict:
    return {
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "saved_searches": [
            {"name": s.name, "query": s.querystring, "url": f"/policies/?{s.querystring}", "frequency": s.frequency,
             "active": s.active, "created_at": s.created_at.isoformat(),
             "last_sent_at": s.last_sent_at.isoformat() if s.last_sent_at else None,
             "digests": [{"period": d.period, "status": d.status, "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                          "policy_ids": d.policy_ids} for d in s.deliveries.order_by("created_at")]}
            for s in user.saved_searches.order_by("created_at").prefetch_related("deliveries")
        ],
        "exported_at": timezone.now().isoformat(),
    }


@login_required(login_url=LOGIN_URL)
def download(request):
    body = json.dumps(user_data(request.user), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ccnt-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def delete(request):
    if request.user.is_staff:
        return render(request, "accounts/delete.html", {"staff": True}, status=403)
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()  # saved searches and their digest records go with it (cascade)
        return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})


# --- password reset (by email) and change ------------------------------------------------------


def too_many(request):
    response = render(request, "accounts/too_many.html", status=429)
    response["Retry-After"] = str(throttle.WINDOW)
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for an address; answers the same page whether or not it has an account. Limited per
    address and per client (``CCNT_PASSWORD_RESET_PER_EMAIL`` / ``_PER_CLIENT`` an hour): 429."""

    template_name = "accounts/password_reset_form.html"
    form_class = ReaderPasswordResetForm
    success_url = "/accounts/password/reset/sent/"

    def form_valid(self, form):
        if not throttle.allow_reset(self.request, form.cleaned_data["email"]):
            return too_many(self.request)
        form.save(request=self.request)
        return redirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = ReaderSetPasswordForm
    success_url = "/accounts/password/reset/complete/"

    def form_valid(self, form):
        from axes.utils import reset

        response = super().form_valid(form)
        reset(username=self.user.get_username())  # a lock-out from forgotten-password guesses ends here
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """The current password is checked like a login (django-axes counts a wrong one); the session
    stays logged in and every other session of the account ends."""

    template_name = "accounts/password_change_form.html"
    form_class = ThrottledPasswordChangeForm
    success_url = "/accounts/password/change/done/"
    login_url = LOGIN_URL

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{LOGIN_URL}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{LOGIN_URL}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)
