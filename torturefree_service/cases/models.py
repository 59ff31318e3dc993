"""Cases: the authority's work on a submitted application, with queue, SLA and four-eyes decision."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from torturefree_service.applications.models import Application
from torturefree_service.organisations.models import Person, choices


class CaseStatus(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    AWAITING_APPLICANT = "awaiting_applicant"
    ADVISED = "advised"
    CLOSED = "closed"


class Recommendation(StrEnum):
    GRANT = "grant"
    REFUSE = "refuse"


class RefusalReason(StrEnum):
    """The refusal taxonomy (Art. 12(2), 17(2), 12(3)/17(3), diversion, national ban, other)."""

    TORTURE = "art12_2_torture"
    CAPITAL_PUNISHMENT = "art17_2_capital_punishment"
    INSUFFICIENT_END_USE = "insufficient_end_use_information"
    DIVERSION = "diversion"
    # Art. 23(4): a refusal under a national ban (Art. 14(1), 15(4)) is not a dismissal to notify.
    NATIONAL_BAN = "national_ban"
    OTHER = "other"


class Case(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="case")
    reference = models.CharField(max_length=32, unique=True)
    status = models.CharField(max_length=20, choices=choices(CaseStatus), default=CaseStatus.NEW)
    assigned_to = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    opened_on = models.DateField()
    sla_due = models.DateField()
    # Working days during which a question to the applicant stopped the clock.
    stopped_days = models.PositiveIntegerField(default=0)
    flags = models.JSONField(default=list, blank=True)
    # Denormalised for the queue filters (one indexed table to scan, no joins).
    application_type = models.CharField(max_length=32)
    destination = models.CharField(max_length=2)
    organisation_id_copy = models.BigIntegerField(db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "sla_due"], name="case_queue"),
            models.Index(fields=["assigned_to", "status", "sla_due"], name="case_mine"),
        ]

    def __str__(self) -> str:
        return self.reference


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    visible_to_applicant = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)


class Question(models.Model):
    """A question to the applicant; while open the SLA clock is stopped."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    asked_on = models.DateField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)


class Advice(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="advice")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recommendation = models.CharField(max_length=8, choices=choices(Recommendation))
    reasons = models.JSONField(default=list)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class Decision(models.Model):
    """Append-only decision log (LITE's LicenceDecision): never edited, only added to."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    officer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=8, choices=choices(Recommendation))
    reasons = models.JSONField(default=list)
    text = models.TextField(blank=True)
    decided_on = models.DateField()
    # Art. 26(3): what the state may withhold from the public report (essential security).
    sensitive = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)


class RescreenAlert(models.Model):
    """A hit that appeared or changed on a party or on the applicant organisation (of an open
    case or a valid licence) when a new watchlist version came in.

    Only a person's disposition resolves it; a hit that later drops off the list does not.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rescreen_alerts")
    # Exactly one of party and organisation: the applicant has no Party row, and one
    # organisation screened once is alerted on each of its cases.
    party = models.ForeignKey(
        "applications.Party",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rescreen_alerts",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rescreen_alerts",
    )
    # Set when the hit concerns a valid licence granted on the (closed) case: it may need
    # suspending or revoking (Art. 21(5)); the case itself stays as it is.
    licence = models.ForeignKey(
        "licences.Licence",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rescreen_alerts",
    )
    watchlist = models.CharField(max_length=100)
    entity_id = models.CharField(max_length=200)
    data_version = models.CharField(max_length=120)
    kind = models.CharField(max_length=8)  # new | changed
    score = models.FloatField()
    match = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    disposition = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "watchlist", "entity_id", "data_version"],
                name="rescreen_alert_once",
            ),
            models.UniqueConstraint(
                fields=["organisation", "case", "watchlist", "entity_id", "data_version"],
                name="rescreen_alert_applicant_once",
            ),
            models.CheckConstraint(
                condition=models.Q(party__isnull=False, organisation__isnull=True)
                | models.Q(party__isnull=True, organisation__isnull=False),
                name="rescreen_alert_party_or_applicant",
            ),
        ]
