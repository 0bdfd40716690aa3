"""How often a client did something in the current hour, by a hash of its address.

One row per (scope, hashed client, hour), counted up with a single upsert,
so that counting is one short write that can share the transaction of the
thing it protects. Rows live in the database that every server process
shares, so limits hold across processes and servers; expired rows are
pruned by the scheduled task (``collectief ratelimits prune``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateBucket(models.Model):
    scope = models.CharField(_("scope"), max_length=60)
    client = models.CharField(
        _("client"),
        max_length=40,
        help_text=_("A salted hash of the address that changes every day; never the address."),
    )
    hour = models.DateTimeField(_("hour"))
    hits = models.PositiveIntegerField(_("hits"), default=0)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "client", "hour"], name="ratelimits_bucket_once_per_hour"
            )
        ]
        indexes = [models.Index(fields=["hour"], name="ratelimits_bucket_hour")]

    def __str__(self) -> str:
        return f"{self.scope} {self.client[:8]}… {self.hour:%Y-%m-%d %H}h: {self.hits}"
