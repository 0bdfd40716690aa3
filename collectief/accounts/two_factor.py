"""Two-factor login in the product's own words: forms, Dutch errors and where to go next.

django-allauth does the work (the secret, checking codes, recovery codes).
This module only changes what people meet on the way: a code field that a
phone fills with its number keyboard, error messages a B1 reader understands,
and the page someone was going to before the set-up got in between.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

# The page a member was going to when they were sent to set up two-factor
# login; "Ga verder" on the recovery codes page leads there.
DESTINATION_KEY = "collectief_two_factor_next"
# Set when the password step was done but the set-up still has to follow:
# "you are logged in" is only said once the second step is done too.
PENDING_LOGIN_KEY = "collectief_two_factor_login_pending"


class OneTimeCodeField(forms.CharField):
    """Six digits from the app (or a recovery code), typed with or without spaces.

    Apps show the code as "123 456"; people copy that, so spaces and dashes
    are dropped before the code is checked.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"required": _("Fill in the code from your app.")})
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "inputmode": "numeric",
                    "autocapitalize": "off",
                    "spellcheck": "false",
                    "class": "input--code",
                }
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return "".join(ch for ch in text if ch not in " -\u00a0")


class ActivateForm(ActivateTOTPForm):
    """Setting up: the first code from the app proves it is linked."""

    code = OneTimeCodeField(
        label=_("Code from the app"),
        help_text=_("The 6 digits the app shows now. The code changes every 30 seconds."),
    )


class AuthenticateCodeForm(AuthenticateForm):
    """The second step of every later login: the app's code, or a recovery code."""

    code = OneTimeCodeField(
        label=_("Code from the app"),
        help_text=_("The 6 digits the app shows now. Lost your phone? Fill in a recovery code."),
    )


class ReauthenticateCodeForm(ReauthenticateForm):
    """Confirming a sensitive change (switching two-factor login off) with a code."""

    code = OneTimeCodeField(
        label=_("Code from the app"),
        help_text=_("The 6 digits the app shows now."),
    )


class MFAAdapter(DefaultMFAAdapter):
    """allauth's two-factor adapter with error messages in plain Dutch."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        # A code from the previous half minute is accepted too (MFA_TOTP_TOLERANCE),
        # so a wrong code is usually a typo or a code that has just expired.
        "incorrect_code": _(
            "This code is not right. Perhaps it had just expired: the app shows a new "
            "code every 30 seconds. Fill in the code the app shows now."
        ),
    }


def remember_destination(request: HttpRequest) -> None:
    """Keep the page a member asked for while they set up two-factor login first.

    Only plain page visits count: a form post or an htmx fragment is no place
    to land after the set-up.
    """
    if request.method == "GET" and not request.headers.get("HX-Request"):
        request.session[DESTINATION_KEY] = request.get_full_path()


def destination(request: HttpRequest) -> str:
    """Where "Ga verder" leads: the remembered page, or the member's overview."""
    wanted = request.session.get(DESTINATION_KEY, "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return str(wanted)
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def group_secret(secret: str, size: int = 4) -> str:
    """The secret in groups of four, as people read and type it: "ABCD EFGH …"."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
