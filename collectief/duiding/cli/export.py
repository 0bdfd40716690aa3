"""``collectief duiding export SESSION_ID --format json|pdf -o FILE``: a samen-duiden session.

JSON: the session with its participants, per direct effect the figures, the
questionnaire's statements (suppressed below 5 answers, as everywhere), the
quotes, the gesprekstools, the four answers, and the conclusions and
actions (``report.session_as_json``). PDF: the A4 session report. Without
``-o`` JSON goes to standard output; a PDF always needs a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.duiding.cli import Subcommand
from collectief.duiding.models import InterpretationSession
from collectief.duiding.report import render_report, session_as_json


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("session", help=_("Number of the samen-duiden session."))
    parser.add_argument(
        "--format",
        choices=["json", "pdf"],
        default="json",
        help=_("json for other programs (default), pdf for the A4 report."),
    )
    parser.add_argument(
        "-o", "--output", help=_("File to write; without it JSON goes to the screen.")
    )


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    raw = str(options["session"]).strip()
    if not raw.isdigit() or not 0 < int(raw) < 2**31:
        raise CommandError(_("The session number must be a whole number, e.g. 12."))
    session = (
        InterpretationSession.objects.select_related("organisation", "survey")
        .filter(pk=int(raw))
        .first()
    )
    if session is None:
        raise CommandError(_("There is no samen-duiden session with number %(id)s.") % {"id": raw})
    output = options.get("output")
    if options["format"] == "pdf":
        if not output:
            raise CommandError(_("A PDF needs a file: add -o FILE."))
        data = render_report(session).pdf
    else:
        data = (json.dumps(session_as_json(session), ensure_ascii=False, indent=2) + "\n").encode()
        if not output:
            command.stdout.write(data.decode(), ending="")
            return
    path = Path(output)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(
            _("Could not write %(file)s: %(reason)s") % {"file": output, "reason": error.strerror}
        ) from error
    command.stdout.write(
        _("Session %(id)s written to %(file)s.") % {"id": session.pk, "file": output}
    )


SUBCOMMAND = Subcommand(
    name="export",
    help=gettext_lazy("Export a samen-duiden session as JSON or as the A4 PDF report."),
    add_arguments=add_arguments,
    run=run,
)
