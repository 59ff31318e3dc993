"""The administrator's view of the service's settings (#20: "administrator: vetting, people,
settings"). Settings are the deployment's (environment variables, docs/operations.md): the page
shows what is in force and which variable changes it; nothing is written from here."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from torturefree_service.organisations.models import Organisation, Role
from torturefree_service.web.access import for_roles
from torturefree_service.web.formats import number

# (what it is, the setting, the environment variable that sets it)
SHOWN = (
    (_("Whose law the service applies"), "TORTUREFREE_JURISDICTION", "TORTUREFREE_JURISDICTION"),
    (_("The licensing state"), "TORTUREFREE_STATE", "TORTUREFREE_STATE"),
    (_("Help desk shown in the footer"), "TORTUREFREE_HELP_CONTACT", "TORTUREFREE_HELP_CONTACT"),
    (
        _("Language of issued documents"),
        "TORTUREFREE_DOCUMENT_LANGUAGES",
        "TORTUREFREE_DOCUMENT_LANGUAGES",
    ),
    (
        _("Service target, working days"),
        "TORTUREFREE_SLA_WORKING_DAYS",
        "TORTUREFREE_SLA_WORKING_DAYS",
    ),
    (
        _("Two-factor sign-in required for officers"),
        "TORTUREFREE_OTP_REQUIRED",
        "TORTUREFREE_OTP_REQUIRED",
    ),
    (_("Largest upload, bytes"), "TORTUREFREE_UPLOAD_MAX_BYTES", "TORTUREFREE_UPLOAD_MAX_BYTES"),
    (_("Deployment profile"), "TORTUREFREE_PROFILE", "TORTUREFREE_PROFILE"),
)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, int):
        return number(value)
    return str(value or "—")


@for_roles(Role.ADMINISTRATOR)
def service_settings(request: HttpRequest) -> HttpResponse:
    rows = [
        {"what": what, "value": _shown(getattr(settings, name, "")), "variable": variable}
        for what, name, variable in SHOWN
    ]
    waiting = Organisation.objects.filter(status__in=["draft", "in_review"]).count()
    languages = [name for _code, name in settings.LANGUAGES]
    context = {"rows": rows, "waiting": waiting, "languages": languages}
    return render(request, "web/admin/settings.html", context)
