from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def handler_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def handler_500(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: it may be the cause.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
