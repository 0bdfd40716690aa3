from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectief.lib.safe_urls import SafeURLField


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in. People log in with their e-mail address."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def public(self) -> OrganisationQuerySet:
        return self.filter(is_public=True)

    def working_in(self, area: Any) -> OrganisationQuerySet:
        """Organisations that work in ``area`` or in a part of it ("in and around")."""
        return self.filter(
            Q(areas=area) | Q(areas__parent=area) | Q(areas__parent__parent=area)
        ).distinct()

    def for_user(self, user: Any) -> OrganisationQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    """A group of people working in a neighbourhood, with or without users."""

    class Kind(models.TextChoices):
        INITIATIVE = "bewonersinitiatief", _("resident initiative")
        NEIGHBOURHOOD_TEAM = "wijkteam", _("neighbourhood team")
        WELFARE = "welzijnsorganisatie", _("welfare organisation")
        MUNICIPALITY = "gemeente", _("municipality")
        HOUSING = "woningcorporatie", _("housing association")
        CARE = "zorgaanbieder", _("care provider")
        OTHER = "overig", _("other")

    # Members of these kinds see signals about residents, so two-factor login
    # is required for them (DESIGN.md §4).
    TWO_FACTOR_KINDS: ClassVar[frozenset[str]] = frozenset(
        {Kind.NEIGHBOURHOOD_TEAM, Kind.MUNICIPALITY}
    )

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("short name in web addresses"),
        max_length=60,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, for example het-badhuis."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas"), blank=True, related_name="organisations"
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    public_description = models.TextField(_("public description"), blank=True)
    website = SafeURLField(_("website"), max_length=200, blank=True)
    email = models.EmailField(_("public e-mail address"), blank=True)
    is_public = models.BooleanField(
        _("show a public profile"),
        default=True,
        help_text=_("Everyone can see the name, tagline and description of a public profile."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation_profile", args=[self.slug])

    @property
    def requires_two_factor(self) -> bool:
        return self.kind in self.TWO_FACTOR_KINDS


class Role(models.TextChoices):
    """Roles inside one organisation, from most to least rights."""

    ADMIN = "beheerder", _("administrator")
    STAFF = "medewerker", _("staff member")
    READER = "lezer", _("reader")

    @classmethod
    def rank(cls, role: str) -> int:
        return {cls.READER: 1, cls.STAFF: 2, cls.ADMIN: 3}[cls(role)]


# Readers may look; medewerkers and beheerders change the organisation's work.
EDIT_ROLE = Role.STAFF


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def has_role(self, minimum: str) -> bool:
        return Role.rank(self.role) >= Role.rank(minimum)

    @property
    def can_edit(self) -> bool:
        """Whether this member may change the organisation's work (the one rule)."""
        return self.has_role(EDIT_ROLE)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation by e-mail to join an organisation, valid for some days.

    Only a hash of the token is stored, so a database leak does not hand out
    working invitation links.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
