"""What every signals page shares: login, and two-factor before anything is shown."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from collectief.signals.access import TwoFactorRequired


def signals_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required; a member without two-factor login is sent to set it up."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except TwoFactorRequired:
            messages.info(
                request,
                _("Signals can only be seen with two-factor login. Set it up first."),
            )
            return redirect("mfa_activate_totp")

    return login_required(wrapper)
