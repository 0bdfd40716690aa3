"""Opting a page in to being shown in another website's iframe.

The decorator lives in ``lib`` because domain apps (the directory's public
etalage) use it; ``web.middleware.ContentSecurityPolicyMiddleware`` reads
the mark it sets and sends the embeddable policy.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse


def allow_embedding(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let other websites (a gemeente's site) show this page in an iframe."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.allow_embedding = True  # type: ignore[attr-defined]
        response.xframe_options_exempt = True
        return response

    return wrapper
