"""Survey results: counts, shares with a 95% interval, breakdowns, wave comparisons.

The results page, the JSON/CSV exports, ``collectief survey results`` and the
benchmark all call ``analyse_survey`` and friends, so they show the same
numbers.

Counting: statements, yes/no and "choose one" questions are counted from the
per-response answer vectors (``vectors.py``): the database concatenates the
vectors of the survey into one byte string and NumPy counts per question
(``bincount``) and per (group, answer) for a breakdown. Other questions
(numbers, "choose one or more", open text, instrument scores) are counted
with ``GROUP BY`` on the narrow ``Answer`` table. When a response has no
vector (data written around the services) everything is counted from the
``Answer`` rows, which stay the source of truth; ``use_vectors=False`` does
the same on purpose (the tests compare both).

Rules, stated on the page too:
- n is the number of *valid* answers: "weet ik niet / n.v.t." and blanks are
  not counted.
- The agree share of a statement is (helemaal) mee eens (4 or 5) among the
  valid answers, with a 95% Wilson interval.
- Groups in a breakdown with fewer than 5 people are not shown.
- Below 30 valid answers a result is "an impression, not a measurement".

The code lives in sub-modules by concept and is re-exported here, so
``from collectief.surveys.analysis import analyse_survey`` keeps working:

- ``results``: constants, the small-sample warning and the result dataclasses
  (``QuestionResult``, ``ScaleResult``, ``SurveyResults`` and effect tables);
- ``counting``: GROUP BY and answer-vector counts, buckets per question;
- ``analyse``: ``analyse_survey``, every question's counts and shares;
- ``scales``: instrument scores (WHO-5, De Jong Gierveld);
- ``breakdowns``: shares per answer to one question (``breakdown``);
- ``waves``: wave comparison (``compare_waves``, ``comparison_sentence``);
- ``shapes``: the JSON and CSV shapes of the results.
"""

from collectief.surveys.analysis.analyse import analyse_survey
from collectief.surveys.analysis.breakdowns import (
    Breakdown,
    BreakdownCell,
    BreakdownGroup,
    BreakdownRow,
    breakdown,
    breakdown_options,
)
from collectief.surveys.analysis.results import (
    AGREE_VALUES,
    DK,
    MIN_GROUP_SIZE,
    SMALL_SAMPLE,
    Bucket,
    EffectTable,
    QuestionResult,
    ScaleResult,
    SurveyResults,
    small_sample_warning,
)
from collectief.surveys.analysis.shapes import (
    RESULTS_CSV_HEADERS,
    results_as_dict,
    results_as_rows,
)
from collectief.surveys.analysis.waves import Comparison, compare_waves, comparison_sentence

__all__ = [
    "AGREE_VALUES",
    "DK",
    "MIN_GROUP_SIZE",
    "RESULTS_CSV_HEADERS",
    "SMALL_SAMPLE",
    "Breakdown",
    "BreakdownCell",
    "BreakdownGroup",
    "BreakdownRow",
    "Bucket",
    "Comparison",
    "EffectTable",
    "QuestionResult",
    "ScaleResult",
    "SurveyResults",
    "analyse_survey",
    "breakdown",
    "breakdown_options",
    "compare_waves",
    "comparison_sentence",
    "results_as_dict",
    "results_as_rows",
    "small_sample_warning",
]
