"""The randvoorwaarden scan: writes and the result (issue 13 point 6).

Every current partner and the owner score each condition (``Condition``)
from 1 to 5 with a comment, in rounds. The result per condition is the
average and, more important, the spread between the organisations: where
they disagree (a difference of ``DISAGREE_AT`` points or more) is what the
werkgroep talks about (p. 20-21). A new round starts empty; the result
shows the change from the round before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.projects.models import (
    COMMENT_MAX_LENGTH,
    CONDITIONS,
    SCORE_MAX,
    SCORE_MIN,
    WHAT_HELPS,
    Condition,
    Partnership,
    Project,
    ScanRound,
    ScanScore,
)

# A difference of this many points between two organisations is a disagreement.
DISAGREE_AT = 2


def scan_organisations(project: Project) -> list[Organisation]:
    """Who scores: the owner and the current partners, by name."""
    partner_ids = Partnership.objects.filter(project=project, left_on__isnull=True).values(
        "organisation"
    )
    return list(
        Organisation.objects.filter(Q(pk__in=partner_ids) | Q(pk=project.owner_id)).order_by(
            "name", "pk"
        )
    )


def takes_part(project: Project, organisation: Organisation) -> bool:
    return (
        project.owner_id == organisation.pk
        or Partnership.objects.filter(
            project=project, organisation=organisation, left_on__isnull=True
        ).exists()
    )


def current_round(project: Project) -> ScanRound | None:
    return project.scan_rounds.order_by("-number").first()


@transaction.atomic
def start_scan_round(project: Project, *, by: Any) -> ScanRound:
    """Start the next round (the first, or a repeat). Refused while the last one is empty."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    last = current_round(project)
    if last is not None and not last.scores.exists():
        raise ServiceError(_("Round %(number)d has no scores yet.") % {"number": last.number})
    number = 1 if last is None else last.number + 1
    try:
        with transaction.atomic():
            scan_round = ScanRound.objects.create(project=project, number=number, started_by=by)
    except IntegrityError:
        raise ServiceError(_("Someone else has just started a new round.")) from None
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    record_event(
        "projects.scan.round",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={"round": number},
    )
    return scan_round


@transaction.atomic
def save_scan_scores(
    scan_round: ScanRound,
    organisation: Organisation,
    scores: dict[str, tuple[int | None, str]],
    *,
    by: Any,
) -> int:
    """Replace the organisation's scores in this round: {condition: (score or None, comment)}.

    A condition without a score is not scored (its old score is removed). Only
    the owner and current partners score, and only in the project's latest
    round. Returns the number of conditions scored.
    """
    project = scan_round.project
    if not takes_part(project, organisation):
        raise ServiceError(
            _("%(name)s no longer takes part in this project, so it cannot score.")
            % {"name": organisation.name}
        )
    latest = current_round(project)
    if latest is None or latest.pk != scan_round.pk:
        raise ServiceError(
            _("A newer round has started. Fill in the scan again in the newest round.")
        )
    cleaned: dict[str, tuple[int, str]] = {}
    for code, (score, comment) in scores.items():
        if code not in Condition.values:
            raise ServiceError(_("This condition is not in the scan."))
        comment = (comment or "").replace("\x00", "").strip()
        if len(comment) > COMMENT_MAX_LENGTH:
            raise ServiceError(
                _("Use at most %(max)d characters.") % {"max": COMMENT_MAX_LENGTH}, field=code
            )
        if score is None:
            if comment:
                raise ServiceError(_("Give a score with your comment."), field=code)
            continue
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise ServiceError(_("Give a score from 1 to 5."), field=code)
        cleaned[code] = (score, comment)
    existing = ScanScore.objects.filter(round=scan_round, organisation=organisation)
    existing.exclude(condition__in=list(cleaned)).delete()
    for code, (score, comment) in cleaned.items():
        ScanScore.objects.update_or_create(
            round=scan_round,
            organisation=organisation,
            condition=code,
            defaults={"score": score, "comment": comment, "updated_by": by},
        )
    record_event(
        "projects.scan.scores",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"round": scan_round.number, "conditions": sorted(cleaned)},
    )
    return len(cleaned)


# --- the result ---------------------------------------------------------------------


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class OrganisationScore:
    organisation: Organisation
    score: int
    comment: str


@dataclass
class ConditionResult:
    condition: Condition
    group: str  # "randvoorwaarden" or "wat helpt"
    scores: list[OrganisationScore] = field(default_factory=list)
    previous_average: Decimal | None = None
    previous_spread: int | None = None

    @property
    def average(self) -> Decimal | None:
        if not self.scores:
            return None
        return _one_decimal(Decimal(sum(s.score for s in self.scores)) / len(self.scores))

    @property
    def lowest(self) -> int | None:
        return min((s.score for s in self.scores), default=None)

    @property
    def highest(self) -> int | None:
        return max((s.score for s in self.scores), default=None)

    @property
    def spread(self) -> int | None:
        """Highest minus lowest score; None with fewer than two organisations."""
        if len(self.scores) < 2:
            return None
        return (self.highest or 0) - (self.lowest or 0)

    @property
    def disagree(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREE_AT

    @property
    def average_change(self) -> Decimal | None:
        if self.average is None or self.previous_average is None:
            return None
        return self.average - self.previous_average

    @property
    def spread_change(self) -> int | None:
        if self.spread is None or self.previous_spread is None:
            return None
        return self.spread - self.previous_spread


@dataclass
class ScanResult:
    round: ScanRound | None
    previous: ScanRound | None
    organisations: list[Organisation]
    conditions: list[ConditionResult]
    scored_by: list[Organisation]

    @property
    def disagreements(self) -> list[ConditionResult]:
        return sorted((c for c in self.conditions if c.disagree), key=lambda c: -(c.spread or 0))

    @property
    def not_scored_by(self) -> list[Organisation]:
        done = {o.pk for o in self.scored_by}
        return [o for o in self.organisations if o.pk not in done]


def _scores_by_condition(scan_round: ScanRound) -> dict[str, list[OrganisationScore]]:
    found: dict[str, list[OrganisationScore]] = {}
    for score in scan_round.scores.select_related("organisation").order_by(
        "organisation__name", "organisation_id"
    ):
        found.setdefault(score.condition, []).append(
            OrganisationScore(score.organisation, score.score, score.comment)
        )
    return found


def scan_result(project: Project, scan_round: ScanRound | None = None) -> ScanResult:
    """The result of one round (the latest by default) with the change from the round before."""
    rounds = list(project.scan_rounds.order_by("number"))
    if scan_round is None:
        scan_round = rounds[-1] if rounds else None
    previous = None
    if scan_round is not None:
        earlier = [r for r in rounds if r.number < scan_round.number]
        previous = earlier[-1] if earlier else None
    now = _scores_by_condition(scan_round) if scan_round else {}
    before = _scores_by_condition(previous) if previous else {}
    conditions = []
    for group, codes in (("randvoorwaarden", CONDITIONS), ("wat-helpt", WHAT_HELPS)):
        for code in codes:
            result = ConditionResult(Condition(code), group, now.get(code, []))
            if code in before:
                old = ConditionResult(Condition(code), group, before[code])
                result.previous_average = old.average
                result.previous_spread = old.spread
            conditions.append(result)
    scored_ids = {s.organisation.pk for scores in now.values() for s in scores}
    organisations = scan_organisations(project)
    scored_by = [o for o in organisations if o.pk in scored_ids]
    # A partner that left keeps its scores in the round it scored.
    known = {o.pk for o in organisations}
    scored_by += list(Organisation.objects.filter(pk__in=scored_ids - known).order_by("name"))
    return ScanResult(scan_round, previous, organisations, conditions, scored_by)


def own_scores(scan_round: ScanRound, organisation: Organisation) -> dict[str, ScanScore]:
    return {s.condition: s for s in scan_round.scores.filter(organisation=organisation)}
