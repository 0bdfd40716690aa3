"""Writes of the surveys app: build a survey, publish it, store responses.

Every function that changes data takes ``by=`` (the acting user, or None for
anonymous respondents and system actions), runs in a transaction and writes
an audit event for the organisation's work (not for each anonymous response:
the audit log is about what staff do).

The functions live in sub-modules by concept and are re-exported here, so
``from collectief.surveys import services; services.add_question(...)`` keeps
working:

- ``codes``: question codes (``slug_code``, ``unique_code``, ``validate_code``);
- ``surveys``: surveys and waves (create, update, delete, open/close);
- ``questions``: sections, questions, answer options, instruments;
- ``changestory``: statements suggested from the change story;
- ``responding``: skip logic, validation and storing a response exactly once.
"""

from collectief.surveys.services.changestory import (
    Suggestion,
    add_suggested_questions,
    statement,
    suggest_statements,
)
from collectief.surveys.services.codes import (
    CODE_MAX,
    CODE_RE,
    STOPWORDS,
    slug_code,
    unique_code,
    validate_code,
)
from collectief.surveys.services.questions import (
    QUESTION_FIELDS,
    ChoiceSpec,
    add_instrument,
    add_question,
    add_section,
    answer_keys_for,
    delete_question,
    delete_section,
    move_question,
    move_section,
    parse_choice_lines,
    position_key,
    question_delete_blocker,
    section_delete_blocker,
    update_question,
    update_section,
)
from collectief.surveys.services.responding import (
    TEXT_MAX,
    SubmissionError,
    clean_answer,
    closed_reason,
    is_visible,
    submit_response,
)
from collectief.surveys.services.surveys import (
    SURVEY_FIELDS,
    add_wave,
    create_survey,
    delete_survey,
    delete_wave,
    set_survey_status,
    survey_delete_blocker,
    update_survey,
    wave_delete_blocker,
)

__all__ = [
    "CODE_MAX",
    "CODE_RE",
    "QUESTION_FIELDS",
    "STOPWORDS",
    "SURVEY_FIELDS",
    "TEXT_MAX",
    "ChoiceSpec",
    "SubmissionError",
    "Suggestion",
    "add_instrument",
    "add_question",
    "add_section",
    "add_suggested_questions",
    "add_wave",
    "answer_keys_for",
    "clean_answer",
    "closed_reason",
    "create_survey",
    "delete_question",
    "delete_section",
    "delete_survey",
    "delete_wave",
    "is_visible",
    "move_question",
    "move_section",
    "parse_choice_lines",
    "position_key",
    "question_delete_blocker",
    "section_delete_blocker",
    "set_survey_status",
    "slug_code",
    "statement",
    "submit_response",
    "suggest_statements",
    "survey_delete_blocker",
    "unique_code",
    "update_question",
    "update_section",
    "update_survey",
    "validate_code",
    "wave_delete_blocker",
]
