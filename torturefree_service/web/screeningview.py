"""Screening hits shaped for reading: the alias, the rule, each name part and each fact's effect.

Everything comes from the result stored with the checks on submit, never from a new screening:
the page shows the answer given then, with the algorithm and list versions that gave it, so an
officer can explain a score (lessons.md §2.1) and see the same explanation later.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from torturefree_service.cases.models import RescreenAlert
from torturefree_service.web.labels import label

# Rounding room when checking that the name score plus the facts' effects gives the score.
_CAPPED = 0.0005


def hit_explained(match: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """Why a stored hit scored what it did, or None for a hit stored without its explanation."""
    why = match.get("explanation")
    if not isinstance(why, dict) or not isinstance(why.get("name"), dict):
        return None
    name: dict[str, Any] = why["name"]
    name_score = float(why.get("name_score", name.get("name_score", 0.0)))
    features = [_feature(f) for f in why.get("features", [])]
    moved = sum(float(f.get("delta", 0.0)) for f in why.get("features", []))
    rule = str(name.get("rule", ""))
    return {
        "alias": why.get("matched_alias") or match.get("matched_name", ""),
        "weak": bool(why.get("alias_is_weak")),
        "weak_factor": config.get("weak_alias_factor"),
        "name_score": name_score,
        "rule": rule,
        "rule_label": label(rule, "rule") if rule else "",
        "pairs": [_pair(p) for p in name.get("aligned", [])],
        "unmatched_query": list(name.get("unmatched_query", [])),
        "unmatched_alias": list(name.get("unmatched_alias", [])),
        "features": features,
        "moved": signed(moved),
        # Scores stop at 0 and 1: say so when name score plus effects went past either end.
        "capped": abs(name_score + moved - float(match.get("score", 0.0))) > _CAPPED,
    }


def _pair(pair: dict[str, Any]) -> dict[str, Any]:
    how = str(pair.get("how", ""))
    return {
        "query": pair.get("query", ""),
        "alias": pair.get("alias", ""),
        "how": how,
        "how_label": label(how, "how"),
        "similarity": float(pair.get("similarity", 0.0)),
    }


def _feature(effect: dict[str, Any]) -> dict[str, Any]:
    """One fact compared on both sides, as a sentence with its signed effect on the score."""
    words = {
        "feature": label(effect.get("feature", ""), "feature"),
        "query": effect.get("query", ""),
        "entity": ", ".join(str(e) for e in effect.get("entity", [])),
        "delta": signed(float(effect.get("delta", 0.0))),
    }
    outcome = effect.get("outcome")
    if outcome == "match":
        text = _("%(feature)s %(query)s matches %(entity)s: %(delta)s") % words
    elif outcome == "mismatch":
        text = _("%(feature)s %(query)s vs %(entity)s: %(delta)s") % words
    else:
        text = _("%(feature)s %(query)s is close to %(entity)s: %(delta)s") % words
    return {"text": text, "outcome": outcome}


def signed(value: float) -> str:
    """'+0.10', '−0.10' (a real minus sign) or '0.00', in the page's number format."""
    amount = Decimal(str(abs(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    shown = number_format(amount, 2)
    if amount == 0:
        return shown
    return ("+" if value > 0 else "\u2212") + shown


def screened_with(result: dict[str, Any]) -> dict[str, Any] | None:
    """The algorithm, list versions and time of a party's stored screening (None if unrecorded)."""
    if not result.get("algorithm"):
        return None
    when = result.get("screened_at")
    try:
        at = dt.datetime.fromisoformat(when) if isinstance(when, str) else None
    except ValueError:
        at = None
    return {
        "algorithm": result["algorithm"],
        "versions": list(result.get("data_versions", [])),
        "at": at,
    }


def country_flags(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The ¶109 country listings the party's stored result was flagged with (older results: none)."""
    return [
        {**flag, "status_label": label(flag.get("status") or "", "listing")}
        for flag in result.get("country_listings") or []
    ]


def alert_hit(alert: RescreenAlert, current: dict[str, Any] | None) -> dict[str, Any]:
    """A re-screening alert as a hit explained from the match it stored, with the list version
    that raised it and, for a changed hit, the score it had before."""
    match: dict[str, Any] = alert.match or {}
    previous = match.get("previous_score")
    return {
        **match,
        "watchlist": alert.watchlist,
        "entity_id": alert.entity_id,
        "score": alert.score,
        "key": f"a{alert.pk}",
        "current": current,
        # The alert keeps the match, not the screener's config: no weak-alias factor to claim.
        "why": hit_explained(match, {}),
        "kind": alert.kind,
        "version": alert.data_version,
        "previous": float(previous) if previous is not None else None,
        "resolved": alert.resolved_at is not None,
        "disposition": alert.disposition,
        # A hit on a valid licence's party: the page names the licence, not a grant it stops.
        "licence": alert.licence,
    }
