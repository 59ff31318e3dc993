"""The hub's URLs (ROOT_URLCONF of hub_settings): public pages, the directory, health."""

from django.urls import include, path
from django.views.i18n import set_language

from torturefree_service.hub import (
    caseviews,
    countryviews,
    deskaccess,
    deskviews,
    inbox,
    registerftm,
    registerviews,
    reportviews,
    tradeviews,
    views,
    watchlistviews,
)
from torturefree_service.ops.health import healthz
from torturefree_service.web.public import asset

hub_patterns = [
    path("", views.home, name="home"),
    path("participants", views.participants, name="participants"),
    path(views.DIRECTORY_PATH, views.directory, name="directory"),
    path("exchange/v1/inbox", inbox.inbox, name="inbox"),
    path("register/", registerviews.search, name="register"),
    path("register/entries/<int:index>", registerviews.entry, name="entry"),
    path("register/entries/<int:index>/proof", registerviews.proof, name="proof"),
    path("register/tree-head", registerviews.head, name="tree_head"),
    path("register/consistency", registerviews.consistency_view, name="consistency"),
    path("register/register.jsonl", registerviews.copy, name="copy"),
    path("register/register.ftm.json", registerftm.register_ftm, name="register_ftm"),
    path("register/personal-data", views.personal_data, name="personal_data"),
    path("register/results.json", registerviews.results_json, name="results_json"),
    path("register/results.csv", registerviews.results_csv, name="results_csv"),
    path("trade/", tradeviews.home, name="trade"),
    path("trade/flags", tradeviews.flags, name="trade_flags"),
    path("trade/flags/<str:flag_id>", tradeviews.flag, name="trade_flag"),
    path("trade/countries/<str:state>", tradeviews.country, name="trade_country"),
    path("trade/flow", tradeviews.flow, name="trade_flow"),
    path("countries/", countryviews.index, name="countries"),
    path("countries/compare", countryviews.compare, name="compare"),
    path("countries/compare.json", countryviews.compare_json, name="compare_json"),
    path("countries/<str:state>.json", countryviews.page_json, name="country_json"),
    path("countries/<str:state>", countryviews.page, name="country"),
    path("watchlist/", watchlistviews.page, name="watchlist"),
    path("watchlist/watchlist.csv", watchlistviews.latest_csv, name="watchlist_csv"),
    path("watchlist/watchlist.ftm.json", watchlistviews.latest_ftm, name="watchlist_ftm"),
    path(
        "watchlist/<int:version>.ftm.json", watchlistviews.release_ftm, name="watchlist_release_ftm"
    ),
    path(
        "watchlist/signature.json",
        watchlistviews.latest_signature,
        name="watchlist_latest_signature",
    ),
    path("watchlist/<int:version>.csv", watchlistviews.release_csv, name="watchlist_release"),
    path(
        "watchlist/<int:version>.signature.json",
        watchlistviews.release_signature,
        name="watchlist_signature",
    ),
    path("reports/", reportviews.overview_page, name="reports"),
    path("reports/<int:year>.json", reportviews.overview_json, name="reports_json"),
    path("cases/", caseviews.published, name="cases"),
    path("cases/new", caseviews.new, name="case_new"),
    path("cases/follow", caseviews.follow, name="case_follow"),
    path("cases/<int:number>", caseviews.outcome, name="case_outcome"),
    path("account/sign-in", deskaccess.sign_in, name="sign_in"),
    path("account/sign-out", deskaccess.sign_out, name="sign_out"),
    path("desk/", deskviews.desk, name="desk"),
    path("desk/cases/<int:number>", deskviews.desk_case, name="desk_case"),
    path("api/hub/v1/openapi.json", views.openapi, name="openapi"),
    path("api/hub/v1/cases", caseviews.api_submit, name="api_case_submit"),
    path("api/hub/v1/cases/<str:receipt>", caseviews.api_status, name="api_case_status"),
]
# Only the node's style sheet and language switch: none of the node's pages are served here.
shared_patterns = [
    path("assets/<str:name>", asset, name="asset"),
    path("language", set_language, name="set_language"),
]

urlpatterns = [
    path("", include((hub_patterns, "hub"))),
    path("", include("torturefree_service.amendments.urls")),  # the expert mechanism (#16)
    path("", include((shared_patterns, "web"))),
    path("healthz", healthz, name="healthz"),
]
