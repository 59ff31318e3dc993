"""Licences, their lines (quantity/value balances) and the shipments that draw them down."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from torturefree_service.applications.models import Application
from torturefree_service.organisations.models import Organisation, Person, choices


class LicenceStatus(StrEnum):
    ISSUED = "issued"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    ANNULLED = "annulled"
    EXHAUSTED = "exhausted"
    EXPIRED = "expired"


class Licence(models.Model):
    number = models.CharField(max_length=32, unique=True)
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="licence"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="licences"
    )
    kind = models.CharField(max_length=12)
    status = models.CharField(
        max_length=12, choices=choices(LicenceStatus), default=LicenceStatus.ISSUED
    )
    issued_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField()
    valid_until = models.DateField()
    extended_months = models.PositiveIntegerField(default=0)
    # Each Art. 21(5) modification of lines writes the whole set again as a new version (records).
    line_version = models.PositiveIntegerField(default=1)
    conditions = models.TextField(blank=True)
    destination = models.CharField(max_length=2)
    verification_code = models.CharField(max_length=32, unique=True)
    data_release = models.CharField(max_length=64)
    citation = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["organisation", "status"], name="licence_org_status")]

    def __str__(self) -> str:
        return self.number


class LicenceLine(models.Model):
    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    description = models.TextField()
    entry_id = models.CharField(max_length=120, blank=True)
    cn_code = models.CharField(max_length=16, blank=True)
    quantity = models.DecimalField(max_digits=14, decimal_places=3)
    unit = models.CharField(max_length=16)
    value = models.DecimalField(max_digits=16, decimal_places=2)
    currency = models.CharField(max_length=3)
    used_quantity = models.DecimalField(max_digits=14, decimal_places=3, default=0)
    used_value = models.DecimalField(max_digits=16, decimal_places=2, default=0)

    class Meta:
        ordering = ["line_no"]

    @property
    def remaining(self) -> object:
        return self.quantity - self.used_quantity


class Shipment(models.Model):
    """Actual use of one licence line; a batch is idempotent by its customs reference."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="shipments")
    line = models.ForeignKey(LicenceLine, on_delete=models.PROTECT, related_name="shipments")
    customs_reference = models.CharField(max_length=64)
    shipped_on = models.DateField()
    quantity = models.DecimalField(max_digits=14, decimal_places=3)
    value = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customs_reference", "line"], name="shipment_once")
        ]
