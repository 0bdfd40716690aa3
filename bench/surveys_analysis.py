"""Survey analysis: 1,000,000 responses × 30 Likert items, one breakdown.

Times ``analyse_survey`` + ``breakdown`` (the code the results page runs) and
a GET of the results page itself with a breakdown (Django test client, the
HTML rendered), against plain SQL GROUP BYs over the same answers as the
floor. The old way of counting (GROUP BY over the Answer rows,
``use_vectors=False``) is timed once for comparison.

    collectief bench surveys_analysis [backend=sqlite|postgres] [responses=1000000]
        [items=30] [repeat=3] [rows=1]

``rows=0`` skips the slow answer-row timing. The data is generated once per
size into var/bench/analysis-<n>.sqlite3 or the PostgreSQL database
collectief_bench, never into the development database; the answer vectors
are built from the answer rows by ``rebuild_vectors`` (the code of the data
migration and ``collectief survey rebuild-vectors``), timed.
"""

from __future__ import annotations

import platform
import random
import time
from typing import Any

from bench._child import database_url, ensure_postgres_database, in_child, run_child

NAME = "surveys_analysis"


def run(stdout: Any, **options: Any) -> None:
    backend = str(options.get("backend", "sqlite"))
    responses = int(options.get("responses", 1_000_000))
    if not in_child():
        if backend == "postgres":
            ensure_postgres_database()
        database = database_url(f"analysis-{responses}", backend)
        stdout.write(f"database: {database}\n")
        run_child(NAME, database, {**options, "backend": backend}, stdout)
        return
    _measure(stdout, backend=backend, responses=responses, options=options)


def _generate(survey_title: str, responses: int, items: int, stdout: Any) -> Any:
    """Create the survey and bulk-load the answers with raw SQL (fast, one transaction)."""
    from django.db import connection, transaction

    from collectief.accounts.models import Organisation
    from collectief.surveys.models import Answer, Question, Response, Section, Survey

    organisation, _ = Organisation.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "kind": "overig"}
    )
    survey = Survey.objects.filter(organisation=organisation, title=survey_title).first()
    if survey is not None and survey.responses.count() == responses:
        return survey
    if survey is not None:
        survey.delete()
    started = time.perf_counter()
    with transaction.atomic():
        survey = Survey.objects.create(organisation=organisation, title=survey_title)
        section = Section.objects.create(survey=survey, title="Stellingen")
        questions = [
            Question.objects.create(
                survey=survey,
                section=section,
                code=f"s{i + 1:02d}",
                type=Question.Type.LIKERT5,
                text=f"Stelling {i + 1}",
                order=i,
            )
            for i in range(items)
        ]
    rng = random.Random(42)
    response_table = connection.ops.quote_name(Response._meta.db_table)
    answer_table = connection.ops.quote_name(Answer._meta.db_table)
    question_ids = [q.pk for q in questions]
    # Per item a different tilt towards agreeing, so the results differ per item.
    weights = [[1, 2, 3, 4 + i % 5, 3 + i % 3, 1] for i in range(items)]
    batch = 20_000
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {response_table}")
        first_id = int(cursor.fetchone()[0]) + 1
        for start in range(0, responses, batch):
            count = min(batch, responses - start)
            ids = range(first_id + start, first_id + start + count)
            cursor.executemany(
                f"INSERT INTO {response_table} (id, survey_id, submitted_at, source, "
                "idempotency_key) VALUES (%s, %s, %s, %s, %s)",
                [(i, survey.pk, "2024-01-01 00:00:00+00:00", "import", f"b{i}") for i in ids],
            )
            rows = []
            for response_id in ids:
                for index, question_id in enumerate(question_ids):
                    value = rng.choices((1, 2, 3, 4, 5, 0), weights[index])[0]
                    if value == 0:
                        rows.append((response_id, question_id, None, True))
                    else:
                        rows.append((response_id, question_id, value, False))
            cursor.executemany(
                f"INSERT INTO {answer_table} (response_id, question_id, value, dont_know) "
                "VALUES (%s, %s, %s, %s)",
                rows,
            )
            if (start // batch) % 10 == 0:
                stdout.write(f"  loaded {start + count:,} responses\n")
    # Responses were inserted with explicit ids: move the id sequence past them.
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Response]):
            cursor.execute(statement)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {answer_table}")
            cursor.execute(f"VACUUM ANALYZE {response_table}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    stdout.write(f"  generated in {time.perf_counter() - started:.0f} s\n")
    return survey


def _ensure_vectors(survey: Any, stdout: Any) -> None:
    """Build the answer vectors from the answer rows when any is missing."""
    from collectief.surveys.models import Response
    from collectief.surveys.vectors import rebuild_vectors

    if not Response.objects.filter(survey=survey, answer_vector__isnull=True).exists():
        return
    started = time.perf_counter()
    n = rebuild_vectors(survey)
    stdout.write(
        f"  answer vectors of {n:,} responses rebuilt in {time.perf_counter() - started:.0f} s\n"
    )


def _best(function: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _page_client(survey: Any) -> Any:
    """A test client logged in as a staff member of the bench organisation."""
    from django.test import Client

    from collectief.accounts.models import Membership, Role, User

    user = User.objects.filter(email="bench@example.org").first()
    if user is None:
        user = User.objects.create_user("bench@example.org", "bench-password-not-secret")
    Membership.objects.get_or_create(
        user=user, organisation=survey.organisation, defaults={"role": Role.STAFF}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _measure(stdout: Any, *, backend: str, responses: int, options: dict[str, Any]) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from collectief.surveys.analysis import analyse_survey, breakdown, results_as_dict
    from collectief.surveys.models import Answer

    items = int(options.get("items", 30))
    repeat = int(options.get("repeat", 3))
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    stdout.write(f"  migrate: {time.perf_counter() - started:.0f} s\n")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 2")
    survey = _generate(f"bench {responses}x{items}", responses, items, stdout)
    _ensure_vectors(survey, stdout)
    by = survey.questions.order_by("order").first()
    answer_table = connection.ops.quote_name(Answer._meta.db_table)
    ids = list(survey.questions.values_list("id", flat=True))
    placeholders = ", ".join(["%s"] * len(ids))

    def floor() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT question_id, value, COUNT(*) FROM {answer_table} "
                f"WHERE question_id IN ({placeholders}) GROUP BY question_id, value",
                ids,
            )
            return cursor.fetchall()

    def floor_breakdown() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT a.question_id, b.value, a.value, COUNT(*) FROM {answer_table} a "
                f"JOIN {answer_table} b ON b.response_id = a.response_id AND b.question_id = %s "
                f"WHERE a.question_id IN ({placeholders}) "
                "GROUP BY a.question_id, b.value, a.value",
                [by.pk, *ids],
            )
            return cursor.fetchall()

    def page() -> Any:
        results = analyse_survey(survey)
        return results, breakdown(results, by)

    def page_without_breakdown() -> Any:
        return analyse_survey(survey)

    def page_from_rows() -> Any:
        results = analyse_survey(survey, use_vectors=False)
        return results, breakdown(results, by)

    client = _page_client(survey)
    url = reverse("surveys:results", args=[survey.organisation.slug, survey.pk])

    def http_page() -> Any:
        response = client.get(url, {"uitsplitsen": by.pk})
        assert response.status_code == 200, response.status_code
        return response.content

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {answer_table}")
        n_answers = cursor.fetchone()[0]
    t_floor, _ = _best(floor, repeat)
    t_floor_split, _ = _best(floor_breakdown, repeat)
    t_results, _ = _best(page_without_breakdown, repeat)
    t_page, (results, split) = _best(page, repeat)
    t_http, html = _best(http_page, repeat)
    lines = [
        f"backend={backend} ({connection.vendor} "
        f"{connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version})",  # type: ignore[attr-defined]
        f"python={platform.python_version()} responses={results.n_responses:,} items={items} "
        f"answers={n_answers:,} repeat={repeat} (best of)",
        f"plain SQL GROUP BY (floor)                 {t_floor:8.3f} s",
        f"plain SQL GROUP BY with breakdown join     {t_floor_split:8.3f} s",
        f"analyse_survey (all 30 items)              {t_results:8.3f} s",
        f"analyse_survey + breakdown                 {t_page:8.3f} s",
        f"GET results page with breakdown (HTML)     {t_http:8.3f} s  ({len(html):,} bytes)",
    ]
    if str(options.get("rows", "1")) != "0":
        t_rows, (slow, slow_split) = _best(page_from_rows, 1)
        same = results_as_dict(slow) == results_as_dict(results) and [
            [(c.n, c.share) for c in row.cells] for row in slow_split.rows
        ] == [[(c.n, c.share) for c in row.cells] for row in split.rows]
        lines.append(
            f"same from answer rows (use_vectors=False)  {t_rows:8.3f} s  (1 run; equal: {same})"
        )
    first = results.questions[0]
    lines.append(
        f"check: {first.code} n={first.n} agree={first.agree_pct:.1f}% "
        f"groups={[g.size for g in split.groups]}"
    )
    stdout.write("\n".join(lines) + "\n")
