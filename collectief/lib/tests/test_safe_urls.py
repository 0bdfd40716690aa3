"""Only http(s) (and mailto:/tel: where allowed) addresses become links."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from collectief.lib.safe_urls import (
    LINK_SCHEMES,
    SafeURLField,
    SafeURLFormField,
    is_safe_url,
    safe_href,
    url_problem,
)

# Every trick from the OWASP XSS filter evasion cheat sheet that works on an href.
UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "java\x00script:alert(1)",
    "javascript\u200b:alert(1)",
    "\u202ejavascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://ftp.example.org/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:\\\\evil.example",
    "https:/evil.example",
    "https:evil.example",
    "https://bank.nl@evil.example/",
    "https://",
    "https:// evil.example",
    "https://exa mple.nl",
    "mailto:iemand@example.nl",
    "tel:+31201234567",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
]
SAFE = [
    "https://www.hetbadhuis.nl",
    "http://example.com/pad?x=1&y=2#anker",
    "HTTPS://WWW.ALMERE.NL/wijkteams",
    "https://münster.de/",
    "https://127.0.0.1:8000/",
]


@pytest.mark.parametrize("value", UNSAFE)
def test_unsafe_addresses_are_refused_with_a_dutch_message(value):
    with translation.override("nl"):
        problem = url_problem(value)
    assert problem, value
    assert not is_safe_url(value)
    assert safe_href(value) == ""
    # Dutch, not the English message id.
    assert any(word in problem for word in ("webadres", "toegestaan", "mag geen")), problem


@pytest.mark.parametrize("value", SAFE)
def test_web_addresses_are_accepted(value):
    assert url_problem(value) is None
    assert safe_href(value) == value


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("mailto:iemand@example.nl", True),
        ("mailto:iemand@example.nl?subject=Hallo", True),
        ("tel:+31201234567", True),
        ("tel:020-1234567", True),
        ("mailto:javascript:alert(1)", False),
        ("tel:javascript:alert(1)", False),
        ("javascript:alert(1)", False),
    ],
)
def test_mail_and_phone_links_only_where_allowed(value, ok):
    assert (url_problem(value, LINK_SCHEMES) is None) is ok
    if value.startswith(("mailto", "tel")):
        assert url_problem(value) is not None  # a website field refuses them


def test_empty_is_allowed_for_optional_fields():
    assert url_problem("") is None
    assert safe_href("") == ""
    assert safe_href(None) == ""


class WebsiteForm(forms.Form):
    website = SafeURLFormField(required=False)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("www.hetbadhuis.nl", "https://www.hetbadhuis.nl"),
        ("  https://www.almere.nl  ", "https://www.almere.nl"),
        ("hetbadhuis.nl/agenda", "https://hetbadhuis.nl/agenda"),
        ("", ""),
    ],
)
def test_form_field_completes_a_bare_host(typed, stored):
    form = WebsiteForm({"website": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == stored


@pytest.mark.parametrize("value", UNSAFE)
def test_form_field_refuses_unsafe_input(value):
    with translation.override("nl"):
        form = WebsiteForm({"website": value})
        assert not form.is_valid()
        assert form.errors["website"][0]


def test_model_field_validates_and_deconstructs():
    field = SafeURLField("website", blank=True)
    field.set_attributes_from_name("website")
    with pytest.raises(
        ValidationError, match=r"is hier niet toegestaan\. Gebruik een webadres dat begint"
    ) as error:
        field.run_validators("javascript:alert(1)")
    assert error.value.error_list[0].code == "unsafe_url"
    field.run_validators("https://www.hetbadhuis.nl")
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "collectief.lib.safe_urls.SafeURLField"
    assert kwargs["max_length"] == 500 and "schemes" not in kwargs
    assert isinstance(field.formfield(), SafeURLFormField)


def test_template_filter_refuses_an_unsafe_stored_value():
    template = Template('<a href="{{ url|safe_href }}">x</a>|{{ mail|safe_href:"links" }}')
    html = template.render(Context({"url": "java\tscript:alert(1)", "mail": "tel:+3120123"}))
    assert html == '<a href="">x</a>|tel:+3120123'
    html = template.render(Context({"url": "https://a.nl/?a=1&b=2", "mail": "data:x"}))
    assert html == '<a href="https://a.nl/?a=1&amp;b=2">x</a>|'
