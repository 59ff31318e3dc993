"""The case page's form to mark a release alert reviewed (POST from the "Changed by a new list
release" box): the officer has seen the old and new answers; the service records and audits it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from torturefree_service.cases.selectors import case_get
from torturefree_service.errors import NotFound, ServiceError
from torturefree_service.organisations.access import CASEWORK
from torturefree_service.releases.services import release_alert_resolve
from torturefree_service.web.access import for_roles, me


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What you checked"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@for_roles(*CASEWORK)
@require_POST
def alert_resolve(request: HttpRequest, case_id: int, alert_id: int) -> HttpResponse:
    who = me(request)
    case = case_get(person=who, case_id=case_id)
    alert = case.release_alerts.filter(pk=alert_id, resolved_at__isnull=True).first()
    if alert is None:
        raise NotFound(_("No open release alert with this number on the case."), field="alert")
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long (2,000 characters at most)."))
        return redirect("web:case", case.pk)
    try:
        release_alert_resolve(by=who, alert=alert, note=form.cleaned_data["note"])
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("web:case", case.pk)
    messages.success(request, _("Marked as reviewed: the old and new answers were checked."))
    return redirect("web:case", case.pk)
