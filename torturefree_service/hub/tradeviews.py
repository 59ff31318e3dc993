"""The hub's public trade pages (issue 15, seed ¶111): the trade imported, per country and per
flow the mirror statistics with charts drawn on the server, the flags with their why and the
records behind them, and every table as CSV, XLSX or JSON.

The pages show what `torturefree trade mirror|flags|chart` print: the same functions of
`torturefree.trade.views` over the same monitor. Dismissing a flag is the analyst's command
(`torturefree trade dismiss`); a page shows the dismissal and its reason.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from torturefree.trade.export import FORMATS, write_tables
from torturefree.trade.monitor import KINDS
from torturefree.trade.views import code_view, country_view, flat_flags
from torturefree_service.hub.countries import country_name
from torturefree_service.hub.trade import Loaded, about, monitor

SHOWN = 200  # rows of a table on a page; the downloads carry all of them
STATE = re.compile(r"^[A-Z]{2}$")
CODE = re.compile(r"^[0-9]{2,6}$")


class BadQuery(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def _state(value: str | None, field: str) -> str:
    code = (value or "").strip().upper()
    if not STATE.match(code):
        raise BadQuery(field, _("an ISO 3166 alpha-2 code of two letters, e.g. ZA"))
    return code


def _code(value: str | None) -> str:
    code = (value or "").strip()
    if not CODE.match(code):
        raise BadQuery("code", _("an HS code of 2 to 6 digits, e.g. 930400 or 9304"))
    return code


def _format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise BadQuery("format", _("one of csv, xlsx, json"))
    return fmt


def _download(
    tables: dict[str, list[dict[str, Any]]], fmt: str, info: dict[str, Any], name: str
) -> HttpResponse:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"{name}.{fmt}"
        write_tables(tables, fmt, out, info)
        body = out.read_bytes()
    kinds = {
        "csv": "text/csv; charset=utf-8",
        "json": "application/json",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    answer = HttpResponse(body, content_type=kinds[fmt])
    answer["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return answer


def _table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A table for the page: its columns, its first rows, and how many there are in all."""
    columns = list(dict.fromkeys(k for r in rows for k in r if not isinstance(r[k], dict | list)))
    shown = [[r.get(c) for c in columns] for r in rows[:SHOWN]]
    return {"columns": columns, "rows": shown, "total": len(rows), "cut": len(rows) > SHOWN}


def _bad(request: HttpRequest, error: BadQuery) -> HttpResponse:
    context = {"field": error.field, "reason": error.reason}
    return render(request, "hub/trade_bad.html", context, status=400)


def _empty(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/trade_empty.html", status=200)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    with monitor() as loaded:
        if loaded is None:
            return _empty(request)
        m = loaded.monitor
        counts = {k: sum(1 for f in loaded.flags if f["kind"] == k) for k in KINDS}
        exporters = sorted({r["exporter"] for r in m.engine.rows(m.mirror().select("exporter"))})
        context = {
            "imports": m.store.imports(),
            "years": m.years,
            "counts": counts,
            "countries": [(c, country_name(c, get_language())) for c in exporters],
            "about": about(m),
        }
    return render(request, "hub/trade_home.html", context)


def _matching(loaded: Loaded, kind: str | None, country: str | None) -> list[dict[str, Any]]:
    found = loaded.flags
    if kind:
        found = [f for f in found if f["kind"] == kind]
    if country:
        found = [f for f in found if country in f["keys"].values()]
    return found


@require_GET
def flags(request: HttpRequest) -> HttpResponse:
    try:
        fmt = _format(request)
        kind = request.GET.get("kind") or None
        if kind is not None and kind not in KINDS:
            raise BadQuery("kind", _("one of %(kinds)s") % {"kinds": ", ".join(KINDS)})
        country = request.GET.get("country") or None
        country = _state(country, "country") if country else None
    except BadQuery as error:
        return _bad(request, error)
    with monitor() as loaded:
        if loaded is None:
            return _empty(request)
        found = _matching(loaded, kind, country)
        info = about(loaded.monitor)
    if fmt == "json":
        return _download({"flags": found}, fmt, info, "flags")
    if fmt:
        return _download({"flags": flat_flags(found)}, fmt, info, "flags")
    context = {"flags": found, "kinds": KINDS, "kind": kind, "country": country or ""}
    return render(request, "hub/trade_flags.html", context | {"query": request.GET.urlencode()})


@require_GET
def flag(request: HttpRequest, flag_id: str) -> HttpResponse:
    with monitor() as loaded:
        if loaded is None:
            raise Http404("no trade data")
        found = next((f for f in loaded.flags if f["id"] == flag_id), None)
        if found is None:
            raise Http404("no such flag")
        records = loaded.monitor.records(found, SHOWN)
    context = {"flag": found, "records": _table(records), "figures": found["figures"].items()}
    return render(request, "hub/trade_flag.html", context)


@require_GET
def country(request: HttpRequest, state: str) -> HttpResponse:
    try:
        code = _state(state, "country")
        fmt = _format(request)
    except BadQuery as error:
        return _bad(request, error)
    with monitor() as loaded:
        if loaded is None:
            return _empty(request)
        view = country_view(loaded.monitor, code, loaded.flags)
        info = about(loaded.monitor) | {"title": view["title"]}
    if fmt:
        return _download(view["tables"], fmt, info, f"trade-{code}")
    context = {
        "state": code,
        "name": country_name(code, get_language()),
        "view": view,
        "mirror": _table(view["tables"]["mirror"]),
        "flags": view["flags"],
        "about": info,
    }
    return render(request, "hub/trade_country.html", context)


@require_GET
def flow(request: HttpRequest) -> HttpResponse:
    try:
        exporter = _state(request.GET.get("exporter"), "exporter")
        importer = _state(request.GET.get("importer"), "importer")
        code = _code(request.GET.get("code"))
        fmt = _format(request)
    except BadQuery as error:
        return _bad(request, error)
    with monitor() as loaded:
        if loaded is None:
            return _empty(request)
        view = code_view(loaded.monitor, code, exporter, importer)
        info = about(loaded.monitor) | {"title": view["title"]}
    if fmt:
        return _download(view["tables"], fmt, info, f"trade-{exporter}-{importer}-{code}")
    context = {
        "exporter": exporter,
        "importer": importer,
        "code": code,
        "view": view,
        "mirror": _table(view["tables"]["mirror"]),
        "query": request.GET.urlencode(),
        "about": info,
    }
    return render(request, "hub/trade_flow.html", context)
