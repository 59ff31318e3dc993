"""The whole story in a real headless Chromium, with a screenshot and an axe check of every page:
the trader applies, the caseworker advises, the senior officer decides, the trader downloads the
licence and records a shipment, the code is verified publicly, a refusal makes a denial
notification; and the public pages, in English and French."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from torturefree_service.applications.models import Application
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.services import case_advise, case_assign
from torturefree_service.jobs.models import Job
from torturefree_service.licences.models import Licence
from torturefree_service.organisations.models import Organisation

from web.conftest import make_people, make_person
from web.pagekit import Pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(browser: Any, live_server: Any, transactional_db: Any) -> Pages:
    return Pages(browser, live_server.url)


def trader_applies(p: Pages) -> int:
    p.sign_in("trader")
    p.check("trader-home")
    p.go("/trader/applications/new")
    p.tick("type", "individual_export")
    p.pick("id_destination", "BR")
    p.type("id_end_use_detail", "Issued to the state police of Sao Paulo for training.")
    p.check("new-application")
    p.press("Save and continue")
    application_id = p.current_id(r"/applications/(\d+)/")

    # Bad input: a field-level message, and nothing typed is lost.
    p.type("id_description", "stun gun, 50 kV, handheld")
    p.type("id_cn_code", "9304 00 00")
    p.type("id_quantity", "-5")
    p.driver.execute_script("document.getElementById('id_quantity').removeAttribute('min')")
    p.press("Add line and identify")
    assert "Please correct the following" in p.text
    assert p.value("id_description") == "stun gun, 50 kV, handheld"
    assert p.value("id_cn_code") == "9304 00 00"
    assert p.driver.find_element("id", "id_quantity").get_attribute("aria-invalid") == "true"
    p.check("goods-bad-input")

    p.type("id_quantity", "100")
    p.type("id_value", "12000")
    p.press("Add line and identify")
    assert "Portable electric discharge weapons" in p.text  # live identification, with why
    assert "Licence required" in p.text
    p.check("goods-identified")

    p.go(f"/trader/applications/{application_id}/draft/parties")
    p.pick("id_role", "end_user")
    p.type("id_name", "Policia Militar do Estado de Sao Paulo")
    p.pick("id_country", "BR")
    p.type("id_type", "police")
    p.press("Add party")
    assert "Policia Militar do Estado de Sao Paulo" in p.text
    p.check("parties")

    p.go(f"/trader/applications/{application_id}/draft/documents")
    statement = Path(tempfile.mkdtemp()) / "end-use-statement.pdf"
    statement.write_bytes(b"%PDF-1.4 signed end-use statement")
    p.pick("id_kind", "end_use_statement")
    p.driver.find_element("id", "id_file").send_keys(str(statement))
    p.press("Upload")
    assert "end-use-statement.pdf" in p.text
    p.check("documents")

    p.go(f"/trader/applications/{application_id}/draft/submit")
    p.check("check-and-submit")
    p.press("Submit application")
    assert "Submitted" in p.text and "working days so far" in p.text  # status and clock
    p.check("application-submitted")
    return application_id


def caseworker_advises(p: Pages, application_id: int) -> int:
    case_id = Application.objects.get(pk=application_id).case.pk
    p.sign_in("caseworker")
    p.go("/casework/?status=new&type=individual_export")
    assert Application.objects.get(pk=application_id).reference in p.text
    p.type("id_name", "New export cases")
    p.press("Save these filters")
    assert "New export cases" in p.text  # a saved view
    p.check("queue")
    p.go(f"/casework/cases/{case_id}")
    p.press("Assign to me")
    assert "assigned to caseworker" in p.text
    p.check("case-in-review")
    p.tick("recommendation", "grant")
    p.type("id_text", "End user and end use are documented; no findings against.")
    p.press("Record advice")
    assert "Advice recorded" in p.text
    p.check("case-advised")
    return case_id


def senior_decides(p: Pages, case_id: int) -> None:
    p.sign_in("senior")
    p.go(f"/casework/cases/{case_id}")
    p.tick("recommendation", "grant")
    p.type("id_conditions", "No re-export without prior authorisation.")
    p.type("id_validity_months", "12")
    p.check("case-decide")
    p.press("Record decision")
    assert "Decision recorded" in p.text
    p.check("case-granted")
    p.go(f"/casework/cases/{case_id}/summary")
    p.check("case-summary")


def trader_downloads(p: Pages, application_id: int) -> str:
    p.sign_in("trader")
    p.go(f"/trader/applications/{application_id}")
    assert "Granted" in p.text
    p.check("application-granted")
    href = p.driver.find_element("partial link text", "Download the licence").get_attribute("href")
    assert p.download(href).startswith(b"%PDF")
    licence = Licence.objects.get(application_id=application_id)
    p.go(f"/licences/{licence.pk}")
    p.type("id_customs_reference", "DE-MRN-1")
    p.driver.execute_script(
        "arguments[0].value = arguments[1]",
        p.driver.find_element("id", "id_shipped_on"),
        licence.issued_on.isoformat(),
    )
    p.type("id_line_no", "1")
    p.type("id_quantity", "40")
    p.press("Record shipment")
    assert "Shipment recorded" in p.text and "DE-MRN-1" in p.text
    p.check("licence")
    return licence.verification_code


def refusal(p: Pages, people: dict[str, Any]) -> None:
    body = {
        "destination": "US",
        "end_use": "law_enforcement",
        "lines": [{"description": "stun gun, 50 kV, handheld", "quantity": 10, "value": 1200}],
        "parties": [{"role": "end_user", "name": "County Jail Services", "country": "US"}],
    }
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=body)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    case_advise(
        by=who["caseworker"], case=case, recommendation="refuse", reasons=["art12_2_torture"]
    )
    p.sign_in("senior")
    p.go(f"/casework/cases/{case.pk}")
    p.tick("recommendation", "refuse")
    p.tick("reasons", "art12_2_torture")
    assert "Article 12(2)" in p.value("id_text")  # the pick-list fills the standard wording
    p.press("Record decision")
    assert "Denial notification" in p.text and "notify by" in p.text
    p.check("case-refused")
    p.go("/casework/denials")
    assert case.reference in p.text
    p.check("denials")


def staff_pages(p: Pages, code: str) -> None:
    """A senior officer suspends and reinstates; denials imported; vetting; the auditor's ledger."""
    licence = Licence.objects.get(verification_code=code)
    p.sign_in("senior")
    p.go(f"/licences/{licence.pk}")
    p.driver.find_element("xpath", "//summary[contains(., 'Suspend, reinstate')]").click()
    p.tick("act-action", "suspend")
    p.type("id_act-reason", "Inspection of the end user's premises pending.")
    p.check("licence-actions")
    p.press("Record the action")
    assert "The licence is now suspended" in p.text
    p.check("licence-suspended")
    p.sign_in("caseworker")
    p.go("/casework/denials/import")
    p.tick("format", "csv")
    rows = (
        "issuing_state,reference,decided_on,destination,end_user_name\nFR,FR-25-1,2025-13-01,BR,X"
    )
    p.type("id_content", rows)
    p.press("Import")
    # A background job: its page names the row, and offers the paste again to correct.
    assert "Failed" in p.text and "Row 1 after the header, decided_on" in p.text
    assert "FR-25-1" in p.value("id_content")
    p.check("denial-import-failed-job")
    p.type("id_content", rows.replace("2025-13-01", "2025-01-13"))
    p.press("Import")
    assert "Done" in p.text and "1 notifications added" in p.text
    p.check("denial-import-done-job")
    p.follow("See the result")
    assert "FR-25-1" in p.text
    evidence_pages(p)
    Organisation.objects.create(name="Fresh Exports Ltd", kind="exporter", country="IE")
    make_person("admin", "administrator")
    p.sign_in("admin")
    p.go("/admin/organisations")
    p.check("admin-organisations")
    p.go("/admin/people")
    p.check("admin-people")
    p.follow("senior2")
    p.pick("id_role", "trader")
    p.type("id_reason", "Moved to the audit unit.")
    p.press("Save")
    assert "Please correct the following" in p.text  # staff never becomes a trader
    assert p.value("id_reason") == "Moved to the audit unit."
    p.check("admin-person-refused")
    p.pick("id_role", "auditor")
    p.press("Save")
    assert "senior2: changes saved." in p.text
    p.sign_in("auditor")
    p.go(f"/audit/?subject=licence/{licence.number}")
    p.press("Verify the ledger now")
    assert "The hash chain is intact" in p.text and "licence.suspend" in p.text
    p.check("audit-ledger")


def evidence_pages(p: Pages) -> None:
    """A caseworker enters an item (a mistake first), changes it, imports a file, withdraws."""
    p.go("/evidence/new")
    p.pick("id_kind", "un_body_finding")
    p.type("id_issuing_body", "UN Committee against Torture")
    p.pick("id_country", "BR")
    p.driver.execute_script("document.getElementById('id_date').value = '2025-05-02'")
    p.type("id_title", "ab")
    p.tick("practices", "electric_shock")
    p.type("id_goods", "stun guns")
    p.type("id_reason", "Read in the session report.")
    p.press("Enter the item")
    assert "Please correct the following" in p.text and p.value("id_goods") == "stun guns"
    p.check("evidence-new-bad-input")
    p.type("id_title", "Concluding observations on Brazil")
    p.press("Enter the item")
    assert "Evidence item entered." in p.text and "Finding of a UN body" in p.text
    p.check("evidence-item")
    p.follow("Change this item")
    p.type("id_summary", "Electric shock weapons used in prisons.")
    p.type("id_reason", "Summary added.")
    p.check("evidence-edit")
    p.press("Save the changes")
    assert "the earlier version is kept" in p.text and "Summary added." in p.text
    p.driver.find_element("xpath", "//summary[contains(., 'Withdraw this item')]").click()
    p.type("id_wd-reason", "Superseded by the 2026 observations.")
    p.press("Withdraw")
    assert "Evidence item withdrawn." in p.text
    p.go("/evidence/import")
    p.tick("format", "csv")
    p.type(
        "id_content",
        "id,kind,issuing_body,country,date,citation_title\n"
        "ev-cpt-tr,cpt_report,CPT,TR,2024-03-01,Visit to Türkiye",
    )
    p.type("id_reason", "CPT visit reports, 2024.")
    p.check("evidence-import")
    p.press("Import")
    assert "1 items added" in p.text
    p.follow("See the result")
    assert "Visit to Türkiye" in p.text and "Report of the CPT" in p.text
    p.check("evidence-register")


def report_job(p: Pages) -> None:
    """The annual report's files are prepared by a job; a waiting job's page refreshes itself."""
    p.driver.delete_all_cookies()
    p.go("/reports/annual/")
    p.check("annual-report")
    p.press("PDF")
    assert "Done" in p.text
    p.check("report-job-done")
    href = p.driver.find_element("partial link text", "Download annual-").get_attribute("href")
    assert p.download(href).startswith(b"%PDF")
    waiting = Job.objects.create(kind="annual_report", params={"year": 2024, "format": "csv"})
    Job.objects.filter(pk=waiting.pk).update(state="running", step=2, steps=3, step_note="counting")
    p.go(f"/jobs/{waiting.pk}")
    refresh = p.driver.find_elements("css selector", "meta[http-equiv='refresh']")
    assert refresh and "step 2 of 3" in p.text
    p.follow("Stop updating")  # WCAG 2.2.1: axe checks the page as a reader can keep it
    assert not p.driver.find_elements("css selector", "meta[http-equiv='refresh']")
    p.check("report-job-running")


def public_pages(p: Pages, code: str) -> None:
    p.driver.delete_all_cookies()
    p.go("/")
    p.check("home")
    p.go("/verify/")
    p.type("id_code", code)
    p.press("Check")
    assert "Genuine" in p.text and "valid today" in p.text
    assert "Policia Militar" not in p.text  # no personal data beyond what the licence shows
    p.check("verify")
    p.go("/lists/?date=2019-12-31")
    assert "Annex" in p.text
    p.check("lists")
    p.go("/lists/changes?before=2019-12-31&after=2025-12-31")
    p.check("list-changes")
    p.go("/lists/entry/eu-2019-125/portable-electric-discharge-weapons")
    p.check("list-entry")
    report_job(p)
    p.go(f"/verify/{code}")
    p.press("Français", within="header")
    assert "Authentique" in p.text
    p.check("verify-fr")
    p.press("English", within="header")


def test_the_whole_story_in_chromium(pages: Pages) -> None:
    people = make_people()
    application_id = trader_applies(pages)
    case_id = caseworker_advises(pages, application_id)
    senior_decides(pages, case_id)
    code = trader_downloads(pages, application_id)
    refusal(pages, people)
    staff_pages(pages, code)
    public_pages(pages, code)
    assert not pages.problems, "axe found serious or critical problems:\n" + "\n".join(
        pages.problems
    )
    assert len(pages.shots) >= 20
