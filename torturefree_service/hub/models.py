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


class RegisterLog(models.Model):
    """One row: the register's size, locked by every append so leaves get consecutive indexes."""

    size = models.BigIntegerField(default=0)


class RegisterNode(models.Model):
    """A complete subtree of the Merkle tree (docs/hub.md): key = level << 56 | index."""

    key = models.BigIntegerField(primary_key=True)
    hash = models.BinaryField()


class RegisterEntry(models.Model):
    """A leaf: the canonical entry text (the leaf bytes) and the columns search reads."""

    index = models.BigIntegerField(primary_key=True)
    message_id = models.CharField(max_length=36, unique=True)
    state = models.CharField(max_length=3)
    action = models.CharField(max_length=12)
    kind = models.CharField(max_length=40)
    reference = models.CharField(max_length=200)
    name = models.CharField(max_length=500)
    name_key = models.CharField(max_length=500, db_index=True)
    country = models.CharField(max_length=2)
    valid_from = models.DateField()
    valid_until = models.DateField(null=True)
    recorded_at = models.DateTimeField()
    text = models.TextField()
    # Derived, outside the log: on an authorisation, the day a later entry withdrew it.
    withdrawn_on = models.DateField(null=True)

    class Meta:
        ordering = ["index"]
        indexes = [
            models.Index(fields=["country", "kind"], name="hub_reg_country_kind"),
            models.Index(fields=["state", "reference"], name="hub_reg_reference"),
        ]


class TreeHead(models.Model):
    """Every signed tree head the hub gave out (a consistency proof links any two of them)."""

    tree_size = models.BigIntegerField(unique=True)
    signed = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)


class InboxReceipt(models.Model):
    """The signed receipt the hub's inbox gave for a message id (the same id gets it again)."""

    message_id = models.CharField(max_length=36, primary_key=True)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10)
    receipt = models.BinaryField()
    received_at = models.DateTimeField(auto_now_add=True)


class WatchlistListing(models.Model):
    """A proposed or published listing of the shared watchlist (seed ¶109): who proposed it
    (a state through the exchange, or `HUB` for the hub's analysts), the subject, the reason,
    the evidence and source, the review date; its status moves only through WatchlistEvent."""

    proposer = models.CharField(max_length=3)
    reference = models.CharField(max_length=200)
    message_id = models.CharField(max_length=36, null=True, unique=True)
    proposed_by = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    aliases = models.JSONField(default=list)
    country = models.CharField(max_length=2, blank=True)
    identifiers = models.JSONField(default=list)
    birth_date = models.DateField(null=True)
    reason = models.TextField()
    source = models.CharField(max_length=200)
    evidence = models.JSONField(default=list)
    classification = models.JSONField(default=dict)
    review_on = models.DateField()
    status = models.CharField(max_length=12, default="proposed")
    listed_on = models.DateField(null=True)
    delisted_on = models.DateField(null=True)
    removal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["proposer", "reference"], name="hub_wl_reference_once")
        ]

    @property
    def public_id(self) -> str:
        return f"hub-wl-{self.proposer.lower()}-{self.reference}"


class WatchlistEvent(models.Model):
    """One step of a listing's history (proposed, approved, rejected, listed, delisted)."""

    listing = models.ForeignKey(WatchlistListing, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=12)
    actor = models.CharField(max_length=200)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class WatchlistRelease(models.Model):
    """A published version of the watchlist: the torture-csv file nodes import, and the hub's
    signature over its hash (never rewritten)."""

    version = models.PositiveIntegerField(unique=True)
    content = models.TextField()
    sha256 = models.CharField(max_length=64)
    # The same listings as FollowTheMoney entities (JSON Lines), signed too (ftm_sha256).
    ftm = models.TextField(default="")
    listed = models.PositiveIntegerField()
    delisted = models.PositiveIntegerField()
    signed = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]


# Case review (seed ¶111) lives in its own module; imported here so Django registers it.
from torturefree_service.hub.accountmodels import HubAccount  # noqa: E402
from torturefree_service.hub.casemodels import ReviewCase, ReviewEvent, ReviewEvidence  # noqa: E402
from torturefree_service.hub.reportmodels import FiledReport  # noqa: E402

__all__ = [
    "FiledReport",
    "HubAccount",
    "InboxReceipt",
    "Participant",
    "ParticipantKey",
    "PublishedDirectory",
    "RegisterEntry",
    "RegisterLog",
    "RegisterNode",
    "ReviewCase",
    "ReviewEvent",
    "ReviewEvidence",
    "TreeHead",
    "WatchlistEvent",
    "WatchlistListing",
    "WatchlistRelease",
]
