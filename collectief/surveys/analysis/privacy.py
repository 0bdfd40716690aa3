"""The survey rule (DESIGN §4): fewer than 5 people means nothing shown.

``analyse_survey`` passes every result through ``protect`` before anyone sees
it, so the page, the exports, the API and the CLI hide the same numbers:

- fewer than ``MIN_COUNT`` respondents (the survey, a wave, any filter): every
  question keeps its code, text and n, but no counts, shares, intervals,
  means or medians; ``SurveyResults.suppressed`` says so;
- a question with fewer than ``MIN_COUNT`` valid answers: the same for that
  question;
- the answer counts of a closed question form one line that adds up to n:
  small counts are hidden with enough other counts (``suppress_line``) that
  none follows by subtraction. A breakdown by that question hides the same
  groups, because it uses the same counts and the same function;
- instrument scores: the number of people per band the same way.
"""

from __future__ import annotations

from collectief.lib.suppression import is_small, suppress_line
from collectief.surveys.analysis.results import QuestionResult, ScaleResult, SurveyResults
from collectief.surveys.models import Question


def hidden_answers(question_type: str, counts: list[int]) -> list[bool]:
    """Which answer counts of one question to hide; used by the table and the breakdown.

    A statement's agree share is published too, so its answers form two lines:
    (helemaal) mee eens, which adds up to the agree count, and the rest, which
    adds up to n minus that count.
    """
    if question_type == Question.Type.LIKERT5 and len(counts) == 5:
        return suppress_line(counts[:3]) + suppress_line(counts[3:])
    return suppress_line(counts)


def suppress_question(q: QuestionResult) -> None:
    """Keep code, text and n; drop every number that describes the people."""
    q.suppressed = True
    q.n_dont_know = None
    q.agree = None
    q.agree_pct = None
    q.agree_ci95 = None
    q.mean = None
    q.median = None
    q.quartiles = None
    for bucket in q.buckets:
        bucket.hidden = True


def _suppress_scale(s: ScaleResult) -> None:
    s.suppressed = True
    s.mean = None
    s.mean_scaled = None
    s.bands = None
    s.subscales = dict.fromkeys(s.subscales)


def protect(results: SurveyResults) -> SurveyResults:
    results.suppressed = is_small(results.n_responses)
    for q in results.questions:
        counted = q.type in Question.CLOSED_TYPES or q.type == Question.Type.NUMBER
        if results.suppressed or (counted and is_small(q.n)):
            suppress_question(q)
            continue
        valid = q.valid_buckets
        for bucket, hidden in zip(
            valid, hidden_answers(q.type, [b.count for b in valid]), strict=True
        ):
            bucket.hidden = hidden
    for s in results.scales:
        if results.suppressed or is_small(s.n):
            _suppress_scale(s)
            continue
        if s.bands:
            keys = list(s.bands)
            counts = [s.bands[k] or 0 for k in keys]
            s.bands = {
                k: None if hidden else s.bands[k]
                for k, hidden in zip(keys, suppress_line(counts), strict=True)
            }
    return results
