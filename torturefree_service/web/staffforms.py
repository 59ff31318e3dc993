"""Forms of the senior officers', administrators' and auditors' pages (shapes only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from torturefree_service.licences.models import Licence
from torturefree_service.organisations.models import Organisation, Role
from torturefree_service.web.labels import label
from torturefree_service.web.uploadforms import text_upload

LICENCE_ACTIONS = ("suspend", "reinstate", "revoke", "annul")
VETTING = ("activate", "reject", "submit", "suspend")  # the usual decision first


def _choose(field: forms.Field, choices: list[tuple[str, Any]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class LicenceActionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail; an annulment is notified to other states."),
    )

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = [a for a in LICENCE_ACTIONS if allowed is None or a in allowed]
        _choose(self.fields["action"], [(a, label(a)) for a in codes])


class ConditionsForm(forms.Form):
    conditions = forms.CharField(
        label=_("Licence conditions"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtendForm(forms.Form):
    months = forms.IntegerField(label=_("Extend by (months)"), min_value=1, max_value=24)


class LinesForm(forms.Form):
    """New quantities and values of a licence's lines (Art. 21(5)); unchanged lines are left."""

    reason = forms.CharField(
        label=_("Reason for the change"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, licence: Licence, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = list(licence.lines.all())
        for line in self.lines:
            self.fields[f"quantity_{line.line_no}"] = forms.DecimalField(
                label=_("Line %(n)s: quantity (%(unit)s)") % {"n": line.line_no, "unit": line.unit},
                initial=line.quantity,
                min_value=0.001,
                max_digits=14,
                decimal_places=3,
            )
            self.fields[f"value_{line.line_no}"] = forms.DecimalField(
                label=_("Line %(n)s: value (%(currency)s)")
                % {"n": line.line_no, "currency": line.currency},
                initial=line.value,
                min_value=0,
                max_digits=16,
                decimal_places=2,
            )

    def changes(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        out = []
        for line in self.lines:
            quantity, value = data[f"quantity_{line.line_no}"], data[f"value_{line.line_no}"]
            if quantity != line.quantity or value != line.value:
                out.append({"line_no": line.line_no, "quantity": quantity, "value": value})
        return out

    def service_fields(self) -> dict[str, str]:
        """The service names fields `lines[i].quantity`; map them back to this form's fields."""
        fields = {}
        for i, change in enumerate(self.changes() if self.is_bound and self.is_valid() else []):
            for name in ("quantity", "value"):
                fields[f"lines[{i}].{name}"] = f"{name}_{change['line_no']}"
        return fields


class DenialImportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("csv", "CSV"), ("json", "JSON")], widget=forms.RadioSelect
    )
    # One of the paste and the file is needed: no browser `required`, the server says which.
    use_required_attribute = False
    content = forms.CharField(
        label=_("Paste the notifications"),
        max_length=5_000_000,
        widget=forms.Textarea(attrs={"rows": 8, "class": "wide", "spellcheck": "false"}),
        error_messages={"required": _("Paste the notifications or choose a file.")},
    )
    upload = forms.FileField(label=_("Or a file"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from torturefree_service.denials.services import IMPORT_FIELDS

        super().__init__(*args, **kwargs)
        self.fields["content"].required = not (self.files and self.files.get("upload"))
        self.fields["content"].help_text = _(
            "A header line, then one notification a line. Columns: %(columns)s."
        ) % {"columns": ", ".join(IMPORT_FIELDS)}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            data["content"] = text_upload(self, upload, "denial_import")
        return data


class VetForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = [a for a in VETTING if allowed is None or a in allowed]
        _choose(self.fields["action"], [(a, label(a)) for a in codes])


class PersonForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        error_messages={"invalid": _("Letters, digits and . @ + - _ only.")},
    )
    password = forms.CharField(
        label=_("First password"),
        min_length=10,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("At least 10 characters; give it to the person by a separate channel."),
    )
    role = forms.ChoiceField(label=_("Role"))
    organisation = forms.ChoiceField(label=_("Organisation (traders only)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["role"], [(r.value, label(r.value)) for r in Role])
        orgs = Organisation.objects.order_by("name").values_list("pk", "name")[:500]
        _choose(
            self.fields["organisation"],
            [("", _("— none (staff) —")), *((str(pk), name) for pk, name in orgs)],
        )


class AuditForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        required=False,
        max_length=200,
        help_text=_("e.g. case/TF-2025-000001, licence/LIC-2025-000001, organisation/3"),
    )


class PersonChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    active = forms.BooleanField(
        label=_("May sign in"),
        required=False,
        help_text=_("Untick to deactivate the login; its history stays."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("Recorded in the audit trail."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["role"], [(r.value, label(r.value)) for r in Role])
