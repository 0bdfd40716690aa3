"""Pages of the surveys app, one module per sub-concept:

- ``builder``: survey list, create/edit/delete, sections, questions, waves;
- ``ready_made``: validated instruments and statements from the change story;
- ``paper``: the QR poster, the printable paper version, data entry of paper forms;
- ``respond``: the public respondent pages (one section per screen, submitted once).

Result pages (analysis, exports, imports of responses) live in ``views_results``.
Every view is re-exported here, so ``collectief.surveys.urls`` and other code can
keep using ``views.<name>``.
"""

from collectief.surveys.views.builder import (
    question_create,
    question_delete,
    question_edit,
    question_move,
    section_create,
    section_delete,
    section_edit,
    section_move,
    survey_create,
    survey_delete,
    survey_detail,
    survey_edit,
    survey_list,
    survey_status,
    wave_create,
    wave_delete,
)
from collectief.surveys.views.paper import data_entry, paper, poster_pdf
from collectief.surveys.views.ready_made import from_change_story, instrument_add, instrument_list
from collectief.surveys.views.respond import (
    STATE_MAX_AGE,
    _sign,
    _unsign,
    default_privacy_text,
    preview,
    respond,
    respond_back,
    respond_resume,
    thanks,
)

__all__ = [
    "STATE_MAX_AGE",
    "_sign",
    "_unsign",
    "data_entry",
    "default_privacy_text",
    "from_change_story",
    "instrument_add",
    "instrument_list",
    "paper",
    "poster_pdf",
    "preview",
    "question_create",
    "question_delete",
    "question_edit",
    "question_move",
    "respond",
    "respond_back",
    "respond_resume",
    "section_create",
    "section_delete",
    "section_edit",
    "section_move",
    "survey_create",
    "survey_delete",
    "survey_detail",
    "survey_edit",
    "survey_list",
    "survey_status",
    "thanks",
    "wave_create",
    "wave_delete",
]
