import pytest

from collectief.lib.tabular import write_xlsx
from collectief.surveys.imports.xlsform import XLSFormError, parse_xlsform
from collectief.surveys.tests.xlsform_helpers import (
    badhuis_xlsform,
    build_xlsform,
    survey_row,
)


def test_parse_badhuis_form() -> None:
    form = parse_xlsform(badhuis_xlsform())
    assert form.title == "Badhuis buurtmeting"
    assert [s.title for s in form.sections] == ["Onderlinge contacten", "Over u"]
    by_code = {q.code: q for q in form.questions}
    assert list(by_code) == [
        "contact_kennen",
        "contact_praatje",
        "bezoeker",
        "activiteiten",
        "leeftijd",
        "tip",
        "woonplaats",
    ]
    kennen = by_code["contact_kennen"]
    assert kennen.type == "likert5"
    assert kennen.allow_dont_know
    assert kennen.required
    assert by_code["contact_praatje"].required is False
    assert by_code["bezoeker"].type == "yes_no"
    assert by_code["activiteiten"].type == "multiple_choice"
    assert [c.code for c in by_code["activiteiten"].choices] == ["koken", "yoga", "koor"]
    assert by_code["activiteiten"].show_if == ("bezoeker", "yes")
    assert by_code["leeftijd"].type == "number"
    assert (by_code["leeftijd"].min_value, by_code["leeftijd"].max_value) == (0, 120)
    assert by_code["leeftijd"].help_text == "In jaren"
    assert by_code["tip"].type == "long_text"
    assert by_code["woonplaats"].type == "short_text"
    assert form.warnings == []


def test_plain_label_column_and_strict_bounds() -> None:
    data = write_xlsx(
        {
            "survey": (
                ["type", "name", "label", "constraint"],
                [["integer", "n", "Aantal", ". > 0 and . < 10"], ["decimal", "d", "Bedrag", ""]],
            )
        }
    )
    form = parse_xlsform(data, "telling.xlsx")
    assert form.title == "telling"
    n = form.questions[0]
    assert (n.min_value, n.max_value) == (1, 9)
    assert form.questions[1].integer_only is False


def test_complex_conditions_and_unknown_types_are_reported_not_dropped() -> None:
    form = parse_xlsform(
        build_xlsform(
            [
                survey_row("select_one yn", "bezoeker", "Komt u weleens?"),
                survey_row("integer", "leeftijd", "Leeftijd", constraint=". mod 2 = 0"),
                survey_row(
                    "text",
                    "waarom",
                    "Waarom?",
                    relevant="${bezoeker} = 'yes' and ${leeftijd} > 18",
                ),
                survey_row("geopoint", "plek", "Waar woont u?"),
                survey_row("note", "uitleg", "Dank u wel"),
            ]
        )
    )
    assert [q.code for q in form.questions] == ["bezoeker", "leeftijd", "waarom"]
    assert form.questions[2].show_if is None
    text = "\n".join(form.warnings)
    assert "${bezoeker} = 'yes' and ${leeftijd} > 18" in text
    assert "geopoint" in text
    assert ". mod 2 = 0" in text
    assert "Dank u wel" in text


@pytest.mark.parametrize(
    ("rows", "fragment"),
    [
        ([survey_row("select_one missing", "x", "X")], "missing"),
        ([survey_row("text", "a", "A"), survey_row("text", "a", "B")], "'a'"),
        ([survey_row("text", "1abc", "A")], "1abc"),
        ([survey_row("text", "a", "")], "'a'"),
        ([survey_row("begin_group", "g", "G"), survey_row("text", "a", "A")], "'G'"),
        ([survey_row("end_group")], "end group"),
        ([survey_row("begin_repeat", "r", "R")], "begin_repeat"),
        ([], "survey"),
    ],
)
def test_malformed_forms_raise_every_problem(rows: list, fragment: str) -> None:
    with pytest.raises(XLSFormError) as info:
        parse_xlsform(build_xlsform(rows))
    assert fragment in "\n".join(info.value.problems)


def test_not_a_workbook() -> None:
    with pytest.raises(
        XLSFormError, match=r"Het bestand is geen geldig Excel\-bestand \(\.xlsx\)"
    ):
        parse_xlsform(b"type,name,label\n")
    with pytest.raises(XLSFormError, match=r"Het bestand heeft geen blad met de naam") as info:
        parse_xlsform(write_xlsx({"vragen": (["type"], [])}))
    assert "survey" in info.value.problems[0]


def test_row_numbers_in_problems() -> None:
    with pytest.raises(XLSFormError, match=r"komt twee keer voor") as info:
        parse_xlsform(build_xlsform([survey_row("text", "a", "A"), survey_row("text", "a", "B")]))
    assert "3" in info.value.problems[0]
