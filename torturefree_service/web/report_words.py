"""The annual report's words in the reader's language (#18, item 4).

The core writes its reports in English and lets a caller translate (records/wording.py). The
phrases it says are listed here with gettext_noop so the catalogue check (tests/web/
test_catalogue.py) holds every one of them translated in every language; tests/web/
test_report_language.py checks that this list is all the core says.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_noop as N

from torturefree.records.wording import Wording

PHRASES = (
    N("Annual report %(year)s: trade in goods used for torture or capital punishment"),
    # the report's header
    N("year"), N("reporting states"), N("none"), N("version"), N("public"),
    N("full (not for publication)"), N("basis"), N("authorised and actual"),
    N("nil report: exports"), N("nil report: imports"), N("data withheld"), N("yes"), N("no"),
    N("withheld note"), N("generated on"),
    # the page counter at the foot of each PDF page
    N("page %(page)s of %(pages)s"),
    N(
        "Information whose disclosure the state considers contrary to its essential security "
        "interests or commercially sensitive has been withheld (Regulation (EU) 2019/125 "
        "Art. 26(3); Arms Trade Treaty Art. 13(3))."
    ),
    # the charts
    N("At a glance"), N("Decisions by category of goods"),
    N("Export decisions by destination (top %(n)s)"), N("Decisions per year"),
    N("granted"), N("refused"), N("refused (national ban)"), N("Nothing to show for this year."),
    # the tables and their columns
    N("Applications and decisions by activity (Art. 26(3))"),
    N("Goods concerned: applications and decisions by category and entry"),
    N("Countries concerned: applications and decisions by partner"),
    N("Exports, authorised and actual (ATT template layout)"),
    N("Imports, authorised and actual (ATT template layout)"),
    N(
        "End-user categories and end uses of authorised goods "
        "(UN Group of Governmental Experts on torture-free trade, 2022, para. 110)"
    ),
    N("Decisions over 5 years"), N("Nil: nothing to report."),
    N("activity"), N("applications"), N("refused national ban"), N("amended"), N("revoked"),
    N("annulled"), N("suspended"), N("category"), N("entry id"), N("partner"), N("unit"),
    N("number of items"), N("value"), N("currency"), N("licences"), N("end user category"),
    N("end use"),
    # how the figures are counted (the counting rules' own first lines)
    N("How the figures are counted"),
    N("Art. 26(3) 'number of applications received': counted in the year of submission."),
    N("Every decision is counted in the year it was taken, whatever the year of application."),
    N("Decisions of the year with `counted_as`."),
    N("The goods and countries an application concerns: its lines as first applied for."),
    N("The lines of each licence as last issued or amended on or before `as_of`."),
    N("'Authorised': lines of licences granted in the year, as amended by the year's end."),
    N("'Actual': what was shipped in the year, whatever year the licence was granted."),
    N("Shipments of the year with the goods and partner of the line they were shipped under."),
    N("Drop every application the state marked sensitive (Art. 26(3); ATT Art. 13(3))."),
)  # fmt: skip


def report_wording(language: str) -> Wording:
    """The core's report words through the catalogue, its cells through the labels layer."""
    from torturefree_service.web.reports import shown

    def phrase(text: str) -> str:
        with translation.override(language):
            return translation.gettext(text)

    def cell(column: str, value: Any) -> str:
        with translation.override(language):
            return shown(column, value)

    bidi = bool(translation.get_language_info(language)["bidi"])
    return Wording(lang=language, rtl=bidi, phrase=phrase, cell=cell)
