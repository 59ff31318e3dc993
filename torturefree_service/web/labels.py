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
    # the exchange with other states (#13)
    "pre_export_objection": _("Importing state objected"),
    "consultation_awaiting_reply": _("Consultation awaiting reply"),
    "awaiting": _("Not answered yet"),
    "objection": _("Objection"),
    "information_requested": _("Information requested"),
    "end_use_verification": _("End-use verification"),
    "import_information": _("Import information"),
    "false_positive": _("False positive"),
    # actions on licences (Art. 21(5)) and on organisations (vetting)
    "suspend": _("Suspend"),
    "reinstate": _("Reinstate"),
    "revoke": _("Revoke"),
    "annul": _("Annul"),
    "submit": _("Submit for vetting"),
    "activate": _("Activate"),
    "reject": _("Reject"),
    # units as words (the checker's answers; licence lines)
    "unit:mm": _("mm (millimetres)"),
    "unit:cm": _("cm (centimetres)"),
    "unit:inch": _("inches"),
    "pieces": _("pieces"),
    "kg": _("kilograms"),
    "g": _("grams"),
    "l": _("litres"),
    "litres": _("litres"),
    # list diff kinds
    "added": _("Added"),
    "removed": _("Removed"),
    "changed": _("Changed"),
    # licence kinds
    "individual": _("Individual authorisation"),
    "global": _("Global authorisation"),
    # background jobs: kinds, states and steps
    "annual_report": _("Annual report"),
    "denial_import": _("Import of denial notifications"),
    "evidence_import": _("Import of evidence items"),
    "queued": _("Waiting to start"),
    "running": _("Running"),
    "done": _("Done"),
    "failed": _("Failed"),
    "reading_records": _("reading the records"),
    "counting": _("counting"),
    "writing_file": _("writing the file"),
    "checking_storing": _("checking every row, then storing all of them or none"),
    # evidence: kinds of source (Art. 12(2)) and practices reported
    "international_court_judgment": _("Judgment of an international court"),
    "un_body_finding": _("Finding of a UN body"),
    "coe_body_finding": _("Finding of a Council of Europe body"),
    "eu_body_finding": _("Finding of an EU body"),
    "cpt_report": _("Report of the CPT"),
    "un_special_rapporteur_report": _("Report of a UN Special Rapporteur"),
    "national_court_judgment": _("Judgment of a national court"),
    "civil_society_report": _("Report of a civil society organisation"),
    "destination_export_restriction": _("Export restriction of the destination"),
    "evidence:other": pgettext_lazy("evidence kind", "Other source"),
    "electric_shock": _("Electric shock"),
    "restraints": _("Restraints"),
    "beatings": _("Beatings"),
    "chemical_irritants": _("Chemical irritants"),
    "stress_positions": _("Stress positions"),
    "judicial_corporal_punishment": _("Judicial corporal punishment"),
    "ill_treatment_in_detention": _("Ill-treatment in detention"),
    "other_torture": _("Other torture or ill-treatment"),
    "lethal_injection": _("Lethal injection"),
    "hanging": _("Hanging"),
    "shooting": _("Shooting"),
    "beheading": _("Beheading"),
    "electrocution": _("Electrocution"),
    "gas": _("Gas"),
    "other_execution": _("Other method of execution"),
    # screening explanations (docs/screening.md): how two name parts matched...
    "how:exact": _("same spelling"),
    "how:typo": _("close spelling (a typing slip)"),
    "how:folded": _("same once transliteration variants are set aside (kh/k, y/i, double letters)"),
    "how:initial": _("an initial of the name part"),
    "how:phonetic": _("sounds the same"),
    "how:skeleton": _("same consonants"),
    "how:abbreviation": _("an abbreviation of the word"),
    "how:abjad": _("same consonants across Arabic and Latin script"),
    "how:article": _(
        "the same word with the Arabic article written onto it (ALOTAIBI / AL-OTAIBI)"
    ),
    "how:none": _("no likeness"),
    # ...which rule gave the name score...
    "rule:aligned": _("name parts compared one by one, in any order"),
    "rule:aligned_with_conflict": _(
        "name parts compared one by one; both names keep a distinctive part the other lacks, "
        "so the score was cut"
    ),
    "rule:merged": _("whole names compared with their spacing ignored (ABDUL HAI / ABDULHAI)"),
    "rule:merged_abjad": _(
        "whole names compared as one word of consonants, across Arabic and Latin script"
    ),
    "rule:acronym": _("an acronym compared with the initials of the other name"),
    "rule:identical": _("the very same name in Arabic script (vowel marks and spacing aside)"),
    # ...the facts compared besides the name, and a ¶109 listing's status
    "feature:birth_date": _("birth date"),
    "feature:country": _("country"),
    "feature:identifier": _("identifier"),
    "listing:listed": _("listed"),
    "listing:under_review": _("under review"),
    "listing:delisted": _("delisted"),
    # the expert mechanism's notices to the states (releases/received.py)
    "amendment:question": _("Question"),
    "amendment:decision": _("Decision"),
    "amendment:adopted": _("Adopted"),
    "amendment:rejected": _("Rejected"),
    # activities, as the annual report's rows name them (the application types above differ)
    "activity:export": pgettext_lazy("activity", "Export"),
    "activity:import": pgettext_lazy("activity", "Import"),
    "activity:transit": pgettext_lazy("activity", "Transit"),
    "activity:brokering": pgettext_lazy("activity", "Brokering"),
    "activity:technical_assistance": pgettext_lazy("activity", "Technical assistance"),
    "activity:training": pgettext_lazy("activity", "Training"),
    "activity:trade_fair": pgettext_lazy("activity", "Trade fair"),
    "activity:advertising": pgettext_lazy("activity", "Advertising"),
    "activity:manufacture": pgettext_lazy("activity", "Manufacture"),
}


def label(code: object, context: str = "") -> str:
    """The translated name of a code, or the code made readable when it has none yet. A context
    ("evidence") picks the meaning of a code that several vocabularies share ("other")."""
    text = LABELS.get(f"{context}:{code}") if context else None
    text = text if text is not None else LABELS.get(str(code))
    return str(text) if text is not None else str(code).replace("_", " ")


def choices(codes: list[str], context: str = "") -> list[tuple[str, str]]:
    return [(code, label(code, context)) for code in codes]
