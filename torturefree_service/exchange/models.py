"""What went out and what came in, as the exact signed bytes, with delivery state and effects."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from torturefree_service.organisations.models import choices


class OutState(StrEnum):
    PENDING = "pending"  # waiting for its next attempt
    SENDING = "sending"  # claimed by a worker until `claimed_until`
    DELIVERED = "delivered"  # the peer's signed receipt says accepted
    REFUSED = "refused"  # the peer's signed receipt says refused: final, an officer looks
    UNDELIVERABLE = "undeliverable"  # no receipt before the retry window closed: an officer looks


class OutboxMessage(models.Model):
    """A message to a peer, signed once when queued: every attempt sends these same bytes."""

    id = models.UUIDField(primary_key=True)
    type = models.CharField(max_length=40)
    recipient = models.CharField(max_length=8)
    url = models.CharField(max_length=300)
    conversation = models.UUIDField()
    in_reply_to = models.UUIDField(null=True, blank=True)
    raw = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    # The business object it belongs to, e.g. ("licence", "LIC-2026-00001").
    subject_kind = models.CharField(max_length=40, blank=True)
    subject_ref = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=14, choices=choices(OutState), default=OutState.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    receipt_raw = models.BinaryField(null=True, blank=True)
    receipt_error = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["subject_kind", "subject_ref"], name="outbox_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.id} → {self.recipient} ({self.state})"


class Attempt(models.Model):
    """One try at delivering: what the peer answered, or why nothing usable came back."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(auto_now_add=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=14)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at"]


class InboxMessage(models.Model):
    """A verified message from a peer; the id is unique, so a repeat has no second effect."""

    id = models.UUIDField(primary_key=True)
    type = models.CharField(max_length=40)
    sender = models.CharField(max_length=8)
    key_id = models.CharField(max_length=64)
    conversation = models.UUIDField()
    in_reply_to = models.UUIDField(null=True, blank=True)
    sent_at = models.DateTimeField()
    raw = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    body = models.JSONField()
    receipt_raw = models.BinaryField()
    subject_kind = models.CharField(max_length=40, blank=True)
    subject_ref = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["conversation"], name="inbox_conversation")]

    def __str__(self) -> str:
        return f"{self.type} {self.id} from {self.sender}"


class InboxRefusal(models.Model):
    """Bytes refused on arrival: recorded with the signed refusal given, never applied."""

    claimed_id = models.CharField(max_length=64, blank=True)
    claimed_sender = models.CharField(max_length=8, blank=True)
    claimed_type = models.CharField(max_length=40, blank=True)
    code = models.CharField(max_length=40)
    message = models.TextField()
    field = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    # At most the first 64 KiB: a 10 MB refusal is not kept whole.
    head = models.BinaryField()
    receipt_raw = models.BinaryField()
    remote_addr = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]


# The case-work records live beside the transport ones (one app, one migration history).
from torturefree_service.exchange.casemodels import (  # noqa: E402
    ConsultationReceived,
    ConsultationSent,
    InformationRequest,
    NoticeReply,
    PreExportNoticeReceived,
    PreExportNoticeSent,
)

__all__ = [
    "Attempt",
    "ConsultationReceived",
    "ConsultationSent",
    "InboxMessage",
    "InboxRefusal",
    "InformationRequest",
    "NoticeReply",
    "OutState",
    "OutboxMessage",
    "PreExportNoticeReceived",
    "PreExportNoticeSent",
]
