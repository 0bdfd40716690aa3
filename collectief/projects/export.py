"""One project as a JSON document (``collectief project export``).

The keys and codes are a data format and never change with the language;
dates are ISO 8601. Residents appear by name only where they agreed to be
named in the werkgroep; everything else about residents is a count. Linked
questionnaires are named, never with their results (those follow the
surveys' own suppression rules and stay with their organisation).
"""

from __future__ import annotations

from typing import Any

from collectief.changestories.services import story_content
from collectief.projects.models import Project


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def project_document(project: Project) -> dict[str, Any]:
    members = list(project.members.select_related("organisation"))
    partnerships = list(project.partnerships.select_related("organisation"))
    return {
        "id": project.pk,
        "title": project.title,
        "question": project.question,
        "wijk": project.wijk.code,
        "theme": project.theme.code,
        "step": project.step,
        "owner": project.owner.slug,
        "partners": [
            {
                "organisation": p.organisation.slug,
                "joined_on": _date(p.joined_on),
                "left_on": _date(p.left_on),
            }
            for p in partnerships
        ],
        "residents_involved": project.residents_involved,
        "experts_involved": project.experts_involved,
        "who_acts": project.who_acts,
        "plan": {
            "problem": project.problem,
            "intention": project.intention,
            "vision": project.vision,
            "desired_result": project.desired_result,
            "residents_role": project.residents_role,
            "goals": [g.text for g in project.goals.all()],
            "milestones": [
                {"title": m.title, "due_on": _date(m.due_on), "done_on": _date(m.done_on)}
                for m in project.milestones.all()
            ],
        },
        "werkgroep": [
            {
                "name": m.name,
                "organisation": m.organisation.slug if m.organisation else None,
                "task": m.task,
                "kartrekker": m.kartrekker_slot is not None,
                "joined_on": _date(m.joined_on),
                "left_on": _date(m.left_on),
            }
            for m in members
        ],
        "kartrekkers": sum(1 for m in members if m.kartrekker_slot is not None),
        "roles": [
            {
                "organisation": r.organisation.slug,
                "role": r.role,
                "contribution": r.contribution,
                "mandate": r.mandate,
                "expectations": r.expectations,
                "delivers": r.delivers,
                "delivers_note": r.delivers_note,
            }
            for r in project.roles.select_related("organisation")
        ],
        "agreements": [
            {
                "owner": a.owner.slug,
                "person": a.person,
                "what": a.what,
                "due_on": _date(a.due_on),
                "status": a.status,
                "follow_ups": [
                    {
                        "kind": f.kind,
                        "note": f.note,
                        "organisation": f.organisation.slug,
                        "on": _date(f.created_at.date()),
                    }
                    for f in a.follow_ups.select_related("organisation")
                ],
            }
            for a in project.agreements.select_related("owner")
        ],
        "change_story": story_content(project.change_story) if project.change_story else None,
        "log": [
            {
                "kind": e.kind,
                "on": _date(e.happened_on),
                "text": e.text,
                "residents": e.residents,
                "organisation": e.organisation.slug,
            }
            for e in project.log.select_related("organisation")
        ],
        "evaluation": {
            "effect_summary": project.effect_summary,
            "figures": [
                {
                    "label": f.label,
                    "value": float(f.value),
                    "value_max": float(f.value_max) if f.value_max is not None else None,
                    "organisation": f.organisation.slug if f.organisation else None,
                }
                for f in project.figures.select_related("organisation")
            ],
            "surveys": [
                {"title": s.title, "organisation": s.organisation.slug}
                for s in project.surveys.select_related("organisation")
            ],
        },
        "decision": project.decision,
        "decision_note": project.decision_note,
        "finished_on": _date(project.finished_on),
        "embedded_service": str(project.embedded_service_id)
        if project.embedded_service_id
        else None,
        "lessons": [
            {
                "text": lesson.text,
                "public": lesson.is_public,
                "organisation": lesson.organisation.slug,
            }
            for lesson in project.lessons.select_related("organisation")
        ],
    }
