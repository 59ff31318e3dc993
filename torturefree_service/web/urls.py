"""The pages, by audience: public, trader, caseworker (thin views over the services)."""

from django.urls import path
from django.views.i18n import set_language

from torturefree_service.releases import public as release_public
from torturefree_service.releases import received as release_received
from torturefree_service.releases import views as release_views
from torturefree_service.web import (
    administration,
    auth,
    casework,
    checkpage,
    documents,
    evidence,
    exchangeview,
    jobs,
    letters,
    licences,
    officer,
    public,
    queue,
    settingsview,
    trader,
    twofactor,
)

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("assets/<str:name>", public.asset, name="asset"),
    path("language", set_language, name="set_language"),
    path("login", auth.sign_in, name="login"),
    path("logout", auth.sign_out, name="logout"),
    path("register", auth.register, name="register"),
    path("account/two-factor/", twofactor.setup, name="otp_setup"),
    path("account/two-factor/verify", twofactor.verify, name="otp_verify"),
    # public
    path("check", checkpage.check, name="check"),
    path("trader/check", checkpage.check, name="trader_check"),
    path("verify/", public.verify, name="verify"),
    path("verify/<str:code>", public.verify, name="verify_code"),
    path("lists/", public.lists, name="lists"),
    path("lists/changes", public.changes, name="changes"),
    path("lists/changes-on", release_public.changes_on, name="changes_on"),
    path("lists/changes-on.json", release_public.changes_on_feed, name="changes_on_feed"),
    path("casework/list-changes", release_received.list_changes, name="list_changes"),
    path("lists/entry/<path:entry_id>", public.entry, name="entry"),
    path("reports/annual/", public.annual, name="annual"),
    path("reports/annual/<int:year>", public.annual, name="annual_year"),
    path("reports/annual/<int:year>.<str:fmt>", public.annual_download, name="annual_file"),
    path("reports/annual/<int:year>/prepare", jobs.annual_prepare, name="annual_prepare"),
    path("jobs/<uuid:job_id>", jobs.job_page, name="job"),
    path("jobs/<uuid:job_id>/file", jobs.job_file, name="job_file"),
    # trader
    path("trader/", trader.home, name="trader_home"),
    path("trader/applications/new", trader.start, name="start"),
    path("trader/applications/<int:application_id>", trader.application, name="application"),
    path(
        "applications/<int:application_id>/decisions/<int:decision_id>/pdf",
        letters.decision_download,
        name="decision_pdf",
    ),
    path("trader/applications/<int:application_id>/draft/<str:step>", trader.draft, name="draft"),
    path(
        "trader/applications/<int:application_id>/details",
        trader.draft_details,
        name="draft_details",
    ),
    path("trader/applications/<int:application_id>/lines", trader.line_add, name="line_add"),
    path(
        "trader/applications/<int:application_id>/lines/<int:line_no>/remove",
        trader.line_remove,
        name="line_remove",
    ),
    path("trader/applications/<int:application_id>/parties", trader.party_add, name="party_add"),
    path(
        "trader/applications/<int:application_id>/parties/reuse",
        trader.party_reuse,
        name="party_reuse",
    ),
    path(
        "trader/applications/<int:application_id>/parties/<int:index>/remove",
        trader.party_remove,
        name="party_remove",
    ),
    path(
        "trader/applications/<int:application_id>/documents",
        trader.document_add,
        name="document_add",
    ),
    path("trader/applications/<int:application_id>/submit", trader.submit, name="submit"),
    path("trader/applications/<int:application_id>/withdraw", trader.withdraw, name="withdraw"),
    path("trader/applications/<int:application_id>/first-use", trader.first_use, name="first_use"),
    path("trader/questions/<int:question_id>/answer", trader.answer, name="answer"),
    # licences (holders and staff)
    path("licences/<int:licence_id>", licences.licence, name="licence"),
    path("licences/<int:licence_id>/pdf", licences.licence_download, name="licence_pdf"),
    path("documents/<int:document_id>", documents.document_file, name="document"),
    path("licences/<int:licence_id>/shipments", licences.shipment, name="shipment"),
    path("licences/<int:licence_id>/actions", officer.act, name="licence_act"),
    path("licences/<int:licence_id>/conditions", officer.conditions, name="licence_conditions"),
    path("licences/<int:licence_id>/extend", officer.extend, name="licence_extend"),
    path("licences/<int:licence_id>/lines", officer.lines, name="licence_lines"),
    # casework
    path("casework/denials/import", officer.denials_import, name="denials_import"),
    path("casework/", queue.queue, name="queue"),
    path("casework/views", queue.save_view, name="save_view"),
    path("casework/views/<int:view_id>/delete", queue.delete_view, name="delete_view"),
    path("casework/denials", queue.denials, name="denials"),
    # the exchange with other states (#13)
    path("casework/exchange/", exchangeview.exchange_home, name="exchange"),
    path(
        "casework/exchange/notices/<int:notice_id>",
        exchangeview.notice_page,
        name="exchange_notice",
    ),
    path(
        "casework/exchange/consultations/<int:consultation_id>",
        exchangeview.consultation_page,
        name="exchange_consultation",
    ),
    path(
        "casework/exchange/information/<int:request_id>/reply",
        exchangeview.information_reply,
        name="exchange_information_reply",
    ),
    path(
        "casework/exchange/sent-notices/<int:notice_id>/lift-hold",
        exchangeview.lift_hold,
        name="exchange_lift_hold",
    ),
    path(
        "casework/cases/<int:case_id>/consultations/<int:match_id>/exchange",
        exchangeview.case_consult,
        name="exchange_consult",
    ),
    path("casework/cases/<int:case_id>", casework.case_page, name="case"),
    path("casework/cases/<int:case_id>/summary", casework.case_print, name="case_summary"),
    path("casework/cases/<int:case_id>/assign", casework.assign_me, name="assign"),
    path("casework/cases/<int:case_id>/questions", casework.ask, name="ask"),
    path("casework/cases/<int:case_id>/notes", casework.note, name="note"),
    path("casework/cases/<int:case_id>/return", casework.send_back, name="return"),
    path("casework/cases/<int:case_id>/lines/<int:line_no>/rating", casework.rate, name="rate"),
    path("casework/cases/<int:case_id>/advice", casework.advise, name="advise"),
    path("casework/cases/<int:case_id>/decision", casework.decide, name="decide"),
    path(
        "casework/cases/<int:case_id>/consultations/<int:match_id>",
        casework.consult,
        name="consult",
    ),
    path("casework/cases/<int:case_id>/dispositions", casework.dispose, name="dispose"),
    path(
        "casework/cases/<int:case_id>/release-alerts/<int:alert_id>/resolve",
        release_views.alert_resolve,
        name="release_alert_resolve",
    ),
    path("evidence/", evidence.register, name="evidence"),
    path("evidence/new", evidence.create, name="evidence_new"),
    path("evidence/import", evidence.import_items, name="evidence_import"),
    path("evidence/<str:item_id>", evidence.item, name="evidence_item"),
    path("evidence/<str:item_id>/edit", evidence.edit, name="evidence_edit"),
    path("evidence/<str:item_id>/withdraw", evidence.withdraw, name="evidence_withdraw"),
    path("evidence/<str:item_id>/review", evidence.review, name="evidence_review"),
    # administration and audit
    path("admin/organisations", administration.organisations, name="organisations"),
    path(
        "admin/organisations/<int:organisation_id>/vetting",
        administration.vet,
        name="vet",
    ),
    path("admin/people", administration.people, name="people"),
    path("admin/settings", settingsview.service_settings, name="settings"),
    path("admin/people/<int:person_id>", administration.person, name="person"),
    path("audit/", administration.audit, name="audit"),
]
