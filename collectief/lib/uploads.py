"""The file field of every import form: one definition of the size limit and its message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy


class LimitedFileField(forms.FileField):
    """A file field that refuses a file of more than ``max_mb`` megabytes.

    Django has the whole upload (in memory or in a temporary file) by the
    time a form is cleaned, so this check keeps a large file from being read
    and parsed; the web server's body limit (deploy/nginx.conf) keeps it from
    being received at all.
    """

    def __init__(self, *, max_mb: int, **kwargs: Any) -> None:
        self.max_mb = max_mb
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and upload.size > self.max_mb * 1024 * 1024:
            raise forms.ValidationError(
                gettext_lazy("The file is larger than %(mb)d MB.") % {"mb": self.max_mb},
                code="too_large",
            )
        return upload
