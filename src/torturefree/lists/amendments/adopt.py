"""What an adopted amendment changes in data/: the entry file with new versions from the day it
applies and citations to the decision; and, for a repealed urgent amendment, the change that
ends it. A pure function of the procedure and the current file, reviewed as a diff before use."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from torturefree.lists.amendments.errors import ProcedureError
from torturefree.lists.amendments.model import Change
from torturefree.lists.amendments.state import Procedure
from torturefree.lists.amendments.yamltext import append_version, checked, close_version, dump

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DataChange:
    """One file of data/ before and after (before None: a new file)."""

    path: str  # relative to the data folder, POSIX
    before: str | None
    after: str
    summary: str

    def apply(self, root: Path) -> None:
        target = root / self.path
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != self.before:
            raise ProcedureError(f"{self.path} changed since the change was computed", field="data")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".yaml.tmp")
        temporary.write_text(self.after, encoding="utf-8")
        temporary.replace(target)


def citation(procedure: Procedure, repeal: bool = False) -> dict[str, Any]:
    decision = _decision(procedure)
    request = procedure.request
    if repeal:
        objection = procedure.objections[-1]
        return {
            "title": f"Expert mechanism: urgent amendment {request.id} repealed on objection by "
            f"{objection['by']} on {objection['at'].isoformat()}",
            "note": objection["text"],
        }
    route = "urgency procedure, provisional" if request.urgent else "amendment procedure"
    return {
        "title": f"Expert mechanism decision on request {request.id} of {request.requester}, "
        f"{decision.at.isoformat()} ({route}): {decision.tally.words()}",
        "note": decision.reasons,
    }


def adoption_change(procedure: Procedure, root: Path) -> DataChange:
    """The data/ change an adopted request makes (refused unless the request is adopted)."""
    if procedure.state != "adopted":
        raise ProcedureError(f"the request is {procedure.state}, not adopted", field="state")
    request = procedure.request
    path = f"lists/{request.instrument}/{request.entry.split('/', 1)[1]}.yaml"
    before = _read(root, path)
    applies = _decision(procedure).applies_from
    assert applies is not None  # set on adoption
    if request.change is Change.ADD:
        if before is not None:
            raise ProcedureError(f"{request.entry} already exists: request a change", field="entry")
        return _new_entry(procedure, path, applies)
    if before is None:
        raise ProcedureError(f"{request.entry} is not an entry file of data/", field="entry")
    doc, last = _open_last(before, applies, request.entry)
    text = close_version(before, last["valid_from"], applies - DAY)
    last["valid_until"] = applies - DAY
    words = f"{request.entry}: ends on {applies - DAY}"
    if request.change is not Change.REMOVE:
        version = _version(procedure, applies)
        text = append_version(text, version)
        doc["versions"].append(version)
        words += f"; new version from {applies}"
    return DataChange(path, before, checked(text, doc, path), words)


def repeal_change(procedure: Procedure, root: Path) -> DataChange:
    """End a repealed urgent amendment the day its objection was made; an entry it changed or
    removed gets its earlier version back from the next day."""
    if procedure.state != "repealed":
        raise ProcedureError(f"the request is {procedure.state}, not repealed", field="state")
    request = procedure.request
    path = f"lists/{request.instrument}/{request.entry.split('/', 1)[1]}.yaml"
    before = _read(root, path)
    if before is None:
        raise ProcedureError(f"{request.entry} is not an entry file of data/", field="entry")
    ends: dt.date = procedure.objections[-1]["at"]
    doc = yaml.safe_load(before)
    versions: list[dict[str, Any]] = doc["versions"]
    applies = _decision(procedure).applies_from
    text = before
    if request.change is not Change.REMOVE:
        added = versions[-1]
        if added.get("valid_from") != applies or "valid_until" in added:
            raise ProcedureError(
                f"{request.entry}'s last version is not the amendment's", field="entry"
            )
        text = close_version(text, applies, ends)
        added["valid_until"] = ends
    if request.change is not Change.ADD:
        earlier = [v for v in versions if v.get("valid_until") == applies - DAY]
        if not earlier:
            raise ProcedureError(
                f"{request.entry} has no version the amendment ended", field="entry"
            )
        restored = copy.deepcopy(earlier[-1])
        restored.pop("valid_until")
        restored["valid_from"] = ends + DAY
        restored["citation"] = citation(procedure, repeal=True)
        text = append_version(text, restored)
        versions.append(restored)
    return DataChange(path, before, checked(text, doc, path), f"{request.entry}: repealed {ends}")


def _decision(procedure: Procedure) -> Any:
    if procedure.decision is None:
        raise ProcedureError("the request has no decision", field="state")
    return procedure.decision


def _read(root: Path, path: str) -> str | None:
    target = root / path
    return target.read_text(encoding="utf-8") if target.exists() else None


def _version(procedure: Procedure, applies: dt.date) -> dict[str, Any]:
    draft = procedure.request.draft
    assert draft is not None  # the model requires one unless the entry is removed
    fields = draft.model_dump(mode="json", exclude_defaults=True)
    return {"valid_from": applies, **fields, "citation": citation(procedure)}


def _new_entry(procedure: Procedure, path: str, applies: dt.date) -> DataChange:
    request = procedure.request
    doc: dict[str, Any] = {
        "instrument": request.instrument,
        "versions": [_version(procedure, applies)],
    }
    if request.entry_terms:
        doc["terms"] = request.entry_terms
    return DataChange(path, None, dump(doc), f"{request.entry}: added from {applies}")


def _open_last(text: str, applies: dt.date, entry: str) -> tuple[dict[str, Any], dict[str, Any]]:
    doc = yaml.safe_load(text)
    last = doc["versions"][-1]
    if last.get("valid_until") is not None or last["valid_from"] >= applies:
        raise ProcedureError(
            f"{entry}'s last version is not open on {applies}: amend it by hand", field="entry"
        )
    return doc, last
