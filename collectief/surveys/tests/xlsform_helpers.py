"""Build small XLSForm workbooks in tests."""

from __future__ import annotations

from typing import Any

from collectief.lib.tabular import write_xlsx

SURVEY_HEADERS = [
    "type",
    "name",
    "label::Dutch (nl)",
    "hint::Dutch (nl)",
    "required",
    "relevant",
    "constraint",
    "appearance",
]
AGREE = [
    ("agree5", "1", "Helemaal mee oneens"),
    ("agree5", "2", "Mee oneens"),
    ("agree5", "3", "Niet mee eens, niet mee oneens"),
    ("agree5", "4", "Mee eens"),
    ("agree5", "5", "Helemaal mee eens"),
    ("agree5", "dk", "Weet ik niet / n.v.t."),
]


def survey_row(
    type_: str,
    name: str = "",
    label: str = "",
    *,
    hint: str = "",
    required: str = "",
    relevant: str = "",
    constraint: str = "",
    appearance: str = "",
) -> list[Any]:
    return [type_, name, label, hint, required, relevant, constraint, appearance]


def build_xlsform(
    rows: list[list[Any]],
    choices: list[tuple[str, str, str]] | None = None,
    *,
    title: str = "Badhuis buurtmeting",
    survey_headers: list[str] | None = None,
) -> bytes:
    choices = (
        [
            *AGREE,
            ("yn", "yes", "Ja"),
            ("yn", "no", "Nee"),
            ("act", "koken", "Koken"),
            ("act", "yoga", "Stoelyoga"),
            ("act", "koor", "Rockkoor"),
        ]
        if choices is None
        else choices
    )
    return write_xlsx(
        {
            "survey": (survey_headers or SURVEY_HEADERS, rows),
            "choices": (["list_name", "name", "label::Dutch (nl)"], [list(c) for c in choices]),
            "settings": (
                ["form_title", "form_id", "default_language"],
                [[title, "badhuis_2023", "Dutch (nl)"]],
            ),
        }
    )


def badhuis_xlsform() -> bytes:
    return build_xlsform(
        [
            survey_row("start", "start"),
            survey_row("begin_group", "contact", "Onderlinge contacten"),
            survey_row(
                "select_one agree5",
                "contact_kennen",
                "Door de activiteiten in het Badhuis ken ik andere buurtbewoners",
                required="yes",
                appearance="likert",
            ),
            survey_row(
                "select_one agree5",
                "contact_praatje",
                "Door de activiteiten in het Badhuis maak ik vaker een praatje met mensen uit "
                "de buurt",
            ),
            survey_row("end_group"),
            survey_row("begin group", "over_u", "Over u"),
            survey_row("select_one yn", "bezoeker", "Komt u weleens in het Badhuis?"),
            survey_row(
                "select_multiple act",
                "activiteiten",
                "Aan welke activiteiten doet u mee?",
                relevant="${bezoeker} = 'yes'",
            ),
            survey_row(
                "integer",
                "leeftijd",
                "Hoe oud bent u?",
                hint="In jaren",
                constraint=". >= 0 and . <= 120",
            ),
            survey_row("text", "tip", "Wat is uw tip voor het Badhuis?", appearance="multiline"),
            survey_row("text", "woonplaats", "In welke straat woont u?"),
            survey_row("end group"),
        ]
    )
