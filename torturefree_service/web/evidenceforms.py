"""Forms of the evidence register's writes: an item's fields, a withdrawal, an import (shapes
only; the core's model and the services decide what is acceptable)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from torturefree.risk.model import EvidenceItem, EvidenceKind, Practice
from torturefree_service.web.forms import CountryField
from torturefree_service.web.labels import label
from torturefree_service.web.uploadforms import text_upload

DATE = {"type": "date"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of source"))
    issuing_body = forms.CharField(label=_("Issued by"), max_length=300)
    country = CountryField(label=_("Country"))
    date = forms.DateField(label=_("Date of the source"), widget=forms.DateInput(attrs=DATE))
    title = forms.CharField(label=_("Title"), max_length=500)
    symbol = forms.CharField(
        label=_("Document symbol"), required=False, max_length=200,
        help_text=_("e.g. CAT/C/BRA/CO/2, CPT/Inf (2024) 7"),
    )  # fmt: skip
    href = forms.URLField(
        label=_("Address (URL)"), required=False, max_length=1000, assume_scheme="https"
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    practices = forms.MultipleChoiceField(
        label=_("Practices reported"), required=False, widget=forms.CheckboxSelectMultiple
    )
    goods = forms.CharField(
        label=_("Goods named"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One a line."),
    )  # fmt: skip
    end_users = forms.CharField(
        label=_("End users named"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line: a police unit, a prison. Shown to staff only."),
    )  # fmt: skip
    reliability = forms.CharField(label=_("Reliability"), required=False, max_length=200)
    review_date = forms.DateField(
        label=_("Next review"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    reason = forms.CharField(
        label=_("Why you enter or change it"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Kept in the item's history."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            ("", _("— choose —")),
            *((k.value, label(k.value, "evidence")) for k in EvidenceKind),
        ]
        practices = self.fields["practices"]
        assert isinstance(practices, forms.ChoiceField)
        practices.choices = [(p.value, label(p.value)) for p in Practice]

    @staticmethod
    def initial_from(item: EvidenceItem) -> dict[str, Any]:
        return {
            "kind": item.kind.value,
            "issuing_body": item.issuing_body,
            "country": item.country,
            "date": item.date,
            "title": item.citation.title,
            "symbol": item.citation.symbol or "",
            "href": item.citation.href or "",
            "summary": item.summary,
            "practices": [p.value for p in item.practices],
            "goods": "\n".join(item.goods),
            "end_users": "\n".join(item.end_users),
            "reliability": item.reliability or "",
            "review_date": item.review_date,
        }

    def data_for_service(self) -> dict[str, Any]:
        """The core's record shape; empty optional fields are absent (None), as the API takes."""
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "issuing_body": d["issuing_body"],
            "country": d["country"],
            "date": d["date"].isoformat(),
            "citation": {
                "title": d["title"],
                "symbol": d["symbol"] or None,
                "href": d["href"] or None,
            },
            "summary": d["summary"],
            "practices": list(d["practices"]),
            "goods": _lines(d["goods"]),
            "end_users": _lines(d["end_users"]),
            "reliability": d["reliability"] or None,
            "review_date": d["review_date"].isoformat() if d["review_date"] else None,
        }

    def field_of(self, name: str | None) -> str | None:
        """The service names `citation.title` or `practices.0`; this form says `title`, `practices`."""
        parts = [p for p in (name or "").split(".") if p]
        if not parts:
            return None
        if parts[0] == "citation" and len(parts) > 1:
            return parts[1] if parts[1] in self.fields else None
        return parts[0] if parts[0] in self.fields else None


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is withdrawn"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Findings stop showing the item; its history stays."),
    )  # fmt: skip


class ImportForm(forms.Form):
    """A paste or a file (one of them), checked as a whole by the job that imports it."""

    FORMATS: ClassVar[list[tuple[str, str]]] = [("csv", "CSV"), ("json", "JSON")]
    use_required_attribute = False  # one of the paste and the file: the server says which
    format = forms.ChoiceField(label=_("Format"), widget=forms.RadioSelect)
    content = forms.CharField(
        label=_("Paste the records"),
        max_length=5_000_000,
        widget=forms.Textarea(attrs={"rows": 8, "class": "wide", "spellcheck": "false"}),
        error_messages={"required": _("Paste the records or choose a file.")},
    )
    upload = forms.FileField(label=_("Or a file"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fmt = self.fields["format"]
        assert isinstance(fmt, forms.ChoiceField)
        fmt.choices = self.FORMATS
        self.fields["content"].required = not (self.files and self.files.get("upload"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            data["content"] = text_upload(self, upload, "evidence_import")
        return data

    def params(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "upload"}


class EvidenceImportForm(ImportForm):
    FORMATS: ClassVar[list[tuple[str, str]]] = [
        ("csv", "CSV"),
        ("json", "JSON"),
        ("jsonl", "JSON Lines"),
    ]
    reason = forms.CharField(
        label=_("Why you import it"), max_length=2000,
        help_text=_("e.g. the CPT's 2025 reports; kept in each item's history."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from torturefree.risk.evidence_io import CSV_REQUIRED

        super().__init__(*args, **kwargs)
        # The core's reader decides the columns; the hint names them from there, not a copy.
        self.fields["content"].help_text = _(
            "CSV: a header line, then one item a line. Required columns: %(columns)s."
        ) % {"columns": ", ".join(sorted(CSV_REQUIRED))}
