"""Page forms: they check shapes and keep what the person typed; the services decide the rest."""

from __future__ import annotations

import functools
from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from torturefree.lists.countries import load_countries
from torturefree.paths import data_dir
from torturefree.vocabulary import EndUse
from torturefree_service.applications.models import DocumentKind, PartyRole
from torturefree_service.applications.types import ApplicationType
from torturefree_service.cases.models import RefusalReason
from torturefree_service.organisations.models import OrganisationKind
from torturefree_service.web.labels import label


@functools.cache
def _country_names() -> list[tuple[str, str]]:
    names = load_countries(data_dir()).names
    return sorted(names.items(), key=lambda item: item[1])


def country_choices(blank: bool = True) -> list[tuple[str, object]]:
    """Every country, named in the page's language (CLDR, web/formats.py) and sorted so."""
    from torturefree_service.web.formats import country

    named = sorted(((code, country(code)) for code, _name in _country_names()), key=_by_name)
    rows: list[tuple[str, object]] = [(c, f"{name} ({c})") for c, name in named]
    return [("", _("— choose a country —")), *rows] if blank else rows


def _by_name(item: tuple[str, str]) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", item[1]).casefold()


class LazyChoices(forms.ChoiceField):
    """A choice field whose labels are translated when the form is built, not at import."""

    def __init__(self, codes: list[str], *args: object, **kwargs: object) -> None:
        super().__init__(*args, choices=[(c, label(c)) for c in codes], **kwargs)  # type: ignore[arg-type]


class CountryField(forms.ChoiceField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, choices=country_choices, **kwargs)  # type: ignore[arg-type]


class StartForm(forms.Form):
    type = forms.ChoiceField(label=_("What do you want to do?"), widget=forms.RadioSelect)
    destination = CountryField(label=_("Destination country"))
    origin = CountryField(label=_("Country of origin (imports and transit)"), required=False)
    goods_location = forms.CharField(
        label=_("Where the goods are now (brokering)"), required=False, max_length=200
    )
    end_use = forms.ChoiceField(label=_("End use"))
    end_use_detail = forms.CharField(
        label=_("Describe the end use"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who will use the goods, where and for what. Be specific."),
    )
    requested_validity_months = forms.IntegerField(
        label=_("Validity you ask for (months)"), required=False, min_value=1, max_value=36
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["type"].choices = [(t.value, label(t.value)) for t in ApplicationType]  # type: ignore[attr-defined]
        self.fields["end_use"].choices = [(e.value, label(e.value)) for e in EndUse]  # type: ignore[attr-defined]


class LineForm(forms.Form):
    description = forms.CharField(
        label=_("Description of the goods"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("As on the invoice, e.g. 'stun gun, 50 kV, handheld'. Any language."),
    )
    cn_code = forms.CharField(label=_("CN code"), required=False, max_length=16)
    cas = forms.CharField(label=_("CAS number (chemicals)"), required=False, max_length=16)
    quantity = forms.DecimalField(
        label=_("Quantity"), min_value=0.001, max_digits=14, decimal_places=3
    )
    unit = forms.CharField(label=_("Unit"), initial="pieces", max_length=16)
    value = forms.DecimalField(
        label=_("Value"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    currency = forms.CharField(label=_("Currency"), initial="EUR", max_length=3, min_length=3)


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    name = forms.CharField(label=_("Name"), max_length=200)
    country = CountryField(label=_("Country"))
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    type = forms.CharField(
        label=_("Type (e.g. police, prison service)"), required=False, max_length=40
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = [(r.value, label(r.value)) for r in PartyRole]  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [(k.value, label(k.value)) for k in DocumentKind]  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}))


class ShipmentForm(forms.Form):
    customs_reference = forms.CharField(label=_("Customs reference (MRN)"), max_length=64)
    shipped_on = forms.DateField(
        label=_("Shipped on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    line_no = forms.IntegerField(label=_("Licence line"), min_value=1)
    quantity = forms.DecimalField(
        label=_("Quantity shipped"), min_value=0.001, max_digits=14, decimal_places=3
    )
    value = forms.DecimalField(
        label=_("Value shipped"), required=False, min_value=0, max_digits=16, decimal_places=2
    )


class FirstUseForm(forms.Form):
    first_used_on = forms.DateField(
        label=_("Date of the first export"), widget=forms.DateInput(attrs={"type": "date"})
    )


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


class AdviceForm(forms.Form):
    recommendation = forms.ChoiceField(label=_("Recommendation"), widget=forms.RadioSelect)
    reasons = forms.MultipleChoiceField(
        label=_("Refusal reasons"), required=False, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(
        label=_("Reasons in words"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["recommendation"].choices = [  # type: ignore[attr-defined]
            ("grant", label("grant")),
            ("refuse", label("refuse")),
        ]
        self.fields["reasons"].choices = [(r.value, label(r.value)) for r in RefusalReason]  # type: ignore[attr-defined]


class DecisionForm(AdviceForm):
    conditions = forms.CharField(
        label=_("Licence conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    validity_months = forms.IntegerField(
        label=_("Validity (months)"), required=False, min_value=1, max_value=36
    )


class RatingForm(forms.Form):
    entry_id = forms.CharField(
        label=_("List entry"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to rate the line as not controlled."),
    )
    note = forms.CharField(label=_("Why"), required=False, max_length=1000)


class ConsultationForm(forms.Form):
    answer = forms.ChoiceField(label=_("The other state's answer"))
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        from torturefree_service.denials.models import ConsultationAnswer

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["answer"].choices = [(a.value, label(a.value)) for a in ConsultationAnswer]  # type: ignore[attr-defined]


class DispositionForm(forms.Form):
    """An officer's disposition on one screening hit; each hit's form on the case page is written
    out in screening_item.html with ids of its own (`ids` gives each field's id prefix)."""

    # Empty: the hit is on the applicant organisation.
    party_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    watchlist = forms.CharField(widget=forms.HiddenInput)
    entity_id = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Disposition"))
    reason = forms.CharField(label=_("Reason"), max_length=1000)
    # No parameter under data/parameters sets a default or longest suppression, so the field
    # starts empty: the officer chooses the date (docs/screening.md, Dispositions).
    expires_at = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "A false positive needs one: it hides the same hit until that date, or until the"
            " listed entity changes."
        ),
    )
    ids: ClassVar[dict[str, str]] = {"status": "st", "reason": "re", "expires_at": "ex"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        from torturefree.screening.dispositions import DispositionStatus

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["status"].choices = [(s.value, label(s.value)) for s in DispositionStatus]  # type: ignore[attr-defined]


class QueueForm(forms.Form):
    """The queue's filters; multi-select where LITE's users asked for it (§2.3)."""

    assigned = forms.ChoiceField(label=_("Assigned"), required=False)
    status = forms.MultipleChoiceField(
        label=_("Status"), required=False, widget=forms.CheckboxSelectMultiple
    )
    type = forms.MultipleChoiceField(
        label=_("Type"), required=False, widget=forms.CheckboxSelectMultiple
    )
    destination = forms.CharField(
        label=_("Destinations"),
        required=False,
        max_length=200,
        help_text=_("Country codes separated by spaces, e.g. BR AR"),
    )
    flag = forms.ChoiceField(label=_("With flag"), required=False)
    exclude_flag = forms.ChoiceField(label=_("Without flag"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        from torturefree_service.cases.models import CaseStatus

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        flags = [
            "",
            "prohibited",
            "needs_review",
            "denial_consultation",
            "screening_hit",
            "risk_findings",
        ]
        self.fields["assigned"].choices = [  # type: ignore[attr-defined]
            ("any", _("Anyone")),
            ("me", _("Me")),
            ("unassigned", _("Nobody")),
        ]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (s.value, label(s.value)) for s in CaseStatus if s != "closed"
        ]
        self.fields["type"].choices = [  # type: ignore[attr-defined]
            (t.value, label(t.value)) for t in ApplicationType if t != "gea_registration"
        ]
        self.fields["flag"].choices = [(f, label(f) if f else _("any")) for f in flags]  # type: ignore[attr-defined]
        self.fields["exclude_flag"].choices = [(f, label(f) if f else _("none")) for f in flags]  # type: ignore[attr-defined]


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name of this view"), max_length=80)


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    kind = forms.ChoiceField(label=_("What the organisation does"))
    country = CountryField(label=_("Country of establishment"))
    registration_number = forms.CharField(
        label=_("Company registration number"), required=False, max_length=64
    )
    eori = forms.CharField(label=_("EORI number"), required=False, max_length=32)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    username = forms.CharField(label=_("Your username"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        min_length=10,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("At least 10 characters."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (k.value, label(k.value)) for k in OrganisationKind if k != OrganisationKind.AUTHORITY
        ]


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        help_text=_("As printed on the licence, e.g. 3F9A 12C0 77BE 4D21"),
    )


class DateForm(forms.Form):
    q = forms.CharField(
        label=_("Search the entries"),
        required=False,
        max_length=200,
        help_text=_(
            "Words of the goods in any language the lists have, a CN code or a CAS number."
        ),
    )
    date = forms.DateField(
        label=_("In force on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DiffForm(forms.Form):
    before = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    after = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
