"""Routekaart: collective projects in a wijk (issue 13, magazine p. 16-21).

The package holds one module per part of the routekaart: ``base`` (the
project, its partners, step 1's provision reviews and the shared text
lengths), ``plan`` (step 2: werkgroep, roles, goals, planning, agreements
and their follow-ups), ``progress`` (steps 3 and 4: the log and lessons)
and ``scan`` (the randvoorwaarden scan). Every model is imported here, so
Django finds them and ``from collectief.projects.models import X`` works as
it did when this was one module.
"""

from __future__ import annotations

# isort: off
# In the order of the former single models.py, so that Django registers the
# models in the same order as before the split.
from collectief.projects.models.base import (
    ANSWER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Decision,
    Handover,
    Origin,
    Partnership,
    Project,
    ProvisionReview,
    Step,
    WhoActs,
)
from collectief.projects.models.plan import (
    Agreement,
    AgreementStatus,
    Delivers,
    FollowUp,
    FollowUpKind,
    Goal,
    Milestone,
    PartnerRole,
    WorkingGroupMember,
)
from collectief.projects.models.progress import Lesson, LogEntry, LogKind
from collectief.projects.models.scan import (
    COMMENT_MAX_LENGTH,
    CONDITIONS,
    SCORE_MAX,
    SCORE_MIN,
    WHAT_HELPS,
    Condition,
    ScanRound,
    ScanScore,
)

# isort: on

__all__ = [
    "ANSWER_MAX_LENGTH",
    "COMMENT_MAX_LENGTH",
    "CONDITIONS",
    "NOTE_MAX_LENGTH",
    "QUESTION_MAX_LENGTH",
    "SCORE_MAX",
    "SCORE_MIN",
    "TITLE_MAX_LENGTH",
    "WHAT_HELPS",
    "Agreement",
    "AgreementStatus",
    "Condition",
    "Decision",
    "Delivers",
    "FollowUp",
    "FollowUpKind",
    "Goal",
    "Handover",
    "Lesson",
    "LogEntry",
    "LogKind",
    "Milestone",
    "Origin",
    "PartnerRole",
    "Partnership",
    "Project",
    "ProvisionReview",
    "ScanRound",
    "ScanScore",
    "Step",
    "WhoActs",
    "WorkingGroupMember",
]
