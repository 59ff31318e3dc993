"""Denials: ours (Art. 23(1) notifications) and other states' (imported), matches and consultations."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from torturefree_service.applications.models import Application
from torturefree_service.organisations.models import Person, choices


class Direction(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class DenialKind(StrEnum):
    DISMISSAL = "dismissal"
    ANNULMENT = "annulment"


class Denial(models.Model):
    direction = models.CharField(max_length=8, choices=choices(Direction))
    kind = models.CharField(
        max_length=10, choices=choices(DenialKind), default=DenialKind.DISMISSAL
    )
    issuing_state = models.CharField(max_length=2)
    reference = models.CharField(max_length=64)
    decided_on = models.DateField()
    activity = models.CharField(max_length=24, default="export")
    destination = models.CharField(max_length=2)
    end_user_name = models.CharField(max_length=200, blank=True)
    end_user_country = models.CharField(max_length=2, blank=True)
    consignee_name = models.CharField(max_length=200, blank=True)
    goods_description = models.TextField(blank=True)
    entries = models.JSONField(default=list, blank=True)
    reason_codes = models.JSONField(default=list, blank=True)
    reason_text = models.TextField(blank=True)
    revoked = models.BooleanField(default=False)
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="denials"
    )
    # Ours only: Art. 23(1) deadline and when the notification went out.
    notify_by = models.DateField(null=True, blank=True)
    notified_on = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuing_state", "reference"], name="denial_unique_ref")
        ]
        indexes = [models.Index(fields=["destination", "decided_on"], name="denial_search")]


class DenialMatch(models.Model):
    """A foreign denial found essentially identical to an application on submit."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="denial_matches"
    )
    denial = models.ForeignKey(Denial, on_delete=models.PROTECT, related_name="matches")
    score = models.FloatField()
    reasons = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "denial"], name="match_once")]


class ConsultationAnswer(StrEnum):
    OBJECTS = "objects"
    NO_OBJECTION = "no_objection"
    NO_REPLY = "no_reply"


class Consultation(models.Model):
    """Art. 23(2): the authority that dismissed an essentially identical transaction is consulted."""

    match = models.OneToOneField(DenialMatch, on_delete=models.PROTECT, related_name="consultation")
    consulted_state = models.CharField(max_length=2)
    answer = models.CharField(max_length=16, choices=choices(ConsultationAnswer))
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()


class GrantNotice(models.Model):
    """Art. 23(3): granting despite another state's denial is notified immediately, with reasons."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="grant_notices"
    )
    denial = models.ForeignKey(Denial, on_delete=models.PROTECT, related_name="grant_notices")
    reasons = models.TextField()
    due_on = models.DateField()
    notified_on = models.DateField(null=True, blank=True)
