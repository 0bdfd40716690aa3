from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A CBS region: gemeente, wijk or buurt, in the indeling of one year."""

    class Level(models.TextChoices):
        GEMEENTE = "gemeente", _("municipality")
        WIJK = "wijk", _("district")
        BUURT = "buurt", _("neighbourhood")

    code = models.CharField(_("CBS code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    year = models.PositiveSmallIntegerField(_("year of the indeling"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="gemeente", code__regex=r"^GM[0-9]{4}$")
                | models.Q(level="wijk", code__regex=r"^WK[0-9]{4}[0-9A-Z]{2}$")
                | models.Q(level="buurt", code__regex=r"^BU[0-9]{4}[0-9A-Z]{4}$"),
                name="area_code_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def municipality(self) -> Area:
        area = self
        while area.parent_id is not None and area.level != self.Level.GEMEENTE:
            area = area.parent  # type: ignore[assignment]
        return area

    def ancestors(self) -> list[Area]:
        """From the gemeente down to the parent of this area."""
        chain: list[Area] = []
        area = self.parent
        while area is not None:
            chain.insert(0, area)
            area = area.parent
        return chain
