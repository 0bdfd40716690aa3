from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from collectief.lib.api import error_response


def _is_api(request: HttpRequest) -> bool:
    """Machine clients under /api/ get problem details, never an HTML page.

    The token pages (/api/tokens/) are pages for people and keep the HTML.
    """
    return request.path.startswith("/api/") and not request.path.startswith("/api/tokens/")


def handler_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return error_response(400, _("The request is not valid."))
    return render(request, "400.html", status=400)


def handler_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return error_response(403, _("Your role does not allow this."))
    return render(request, "403.html", status=403)


def handler_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return error_response(404, _("There is no API endpoint or object at this address."))
    return render(request, "404.html", status=404)


def handler_500(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: it may be the cause.
    from django.template import loader

    if _is_api(request):
        return error_response(500, _("Something went wrong on the server. Try again later."))
    return HttpResponse(loader.get_template("500.html").render(), status=500)
