"""A small JSON API layer on plain Django views.

``@api_endpoint`` gives a view token authentication, JSON errors and an
entry in the OpenAPI document. It lives in ``lib`` so that each domain app's
``api.py`` can use it; the ``api`` app composes those endpoints. Input is validated with the same Django
forms the web pages use (one validation definition per input), and the
OpenAPI schema of a request body is derived from that form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from collectief.lib import reading
from collectief.lib.errors import ServiceError

View = Callable[..., Any]


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})
    required: bool = False


@dataclass(frozen=True)
class EndpointSpec:
    methods: tuple[str, ...]
    summary: str
    tags: tuple[str, ...]
    parameters: tuple[Param, ...]
    response: dict[str, Any] | None
    request_form: type[forms.Form] | None
    auth_required: bool
    # The endpoint refuses fields its form does not have (400), so the
    # document says ``additionalProperties: false``.
    closed_body: bool = False
    # What a POST answers (the created item) when that is not ``response``
    # (a collection whose GET lists the items).
    created_response: dict[str, Any] | None = None


class ApiError(Exception):
    def __init__(self, status: int, message: str, errors: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors


PROBLEM_CONTENT_TYPE = "application/problem+json"


def _problem_titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Not logged in"),
        403: _("No access"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        413: _("Request too large"),
        429: _("Too many requests"),
        500: _("Server error"),
    }


def error_response(status: int, message: str, errors: Any = None) -> JsonResponse:
    """An error as RFC 9457 problem details, in the user's language.

    ``type``/``title``/``status``/``detail`` are the standard members;
    ``error`` (the same as ``detail``) and ``errors`` (per field) are kept as
    extension members, so clients written against the earlier shape go on working.
    """
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _problem_titles().get(status, _("Error")),
        "status": status,
        "detail": message,
        "error": message,
    }
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


# How the API limits its callers, plugged in by the ``api`` app when it loads:
# the rate-limit counters live in an app above ``lib``. It gets the request
# and the token when one is valid, and returns None to go on or the number
# of seconds after which the caller may try again.
RateLimiter = Callable[[HttpRequest, "str | None"], "int | None"]
_rate_limiter: RateLimiter | None = None


def set_rate_limiter(limiter: RateLimiter | None) -> None:
    global _rate_limiter  # one hook, set once when the api app loads
    _rate_limiter = limiter


def too_many_requests(retry_after: int) -> JsonResponse:
    """429 with ``Retry-After`` in seconds (RFC 9110 §10.2.3)."""
    minutes = max(1, -(-retry_after // 60))
    response = error_response(
        429,
        ngettext(
            "Too many requests. Try again in %(minutes)d minute.",
            "Too many requests. Try again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )
    response["Retry-After"] = str(retry_after)
    return response


def _token_from(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith(("bearer ", "token ")):
        return header.split(" ", 1)[1].strip()
    return None


def api_endpoint(
    *,
    summary: str,
    tags: Iterable[str],
    methods: Iterable[str] = ("GET",),
    parameters: Iterable[Param] = (),
    response: dict[str, Any] | None = None,
    request_form: type[forms.Form] | None = None,
    auth_required: bool = False,
    closed_body: bool = False,
    created_response: dict[str, Any] | None = None,
) -> Callable[[View], View]:
    """Turn a view returning JSON-ready data into an API endpoint.

    Reads use a token when one is sent and otherwise act anonymously, so
    public data can be read without an account. Writes always need a token:
    the browser session is not accepted there, which is why CSRF checks can
    be switched off for these views.
    """
    spec = EndpointSpec(
        methods=tuple(m.upper() for m in methods),
        summary=summary,
        tags=tuple(tags),
        parameters=tuple(parameters),
        response=response,
        request_form=request_form,
        auth_required=auth_required,
        closed_body=closed_body,
        created_response=created_response,
    )

    def decorator(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in spec.methods:
                response = error_response(405, _("Method not allowed."))
                response["Allow"] = ", ".join(spec.methods)
                return response
            token = _token_from(request)
            # The token backend lives in the api app (AUTHENTICATION_BACKENDS),
            # so this framework needs no import from a higher layer.
            user = authenticate(request, api_token=token) if token else None
            if token and user is None:
                return error_response(401, _("The API token is not valid."))
            if _rate_limiter is not None:
                retry_after = _rate_limiter(request, token if user else None)
                if retry_after is not None:
                    return too_many_requests(retry_after)
            writing = request.method not in ("GET", "HEAD", "OPTIONS")
            if user is None and (spec.auth_required or writing):
                return error_response(401, _("This endpoint needs an API token."))
            request.user = user or AnonymousUser()
            repeated = _repeated_param(request, spec)
            if repeated:
                return error_response(
                    400, _("%(name)s may be given only once.") % {"name": repeated}
                )
            try:
                result = view(request, *args, **kwargs)
            except Http404:
                return error_response(404, _("Not found."))
            except PermissionDenied:
                return error_response(403, _("Your role does not allow this."))
            except ServiceError as error:
                errors = {error.field: [error.message]} if error.field else None
                return error_response(400, error.message, errors)
            except ApiError as error:
                return error_response(error.status, error.message, error.errors)
            if isinstance(result, HttpResponse):
                return result
            status = 201 if request.method == "POST" else 200
            return JsonResponse(
                result, safe=False, status=status, json_dumps_params={"ensure_ascii": False}
            )

        wrapper.api_spec = spec  # type: ignore[attr-defined]
        return wrapper

    return decorator


def _repeated_param(request: HttpRequest, spec: EndpointSpec) -> str | None:
    """The first documented single-value parameter that appears more than once.

    Django would quietly use the last value, so ``?per_page=[]&per_page=10``
    would pass for a valid request; the document says one value, so the API
    refuses the rest.
    """
    for param in spec.parameters:
        if param.schema.get("type") != "array" and len(request.GET.getlist(param.name)) > 1:
            return param.name
    return None


def read_json(request: HttpRequest) -> dict[str, Any]:
    """The request body as a JSON object, or an ApiError."""
    try:
        # The reading layer checks the depth before parsing: no RecursionError.
        data = reading.read_json(request.body or b"{}")
    except reading.ReadLimitError as exc:
        raise ApiError(400, str(exc)) from exc
    except reading.TableError as exc:
        raise ApiError(400, _("The request body is not valid JSON.")) from exc
    if not isinstance(data, dict):
        raise ApiError(400, _("The request body must be a JSON object."))
    return data


def validate_form(
    form_class: type[forms.Form], data: dict[str, Any], **kwargs: Any
) -> dict[str, Any]:
    """Validate JSON input with a web form; return cleaned data or raise ApiError."""
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        elif isinstance(value, bool):
            if value:
                query[key] = "on"
        elif value is not None:
            query[key] = str(value)
    form = form_class(query, **kwargs)
    if not form.is_valid():
        raise ApiError(400, _("The input is not valid."), form.errors.get_json_data())
    return form.cleaned_data


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    serialize: Callable[[Any], dict[str, Any]],
    *,
    default_size: int = 50,
    max_size: int = 200,
) -> dict[str, Any]:
    page_number, size = page_params(request, default_size=default_size, max_size=max_size)
    paginator = Paginator(queryset, size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        items: list[Any] = []
    else:
        items = list(page.object_list)
    return {
        "count": paginator.count,
        "page": page_number,
        "per_page": size,
        "total_pages": paginator.num_pages,
        "results": [serialize(item) for item in items],
    }


# Larger page numbers are refused rather than converted: a number with
# thousands of digits costs time to parse and to multiply into an offset.
MAX_PAGE = 1_000_000


def page_params(
    request: HttpRequest, *, default_size: int = 50, max_size: int = 200
) -> tuple[int, int]:
    """``page`` and ``per_page`` as documented, or an ApiError (400) in Dutch."""
    page_text = request.GET.get("page", "1")
    size_text = request.GET.get("per_page", str(default_size))
    if not (_is_whole(page_text) and _is_whole(size_text)):
        raise ApiError(400, _("page and per_page must be whole numbers."))
    page_number, size = int(page_text), int(size_text)
    if not 1 <= page_number <= MAX_PAGE:
        raise ApiError(400, _("page must be between 1 and %(max)d.") % {"max": MAX_PAGE})
    if not 1 <= size <= max_size:
        raise ApiError(400, _("per_page must be between 1 and %(max)d.") % {"max": max_size})
    return page_number, size


_WHOLE = re.compile(r"-?[0-9]{1,12}")


def _is_whole(text: str) -> bool:
    return _WHOLE.fullmatch(text) is not None


def pagination_params(max_size: int = 200) -> tuple[Param, Param]:
    return (
        Param(
            "page",
            "Page number, from 1.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
        ),
        Param(
            "per_page",
            f"Items per page (at most {max_size}).",
            {"type": "integer", "minimum": 1, "maximum": max_size},
        ),
    )


PAGINATION_PARAMS = pagination_params()

# Query parameters that filter: an empty value is the same as leaving it out,
# and the document says so, so that a client sending ``?id=`` is not wrong.
OPTIONAL_UUID: dict[str, Any] = {"type": "string", "anyOf": [{"format": "uuid"}, {"maxLength": 0}]}
DATE_OR_DATETIME: dict[str, Any] = {
    "type": "string",
    "anyOf": [{"format": "date"}, {"format": "date-time"}, {"maxLength": 0}],
}


def choice_param(name: str, description: str, values: Iterable[str]) -> Param:
    """A filter with a fixed set of values (empty: no filter)."""
    return Param(name, description, {"type": "string", "enum": ["", *values]})


def paginated_schema(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "results": {"type": "array", "items": item},
        },
    }
