from __future__ import annotations

import re
import unicodedata
from typing import Any

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
    # The town people name when they mean this area (a gemeente can hold
    # several woonplaatsen: Prinsenbeek lies in the gemeente Breda).
    woonplaats = models.CharField(_("town"), max_length=120, blank=True)
    # Other names people use ("Haagse Beemden" for a wijk CBS calls
    # "Breda noord-west"), comma-separated.
    alternative_names = models.CharField(_("other names"), max_length=500, blank=True)
    # Every name of the area in the form lookup.normalise_name() gives,
    # between "|" ("|kesteren|"), so that a place name in a question is
    # found with one indexed-free LIKE per candidate phrase.
    lookup_names = models.CharField(max_length=800, blank=True, editable=False)

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

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.lookup_names = build_lookup_names(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lookup_names"}
        super().save(*args, **kwargs)

    @property
    def alternative_name_list(self) -> list[str]:
        return [n.strip() for n in self.alternative_names.split(",") if n.strip()]

    @property
    def label(self) -> str:
        """The name with the gemeente, for choosing between areas of the same name."""
        gemeente = self.municipality
        if gemeente.pk == self.pk or gemeente.name.lower() in self.name.lower():
            return self.name
        return f"{self.name} ({gemeente.name})"

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


def normalise_name(text: str) -> str:
    """Lower case, without accents and punctuation: "Noord-West " and "noord west" are equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


# CBS names wijken "Wijk 05 Buitenoord"; people say "Buitenoord".
_NUMBERED = re.compile(r"^(wijk|buurt) \d+ ")


def build_lookup_names(area: Area) -> str:
    names = {normalise_name(area.name), *(normalise_name(n) for n in area.alternative_name_list)}
    names |= {_NUMBERED.sub("", n) for n in names}
    names.add(area.code.lower())
    names.discard("")
    return "|" + "|".join(sorted(names)) + "|"


class Boundary(models.Model):
    """The outline of an area, simplified, in WGS84 (``collectief areas import-boundaries``).

    ``polygons`` is a list of polygons, each a list of rings (the outline,
    then any holes), each a list of ``[longitude, latitude]``: GeoJSON's
    MultiPolygon coordinates, rounded to about a metre.
    """

    area = models.OneToOneField(
        Area,
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="boundary",
    )
    polygons = models.JSONField(_("polygons"))
    points = models.PositiveIntegerField(_("number of points"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    # Shapes drawn by hand for the demo, not real CBS boundaries: maps say so.
    is_demo = models.BooleanField(_("simplified demo shape"), default=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self) -> str:
        return f"{self.area_id}: {self.points}"
