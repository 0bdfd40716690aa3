"""The plan of action on A4: the plan page's content, printed with WeasyPrint.

The same context feeds the page (``plan.html``) and the document
(``plan_document.html``), like the change story poster; the print
stylesheet is a static file, so the PDF needs no inline styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from collectief.changestories.services import story_content
from collectief.projects.models import Project

STATIC = Path(__file__).parent / "static" / "projects"


def plan_context(project: Project) -> dict[str, Any]:
    """Everything of step 2: why, werkgroep, roles, goals, planning, change story, agreements."""
    members = list(project.members.select_related("organisation"))
    return {
        "members": [m for m in members if m.left_on is None],
        "kartrekkers": [m for m in members if m.kartrekker_slot is not None],
        "roles": list(project.roles.select_related("organisation")),
        "goals": list(project.goals.all()),
        "milestones": list(project.milestones.all()),
        "story": story_content(project.change_story) if project.change_story else None,
        "agreements": list(project.agreements.select_related("owner")),
        "partners": [
            p.organisation
            for p in project.partnerships.filter(left_on__isnull=True).select_related(
                "organisation"
            )
        ],
    }


def render_plan(project: Project) -> Any:
    """The laid-out WeasyPrint document (``.pages`` to count, ``.write_pdf()`` to print)."""
    from weasyprint import CSS, HTML

    context = {"project": project, "printed_on": timezone.localdate(), **plan_context(project)}
    html = render_to_string("projects/plan_document.html", context)
    css = CSS(string=(STATIC / "plan-print.css").read_text(encoding="utf-8"))
    return HTML(string=html, base_url=str(STATIC)).render(stylesheets=[css])


def render_plan_pdf(project: Project) -> bytes:
    return bytes(render_plan(project).write_pdf())
