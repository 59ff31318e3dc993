"""Organisation vetting (LITE: draft -> in review -> active or rejected)."""

from torturefree_service.organisations.models import OrganisationStatus as S
from torturefree_service.workflow.machine import StateMachine

ORGANISATION = StateMachine(
    "organisation",
    S,
    {
        "submit": ((S.DRAFT,), S.IN_REVIEW),
        "activate": ((S.DRAFT, S.IN_REVIEW, S.SUSPENDED), S.ACTIVE),
        "reject": ((S.DRAFT, S.IN_REVIEW), S.REJECTED),
        "suspend": ((S.ACTIVE,), S.SUSPENDED),
    },
)
