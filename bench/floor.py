"""The floor of the submission benchmark: a bare view that stores one row.

It runs in the same gunicorn server, with the same settings and middleware,
as the real survey page. A respondent opens the page (a state and a CSRF
token, as on the survey page) and posts it back; the view inserts one row
in its own table inside one transaction and redirects to a thank-you
address. Whatever the real page costs above this is the product's own cost.
"""

from __future__ import annotations

import secrets

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.views.decorators.cache import never_cache

TABLE = "bench_floor"


def create_table() -> None:
    if connection.vendor == "postgresql":
        ddl = (
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id BIGSERIAL PRIMARY KEY, k VARCHAR(64) UNIQUE)"
        )
    else:
        ddl = f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, k VARCHAR(64) UNIQUE)"
    with connection.cursor() as cursor:
        cursor.execute(ddl)
        cursor.execute(f"DELETE FROM {TABLE}")


def stored_keys() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT k, COUNT(*) FROM {TABLE} GROUP BY k")
        return dict(cursor.fetchall())


@never_cache
def floor_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        key = request.POST.get("state", "")[:64]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (k) VALUES (%s) ON CONFLICT (k) DO NOTHING", [key]
            )
        return HttpResponseRedirect("/bench/floor/bedankt/")
    state = secrets.token_urlsafe(24)
    body = (
        '<!doctype html><title>floor</title><form method="post">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
        f'<input type="hidden" name="state" value="{state}">'
        + "".join(f'<input name="q{i}" value="3">' for i in range(5))
        + "</form>"
    )
    return HttpResponse(body)


def thanks_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("bedankt")
