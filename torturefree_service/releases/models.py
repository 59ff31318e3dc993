"""What applying a list release on the day left for officers: one alert per changed answer."""

from __future__ import annotations

from django.db import models


class ReleaseAlert(models.Model):
    """A case (or a valid licence on its closed case) whose determination changed when the law
    of a release came into force: the old answer beside the new, until an officer has looked."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="release_alerts")
    licence = models.ForeignKey(
        "licences.Licence",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="release_alerts",
    )
    effective_on = models.DateField()  # the day the new answer holds from
    old_release = models.CharField(max_length=64)
    new_release = models.CharField(max_length=64)
    old_outcome = models.CharField(max_length=24)
    new_outcome = models.CharField(max_length=24)
    old_determination = models.JSONField(default=dict)
    new_determination = models.JSONField(default=dict)
    lines = models.JSONField(default=list)  # per goods line: old and new outcome and entries
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        "organisations.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="release_alerts_resolved",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["case", "resolved_at"], name="release_alert_open")]


class ReleaseApplication(models.Model):
    """That a release's law was applied to the open cases on a day (so a second run is a no-op)."""

    release = models.CharField(max_length=64)
    day = models.DateField()
    applied_at = models.DateTimeField(auto_now_add=True)
    redetermined = models.IntegerField(default=0)
    changed = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "day"], name="release_applied_once")
        ]
