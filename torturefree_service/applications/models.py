"""Applications, goods lines, parties, documents, and the checks run when one is submitted."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from torturefree.vocabulary import EndUse
from torturefree_service.applications.types import ApplicationType
from torturefree_service.organisations.models import Organisation, Person, choices


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    GRANTED = "granted"
    REFUSED = "refused"
    REGISTERED = "registered"
    # Amend by copy: a submitted application is never edited; its copy replaces it.
    SUPERSEDED = "superseded"


class PartyRole(StrEnum):
    CONSIGNEE = "consignee"
    END_USER = "end_user"
    ULTIMATE_END_USER = "ultimate_end_user"
    DISTRIBUTOR = "distributor"
    BROKER = "broker"
    CARRIER = "carrier"


class DocumentKind(StrEnum):
    END_USE_STATEMENT = "end_use_statement"
    DISTRIBUTOR_ARRANGEMENTS = "distributor_arrangements"
    OTHER = "other"


class Application(models.Model):
    reference = models.CharField(max_length=32, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="applications"
    )
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(max_length=32, choices=choices(ApplicationType))
    status = models.CharField(
        max_length=16, choices=choices(ApplicationStatus), default=ApplicationStatus.DRAFT
    )
    origin = models.CharField(max_length=2, blank=True)
    destination = models.CharField(max_length=2)
    transit_countries = models.JSONField(default=list, blank=True)
    goods_location = models.CharField(max_length=200, blank=True)
    end_use = models.CharField(
        max_length=20, choices=choices(EndUse), default=EndUse.LAW_ENFORCEMENT
    )
    end_use_detail = models.TextField(blank=True)
    # Art. 20(9), 12(3), 17(3): a manufacturer exporting to distributors describes its arrangements.
    distributor_arrangements = models.TextField(blank=True)
    requested_validity_months = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_use_on = models.DateField(null=True, blank=True)
    first_use_notified_on = models.DateField(null=True, blank=True)
    # The submitted application this draft was copied from (amend by copy, lessons.md §1.1.6).
    amends = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amended_by"
    )

    class Meta:
        indexes = [models.Index(fields=["organisation", "status"], name="app_org_status")]

    def __str__(self) -> str:
        return self.reference


class GoodsLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    description = models.TextField()
    cn_code = models.CharField(max_length=16, blank=True)
    cas = models.CharField(max_length=16, blank=True)
    entry_id = models.CharField(max_length=120, blank=True)
    quantity = models.DecimalField(max_digits=14, decimal_places=3)
    unit = models.CharField(max_length=16, default="pieces")
    value = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="EUR")
    # The officer's rating: confirmed or changed list entries (each change audited).
    rating = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["line_no"]
        constraints = [
            models.UniqueConstraint(fields=["application", "line_no"], name="line_unique_no")
        ]


class Party(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=20, choices=choices(PartyRole))
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2)
    address = models.TextField(blank=True)
    type = models.CharField(max_length=40, blank=True)
    schema = models.CharField(max_length=16, default="Organization")

    class Meta:
        ordering = ["id"]


class Document(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=choices(DocumentKind))
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=300)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class CheckRun(models.Model):
    """What the checks found on submit, with the data release and algorithm versions used."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="checks")
    ran_at = models.DateTimeField(auto_now_add=True)
    data_release = models.CharField(max_length=64)
    versions = models.JSONField(default=dict)
    outcome = models.CharField(max_length=24)
    determination = models.JSONField(default=dict)
    identification = models.JSONField(default=list)
    screening = models.JSONField(default=list)
    risk = models.JSONField(default=dict)
    denial_matches = models.JSONField(default=list)
    blocks = models.JSONField(default=list)

    class Meta:
        ordering = ["-id"]
