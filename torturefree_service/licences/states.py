"""The licence workflow (Art. 21(5): annul, suspend, modify, revoke; plus exhaustion and expiry)."""

from torturefree_service.licences.models import LicenceStatus as S
from torturefree_service.workflow.machine import StateMachine

LIVE = (S.ISSUED, S.SUSPENDED)

LICENCE = StateMachine(
    "licence",
    S,
    {
        "suspend": ((S.ISSUED,), S.SUSPENDED),
        "reinstate": ((S.SUSPENDED,), S.ISSUED),
        "modify": ((S.ISSUED,), S.ISSUED),
        "extend": ((S.ISSUED,), S.ISSUED),
        "revoke": (LIVE, S.REVOKED),
        "annul": (LIVE, S.ANNULLED),
        "exhaust": ((S.ISSUED,), S.EXHAUSTED),
        "expire": (LIVE, S.EXPIRED),
    },
)
