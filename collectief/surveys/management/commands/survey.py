"""``collectief survey``: list, create from XLSForm, import responses, results.

    collectief survey list ORG_SLUG [--format json]
    collectief survey create ORG_SLUG --from-xlsform FILE.xlsx
    collectief survey import-responses SURVEY_ID FILE [--wave ID] [--skip-unmatched-columns]
    collectief survey results SURVEY_ID [--format json|csv] [--wave ID]
    collectief survey rebuild-vectors [SURVEY_ID ...]

``create`` prints the new survey's id alone on its last line. An import that
does not map completely prints every problem and exits with status 1
without storing anything. ``rebuild-vectors`` recomputes the answer vectors
(the derived index the results are counted from) from the answer rows, for
the given surveys or all of them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.accounts.models import Organisation
from collectief.lib.cli import BaseCommand
from collectief.surveys.analysis import analyse_survey
from collectief.surveys.exports import results_csv, results_json
from collectief.surveys.imports.responses import plan_response_import
from collectief.surveys.imports.services import (
    ImportProblemsError,
    create_survey_from_xlsform,
    import_responses,
)
from collectief.surveys.models import Survey, Wave
from collectief.surveys.vectors import rebuild_vectors


class Command(BaseCommand):
    help = gettext_lazy("Surveys: list, create from an XLSForm, import responses, print results.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help=_("List the surveys of an organisation."))
        listing.add_argument("organisation")
        listing.add_argument("--format", choices=["text", "json"], default="text")

        create = sub.add_parser("create", help=_("Create a draft survey from an XLSForm."))
        create.add_argument("organisation")
        create.add_argument("--from-xlsform", required=True, metavar="FILE.xlsx")

        imp = sub.add_parser(
            "import-responses", help=_("Import responses from a CSV/XLSX export.")
        )
        imp.add_argument("survey_id", type=int)
        imp.add_argument("file")
        imp.add_argument("--wave", type=int, help=_("Attach the responses to this wave (id)."))
        imp.add_argument(
            "--skip-unmatched-columns",
            action="store_true",
            help=_("Ignore columns that match no question instead of refusing the file."),
        )

        results = sub.add_parser("results", help=_("Print the results as JSON or CSV."))
        results.add_argument("survey_id", type=int)
        results.add_argument("--format", choices=["json", "csv"], default="json")
        results.add_argument("--wave", type=int)

        rebuild = sub.add_parser(
            "rebuild-vectors",
            help=_("Recompute the answer vectors from the answer rows (all surveys if no id)."),
        )
        rebuild.add_argument("survey_ids", type=int, nargs="*", metavar="SURVEY_ID")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        getattr(self, f"do_{action}")(**options)

    def _survey(self, survey_id: int) -> Survey:
        survey = Survey.objects.select_related("organisation").filter(pk=survey_id).first()
        if survey is None:
            raise CommandError(_("Survey %(id)s does not exist.") % {"id": survey_id})
        return survey

    def _wave(self, survey: Survey, wave_id: int | None) -> Wave | None:
        if wave_id is None:
            return None
        wave = survey.waves.filter(pk=wave_id).first()
        if wave is None:
            raise CommandError(
                _("Measurement %(wave)s does not belong to survey %(survey)s.")
                % {"wave": wave_id, "survey": survey.pk}
            )
        return wave

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(_("File %(name)s does not exist.") % {"name": name})
        return path.read_bytes()

    def do_list(self, organisation: str, format: str, **_options: Any) -> None:
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(_("Organisation %(slug)s does not exist.") % {"slug": organisation})
        surveys = (
            Survey.objects.filter(organisation=org)
            .annotate(n_responses=Count("responses"))
            .order_by("id")
        )
        data = [
            {"id": s.pk, "title": s.title, "status": s.status, "n_responses": s.n_responses}
            for s in surveys
        ]
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        for row in data:
            self.stdout.write(
                f"{row['id']:>6}  {row['status']:<7} {row['n_responses']:>7}  {row['title']}"
            )

    def do_create(self, organisation: str, from_xlsform: str, **_options: Any) -> None:
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(_("Organisation %(slug)s does not exist.") % {"slug": organisation})
        data = self._read(from_xlsform)
        try:
            survey, warnings = create_survey_from_xlsform(org, data, from_xlsform, by=None)
        except ImportProblemsError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(_("The XLSForm was not read; nothing was saved.")) from exc
        for warning in warnings:
            self.stderr.write(warning)
        n = survey.questions.count()
        self.stdout.write(
            ngettext(
                "Survey '%(title)s' created with %(n)s question (draft).",
                "Survey '%(title)s' created with %(n)s questions (draft).",
                n,
            )
            % {"title": survey.title, "n": n}
        )
        self.stdout.write(str(survey.pk))

    def do_import_responses(
        self,
        survey_id: int,
        file: str,
        wave: int | None,
        skip_unmatched_columns: bool,
        **_options: Any,
    ) -> None:
        survey = self._survey(survey_id)
        chosen_wave = self._wave(survey, wave)
        data = self._read(file)
        plan = plan_response_import(survey, data, file)
        for header in plan.skipped_headers:
            self.stdout.write(
                _("Skipped column (not a question): %(header)s") % {"header": header}
            )
        problems = plan.all_problems(skip_unmatched_columns=skip_unmatched_columns)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            self.stderr.write(
                ngettext(
                    "%(n)s problem; nothing was saved.",
                    "%(n)s problems; nothing was saved.",
                    len(problems),
                )
                % {"n": len(problems)}
            )
            sys.exit(1)
        try:
            n = import_responses(
                survey,
                plan,
                by=None,
                wave=chosen_wave,
                skip_unmatched_columns=skip_unmatched_columns,
            )
        except ImportProblemsError as exc:
            for message in exc.problems:
                self.stderr.write(message)
            sys.exit(1)
        # Three counts in one line: "label: number" reads right for 1 and for many.
        self.stdout.write(
            _(
                "Imported. Responses: %(responses)s; answers: %(answers)s; "
                "columns matched to questions: %(columns)s."
            )
            % {"responses": n, "answers": plan.n_answers, "columns": len(plan.mapping)}
        )

    def do_results(self, survey_id: int, format: str, wave: int | None, **_options: Any) -> None:
        survey = self._survey(survey_id)
        results = analyse_survey(survey, wave=self._wave(survey, wave))
        if format == "json":
            self.stdout.write(results_json(results).decode("utf-8"))
        else:
            self.stdout.write(
                results_csv(results, excel_friendly=False).decode("utf-8"), ending=""
            )

    def do_rebuild_vectors(self, survey_ids: list[int], **_options: Any) -> None:
        surveys = (
            [self._survey(pk) for pk in survey_ids]
            if survey_ids
            else list(Survey.objects.order_by("pk"))
        )
        for survey in surveys:
            n = rebuild_vectors(survey)
            self.stdout.write(f"{survey.pk}\t{n}\t{survey.title}")
