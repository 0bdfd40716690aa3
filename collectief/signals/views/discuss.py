"""Bespreken: a team page per wijk and month (issue 11 point 7).

The themes that came up most and what changed come from the gemeente's
suppressed summary (the same published numbers as the summary page); the
sociale kaart from ``directory.match.find_services``. Readers look;
medewerkers and beheerders record the discussion and its actions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectief.accounts.access import can_edit
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.directory.match import find_services
from collectief.lib.errors import ServiceError
from collectief.signals import services_discussion as services
from collectief.signals.access import get_action_for_user, get_wijk_for_user
from collectief.signals.charts import bar_chart
from collectief.signals.forms_discussion import ActionForm, ActionStatusForm, DiscussionForm
from collectief.signals.summary import Period, summarise
from collectief.signals.views.common import signals_page
from collectief.signals.views.summary import legend

TOP_THEMES = 5  # themes shown with their sociale kaart
SERVICES_PER_THEME = 4


def _period(text: str) -> Period:
    try:
        period = Period.parse(text)
    except ServiceError:
        raise Http404 from None
    if period.start > timezone.localdate():
        raise Http404
    return period


def _page(
    request: HttpRequest,
    organisation_slug: str,
    wijk_code: str,
    period_text: str,
    *,
    discussion_form: DiscussionForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organisation, wijk = get_wijk_for_user(request.user, organisation_slug, wijk_code)
    period = _period(period_text)
    gemeente = wijk.parent
    assert gemeente is not None
    summary = summarise(gemeente, period)
    row = summary.row(wijk)
    top = summary.top_cells(wijk)
    changed = [c for c in row if c.change.direction in ("up", "down")]
    kaart = [
        {"cell": cell, "matches": find_services(cell.theme, wijk)[:SERVICES_PER_THEME]}
        for cell in top[:TOP_THEMES]
    ]
    discussion = services.discussion_for(organisation, wijk, period)
    editable = can_edit(request.user, organisation)
    if discussion_form is None:
        initial = {}
        if discussion is not None:
            initial = {
                "recognised": discussion.recognised,
                "unknown": discussion.unknown,
                "approach": discussion.approach,
                "discussed_on": discussion.discussed_on,
            }
        discussion_form = DiscussionForm(initial=initial)
    context: dict[str, Any] = {
        "organisation": organisation,
        "current_organisation": organisation,
        "wijk": wijk,
        "gemeente": gemeente,
        "period": period,
        "previous_period": period.previous(),
        "next_period": period.next() if period.next().start <= timezone.localdate() else None,
        "row": row,
        "row_total": summary.table.row_totals[summary.row_index(wijk)],
        "top": top,
        "changed": changed,
        "kaart": kaart,
        "chart": bar_chart([(c.theme.name, c.count) for c in row], title=wijk.name),
        "discussion": discussion,
        "actions": list(discussion.actions.all()) if discussion else [],
        "can_edit": editable,
        "discussion_form": discussion_form,
        "action_form": action_form or ActionForm(),
        "status_form_class": ActionStatusForm,
        **legend(),
    }
    return render(request, "signals/discuss.html", context, status=status)


@signals_page
def discuss(
    request: HttpRequest, organisation_slug: str, wijk_code: str, period: str
) -> HttpResponse:
    return _page(request, organisation_slug, wijk_code, period)


def _save_form(
    request: HttpRequest,
    organisation_slug: str,
    wijk_code: str,
    period: str,
    form: DiscussionForm | ActionForm,
    save: Callable[[Organisation, Area, Period, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate ``form``, run ``save`` and go back to the page; or show the page with the errors.

    The two forms of the page share this: medewerkers only, a service error
    under its field, the other form untouched when this one is re-shown.
    """
    organisation, wijk = get_wijk_for_user(
        request.user, organisation_slug, wijk_code, min_role=Role.STAFF
    )
    month = _period(period)
    if form.is_valid():
        try:
            save(organisation, wijk, month, form.cleaned_data)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, done)
            return redirect("signals:discuss", organisation.slug, wijk.code, str(month))
    if isinstance(form, DiscussionForm):
        return _page(
            request, organisation_slug, wijk_code, period, discussion_form=form, status=400
        )
    return _page(request, organisation_slug, wijk_code, period, action_form=form, status=400)


@signals_page
@require_POST
def discuss_save(
    request: HttpRequest, organisation_slug: str, wijk_code: str, period: str
) -> HttpResponse:
    def save(organisation: Organisation, wijk: Area, month: Period, data: dict[str, Any]) -> None:
        services.save_discussion(organisation, wijk, month, by=request.user, **data)

    form = DiscussionForm(request.POST)
    return _save_form(
        request, organisation_slug, wijk_code, period, form, save, _("The discussion is saved.")
    )


@signals_page
@require_POST
def action_add(
    request: HttpRequest, organisation_slug: str, wijk_code: str, period: str
) -> HttpResponse:
    def save(organisation: Organisation, wijk: Area, month: Period, data: dict[str, Any]) -> None:
        discussion = services.discussion_for(organisation, wijk, month)
        if discussion is None:
            discussion = services.save_discussion(organisation, wijk, month, by=request.user)
        services.add_action(discussion, by=request.user, **data)

    form = ActionForm(request.POST)
    return _save_form(
        request, organisation_slug, wijk_code, period, form, save, _("The action is added.")
    )


@signals_page
@require_POST
def action_status(request: HttpRequest, organisation_slug: str, action_id: int) -> HttpResponse:
    action = get_action_for_user(request.user, organisation_slug, action_id, min_role=Role.STAFF)
    form = ActionStatusForm(request.POST)
    back = ("signals:discuss", organisation_slug, action.discussion.area.code)
    period = f"{action.discussion.period:%Y-%m}"
    if form.is_valid():
        services.set_action_status(action, form.cleaned_data["status"], by=request.user)
        messages.success(request, _("The status is changed."))
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect(*back, period)


@signals_page
def action_delete(request: HttpRequest, organisation_slug: str, action_id: int) -> HttpResponse:
    action = get_action_for_user(request.user, organisation_slug, action_id, min_role=Role.STAFF)
    discussion = action.discussion
    if request.method == "POST":
        services.delete_action(action, by=request.user)
        messages.success(request, _("The action is deleted."))
        return redirect(
            "signals:discuss",
            organisation_slug,
            discussion.area.code,
            f"{discussion.period:%Y-%m}",
        )
    return render(
        request,
        "signals/action_confirm_delete.html",
        {
            "organisation": discussion.organisation,
            "current_organisation": discussion.organisation,
            "action": action,
            "discussion": discussion,
        },
    )
