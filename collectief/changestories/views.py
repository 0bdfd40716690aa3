from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from collectief.accounts.access import can_edit
from collectief.accounts.models import Role
from collectief.changestories import editor, services
from collectief.changestories.access import get_public_story, get_story_for_user
from collectief.changestories.checks import check_content, check_poster_room
from collectief.changestories.forms import ContentError, PosterSettingsForm
from collectief.changestories.models import ChangeStory
from collectief.changestories.poster import colour_css, palette, poster_context, render_svg
from collectief.changestories.poster_pdf import render_pdf
from collectief.changestories.tasks import start_poster_pdf
from collectief.lib import reading
from collectief.lib.errors import ServiceError
from collectief.lib.params import int_param


@login_required
def overview(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, story = get_story_for_user(request.user, organisation_slug)
    content = services.story_content(story)
    return render(
        request,
        "changestories/overview.html",
        {
            "organisation": organisation,
            "story": story,
            "content": content,
            "findings": check_content(content) + _poster_room(story),
            "steps": editor.STEPS,
            "can_edit": can_edit(request.user, organisation),
            "latest": story.versions.select_related("created_by").first() if story.pk else None,
        },
    )


def _poster_room(story: ChangeStory) -> list[Any]:
    """The tip that the poster is (almost) too full, on the overview and every question."""
    return check_poster_room(poster_context(story)) if story.pk else []


def _step_or_404(number: int) -> editor.Step:
    step = editor.STEP_BY_NUMBER.get(number)
    if step is None:
        raise Http404
    return step


def _step_context(
    request: HttpRequest, organisation_slug: str, number: int
) -> tuple[Any, ChangeStory, editor.Step, dict[str, Any]]:
    """What every view of one editor question needs (staff or more)."""
    organisation, story = get_story_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    current = _step_or_404(number)
    content = services.story_content(story)
    context: dict[str, Any] = {
        "organisation": organisation,
        "story": story,
        "step": current,
        "steps": editor.STEPS,
        "content": content,
        "base_version": story.version,
        "examples": list(enumerate(editor.EXAMPLES[current.block])),
        "previous": editor.STEP_BY_NUMBER.get(number - 1),
        "next": editor.STEP_BY_NUMBER.get(number + 1),
        "errors": [],
    }
    if request.method == "POST":
        context["base_version"] = _int(request.POST.get("base_version"), story.version)
    return organisation, story, current, context


def _render_step(
    request: HttpRequest, context: dict[str, Any], formsets: list[Any] | None = None
) -> HttpResponse:
    block = context["step"].block
    content = context["content"]
    context["formsets"] = formsets or editor.build_formsets(block, content)
    context["findings"] = [
        f for f in check_content(content) if block in ("effects", "indicators")
    ] + _poster_room(context["story"])
    template = "changestories/step.html"
    if _htmx(request) and request.method == "POST":
        template += "#step-form"
    return render(request, template, context)


@login_required
def step(request: HttpRequest, organisation_slug: str, number: int) -> HttpResponse:
    """One question of the guided editor; a POST saves it (plain posts and htmx)."""
    organisation, story, current, context = _step_context(request, organisation_slug, number)
    if request.method != "POST":
        return _render_step(request, context)
    block = current.block
    content = context["content"]
    formsets = editor.build_formsets(block, content, data=request.POST)
    result = editor.rows_from_formsets(block, formsets)
    if result is None:
        return _render_step(request, context, formsets)
    rows, sources = result
    try:
        services.save_change_story(
            organisation,
            editor.content_with_block(content, block, rows),
            by=request.user,
            base_version=context["base_version"],
            note=str(current.question),
        )
    except services.ConflictError as conflict:
        return _render_conflict(request, context, conflict, rows)
    except ContentError as error:
        context["errors"] = _attach(error, block, sources)
        return _render_step(request, context, formsets)
    except ServiceError as error:
        context["errors"] = [error.message]
        return _render_step(request, context, formsets)
    messages.success(
        request,
        _("Saved. This is now version %(n)s.") % {"n": story.version + 1 if story.pk else 1},
    )
    then_next = request.POST.get("then") == "next"
    if then_next and number < len(editor.STEPS):
        target = reverse("changestories:step", args=[organisation.slug, number + 1])
    elif then_next:
        target = reverse("changestories:overview", args=[organisation.slug])
    else:
        target = reverse("changestories:step", args=[organisation.slug, number])
    if _htmx(request):
        return HttpResponseClientRedirect(target)
    return redirect(target)


@login_required
@require_POST
def step_add_row(request: HttpRequest, organisation_slug: str, number: int) -> HttpResponse:
    """Show the question again with an empty line more (nothing is saved yet)."""
    _organisation, _story, current, context = _step_context(request, organisation_slug, number)
    rows = editor.rows_from_post(current.block, request.POST, context["content"])
    formsets = editor.build_formsets(
        current.block, context["content"], rows=rows, extra_for=request.POST.get("formset")
    )
    return _render_step(request, context, formsets)


@login_required
@require_POST
def step_pick(request: HttpRequest, organisation_slug: str, number: int) -> HttpResponse:
    """Show the question again with a picked example as a new line (nothing is saved yet)."""
    _organisation, _story, current, context = _step_context(request, organisation_slug, number)
    content = context["content"]
    rows = editor.rows_from_post(current.block, request.POST, content)
    picked = _pick(request.POST.get("example", ""), current.block, content)
    if picked is not None:
        rows.append(picked)
    return _render_step(request, context, editor.build_formsets(current.block, content, rows=rows))


@login_required
@require_POST
def step_merge(request: HttpRequest, organisation_slug: str, number: int) -> HttpResponse:
    """Save the choices made after someone else saved the same question first."""
    organisation, story, current, context = _step_context(request, organisation_slug, number)
    return _merge(request, organisation, story, current, context)


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _pick(example: str, block: str, content: dict[str, Any]) -> dict[str, Any] | None:
    """An example as a new, editable row ("3", or "e2:3" for effect e2 in step 5)."""
    parts = example.split(":")
    index = _int(parts[-1], -1)
    examples = editor.EXAMPLES[block]
    if not 0 <= index < len(examples):
        return None
    row: dict[str, Any] = {"id": "", **examples[index]}
    if block == "indicators":
        effect_ids = {e["id"] for e in content["effects"]}
        if len(parts) != 2 or parts[0] not in effect_ids:
            return None
        row["effect"] = parts[0]
    if block == "effects":
        row.update(approaches=[], contributions=[])
    return row


def _attach(error: ContentError, block: str, sources: list[Any]) -> list[str]:
    """Put whole-story problems next to the row they are about, where possible."""
    leftovers = []
    for path, message in error.problems:
        form = None
        field = None
        if block != "indicators" and path.startswith(f"{block}["):
            index = _int(path[len(block) + 1 : path.index("]")], -1)
            field = path.split(".")[-1] if "." in path else None
            if 0 <= index < len(sources):
                form = sources[index]
        if form is not None and field in form.fields:
            form.add_error(field, message)
        else:
            leftovers.append(message)
    return leftovers


def _render_conflict(
    request: HttpRequest,
    context: dict[str, Any],
    conflict: services.ConflictError,
    mine: list[dict[str, Any]],
) -> HttpResponse:
    block = context["step"].block
    context.update(
        conflict=conflict,
        rows=editor.merge_rows(block, mine, conflict.current_content),
        mine_json=json.dumps(mine, ensure_ascii=False),
        base_version=conflict.current_version,
    )
    template = "changestories/conflict.html"
    if _htmx(request):
        template += "#conflict"
    return render(request, template, context, status=409 if _htmx(request) else 200)


def _merge(
    request: HttpRequest,
    organisation: Any,
    story: ChangeStory,
    current: editor.Step,
    context: dict[str, Any],
) -> HttpResponse:
    try:
        mine = reading.read_json(request.POST.get("mine", "[]").encode())
        if not isinstance(mine, list) or not all(isinstance(m, dict) for m in mine):
            raise ValueError
    except ValueError as exc:  # reading.TableError is a ValueError
        raise Http404 from exc
    theirs = services.story_content(story)
    rows = editor.merge_rows(current.block, mine, theirs)
    merged = editor.apply_choices(rows, request.POST)
    try:
        services.save_change_story(
            organisation,
            editor.content_with_block(theirs, current.block, merged),
            by=request.user,
            base_version=context["base_version"],
            note=_("Merged with changes of someone else"),
        )
    except services.ConflictError as conflict:
        return _render_conflict(request, context, conflict, mine)
    except ServiceError as error:
        context["merge_error"] = error.message
        context["base_version"] = story.version
        context.update(
            rows=rows,
            mine_json=json.dumps(mine, ensure_ascii=False),
            conflict=None,
        )
        return render(request, "changestories/conflict.html", context)
    messages.success(request, _("Merged and saved."))
    target = reverse("changestories:step", args=[organisation.slug, current.number])
    if _htmx(request):
        return HttpResponseClientRedirect(target)
    return redirect(target)


# -- poster ------------------------------------------------------------------------


def _poster_page(
    request: HttpRequest,
    story: ChangeStory,
    size: str,
    *,
    public: bool,
    settings_form: PosterSettingsForm | None = None,
) -> HttpResponse:
    context = poster_context(story, size)
    slug = story.organisation.slug if story.organisation else ""
    colour_url = reverse(
        "changestories:public_poster_colour_css" if public else "changestories:poster_colour_css",
        args=[slug],
    )
    context.update(
        public=public,
        can_edit=settings_form is not None,
        settings_form=settings_form,
        # The colour in the address, so a changed colour is fetched anew.
        colour_css_url=f"{colour_url}?v={context['palette']['colour'][1:]}",
        # Whoever can shorten the texts sees the tip when the poster gets full.
        findings=check_poster_room(context) if settings_form is not None else [],
    )
    return render(request, "changestories/poster.html", context)


@login_required
def poster(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, story = get_story_for_user(request.user, organisation_slug)
    editable = can_edit(request.user, organisation)
    form = PosterSettingsForm(instance=story) if editable else None
    return _poster_page(
        request, story, request.GET.get("formaat", "a4"), public=False, settings_form=form
    )


@login_required
@require_POST
def poster_settings(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """Save tagline, public, colour and image; show the form again with its errors."""
    organisation, story = get_story_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = PosterSettingsForm(
        request.POST, request.FILES, instance=ChangeStory(organisation=organisation)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_poster_settings(
                organisation,
                tagline=data["tagline"],
                is_public=data["is_public"],
                colour=data["colour"],
                image=data["image"] or None,
                image_alt=data["image_alt"],
                remove_image=data["remove_image"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The poster settings have been saved."))
            return redirect("changestories:poster", organisation.slug)
    return _poster_page(request, story, "a4", public=False, settings_form=form)


def _colour_css_response(story: ChangeStory) -> HttpResponse:
    response = HttpResponse(colour_css(palette(story.colour)), content_type="text/css")
    response["Cache-Control"] = "max-age=3600"
    return response


@login_required
def poster_colour_css(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The poster's colours as a stylesheet (the CSP allows no inline styles)."""
    _organisation, story = get_story_for_user(request.user, organisation_slug)
    return _colour_css_response(story)


def public_poster_colour_css(request: HttpRequest, slug: str) -> HttpResponse:
    return _colour_css_response(get_public_story(slug))


def _pdf_response(story: ChangeStory, size: str, slug: str) -> HttpResponse:
    size = size if size in ("a4", "a3") else "a4"
    response = HttpResponse(render_pdf(story, size), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="veranderverhaal-{slug}-{size}.pdf"'
    return response


def _svg_response(story: ChangeStory, slug: str) -> HttpResponse:
    response = HttpResponse(render_svg(story), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veranderverhaal-{slug}.svg"'
    return response


@login_required
@require_POST
def poster_pdf(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The worker builds the PDF; the member waits on the job page and downloads it there."""
    organisation, _story = get_story_for_user(request.user, organisation_slug)
    job = start_poster_pdf(organisation, request.POST.get("formaat", "a4"), by=request.user)
    return redirect("jobs:status", job.pk)


@login_required
def poster_svg(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, story = get_story_for_user(request.user, organisation_slug)
    return _svg_response(story, organisation.slug)


def public_poster(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_public_story(slug)
    return _poster_page(request, story, request.GET.get("formaat", "a4"), public=True)


def public_poster_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_public_story(slug)
    return _pdf_response(story, request.GET.get("formaat", "a4"), slug)


def public_poster_svg(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_public_story(slug)
    return _svg_response(story, slug)


# -- history -------------------------------------------------------------------------


@login_required
def history(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, story = get_story_for_user(request.user, organisation_slug)
    versions = (
        list(story.versions.select_related("created_by").defer("snapshot")) if story.pk else []
    )
    return render(
        request,
        "changestories/history.html",
        {
            "organisation": organisation,
            "story": story,
            "versions": versions,
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
def diff(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, story = get_story_for_user(request.user, organisation_slug)
    if not story.pk:
        raise Http404
    old_number = int_param(request, "van", story.version - 1, minimum=0)
    new_number = int_param(request, "tot", story.version)
    versions = {v.number: v for v in story.versions.filter(number__in=[old_number, new_number])}
    if new_number not in versions or (old_number not in versions and old_number != 0):
        raise Http404
    old = versions[old_number].snapshot if old_number in versions else services.empty_content()
    blocks = services.diff_contents(old, versions[new_number].snapshot)
    return render(
        request,
        "changestories/diff.html",
        {
            "organisation": organisation,
            "story": story,
            "old": versions.get(old_number),
            "old_number": old_number,
            "new": versions[new_number],
            "blocks": blocks,
            "any_change": any(not b.empty for b in blocks),
            "numbers": list(story.versions.values_list("number", flat=True)),
        },
    )


@login_required
@require_POST
def restore(request: HttpRequest, organisation_slug: str, number: int) -> HttpResponse:
    organisation, _story = get_story_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    try:
        services.restore_version(organisation, number, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Version %(number)s is current again, as a new version.") % {"number": number},
        )
    return redirect("changestories:history", organisation.slug)


@login_required
def export_json(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation, _story = get_story_for_user(request.user, organisation_slug)
    response = JsonResponse(
        services.export_story(organisation), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = (
        f'attachment; filename="veranderverhaal-{organisation.slug}.json"'
    )
    return response
