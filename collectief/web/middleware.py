from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def _tile_origin() -> str:
    parts = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
    if not parts.scheme or not parts.netloc:
        return ""
    host = parts.netloc
    # Tile servers often spread load over sub-domains a, b and c.
    if "{s}" in settings.MAP_TILE_URL:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def build_policy(*, frame_ancestors: str = "'none'") -> str:
    img = " ".join(filter(None, ["'self'", "data:", _tile_origin()]))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {img}",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


class ContentSecurityPolicyMiddleware:
    """Send a Content-Security-Policy without 'unsafe-inline' on every page.

    Scripts and styles only come from our own static files, so injected
    markup cannot run code. Embeddable pages (the public etalage) opt in to
    being framed with ``collectief.lib.embedding.allow_embedding``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy()
        self.embeddable_policy = build_policy(frame_ancestors="*")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            embeddable = getattr(response, "allow_embedding", False)
            response["Content-Security-Policy"] = (
                self.embeddable_policy if embeddable else self.policy
            )
        return response


class LanguageMiddleware:
    """Dutch for everyone unless they chose English with the language button.

    Django's LocaleMiddleware follows the browser's Accept-Language, but many
    Dutch residents have an English browser or phone; the product is written
    for B1 Dutch, so only an explicit choice (the language cookie) counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
