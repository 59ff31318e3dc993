"""What a job can be: each kind checks who may ask before it is queued, then runs in steps.

Runners call the same services as the pages and the API (roles are checked there again, with
the person who asked), so a job does nothing its requester could not do in a request.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from torturefree_service.errors import Invalid
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person

# (step, steps, what): `what` is a code the pages translate (web/labels.py).
Progress = Callable[[int, int, str], None]
EARLIEST_YEAR = 2006  # Regulation (EC) No 1236/2005 applied from 2006
REPORT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv",
    "json": "application/json",
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Result:
    """A file to download, or an outcome to show with a link to where the work landed."""

    content: bytes | None = None
    name: str = ""
    content_type: str = ""
    outcome: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    check: Callable[[Person | None, dict[str, Any]], None]
    run: Callable[[Person | None, dict[str, Any], Progress], Result]
    # Pasted content may name end users: dropped from the row once stored, kept on failure so
    # the form can be shown again with everything typed.
    transient: tuple[str, ...] = ()


def _check_report(by: Person | None, params: dict[str, Any]) -> None:
    year, fmt = params.get("year"), params.get("format")
    if not isinstance(year, int) or not EARLIEST_YEAR <= year <= dt.date.today().year:
        raise Invalid("no report for that year", field="year")
    if fmt not in REPORT_TYPES:
        raise Invalid(f"must be one of {', '.join(REPORT_TYPES)}", field="format")
    language = params.get("language", "en")
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise Invalid("not one of the service's languages", field="language")


def _run_report(by: Person | None, params: dict[str, Any], progress: Progress) -> Result:
    """The public annual report (Art. 26(3)) through the records renderers, in three steps."""
    from torturefree.records.annual import build_annual
    from torturefree.records.counting import Tables
    from torturefree.records.render import ReportFormat, write_report
    from torturefree_service.audit.ledger import get_store
    from torturefree_service.web.report_words import report_wording

    year, kind = int(params["year"]), ReportFormat(params["format"])
    progress(1, 3, "reading_records")
    tables = Tables.from_arrow(get_store().arrow_tables())
    progress(2, 3, "counting")
    report = build_annual(tables, year, public=True)
    progress(3, 3, "writing_file")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"annual-{year}.{kind.value}"
        write_report(report, kind, out, report_wording(params.get("language", "en")))
        return Result(out.read_bytes(), out.name, REPORT_TYPES[kind.value])


def _check_import(by: Person | None, params: dict[str, Any]) -> None:
    if by is None:
        raise Invalid("sign in first", field="by")
    require_role(by, *CASEWORK)
    if not str(params.get("content") or "").strip():
        raise Invalid("nothing to import", field="content")


def _run_denials(by: Person | None, params: dict[str, Any], progress: Progress) -> Result:
    from torturefree_service.denials.services import denial_import

    if by is None:  # _check_import refused anonymous imports already
        raise Invalid("sign in first", field="by")
    progress(1, 1, "checking_storing")
    done = denial_import(by=by, fmt=params["format"], content=params["content"])
    return Result(outcome=dict(done))


def _run_evidence(by: Person | None, params: dict[str, Any], progress: Progress) -> Result:
    from torturefree_service.evidence.services import evidence_import

    if by is None:  # _check_import refused anonymous imports already
        raise Invalid("sign in first", field="by")
    progress(1, 1, "checking_storing")
    done = evidence_import(
        by=by, fmt=params["format"], content=params["content"], reason=params.get("reason", "")
    )
    return Result(outcome=dict(done))


KINDS: dict[str, Kind] = {
    "annual_report": Kind(_check_report, _run_report),
    "denial_import": Kind(_check_import, _run_denials, transient=("content",)),
    "evidence_import": Kind(_check_import, _run_evidence, transient=("content",)),
}
