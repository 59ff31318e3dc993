"""Cases brought to the monitoring body (seed ¶111): intake, evidence, every step, the outcome.

Restricted by default: only a published case's title, countries, findings and outcome are public;
the submitter's name and contact never are (`identity_protected` also keeps the organisation
off the public page). A submitter follows the case with its receipt code.
"""

from __future__ import annotations

from django.db import models

SUBMITTER_KINDS = ("un_mechanism", "regional_mechanism", "npm", "state", "civil_society")
STATUSES = ("received", "triaged", "assigned", "findings", "published", "closed")


class ReviewCase(models.Model):
    receipt = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    submitter_kind = models.CharField(max_length=20)
    organisation = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    identity_protected = models.BooleanField(default=True)
    countries = models.JSONField(default=list)
    status = models.CharField(max_length=12, default="received")
    priority = models.CharField(max_length=8, blank=True)
    deadline = models.DateField(null=True)
    assignee = models.CharField(max_length=200, blank=True)
    findings = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The organisation account that brought it (None: the public form or the API).
    account = models.ForeignKey(
        "hub.HubAccount", null=True, on_delete=models.PROTECT, related_name="cases"
    )

    class Meta:
        ordering = ("id",)


class ReviewEvidence(models.Model):
    """An attachment as received: its bytes, sniffed type and SHA-256 (never replaced)."""

    case = models.ForeignKey(ReviewCase, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(max_length=200)
    media_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    added_by = models.CharField(max_length=200)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)


class ReviewEvent(models.Model):
    """One step of a case (also in the ledger through audit_record)."""

    case = models.ForeignKey(ReviewCase, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=20)
    actor = models.CharField(max_length=200)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")


class CaseQuestion(models.Model):
    """An information_request the hub sent a state's node about a case, and the state's reply
    (the exchange contract): kept only once the node's receipt accepted the request."""

    case = models.ForeignKey(ReviewCase, on_delete=models.PROTECT, related_name="questions")
    message_id = models.CharField(max_length=36, unique=True)
    state = models.CharField(max_length=8)
    questions = models.JSONField(default=list)
    asked_by = models.CharField(max_length=200)
    asked_at = models.DateTimeField(auto_now_add=True)
    receipt = models.BinaryField()
    answers = models.JSONField(default=list)
    reply_id = models.CharField(max_length=36, blank=True)
    answered_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ("id",)
