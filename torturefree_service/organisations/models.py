"""Organisations, the people who act for them or for the authority, and their API tokens."""

from __future__ import annotations

from enum import Enum, StrEnum

from django.conf import settings
from django.db import models


class OrganisationKind(StrEnum):
    EXPORTER = "exporter"
    BROKER = "broker"
    TECHNICAL_ASSISTANCE_SUPPLIER = "technical_assistance_supplier"
    MUSEUM = "museum"
    TRANSPORTER = "transporter"
    MANUFACTURER = "manufacturer"
    DISTRIBUTOR = "distributor"
    AUTHORITY = "authority"


class OrganisationStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    ACTIVE = "active"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class Role(StrEnum):
    TRADER = "trader"
    CASEWORKER = "caseworker"
    SENIOR_OFFICER = "senior_officer"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"


def choices(enum: type[Enum]) -> list[tuple[str, str]]:
    """Django choices from a vocabulary (StrEnum, or the core's `str, Enum` ones)."""
    return [(str(e.value), str(e.value).replace("_", " ")) for e in enum]


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=choices(OrganisationKind))
    country = models.CharField(max_length=2)
    registration_number = models.CharField(max_length=64, blank=True)
    eori = models.CharField(max_length=32, blank=True)
    address = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=choices(OrganisationStatus), default=OrganisationStatus.DRAFT
    )
    # Art. 20(1): the authority may bar an exporter from using the Union general authorisation.
    gea_barred = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A user's role and, for traders, the organisation whose work they may see."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=choices(Role))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.user.username}"

    @property
    def is_staff_role(self) -> bool:
        return self.role != Role.TRADER


class ApiToken(models.Model):
    """Bearer tokens are stored as SHA-256 digests; the secret is shown once, at issue."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(default=False)
