"""Accounts on the hub's pages (seed ¶111): the body's secretariat, analysts and reviewers, a
state's focal point, and organisation accounts (UN and regional mechanisms, national preventive
mechanisms, States, civil society) that bring cases and follow their own. Someone signed out is
the public. What each role sees and does is in hub/roles.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models

ROLES = ("secretariat", "analyst", "reviewer", "state_focal_point", "organisation")


class HubAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_account"
    )
    role = models.CharField(max_length=20)
    # A focal point's state (ISO 3166-1 alpha-2): the cases naming it are the ones it sees.
    state = models.CharField(max_length=2, blank=True)
    # An organisation account's name and kind (casemodels.SUBMITTER_KINDS).
    organisation = models.CharField(max_length=200, blank=True)
    organisation_kind = models.CharField(max_length=20, blank=True)
    created_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def actor(self) -> str:
        """How the case history and the ledger name this account's steps."""
        return f"{self.role}:{self.user.username}"
