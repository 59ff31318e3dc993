"""AuditEvent: an activity-stream row written in the same transaction as the change it records.

It is also the outbox of the ledger: after commit each event is appended to the hash-chained
ledger (torturefree.records) and its `ledger_seq` set; a failed append is retried by the next
flush (idempotency keys make a retry add nothing twice).
"""

from __future__ import annotations

import uuid

from django.db import models


class AuditEvent(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verb = models.CharField(max_length=64)
    event_type = models.CharField(max_length=64)
    subject = models.CharField(max_length=128, db_index=True)
    actor = models.CharField(max_length=128)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    payload = models.JSONField(default=dict)
    recorded_at = models.DateTimeField(auto_now_add=True)
    ledger_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["ledger_seq"], name="audit_pending")]

    def __str__(self) -> str:
        return f"{self.verb} {self.subject} by {self.actor}"
