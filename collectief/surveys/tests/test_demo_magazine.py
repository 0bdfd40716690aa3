"""The Badhuis demo against the magazine, independently of the demo's own tables.

The 13 percentages below are typed from the text of "Meting onder bewoners"
(Movisie magazine, pp. 36-37) with the words the magazine uses ("ruim",
"bijna"). They are not read from ``collectief.surveys.demo``: if someone
changes the demo's counts, this test says whether the magazine still holds.
The statements are found by their words, also not by the demo's codes.
"""

from __future__ import annotations

import io
import itertools

import pytest

from collectief.accounts.factories import OrganisationFactory
from collectief.surveys import demo
from collectief.surveys.analysis import analyse_survey, breakdown, breakdown_options
from collectief.surveys.analysis.waves import compare_waves
from collectief.surveys.models import Survey

pytestmark = pytest.mark.django_db

# (words that identify the statement, how the magazine puts it, the number)
MAGAZINE = [
    ("ken ik andere buurtbewoners", "ruim", 73),  # "Ruim 73 procent"
    ("maak ik vaker een praatje", "bijna", 70),  # "(bijna 70 procent)"
    ("doe ik vaker iets leuks", "", 59),  # "De meerderheid ... (59 procent)"
    ("voelen buurtbewoners zich meer verbonden", "bijna", 90),  # "(bijna 90 procent)"
    ("voel ik me meer welkom", "", 86),  # "Daarnaast geeft een meerderheid (86 procent)"
    ("niet vaker", "", 24),  # "Een deel van respondenten (24 procent)"
    ("met klusjes", "", 23),  # "23 procent van de respondenten"
    ("beter te vinden", "", 37),  # "Ruim een derde ... (37 procent)"
    ("hulp en advies", "", 41),  # "Daarnaast geeft 41 procent"
    ("nieuwe vaardigheden geleerd", "", 42),  # "42 procent van de respondenten"
    ("talenten in te zetten", "", 53),  # "de meerderheid (53 procent)"
    ("ruimte om nieuwe dingen uit te proberen", "bijna", 65),  # "Bijna 65 procent"
    ("zelfverzekerder", "", 45),  # "45 procent van de respondenten"
]


def _as_printed(word: str, number: int, pct: float) -> bool:
    """'ruim 73': above 73 but 73 when rounded; 'bijna 70': below 70 but 70 when rounded."""
    if word == "ruim":
        return number < pct < number + 0.5
    if word == "bijna":
        return number - 0.5 <= pct < number
    return number - 0.5 <= pct < number + 0.5


@pytest.fixture
def survey() -> Survey:
    OrganisationFactory(slug="het-badhuis", name="Het Badhuis")
    loaded = demo.load_demo(io.StringIO())
    assert loaded is not None
    return loaded


def test_thirteen_percentages_as_printed_in_the_magazine(survey: Survey) -> None:
    first = survey.waves.order_by("starts_at").first()
    results = analyse_survey(survey, wave=first)
    assert results.n_responses == 111  # "In totaal hebben 111 buurtbewoners ..."
    statements = [q for q in results.questions if q.is_likert]
    assert len(statements) == len(MAGAZINE) == 13
    for words, word, number in MAGAZINE:
        [question] = [q for q in statements if words in q.text]
        assert question.agree_pct is not None
        assert _as_printed(word, number, question.agree_pct), (words, question.agree_pct)


def test_answers_that_belong_together_go_together(survey: Survey) -> None:
    """Agreeing with one contact statement makes agreeing with another more likely."""
    first = survey.waves.order_by("starts_at").first()
    results = analyse_survey(survey, wave=first)
    by_code = {q.code: q for q in breakdown_options(survey)}
    table = breakdown(results, by_code["contact_kennen"])
    row = next(r for r in table.rows if r.question.code == "contact_praatje")
    shares = {g.key: c.share for g, c in zip(table.groups, row.cells, strict=True)}
    assert shares["5"] is not None and shares["2"] is not None
    assert shares["5"] > shares["2"] + 20


def test_no_all_or_nothing_blocks_in_breakdowns(survey: Survey) -> None:
    """No group of 10 or more people all agrees or all disagrees with a statement.

    Only statements that between a quarter and three quarters agree with: when
    nearly 90 % agree overall, a group of 10 that all agrees is ordinary chance.
    """
    first = survey.waves.order_by("starts_at").first()
    results = analyse_survey(survey, wave=first)
    middle = {
        q.id for q in results.questions if q.agree_pct is not None and 25 <= q.agree_pct <= 75
    }
    blocks = []
    for by in breakdown_options(survey):
        table = breakdown(results, by)
        for row, (group, cell) in itertools.product(table.rows, enumerate(table.groups)):
            value = row.cells[group]
            if row.question.id not in middle:
                continue
            if value.share is not None and value.n >= 10 and value.share in (0.0, 100.0):
                blocks.append((by.code, cell.label, row.question.code, value.share, value.n))
    assert blocks == []


def test_second_wave_a_year_later_shows_a_change(survey: Survey) -> None:
    before, after = survey.waves.order_by("starts_at")
    assert (after.starts_at - before.starts_at).days in range(360, 370)
    assert "verzonnen" in after.name  # the invented wave says so
    comparisons = compare_waves(survey, before, after)
    assert any(c.test is not None and c.test.p_value < 0.05 for c in comparisons)


def test_one_open_survey_with_a_working_public_link(survey: Survey, client) -> None:  # type: ignore[no-untyped-def]
    open_surveys = Survey.objects.filter(status=Survey.Status.OPEN)
    assert open_surveys.count() == 1
    page = client.get(open_surveys.get().get_public_url())
    assert page.status_code == 200
    assert "Koffie-inloop" in page.content.decode()


def test_loading_twice_changes_nothing(survey: Survey) -> None:
    count = survey.responses.count()
    out = io.StringIO()
    again = demo.load_demo(out)
    assert again == survey
    assert survey.responses.count() == count
    assert Survey.objects.count() == 2
    assert "/v/" in out.getvalue()
