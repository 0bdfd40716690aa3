"""Fixtures for the signals tests: an Almere wijk with buurten, the themes, 2FA members."""

from __future__ import annotations

from typing import Any

import pytest

from collectief.accounts.models import User
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.directory.taxonomy_data import ensure_taxonomies


@pytest.fixture(scope="session", autouse=True)
def _deduce_cache() -> None:
    """deduce's lookup structures, built once per machine (settings.DEDUCE_CACHE_DIR).

    A file lock keeps two test processes from building at the same time;
    the second one waits and then only loads.
    """
    import fcntl

    from collectief.signals import deidentify

    if deidentify.is_ready():
        return
    deidentify.cache_dir().mkdir(parents=True, exist_ok=True)
    with open(deidentify.cache_dir() / ".build-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not deidentify.is_ready():
            deidentify.build()


@pytest.fixture
def almere(db: None) -> dict[str, Area]:
    gemeente = Area.objects.create(code="GM0034", name="Almere", level="gemeente", year=2024)
    haven = Area.objects.create(
        code="WK003401", name="Almere Haven", level="wijk", parent=gemeente, year=2024
    )
    stad = Area.objects.create(
        code="WK003402", name="Almere Stad", level="wijk", parent=gemeente, year=2024
    )
    kruidenwijk = Area.objects.create(
        code="BU00340201", name="Kruidenwijk", level="buurt", parent=stad, year=2024
    )
    return {"gemeente": gemeente, "haven": haven, "stad": stad, "kruidenwijk": kruidenwijk}


@pytest.fixture
def themes(db: None) -> dict[str, TaxonomyTerm]:
    """The sociale-kaart themes (created by the directory's data migration), by code."""
    # A transactional test empties every table, the migrated themes included.
    ensure_taxonomies()
    return {term.code: term for term in TaxonomyTerm.objects.themes()}


def activate_two_factor(user: User) -> User:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def with_2fa() -> Any:
    return activate_two_factor
