"""Journeys of #20 in real headless Chromium, each page photographed and checked by axe-core."""

from __future__ import annotations

from typing import Any

import pytest

from web.pagekit import Pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(browser: Any, live_server: Any, transactional_db: Any) -> Pages:
    return Pages(browser, live_server.url)


def test_public_checker_asks_about_handcuffs_then_answers(pages: Pages) -> None:
    p = pages
    p.go("/check")
    p.type("id_description", "handcuffs with chain")
    p.press("Check")
    assert "We need to know more" in p.text
    p.check("checker-asks")
    p.type("p_overall_length_locked", "250")
    p.type("p_inside_circumference_last_notch", "160")
    p.type("p_inside_circumference_first_notch", "210")
    p.press("Check again with these answers")
    assert "Not controlled" in p.text
    assert "What your answers settled" in p.text
    p.check("checker-answered")
    p.go("/check?description=electric+shock+belt")
    assert "Export is prohibited: Regulation (EU) 2019/125, Article 3(1)." in p.text
    p.check("checker-prohibited")
    p.go("/lists/?q=menottes")
    assert "Shackles" in p.text
    p.check("lists-search")
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)


def test_a_trader_drafts_meets_a_prohibited_line_removes_it_and_submits(pages: Pages) -> None:
    """The draft journey (#20): each line explained in words, a prohibited line stops the
    submit with what to do instead, removed, then the rest submitted; officers open the
    uploaded statement; every role lands on its own home; a refusal page links onwards."""
    import tempfile
    from pathlib import Path

    from torturefree_service.applications.models import Application

    from web.conftest import make_people, make_person

    make_people()
    make_person("admin", "administrator")
    p = pages
    p.sign_in("trader")
    assert p.driver.current_url.endswith("/trader/")
    p.go("/trader/applications/new")
    p.tick("type", "individual_export")
    p.pick("id_destination", "KE")
    p.type("id_end_use_detail", "Kenya Prisons Service, transport of detainees.")
    p.press("Save and continue")
    application_id = p.current_id(r"/applications/(\d+)/")
    p.type("id_description", "stun gun, 50 kV, handheld")
    p.type("id_quantity", "100")
    p.press("Add line and identify")
    p.type("id_description", "thumb cuffs, serrated, steel")
    p.type("id_cn_code", "7326 90 98")
    p.type("id_quantity", "20")
    p.press("Add line and identify")
    assert "Listed in Annex III, item 2.1: Portable electric discharge weapons" in p.text
    assert "Export is prohibited: Regulation (EU) 2019/125, Article 3(1)." in p.text
    assert "Technical detail" in p.text and "goods_v1:" not in p.text  # the trace stays shut
    p.check("draft-goods-explained")

    p.go(f"/trader/applications/{application_id}/draft/parties")
    p.pick("id_role", "end_user")
    p.type("id_name", "Kenya Prisons Service")
    p.pick("id_country", "KE")
    p.press("Add party")
    p.go(f"/trader/applications/{application_id}/draft/documents")
    statement = Path(tempfile.mkdtemp()) / "end-use-statement.txt"
    statement.write_text("For the transport of detainees only; no re-export.", encoding="utf-8")
    p.pick("id_kind", "end_use_statement")
    p.driver.find_element("id", "id_file").send_keys(str(statement))
    p.press("Upload")
    p.go(f"/trader/applications/{application_id}/draft/submit")
    assert "These goods cannot be exported" in p.text
    assert "Line 2 (thumb cuffs, serrated, steel) is prohibited." in p.text
    assert "Submit application" not in p.text  # no submit button while a line is prohibited
    assert "Kenya" in p.text and "100 pieces" in p.text  # labels, not codes
    p.check("draft-submit-blocked")

    p.follow("Remove the prohibited lines")
    p.press("Remove line 2")
    p.go(f"/trader/applications/{application_id}/draft/submit")
    assert "These goods cannot be exported" not in p.text
    p.check("draft-submit-ready")
    p.press("Submit application")
    assert "working days so far" in p.text
    p.check("draft-submitted")

    case_id = Application.objects.get(pk=application_id).case.pk
    p.sign_in("caseworker")
    assert p.driver.current_url.endswith("/casework/")
    p.go(f"/casework/cases/{case_id}")
    p.follow("end-use-statement.txt")
    assert "For the transport of detainees only" in p.text
    p.sign_in("admin")
    assert p.driver.current_url.endswith("/admin/organisations")
    p.check("admin-home")
    p.go("/casework/")
    assert "Not allowed" in p.text and "Go to your own pages" in p.text
    p.check("refusal-next-steps")
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)
