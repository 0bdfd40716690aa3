"""The randvoorwaarden scan: services (rounds, scores, result) and pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.factories import OrganisationFactory
from collectief.accounts.models import Organisation, User
from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError
from collectief.projects import scan, services
from collectief.projects.models import Condition, Project, ScanScore
from collectief.projects.scan_chart import scan_chart

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"projects:{name}", args=args)


def scores(**values: int) -> dict[str, tuple[int | None, str]]:
    return {code: (score, "") for code, score in values.items()}


# --- services ---------------------------------------------------------------------------


def test_rounds_are_numbered_and_audited(project: Project, staff: User) -> None:
    first = scan.start_scan_round(project, by=staff)
    assert first.number == 1
    assert AuditEvent.objects.filter(action="projects.scan.round").count() == 1


def test_a_new_round_waits_for_scores_in_the_last(project: Project, own_org: Organisation) -> None:
    scan.start_scan_round(project, by=None)
    with pytest.raises(ServiceError, match="Ronde 1 heeft nog geen scores"):
        scan.start_scan_round(project, by=None)


def test_scores_are_replaced_per_organisation(project: Project, own_org: Organisation) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(scan_round, own_org, scores(focus=2, rollen=4), by=None)
    count = scan.save_scan_scores(
        scan_round, own_org, {"focus": (3, "Nu beter"), "rollen": (None, "")}, by=None
    )
    assert count == 1
    saved = ScanScore.objects.get(round=scan_round, organisation=own_org)
    assert (saved.condition, saved.score, saved.comment) == ("focus", 3, "Nu beter")


def test_a_partner_that_left_cannot_score(project: Project, partner_org: Organisation) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    services.remove_partner(project.partnerships.get(organisation=partner_org), by=None)
    with pytest.raises(ServiceError, match="doet niet meer mee aan dit project"):
        scan.save_scan_scores(scan_round, partner_org, scores(focus=3), by=None)


def test_an_outsider_cannot_score(project: Project, other_org: Organisation) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    with pytest.raises(ServiceError, match="doet niet meer mee"):
        scan.save_scan_scores(scan_round, other_org, scores(focus=3), by=None)


def test_an_old_round_takes_no_scores(project: Project, own_org: Organisation) -> None:
    first = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(first, own_org, scores(focus=3), by=None)
    scan.start_scan_round(project, by=None)
    with pytest.raises(ServiceError, match="nieuwere ronde"):
        scan.save_scan_scores(first, own_org, scores(focus=4), by=None)


@pytest.mark.parametrize(
    ("value", "comment", "message"),
    [(0, "", "score van 1 tot 5"), (6, "", "score van 1 tot 5"), (None, "Hm", "Geef een score")],
)
def test_bad_scores_are_refused(
    project: Project, own_org: Organisation, value: Any, comment: str, message: str
) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    with pytest.raises(ServiceError, match=message):
        scan.save_scan_scores(scan_round, own_org, {"focus": (value, comment)}, by=None)
    assert not ScanScore.objects.exists()


def test_unknown_condition_is_refused(project: Project, own_org: Organisation) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    with pytest.raises(ServiceError, match="niet in de scan"):
        scan.save_scan_scores(scan_round, own_org, scores(geld=3), by=None)


def test_result_average_spread_disagreement_and_change(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    third = OrganisationFactory(slug="derde", name="Derde partner")
    services.add_partner(project, third, by=None)
    first = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(first, own_org, scores(focus=4, rollen=3), by=None)
    scan.save_scan_scores(first, partner_org, scores(focus=1, rollen=3), by=None)
    second = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(second, own_org, scores(focus=4, rollen=3), by=None)
    scan.save_scan_scores(second, partner_org, scores(focus=3, rollen=4), by=None)
    scan.save_scan_scores(second, third, scores(focus=4), by=None)

    result = scan.scan_result(project)
    by_code = {c.condition: c for c in result.conditions}
    focus = by_code[Condition.FOCUS]
    assert focus.average == Decimal("3.7")
    assert focus.spread == 1 and not focus.disagree
    assert focus.previous_spread == 3
    assert focus.spread_change == -2
    assert focus.average_change == Decimal("1.2")
    assert by_code[Condition.MANDATE].average is None
    assert result.disagreements == []

    earlier = scan.scan_result(project, first)
    assert [c.condition for c in earlier.disagreements] == [Condition.FOCUS]
    assert earlier.previous is None
    assert {o.slug for o in earlier.not_scored_by} == {"derde"}


def test_the_chart_marks_disagreement_and_draws_every_organisation(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(scan_round, own_org, scores(focus=5), by=None)
    scan.save_scan_scores(scan_round, partner_org, scores(focus=5, rollen=1), by=None)
    chart = scan_chart(scan.scan_result(project))
    focus = next(r for r in chart.rows if r.label == str(Condition.FOCUS.label))
    assert len(focus.dots) == 2
    assert focus.dots[0].x != focus.dots[1].x  # equal scores side by side
    assert not focus.disagree
    assert len(chart.rows) == 13


# --- pages ------------------------------------------------------------------------------


def test_partner_sees_the_scan_with_disagreement(
    client_for: Any,
    project: Project,
    own_org: Organisation,
    partner_org: Organisation,
    partner_staff: User,
) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(scan_round, own_org, {"focus": (5, "Helder doel")}, by=None)
    scan.save_scan_scores(scan_round, partner_org, {"focus": (2, "Te breed")}, by=None)
    page = client_for(partner_staff).get(url("scan", "partner-org", project.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Waar jullie het oneens zijn" in text
    assert "Te breed" in text and "Helder doel" in text
    assert 'role="img"' in text and "<table>" in text
    # Partners fill in; only the owner starts a round.
    assert url("scan_fill", "partner-org", project.pk) in text
    assert url("scan_round_start", "partner-org", project.pk) not in text


def test_anonymous_goes_to_login(client_for: Any, project: Project) -> None:
    page = client_for(None).get(url("scan", "own-org", project.pk))
    assert page.status_code == 302


def test_other_organisation_gets_404(client_for: Any, project: Project, outsider: User) -> None:
    assert client_for(outsider).get(url("scan", "other-org", project.pk)).status_code == 404
    assert client_for(outsider).post(url("scan_fill", "other-org", project.pk)).status_code == 404


def test_a_partner_cannot_start_a_round(
    client_for: Any, project: Project, partner_staff: User
) -> None:
    page = client_for(partner_staff).post(url("scan_round_start", "partner-org", project.pk))
    assert page.status_code == 404
    assert not project.scan_rounds.exists()


def test_owner_starts_and_partner_fills_in(
    client_for: Any, project: Project, staff: User, partner_staff: User
) -> None:
    page = client_for(staff).post(url("scan_round_start", "own-org", project.pk))
    assert page.status_code == 302
    page = client_for(partner_staff).post(
        url("scan_fill", "partner-org", project.pk),
        {"focus": "2", "focus_comment": "We weten niet waarom", "rollen": "4"},
    )
    assert page.status_code == 302
    assert ScanScore.objects.filter(organisation__slug="partner-org").count() == 2


def test_fill_in_before_the_scan_started_explains(
    client_for: Any, project: Project, staff: User
) -> None:
    page = client_for(staff).get(url("scan_fill", "own-org", project.pk), follow=True)
    assert "De scan is nog niet begonnen" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"focus": "9"}, "Selecteer een geldige keuze"),
        ({"focus": "x"}, "Selecteer een geldige keuze"),
        ({"focus_comment": "Alleen tekst"}, "Geef een score bij je toelichting"),
    ],
)
def test_bad_input_keeps_the_form(
    client_for: Any, project: Project, staff: User, data: dict[str, str], message: str
) -> None:
    scan.start_scan_round(project, by=None)
    page = client_for(staff).post(url("scan_fill", "own-org", project.pk), data)
    assert page.status_code == 400
    text = page.content.decode()
    assert "error-summary" in text and message in text
    assert not ScanScore.objects.exists()


def test_reader_may_not_fill_in(client_for: Any, project: Project, reader: User) -> None:
    scan.start_scan_round(project, by=None)
    assert client_for(reader).get(url("scan_fill", "own-org", project.pk)).status_code == 403


def test_bad_round_number_is_400(client_for: Any, project: Project, staff: User) -> None:
    page = client_for(staff).get(url("scan", "own-org", project.pk) + "?ronde=abc")
    assert page.status_code == 400


def test_a_partner_that_left_is_told_so_and_its_scores_stay(
    client_for: Any, project: Project, partner_org: Organisation, partner_staff: User
) -> None:
    scan_round = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(scan_round, partner_org, scores(focus=2), by=None)
    services.remove_partner(project.partnerships.get(organisation=partner_org), by=None)
    page = client_for(partner_staff).get(url("scan", "partner-org", project.pk))
    # 410 with the message of test_left_partner.py, without the scan itself.
    assert page.status_code == 410
    assert "doet sinds" in page.content.decode()
    assert "Focus" not in page.content.decode()
    assert scan.own_scores(scan_round, partner_org)["focus"].score == 2
