"""``collectief api_token <e-mail>``: make an API token for a user and print it once.

For scripts (the schemathesis step in CI) and for operators; people make
their tokens on the token page. The token acts as the user and is written
to the audit log as made by the user.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.accounts.models import User
from collectief.api.services import create_api_token
from collectief.lib.cli import BaseCommand


class Command(BaseCommand):
    help = gettext_lazy("Make an API token for a user and print it (it is shown only once).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help=_("E-mail address of the user."))
        parser.add_argument(
            "--name", default="script", help=_("Name of the token, for the token page.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if user is None:
            raise CommandError(_("There is no active user with that e-mail address."))
        _token, plain = create_api_token(user=user, name=options["name"], by=user)
        self.stdout.write(plain)
