"""Pages under /o/<organisation>/waarde/: readers look, medewerkers change.

Access is decided in ``access.py``; writes go through ``services.py``. Every
page that shows a euro figure shows its assumptions on the same page.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from collectief.accounts.access import can_edit
from collectief.accounts.models import Role, User
from collectief.lib import sroi
from collectief.lib.errors import ServiceError
from collectief.valuation import services
from collectief.valuation.access import (
    get_existing_valuation_for_user,
    get_input_for_user,
    get_outcome_for_user,
    get_valuation_for_user,
)
from collectief.valuation.charts import build_tornado
from collectief.valuation.forms import InputForm, OutcomeForm, ValuationForm
from collectief.valuation.models import Input, Outcome, Valuation
from collectief.valuation.templatetags.valuation_format import number, pct, ratio


class AuthenticatedHttpRequest(HttpRequest):
    user: User


ASSUMPTION_LABELS = {
    "quantity": gettext_lazy("Quantity (Q)"),
    "proxy": gettext_lazy("Financial proxy (P)"),
    "deadweight": gettext_lazy("Deadweight"),
    "displacement": gettext_lazy("Displacement"),
    "attribution": gettext_lazy("Attribution"),
    "dropoff": gettext_lazy("Drop-off"),
    "duration": gettext_lazy("Duration (D)"),
    "discount_rate": gettext_lazy("Discount rate"),
}
SHARES = {"deadweight", "displacement", "attribution", "dropoff", "discount_rate"}


def _form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _show(name: str, value: Decimal | None) -> str:
    if value is None:
        return "–"
    if name in SHARES:
        return pct(value)
    if name == "proxy":
        return "€\u00a0" + number(value, 2)
    if name == "duration":
        return _("%(years)s years") % {"years": number(value, 0)}
    return number(value, 1)


def _sensitivity_rows(calc: services.Calculation) -> list[dict[str, Any]]:
    rows = []
    for row in calc.sensitivity:
        outcome = calc.outcomes[row.outcome_index] if row.outcome_index is not None else None
        if row.break_even is not None:
            break_even = _show(row.name, row.break_even)
        elif row.unreachable == sroi.ALWAYS_ABOVE:
            break_even = _("never: the ratio stays above 1")
        else:
            break_even = _("never: the ratio stays below 1")
        rows.append(
            {
                "name": ASSUMPTION_LABELS[row.name],
                "outcome": outcome.label if outcome is not None else _("all outcomes"),
                "value": _show(row.name, row.value),
                "band": f"{_show(row.name, row.low)} – {_show(row.name, row.high)}",
                "ratio_low": row.ratio_at_low,
                "ratio_high": row.ratio_at_high,
                "break_even": break_even,
                "in_band": row.break_even_in_band,
                "method": row.method,
                "raw": row,
            }
        )
    return rows


def _tornado(calc: services.Calculation, rows: list[dict[str, Any]]) -> Any:
    if calc.result.ratio is None:
        return None
    return build_tornado(
        [
            (
                f"{r['name']} – {r['outcome']}",
                r["ratio_low"],
                r["ratio_high"],
                f"{r['name']} – {r['outcome']}: {ratio(r['ratio_low'])} … {ratio(r['ratio_high'])}",
            )
            for r in rows
        ],
        calc.result.ratio,
    )


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, valuation = get_valuation_for_user(request.user, organisation_slug)
    context: dict[str, Any] = {
        "organisation": organisation,
        "current_organisation": organisation,
        "valuation": valuation,
        "can_edit": can_edit(request.user, organisation),
    }
    if valuation is not None:
        calc = services.calculation(valuation, with_sensitivity=True)
        evidence = services.evidence_for(calc.outcomes)
        context.update(
            calc=calc,
            rows=[(o, r, evidence.get(o.pk)) for o, r in calc.rows],
            red_outcomes=sum(1 for o in calc.outcomes if o.grade == "rood"),
            fragile=[r for r in _sensitivity_rows(calc) if r["in_band"]],
        )
    return render(request, "valuation/overview.html", context)


@login_required
@require_GET
def sensitivity(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    valuation = get_existing_valuation_for_user(request.user, organisation_slug)
    calc = services.calculation(valuation)
    rows = _sensitivity_rows(calc)
    return render(
        request,
        "valuation/sensitivity.html",
        {
            "organisation": valuation.organisation,
            "current_organisation": valuation.organisation,
            "valuation": valuation,
            "calc": calc,
            "rows": rows,
            "tornado": _tornado(calc, rows),
        },
    )


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    valuation = get_existing_valuation_for_user(request.user, organisation_slug)
    document = services.export_document(valuation)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="maatschappelijke-waarde-{valuation.organisation.slug}.json"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def settings(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, valuation = get_valuation_for_user(
        request.user, organisation_slug, min_role=Role.STAFF
    )
    instance = valuation or Valuation(organisation=organisation, title=_("Social value"))
    form = ValuationForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_valuation(organisation, by=request.user, **data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The settings of the valuation have been saved."))
            return redirect("valuation:overview", organisation.slug)
    return render(
        request,
        "valuation/settings.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "valuation": valuation,
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _input_page(
    request: HttpRequest, valuation: Valuation, form: InputForm, item: Input | None
) -> HttpResponse:
    return render(
        request,
        "valuation/input_form.html",
        {
            "organisation": valuation.organisation,
            "current_organisation": valuation.organisation,
            "valuation": valuation,
            "form": form,
            "item": item,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _input_data(form: InputForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {k: data.get(k) for k in ("label", "kind", "amount", "hours", "hourly_value", "source")}


@login_required
@require_http_methods(["GET", "POST"])
def input_create(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, valuation = get_valuation_for_user(
        request.user, organisation_slug, min_role=Role.STAFF
    )
    if valuation is None:
        messages.info(request, _("First give the valuation a title and a discount rate."))
        return redirect("valuation:settings", organisation.slug)
    form = InputForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_input(valuation, by=request.user, **_input_data(form))
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The input has been added."))
            return redirect("valuation:overview", organisation.slug)
    return _input_page(request, valuation, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def input_edit(
    request: AuthenticatedHttpRequest, organisation_slug: str, input_id: int
) -> HttpResponse:
    item = get_input_for_user(request.user, organisation_slug, input_id)
    form = InputForm(
        request.POST if request.method == "POST" else None,
        instance=Input.objects.get(pk=item.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_input(item, by=request.user, **_input_data(form))
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The input has been saved."))
            return redirect("valuation:overview", organisation_slug)
    return _input_page(request, item.valuation, form, item)


@login_required
@require_http_methods(["GET", "POST"])
def input_delete(
    request: AuthenticatedHttpRequest, organisation_slug: str, input_id: int
) -> HttpResponse:
    item = get_input_for_user(request.user, organisation_slug, input_id)
    if request.method == "POST":
        services.delete_input(item, by=request.user)
        messages.success(request, _("'%(label)s' has been deleted.") % {"label": item.label})
        return redirect("valuation:overview", organisation_slug)
    return render(
        request,
        "valuation/confirm_delete.html",
        {
            "organisation": item.valuation.organisation,
            "current_organisation": item.valuation.organisation,
            "label": item.label,
        },
    )


def _outcome_page(
    request: HttpRequest, valuation: Valuation, form: OutcomeForm, outcome: Outcome | None
) -> HttpResponse:
    return render(
        request,
        "valuation/outcome_form.html",
        {
            "organisation": valuation.organisation,
            "current_organisation": valuation.organisation,
            "valuation": valuation,
            "form": form,
            "outcome": outcome,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_create(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, valuation = get_valuation_for_user(
        request.user, organisation_slug, min_role=Role.STAFF
    )
    if valuation is None:
        messages.info(request, _("First give the valuation a title and a discount rate."))
        return redirect("valuation:settings", organisation.slug)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        instance=Outcome(valuation=valuation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_outcome(valuation, by=request.user, **form.outcome_fields())
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The outcome has been added."))
            return redirect("valuation:overview", organisation.slug)
    return _outcome_page(request, valuation, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(
    request: AuthenticatedHttpRequest, organisation_slug: str, outcome_id: int
) -> HttpResponse:
    outcome = get_outcome_for_user(request.user, organisation_slug, outcome_id)
    organisation = outcome.valuation.organisation
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        instance=Outcome.objects.get(pk=outcome.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_outcome(outcome, by=request.user, **form.outcome_fields())
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The outcome has been saved."))
            return redirect("valuation:overview", organisation.slug)
    return _outcome_page(request, outcome.valuation, form, outcome)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_delete(
    request: AuthenticatedHttpRequest, organisation_slug: str, outcome_id: int
) -> HttpResponse:
    outcome = get_outcome_for_user(request.user, organisation_slug, outcome_id)
    if request.method == "POST":
        services.delete_outcome(outcome, by=request.user)
        messages.success(request, _("'%(label)s' has been deleted.") % {"label": outcome.label})
        return redirect("valuation:overview", organisation_slug)
    return render(
        request,
        "valuation/confirm_delete.html",
        {
            "organisation": outcome.valuation.organisation,
            "current_organisation": outcome.valuation.organisation,
            "label": outcome.label,
        },
    )
