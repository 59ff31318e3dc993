"""The application workflow: one table of allowed transitions."""

from torturefree_service.applications.models import ApplicationStatus as S
from torturefree_service.workflow.machine import StateMachine

APPLICATION = StateMachine(
    "application",
    S,
    {
        "submit": ((S.DRAFT,), S.SUBMITTED),
        "register": ((S.DRAFT,), S.REGISTERED),
        "withdraw": ((S.DRAFT, S.SUBMITTED), S.WITHDRAWN),
        "grant": ((S.SUBMITTED,), S.GRANTED),
        "refuse": ((S.SUBMITTED,), S.REFUSED),
        # The trader must change it: a copy becomes the new draft, this one is superseded.
        "supersede": ((S.SUBMITTED,), S.SUPERSEDED),
    },
)
