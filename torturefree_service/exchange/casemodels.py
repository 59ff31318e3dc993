"""The exchange in the case work: notices, consultations and requests, sent and received."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from torturefree_service.denials.models import Denial, DenialMatch
from torturefree_service.licences.models import Licence
from torturefree_service.organisations.models import Person, choices


class NoticeReply(StrEnum):
    AWAITING = "awaiting"
    NO_OBJECTION = "no_objection"
    OBJECTION = "objection"
    INFORMATION_REQUESTED = "information_requested"


class PreExportNoticeSent(models.Model):
    """Seed ¶95/¶102: the importing state heard of this licence before shipment."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="notices_sent")
    to_state = models.CharField(max_length=8)
    message_id = models.UUIDField(unique=True)
    reply_by = models.DateField()
    # From the sender's profile data: what happens when reply_by passes without an answer.
    if_no_reply = models.CharField(max_length=8)
    deadline_citation = models.TextField()
    reply = models.CharField(
        max_length=24, choices=choices(NoticeReply), default=NoticeReply.AWAITING
    )
    reply_reasons = models.JSONField(default=list, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    # An objection holds the licence's shipments until an officer lifts the hold with reasons.
    hold_lifted_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hold_lifted_reason = models.TextField(blank=True)


class PreExportNoticeReceived(models.Model):
    """Another state's licence for goods to us: our officers answer it by `reply_by`."""

    message_id = models.UUIDField(unique=True)
    from_state = models.CharField(max_length=8)
    licence_number = models.CharField(max_length=200)
    reply_by = models.DateField()
    if_no_reply = models.CharField(max_length=8, blank=True)
    body = models.JSONField()
    reply = models.CharField(
        max_length=24, choices=choices(NoticeReply), default=NoticeReply.AWAITING
    )
    reply_reasons = models.JSONField(default=list, blank=True)
    replied_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("reply_by", "id")


class ConsultationSent(models.Model):
    """Art. 23(2): we asked the state that denied an essentially identical transaction."""

    match = models.OneToOneField(
        DenialMatch, on_delete=models.PROTECT, related_name="consultation_sent"
    )
    to_state = models.CharField(max_length=8)
    message_id = models.UUIDField(unique=True)
    reply_by = models.DateField()
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    maintains_denial = models.BooleanField(null=True)
    comments = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)


class ConsultationReceived(models.Model):
    """Another state consults us about one of our denials before it grants (Art. 23(2))."""

    message_id = models.UUIDField(unique=True)
    from_state = models.CharField(max_length=8)
    denial = models.ForeignKey(Denial, on_delete=models.PROTECT, related_name="consulted_by")
    transaction = models.JSONField()
    reply_by = models.DateField()
    maintains_denial = models.BooleanField(null=True)
    comments = models.TextField(blank=True)
    replied_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)


class InformationRequest(models.Model):
    """¶95/¶105: information asked of us (incoming) or by us (outgoing), and the answers."""

    direction = models.CharField(max_length=8)  # "incoming" | "outgoing"
    message_id = models.UUIDField(unique=True)
    peer = models.CharField(max_length=8)
    subject = models.CharField(max_length=40)
    questions = models.JSONField()
    answers = models.JSONField(null=True, blank=True)
    about_kind = models.CharField(max_length=40, blank=True)
    about_ref = models.CharField(max_length=100, blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
