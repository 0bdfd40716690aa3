"""Survey analysis: 1,000,000 responses × 30 Likert items, one breakdown.

Times ``analyse_survey`` + ``breakdown`` (the code the results page runs)
against a plain SQL GROUP BY over the same answers as the floor.

    collectief bench surveys_analysis [backend=sqlite|postgres] [responses=1000000]
        [items=30] [repeat=3]

The data is generated once per size into var/bench/analysis-<n>.sqlite3 or
the PostgreSQL database collectief_bench, never into the development database.
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


def _best(function: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _measure(stdout: Any, *, backend: str, responses: int, options: dict[str, Any]) -> None:
    from django.core.management import call_command
    from django.db import connection

    from collectief.surveys.analysis import analyse_survey, breakdown
    from collectief.surveys.models import Answer

    items = int(options.get("items", 30))
    repeat = int(options.get("repeat", 3))
    call_command("migrate", verbosity=0, interactive=False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 2")
    survey = _generate(f"bench {responses}x{items}", responses, items, stdout)
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

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {answer_table}")
        n_answers = cursor.fetchone()[0]
    t_floor, _ = _best(floor, repeat)
    t_floor_split, _ = _best(floor_breakdown, repeat)
    t_results, _ = _best(page_without_breakdown, repeat)
    t_page, (results, split) = _best(page, repeat)
    first = results.questions[0]
    stdout.write(
        f"backend={backend} ({connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version})\n"  # type: ignore[attr-defined]
        f"python={platform.python_version()} responses={results.n_responses:,} items={items} "
        f"answers={n_answers:,} repeat={repeat} (best of)\n"
        f"plain SQL GROUP BY (floor)                 {t_floor:8.3f} s\n"
        f"plain SQL GROUP BY with breakdown join     {t_floor_split:8.3f} s\n"
        f"analyse_survey (all 30 items)              {t_results:8.3f} s\n"
        f"analyse_survey + breakdown (results page)  {t_page:8.3f} s\n"
        f"check: {first.code} n={first.n} agree={first.agree_pct:.1f}% "
        f"groups={[g.size for g in split.groups]}\n"
    )
