"""Demo reports: the Badhuis magazine (2022) and the profile and poster of the other two.

The Badhuis report reproduces the magazine's Badhuis pages (p. 30–37): the
profile, the poster, the facts & figures, Tabel 1–4 of the "Meting onder
bewoners" with the published percentages (the first measurement, 2022) and
the residents' quotes, and the lessons (p. 42–43). The quotes are the open
answers the surveys demo stores; here they are marked as quotes, as a
volunteer would on the open answers page. De Sleutel and Buurttuin
Kempenaar get a report with their profile and poster (their facts &
figures have no survey yet).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.reports import services
from collectief.reports.models import Report

BADHUIS_LESSONS = (
    "Mooi om in de antwoorden terug te zien dat mensen om hele verschillende redenen "
    "(activiteiten) naar het Badhuis komen, maar dat we allemaal de verbinding ervaren die we "
    "zo belangrijk vinden. (Mara Limbeek, initiatiefnemer)\n\n"
    "We delen dit magazine met alle vrijwilligers en bezoekers: het is ook een waardering voor "
    "al het werk dat de vrijwilligers doen. En we zetten het in bij het aanvragen van "
    "subsidies en het werven van fondsen."
)
BADHUIS_RESULTS_INTRO = (
    "Onder de bewoners van de Leidsebuurt is een vragenlijst uitgezet. De vragen gingen over "
    "thema's als verbondenheid, netwerk en zelfvertrouwen. Welke verandering heeft het "
    "Badhuis voor hen teweeggebracht? Hieronder lees je de resultaten."
)

REPORTS: list[dict[str, Any]] = [
    {
        "slug": "het-badhuis",
        "title": "Het Badhuis: ons eigen magazine",
        "period": "2022",
        "template": Report.Template.MAGAZINE,
        "intros": {"results": BADHUIS_RESULTS_INTRO, "lessons": BADHUIS_LESSONS},
    },
    {
        "slug": "de-sleutel",
        "title": "De Sleutel: ons eigen magazine",
        "period": "",
        "template": Report.Template.MAGAZINE,
        "intros": {},
    },
    {
        "slug": "buurttuin-kempenaar",
        "title": "Buurttuin Kempenaar: eindrapport",
        "period": "",
        "template": Report.Template.FINAL_REPORT,
        "intros": {},
    },
]


def _mark_badhuis_quotes(organisation: Organisation) -> None:
    from collectief.stories.services import mark_answer_quote as mark_quote
    from collectief.surveys.demo import QUOTES, TITLE
    from collectief.surveys.models import Answer

    answers = Answer.objects.filter(
        question__survey__organisation=organisation,
        question__survey__title=TITLE,
        text__in=QUOTES,
    ).select_related("question__survey")
    for answer in answers:
        mark_quote(answer, by=None)


def load_demo(stdout: Any) -> list[Report]:
    made = []
    for spec in REPORTS:
        organisation = Organisation.objects.filter(slug=spec["slug"]).first()
        if organisation is None:
            continue
        if spec["slug"] == "het-badhuis":
            _mark_badhuis_quotes(organisation)
        report = Report.objects.filter(organisation=organisation, title=spec["title"]).first()
        if report is None:
            report = services.create_report(
                organisation,
                by=None,
                title=spec["title"],
                period=spec["period"],
                template=spec["template"],
            )
        for section in services.ensure_sections(report):
            intro = spec["intros"].get(section.key)
            if intro and section.intro != intro:
                services.update_section(section, by=None, included=True, intro=intro)
        made.append(report)
        stdout.write("  " + gettext("reports: %(title)s") % {"title": report.title} + "\n")
    return made
