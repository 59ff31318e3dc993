"""The hub's records: participants with their keys, and each signed directory it published."""

from __future__ import annotations

from django.db import models


class Participant(models.Model):
    """A state (ISO 3166-1 alpha-2) or the hub itself (`HUB`), as the directory lists it."""

    state = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500)
    profile = models.CharField(max_length=20, blank=True)
    annexes_opted_in = models.JSONField(default=list)
    accepts = models.JSONField(default=list)
    contact = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["state"]

    def __str__(self) -> str:
        return self.state


class ParticipantKey(models.Model):
    """One Ed25519 public key of a participant with its validity (never deleted: it verifies
    what it signed)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="keys")
    key_id = models.CharField(max_length=100)
    public_key = models.CharField(max_length=64)
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "key_id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "key_id"], name="hub_key_once")
        ]


class PublishedDirectory(models.Model):
    """A directory version exactly as signed and served (a version is never published twice)."""

    version = models.PositiveIntegerField(unique=True)
    signed = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
