"""Words for the codes the country rules pages print (categories, activities, outcomes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

HUB_LABELS: dict[str, object] = {
    # The four categories of the Group of Governmental Experts (seed ¶118 (a)-(d)).
    "torture_only": _("Goods with no practical use other than torture or ill-treatment"),
    "death_penalty_only": _("Goods with no practical use other than capital punishment"),
    "torture_capable": _("Goods that could be used for torture or ill-treatment"),
    "death_penalty_capable": _("Goods that could be used for capital punishment"),
    "export": _("Export"),
    "import": _("Import"),
    "transit": _("Transit"),
    "brokering": _("Brokering"),
    "technical_assistance": _("Technical assistance"),
    "training": _("Training"),
    "trade_fair": _("Display at trade fairs"),
    "advertising": _("Advertising"),
    "manufacture": _("Manufacture"),
    "prohibited": _("Prohibited"),
    "licence_required": _("Licence required"),
    "needs_review": _("Needs an officer's review"),
    "general_authorisation": _("Covered by the general authorisation"),
    "not_controlled": _("Not controlled"),
    # Who brings a case (seed ¶111), its statuses and steps.
    "un_mechanism": _("A UN mechanism"),
    "regional_mechanism": _("A regional mechanism"),
    "npm": _("A national preventive mechanism"),
    "state": _("A state"),
    "civil_society": _("Civil society"),
    "received": _("Received"),
    "triaged": _("Triaged"),
    "assigned": _("Assigned"),
    "findings": _("Findings recorded"),
    "published": _("Outcome published"),
    "closed": _("Closed"),
    "submit": _("Submitted"),
    "evidence": _("Evidence added"),
    "triage": _("Triage"),
    "assign": _("Assignment"),
    "finding": _("Findings"),
    "publish": _("Publication"),
    "close": _("Closing"),
    "ask": _("Information requested from a state"),
    "answer": _("A state's reply received"),
    # The roles of the hub's accounts (hub/roles.py).
    "secretariat": _("Secretariat"),
    "analyst": _("Analyst"),
    "reviewer": _("Reviewer"),
    "state_focal_point": _("State focal point"),
    "organisation": _("Organisation account"),
    # UN M49 regions of a partner country (data/countries/countries.csv), in the reports' overview.
    "Africa": _("Africa"),
    "Americas": _("Americas"),
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Oceania": _("Oceania"),
    "Unknown": _("Unknown region"),
}


def hub_label(code: object) -> str:
    text = HUB_LABELS.get(str(code))
    return str(text) if text is not None else str(code).replace("_", " ")
