"""Readable, translatable names for the service's closed vocabularies (codes stay in the data)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS: dict[str, object] = {
    # application types
    "individual_export": _("Individual export authorisation"),
    "global_export": _("Global export authorisation"),
    "brokering": _("Brokering services"),
    "technical_assistance": _("Technical assistance"),
    "museum_export": _("Museum export (historical goods)"),
    "museum_import": _("Museum import (historical goods)"),
    "museum_transit": _("Museum transit (historical goods)"),
    "gea_registration": _("Registration for the Union general export authorisation"),
    # statuses
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "withdrawn": _("Withdrawn"),
    "granted": _("Granted"),
    "refused": _("Refused"),
    "registered": _("Registered"),
    "new": pgettext_lazy("case status", "New"),
    "in_review": _("In review"),
    "awaiting_applicant": _("Awaiting the applicant"),
    "advised": _("Advised"),
    "closed": _("Closed"),
    "issued": _("Issued"),
    "suspended": _("Suspended"),
    "revoked": _("Revoked"),
    "annulled": _("Annulled"),
    "exhausted": _("Exhausted"),
    "expired": _("Expired"),
    "active": _("Active"),
    "rejected": _("Rejected"),
    # recommendations and outcomes
    "grant": _("Grant"),
    "refuse": _("Refuse"),
    "prohibited": _("Prohibited"),
    "licence_required": _("Licence required"),
    "needs_review": _("Needs an officer's review"),
    "not_controlled": _("Not controlled"),
    "general_authorisation": _("Covered by the general authorisation"),
    # categories of goods
    "torture_only": _("No practical use other than torture (Annex II)"),
    "death_penalty_only": _("No practical use other than capital punishment (Annex II)"),
    "torture_capable": _("Could be used for torture (Annex III)"),
    "death_penalty_capable": _("Could be used for capital punishment (Annex IV)"),
    "peacekeeping": _("Peacekeeping"),
    "true_match": _("True match"),
    "objects": _("Objects"),
    "no_objection": _("No objection"),
    "no_reply": _("No reply"),
    # refusal reasons
    "art12_2_torture": _("Risk of use for torture or ill-treatment (Art. 12(2))"),
    "art17_2_capital_punishment": _("Risk of use for capital punishment (Art. 17(2))"),
    "insufficient_end_use_information": _("Insufficient information on the end use"),
    "diversion": _("Risk of diversion"),
    "national_ban": _("National ban (Art. 14(1), 15(4))"),
    "other": _("Other reason"),
    # end uses
    "law_enforcement": _("Law enforcement"),
    "museum_display": _("Museum display"),
    "medical": _("Medical"),
    "veterinary": _("Veterinary"),
    "research": _("Research"),
    # party roles
    "consignee": _("Consignee"),
    "end_user": _("End user"),
    "ultimate_end_user": _("Ultimate end user"),
    "distributor": _("Distributor"),
    "broker": _("Broker"),
    "carrier": _("Carrier"),
    # organisation kinds and roles
    "exporter": _("Exporter"),
    "technical_assistance_supplier": _("Technical assistance supplier"),
    "museum": _("Museum"),
    "transporter": _("Transporter"),
    "manufacturer": _("Manufacturer"),
    "trader": _("Trader"),
    "caseworker": _("Caseworker"),
    "senior_officer": _("Senior officer"),
    "auditor": _("Auditor"),
    "administrator": _("Administrator"),
    # documents
    "end_use_statement": _("End-use statement"),
    "distributor_arrangements": _("Distributor arrangements"),
    # case flags
    "screening_hit": _("Screening hit"),
    "risk_findings": _("Risk findings"),
    "denial_consultation": _("Denial consultation needed"),
    "false_positive": _("False positive"),
    # actions on licences (Art. 21(5)) and on organisations (vetting)
    "suspend": _("Suspend"),
    "reinstate": _("Reinstate"),
    "revoke": _("Revoke"),
    "annul": _("Annul"),
    "submit": _("Submit for vetting"),
    "activate": _("Activate"),
    "reject": _("Reject"),
    # list diff kinds
    "added": _("Added"),
    "removed": _("Removed"),
    "changed": _("Changed"),
}


def label(code: object) -> str:
    """The translated name of a code, or the code made readable when it has none yet."""
    text = LABELS.get(str(code))
    return str(text) if text is not None else str(code).replace("_", " ")


def choices(codes: list[str]) -> list[tuple[str, str]]:
    return [(code, label(code)) for code in codes]
