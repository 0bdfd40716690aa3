import pytest

from collectief.surveys.imports.labels import (
    DONT_KNOW,
    QuestionKey,
    header_candidates,
    is_metadata_header,
    likert_value,
    match_headers,
    normalise,
    yes_no_value,
)


def test_normalise() -> None:
    assert normalise("  Niet eens/niet oneens ") == "niet eens niet oneens"
    assert normalise("Café  ÉÉN!") == "cafe een"
    assert normalise("Neutraal / geen mening") == "neutraal geen mening"


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Helemaal eens", 5),
        ("Helemaal mee eens", 5),
        ("HELEMAAL MEE EENS!", 5),
        ("helemaal  mee-eens", 5),
        ("Eens", 4),
        ("Mee eens", 4),
        ("Neutraal", 3),
        ("Niet eens/niet oneens", 3),
        ("Neutraal / geen mening", 3),
        ("Niet mee eens, niet mee oneens", 3),
        ("Oneens", 2),
        ("Niet mee eens", 2),
        ("Helemaal oneens", 1),
        ("Helemaal niet mee eens", 1),
        ("Helemaal mee oneens", 1),
        ("Weet ik niet", DONT_KNOW),
        ("n.v.t.", DONT_KNOW),
        ("N.V.T", DONT_KNOW),
        ("Weet ik niet / n.v.t.", DONT_KNOW),
        ("1", 1),
        ("5", 5),
        ("5 - Helemaal mee eens", 5),
        ("Strongly agree", 5),
    ],
)
def test_likert_variants(label: str, value: object) -> None:
    assert likert_value(label) == value


@pytest.mark.parametrize("label", ["", "6", "Misschien", "5 - Helemaal oneens", "Eens?!x"])
def test_unknown_likert_labels(label: str) -> None:
    assert likert_value(label) is None


def test_yes_no() -> None:
    assert yes_no_value("JA") == "yes"
    assert yes_no_value("nee ") == "no"
    assert yes_no_value("soms") is None


@pytest.mark.parametrize(
    "header",
    [
        "Tijdstempel",
        "Timestamp",
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "_uuid",
        "_submission_time",
        "submitdate",
        "E-mailadres",
        "groupTime12",
        "__version__",
    ],
)
def test_metadata_headers(header: str) -> None:
    assert is_metadata_header(header)


def test_header_candidates_google_grid_and_limesurvey() -> None:
    assert "ken ik andere buurtbewoners" in header_candidates(
        "Door de activiteiten in het Badhuis [ken ik andere buurtbewoners]"
    )
    assert "Q1_SQ001" in header_candidates("Q1[SQ001]")
    assert "Q01" in header_candidates("Q01. Hoe oud bent u?")
    assert "leeftijd" in header_candidates("over_u/leeftijd")


def test_match_headers_by_code_text_and_grid() -> None:
    questions = [
        QuestionKey("kennen", "Door de activiteiten in het Badhuis ken ik andere buurtbewoners"),
        QuestionKey("praatje", "maak ik vaker een praatje met mensen uit de buurt"),
        QuestionKey("leeftijd", "Hoe oud bent u?"),
    ]
    mapping, unmatched, metadata = match_headers(
        [
            "Tijdstempel",
            "door de activiteiten in het badhuis, ken ik andere buurtbewoners",
            "Door de activiteiten in het Badhuis ... [Maak ik vaker een praatje met mensen uit de "
            "buurt]",
            "LEEFTIJD",
            "Opmerkingen",
        ],
        questions,
    )
    assert set(mapping.values()) == {"kennen", "praatje", "leeftijd"}
    assert unmatched == ["Opmerkingen"]
    assert metadata == ["Tijdstempel"]


def test_second_header_for_same_question_is_unmatched() -> None:
    mapping, unmatched, _ = match_headers(
        ["leeftijd", "Leeftijd (2)"], [QuestionKey("leeftijd", "x")]
    )
    assert mapping == {"leeftijd": "leeftijd"}
    assert unmatched == ["Leeftijd (2)"]
