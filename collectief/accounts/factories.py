"""factory_boy factories for tests of every app."""

from __future__ import annotations

import factory

from collectief.accounts.models import Membership, Organisation, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = Organisation.Kind.INITIATIVE
    is_public = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.STAFF


def with_two_factor(user: User) -> User:
    """``user`` with an authenticator app linked, as after the two-factor set-up."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def site_staff(
    email: str = "site@staff.test", *, superuser: bool = False, totp: bool = True
) -> User:
    """A site administrator (``is_staff``), with an authenticator app linked unless ``totp=False``.

    Site staff must use two-factor login; without an app every page sends
    them to the set-up (accounts/middleware.py).
    """
    user: User = UserFactory.create(email=email, is_staff=True, is_superuser=superuser)
    return with_two_factor(user) if totp else user
