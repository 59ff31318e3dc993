"""The senior officer's forms on the licence page (Art. 21(5)): apart from web/officer.py, so
the licence page (web/licences.py) and the officer's views do not import each other."""

from __future__ import annotations

from django import forms

from torturefree_service.licences.models import Licence
from torturefree_service.licences.states import LICENCE
from torturefree_service.web.staffforms import (
    LICENCE_ACTIONS,
    ConditionsForm,
    ExtendForm,
    LicenceActionForm,
    LinesForm,
)


def allowed_actions(licence: Licence) -> list[str]:
    return [a for a in LICENCE_ACTIONS if LICENCE.allows(licence.status, a)]


def officer_forms(licence: Licence) -> dict[str, forms.Form]:
    """The forms of the licence page's actions section, empty (a posted one replaces its own)."""
    return {
        "act_form": LicenceActionForm(allowed=allowed_actions(licence), prefix="act"),
        "conditions_form": ConditionsForm(
            initial={"conditions": licence.conditions}, prefix="cond"
        ),
        "extend_form": ExtendForm(prefix="ext"),
        "lines_form": LinesForm(licence=licence, prefix="lines"),
    }
