"""Samen duiden: the conclusions and the actions of the sessions that read the period.

As the magazine's initiatives did after their measurement (p. 22–23): what
the group concluded together, and what they agreed to do, by whom and when.
Participants are counted by role, never named (their names are kept for the
organisation, not for publication).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.reports.builders.conversations import duiding_sessions
from collectief.reports.sections import BuildContext, Omitted, SectionContent


def _day(value: Any) -> str:
    return formats.date_format(value, "j F Y")


def _session(session: Any, slug: str) -> dict[str, Any]:
    roles = Counter(str(p.get_role_display()) for p in session.participants.all())
    return {
        "title": session.title,
        "date": _day(session.held_on),
        "period": f"{_day(session.period_start)} – {_day(session.period_end)}",
        "participants": sum(roles.values()),
        "roles": [f"{count} × {role}" for role, count in roles.items()],
        "conclusions": session.conclusions.strip(),
        "actions": [
            {
                "description": f.description,
                "owner": f.owner,
                "due": _day(f.due_on),
                "done": _day(f.done_on) if f.done_on else "",
                "effect": (f.effect.name or f.effect.description) if f.effect else "",
            }
            for f in session.follow_ups.all()
        ],
        "url": reverse("duiding:session", args=[slug, session.pk]),
    }


class Duiding:
    key = "duiding"
    title = gettext_lazy("Interpreting together")
    default_position = 70

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        sessions = [
            s for s in duiding_sessions(ctx) if s.conclusions.strip() or s.follow_ups.all()
        ]
        if not sessions:
            return Omitted(
                _("No samen-duiden session about this period has conclusions or actions yet.")
            )
        slug = ctx.organisation.slug
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/duiding.html",
            data={"sessions": [_session(s, slug) for s in sessions]},
            has_period_data=True,
        )
