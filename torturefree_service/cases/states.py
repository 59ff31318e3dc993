"""The case workflow: one table of allowed transitions."""

from torturefree_service.cases.models import CaseStatus as S
from torturefree_service.workflow.machine import StateMachine

OPEN = (S.NEW, S.IN_REVIEW, S.AWAITING_APPLICANT, S.ADVISED)

CASE = StateMachine(
    "case",
    S,
    {
        "assign": ((S.NEW,), S.IN_REVIEW),
        "ask": ((S.IN_REVIEW,), S.AWAITING_APPLICANT),
        "answer": ((S.AWAITING_APPLICANT,), S.IN_REVIEW),
        "advise": ((S.IN_REVIEW,), S.ADVISED),
        "return": ((S.ADVISED,), S.IN_REVIEW),
        "decide": ((S.ADVISED,), S.CLOSED),
        "withdraw": (OPEN, S.CLOSED),
    },
)
