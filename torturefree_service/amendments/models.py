"""The hub's records of the expert mechanism (issue 16): experts, requests and every step of
their procedure as recorded, and the list releases the hub published. The procedure's state is
what replaying the events gives (torturefree.lists.amendments.procedure); `state` here is a copy
kept for the queue's filter."""

from __future__ import annotations

from django.db import models


class Expert(models.Model):
    expert_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    nationality = models.CharField(max_length=2)
    regional_group = models.CharField(max_length=40)
    fields = models.JSONField(default=list)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["expert_id"]


class AmendmentRequest(models.Model):
    request_id = models.CharField(max_length=64, unique=True)
    requester = models.CharField(max_length=200)
    entry = models.CharField(max_length=200)
    change = models.CharField(max_length=10)
    urgent = models.BooleanField(default=False)
    received = models.DateField()
    state = models.CharField(max_length=20, default="received")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received", "request_id"]


class AmendmentEvent(models.Model):
    """One step as recorded, in order (the first is the filing, whose data is the request)."""

    request = models.ForeignKey(AmendmentRequest, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)
    at = models.DateField()
    by = models.CharField(max_length=200)
    data = models.JSONField(default=dict)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["request", "seq"], name="amendment_event_once")
        ]


class PublishedRelease(models.Model):
    """A list release the hub signed and published, the file exactly as signed (never deleted)."""

    release = models.CharField(max_length=64, unique=True)
    sequence = models.PositiveIntegerField(unique=True)
    issued_at = models.CharField(max_length=40)
    title = models.CharField(max_length=500, blank=True)
    changelog = models.JSONField(default=list)
    archive = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sequence"]


class AmendmentNotice(models.Model):
    """A signed amendment_notice to a participant's node (a question, a decision), kept until its
    receipt: pending (retried by `amendments notify`), delivered or refused (final)."""

    request = models.ForeignKey(AmendmentRequest, on_delete=models.CASCADE, related_name="notices")
    state = models.CharField(max_length=3)
    message_id = models.CharField(max_length=36, unique=True)
    raw = models.BinaryField()
    status = models.CharField(max_length=10, default="pending")
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["created_at", "state"]
