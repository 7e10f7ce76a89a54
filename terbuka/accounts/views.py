"""Account pages. Writes go through terbuka.accounts.services; these views only validate."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.accounts import selectors, services
from terbuka.accounts.forms import LoginForm, TokenCreateForm
from terbuka.core.forms import apply_service_errors


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def lockout(request, response=None, credentials=None, *args, **kwargs):
    """django-axes calls this once an account has had too many failed logins from one address.
    The account itself is untouched; the lock lifts after the cool-off period."""
    minutes = int(round(float(settings.AXES_COOLOFF_TIME or 0) * 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def _account_context(request, **extra):
    user = request.user
    context = {
        "assignments": selectors.roles_of(user),
        "tokens": selectors.tokens_of(user),
        "token_form": TokenCreateForm(),
        "now": timezone.now(),
    }
    context.update(extra)
    return context


@login_required
def account(request):
    return render(request, "accounts/account.html", _account_context(request))


@login_required
@require_POST
def token_create(request):
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        days = form.cleaned_data["expires_in_days"]
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        try:
            token, raw = services.token_create(
                actor=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                expires_at=expires_at,
                request=request,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={"expires_at": "expires_in_days"})
        else:
            # The raw key is rendered in this response only and never stored or sent again.
            return render(
                request,
                "accounts/account.html",
                _account_context(request, new_token=token, new_key=raw),
            )
    return render(
        request, "accounts/account.html", _account_context(request, token_form=form), status=400
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = selectors.tokens_of(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    services.token_revoke(actor=request.user, token=token, request=request)
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("accounts:account")
