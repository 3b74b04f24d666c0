from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _


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
