"""Filing the states' annual reports with the hub and the public overview of a year.

The secretariat files the public JSON a state's node wrote (`torturefree hub report file`); the
core (`torturefree.records.collected`) checks it and puts a year's reports together. Only
participants file, and only for themselves; the latest filing per state and year counts.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction

from torturefree.errors import InputError
from torturefree.paths import data_dir
from torturefree.records.collected import Filed, check_filed, overview, regions
from torturefree_service.hub.models import FiledReport, Participant

HUB = "HUB"


def states() -> list[str]:
    """The states expected to report: every participant but the hub itself."""
    return [p.state for p in Participant.objects.exclude(state=HUB).order_by("state")]


def file_report(document: Any, state: str, by: str) -> tuple[FiledReport, bool]:
    """Keep a state's public annual report; (the row, whether it is new)."""
    state = state.strip().upper()
    if state not in states():
        raise InputError(f"'{state}' is not a participating state", field="--state")
    if not by.strip():
        raise InputError("names who files it", field="--by")
    filed = check_filed(document, state)
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode("utf-8")).hexdigest()
    held = FiledReport.objects.filter(state=state, year=filed.year, sha256=digest).first()
    if held is not None:
        return held, False
    try:
        with transaction.atomic():
            row = FiledReport.objects.create(
                state=state, year=filed.year, document=document, sha256=digest, filed_by=by
            )
    except IntegrityError:  # filed at the same moment by another run
        return FiledReport.objects.get(state=state, year=filed.year, sha256=digest), False
    return row, True


def latest_filed(year: int) -> list[Filed]:
    rows = FiledReport.objects.filter(year=year).order_by("state", "-id")
    seen: dict[str, Filed] = {}
    for row in rows:
        seen.setdefault(row.state, Filed(row.state, row.year, row.document))
    return list(seen.values())


def years() -> list[int]:
    return sorted(set(FiledReport.objects.values_list("year", flat=True)), reverse=True)


def year_overview(year: int) -> dict[str, Any]:
    return overview(year, latest_filed(year), states(), regions(data_dir()))
