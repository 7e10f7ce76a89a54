from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from terbuka.accounts.models import User
from terbuka.core.forms import AccessibleForm


class LoginForm(AccessibleForm, auth_forms.AuthenticationForm):
    """Username or e-mail address. An address is turned into its account's username before
    authenticating, so the guessing lock-out counts one account however it is typed."""

    username = auth_forms.UsernameField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The username or e-mail and the password do not match an account. "
            "Check them and try again; the password is case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        if "@" in value:
            matches = list(
                User.objects.filter(email__iexact=value, is_active=True).values_list(
                    "username", flat=True
                )[:2]
            )
            if len(matches) == 1:
                return matches[0]
        return value


class PasswordResetForm(AccessibleForm, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class SetPasswordForm(AccessibleForm, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class PasswordChangeForm(AccessibleForm, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class TokenCreateForm(AccessibleForm, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What the token is for, for example 'Satu Data sync script'."),
    )
    expires_in_days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("Leave empty for a token that does not expire."),
    )
