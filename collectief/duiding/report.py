"""A samen-duiden session as a report: the A4 PDF and the JSON export share this.

The page, the PDF, ``collectief duiding export`` and the magazine (next
issue) read the same ``Slide`` objects (``slides.py``), so the suppression
of small numbers holds in every one of them. JSON keys are a data format and
stay English; the texts are the group's own words.
"""

from __future__ import annotations

from typing import Any

from collectief.duiding.models import InterpretationSession
from collectief.duiding.pdf import Pdf, render_pdf
from collectief.duiding.slides import Slide, build_slides, general_follow_ups


def report_context(session: InterpretationSession) -> dict[str, Any]:
    slides = build_slides(session)
    return {
        "session": session,
        "organisation": session.organisation,
        "participants": list(session.participants.all()),
        "slides": slides,
        "general_follow_ups": general_follow_ups(session),
        "all_follow_ups": list(session.follow_ups.select_related("effect")),
    }


def render_report(session: InterpretationSession) -> Pdf:
    return render_pdf("duiding/report_document.html", report_context(session))


def _slide_json(slide: Slide) -> dict[str, Any]:
    survey = None
    if slide.survey is not None:
        survey = {
            "title": slide.survey.title,
            "suppressed": slide.survey.suppressed,
            "responses": slide.survey.n_responses,
            "statements": [
                {
                    "text": row.text,
                    "shown": row.shown,
                    "agree_pct": None if row.agree_pct is None else round(row.agree_pct, 1),
                    "n": row.n,
                }
                for row in slide.survey.rows
            ],
        }
    reading = slide.reading
    return {
        "key": slide.effect.key,
        "name": slide.effect.name,
        "description": slide.effect.description,
        "figures": [figure.display for figure in slide.figures],
        "context_figures": [figure.display for figure in slide.context_figures],
        "survey": survey,
        "quotes": [{"text": q.text, "source": q.source} for q in slide.quotes],
        "waardendriehoek": [
            {
                "session": t.session.title,
                "date": t.session.held_on.isoformat(),
                "participants": len(t.summaries[0].scores) if t.summaries else 0,
                "corners": {
                    s.corner: {"mean": s.mean, "lowest": s.lowest, "highest": s.highest}
                    for s in t.summaries
                },
            }
            for t in slide.triangles
        ],
        "effectenarena": [
            {
                "session": a.session.title,
                "date": a.session.held_on.isoformat(),
                "effect": a.description,
                "valuation": a.valuation,
                "gainers": [actor.name for actor in a.gainers.all()],
            }
            for a in slide.arena
        ],
        "answers": {
            "recognise": reading.recognise if reading else "",
            "explain": reading.explain if reading else "",
            "judge": reading.judge if reading else "",
            "act": reading.act if reading else "",
        },
    }


def session_as_json(session: InterpretationSession) -> dict[str, Any]:
    slides = build_slides(session)
    return {
        "id": session.pk,
        "organisation": session.organisation.slug,
        "title": session.title,
        "date": session.held_on.isoformat(),
        "period": {
            "from": session.period_start.isoformat(),
            "until": session.period_end.isoformat(),
        },
        "survey": session.survey.title if session.survey else None,
        "participants": [{"role": p.role, "name": p.name} for p in session.participants.all()],
        "effects": [_slide_json(slide) for slide in slides],
        "conclusions": session.conclusions,
        "actions": [
            {
                "description": f.description,
                "owner": f.owner,
                "due_on": f.due_on.isoformat(),
                "done_on": f.done_on.isoformat() if f.done_on else None,
                "effect": f.effect.key if f.effect else None,
            }
            for f in session.follow_ups.select_related("effect")
        ],
    }
