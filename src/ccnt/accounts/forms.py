from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from ccnt.jobs.outbox import enqueue

from .site import base_url


class RegisterForm(forms.Form):
    email = forms.EmailField(label=_("邮箱 Email"), max_length=150)
    password1 = forms.CharField(label=_("密码 Password"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), help_text=password_validation.password_validators_help_text_html())
    password2 = forms.CharField(label=_("再次输入密码 Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("两次输入的密码不一致 The two passwords differ."))
        elif p1 and data.get("email"):
            probe = User(username=data["email"], email=data["email"])
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("邮箱 Email"), widget=forms.EmailInput(attrs={"autofocus": True,
                                                                                   "autocomplete": "email"}))

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("密码 Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("密码不正确 Wrong password."))
        return password


# --- password reset and change ------------------------------------------------------------------


class ReaderSetPasswordForm(SetPasswordForm):
    """Django's form with the site's bilingual labels; the password validators are the same."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("新密码 New password")
        self.fields["new_password2"].label = _("再次输入新密码 New password again")


class ThrottledPasswordChangeForm(ReaderSetPasswordForm):
    """The current password is checked through ``authenticate`` (so django-axes counts a wrong one
    as a failed login and locks the pair out as the login form does) — Django's own form checks it
    with ``check_password``, which nobody throttles, so a stolen session could guess at leisure."""

    old_password = forms.CharField(label=_("当前密码 Current password"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password", "autofocus": True}))
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        password = self.cleaned_data["old_password"]
        if authenticate(self.request, username=self.user.get_username(), password=password) != self.user:
            raise forms.ValidationError(_("当前密码不正确 Your current password is wrong."), code="password_incorrect")
        return password


class ReaderPasswordResetForm(PasswordResetForm):
    """Queues the reset email (``ccnt.send_password_reset`` through the outbox) instead of sending it
    during the request: a slow or absent mail server neither fails the page nor tells, by the time
    it takes, whether the address has an account. Staff accounts are not reset by email (an admin
    resets them: ``ccnt changepassword``), so a reader's mailbox is never a way into the admin."""

    email = forms.EmailField(label=_("邮箱 Email"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def get_users(self, email):
        return (u for u in super().get_users(email) if not u.is_staff)

    def save(self, request=None, **kwargs) -> int:
        users = list(self.get_users(self.cleaned_data["email"]))
        for user in users:
            enqueue("ccnt.send_password_reset", user.pk, base_url(request))
        return len(users)
