"""The states' annual reports as filed with the hub (the public version, kept as received)."""

from __future__ import annotations

from django.db import models


class FiledReport(models.Model):
    """A state's public annual report for a year; filing again keeps both, the latest counts."""

    state = models.CharField(max_length=3)
    year = models.PositiveIntegerField()
    document = models.JSONField()
    sha256 = models.CharField(max_length=64)
    filed_by = models.CharField(max_length=200)
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("state", "year", "-id")
        constraints = (
            models.UniqueConstraint(fields=["state", "year", "sha256"], name="hub_report_once"),
        )
