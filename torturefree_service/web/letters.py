"""The decision letter's download (#18, item 4): the trader's own, and the staff's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from torturefree_service.applications.selectors import application_get
from torturefree_service.cases.letter import decision_pdf
from torturefree_service.errors import NotFound
from torturefree_service.organisations.access import READERS
from torturefree_service.organisations.models import Role
from torturefree_service.web.access import for_roles, me


@for_roles(Role.TRADER, *READERS)
def decision_download(request: HttpRequest, application_id: int, decision_id: int) -> HttpResponse:
    # application_get refuses another organisation's application (404, nothing revealed).
    application = application_get(person=me(request), application_id=application_id)
    case = getattr(application, "case", None)
    decision = case.decisions.filter(pk=decision_id).first() if case else None
    if decision is None:
        raise NotFound(_("No such decision."), field="id")
    response = HttpResponse(decision_pdf(decision), content_type="application/pdf")
    name = f"{application.reference}-decision-{decision.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
