"""The API: /api/v1/, OpenAPI 3 at /api/v1/openapi.json, bearer tokens by default."""

from __future__ import annotations

from ninja import NinjaAPI

from torturefree_service.api import (
    admin,
    applications,
    audit,
    cases,
    denials,
    evidence,
    exchange,
    licences,
    tools,
)
from torturefree_service.api.common import BearerToken, install_handlers

api = NinjaAPI(
    title="torturefree licensing service",
    version="1",
    description="Case work of a national licensing authority under Regulation (EU) 2019/125 "
    'Chapter V. Errors: {"error": {"code", "message", "field"}} with 4xx. Codes never change '
    "with the language; send Accept-Language (ar, zh-hans, en, fr, ru, es) and a JSON object "
    'also carries "labels": each code of the body named in that language, grouped by field '
    '({"status": {"submitted": "Déposée"}, "country": {"KE": "Kenya"}}).',
    auth=BearerToken(),
    urls_namespace="api-v1",
)
install_handlers(api)
api.add_router("", admin.login)
api.add_router("", licences.public)
api.add_router("", tools.router)
api.add_router("", admin.router)
api.add_router("", applications.router)
api.add_router("", cases.router)
api.add_router("", licences.router)
api.add_router("", denials.router)
api.add_router("", audit.router)
api.add_router("", evidence.router)
api.add_router("", exchange.router)
