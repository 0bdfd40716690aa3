from __future__ import annotations

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from collectief.lib.uploads import LimitedFileField


class _Form(forms.Form):
    file = LimitedFileField(max_mb=1)


def _errors(size: int) -> dict[str, list[str]]:
    form = _Form(files={"file": SimpleUploadedFile("a.csv", b"x" * size)})
    form.is_valid()
    return dict(form.errors)


def test_a_file_up_to_the_limit_is_accepted() -> None:
    assert _errors(1024 * 1024) == {}


@pytest.mark.parametrize(
    ("language", "message"), [("nl", "groter dan 1 MB"), ("en", "larger than 1 MB")]
)
def test_a_file_over_the_limit_is_refused_with_the_limit_named(
    language: str, message: str
) -> None:
    with translation.override(language):
        errors = _errors(1024 * 1024 + 1)
    assert list(errors) == ["file"]
    assert message in errors["file"][0]


def test_the_field_is_still_required() -> None:
    form = _Form(files={})
    assert not form.is_valid()
    assert list(form.errors) == ["file"]
