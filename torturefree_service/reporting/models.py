"""StoreRow: the outbox of the records store, written in the transaction of the change it reports.

The store may live in another database (TORTUREFREE_LEDGER_URL) and, on SQLite, cannot be written
by a second connection while Django's transaction holds the file; so, as with the ledger, rows
wait here and are written after commit. A crash in between leaves them pending for the next flush;
the store ignores a row whose key it already has, so a retry writes nothing twice.
"""

from __future__ import annotations

from django.db import models


class StoreRow(models.Model):
    table = models.CharField(max_length=16)
    key = models.CharField(max_length=200)
    row = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    written_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["table", "key"], name="store_row_once")]
        indexes = [models.Index(fields=["written_at"], name="store_row_pending")]

    def __str__(self) -> str:
        return f"{self.table}:{self.key}"
